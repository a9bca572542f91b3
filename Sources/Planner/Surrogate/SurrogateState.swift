import Foundation
import Scenario

/// What the surrogate says of a plan.
public struct SurrogateScore: Sendable, Equatable {
    /// Mean minutes from arrival to swab done.
    public var meanMinutes: Double
    /// Estimated 95th percentile of the same, and the share waiting over 20 minutes.
    public var p95Minutes: Double
    public var shareOver20: Double
    /// Minutes after opening when the last swab is done (fluid estimate).
    public var finishMinutes: Double
    /// Residents still waiting at the horizon (hours past the deadline).
    public var unserved: Double
    /// Mean minutes the residents who ride a lift wait for it in the lobby (0: no lifts): not
    /// in the times above, which start at the site, as the simulation's do; the objective adds
    /// it, spread over every resident.
    public var liftWaitMinutes: Double = 0
}

/// How the surrogate weighs a plan: the scenario's objective, and a penalty per minute past
/// the deadline so that plans that finish late lose to any that finish in time.
public enum Objective: String, Sendable, CaseIterable {
    case mean, p95, share20

    /// The scenario's own time target as an objective: the first target on the 95th
    /// percentile of time in system, the share waiting over 20 minutes or the mean, in the
    /// order the scenario lists them; the mean when it has none.
    public static func scenarios(_ s: Scenario) -> Objective {
        for t in s.targets {
            if let o = Objective.allCases.first(where: { $0.metric == t.metric }) { return o }
        }
        return .mean
    }

    public var metric: MetricName {
        switch self {
        case .mean: return .timeInSystemMinutes
        case .p95: return .timeInSystemP95Minutes
        case .share20: return .shareWaitingOver20Minutes
        }
    }
}

/// The arrivals of a set of placements per site and slot, with each site's lines cached slot
/// by slot, so that moving one call-up re-scores only the sites it leaves and joins, and only
/// from the first slot it changes (a line's past does not depend on its future).
public struct SurrogateState: Sendable {
    public let surrogate: Surrogate
    public private(set) var placements: [Surrogate.Placement]
    /// Expected arrivals, `site * slots + slot`.
    var arrivals: [Double]
    /// Per site and slot (same layout): backlog of each line after the slot, resident-seconds
    /// waited up to and including it, the fluid delay of residents arriving in it, the Erlang C
    /// tail of each line (probability of waiting, decay per second), the last slot up to it that
    /// served anyone.
    var backlog1: [Double], backlog2: [Double]
    var waitSoFar: [Double]
    var delay: [Double]
    var tail: [Tail]
    var lastServed: [Int32]
    /// Residents expected in all (call-ups and walk-ins), and of those, lift riders.
    let residents: Double
    let riders: Double
    /// Resident-seconds waited in each tower's lobby (`Surrogate.lifts`), and their sum.
    var liftWait: [Double]
    var liftWaitTotal: Double
    public private(set) var evaluations = 0

    struct Tail: Sendable { var p1 = 0.0, theta1 = 0.0, p2 = 0.0, theta2 = 0.0 }

    public init(_ surrogate: Surrogate, _ placements: [Surrogate.Placement]) {
        self.surrogate = surrogate
        self.placements = placements
        let n = surrogate.grid.slots, sites = surrogate.scenario.sites.count
        arrivals = Array(repeating: 0, count: sites * n)
        for (u, x) in placements.enumerated() { _ = surrogate.addArrivals(u, x, sign: 1, into: &arrivals, lifts: true) }
        liftWait = surrogate.lifts.indices.map { _ in 0 }
        for k in surrogate.lifts.indices { liftWait[k] = surrogate.addLift(k, placements, sign: 1, into: &arrivals).wait }
        liftWaitTotal = liftWait.reduce(0, +)
        backlog1 = Array(repeating: 0, count: sites * n); backlog2 = backlog1; waitSoFar = backlog1; delay = backlog1
        tail = Array(repeating: Tail(), count: sites * n)
        lastServed = Array(repeating: -1, count: sites * n)
        residents = zip(placements, surrogate.units).reduce(0) { $0 + ($1.1.walk[$1.0.site] == nil ? 0 : $1.1.residents) }
        riders = zip(placements, surrogate.units).reduce(0) { $0 + ($1.1.walk[$1.0.site] == nil ? 0 : $1.1.riders) }
        for s in 0..<sites { recost(site: s, from: 0) }
        evaluations = 1
    }

    /// Moves unit `u` and re-scores the sites it touches from the first slot it changes.
    public mutating func move(_ u: Int, to x: Surrogate.Placement) {
        let old = placements[u]
        guard old != x else { return }
        let a = surrogate.addArrivals(u, old, sign: -1, into: &arrivals, lifts: true)
        let b = surrogate.addArrivals(u, x, sign: 1, into: &arrivals, lifts: true)
        let k = surrogate.liftOfUnit[u]
        if k >= 0 {
            // A tower's units share its lifts: all of them are re-queued.
            var touched = surrogate.addLift(k, placements, sign: -1, into: &arrivals).touched + [(old.site, a), (x.site, b)]
            placements[u] = x
            let added = surrogate.addLift(k, placements, sign: 1, into: &arrivals)
            touched += added.touched
            liftWaitTotal += added.wait - liftWait[k]
            liftWait[k] = added.wait
            touched.sort { ($0.site, $0.first) < ($1.site, $1.first) }
            var last = -1
            for (site, first) in touched where site != last {
                recost(site: site, from: first)
                last = site
            }
            evaluations += 1
            return
        }
        placements[u] = x
        if x.site == old.site {
            recost(site: x.site, from: min(a, b))
        } else {
            recost(site: old.site, from: a)
            recost(site: x.site, from: b)
        }
        evaluations += 1
    }

    /// Mean minutes from arrival to swab done, minutes after opening of the last swab, and
    /// residents left at the horizon: the cheap part of the score.
    @inline(__always)
    func totals() -> (mean: Double, finish: Double, unserved: Double) {
        let n = surrogate.grid.slots
        var wait = 0.0, unserved = 0.0, last = -1
        for s in 0..<surrogate.scenario.sites.count {
            let end = s * n + n - 1
            wait += waitSoFar[end]
            unserved += backlog1[end] + backlog2[end]
            last = max(last, Int(lastServed[end]))
        }
        let service = surrogate.registrationMean + surrogate.swabMean
        let mean = residents > 0 ? (wait / residents + service) / 60 : 0
        return (mean, Double(last + 1) * surrogate.grid.slotSeconds / 60, unserved)
    }

    /// The lobby wait spread over every resident, in minutes: what the objective adds.
    var liftMinutesPerResident: Double { residents > 0 ? liftWaitTotal / residents / 60 : 0 }

    /// The score of the current placements.
    public var score: SurrogateScore {
        let t = totals()
        let service = surrogate.registrationMean + surrogate.swabMean
        return SurrogateScore(meanMinutes: t.mean, p95Minutes: quantile(0.95, service: service) / 60,
                              shareOver20: residents > 0 ? exceeding(1200 - service) / residents : 0,
                              finishMinutes: t.finish, unserved: t.unserved,
                              liftWaitMinutes: riders > 0 ? liftWaitTotal / riders / 60 : 0)
    }

    /// The objective with the deadline as a soft wall: each minute the last swab is past
    /// `finishBy` (minutes after opening; the deadline by default), and each resident left
    /// waiting at the horizon, costs more than any queueing a plan can save. The lobby wait
    /// for lifts, per resident, is added: a resident waits whether in the lobby or in line.
    public func objective(_ o: Objective, finishBy: Double? = nil) -> Double {
        let t = totals()
        let limit = finishBy ?? (surrogate.scenario.round.deadline - surrogate.scenario.round.opening) / 60
        let penalty = 10 * max(0, t.finish - limit) + 100 * t.unserved + liftMinutesPerResident
        let service = surrogate.registrationMean + surrogate.swabMean
        switch o {
        case .mean: return t.mean + penalty
        case .p95: return quantile(0.95, service: service) / 60 + penalty
        case .share20: return (residents > 0 ? exceeding(1200 - service) / residents : 0) * 100 + penalty
        }
    }

    /// Expected number of residents whose wait exceeds `x` seconds.
    func exceeding(_ x: Double) -> Double {
        var total = 0.0
        for i in arrivals.indices where arrivals[i] > 1e-9 {
            let y = x - delay[i]
            if y <= 0 { total += arrivals[i]; continue }
            let tl = tail[i]
            total += arrivals[i] * min(1, tl.p1 * exp(-tl.theta1 * y) + tl.p2 * exp(-tl.theta2 * y))
        }
        return total
    }

    /// The q-quantile of time in system (seconds) by bisection on the expected exceedances.
    func quantile(_ q: Double, service: Double) -> Double {
        guard residents > 0 else { return service }
        let target = (1 - q) * residents
        var lo = 0.0, hi = 3600.0
        while exceeding(hi) > target && hi < 86_400 { hi *= 2 }
        for _ in 0..<24 {
            let mid = (lo + hi) / 2
            if exceeding(mid) > target { lo = mid } else { hi = mid }
        }
        return hi + service
    }

    /// Re-scores site `s` from slot `t0` on: backlog carried over (fluid), and the Erlang C wait
    /// of what each slot serves; registration feeds the swab line within the slot.
    mutating func recost(site s: Int, from t0: Int) {
        let g = surrogate.grid, n = g.slots, row = s * n
        let dt = g.slotSeconds
        let cap = surrogate.capacity, erlang = surrogate.erlang
        let m1 = surrogate.registrationMean, m2 = surrogate.swabMean
        let f1 = surrogate.registrationFactor, f2 = surrogate.swabFactor
        let first = max(0, min(t0, n - 1))
        var q1 = first > 0 ? backlog1[row + first - 1] : 0
        var q2 = first > 0 ? backlog2[row + first - 1] : 0
        var waited = first > 0 ? waitSoFar[row + first - 1] : 0
        var last = first > 0 ? lastServed[row + first - 1] : -1
        for t in first..<n {
            let i = row + t
            let a = arrivals[i]
            let desks = cap.desks[i], stations = cap.stations[i]
            let (served1, w1, back1, p1, th1) = Self.line(arriving: a, backlog: q1, servers: desks, mean: m1, factor: f1, slot: dt, erlang: erlang)
            let (served2, w2, back2, p2, th2) = Self.line(arriving: served1, backlog: q2, servers: stations, mean: m2, factor: f2, slot: dt, erlang: erlang)
            waited += w1 + w2 + (q1 + back1 + q2 + back2) / 2 * dt
            // Residents reaching the line now wait behind the backlog: its clearing time.
            let rate1 = desks / m1, rate2 = stations / m2
            delay[i] = (rate1 > 0 ? q1 / rate1 : (q1 + a > 0 ? dt : 0)) + (rate2 > 0 ? q2 / rate2 : (q2 > 0 ? dt : 0))
            tail[i] = Tail(p1: p1, theta1: th1, p2: p2, theta2: th2)
            q1 = back1; q2 = back2
            if served2 > 1e-6 { last = Int32(t) }
            backlog1[i] = q1; backlog2[i] = q2; waitSoFar[i] = waited; lastServed[i] = last
        }
    }

    /// One line in one slot: serves what it can of backlog plus arrivals (at most rhoMax of its
    /// capacity), returns (served, resident-seconds the served wait in steady state, backlog
    /// left, probability of waiting, tail decay per second).
    @inline(__always)
    static func line(arriving a: Double, backlog q: Double, servers: Double, mean: Double, factor: Double, slot dt: Double,
                     erlang: ErlangTable) -> (Double, Double, Double, Double, Double) {
        let offered = q + a
        // Without servers nobody is served; their wait is the backlog's (no steady-state tail).
        guard servers > 1e-9, offered > 0 else { return (0, 0, offered, 0, 0) }
        // A line with a backlog works flat out; what it serves waits as its convex cost says
        // (the same cost the MILP's tangent cuts hold, so its bound is a bound on this score).
        let served = min(offered, servers * dt / mean)
        let (wait, p, theta) = slotWait(served, servers: servers, mean: mean, factor: factor, slot: dt, erlang: erlang)
        return (served, wait, offered - served, p, theta)
    }

    /// Resident-seconds waited in steady state by `n` residents served in one slot by
    /// `servers` (effective; whole servers each a little slower when fractional): Erlang C with
    /// the Allen-Cunneen factor, continued past `rhoMax` along its tangent there, so that the
    /// cost stays convex in `n` (the MILP's tangent cuts are exact on it). Also the probability
    /// of waiting and the tail's decay per second.
    @inline(__always)
    static func slotWait(_ n: Double, servers: Double, mean: Double, factor: Double, slot dt: Double,
                         erlang: ErlangTable) -> (wait: Double, p: Double, theta: Double) {
        let c = max(1, Int(servers.rounded(.up)))
        let serviceUnit = mean * Double(c) / servers
        let full = servers * dt / mean
        let rho = n / full
        if rho <= erlang.rhoMax {
            let e = erlang.lookup(servers: c, rho: rho)
            return (n * e.meanWait * serviceUnit * factor, e.wait, Double(c) * (1 - rho) / (serviceUnit * factor))
        }
        // Tangent at rhoMax: slope from a small step below it.
        let nMax = erlang.rhoMax * full, h = 0.01 * full
        let eMax = erlang.lookup(servers: c, rho: erlang.rhoMax), eBelow = erlang.lookup(servers: c, rho: erlang.rhoMax - 0.01)
        let gMax = nMax * eMax.meanWait * serviceUnit * factor
        let gBelow = (nMax - h) * eBelow.meanWait * serviceUnit * factor
        let slope = (gMax - gBelow) / h
        return (gMax + slope * (n - nMax), eMax.wait, Double(c) * (1 - erlang.rhoMax) / (serviceUnit * factor))
    }
}
