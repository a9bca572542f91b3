import XCTest
import Foundation
import Scenario
import SimKit
@testable import SiteModel

/// The round without weather is forked from the round with it at the weather's first episode,
/// instead of being run from the opening a second time. These tests hold the fork to the
/// separate run it replaces.
final class WeatherTwinTests: XCTestCase {
    static func panjiayuan() throws -> CompiledRound {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/panjiayuan-nanli.yaml").path
        let s = try ScenarioLoader.load(path: path)
        return try! CompiledRound(scenario: s, plan: s.effectivePlan)
    }

    /// Panjiayuan Nanli (gusts from the opening, showers, patience and returns, couriers,
    /// door-to-door): the time in system without the weather is, to the bit, that of a round
    /// run on its own from the opening on the dry arrivals with the queues only.
    func testForkedTwinEqualsASeparateDryRun() throws {
        let round = try Self.panjiayuan()
        var forkedAfterArrivals = 0
        for r in 0..<3 {
            let weather = WeatherDraw(round.scenario.logistics.weather, seed: 3, replication: UInt64(r))
            XCTAssertFalse(weather.isClear)
            var wet: [Arrival] = []
            var dry: [Arrival]? = []
            round.drawArrivals(seed: 3, replication: UInt64(r), weather: weather, into: &wet, dry: &dry)
            // The dry round on its own, from the opening: no weather, queues only.
            var separate = RoundState(round: round, arrivals: dry!, weather: .clear(round.scenario.logistics.weather),
                                      doorToDoor: DoorToDoorRun(teams: []), tubesOn: false, options: .standard)
            separate.start()
            separate.run()
            let result = round.simulate(seed: 3, replication: r)
            XCTAssertEqual(result[.timeInSystemWithoutWeatherMinutes], separate.tally.timeInSystemAll.mean, "replication \(r)")
            XCTAssertEqual(result[.weatherCostMinutes], result[.timeInSystemMinutes] - separate.tally.timeInSystemAll.mean)
            XCTAssertEqual(result[.residentsGaveUpToWeather], result[.residentsGaveUp] - Double(separate.tally.gaveUp))

            // The fork shares a real prefix (residents had come before the first episode).
            var state = RoundState(round: round, arrivals: wet, weather: weather, doorToDoor: DoorToDoorRun(teams: []),
                                   tubesOn: false, options: .standard)
            state.start()
            state.run(until: weather.firstEpisodeStart!)
            if state.nextArrival > 0 { forkedAfterArrivals += 1 }
        }
        XCTAssertGreaterThan(forkedAfterArrivals, 0, "no replication exercised a shared prefix")
    }

    /// The benchmark's cost per event counts the twin's events (those after the fork) beside
    /// the round's: both loops run in the replication's time.
    func testTwinEventsAreCountedApart() throws {
        let round = try Self.panjiayuan()
        let wet = round.simulate(seed: 3, replication: 0)
        XCTAssertGreaterThan(wet.eventsWithoutWeather, 0)
        XCTAssertLessThan(wet.eventsWithoutWeather, wet.events, "the twin runs after the fork only, on the queues only")
        var clear = round.scenario
        clear.logistics.weather.forecast = []
        clear.logistics.weather.interruptions = []
        let dry = try CompiledRound(scenario: clear, plan: clear.effectivePlan).simulate(seed: 3, replication: 0)
        XCTAssertEqual(dry.eventsWithoutWeather, 0)
        XCTAssertGreaterThan(dry.events, 0)
    }

    /// Every part of the state with shared memory (slabs, event lists) is copied for the twin,
    /// so the two rounds cannot write into each other; found by reflection, so a part added to
    /// `RoundState` later and forgotten in `twinWithoutWeather` fails here.
    func testTwinOwnsAllItsMemory() throws {
        let round = try Self.panjiayuan()
        let weather = WeatherDraw(round.scenario.logistics.weather, seed: 1, replication: 0)
        var wet: [Arrival] = []
        var dry: [Arrival]? = []
        round.drawArrivals(seed: 1, replication: 0, weather: weather, into: &wet, dry: &dry)
        var state = RoundState(round: round, arrivals: wet, weather: weather, doorToDoor: DoorToDoorRun(teams: []),
                               tubesOn: true, options: .standard)
        state.start()
        state.run(until: weather.firstEpisodeStart!)
        let twin = state.twinWithoutWeather(dryArrivals: dry!)
        // Every value with shared memory, in the state and one level into its groups
        // (`lines.queue`, `crews.teamState`, ...).
        func sharedStorage(_ value: Any) -> [String: ObjectIdentifier] {
            var out: [String: ObjectIdentifier] = [:]
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                if let shared = child.value as? SharedStorage {
                    out[label] = shared.storageIdentity
                } else {
                    for inner in Mirror(reflecting: child.value).children {
                        if let innerLabel = inner.label, let shared = inner.value as? SharedStorage { out[label + "." + innerLabel] = shared.storageIdentity }
                    }
                }
            }
            return out
        }
        let original = sharedStorage(state)
        var checked = 0
        for (label, identity) in sharedStorage(twin) {
            XCTAssertNotEqual(identity, original[label], "\(label) is shared with the twin")
            checked += 1
        }
        XCTAssertEqual(checked, original.count)
        XCTAssertGreaterThan(checked, 30)
    }
}
