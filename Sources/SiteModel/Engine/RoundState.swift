import Scenario
import SimKit

enum EventKind: UInt32 {
    // Service list
    case registrationDone, swabDone, residentReturns
    // Staff list
    case teamReady, standingLimit, breakEnd, shiftEnd, capacityChange, weatherChange
    case courierDepart, courierArrive, courierCheck, doorToDoorHandoff
}

extension EventKind {
    /// The kind an event was scheduled with. Raw values are the declaration order, which is how
    /// a payload-free enum is laid out, so this is a plain byte (`init(rawValue:)` was a call
    /// with a range check on every event).
    @inline(__always)
    init(scheduled raw: UInt32) {
        self = unsafeBitCast(UInt8(truncatingIfNeeded: raw), to: EventKind.self)
        assert(EventKind(rawValue: raw) == self, "event kind \(raw)")
    }
}

/// Index of a site's level in `BinnedLevels`.
enum Level {
    static let perSite = 5
    static func registrationQueue(_ site: Int) -> Int { site * perSite }
    static func swabQueue(_ site: Int) -> Int { site * perSite + 1 }
    static func stationsBusy(_ site: Int) -> Int { site * perSite + 2 }
    static func stationsStaffed(_ site: Int) -> Int { site * perSite + 3 }
    static func paused(_ site: Int) -> Int { site * perSite + 4 }
}

/// Where a resident is.
enum Stage: UInt8 { case waitingRegistration, registering, waitingSwab, swabbing, done, away }

enum TeamState: UInt8 { case travelling, working, onBreak, gone }

/// What a station does when its resident in hand is done.
enum AfterSwab: UInt8 { case carryOn, takeBreak, leave, handOver }

enum CourierState: UInt8 { case atLab, out }

/// The mutable state of one replication. A struct so that array accesses are checked statically
/// for exclusivity; everything is sized before the loop starts (`Slab`s and reserved arrays), so
/// the loop does not allocate.
struct RoundState {
    /// Bins of the sites' series: to four hours past the last shift or the deadline.
    static func seriesBins(_ round: CompiledRound) -> Int {
        let lastShift = round.scenario.staff.cohorts.map(\.shiftEnd).max() ?? round.deadline
        return Int(((max(lastShift, round.deadline) + 4 * 3600 - round.opening) / CompiledRound.binSeconds).rounded(.up))
    }

    let round: CompiledRound
    var arrivals: [Arrival]
    let options: RunOptions
    var weather: WeatherDraw
    let siteChanges: [WeatherDraw.SiteChange]
    let doorToDoor: DoorToDoorRun
    /// Service completions and residents' own moments: a short list.
    var events: EventList
    /// Team, staffing, weather, tube and courier events, kept apart so the service list stays shallow.
    var staffEvents: EventList
    let teams: [TeamRoster.Team]
    let siteCount: Int
    let patienceOn: Bool
    /// Tubes and couriers are followed (a lab in the scenario; not in the twin without weather).
    var tubesOn: Bool
    /// Per-site series and quantiles are kept (not in the twin without weather).
    var recordSeries = true

    /// The lines of every site (`Lines`), the stations and their swab teams (`Crews`), and
    /// each resident's moments (`ResidentLog`): parallel arrays grouped by what they describe,
    /// each copied as a whole for the weather twin.
    var lines: Lines
    var capacity: SiteCapacity
    var crews: Crews
    var log: ResidentLog

    var tubes: TubeBoxes
    var fleet: CourierFleet
    /// Per site group: residents settled, teams stood down, door-to-door teams still out.
    var groups: GroupProgress
    var tally: Tallies
    var taken = 0
    // Detail for publishing (only with `recordDetail`).
    let recordDetail: Bool
    /// A street's round: samples carry their site or courier (`Tallies`), for each community's figures.
    let tagsSamples: Bool
    var callUpWaits: [QuantileSample]
    /// The next resident to arrive (arrivals are taken in order, outside the event lists).
    var nextArrival = 0
    /// Set when the per-resident arrays were let go (`releaseResidents`).
    var leftovers: ResidentLeftovers?

    init(round: CompiledRound, arrivals: [Arrival], weather: WeatherDraw, doorToDoor: DoorToDoorRun, tubesOn: Bool, options: RunOptions) {
        self.tubesOn = tubesOn
        recordDetail = options.recordDetail
        tagsSamples = !round.scenario.communities.isEmpty
        callUpWaits = options.recordDetail ? Array(repeating: QuantileSample(), count: round.callUpBuildings.count) : []
        self.round = round
        self.arrivals = arrivals
        self.options = options
        self.weather = weather
        self.doorToDoor = doorToDoor
        let s = round.scenario
        siteCount = round.sites.count
        siteChanges = weather.siteChanges(round.sites)
        teams = round.teams
        patienceOn = s.logistics.patience != nil || s.populations.contains { $0.patience != nil }
        events = EventList(capacity: 64)
        events.removeAll(startingAt: -.infinity)
        staffEvents = EventList(capacity: 64 + teams.count * 3 + round.capacityChanges.count + siteChanges.count)
        staffEvents.removeAll(startingAt: -.infinity)
        var perSite = Array(repeating: 0, count: siteCount)
        for a in arrivals { perSite[Int(a.site)] += 1 }
        var base: [Int] = []
        var offset = 0
        // A resident who leaves and comes back joins the registration line twice.
        let registrationEntries = patienceOn ? 2 : 1
        for si in 0..<siteCount {
            for lane in 0..<4 { base.append(offset); offset += perSite[si] * (lane < 2 ? registrationEntries : 1) }
        }
        lines = Lines(queue: Slab(repeating: -1, count: max(offset, 1)), queueHead: Slab(base), queueTail: Slab(base),
                      queueJoined: Slab(repeating: 0, count: max(offset, 1)), queuePosition: Slab(repeating: -1, count: max(arrivals.count, 1)))
        capacity = SiteCapacity(desks: round.sites.map(\.registrationDesks))
        let stations = round.stationBase.last!
        crews = Crews(stationTeam: Slab(repeating: -1, count: stations), stationResident: Slab(repeating: -1, count: stations),
                      stationAfter: Slab(repeating: .carryOn, count: stations), stationIncoming: Slab(repeating: -1, count: stations),
                      teamState: Slab(repeating: .travelling, count: teams.count), teamWorkStart: Slab(repeating: 0, count: teams.count),
                      teamLimit: Slab(repeating: 0, count: teams.count), teamActive: Slab(repeating: 0, count: teams.count),
                      teamBusy: Slab(repeating: 0, count: teams.count))
        let n = max(arrivals.count, 1)
        log = ResidentLog(joinedLine: Slab(repeating: 0, count: n), swabQueued: Slab(repeating: 0, count: n),
                          swabStarted: Slab(repeating: 0, count: n), stage: Slab(repeating: .waitingRegistration, count: n),
                          registrationWait: Slab(repeating: 0, count: n), cameBack: Slab(repeating: false, count: n))
        let doorTubes = doorToDoor.teams.reduce(0) { $0 + $1.tubes.count }
        tubes = TubeBoxes(stations: stations, tubes: arrivals.count + doorTubes + 2 * (stations + teams.count) + 16,
                          residentsPerSite: perSite, extra: doorTubes + 2 * (stations + teams.count) + 8)
        fleet = CourierFleet(capacities: round.couriers.map(\.courier.capacityTubes))
        groups = GroupProgress(round, arrivals: arrivals, doorToDoor: doorToDoor)
        let bins = RoundState.seriesBins(round)
        tally = Tallies(opening: round.opening, desks: round.sites.map(\.registrationDesks), teams: teams.count, couriers: round.couriers.count,
                        residents: arrivals.count, samples: s.logistics.lab == nil ? 0 : arrivals.count + doorTubes * 3,
                        levels: BinnedLevels(levels: Level.perSite * siteCount, origin: round.opening, width: CompiledRound.binSeconds, bins: bins))
    }

    // MARK: The event loop

    /// Schedules what is known before the round starts: teams, staffing changes, weather, the
    /// couriers' first runs and the door-to-door hand-offs.
    mutating func start() {
        for (t, team) in teams.enumerated() {
            staffEvents.schedule(at: team.readyAt, kind: EventKind.teamReady.rawValue, entity: Int32(t))
        }
        for (i, c) in round.capacityChanges.enumerated() {
            staffEvents.schedule(at: c.time, kind: EventKind.capacityChange.rawValue, entity: Int32(i))
        }
        for (i, c) in siteChanges.enumerated() {
            staffEvents.schedule(at: c.time, kind: EventKind.weatherChange.rawValue, entity: Int32(i))
        }
        scheduleLogistics()
    }

    /// Runs everything that happens before `limit`; by default to the end, where residents still
    /// waiting to register with a patience are counted as having given up.
    mutating func run(until limit: Double = .infinity) {
        // Three sources merged by time: staff events, arrivals (already in time order, so they
        // never pass through a heap) and service completions. At equal times staff events come
        // first (a shift that ends at 09:00 ends before a swab finishing at 09:00 starts the
        // next one), then arrivals, then completions.
        while true {
            let serviceTime = events.nextTime ?? .infinity
            let staffTime = staffEvents.nextTime ?? .infinity
            let arrivalTime = nextArrival < arrivals.count ? arrivals[nextArrival].time : .infinity
            // With no limit this stops when all three are empty.
            if min(staffTime, arrivalTime, serviceTime) >= limit { break }
            if arrivalTime < staffTime && arrivalTime <= serviceTime {
                let id = nextArrival
                nextArrival += 1
                events.advance(to: arrivalTime)
                staffEvents.advance(to: arrivalTime)
                taken += 1
                joinRegistration(id, now: arrivalTime)
                continue
            }
            let e: Event
            if staffTime <= serviceTime {
                e = staffEvents.next()!
                events.advance(to: e.time)
            } else {
                e = events.next()!
                staffEvents.advance(to: e.time)
            }
            taken += 1
            handle(e)
        }
        if limit == .infinity { residentsStillWaitingGaveUp() }
    }

    /// The same round from here on as if there were no weather, on `dryArrivals` (the same
    /// residents, walking and waiting as on a dry day), following the queues only. Exact when
    /// nothing of the weather has happened yet: before its first episode the two rounds are the
    /// same event for event, and residents who arrived so far are the same prefix of both
    /// arrival lists. Everything with shared memory is copied, so the two run on independently.
    func twinWithoutWeather(dryArrivals: [Arrival]) -> RoundState {
        precondition(dryArrivals.count == arrivals.count, "the twin sees the same residents")
        var twin = self
        twin.arrivals = dryArrivals
        twin.weather = .clear(weather.weather)
        twin.tubesOn = false
        twin.recordSeries = false
        // The twin counts its own events, those after the fork.
        twin.taken = 0
        twin.events = events.copy()
        twin.staffEvents = staffEvents.copy()
        twin.lines = lines.copy()
        twin.capacity = capacity.copy()
        twin.crews = crews.copy()
        twin.log = log.copy()
        twin.tubes = tubes.copy()
        twin.fleet = fleet.copy()
        twin.tally = tally.copy()
        twin.groups = groups.copy()
        return twin
    }

    mutating func handle(_ e: Event) {
        let now = e.time
        let id = Int(e.entity)
        switch EventKind(scheduled: e.kind) {
        case .registrationDone:
            let site = Int(arrivals[id].site)
            capacity.desksBusy[site] -= 1
            tally.desksBusy[site].set(tally.desksBusy[site].level - 1, at: now)
            log.swabQueued[id] = now
            log.stage[id] = .waitingSwab
            enqueue(id, lane: site * 4 + (arrivals[id].priority ? 2 : 3))
            startSwabs(site: site, now: now)
            startRegistrations(site: site, now: now)
        case .swabDone:
            swabDone(station: id, now: now)
        case .residentReturns:
            joinRegistration(id, now: now)
        case .teamReady:
            teamReady(id, now: now)
        case .standingLimit:
            let g = station(of: id)
            guard crews.teamState[id] == .working, now == crews.teamWorkStart[id] + crews.teamLimit[id] else { break }
            if crews.stationResident[g] >= 0 {
                if crews.stationAfter[g] == .carryOn { crews.stationAfter[g] = .takeBreak }
            } else {
                startBreak(id, now: now)
            }
        case .breakEnd:
            guard crews.teamState[id] == .onBreak else { break }
            let g = station(of: id)
            if now >= teams[id].shiftEnd || crews.stationTeam[g] >= 0 {
                crews.teamState[id] = .gone
            } else {
                activate(id, station: g, now: now)
                startSwabs(site: teams[id].site, now: now)
            }
        case .shiftEnd:
            let g = station(of: id)
            if crews.teamState[id] == .working && crews.stationTeam[g] == Int32(id) {
                if crews.stationResident[g] >= 0 {
                    if crews.stationAfter[g] != .handOver { crews.stationAfter[g] = .leave }
                } else {
                    leave(id, now: now)
                }
            } else if crews.teamState[id] == .onBreak {
                crews.teamState[id] = .gone
            }
        case .capacityChange:
            let c = round.capacityChanges[id]
            tally.desksOpen[c.site].set(Double(c.desks), at: now)
            capacity.desksOpen[c.site] = c.desks
            capacity.stationsOpen[c.site] = c.stations < 0 ? Int.max : c.stations
            updateStaffed(site: c.site, now: now)
            startRegistrations(site: c.site, now: now)
            startSwabs(site: c.site, now: now)
        case .weatherChange:
            // Scheduled before a twin without weather was made from this state.
            guard !weather.isClear else { break }
            let c = siteChanges[id]
            capacity.registrationSpeed[c.site] = c.registrationSpeed
            capacity.swabSpeed[c.site] = c.swabSpeed
            tally.levels.set(Level.paused(c.site), to: c.registrationSpeed == 0 || c.swabSpeed == 0 ? 1 : 0, at: now)
            startRegistrations(site: c.site, now: now)
            startSwabs(site: c.site, now: now)
        // A twin without weather follows the queues only: tube events scheduled before it was
        // made are let pass.
        case .courierDepart:
            if tubesOn { courierDeparts(id, now: now) }
        case .courierArrive:
            if tubesOn { courierArrives(id, now: now) }
        case .courierCheck:
            if tubesOn { courierChecks(id, now: now) }
        case .doorToDoorHandoff:
            if tubesOn { doorToDoorHandsOff(id, now: now) }
        }
    }
}
