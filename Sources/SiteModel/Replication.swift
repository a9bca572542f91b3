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
    func simulate(seed: UInt64, replication: Int, options: RunOptions = .standard) -> ReplicationResult {
        var arrivals: [Arrival] = []
        drawArrivals(seed: seed, replication: UInt64(replication), into: &arrivals)
        var state = RoundState(round: self, arrivals: arrivals, options: options)
        state.run()
        return state.result()
    }
}

private enum EventKind: UInt32 {
    case registrationDone, swabDone, teamReady, standingLimit, breakEnd, shiftEnd, capacityChange
}

/// Index of a site's level in `BinnedLevels`.
private enum Level {
    static func registrationQueue(_ site: Int) -> Int { site * 4 }
    static func swabQueue(_ site: Int) -> Int { site * 4 + 1 }
    static func stationsBusy(_ site: Int) -> Int { site * 4 + 2 }
    static func stationsStaffed(_ site: Int) -> Int { site * 4 + 3 }
}

/// Where a resident is; only read at the end, for those never swabbed.
private enum Stage: UInt8 { case waitingRegistration, registering, waitingSwab, swabbing, done }

private enum TeamState: UInt8 { case travelling, working, onBreak, gone }

/// What a station does when its resident in hand is done.
private enum AfterSwab: UInt8 { case carryOn, takeBreak, leave, handOver }

/// The mutable state of one replication. A struct so that array accesses are checked statically
/// for exclusivity; everything is sized before the loop starts, so the loop does not allocate.
private struct RoundState {
    let round: CompiledRound
    let arrivals: [Arrival]
    let options: RunOptions
    /// Service completions (registration, swab): a short list, at most one per desk and station.
    var events: EventList
    /// Team and staffing events, kept apart so the service list stays shallow.
    var staffEvents: EventList
    let teams: [TeamRoster.Team]
    let siteCount: Int

    // Lines: per site four FIFO lanes (registration priority/normal, swab priority/normal).
    let queue: Slab<Int32>
    let queueHead: Slab<Int>
    let queueTail: Slab<Int>

    let desksOpen: Slab<Int>
    let desksBusy: Slab<Int>
    let stationsOpen: Slab<Int>

    // Stations (global index) and teams.
    let stationTeam: Slab<Int32>
    let stationResident: Slab<Int32>
    let stationAfter: Slab<AfterSwab>
    let stationIncoming: Slab<Int32>
    let teamState: Slab<TeamState>
    let teamWorkStart: Slab<Double>
    let teamActive: Slab<Double>
    let teamBusy: Slab<Double>

    // Per-resident moments.
    let swabQueued: Slab<Double>
    let stage: Slab<Stage>
    let registrationWait: Slab<Double>

    // Statistics.
    var waitRegistration = Tally()
    var waitSwab = Tally()
    var timeInSystem = Tally()
    var timeInSystemSample: QuantileSample
    var over20 = 0, over60 = 0
    var swabbed = 0
    var lastSwab: Double
    var longestSpan = 0.0
    var overtime = 0.0
    var desksBusyLevel: TimeWeighted
    var desksOpenLevel: TimeWeighted
    /// Per site four levels: registration queue, swab queue, busy stations, staffed stations.
    var levels: BinnedLevels
    let swabbedAtSite: Slab<Int>
    var taken = 0
    /// Every resident who came has been swabbed: the teams stand down.
    var roundOver = false

    init(round: CompiledRound, arrivals: [Arrival], options: RunOptions) {
        self.round = round
        self.arrivals = arrivals
        self.options = options
        let s = round.scenario
        siteCount = s.sites.count
        teams = round.roster.teams
        events = EventList(capacity: 64)
        events.removeAll(startingAt: -.infinity)
        staffEvents = EventList(capacity: 16 + teams.count * 3 + round.capacityChanges.count)
        staffEvents.removeAll(startingAt: -.infinity)
        var perSite = Array(repeating: 0, count: siteCount)
        for a in arrivals { perSite[Int(a.site)] += 1 }
        var base: [Int] = []
        var offset = 0
        for si in 0..<siteCount { for _ in 0..<4 { base.append(offset); offset += perSite[si] } }
        queue = Slab(repeating: -1, count: max(offset, 1))
        queueHead = Slab(base)
        queueTail = Slab(base)
        desksOpen = Slab(s.sites.map(\.registrationDesks))
        desksBusy = Slab(repeating: 0, count: siteCount)
        stationsOpen = Slab(repeating: Int.max, count: siteCount)
        let stations = round.stationBase.last!
        stationTeam = Slab(repeating: -1, count: stations)
        stationResident = Slab(repeating: -1, count: stations)
        stationAfter = Slab(repeating: .carryOn, count: stations)
        stationIncoming = Slab(repeating: -1, count: stations)
        teamState = Slab(repeating: .travelling, count: teams.count)
        teamWorkStart = Slab(repeating: 0, count: teams.count)
        teamActive = Slab(repeating: 0, count: teams.count)
        teamBusy = Slab(repeating: 0, count: teams.count)
        swabQueued = Slab(repeating: 0, count: arrivals.count)
        stage = Slab(repeating: .waitingRegistration, count: arrivals.count)
        registrationWait = Slab(repeating: 0, count: arrivals.count)
        timeInSystemSample = QuantileSample(reservingCapacity: arrivals.count)
        lastSwab = round.opening
        desksBusyLevel = TimeWeighted(level: 0, at: round.opening)
        desksOpenLevel = TimeWeighted(level: Double(s.sites.reduce(0) { $0 + $1.registrationDesks }), at: round.opening)
        let lastShift = s.staff.cohorts.map(\.shiftEnd).max() ?? round.deadline
        let bins = Int(((max(lastShift, round.deadline) + 4 * 3600 - round.opening) / CompiledRound.binSeconds).rounded(.up))
        levels = BinnedLevels(levels: 4 * siteCount, origin: round.opening, width: CompiledRound.binSeconds, bins: bins)
        swabbedAtSite = Slab(repeating: 0, count: siteCount)
    }

    // MARK: The event loop

    mutating func run() {
        for (t, team) in teams.enumerated() {
            staffEvents.schedule(at: team.readyAt, kind: EventKind.teamReady.rawValue, entity: Int32(t))
        }
        for (i, c) in round.capacityChanges.enumerated() {
            staffEvents.schedule(at: c.time, kind: EventKind.capacityChange.rawValue, entity: Int32(i))
        }
        // Three sources merged by time: staff events, arrivals (already in time order, so they
        // never pass through a heap) and service completions. At equal times staff events come
        // first (a shift that ends at 09:00 ends before a swab finishing at 09:00 starts the
        // next one), then arrivals, then completions.
        var nextArrival = 0
        while true {
            let serviceTime = events.nextTime ?? .infinity
            let staffTime = staffEvents.nextTime ?? .infinity
            let arrivalTime = nextArrival < arrivals.count ? arrivals[nextArrival].time : .infinity
            if staffTime.isInfinite && arrivalTime.isInfinite && serviceTime.isInfinite { break }
            if arrivalTime < staffTime && arrivalTime <= serviceTime {
                let id = nextArrival
                nextArrival += 1
                events.advance(to: arrivalTime)
                staffEvents.advance(to: arrivalTime)
                taken += 1
                let now = arrivals[id].time
                let site = Int(arrivals[id].site)
                enqueue(id, lane: site * 4 + (arrivals[id].priority ? 0 : 1), now: now)
                startRegistrations(site: site, now: now)
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
            let now = e.time
            let id = Int(e.entity)
            switch EventKind(rawValue: e.kind)! {
            case .registrationDone:
                let site = Int(arrivals[id].site)
                desksBusy[site] -= 1
                desksBusyLevel.set(desksBusyLevel.level - 1, at: now)
                swabQueued[id] = now
                stage[id] = .waitingSwab
                enqueue(id, lane: site * 4 + (arrivals[id].priority ? 2 : 3), now: now)
                startSwabs(site: site, now: now)
                startRegistrations(site: site, now: now)
            case .swabDone:
                swabDone(station: id, now: now)
            case .teamReady:
                teamReady(id, now: now)
            case .standingLimit:
                let g = station(of: id)
                guard teamState[id] == .working, now == teamWorkStart[id] + teams[id].standingLimitSeconds else { break }
                if stationResident[g] >= 0 {
                    if stationAfter[g] == .carryOn { stationAfter[g] = .takeBreak }
                } else {
                    startBreak(id, now: now)
                }
            case .breakEnd:
                guard teamState[id] == .onBreak else { break }
                let g = station(of: id)
                if now >= teams[id].shiftEnd || stationTeam[g] >= 0 {
                    teamState[id] = .gone
                } else {
                    activate(id, station: g, now: now)
                    startSwabs(site: teams[id].site, now: now)
                }
            case .shiftEnd:
                let g = station(of: id)
                if teamState[id] == .working && stationTeam[g] == Int32(id) {
                    if stationResident[g] >= 0 {
                        if stationAfter[g] != .handOver { stationAfter[g] = .leave }
                    } else {
                        leave(id, now: now)
                    }
                } else if teamState[id] == .onBreak {
                    teamState[id] = .gone
                }
            case .capacityChange:
                let c = round.capacityChanges[id]
                desksOpenLevel.set(desksOpenLevel.level + Double(c.desks - desksOpen[c.site]), at: now)
                desksOpen[c.site] = c.desks
                stationsOpen[c.site] = c.stations < 0 ? Int.max : c.stations
                updateStaffed(site: c.site, now: now)
                startRegistrations(site: c.site, now: now)
                startSwabs(site: c.site, now: now)
            }
        }
    }

    // MARK: Lines

    @inline(__always)
    mutating func enqueue(_ r: Int, lane: Int, now: Double) {
        queue[queueTail[lane]] = Int32(r)
        queueTail[lane] += 1
    }

    /// The next resident of a line: the priority lane first, then first come first served.
    @inline(__always)
    mutating func dequeue(priorityLane lane: Int) -> Int? {
        for l in lane...(lane + 1) where queueHead[l] < queueTail[l] {
            let r = Int(queue[queueHead[l]])
            queueHead[l] += 1
            return r
        }
        return nil
    }

    mutating func startRegistrations(site: Int, now: Double) {
        while desksBusy[site] < desksOpen[site], let r = dequeue(priorityLane: site * 4) {
            desksBusy[site] += 1
            desksBusyLevel.set(desksBusyLevel.level + 1, at: now)
            registrationWait[r] = now - arrivals[r].time
            stage[r] = .registering
            events.schedule(at: now + arrivals[r].registrationSeconds, kind: EventKind.registrationDone.rawValue, entity: Int32(r))
        }
    }

    /// A station that can take the next resident: staffed, idle, open under the plan, and whose
    /// team is not about to stop.
    @inline(__always)
    func freeStation(site: Int) -> Int? {
        let lo = round.stationBase[site]
        let hi = min(round.stationBase[site + 1], lo &+ min(stationsOpen[site], Int.max - lo))
        var g = lo
        while g < hi {
            if stationTeam[g] >= 0 && stationResident[g] < 0 && stationAfter[g] == .carryOn { return g }
            g += 1
        }
        return nil
    }

    mutating func startSwabs(site: Int, now: Double) {
        let lane = site * 4 + 2
        while queueHead[lane] < queueTail[lane] || queueHead[lane + 1] < queueTail[lane + 1], let g = freeStation(site: site) {
            guard let r = dequeue(priorityLane: site * 4 + 2) else { return }
            stationResident[g] = Int32(r)
            stage[r] = .swabbing
            events.schedule(at: now + arrivals[r].swabSeconds, kind: EventKind.swabDone.rawValue, entity: Int32(g))
        }
    }

    mutating func swabDone(station g: Int, now: Double) {
        let r = Int(stationResident[g])
        let site = Int(arrivals[r].site)
        stationResident[g] = -1
        let t = Int(stationTeam[g])
        teamBusy[t] += arrivals[r].swabSeconds
        swabbed += 1
        swabbedAtSite[site] += 1
        lastSwab = now
        let a = arrivals[r]
        stage[r] = .done
        // The resident's time in each line, added to the per-site series in one go.
        let registrationStart = a.time + registrationWait[r], swabStart = now - a.swabSeconds
        levels.addInterval(Level.registrationQueue(site), from: a.time, to: registrationStart)
        levels.addInterval(Level.swabQueue(site), from: swabQueued[r], to: swabStart)
        levels.addInterval(Level.stationsBusy(site), from: swabStart, to: now)
        if a.time >= options.statisticsFrom {
            let wReg = registrationWait[r]
            let wSwab = now - a.swabSeconds - swabQueued[r]
            let tis = now - a.time
            waitRegistration.add(wReg / 60)
            waitSwab.add(wSwab / 60)
            timeInSystem.add(tis / 60)
            timeInSystemSample.add(tis / 60)
            if wReg + wSwab > 20 * 60 { over20 += 1 }
            if wReg + wSwab > 60 * 60 { over60 += 1 }
        }
        if swabbed == arrivals.count {
            standDown(now: now)
            return
        }
        switch stationAfter[g] {
        case .carryOn: break
        case .takeBreak: startBreak(t, now: now)
        case .leave: leave(t, now: now)
        case .handOver:
            let incoming = Int(stationIncoming[g])
            leave(t, now: now)
            activate(incoming, station: g, now: now)
        }
        startSwabs(site: site, now: now)
    }

    // MARK: Teams

    @inline(__always)
    func station(of team: Int) -> Int { round.stationBase[teams[team].site] + teams[team].slot }

    mutating func teamReady(_ t: Int, now: Double) {
        if roundOver { teamState[t] = .gone; return }
        let g = station(of: t)
        staffEvents.schedule(at: max(now, teams[t].shiftEnd), kind: EventKind.shiftEnd.rawValue, entity: Int32(t))
        let current = Int(stationTeam[g])
        if current >= 0 && teams[t].relieves != current {
            // Only a relief takes over a staffed station; a team arriving after its own relief is not needed.
            teamState[t] = .gone
            return
        }
        if current < 0 {
            activate(t, station: g, now: now)
        } else if stationResident[g] < 0 {
            leave(current, now: now)
            activate(t, station: g, now: now)
        } else {
            // The outgoing team finishes the resident in hand, then hands over.
            stationAfter[g] = .handOver
            stationIncoming[g] = Int32(t)
            teamState[t] = .travelling
        }
        startSwabs(site: teams[t].site, now: now)
    }

    /// The last resident is done: every team at a station leaves, teams on break do not return.
    mutating func standDown(now: Double) {
        roundOver = true
        for t in teams.indices {
            if teamState[t] == .working && stationTeam[station(of: t)] == Int32(t) { leave(t, now: now) }
            teamState[t] = .gone
        }
    }

    mutating func activate(_ t: Int, station g: Int, now: Double) {
        stationTeam[g] = Int32(t)
        stationAfter[g] = .carryOn
        teamState[t] = .working
        teamWorkStart[t] = now
        updateStaffed(site: teams[t].site, now: now)
        staffEvents.schedule(at: now + teams[t].standingLimitSeconds, kind: EventKind.standingLimit.rawValue, entity: Int32(t))
    }

    mutating func endSpan(_ t: Int, now: Double) {
        let span = now - teamWorkStart[t]
        teamActive[t] += span
        if span > longestSpan { longestSpan = span }
        let g = station(of: t)
        stationTeam[g] = -1
        stationAfter[g] = .carryOn
        updateStaffed(site: teams[t].site, now: now)
    }

    mutating func startBreak(_ t: Int, now: Double) {
        endSpan(t, now: now)
        teamState[t] = .onBreak
        staffEvents.schedule(at: now + teams[t].breakSeconds, kind: EventKind.breakEnd.rawValue, entity: Int32(t))
    }

    mutating func leave(_ t: Int, now: Double) {
        endSpan(t, now: now)
        teamState[t] = .gone
        overtime += max(0, now - teams[t].shiftEnd)
    }

    /// Staffed stations that the plan has open, for the utilisation series.
    mutating func updateStaffed(site: Int, now: Double) {
        let lo = round.stationBase[site], hi = round.stationBase[site + 1]
        var n = 0
        var g = lo
        while g < hi && g - lo < stationsOpen[site] {
            if stationTeam[g] >= 0 { n += 1 }
            g += 1
        }
        levels.set(Level.stationsStaffed(site), to: Double(n), at: now)
    }

    // MARK: Results

    mutating func result() -> ReplicationResult {
        let end = max(lastSwab, round.opening)
        var m = Array(repeating: 0.0, count: MetricName.allCases.count)
        func put(_ name: MetricName, _ v: Double) { m[MetricName.index[name]!] = v }
        let n = Double(timeInSystem.count)
        put(.waitRegistrationMinutes, waitRegistration.mean)
        put(.waitSwabMinutes, waitSwab.mean)
        put(.timeInSystemMinutes, timeInSystem.mean)
        put(.timeInSystemP50Minutes, timeInSystemSample.quantile(0.5) ?? 0)
        put(.timeInSystemP90Minutes, timeInSystemSample.quantile(0.9) ?? 0)
        put(.timeInSystemP95Minutes, timeInSystemSample.quantile(0.95) ?? 0)
        put(.timeInSystemMaxMinutes, timeInSystem.count > 0 ? timeInSystem.max : 0)
        put(.shareWaitingOver20Minutes, n > 0 ? Double(over20) / n : 0)
        put(.shareWaitingOver60Minutes, n > 0 ? Double(over60) / n : 0)
        put(.finishTimeMinutesAfterOpening, (end - round.opening) / 60)
        put(.finishedByDeadline, swabbed == arrivals.count && end <= round.deadline ? 1 : 0)
        put(.residentsSwabbed, Double(swabbed))
        put(.residentsNotSwabbed, Double(arrivals.count - swabbed))
        desksBusyLevel.set(desksBusyLevel.level, at: end)
        desksOpenLevel.set(desksOpenLevel.level, at: end)
        put(.registrationDeskUtilisation, desksOpenLevel.area > 0 ? desksBusyLevel.area / desksOpenLevel.area : 0)
        // Teams still at their station at the end count up to the last swab.
        var active = 0.0, busy = 0.0
        for t in teams.indices {
            active += teamActive[t] + (teamState[t] == .working ? max(0, end - teamWorkStart[t]) : 0)
            if teamState[t] == .working { longestSpan = max(longestSpan, min(end, teams[t].shiftEnd) - teamWorkStart[t]) }
            busy += teamBusy[t]
        }
        put(.swabTeamUtilisation, active > 0 ? min(1, busy / active) : 0)
        put(.longestStandingMinutes, longestSpan / 60)
        put(.overtimeTeamMinutes, overtime / 60)
        var series: [SiteSeries] = []
        levels.finish(at: end)
        if swabbed < arrivals.count {
            // Residents still in a line when the last team left wait to the end of the record.
            let stop = max(events.now, staffEvents.now)
            for r in arrivals.indices {
                let site = Int(arrivals[r].site)
                switch stage[r] {
                case .waitingRegistration: levels.addInterval(Level.registrationQueue(site), from: arrivals[r].time, to: stop)
                case .waitingSwab: levels.addInterval(Level.swabQueue(site), from: swabQueued[r], to: stop)
                default: break
                }
            }
        }
        for s in 0..<siteCount {
            series.append(SiteSeries(registrationQueue: levels.averages(of: Level.registrationQueue(s)),
                                     swabQueue: levels.averages(of: Level.swabQueue(s)),
                                     stationsBusy: levels.averages(of: Level.stationsBusy(s)),
                                     stationsStaffed: levels.averages(of: Level.stationsStaffed(s)),
                                     swabbed: swabbedAtSite[s]))
        }
        return ReplicationResult(metrics: m, sites: series, events: taken)
    }
}
