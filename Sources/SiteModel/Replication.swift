import Scenario
import SimKit

/// Options that only tests and studies need; a planner's run uses the defaults.
public struct RunOptions: Sendable {
    /// Residents arriving before this clock time are served but not tallied (a warm-up, for
    /// comparing with steady-state theory).
    public var statisticsFrom: Double
    public static let standard = RunOptions(statisticsFrom: -.infinity)
    public init(statisticsFrom: Double) { self.statisticsFrom = statisticsFrom }
}

public extension CompiledRound {
    /// Width of the bins of the per-site series.
    static let binSeconds = 15.0 * 60

    /// One replication: a pure function of (scenario, plan, seed, replication). No I/O.
    ///
    /// With weather in the scenario, the same replication is run a second time without it
    /// (same residents, same service times), so the planner sees what the weather cost.
    func simulate(seed: UInt64, replication: Int, options: RunOptions = .standard) -> ReplicationResult {
        let weather = WeatherDraw(scenario.logistics.weather, seed: seed, replication: UInt64(replication))
        var result = simulate(seed: seed, replication: replication, weather: weather, options: options)
        if !weather.isClear {
            let dry = simulate(seed: seed, replication: replication, weather: .clear(scenario.logistics.weather), options: options)
            result[.timeInSystemWithoutWeatherMinutes] = dry[.timeInSystemMinutes]
            result[.weatherCostMinutes] = result[.timeInSystemMinutes] - dry[.timeInSystemMinutes]
        }
        if let desk = scenario.logistics.dataDesk {
            let d = DataDeskRun(desk, periods: deskPeriods, seed: seed, replication: UInt64(replication))
            result[.dataItemsOnTimeShare] = d.onTimeShare
            result[.dataLargestLatenessMinutes] = d.largestLatenessSeconds / 60
        }
        result[.workerHoursRegistration] = DataDeskRun.workerHours(plan, .registration)
        result[.workerHoursMarshal] = DataDeskRun.workerHours(plan, .marshal)
        result[.workerHoursDoorToDoor] = DataDeskRun.workerHours(plan, .doorToDoor)
        result[.workerHoursDataDesk] = DataDeskRun.workerHours(plan, .dataDesk)
        return result
    }

    internal func simulate(seed: UInt64, replication: Int, weather: WeatherDraw, options: RunOptions) -> ReplicationResult {
        var arrivals: [Arrival] = []
        drawArrivals(seed: seed, replication: UInt64(replication), weather: weather, into: &arrivals)
        let doorToDoor = DoorToDoorRun(self, weather: weather, seed: seed, replication: UInt64(replication))
        var state = RoundState(round: self, arrivals: arrivals, weather: weather, doorToDoor: doorToDoor, options: options)
        state.run()
        return state.result()
    }
}
