import Scenario
import SimKit

/// Options that only tests and studies need; a planner's run uses the defaults.
public struct RunOptions: Sendable {
    /// Residents arriving before this clock time are served but not tallied (a warm-up, for
    /// comparing with steady-state theory).
    public var statisticsFrom: Double
    /// Keep what a published schedule needs: waits per call-up, histograms, courier runs.
    public var recordDetail = false
    public static let standard = RunOptions(statisticsFrom: -.infinity)
    public init(statisticsFrom: Double) { self.statisticsFrom = statisticsFrom }
}

public extension CompiledRound {
    /// Width of the bins of the per-site series.
    static let binSeconds = 15.0 * 60

    /// One replication: a pure function of (scenario, plan, seed, replication). No I/O.
    ///
    /// With weather in the scenario, the same replication is also run without it (same
    /// residents, same service times), so the planner sees what the weather cost. The two are
    /// the same until the weather's first episode, so that part is run once and the round is
    /// forked there.
    ///
    /// `draws`, when given, are this replication's resident draws (`drawResidents`), made once
    /// and shared by every plan of the scenario; the result is the same as without them.
    func simulate(seed: UInt64, replication: Int, options: RunOptions = .standard, draws: ResidentDraws? = nil) -> ReplicationResult {
        let weather = WeatherDraw(scenario.logistics.weather, seed: seed, replication: UInt64(replication))
        var arrivals: [Arrival] = []
        var dryArrivals: [Arrival]? = weather.isClear ? nil : []
        let residents = draws ?? drawResidents(seed: seed, replication: UInt64(replication))
        precondition(residents.seed == seed && residents.replication == UInt64(replication), "draws of another replication")
        var lifts = self.arrivals(from: residents, weather: weather, into: &arrivals, dry: &dryArrivals)
        let doorToDoor = DoorToDoorRun(self, weather: weather, seed: seed, replication: UInt64(replication))
        var state = RoundState(round: self, arrivals: arrivals, weather: weather, doorToDoor: doorToDoor,
                               tubesOn: scenario.logistics.lab != nil, options: options)
        state.start()
        var dry: RoundState?
        if let firstEpisode = weather.firstEpisodeStart {
            state.run(until: firstEpisode)
            dry = state.twinWithoutWeather(dryArrivals: dryArrivals!)
        }
        state.run()
        var result = state.result()
        result[.liftWaitMeanMinutes] = lifts.tally.mean
        result[.liftWaitP95Minutes] = lifts.p95()
        if var dry {
            dry.run()
            let dryTime = dry.tally.timeInSystemAll.mean
            result[.timeInSystemWithoutWeatherMinutes] = dryTime
            result[.weatherCostMinutes] = result[.timeInSystemMinutes] - dryTime
            // The cost above is over residents swabbed; those the weather drove away are apart.
            result[.residentsGaveUpToWeather] = result[.residentsGaveUp] - Double(dry.tally.gaveUp)
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
}
