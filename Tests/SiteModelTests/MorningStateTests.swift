import XCTest
import TestSupport
import Scenario
import SimKit
@testable import SiteModel

/// A round simulated from the morning as it stands (`CompiledRound.from`), on a small
/// community built in code (`Fixtures.smallCommunity`).
final class MorningStateTests: XCTestCase {

    func community() throws -> Scenario {
        let s = Fixtures.smallCommunity()
        XCTAssertEqual(PlanCheck.problems(s, s.effectivePlan), [])
        return s
    }

    func testTheSmallCommunityIsAValidRound() throws {
        let s = try community()
        XCTAssertEqual(s.buildings.reduce(0) { $0 + $1.residents }, 1_600)
        XCTAssertEqual(s.effectivePlan.callUps.count, 8)
    }

    /// The state a replication reaches at 07:45, fed back, gives the rest of the round that
    /// replication would have had (its residents from 07:45 on): the paired differences over
    /// 30 replications are inside the uninterrupted round's 95% interval, or not told from zero, for
    /// the mean and p95 time in system, the swab wait and the last swab. Only the people in
    /// line at 07:45 differ (their service times are drawn anew, those in service start again).
    func testTheStateAtQuarterToEightFedBackGivesTheRestOfTheRound() throws {
        let s = try community()
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let quarterTo8 = ClockTime.parse("07:45")!
        var from = RunOptions.standard
        from.statisticsFrom = quarterTo8
        let metrics: [MetricName] = [.timeInSystemMinutes, .timeInSystemP95Minutes, .waitSwabMinutes, .finishTimeMinutesAfterOpening]
        var diffs = Array(repeating: Tally(), count: metrics.count), wholes = diffs
        var queued = 0
        for r in 0..<30 {
            let state = round.state(at: quarterTo8, seed: 4, replication: r)
            queued += state.queues.values.reduce(0) { $0 + $1.registration + $1.swab }
            let rest = try round.from(state).simulate(seed: 4, replication: r)
            let whole = round.simulate(seed: 4, replication: r, options: from)
            for (k, m) in metrics.enumerated() { diffs[k].add(rest[m] - whole[m]); wholes[k].add(whole[m]) }
        }
        XCTAssertGreaterThan(queued, 30 * 20, "a state with people in line (the test must not be trivial)")
        for (k, m) in metrics.enumerated() {
            // The rest of the round from the state lies inside the uninterrupted round's interval.
            let ci = ConfidenceInterval(diffs[k]), whole = ConfidenceInterval(wholes[k])
            // or the paired difference is not told from zero.
            XCTAssertTrue(abs(ci.mean) <= max(whole.halfWidth, 0.1) || (ci.lower <= 0 && 0 <= ci.upper),
                          "\(m.rawValue): \(ci.mean) ± \(ci.halfWidth) apart; the uninterrupted round \(whole.mean) ± \(whole.halfWidth)")
        }
    }

    /// A late bus, a gone team, fewer desks and heavy rain each make the rest of the round worse.
    func testWhatBreaksThePlanShowsInTheFigures() throws {
        let s = try community()
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let at = ClockTime.parse("09:40")!
        var calm = MorningState(sourcePath: "", at: at)
        calm.queues = ["S1": .init(registration: 20, swab: 5)]
        func p95(_ state: MorningState) throws -> Double {
            let r = try round.from(state)
            return (0..<12).map { r.simulate(seed: 2, replication: $0)[.timeInSystemP95Minutes] }.reduce(0, +) / 12
        }
        let base = try p95(calm)
        var rain = calm
        rain.weather = [WeatherWindow(kind: .rain, severity: .heavy, window: ClockWindow(start: at, end: at + 2400))]
        XCTAssertGreaterThan(try p95(rain), base + 1)
        var desks = calm
        desks.desks = ["S1": 1, "S2": 1, "S3": 1]
        XCTAssertGreaterThan(try p95(desks), base + 1)
        // Three of the five relief teams gone: residents are left unswabbed or the round ends later.
        var gone = calm
        gone.goneTeams = (1...3).map { MorningState.TeamRef(cohort: "relief", team: $0) }
        func ending(_ state: MorningState) throws -> (Double, Double) {
            let r = try round.from(state)
            let runs = (0..<12).map { r.simulate(seed: 2, replication: $0) }
            return (runs.map { $0[.finishTimeMinutesAfterOpening] }.reduce(0, +) / 12, runs.map { $0[.residentsNotSwabbed] }.reduce(0, +) / 12)
        }
        let (finish, unswabbed) = try ending(calm), (finishGone, unswabbedGone) = try ending(gone)
        XCTAssertTrue(finishGone > finish + 5 || unswabbedGone > unswabbed + 10, "\(finish) \(finishGone) \(unswabbed) \(unswabbedGone)")
    }

    /// Residents swabbed so far, as reported, carry into the rest of the round: more swabbed at
    /// a building than this replication's morning means that many of its residents still to
    /// come came already (taken out); fewer means that many have not come yet (they come in the
    /// half hour after). The residents counted from `at` on change by exactly that many; by
    /// site the same. A count equal to the replication's own changes nothing.
    func testSwabbedSoFarCarriesIntoTheRestOfTheRound() throws {
        let s = try community()
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let at = ClockTime.parse("09:00")!
        func counted(_ r: ReplicationResult) -> Double { r[.residentsSwabbed] + r[.residentsNotSwabbed] + r[.residentsGaveUp] }
        for replication in 0..<3 {
            let own = round.state(at: at, seed: 6, replication: replication)
            let done = round.swabbed(at: at, seed: 6, replication: replication)
            // A building called from 09:30 (its residents mostly still to come) and B2 (called early).
            let laterId = try XCTUnwrap(s.effectivePlan.callUps.first { $0.window.start >= at + 1800 && $0.floors == nil }?.building)
            let later = try XCTUnwrap(s.buildingIndex(laterId)), b2 = try XCTUnwrap(s.buildingIndex("B2"))
            XCTAssertEqual(own.swabbedBySite.values.reduce(0, +), done.bySite.reduce(0, +))
            let base = try round.from(own).simulate(seed: 6, replication: replication)
            func rest(_ change: (inout MorningState) -> Void) throws -> ReplicationResult {
                var state = own
                change(&state)
                return try round.from(state).simulate(seed: 6, replication: replication)
            }
            // The replication's own counts, by building: nothing changes.
            let same = try rest { $0.swabbedBySite = [:]; for (i, b) in s.buildings.enumerated() { $0.swabbedByBuilding[b.id] = done.byBuilding[i] } }
            XCTAssertEqual(same.metrics.map(\.bitPattern), base.metrics.map(\.bitPattern))
            // The later building ahead by 15, B2 behind by 10: 5 fewer residents still to come.
            let moved = try rest {
                $0.swabbedBySite = [:]
                $0.swabbedByBuilding = [laterId: done.byBuilding[later] + 15, "B2": max(0, done.byBuilding[b2] - 10)]
            }
            XCTAssertGreaterThanOrEqual(done.byBuilding[b2], 10, "B2 had residents swabbed by 09:00")
            XCTAssertEqual(counted(moved), counted(base) - 15 + 10)
            // By site: S1 behind by 40.
            let site = try rest { $0.swabbedBySite["S1"] = own.swabbedBySite["S1"]! - 40 }
            XCTAssertEqual(counted(site), counted(base) + 40)
        }
    }
}
