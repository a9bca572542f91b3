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
        var outcome = run(seed: seed, replication: replication, options: options, draws: draws, groupJobs: groupJobs)
        return finish(&outcome.figures, dry: outcome.dry, liftWait: outcome.lifts.summary(), doorToDoor: outcome.doorToDoor,
                      seed: seed, replication: replication)
    }

    /// One replication's figures before they become metrics (a street splits them by community).
    internal func run(seed: UInt64, replication: Int, options: RunOptions, draws: ResidentDraws?, groupJobs: Int) -> RoundOutcome {
        let apart = runsSiteGroupsApart && groupSites.count > 1
        var d = drawn(seed: seed, replication: replication, options: options, draws: draws, sorting: !apart)
        if apart {
            let split = siteGroupSplit?.split ?? SiteGroupSplit(self)
            let (figures, dry) = simulateApart(split, arrivals: &d.arrivals, dryArrivals: &d.dryArrivals, weather: d.weather,
                                               doorToDoor: d.doorToDoor, options: d.options, jobs: groupJobs)
            return RoundOutcome(figures: figures, dry: dry, lifts: d.lifts, doorToDoor: d.doorToDoor)
        }
        var state = RoundState(round: self, arrivals: d.arrivals, weather: d.weather, doorToDoor: d.doorToDoor,
                               tubesOn: scenario.logistics.lab != nil, options: d.options)
        state.start()
        var dry: RoundState?
        if let firstEpisode = d.weather.firstEpisodeStart, let dryArrivals = d.dryArrivals {
            state.run(until: firstEpisode)
            dry = state.twinWithoutWeather(dryArrivals: dryArrivals)
        }
        state.run()
        let figures = state.closedFigures()
        var dryFigures: DryFigures?
        if var dry {
            dry.run()
            dryFigures = DryFigures(dry)
        }
        return RoundOutcome(figures: figures, dry: dryFigures, lifts: d.lifts, doorToDoor: d.doorToDoor)
    }

    /// What a replication draws before its first event: the weather, every resident's arrival
    /// (and without the weather, for the dry twin), the lift waits, the door-to-door teams, and
    /// the options a morning state sets. The same whether the round then runs as one loop, as
    /// site groups, or as some of its groups in a shard.
    internal func drawn(seed: UInt64, replication: Int, options: RunOptions, draws: ResidentDraws?, sorting: Bool,
                        liftsByBuilding: Bool = false) -> Drawn {
        let weather = WeatherDraw(scenario.logistics.weather, seed: seed, replication: UInt64(replication))
        var arrivals: [Arrival] = []
        // From a morning state the weather so far is past: no dry twin (its figures are left out).
        var dryArrivals: [Arrival]? = weather.isClear || morning != nil ? nil : []
        let residents = draws ?? drawResidents(seed: seed, replication: UInt64(replication))
        precondition(residents.seed == seed && residents.replication == UInt64(replication), "draws of another replication")
        let lifts = self.arrivals(from: residents, weather: weather, into: &arrivals, dry: &dryArrivals, sorting: sorting,
                                  liftsByBuilding: liftsByBuilding)
        var options = options
        if let m = morning {
            startingFrom(m, arrivals: &arrivals, dry: &dryArrivals, seed: seed, replication: UInt64(replication))
            options.statisticsFrom = max(options.statisticsFrom, m.at)
        }
        let doorToDoor = DoorToDoorRun(self, weather: weather, seed: seed, replication: UInt64(replication))
        return Drawn(weather: weather, arrivals: arrivals, dryArrivals: dryArrivals, lifts: lifts, options: options, doorToDoor: doorToDoor)
    }

    /// The metrics of figures closed by `run`: the round's, or a street community's (with its
    /// own compiled round, dry figures, lift waits and door-to-door teams).
    internal func finish(_ figures: inout RoundFigures, dry: DryFigures?, liftWait: LiftWaits.Summary, doorToDoor: DoorToDoorRun,
                         seed: UInt64, replication: Int) -> ReplicationResult {
        var result = figures.result(doorToDoor: doorToDoor)
        result[.liftWaitMeanMinutes] = liftWait.mean
        result[.liftWaitP95Minutes] = liftWait.p95
        if morning != nil {
            for m in [MetricName.timeInSystemWithoutWeatherMinutes, .weatherCostMinutes, .residentsGaveUpToWeather] { result[m] = .nan }
        }
        if let dry {
            result.eventsWithoutWeather = dry.events
            var all = Tally()
            for t in dry.timeInSystem { all.merge(t) }
            let dryTime = all.mean
            result[.timeInSystemWithoutWeatherMinutes] = dryTime
            result[.weatherCostMinutes] = result[.timeInSystemMinutes] - dryTime
            // The cost above is over residents swabbed; those the weather drove away are apart.
            result[.residentsGaveUpToWeather] = result[.residentsGaveUp] - Double(dry.gaveUp.reduce(0, +))
        }
        // Workers on the desk after the round stay until its data are done (the deadline without a desk).
        var dataDone = scenario.round.deadline
        if let desk = scenario.logistics.dataDesk {
            let d = DataDeskRun(desk, periods: deskPeriods, seed: seed, replication: UInt64(replication))
            result[.dataItemsOnTimeShare] = d.onTimeShare
            result[.dataLargestLatenessMinutes] = d.largestLatenessSeconds / 60
            dataDone = max(dataDone, d.lastDone)
        }
        for (role, metric) in [(WorkerRole.registration, MetricName.workerHoursRegistration), (.marshal, .workerHoursMarshal),
                               (.doorToDoor, .workerHoursDoorToDoor), (.dataDesk, .workerHoursDataDesk)] {
            result[metric] = DataDeskRun.workerHours(plan, role, openEndsAt: dataDone)
        }
        return result
    }
}

/// One replication's figures before they become metrics.
struct RoundOutcome {
    var figures: RoundFigures
    var dry: DryFigures?
    var lifts: LiftWaits
    var doorToDoor: DoorToDoorRun
}

/// A replication's draws before its first event (`CompiledRound.drawn`).
struct Drawn {
    var weather: WeatherDraw
    var arrivals: [Arrival]
    var dryArrivals: [Arrival]?
    var lifts: LiftWaits
    var options: RunOptions
    var doorToDoor: DoorToDoorRun
}

/// The run without the weather (`twinWithoutWeather`), per site in the scenario's indices:
/// residents' time in system and those who left for good.
struct DryFigures {
    var timeInSystem: [Tally]
    var gaveUp: [Int]
    /// Events the twin took after the fork (for the benchmark: the replication's loop ran them too).
    var events = 0

    init(timeInSystem: [Tally], gaveUp: [Int], events: Int = 0) {
        self.timeInSystem = timeInSystem; self.gaveUp = gaveUp; self.events = events
    }
    init(_ dry: RoundState) {
        timeInSystem = dry.tally.timeInSystem.indices.map { dry.tally.timeInSystem[$0] }
        gaveUp = dry.tally.gaveUpAtSite.indices.map { dry.tally.gaveUpAtSite[$0] }
        events = dry.taken
    }

    /// Sites `sites` alone.
    func sites(_ sites: Range<Int>) -> DryFigures {
        DryFigures(timeInSystem: Array(timeInSystem[sites]), gaveUp: Array(gaveUp[sites]), events: events)
    }
}
