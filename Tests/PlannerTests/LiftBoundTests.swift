import XCTest
import TestSupport
import Planner
import Scenario
import SiteModel

/// The lifts bound the finish of a tower (issue 18): worked by hand on one tower, held by the
/// simulation in every replication, and naming the tower when it rules a target out.
final class LiftBoundTests: XCTestCase {

    func tower() throws -> Scenario {
        try ScenarioLoader.load(path: Repository.root.appendingPathComponent("Tests/CLITests/Fixtures/one-tower.yaml").path)
    }

    /// 900 residents above the ground floor, 8 a car: 113 loads, 57 on one lift; the last leaves
    /// 56 round trips of 90 s after the opening, is down 45 s later and walks 2 minutes.
    func testOneTowerWorkedByHand() throws {
        let s = try tower()
        let b = try XCTUnwrap(LiftBound(building: s.buildings[0], scenario: s, walkSeconds: 120))
        XCTAssertEqual(b.riders, 900)
        XCTAssertEqual(b.earliestMinutes, (56 * 90 + 45 + 120) / 60.0)
        XCTAssertEqual(b.earliestMinutes, 86.75)
        // No lifts (stairs) or one floor: no lift bound.
        var walkUp = s.buildings[0]
        walkUp.lifts = 0
        XCTAssertNil(LiftBound(building: walkUp, scenario: s, walkSeconds: 120))
        var low = s.buildings[0]
        low.floors = 1
        XCTAssertNil(LiftBound(building: low, scenario: s, walkSeconds: 120))
    }

    /// Floors 2 and 3 on the stairs (`walking.stairs_up_to_floor: 3`): 700 riders, 88 loads, 44
    /// on each lift, the last leaving 43 round trips after the opening: 43 x 90 + 45 + 120 s.
    /// And the advice: for 08:20 (80 min) floor 2 alone must walk (800 riders, 50 trips a lift:
    /// 49 x 90 + 165 s = 76.25 min); for 08:00, floors 2-4 (600 riders, 38 a lift: 58.25 min).
    func testLowFloorsOnTheStairsWorkedByHand() throws {
        var s = try tower()
        let b = s.buildings[0]
        XCTAssertEqual(try XCTUnwrap(LiftBound.stairsMeeting(80, building: b, scenario: s, walkSeconds: 120)).floor, 2)
        XCTAssertEqual(try XCTUnwrap(LiftBound.stairsMeeting(80, building: b, scenario: s, walkSeconds: 120)).earliestMinutes, 76.25)
        let sixty = try XCTUnwrap(LiftBound.stairsMeeting(60, building: b, scenario: s, walkSeconds: 120))
        XCTAssertEqual(sixty.floor, 4)
        XCTAssertEqual(sixty.earliestMinutes, 58.25)
        // Nothing short of 9 floors walking would finish in 10 minutes: no advice.
        XCTAssertNil(LiftBound.stairsMeeting(10, building: b, scenario: s, walkSeconds: 120))
        s.walking.stairsUpToFloor = 3
        let bound = try XCTUnwrap(LiftBound(building: b, scenario: s, walkSeconds: 120))
        XCTAssertEqual(bound.riders, 700)
        XCTAssertEqual(bound.earliestMinutes, (43 * 90 + 45 + 120) / 60.0)
        // Every floor walks: no lift bound.
        s.walking.stairsUpToFloor = 10
        XCTAssertNil(LiftBound(building: b, scenario: s, walkSeconds: 120))
    }

    /// In the simulation the low floors walk: the finish holds the smaller bound and is near
    /// it, and the lobby is shorter than with everyone riding.
    func testTheSimulationWalksTheLowFloors() throws {
        var s = try tower()
        let everyone = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 10, seed: 5, jobs: 2)
        s.walking.stairsUpToFloor = 3
        let bound = try XCTUnwrap(LiftBound(building: s.buildings[0], scenario: s, walkSeconds: 120)).earliestMinutes
        let walking = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 10, seed: 5, jobs: 2)
        for r in walking.runs { XCTAssertGreaterThanOrEqual(r[.finishTimeMinutesAfterOpening], bound) }
        XCTAssertLessThan(walking[.finishTimeMinutesAfterOpening].mean, bound + 5)
        XCTAssertLessThan(walking[.finishTimeMinutesAfterOpening].mean, everyone[.finishTimeMinutesAfterOpening].mean - 15)
        XCTAssertLessThan(walking[.liftWaitMeanMinutes].mean, everyone[.liftWaitMeanMinutes].mean)
    }

    /// A car's trip by floor (`lift_seconds_per_floor: 2`, 90 s at the ground): the least travel
    /// is full cars from the top down. Cars of 8 from 100 riders a floor: floors 10, 8, 6, 4
    /// and 2 top 13 cars each, floors 9, 7, 5 and 3 top 12: 113 trips, 113 x 90 + 4 x (13 x
    /// (9 + 7 + 5 + 3 + 1) + 12 x (8 + 6 + 4 + 2)) = 12,430 s of travel, 6,215 s a lift; the last
    /// riders are down at least half the longest trip (126 s) before its end, and walk 2 min.
    func testTripsByFloorWorkedByHand() throws {
        var s = try tower()
        s.walking.liftSecondsPerFloor = 2
        let b = try XCTUnwrap(LiftBound(building: s.buildings[0], scenario: s, walkSeconds: 120))
        XCTAssertEqual(b.riders, 900)
        XCTAssertEqual(b.roundTripSeconds, 126)
        XCTAssertEqual(b.earliestMinutes, (12_430.0 / 2 - 63 + 120) / 60, accuracy: 1e-9)
        // The simulation's cars go to the highest floor of each load: never sooner than that.
        let result = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 10, seed: 5, jobs: 2)
        for r in result.runs { XCTAssertGreaterThanOrEqual(r[.finishTimeMinutesAfterOpening], b.earliestMinutes) }
        // Loads in the order residents are ready mix floors, so a full car goes near the top:
        // the surrogate's typical trip (90 + 4 x (1 + 8 x 8/9) = 122.4 s), 57 loads on the busier
        // lift, gives 56 x 122.4 + 61 + 120 s = 117.3 min; the simulation is within 5 of it.
        let typical = s.walking.typicalLiftRoundTrip(fromFloor: 2, toFloor: 10)
        XCTAssertEqual(result[.finishTimeMinutesAfterOpening].mean, (56 * typical + typical / 2 + 120) / 60, accuracy: 5)
        XCTAssertGreaterThan(result[.finishTimeMinutesAfterOpening].mean, 86.75 + 10, "slower than every trip at 90 s")
    }

    /// Turnout below one: the riders counted are the fewest of all but one morning in a thousand.
    func testRidersAreALowQuantileOfTurnout() throws {
        var s = try tower()
        s.arrivals.turnoutShare = 0.9
        let b = try XCTUnwrap(LiftBound(building: s.buildings[0], scenario: s, walkSeconds: 120))
        // 900 x 0.9 = 810, sd = sqrt(900 x 0.9 x 0.1) = 9: 810 - 3.1 x 9 = 782.1.
        XCTAssertEqual(b.riders, 782)
    }

    /// The simulation never finishes before the bound, in any replication or plan tried.
    func testTheSimulationHoldsTheBound() throws {
        let s = try tower()
        let bound = try XCTUnwrap(LiftBound(building: s.buildings[0], scenario: s, walkSeconds: 120)).earliestMinutes
        let result = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 20, seed: 5, jobs: 2)
        for r in result.runs { XCTAssertGreaterThanOrEqual(r[.finishTimeMinutesAfterOpening], bound) }
        // ... and is near it: the lifts are the bottleneck here, not the site.
        XCTAssertLessThan(result[.finishTimeMinutesAfterOpening].mean, bound + 5)
    }
}
