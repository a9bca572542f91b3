import XCTest
import TestSupport
import Scenario
@testable import SiteModel

/// Plans are compared under common random numbers: whatever the plan, each replication draws
/// the same residents with the same service times.
final class CommonRandomNumbersTests: XCTestCase {

    func loadPanjiayuan() throws -> Scenario {
        try Fixtures.panjiayuan()
    }

    func testTwoPlansSeeTheSameResidents() throws {
        let s = try loadPanjiayuan()
        let planned = try! CompiledRound(scenario: s, plan: s.effectivePlan)
        let baseline = try! CompiledRound(scenario: s, plan: s.baselinePlan())
        for replication in 0..<3 {
            var a: [Arrival] = [], b: [Arrival] = []
            let clear = WeatherDraw.clear(s.logistics.weather)
            planned.drawArrivals(seed: 5, replication: UInt64(replication), weather: clear, into: &a)
            baseline.drawArrivals(seed: 5, replication: UInt64(replication), weather: clear, into: &b)
            XCTAssertEqual(a.count, b.count)
            let key = { (x: Arrival) in [x.registrationSeconds, x.swabSeconds, x.priority ? 1 : 0] }
            XCTAssertEqual(a.map(key).sorted { $0.lexicographicallyPrecedes($1) },
                           b.map(key).sorted { $0.lexicographicallyPrecedes($1) })
            // ... but they come at other times.
            XCTAssertNotEqual(a.map(\.time), b.map(\.time))
        }
    }

    func testReplicationIsAPureFunctionOfItsKey() throws {
        let s = try loadPanjiayuan()
        let round = try! CompiledRound(scenario: s, plan: s.effectivePlan)
        let first = round.simulate(seed: 3, replication: 7)
        let again = round.simulate(seed: 3, replication: 7)
        XCTAssertEqual(first.metrics, again.metrics)
        XCTAssertEqual(first.events, again.events)
        XCTAssertNotEqual(first.metrics, round.simulate(seed: 3, replication: 8).metrics)
    }

    /// Turnout is binomial: 95% of the residents who come down (those swabbed at home do not),
    /// within 5 standard deviations; each of them is swabbed or gives up.
    func testPanjiayuanTurnoutAndCompletion() throws {
        let s = try loadPanjiayuan()
        let r = try! CompiledRound(scenario: s, plan: s.effectivePlan).simulate(seed: 1, replication: 0)
        let atHome = s.buildings.reduce(0) { $0 + s.doorToDoorResidents($1) }
        XCTAssertGreaterThan(atHome, 0)
        let n = Double(s.totalResidents - atHome), p = s.arrivals.turnoutShare
        let came = r[.residentsSwabbed] + r[.residentsGaveUp] + r[.residentsNotSwabbed]
        XCTAssertEqual(came, n * p, accuracy: 5 * (n * p * (1 - p)).squareRoot())
        XCTAssertEqual(r[.residentsNotSwabbed], 0)
        XCTAssertEqual(r.sites.count, 4)
        XCTAssertEqual(r.sites.map(\.swabbed).reduce(0, +), Int(r[.residentsSwabbed]))
    }
}

/// Residents drawn once and shared by several plans give exactly what each plan gives alone.
final class SharedDrawsTests: XCTestCase {
    func testSharedDrawsEqualSeparateRuns() throws {
        let s = try Fixtures.panjiayuan()
        let rounds = [try CompiledRound(scenario: s, plan: s.effectivePlan), try CompiledRound(scenario: s, plan: s.baselinePlan())]
        let shared = Experiment.runs(rounds, replications: 3..<6, seed: 4, jobs: 2)
        for (p, round) in rounds.enumerated() {
            let alone = Experiment.runs(round, replications: 3..<6, seed: 4, jobs: 1)
            XCTAssertEqual(shared[p].map(\.metrics), alone.map(\.metrics), "plan \(p)")
        }
    }
}
