import Foundation
import XCTest
import Scenario
import SimKit
import SiteModel
@testable import Planner

/// Advice comes from one diagnosis of the round and is checked in the simulation: a desk is
/// opened only where one is closed and someone is free, and shown only when it helps.
final class CheckedAdviceTests: XCTestCase {
    /// One site whose staffing opens 1 of its 3 desks while four teams swab: registration is
    /// the line.
    func scenario(registrars: Int) -> (Scenario, Plan) {
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.site("S1", desks: 3, stations: 4)
        b.building("B1", residents: 300, floors: 6, walk: ["S1": 1])
        b.cohort("c", departs: "06:40", drops: [("S1", 4)], shiftEnd: "10:00")
        b.staff(registrars: registrars)
        b.service(registration: .exponential(mean: 30), swab: .exponential(mean: 25))
        var plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: ClockWindow.parse("07:00-07:40")!)], origin: "code")
        plan.staffing = [Staffing(site: "S1", period: ClockWindow.parse("07:00-10:00")!, desks: 1, stations: 4)]
        return (b.scenario, plan)
    }

    func advice(_ s: Scenario, _ p: Plan) throws -> CheckedAdvice {
        let r = Experiment.run(try CompiledRound(scenario: s, plan: p), replications: 30, seed: 1, jobs: 2)
        return try CheckedAdvice.run(r, jobs: 2, replications: 30)
    }

    func testADeskIsOpenedWhereOneIsClosedAndSomeoneIsFree() throws {
        let (s, p) = scenario(registrars: 3)
        let a = try advice(s, p)
        let spell = try XCTUnwrap(a.diagnosis.spells.first)
        XCTAssertFalse(spell.swab, "registration is the line")
        let open = try XCTUnwrap(a.items.first { if case .openDesk = $0.action { return true } else { return false } })
        XCTAssertLessThan(open.p95Change.upper, 0, "shown only when it helps beyond doubt")
        XCTAssertFalse(a.noSlack)
    }

    func testNoFreeStaffIsSaidOnlyWhenNobodyHasSlack() throws {
        let (s, p) = scenario(registrars: 1)
        let a = try advice(s, p)
        XCTAssertFalse(a.diagnosis.spells.isEmpty)
        XCTAssertTrue(a.noSlack, "one registrar at the one open desk: nobody is free anywhere")
        XCTAssertFalse(a.items.contains { if case .openDesk = $0.action { return true } else { return false } })
    }

    /// The staffing rewritten over a spell keeps the rest of the site's periods as they were.
    func testRestaffingKeepsTheOtherPeriods() throws {
        let (s, p) = scenario(registrars: 3)
        let q = try XCTUnwrap(CheckedAdvice.restaffed(p, s, site: "S1", from: ClockTime.parse("07:15")!, to: ClockTime.parse("07:45")!) { ($0.desks + 1, $0.stations) })
        XCTAssertEqual(q.staffing.map { "\($0.period.description) \($0.desks)" }, ["07:00-07:15 1", "07:15-07:45 2", "07:45-10:00 1"])
        XCTAssertEqual(PlanCheck.problems(s, q), [])
    }
}
