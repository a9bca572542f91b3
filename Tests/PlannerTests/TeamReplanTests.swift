import XCTest
import TestSupport
@testable import Planner
import Scenario
import SimKit
import SiteModel

/// Re-planning the teams from the morning as it stands: breaks not yet taken and teams not yet
/// dropped move; breaks taken and teams at work stay.
final class TeamReplanTests: XCTestCase {

    func twoSites() throws -> Scenario {
        try Fixtures.twoSites()
    }

    /// At 08:00 the line at S1 is long and S2's is empty; the relief bus has not reached either
    /// stop: the re-plan drops one more relief team at S1 (one fewer at S2), the morning teams
    /// at work stay, and the finish is earlier on paired intervals.
    func testAReliefTeamNotYetDroppedGoesWhereTheLineIs() throws {
        var s = try twoSites()
        s.targets = [Target(metric: .finishTimeMinutesAfterOpening, bound: .atMost, value: 120)]
        let plan = s.effectivePlan
        var state = MorningState(sourcePath: "test", at: ClockTime.parse("08:00")!)
        state.queues = ["S1": .init(registration: 170, swab: 30), "S2": .init(registration: 0, swab: 0)]
        state.left = ["S1": 0, "S2": 0]
        let r = try Replanner.run(scenario: s, plan: plan, state: state,
                                  options: Replanner.Options(budget: .evaluations(40), seed: 3, jobs: 2, searchReplications: 6, compareReplications: 20))
        XCTAssertTrue(r.teamMoves.contains(.teamDropped(cohort: "relief", fromSite: "S2", toSite: "S1")), "\(r.teamMoves)")
        XCTAssertFalse(r.teamMoves.contains { if case .teamDropped("morning", _, _) = $0 { return true } else { return false } },
                       "moved a morning team, dropped at 06:45")
        let relief = try XCTUnwrap(r.plan.drops.first { $0.cohort == "relief" })
        XCTAssertEqual(relief.route.map(\.teams), [3, 1])
        XCTAssertNil(r.plan.drops.first { $0.cohort == "morning" })
        let finish = try XCTUnwrap(r.figures.first { $0.metric == .finishTimeMinutesAfterOpening })
        XCTAssertLessThan(finish.difference.upper, 0, "finish not earlier: \(finish.difference.mean) ± \(finish.difference.halfWidth)")
        // The new plan reads back and compiles (the extra relief team opens S1's third station).
        let text = PlanWriter.yaml(r.plan)
        let back = try ScenarioLoader.parsePlan(text, file: "replanned.yaml", for: s)
        XCTAssertEqual(back.drops, r.plan.drops)
        XCTAssertNoThrow(try CompiledRound(scenario: s, plan: back))
    }

    /// Morning teams that must break after 90 minutes standing would break at 08:25-08:30, just
    /// after a heavy rain 07:45-08:15 that stops the umbrella site S1. At 07:30 the re-plan
    /// brings S1's breaks into the rain (the site stands idle anyway): waits are shorter on
    /// paired intervals; no break is put before 07:30 or past a standing limit.
    func testBreaksNotYetTakenMoveIntoTheRain() throws {
        var s = try twoSites()
        let k = try XCTUnwrap(s.staff.cohorts.firstIndex { $0.id == "morning" })
        s.staff.cohorts[k].standingLimitSeconds = 90 * 60
        s.targets = [Target(metric: .timeInSystemP95Minutes, bound: .atMost, value: 20)]
        let plan = s.effectivePlan
        var state = MorningState(sourcePath: "test", at: ClockTime.parse("07:30")!)
        state.weather = [WeatherWindow(kind: .rain, severity: .heavy, window: ClockWindow.parse("07:45-08:15")!)]
        let r = try Replanner.run(scenario: s, plan: plan, state: state,
                                  options: Replanner.Options(budget: .evaluations(60), seed: 5, jobs: 2, searchReplications: 8, compareReplications: 24))
        let moved = r.teamMoves.compactMap { m -> (Int, Double, Double)? in
            if case .breakMoved("morning", let t, let from, let to) = m { return (t, from, to) } else { return nil }
        }
        XCTAssertFalse(moved.isEmpty, "no break moved: \(r.teamMoves)")
        let rain = ClockWindow.parse("07:45-08:15")!
        XCTAssertTrue(moved.contains { $0.2 >= rain.start && $0.2 < rain.end }, "no break moved into the rain: \(moved)")
        for b in r.plan.breaks { XCTAssertGreaterThan(b.at, state.at) }
        XCTAssertNoThrow(try CompiledRound(scenario: state.applied(to: s), plan: r.plan))
        let p95 = try XCTUnwrap(r.figures.first { $0.metric == .timeInSystemP95Minutes })
        XCTAssertLessThan(p95.difference.upper, 0, "p95 not shorter: \(p95.difference.mean) ± \(p95.difference.halfWidth)")
    }

    /// A break already taken, or a team already dropped, is never a candidate; the candidates
    /// renumber breaks with their teams when a drop moves a team ahead of others.
    func testOnlyWhatIsStillAheadIsACandidate() throws {
        var s = try twoSites()
        let k = try XCTUnwrap(s.staff.cohorts.firstIndex { $0.id == "relief" })
        s.staff.cohorts[k].route = [RouteStop(site: "S1", travelSeconds: 1500, teams: 2), RouteStop(site: "S2", travelSeconds: 300, teams: 2)]
        var plan = s.effectivePlan
        // Relief team 4 (S2's second) breaks at 10:30; after a move S2 -> S1 it is team 3 at S1.
        plan.breaks = [PlannedBreak(cohort: "relief", team: 4, at: ClockTime.parse("10:30")!)]
        var state = MorningState(sourcePath: "test", at: ClockTime.parse("08:47")!) // S1 reached at 08:45, S2 not
        state.queues = ["S1": .init(registration: 0, swab: 0), "S2": .init(registration: 0, swab: 0)]
        let drops = TeamMoves.dropMoves(plan, scenario: s, state: state)
        XCTAssertTrue(drops.isEmpty, "one stop left ahead: nothing to move between, got \(drops.map(\.1))")
        state.at = ClockTime.parse("08:30")!
        let early = TeamMoves.dropMoves(plan, scenario: s, state: state)
        XCTAssertEqual(early.map(\.1), [.teamDropped(cohort: "relief", fromSite: "S1", toSite: "S2"),
                                        .teamDropped(cohort: "relief", fromSite: "S2", toSite: "S1")])
        let toS1 = try XCTUnwrap(early.first { $0.1 == .teamDropped(cohort: "relief", fromSite: "S2", toSite: "S1") }).0
        XCTAssertEqual(toS1.breaks, [PlannedBreak(cohort: "relief", team: 3, at: ClockTime.parse("10:30")!)])
        // Breaks: every candidate moves a break still ahead to a time still ahead; those the
        // plan check takes (the others pass a standing limit and are skipped) compile.
        state.at = ClockTime.parse("08:00")!
        var compiled = 0
        for (p, m) in TeamMoves.breakMoves(plan, scenario: s, at: state.at) {
            guard case .breakMoved(_, _, let from, let to) = m else { return XCTFail("\(m)") }
            XCTAssertGreaterThan(from, state.at); XCTAssertGreaterThan(to, state.at)
            if (try? CompiledRound(scenario: s, plan: p)) != nil { compiled += 1 }
        }
        XCTAssertGreaterThan(compiled, 0)
    }
}
