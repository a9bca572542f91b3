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
    ///
    /// A round of several site groups (`SiteGroups`) runs each group apart, on up to `groupJobs`
    /// threads, and gives the same figures to the bit as one event loop over the whole round
    /// (`runsSiteGroupsApart = false`).
    func simulate(seed: UInt64, replication: Int, options: RunOptions = .standard, draws: ResidentDraws? = nil,
                  groupJobs: Int = 1) -> ReplicationResult {
        let weather = WeatherDraw(scenario.logistics.weather, seed: seed, replication: UInt64(replication))
        var arrivals: [Arrival] = []
        var dryArrivals: [Arrival]? = weather.isClear ? nil : []
        let residents = draws ?? drawResidents(seed: seed, replication: UInt64(replication))
        precondition(residents.seed == seed && residents.replication == UInt64(replication), "draws of another replication")
        let apart = runsSiteGroupsApart && groupSites.count > 1
        var lifts = self.arrivals(from: residents, weather: weather, into: &arrivals, dry: &dryArrivals, sorting: !apart)
        let doorToDoor = DoorToDoorRun(self, weather: weather, seed: seed, replication: UInt64(replication))
        var result: ReplicationResult
        var dryRun: (timeInSystem: Tally, gaveUp: Int)?
        if apart {
            let split = siteGroupSplit?.split ?? SiteGroupSplit(self)
            (result, dryRun) = simulateApart(split, arrivals: &arrivals, dryArrivals: &dryArrivals, weather: weather,
                                             doorToDoor: doorToDoor, options: options, jobs: groupJobs)
        } else {
            var state = RoundState(round: self, arrivals: arrivals, weather: weather, doorToDoor: doorToDoor,
                                   tubesOn: scenario.logistics.lab != nil, options: options)
            state.start()
            var dry: RoundState?
            if let firstEpisode = weather.firstEpisodeStart {
                state.run(until: firstEpisode)
                dry = state.twinWithoutWeather(dryArrivals: dryArrivals!)
            }
            state.run()
            result = state.result()
            if var dry {
                dry.run()
                dryRun = (dry.tally.timeInSystemAll, dry.tally.gaveUp)
            }
        }
        result[.liftWaitMeanMinutes] = lifts.tally.mean
        result[.liftWaitP95Minutes] = lifts.p95()
        if let dryRun {
            let dryTime = dryRun.timeInSystem.mean
            result[.timeInSystemWithoutWeatherMinutes] = dryTime
            result[.weatherCostMinutes] = result[.timeInSystemMinutes] - dryTime
            // The cost above is over residents swabbed; those the weather drove away are apart.
            result[.residentsGaveUpToWeather] = result[.residentsGaveUp] - Double(dryRun.gaveUp)
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

extension CompiledRound {
    /// Each site group as a round of its own on its share of the residents, then the figures
    /// placed at their global indices and closed at the whole round's end.
    func simulateApart(_ split: SiteGroupSplit, arrivals: inout [Arrival], dryArrivals: inout [Arrival]?, weather: WeatherDraw,
                       doorToDoor: DoorToDoorRun, options: RunOptions, jobs: Int) -> (ReplicationResult, (Tally, Int)?) {
        // `arrivals` come in draw order: each group sorts its own share.
        let groupArrivals = split.partition(arrivals, siteGroup: siteGroup)
        let groupDry = dryArrivals.map { split.partition($0, siteGroup: siteGroup) }
        arrivals = []; dryArrivals = nil // the groups hold them now
        let groupDoorToDoor = split.partition(doorToDoor, siteGroup: siteGroup)
        let tubesOn = scenario.logistics.lab != nil
        let runs = Replications.run(count: split.groups.count, jobs: jobs) { g -> GroupRun in
            let range = groupArrivals.offsets[g]..<groupArrivals.offsets[g + 1]
            var mine = Array(groupArrivals.flat[range])
            var mineDry = groupDry.map { Array($0.flat[$0.offsets[g]..<$0.offsets[g + 1]]) }
            BucketSort.sort(&mine, alongWith: &mineDry) { $0.time }
            var state = RoundState(round: split.groups[g].round, arrivals: mine, weather: weather,
                                   doorToDoor: groupDoorToDoor[g], tubesOn: tubesOn, options: options)
            state.start()
            var dry: RoundState?
            if let firstEpisode = weather.firstEpisodeStart {
                state.run(until: firstEpisode)
                dry = state.twinWithoutWeather(dryArrivals: mineDry!)
            }
            state.run()
            // The figures wait for every group's end: keep only what they need.
            state.releaseResidents()
            var dryFigures: (sites: [Tally], gaveUp: Int)?
            if var dry {
                dry.run()
                dryFigures = (dry.tally.timeInSystem.indices.map { dry.tally.timeInSystem[$0] }, dry.tally.gaveUp)
            }
            return GroupRun(state: state, dry: dryFigures)
        }
        let end = runs.map(\.state.end).max() ?? opening
        let stop = runs.map(\.state.stop).max() ?? opening
        let deskClose = max(end, runs.map(\.state.lastDeskChange).max() ?? end)
        var figures = RoundFigures(self, end: end)
        if options.recordDetail {
            figures.recordDetail = true
            figures.callUpWaits = Array(repeating: QuantileSample(), count: callUpBuildings.count)
        }
        var drySites = Array(repeating: Tally(), count: sites.count), dryGaveUp = 0
        for (g, run) in runs.enumerated() {
            var state = run.state
            let group = split.groups[g]
            figures.add(state.figures(end: end, stop: stop, deskClose: deskClose),
                        sites: group.sites, teams: group.teams, couriers: group.couriers, callUps: group.callUps)
            if let dry = run.dry {
                for (l, t) in dry.sites.enumerated() { drySites[group.sites[l]] = t }
                dryGaveUp += dry.gaveUp
            }
        }
        var dryAll = Tally()
        for t in drySites { dryAll.merge(t) }
        return (figures.result(doorToDoor: doorToDoor), runs.contains { $0.dry != nil } ? (dryAll, dryGaveUp) : nil)
    }
}

/// A site group's state after its run, handed from the thread that ran it.
private struct GroupRun: @unchecked Sendable {
    var state: RoundState
    var dry: (sites: [Tally], gaveUp: Int)?
}
