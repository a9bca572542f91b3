import XCTest
import TestSupport
@testable import Planner
import Scenario
import SimKit
import SiteModel

/// The re-plan brings back desks a morning lost: people from a site with a short line (or the
/// data desk) open them again from a clock time, and the written plan says so.
final class DeskReplanTests: XCTestCase {
    /// At 08:00 S1 has a long registration line and only one of its two desks worked; S2's line
    /// is empty and no one is free on the data desk (two community workers, both at desks the
    /// registrars cannot open). The re-plan sends one of S2's desk staff to S1, and the wait to
    /// register is shorter on paired intervals.
    func testADeskComesBackFromASiteWithAShortLine() throws {
        var s = try Fixtures.twoSites()
        s.staff.communityWorkers = 2
        var state = MorningState(sourcePath: "test", at: ClockTime.parse("08:00")!)
        state.queues = ["S1": .init(registration: 90, swab: 10), "S2": .init(registration: 0, swab: 0)]
        state.left = ["S1": 0, "S2": 0]
        state.desks = ["S1": 1]
        let options = Replanner.Options(objective: .mean, budget: .evaluations(60), seed: 3, jobs: 2, searchReplications: 6, compareReplications: 20)
        let r = try Replanner.run(scenario: s, plan: s.effectivePlan, state: state, options: options)
        let move = try XCTUnwrap(r.deskMoves.first, "no desk moved: \(r.teamMoves) \(r.moves.count)")
        XCTAssertEqual(move.from, "S2")
        XCTAssertEqual(move.to, "S1")
        XCTAssertEqual(move.desks, 1)
        // Not before the morning's time plus the walk (15 minutes where positions are not given).
        XCTAssertGreaterThanOrEqual(move.at, ClockTime.parse("08:15")!)
        XCTAssertEqual(r.plan.deskMoves, r.deskMoves)
        let wait = try XCTUnwrap(r.figures.first { $0.metric == .waitRegistrationMinutes })
        XCTAssertLessThan(wait.difference.upper, 0, "registration wait not shorter: \(wait.difference.mean) ± \(wait.difference.halfWidth)")
        // The written plan reads back with its move, and no rule is broken.
        let back = try ScenarioLoader.parsePlan(PlanWriter.yaml(r.plan), file: "replanned.yaml", for: s)
        XCTAssertEqual(back.deskMoves, r.plan.deskMoves)
        XCTAssertEqual(PlanCheck.problems(s, back), [])
    }

    /// With nobody to spare (one desk a site, no one on the data desk) there is no candidate.
    func testNoDeskMoveWithoutSomeoneToSend() throws {
        var s = try Fixtures.twoSites()
        s.staff.communityWorkers = 2
        s.sites[1].registrationDesks = 1
        var state = MorningState(sourcePath: "test", at: ClockTime.parse("08:00")!)
        state.desks = ["S1": 1]
        XCTAssertEqual(DeskMoves.dataDeskWorkers(s.effectivePlan, scenario: s, at: state.at), 1)
        s.staff.communityWorkers = 1
        let none = DeskMoves.candidates(s.effectivePlan, scenario: s, state: state, short: ["S1"])
        XCTAssertTrue(none.isEmpty, "\(none.map(\.1))")
    }
}
