import Scenario
import SimKit

/// Where a round simulated from a morning state starts (`CompiledRound.from`).
struct MorningStart: Sendable {
    var at: Double
    /// People in line at `at`, by site index: the swab line's first, then the registration line's.
    var registration: [Int]
    var swab: [Int]
    /// People who left each site's line and come back.
    var left: [Int]
    /// Residents swabbed so far as the state gives them, by building and by site (-1: not given).
    var swabbedByBuilding: [Int] = []
    var swabbedBySite: [Int] = []
}

/// Holds the round before a morning state was applied (a struct cannot hold its own kind).
final class PastRound: Sendable {
    let round: CompiledRound
    init(_ round: CompiledRound) { self.round = round }
}

extension CompiledRound {
    /// The rest of the round from a morning state: the state's weather and late buses in the
    /// scenario, its gone teams standing down at `at`, its desks as the cap from `at` (raised
    /// by the plan's desk moves after `at`). Each
    /// replication draws the residents as the plan would (same streams), keeps those who set
    /// out at or after `at`, and puts the people in line at `at` in the lines first; figures are
    /// of the residents who come from `at` on (`RunOptions.statisticsFrom`), so they compare with
    /// the uninterrupted round's from the same time.
    public func from(_ state: MorningState) throws -> CompiledRound {
        let s = state.applied(to: scenario)
        var r = try CompiledRound(scenario: s, plan: plan)
        var state = state
        // Sites the state does not give take the plan's expected lines then (the mean of a few
        // replications' mornings, on the morning's own weather and buses).
        let missing = s.sites.map(\.id).filter { state.queues[$0] == nil || state.left[$0] == nil }
        if !missing.isEmpty {
            let expected = (0..<8).map { r.state(at: state.at, seed: 1, replication: $0) }
            for id in missing {
                func mean(_ x: (MorningState) -> Int) -> Int { Int((Double(expected.map(x).reduce(0, +)) / 8).rounded()) }
                if state.queues[id] == nil {
                    state.queues[id] = MorningState.Queue(registration: mean { $0.queues[id]?.registration ?? 0 }, swab: mean { $0.queues[id]?.swab ?? 0 })
                }
                if state.left[id] == nil { state.left[id] = mean { $0.left[id] ?? 0 } }
            }
        }
        r.morningPast = PastRound(r)
        r.apply(state)
        return r
    }

    /// The same plan moved in place after a morning state (a replan's candidate).
    mutating func apply(_ state: MorningState) {
        let s = scenario
        let none = Array(repeating: 0, count: s.sites.count)
        var start = MorningStart(at: state.at, registration: none, swab: none, left: none)
        for (id, n) in state.left { if let si = s.siteIndex(id) { start.left[si] = n } }
        if !state.swabbedByBuilding.isEmpty {
            start.swabbedByBuilding = s.buildings.map { state.swabbedByBuilding[$0.id] ?? -1 }
        } else if !state.swabbedBySite.isEmpty {
            start.swabbedBySite = s.sites.map { state.swabbedBySite[$0.id] ?? -1 }
        }
        for (id, q) in state.queues {
            guard let si = s.siteIndex(id) else { continue }
            start.registration[si] = q.registration
            start.swab[si] = q.swab
        }
        morning = start
        morningState = state
        for gone in state.goneTeams {
            guard let ci = s.staff.cohorts.firstIndex(where: { $0.id == gone.cohort }) else { continue }
            for t in teams.indices where teams[t].cohort == ci && teams[t].number == gone.team {
                teams[t].shiftEnd = min(teams[t].shiftEnd, state.at)
            }
        }
        // The desks someone works at `at` (the state's cap) include everyone moved before
        // then; those moved later come on top of it.
        capacityChanges = CompiledRound.movingDesks(plannedCapacity, plan.deskMoves.filter { $0.at <= state.at }, scenario: s)
        for (id, cap) in state.desks {
            guard let si = s.siteIndex(id) else { continue }
            // The stations as the plan has them at `at` (-1: all), the desks capped from then on.
            let before = capacityChanges.last { $0.site == si && $0.time <= state.at }
            for k in capacityChanges.indices where capacityChanges[k].site == si && capacityChanges[k].time > state.at {
                capacityChanges[k].desks = min(capacityChanges[k].desks, cap)
            }
            let change = CapacityChange(time: state.at, site: si, desks: min(cap, before?.desks ?? s.sites[si].registrationDesks), stations: before?.stations ?? -1)
            let at = capacityChanges.firstIndex { $0.time > state.at } ?? capacityChanges.count
            capacityChanges.insert(change, at: at)
        }
        capacityChanges = CompiledRound.movingDesks(capacityChanges, plan.deskMoves.filter { $0.at > state.at }, scenario: s)
        siteGroupSplit = nil
    }

    /// Another plan of the same scenario from the same morning state (the past, and the lines
    /// at its time, are the same whatever the plan): a re-plan's candidate that changes teams'
    /// breaks or drops, which a move in place cannot.
    public func replacingPlan(_ plan: Plan) throws -> CompiledRound {
        var r = try CompiledRound(model: model, plan: plan)
        // The past is the same whatever the plan does from now on.
        r.morningPast = morningPast
        if let morningState { r.apply(morningState) }
        return r
    }

    /// The residents a round from a morning state sees: those who set out from `at` (in the
    /// order given), after the people already in line, who stand at the head (swab line first)
    /// with service times from streams of their own (keyed by site).
    func startingFrom(_ m: MorningStart, arrivals: inout [Arrival], dry: inout [Arrival]?, seed: UInt64, replication: UInt64) {
        if let past = morningPast, !(m.swabbedByBuilding.isEmpty && m.swabbedBySite.isEmpty) {
            catchUp(m, past: past.round, arrivals: &arrivals, seed: seed, replication: Int(replication))
        }
        var queued: [Arrival] = []
        let pop = model.populations[0]
        // Who stands in a site's line: the mix of the buildings called there (elderly, without
        // a smartphone), residents-weighted.
        var called = Array(repeating: 0.0, count: m.registration.count), elderly = called, noPhone = called
        for b in buildings {
            for f in b.floorCall where f.site < called.count {
                let n = Double(f.residents) / Double(max(1, b.floors))
                called[f.site] += n; elderly[f.site] += n * b.elderlyShare; noPhone[f.site] += n * b.noSmartphoneShare
            }
        }
        for si in 0..<m.registration.count where m.registration[si] + m.swab[si] > 0 {
            var stream = RandomStream(seed: seed, replication: replication, entity: UInt64(si), purpose: StreamPurpose.morningQueue.rawValue)
            let registration = self.registration[0], swab = self.swab[0]
            // Just before `at`, so the figures (from `at`) leave them out like the residents
            // who came before; the swab line's people need no registration.
            let patience = pop.patience
            let patienceSampler = patience.map { Distribution($0.patience).sampler }
            let comeBackSampler = patience.map { Distribution($0.comeBackAfter).sampler }
            let elderlyShare = called[si] > 0 ? elderly[si] / called[si] : 0, noPhoneShare = called[si] > 0 ? noPhone[si] / called[si] : 0
            for k in 0..<(m.swab[si] + m.registration[si]) {
                var reg = registration.sample(&stream), sw = swab.sample(&stream)
                let old = stream.nextDouble() < elderlyShare
                if old { reg *= pop.service.elderlyFactor; sw *= pop.service.elderlyFactor }
                if stream.nextDouble() < noPhoneShare { reg *= pop.service.noSmartphoneFactor }
                var a = Arrival(time: m.at - 1e-3, site: Int16(si), priority: old,
                                registrationSeconds: k < m.swab[si] ? 0 : reg, swabSeconds: sw)
                // Those still to register may give up as anyone would, having already waited
                // a uniform share of their patience.
                if k >= m.swab[si], let patience, let patienceSampler, let comeBackSampler {
                    a.patience = Float(patienceSampler.sample(&stream) * stream.nextDouble())
                    let uBack = stream.nextDouble(), back = comeBackSampler.sample(&stream)
                    if uBack < patience.comeBackShare { a.comeBack = Float(back) }
                }
                queued.append(a)
            }
        }
        // Those coming back join the residents still to come, in time order.
        var back: [Arrival] = []
        let comeBack = pop.patience.map { Distribution($0.comeBackAfter).sampler } ?? Distribution.deterministic(900).sampler
        for si in 0..<m.left.count where m.left[si] > 0 {
            var stream = RandomStream(seed: seed, replication: replication, entity: UInt64(m.left.count + si), purpose: StreamPurpose.morningQueue.rawValue)
            for _ in 0..<m.left[si] {
                // They left some time before `at`: a uniform share of their delay is still to run.
                let delay = comeBack.sample(&stream)
                var a = Arrival(time: m.at + delay, site: Int16(si), priority: false,
                                registrationSeconds: registration[0].sample(&stream), swabSeconds: swab[0].sample(&stream))
                a.untallied = true
                // As any returner: only before the deadline.
                if a.time <= deadline { back.append(a) }
            }
        }
        back.sort { $0.time < $1.time }
        var keep: [Arrival] = queued
        keep.reserveCapacity(queued.count + arrivals.count + back.count)
        var j = 0
        for a in arrivals where a.time >= m.at {
            while j < back.count && back[j].time < a.time { keep.append(back[j]); j += 1 }
            keep.append(a)
        }
        keep += back[j...]
        arrivals = keep
        dry = nil
    }
}

extension CompiledRound {
    /// Residents swabbed so far as reported, against what this replication's own morning (the
    /// round up to `at`, `past`) swabbed: where more were swabbed, the residents of that building
    /// (or site) who would come first from `at` on came already and are taken out; where fewer,
    /// the last who would have come before `at` have not come yet, and come in the half hour
    /// after it. A state the round itself reached changes nothing.
    func catchUp(_ m: MorningStart, past: CompiledRound, arrivals: inout [Arrival], seed: UInt64, replication: Int) {
        let done = past.swabbed(at: m.at, seed: seed, replication: replication)
        let byBuilding = !m.swabbedByBuilding.isEmpty
        let reported = byBuilding ? m.swabbedByBuilding : m.swabbedBySite
        let swabbed = byBuilding ? done.byBuilding : done.bySite
        func key(_ a: Arrival) -> Int {
            if !byBuilding { return Int(a.site) }
            return a.callUp >= 0 ? callUpBuildings[Int(a.callUp)] : -1
        }
        var diff = Array(repeating: 0, count: reported.count)
        for (k, n) in reported.enumerated() where n >= 0 { diff[k] = n - swabbed[k] }
        guard diff.contains(where: { $0 != 0 }) else { return }
        // Arrivals in time order (the draw's order among equal times), so "first" and "last" mean it.
        var order = Array(arrivals.indices)
        BucketSort.sort(&order) { arrivals[$0].time }
        var remove = Array(repeating: false, count: arrivals.count)
        var fewer = diff.map { max(0, -$0) }, more = diff.map { max(0, $0) }
        let late = fewer
        for i in order where arrivals[i].time >= m.at {
            let k = key(arrivals[i])
            if k >= 0 && more[k] > 0 { remove[i] = true; more[k] -= 1 }
        }
        for i in order.reversed() where arrivals[i].time < m.at {
            let k = key(arrivals[i])
            guard k >= 0, fewer[k] > 0 else { continue }
            fewer[k] -= 1
            arrivals[i].time = m.at + 1800 * (Double(late[k] - fewer[k]) - 0.5) / Double(late[k])
        }
        var kept: [Arrival] = []
        kept.reserveCapacity(arrivals.count)
        for (i, a) in arrivals.enumerated() where !remove[i] { kept.append(a) }
        BucketSort.sort(&kept) { $0.time }
        arrivals = kept
    }

    /// Residents this replication swabbed before clock time `t`, by site and by building.
    func swabbed(at t: Double, seed: UInt64, replication: Int) -> (bySite: [Int], byBuilding: [Int]) {
        let (state, arrivals) = morningRun(until: t, seed: seed, replication: replication)
        var bySite = Array(repeating: 0, count: sites.count), byBuilding = Array(repeating: 0, count: scenario.buildings.count)
        for r in arrivals.indices where arrivals[r].time < t && state.log.stage[r] == .done {
            bySite[Int(arrivals[r].site)] += 1
            if arrivals[r].callUp >= 0 { byBuilding[callUpBuildings[Int(arrivals[r].callUp)]] += 1 }
        }
        return (bySite, byBuilding)
    }

    /// One replication of this round run in one loop up to clock time `t`, with its arrivals.
    private func morningRun(until t: Double, seed: UInt64, replication: Int) -> (RoundState, [Arrival]) {
        let weather = WeatherDraw(scenario.logistics.weather, seed: seed, replication: UInt64(replication))
        var arrivals: [Arrival] = []
        var none: [Arrival]? = nil
        self.arrivals(from: drawResidents(seed: seed, replication: UInt64(replication)), weather: weather, into: &arrivals, dry: &none)
        let doorToDoor = DoorToDoorRun(self, weather: weather, seed: seed, replication: UInt64(replication))
        var round = self
        round.runsSiteGroupsApart = false
        var state = RoundState(round: round, arrivals: arrivals, weather: weather, doorToDoor: doorToDoor,
                               tubesOn: scenario.logistics.lab != nil, options: .standard)
        state.start()
        state.run(until: t)
        return (state, arrivals)
    }

    /// The morning state one replication of this round reaches at clock time `t`: people in
    /// each site's lines (those in service count in their line) and residents swabbed by site.
    /// What `swabplan state` writes for a planner to correct, and what the tests feed back.
    public func state(at t: Double, seed: UInt64, replication: Int) -> MorningState {
        let (state, arrivals) = morningRun(until: t, seed: seed, replication: replication)
        var out = MorningState(sourcePath: "", at: t)
        var registration = Array(repeating: 0, count: sites.count), swab = registration, swabbed = registration, left = registration
        for r in arrivals.indices where arrivals[r].time < t {
            let si = Int(arrivals[r].site)
            switch state.log.stage[r] {
            case .waitingRegistration, .registering: registration[si] += 1
            case .waitingSwab, .swabbing: swab[si] += 1
            case .done: swabbed[si] += 1
            // Away and coming back: not yet in line again since they first came.
            case .away: if state.log.cameBack[r] && state.log.joinedLine[r] == arrivals[r].time { left[si] += 1 }
            }
        }
        for (si, site) in scenario.sites.enumerated() {
            out.swabbedBySite[site.id] = swabbed[si]
            out.queues[site.id] = MorningState.Queue(registration: registration[si], swab: swab[si])
            out.left[site.id] = left[si]
        }
        return out
    }
}
