import SimKit

// The round's state grouped by what it describes. Each group keeps its parallel arrays (the
// layout the loop reads fast) and copies itself as a whole: `Slab`s share memory between
// copies, so a state that must run on independently (the weather twin) copies group by group.

/// Each site's four FIFO lanes (registration priority and normal, swab priority and normal) as
/// one array of resident indices with a head and tail per lane.
struct Lines {
    var queue: Slab<Int32>
    var queueHead: Slab<Int>
    var queueTail: Slab<Int>
    /// When the entry at each position joined its line (for placing a late-found return).
    var queueJoined: Slab<Double>
    /// Position of each resident's current registration-line entry (entries of residents who
    /// left are skipped).
    var queuePosition: Slab<Int>

    func copy() -> Lines {
        Lines(queue: queue.copy(), queueHead: queueHead.copy(), queueTail: queueTail.copy(),
              queueJoined: queueJoined.copy(), queuePosition: queuePosition.copy())
    }
}

/// The swab stations (global index) and the swab teams that staff them.
struct Crews {
    var stationTeam: Slab<Int32>
    var stationResident: Slab<Int32>
    var stationAfter: Slab<AfterSwab>
    var stationIncoming: Slab<Int32>
    var teamState: Slab<TeamState>
    var teamWorkStart: Slab<Double>
    var teamLimit: Slab<Double>
    var teamActive: Slab<Double>
    var teamBusy: Slab<Double>

    func copy() -> Crews {
        Crews(stationTeam: stationTeam.copy(), stationResident: stationResident.copy(), stationAfter: stationAfter.copy(),
              stationIncoming: stationIncoming.copy(), teamState: teamState.copy(), teamWorkStart: teamWorkStart.copy(),
              teamLimit: teamLimit.copy(), teamActive: teamActive.copy(), teamBusy: teamBusy.copy())
    }
}

/// Each resident's moments: when they joined a line, were queued for and started their swab,
/// where they are, how long they waited to register, whether they left and came back.
struct ResidentLog {
    var joinedLine: Slab<Double>
    var swabQueued: Slab<Double>
    var swabStarted: Slab<Double>
    var stage: Slab<Stage>
    var registrationWait: Slab<Double>
    var cameBack: Slab<Bool>

    func copy() -> ResidentLog {
        ResidentLog(joinedLine: joinedLine.copy(), swabQueued: swabQueued.copy(), swabStarted: swabStarted.copy(),
                    stage: stage.copy(), registrationWait: registrationWait.copy(), cameBack: cameBack.copy())
    }
}

/// What each site has open now and how fast its lines move in the weather (1 = dry).
struct SiteCapacity {
    var desksOpen: Slab<Int>
    var desksBusy: Slab<Int>
    var stationsOpen: Slab<Int>
    var registrationSpeed: Slab<Double>
    var swabSpeed: Slab<Double>

    func copy() -> SiteCapacity {
        SiteCapacity(desksOpen: desksOpen.copy(), desksBusy: desksBusy.copy(), stationsOpen: stationsOpen.copy(),
                     registrationSpeed: registrationSpeed.copy(), swabSpeed: swabSpeed.copy())
    }
}

extension SiteCapacity {
    /// At opening: every desk a site has, every station it has a team for, dry.
    init(desks: [Int]) {
        self.init(desksOpen: Slab(desks), desksBusy: Slab(repeating: 0, count: desks.count),
                  stationsOpen: Slab(repeating: Int.max, count: desks.count),
                  registrationSpeed: Slab(repeating: 1, count: desks.count), swabSpeed: Slab(repeating: 1, count: desks.count))
    }
}

/// The tubes: the open tube at each station (samples so far, when the first went in), every
/// sealed tube (its first sample's time and its samples), and each site's cold box of sealed
/// tubes waiting for a courier (`boxes[site][boxHead[site]...]`).
struct TubeBoxes {
    var stationTubeCount: Slab<Int>
    var stationTubeFirst: Slab<Double>
    var tubeFirst: [Double]
    var tubeSamples: [Int32]
    var boxes: [[Int32]]
    var boxHead: Slab<Int>

    func copy() -> TubeBoxes {
        TubeBoxes(stationTubeCount: stationTubeCount.copy(), stationTubeFirst: stationTubeFirst.copy(), tubeFirst: tubeFirst,
                  tubeSamples: tubeSamples, boxes: boxes, boxHead: boxHead.copy())
    }

    /// Tubes in a site's box now.
    func boxCount(_ site: Int) -> Int { boxes[site].count - boxHead[site] }

    /// Puts a sealed tube in a site's box; true when the box then holds more than `capacity`.
    mutating func putInBox(site: Int, first: Double, samples: Int, capacity: Int) -> Bool {
        boxes[site].append(Int32(tubeFirst.count))
        tubeFirst.append(first)
        tubeSamples.append(Int32(samples))
        return boxCount(site) > capacity
    }
}

extension TubeBoxes {
    /// Sized once for the whole round: at most `tubes` sealed tubes, and each site's box
    /// reserved for its residents plus `extra` (door-to-door and partial tubes).
    init(stations: Int, tubes: Int, residentsPerSite: [Int], extra: Int) {
        var first: [Double] = [], samples: [Int32] = []
        first.reserveCapacity(tubes)
        samples.reserveCapacity(tubes)
        self.init(stationTubeCount: Slab(repeating: 0, count: max(stations, 1)), stationTubeFirst: Slab(repeating: 0, count: max(stations, 1)),
                  tubeFirst: first, tubeSamples: samples,
                  boxes: residentsPerSite.map { residents in
                      var b: [Int32] = []
                      b.reserveCapacity(residents + extra)
                      return b
                  },
                  boxHead: Slab(repeating: 0, count: residentsPerSite.count))
    }
}

/// The couriers: at the lab or out, the stop each is at, whether a departure came while out,
/// the tubes each carries, when its run left, and (for publishing) each run's departure and load.
struct CourierFleet {
    var state: Slab<CourierState>
    var stop: Slab<Int>
    var pending: Slab<Bool>
    var load: [[Int32]]
    var departed: Slab<Double>
    var log: [[(departs: Double, tubes: Int)]]

    func copy() -> CourierFleet {
        CourierFleet(state: state.copy(), stop: stop.copy(), pending: pending.copy(), load: load, departed: departed.copy(), log: log)
    }
}

extension CourierFleet {
    /// Every courier at the lab, each load reserved to its capacity.
    init(capacities: [Int]) {
        let n = max(capacities.count, 1)
        self.init(state: Slab(repeating: .atLab, count: n), stop: Slab(repeating: 0, count: n), pending: Slab(repeating: false, count: n),
                  load: capacities.map { c in
                      var load: [Int32] = []
                      load.reserveCapacity(c)
                      return load
                  },
                  departed: Slab(repeating: 0, count: n), log: Array(repeating: [], count: capacities.count))
    }
}

/// What the round counts and measures as it runs, for `ReplicationResult`. Sums are kept per
/// site, team or courier and folded in that order only at the end (`RoundFigures`), so a round
/// run as separate site groups adds the same numbers in the same order as one loop: the same
/// figures to the bit.
struct Tallies {
    /// Per site.
    var waitRegistration: Slab<Tally>
    var waitSwab: Slab<Tally>
    var timeInSystem: Slab<Tally>
    /// Residents swabbed after leaving and coming back: minutes from first arrival to return.
    var returnersTimeAway: Slab<Tally>
    var timeInSystemSample: QuantileSample
    var over20 = 0, over60 = 0
    var swabbed = 0
    var gaveUp = 0
    var lastSwab: Double
    var lastSwabAtSite: Slab<Double>
    var longestSpan = 0.0
    /// Per team.
    var overtime: Slab<Double>
    /// Per site: registration desks busy and open.
    var desksBusy: Slab<TimeWeighted>
    var desksOpen: Slab<TimeWeighted>
    var levels: BinnedLevels
    var swabbedAtSite: Slab<Int>
    /// Per courier (tubes reach the lab by courier).
    var sampleAge: Slab<Tally>
    var sampleAgeSample: QuantileSample
    var samplesOverLimit = 0
    var tubesOverBox = 0
    var courierRuns = 0
    /// Per courier.
    var courierKilometres: Slab<Double>
    /// The same counts by site, team or courier, which a street splits by community: residents
    /// who left for good, who waited over 20 and 60 minutes, tubes over a box's capacity (per
    /// site); the longest standing span (per team); runs and samples over the age limit (per
    /// courier).
    var gaveUpAtSite: Slab<Int>
    var over20AtSite: Slab<Int>
    var over60AtSite: Slab<Int>
    var tubesOverBoxAtSite: Slab<Int>
    var longestSpanOfTeam: Slab<Double>
    var courierRunsOf: Slab<Int>
    var samplesOverLimitOf: Slab<Int>
    /// With `RoundState.tagsSamples` (a street): the site of each time-in-system sample and the
    /// courier of each sample-age sample, so each community's quantiles are its own.
    var timeInSystemSampleSite: [Int32] = []
    var sampleAgeSampleCourier: [Int32] = []

    init(opening: Double, desks: [Int], teams: Int, couriers: Int, residents: Int, samples: Int, levels: BinnedLevels) {
        let sites = desks.count
        waitRegistration = Slab(repeating: Tally(), count: sites)
        waitSwab = Slab(repeating: Tally(), count: sites)
        timeInSystem = Slab(repeating: Tally(), count: sites)
        returnersTimeAway = Slab(repeating: Tally(), count: sites)
        timeInSystemSample = QuantileSample(reservingCapacity: residents)
        sampleAgeSample = QuantileSample(reservingCapacity: samples)
        lastSwab = opening
        lastSwabAtSite = Slab(repeating: opening, count: sites)
        overtime = Slab(repeating: 0, count: teams)
        desksBusy = Slab(repeating: TimeWeighted(level: 0, at: opening), count: sites)
        desksOpen = Slab(repeating: TimeWeighted(level: 0, at: opening), count: sites)
        for (s, d) in desks.enumerated() { desksOpen[s] = TimeWeighted(level: Double(d), at: opening) }
        self.levels = levels
        swabbedAtSite = Slab(repeating: 0, count: sites)
        sampleAge = Slab(repeating: Tally(), count: couriers)
        courierKilometres = Slab(repeating: 0, count: couriers)
        gaveUpAtSite = Slab(repeating: 0, count: sites)
        over20AtSite = Slab(repeating: 0, count: sites)
        over60AtSite = Slab(repeating: 0, count: sites)
        tubesOverBoxAtSite = Slab(repeating: 0, count: sites)
        longestSpanOfTeam = Slab(repeating: 0, count: teams)
        courierRunsOf = Slab(repeating: 0, count: couriers)
        samplesOverLimitOf = Slab(repeating: 0, count: couriers)
    }

    /// A copy that shares no memory with this one (the plain counters and samples are values).
    func copy() -> Tallies {
        var t = self
        t.waitRegistration = waitRegistration.copy()
        t.waitSwab = waitSwab.copy()
        t.timeInSystem = timeInSystem.copy()
        t.returnersTimeAway = returnersTimeAway.copy()
        t.lastSwabAtSite = lastSwabAtSite.copy()
        t.overtime = overtime.copy()
        t.desksBusy = desksBusy.copy()
        t.desksOpen = desksOpen.copy()
        t.swabbedAtSite = swabbedAtSite.copy()
        t.levels = levels.copy()
        t.sampleAge = sampleAge.copy()
        t.courierKilometres = courierKilometres.copy()
        t.gaveUpAtSite = gaveUpAtSite.copy()
        t.over20AtSite = over20AtSite.copy()
        t.over60AtSite = over60AtSite.copy()
        t.tubesOverBoxAtSite = tubesOverBoxAtSite.copy()
        t.longestSpanOfTeam = longestSpanOfTeam.copy()
        t.courierRunsOf = courierRunsOf.copy()
        t.samplesOverLimitOf = samplesOverLimitOf.copy()
        return t
    }

    /// Residents swabbed, over all sites in site order (what a one-number figure reads).
    var timeInSystemAll: Tally {
        var all = Tally()
        for s in timeInSystem.indices { all.merge(timeInSystem[s]) }
        return all
    }
}

/// Per site group: how many of its residents came and are settled (swabbed, or gone for
/// good), whether its teams have stood down, and its door-to-door teams not yet back.
struct GroupProgress {
    var residents: Slab<Int>
    var settled: Slab<Int>
    var over: Slab<Bool>
    var doorToDoorPending: Slab<Int>

    func copy() -> GroupProgress {
        GroupProgress(residents: residents.copy(), settled: settled.copy(), over: over.copy(), doorToDoorPending: doorToDoorPending.copy())
    }
}

extension GroupProgress {
    init(_ round: CompiledRound, arrivals: [Arrival], doorToDoor: DoorToDoorRun) {
        let n = max(round.groupSites.count, 1)
        residents = Slab(repeating: 0, count: n)
        settled = Slab(repeating: 0, count: n)
        over = Slab(repeating: false, count: n)
        doorToDoorPending = Slab(repeating: 0, count: n)
        for a in arrivals { residents[round.siteGroup[Int(a.site)]] += 1 }
        for t in doorToDoor.teams { doorToDoorPending[round.siteGroup[t.handoffSite]] += 1 }
    }
}

/// What a round's figures need of its residents' records once those are let go.
struct ResidentLeftovers {
    var residents: Int
    var tubesLeft: Int
    /// With `tagsSamples`: residents who came, and tubes left, per site.
    var residentsAtSite: [Int] = []
    var tubesLeftAtSite: [Int] = []
    /// The time of the last event taken.
    var stop: Double
    /// Residents still in a line when everything stopped: the level they count in and since when.
    var stillWaiting: [(level: Int, since: Double)]
    var gaveUpByBuilding: [(building: Int, residents: Int)]
}
