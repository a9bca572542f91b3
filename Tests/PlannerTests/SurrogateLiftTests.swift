import Foundation
import XCTest
import TestSupport
import Scenario
import SimKit
import SiteModel
@testable import Planner

/// The surrogate's lift queues (issue 18): a tower's upper floors wait in the lobby for cars
/// that carry at most the lifts' rate, worked by hand on one tower and held against the
/// simulation; moves re-score as a fresh start does; towers split in lift-matched bands.
final class SurrogateLiftTests: XCTestCase {
    func tower() throws -> Scenario {
        try ScenarioLoader.load(path: Repository.root.appendingPathComponent("Tests/CLITests/Fixtures/one-tower.yaml").path)
    }

    func plan(_ windows: [(floors: ClosedRange<Int>?, window: String)]) -> Plan {
        Plan(callUps: windows.map { CallUp(building: "T1", floors: $0.floors, site: "S1", window: ClockWindow.parse($0.window)!) }, origin: "code")
    }

    /// 900 riders (floors 2-10, everyone comes), all ready in the first five-minute slot; two
    /// cars of 8 every 90 s carry 16/90 a second, 53.3 a slot: slots 0 to 15 each take 53.3
    /// down, slot 16 the last 46.7, each having waited its slot number times 300 s, and for a
    /// car as often as the cars are out (always, but in the last slot: 46.7 / 53.3), 45 / 2 s
    /// (the first of two cars back, half a round trip away). The last
    /// reach the site (the 45 s ride, the 2 min walk) in slot 17: done 90 minutes after the
    /// opening, not before the lift bound (86.75).
    func testOneTowerLobbyWorkedByHand() throws {
        let s = try tower()
        let p = plan([(nil, "07:00-07:01")])
        let sur = Surrogate(model: RoundModel(s), plan: p)
        XCTAssertEqual(sur.units[0].riders, 900)
        XCTAssertEqual(sur.towers, [0])
        let score = SurrogateState(sur, sur.placements(of: p)).score
        let rate = 16.0 / 90
        let perSlot = rate * 300
        let last = 900 - 16 * perSlot
        let waited = perSlot * 300 * Double((0...15).reduce(0, +)) + last * 300 * 16 + (16 * perSlot + last * last / perSlot) * 22.5
        XCTAssertEqual(score.liftWaitMinutes, waited / 900 / 60, accuracy: 1e-9)
        XCTAssertEqual(score.finishMinutes, 90)
        let bound = try XCTUnwrap(LiftBound(building: s.buildings[0], scenario: s, walkSeconds: 120)).earliestMinutes
        XCTAssertGreaterThanOrEqual(score.finishMinutes, bound)
        XCTAssertLessThanOrEqual(score.finishMinutes, bound + 10)
        // The same tower without lifts is down the stairs in minutes: the lifts are the finish.
        var stairs = s
        stairs.buildings[0].lifts = 0
        let walkDown = Surrogate(model: RoundModel(stairs), plan: p)
        XCTAssertLessThan(SurrogateState(walkDown, walkDown.placements(of: p)).score.finishMinutes, 30)
    }

    /// Against the simulation on the same tower (20 replications): the lobby wait within 10%
    /// and the finish within 5 minutes, whether it is called at once or in bands.
    func testOneTowerAgreesWithTheSimulation() throws {
        var s = try tower()
        s.targets = []
        let model = RoundModel(s)
        for p in [plan([(nil, "07:00-07:30")]), CallUpSplit.towers(s, plan([(nil, "07:00-07:30")]))] {
            let sur = Surrogate(model: model, plan: p)
            let score = SurrogateState(sur, sur.placements(of: p)).score
            let sim = Experiment.run(try CompiledRound(model: model, plan: p), replications: 20, seed: 3, jobs: 2)
            XCTAssertEqual(score.liftWaitMinutes, sim[.liftWaitMeanMinutes].mean, accuracy: 0.1 * sim[.liftWaitMeanMinutes].mean,
                           "\(p.callUps.count) call-up(s)")
            XCTAssertEqual(score.finishMinutes, sim[.finishTimeMinutesAfterOpening].mean, accuracy: 5, "\(p.callUps.count) call-up(s)")
        }
    }

    /// Called in bands its lifts can carry, the tower waits far less in the lobby and is done
    /// as soon: the bands are the floors top down, back to back, each as long as its lifts take.
    func testLiftMatchedBandsCutTheLobbyWaitNotTheFinish() throws {
        var s = try tower()
        s.targets = [] // its finish target leaves no room for bands (they are squeezed then)
        let whole = plan([(nil, "07:00-07:30")])
        let bands = CallUpSplit.towers(s, whole)
        // 900 riders at 16/90 a second: 4.2 bands of 20 minutes, so as many as the planning
        // rules allow a building over 7 floors (4), the floors shared as evenly as they go.
        XCTAssertEqual(bands.callUps.map(\.floors), [9...10, 6...8, 4...5, 1...3])
        var start = ClockTime.parse("07:00")!
        for c in bands.callUps {
            XCTAssertEqual(c.window.start, start)
            let riders = Double(100 * c.floors!.filter { $0 > 1 }.count)
            XCTAssertEqual(c.window.duration, max(1200, (riders / (16.0 / 90) / 300).rounded(.up) * 300))
            start = c.window.end
        }
        let model = RoundModel(s)
        func score(_ p: Plan) -> SurrogateScore {
            let sur = Surrogate(model: model, plan: p)
            return SurrogateState(sur, sur.placements(of: p)).score
        }
        XCTAssertLessThan(score(bands).liftWaitMinutes, 0.3 * score(whole).liftWaitMinutes)
        XCTAssertEqual(score(bands).finishMinutes, score(whole).finishMinutes, accuracy: 10)
        // A low-rise building or one whose lifts keep up is left whole.
        XCTAssertNil(CallUpSplit.towerBands(s, s.buildings[0], 1...1))
        var quick = s
        quick.walking.liftCapacityPersons = 100
        XCTAssertEqual(CallUpSplit.towers(quick, whole).callUps.count, 1)
    }

    /// Moving a tower's bands (they share its lifts) and other call-ups one at a time scores
    /// the same as a state built afresh from where they ended.
    func testMovesRescoreAsAFreshStart() throws {
        let s = try ScenarioLoader.parse(DistrictGenerator(residents: 3_000, buildings: 6, sites: 2, cohorts: 1, seed: 4, towers: true).yaml(),
                                         file: "towers.yaml")
        let start = CallUpSplit.forSearch(s, s.baselinePlan())
        let sur = Surrogate(model: RoundModel(s), plan: start)
        XCTAssertEqual(sur.towers.count, 6)
        XCTAssertGreaterThan(sur.units.count, 12, "towers in bands")
        let space = CallUpSpace(sur, staffed: TeamRoster(scenario: s, plan: start).slotsPerSite)
        var state = SurrogateState(sur, sur.placements(of: start))
        var random = RandomStream(seed: 5, replication: 0, entity: 0, purpose: 1)
        for step in 0..<300 {
            let u = Int(random.nextDouble() * Double(sur.units.count))
            let site = space.sites[u][Int(random.nextDouble() * Double(space.sites[u].count))]
            let t = space.opening + (random.nextDouble() * 30).rounded() * 300
            state.move(u, to: space.snap(Surrogate.Placement(site: site, start: t, end: t + 1200 + (random.nextDouble() * 4).rounded() * 300)))
            if step % 50 == 49 {
                let fresh = SurrogateState(sur, state.placements)
                XCTAssertEqual(state.score.meanMinutes, fresh.score.meanMinutes, accuracy: 1e-6)
                XCTAssertEqual(state.score.finishMinutes, fresh.score.finishMinutes)
                XCTAssertEqual(state.score.liftWaitMinutes, fresh.score.liftWaitMinutes, accuracy: 1e-6)
                XCTAssertEqual(state.objective(.p95), fresh.objective(.p95), accuracy: 1e-6)
            }
        }
        XCTAssertGreaterThan(state.score.liftWaitMinutes, 0)
    }
}
