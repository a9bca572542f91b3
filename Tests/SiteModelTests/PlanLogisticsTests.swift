import Foundation
import XCTest
import TestSupport
@testable import Scenario
@testable import SiteModel

/// The courier timetable and the door-to-door lists belong to the plan: a plan that changes
/// them changes what is simulated, is checked like the rest and survives a plan file.
final class PlanLogisticsTests: XCTestCase {
    static func t(_ s: String) -> Double { ClockTime.parse(s)! }

    func scenario() throws -> Scenario {
        try Fixtures.panjiayuan()
    }

    func testCourierTimetableFromThePlan() throws {
        let s = try scenario()
        var plan = s.effectivePlan
        let own = try CompiledRound(scenario: s, plan: plan).simulate(seed: 2, replication: 0)
        XCTAssertEqual(own[.courierRuns], 5) // every 45 minutes from 07:45 while there are tubes (the README figure)
        plan.courierTimetable = [CourierDepartures(courier: "K1", departs: [Self.t("09:00"), Self.t("11:00"), Self.t("12:30")])]
        XCTAssertEqual(PlanCheck.problems(s, plan), [])
        let planned = try CompiledRound(scenario: s, plan: plan).simulate(seed: 2, replication: 0)
        XCTAssertEqual(planned[.courierRuns], 3)
        XCTAssertGreaterThan(planned[.sampleAgeAtLabMeanMinutes], own[.sampleAgeAtLabMeanMinutes])
    }

    func testDoorToDoorListsFromThePlan() throws {
        let s = try scenario()
        var plan = s.effectivePlan
        let own = try CompiledRound(scenario: s, plan: plan).simulate(seed: 2, replication: 0)
        // D1 sets out an hour later and also takes D2's buildings; D2 keeps none of its own.
        plan.doorToDoorLists = [DoorToDoorList(team: "D1", start: Self.t("08:30"), buildings: ["B3", "B4", "B7", "B9", "B12", "B14", "B16"]),
                                DoorToDoorList(team: "D2", start: Self.t("07:30"), buildings: ["B12"])]
        XCTAssertEqual(PlanCheck.problems(s, plan).first?.message, "building `B12` is visited by door-to-door teams `D1` and `D2`; one team per building")
        plan.doorToDoorLists.removeLast()
        XCTAssertEqual(PlanCheck.problems(s, plan).first?.message, "building `B12` is visited by door-to-door teams `D1` and `D2`; one team per building")
        plan.doorToDoorLists.append(DoorToDoorList(team: "D2", start: Self.t("07:30"), buildings: ["B5"]))
        XCTAssertEqual(PlanCheck.problems(s, plan), [])
        let planned = try CompiledRound(scenario: s, plan: plan).simulate(seed: 2, replication: 0)
        XCTAssertGreaterThan(planned[.doorToDoorFinishMinutesAfterOpening], own[.doorToDoorFinishMinutesAfterOpening] + 60)
        XCTAssertEqual(planned[.doorToDoorHouseholdsDone], own[.doorToDoorHouseholdsDone])
    }

    func testTimetableAndListsRoundTrip() throws {
        let s = try scenario()
        var plan = s.effectivePlan
        plan.courierTimetable = [CourierDepartures(courier: "K1", departs: [Self.t("09:00"), Self.t("11:00")])]
        plan.doorToDoorLists = [DoorToDoorList(team: "D1", start: Self.t("08:00"), buildings: ["B9", "B7", "B4", "B3"])]
        let text = PlanWriter.yaml(plan)
        let back = try ScenarioLoader.parsePlan(text, file: "p.yaml", for: s)
        XCTAssertEqual(back.courierTimetable, plan.courierTimetable)
        XCTAssertEqual(back.doorToDoorLists, plan.doorToDoorLists)
        XCTAssertEqual(PlanWriter.yaml(back), text)
    }
}
