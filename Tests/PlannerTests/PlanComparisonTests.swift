import XCTest
import TestSupport
import Scenario
import SimKit
import SiteModel
@testable import Planner

final class PlanComparisonTests: XCTestCase {

    /// A plan against itself: common random numbers make every paired difference exactly zero,
    /// in every replication, for every metric.
    func testPlanAgainstItselfIsExactlyTheSame() throws {
        let s = try Fixtures.panjiayuan()
        let c = try PlanComparison.run(scenario: s, plans: [s.effectivePlan, s.effectivePlan], seed: 3, jobs: 2, initial: 10, limit: 10)
        XCTAssertEqual(c.replications, 10)
        XCTAssertEqual(c.stop, .decided)
        XCTAssertFalse(c.differences[0].isEmpty)
        for d in c.differences[0] {
            XCTAssertEqual(d.interval.mean, 0, "\(d.metric)")
            XCTAssertEqual(d.interval.halfWidth, 0, "\(d.metric)")
            XCTAssertEqual(d.verdict, .same, "\(d.metric)")
        }
    }

    /// One more swab station open at the bottleneck (the plan's staffing) is a significant
    /// improvement in time in system, and the comparison stops once that is decided.
    func testOneMoreStationAtTheBottleneckIsBetter() throws {
        let text = """
            name: bottleneck
            round: {date: 2022-05-06, opening: "07:00", deadline: "11:00"}
            buildings: [{id: B, residents: 400, walk_minutes: {S: 1}}]
            sites: [{id: S, registration_desks: 3, swab_stations: 3}]
            staff:
              registrars: 3
              cohorts: [{id: c, teams: 3, departs_depot: "06:30", route: [{site: S, travel_minutes: 20, teams: 3}], setup_minutes: 5, shift_end: "11:00"}]
            service:
              registration: {distribution: lognormal, mean_seconds: 20, cv: 0.5}
              swab: {distribution: gamma, mean_seconds: 40, cv: 0.4}
            """
        let s = try ScenarioLoader.parse(text, file: "b.yaml")
        let two = try ScenarioLoader.parsePlan("""
            call_ups: [{building: B, site: S, window: "07:00-08:00"}]
            staffing: [{site: S, period: "07:00-11:00", desks: 3, stations: 2}]
            """, file: "two.yaml", for: s)
        let three = try ScenarioLoader.parsePlan("""
            call_ups: [{building: B, site: S, window: "07:00-08:00"}]
            staffing: [{site: S, period: "07:00-11:00", desks: 3, stations: 3}]
            """, file: "three.yaml", for: s)
        let c = try PlanComparison.run(scenario: s, plans: [two, three], seed: 1, jobs: 2, initial: 10, limit: 400)
        let tis = try XCTUnwrap(c.differences[0].first { $0.metric == .timeInSystemMinutes })
        XCTAssertEqual(tis.verdict, .better, "\(tis.interval)")
        XCTAssertLessThan(tis.interval.upper, 0)
        let finish = try XCTUnwrap(c.differences[0].first { $0.metric == .finishTimeMinutesAfterOpening })
        XCTAssertEqual(finish.verdict, .better)
        XCTAssertEqual(c.stop, .decided)
        XCTAssertLessThan(c.replications, 400)
        // Paired differences are tighter than either plan's own interval.
        let own = c.results[1][.timeInSystemMinutes].halfWidth
        XCTAssertLessThan(tis.interval.halfWidth, own)
    }

    /// Batches add up to the same replications as one run: replication r is r in any batch.
    func testBatchesEqualOneRun() throws {
        let s = try Fixtures.twoSites()
        let round = try! CompiledRound(scenario: s, plan: s.effectivePlan)
        let batched = Experiment.runs(round, replications: 0..<5, seed: 2, jobs: 2) + Experiment.runs(round, replications: 5..<12, seed: 2, jobs: 1)
        let whole = Experiment.run(round, replications: 12, seed: 2, jobs: 2).runs
        XCTAssertEqual(batched.map(\.metrics), whole.map(\.metrics))
    }
}
