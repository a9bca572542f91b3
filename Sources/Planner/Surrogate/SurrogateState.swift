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
}

/// How the surrogate weighs a plan: the scenario's objective, and a penalty per minute past
/// the deadline so that plans that finish late lose to any that finish in time.
public enum Objective: String, Sendable, CaseIterable {
    case mean, p95, share20

    public var metric: MetricName {
        switch self {
        case .mean: return .timeInSystemMinutes
        case .p95: return .timeInSystemP95Minutes
        case .share20: return .shareWaitingOver20Minutes
        }
    }

    func value(_ s: SurrogateScore) -> Double {
        switch self {
        case .mean: return s.meanMinutes
        case .p95: return s.p95Minutes
        case .share20: return s.shareOver20 * 100
        }
    }
}

/// The arrivals of a set of placements per site and slot, with each site's cost cached, so
/// that moving one call-up re-scores only the sites it leaves and joins.
public struct SurrogateState: Sendable {
    public let surrogate: Surrogate
    public private(set) var placements: [Surrogate.Placement]
    /// Expected arrivals, `site * slots + slot`.
    var arrivals: [Double]
    var siteCost: [SiteCost]
    public private(set) var evaluations = 0

    /// One site's lines over the slots.
    struct SiteCost: Sendable {
        /// Resident-seconds waited in both lines.
        var wait = 0.0
        var residents = 0.0
        var finish = 0.0
        var unserved = 0.0
        /// Per slot: residents reaching the registration line, their mean fluid delay (both
        /// lines), and the Erlang C tail of each line (probability of waiting, decay per second).
        var slotResidents: [Double] = []
        var slotDelay: [Double] = []
        var tail: [(p1: Double, theta1: Double, p2: Double, theta2: Double)] = []

        init(slots n: Int) {
            slotResidents = Array(repeating: 0, count: n)
            slotDelay = Array(repeating: 0, count: n)
            tail = Array(repeating: (0, 0, 0, 0), count: n)
        }
    }

    public init(_ surrogate: Surrogate, _ placements: [Surrogate.Placement]) {
        self.surrogate = surrogate
        self.placements = placements
        let n = surrogate.grid.slots, sites = surrogate.scenario.sites.count
        arrivals = Array(repeating: 0, count: sites * n)
        for (u, x) in placements.enumerated() { surrogate.addArrivals(u, x, sign: 1, into: &arrivals) }
        siteCost = (0..<sites).map { _ in SiteCost(slots: n) }
        for s in 0..<sites { recost(site: s) }
        evaluations = 1
    }

    /// Moves unit `u` and re-scores the sites it touches.
    public mutating func move(_ u: Int, to x: Surrogate.Placement) {
        let old = placements[u]
        guard old != x else { return }
        surrogate.addArrivals(u, old, sign: -1, into: &arrivals)
        surrogate.addArrivals(u, x, sign: 1, into: &arrivals)
        placements[u] = x
        recost(site: old.site)
        if x.site != old.site { recost(site: x.site) }
        evaluations += 1
    }

    /// The score of the current placements.
    public var score: SurrogateScore {
        var wait = 0.0, n = 0.0, finish = 0.0, unserved = 0.0
        for c in siteCost { wait += c.wait; n += c.residents; finish = max(finish, c.finish); unserved += c.unserved }
        let service = surrogate.registrationMean + surrogate.swabMean
        let mean = n > 0 ? (wait / n + service) / 60 : 0
        return SurrogateScore(meanMinutes: mean, p95Minutes: quantile(0.95, service: service, total: n) / 60,
                              shareOver20: n > 0 ? exceeding(1200 - service) / n : 0,
                              finishMinutes: (finish - surrogate.scenario.round.opening) / 60, unserved: unserved)
    }

    /// The objective with the deadline as a soft wall: each minute past it, and each resident
    /// left waiting at the horizon, costs more than any queueing a plan can save.
    public func objective(_ o: Objective) -> Double {
        let s = score
        let late = max(0, s.finishMinutes - (surrogate.scenario.round.deadline - surrogate.scenario.round.opening) / 60)
        return o.value(s) + 10 * late + 100 * s.unserved
    }

    /// Expected number of residents whose wait exceeds `x` seconds.
    func exceeding(_ x: Double) -> Double {
        var total = 0.0
        for c in siteCost {
            for t in c.slotResidents.indices where c.slotResidents[t] > 0 {
                let y = x - c.slotDelay[t]
                if y <= 0 { total += c.slotResidents[t]; continue }
                let tl = c.tail[t]
                total += c.slotResidents[t] * min(1, tl.p1 * exp(-tl.theta1 * y) + tl.p2 * exp(-tl.theta2 * y))
            }
        }
        return total
    }

    /// The q-quantile of time in system (seconds) by bisection on the expected exceedances.
    func quantile(_ q: Double, service: Double, total: Double) -> Double {
        guard total > 0 else { return service }
        let target = (1 - q) * total
        var lo = 0.0, hi = 3600.0
        while exceeding(hi) > target && hi < 86_400 { hi *= 2 }
        for _ in 0..<30 {
            let mid = (lo + hi) / 2
            if exceeding(mid) > target { lo = mid } else { hi = mid }
        }
        return hi + service
    }

    /// One site's two lines slot by slot: backlog carried over (fluid), and the Erlang C wait of
    /// what each slot serves, at most `rhoMax` of its capacity.
    /// Re-scores site `s` in place (its per-slot arrays are reused: no allocation).
    mutating func recost(site s: Int) {
        let g = surrogate.grid, n = g.slots, row = s * n
        let dt = g.slotSeconds
        let cap = surrogate.capacity, erlang = surrogate.erlang
        let m1 = surrogate.registrationMean, m2 = surrogate.swabMean
        var c = siteCost[s]
        siteCost[s] = SiteCost(slots: 0) // hand the arrays over uniquely
        c.wait = 0; c.residents = 0; c.finish = 0; c.unserved = 0
        var q1 = 0.0, q2 = 0.0
        var lastServed = -1
        for t in 0..<n {
            let a = arrivals[row + t]
            c.residents += a
            c.slotResidents[t] = a
            // Registration.
            let (served1, w1, back1, p1, th1) = Self.line(arriving: a, backlog: q1, servers: cap.desks[row + t], mean: m1,
                                                          factor: surrogate.registrationFactor, slot: dt, erlang: erlang)
            // The swab line takes what registration served in the slot.
            let (served2, w2, back2, p2, th2) = Self.line(arriving: served1, backlog: q2, servers: cap.stations[row + t], mean: m2,
                                                          factor: surrogate.swabFactor, slot: dt, erlang: erlang)
            c.wait += w1 + w2 + (q1 + back1) / 2 * dt + (q2 + back2) / 2 * dt
            // Residents reaching the line now wait behind the backlog: its clearing time.
            let rate1 = cap.desks[row + t] / m1, rate2 = cap.stations[row + t] / m2
            c.slotDelay[t] = (rate1 > 0 ? q1 / rate1 : (q1 + a > 0 ? dt : 0)) + (rate2 > 0 ? q2 / rate2 : (q2 > 0 ? dt : 0))
            c.tail[t] = (p1, th1, p2, th2)
            q1 = back1; q2 = back2
            if served2 > 1e-6 { lastServed = t }
        }
        c.unserved = q1 + q2
        if lastServed >= 0 {
            // The last slot that serves anyone, as far into it as its work reaches.
            c.finish = g.origin + Double(lastServed + 1) * dt
        } else {
            c.finish = g.origin
        }
        siteCost[s] = c
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
        // A line with a backlog works flat out, and its wait is the backlog's (fluid): the
        // steady-state wait applies only to a slot that clears.
        let full = servers * dt / mean
        if offered >= full { return (full, 0, offered - full, 0, 0) }
        let (wait, p, theta) = slotWait(offered, servers: servers, mean: mean, factor: factor, slot: dt, erlang: erlang)
        return (offered, wait, 0, p, theta)
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
