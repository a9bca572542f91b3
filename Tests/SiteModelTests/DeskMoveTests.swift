import XCTest
import TestSupport
import Scenario
@testable import SiteModel

/// Desk moves: people sent from one site (or the data desk) open desks at another from a clock
/// time, in a plan and on top of a morning state's desk cap.
final class DeskMoveTests: XCTestCase {
    func clock(_ t: String) -> Double { ClockTime.parse(t)! }

    /// Desks open at `site` at clock time `t` in the compiled timeline.
    func desks(_ r: CompiledRound, _ site: Int, at t: Double) -> Int {
        r.capacityChanges.last { $0.site == site && $0.time <= t }?.desks ?? r.scenario.sites[site].registrationDesks
    }

    func testAMoveTakesDesksFromOneSiteAndOpensThemAtTheOther() throws {
        let s = try Fixtures.twoSites()
        var plan = s.effectivePlan
        plan.deskMoves = [DeskMove(at: clock("08:00"), from: "S2", to: "S1", desks: 1)]
        var b = s
        b.sites[0].registrationDesks = 3
        let r = try CompiledRound(scenario: b, plan: plan)
        XCTAssertEqual(desks(r, 0, at: clock("07:59")), 3, "S1 opens every desk it has before")
        XCTAssertEqual(desks(r, 1, at: clock("07:59")), 2)
        // S1 was full already: never more desks than it has; S2 gives one up.
        XCTAssertEqual(desks(r, 0, at: clock("08:00")), 3)
        XCTAssertEqual(desks(r, 1, at: clock("08:00")), 1)
    }

    /// The state's cap (one desk worked at S1 at 08:00) holds until the people sent arrive.
    func testAMoveAfterTheMorningStateRaisesItsCap() throws {
        let s = try Fixtures.twoSites()
        var state = MorningState(sourcePath: "test", at: clock("08:00"))
        state.desks = ["S1": 0]
        let kept = try CompiledRound(scenario: s, plan: s.effectivePlan).from(state)
        XCTAssertEqual(desks(kept, 0, at: clock("09:00")), 0)
        var plan = s.effectivePlan
        plan.deskMoves = [DeskMove(at: clock("08:15"), from: "S2", to: "S1", desks: 1)]
        let moved = try CompiledRound(scenario: s, plan: plan).from(state)
        XCTAssertEqual(desks(moved, 0, at: clock("08:10")), 0)
        XCTAssertEqual(desks(moved, 0, at: clock("08:15")), 1)
        XCTAssertEqual(desks(moved, 1, at: clock("08:15")), 1)
        // The same through a re-plan's candidate built from the kept round.
        let candidate = try kept.replacingPlan(plan)
        XCTAssertEqual(candidate.capacityChanges.map(\.desks), moved.capacityChanges.map(\.desks))
        // And it shows: S1's residents, who had no desk, are registered from 08:15.
        let a = kept.simulate(seed: 1, replication: 0), c = moved.simulate(seed: 1, replication: 0)
        XCTAssertGreaterThan(c[.residentsSwabbed], a[.residentsSwabbed])
    }

    /// Workers taken off the data desk leave it from the move to the deadline.
    func testWorkersMovedOffTheDataDeskLeaveItUntilTheDeadline() throws {
        let s = try Fixtures.twoSites()
        let before = DataDeskRun.deskPeriods(s, s.effectivePlan)
        XCTAssertEqual(before.count, 2, "4 workers, 2 of them at the desks the 2 registrars cannot open")
        var plan = s.effectivePlan
        plan.deskMoves = [DeskMove(at: clock("08:00"), from: DeskMove.dataDesk, to: "S1", desks: 1)]
        let after = DataDeskRun.deskPeriods(s, plan)
        XCTAssertEqual(after[0], before[0])
        XCTAssertEqual(after[1], [ClockWindow(start: s.round.opening, end: clock("08:00")), ClockWindow(start: s.round.deadline, end: 86400)])
    }
}
