import CCbc
import Foundation
import Scenario

/// The call-up assignment with staffing fixed, as a mixed-integer programme solved by CBC.
///
/// Each building takes one pattern (`x[b,p]` binary): a site it may use under the planning
/// rules and a window for each of its bands, called in floor order one after another (the
/// search's bands shifted together and stretched together), so the rules are the programme's
/// own constraints: it has no column for a plan that breaks them; the rules' cap on residents
/// per site and 10 minutes is a row per site and 10 minutes. Per site and slot the
/// registration line serves `S1` of its backlog plus arrivals and carries `Q1` over, the swab
/// line likewise takes what registration served (`S2`, `Q2`); each line serves at most its
/// capacity. The steady-state wait of what a slot serves is the surrogate's Erlang C cost,
/// convex in `S` (continued past `rhoMax` along its tangent), written exactly as the maximum of
/// its tangents at a grid of points (`z >= g(n_k) + g'(n_k) (S - n_k)`); the backlog waits whole
/// slots. The objective is resident-seconds waited. For one assignment this is at most what the
/// surrogate charges, which serves greedily (the MILP may carry residents over where serving
/// them would cost more, and its cuts lie under the cost), so CBC's proven bound is a lower
/// bound on the surrogate's waiting over every plan in the pattern space (each call-up within an
/// hour and a half of where the search put it).
public struct CallUpMILP {
    public struct Result: Sendable {
        public var placements: [Surrogate.Placement]?
        /// Resident-seconds waited, in the programme's terms, of the best assignment found.
        public var objective: Double
        public var bound: Double
        public var provenOptimal: Bool
        public var nodes: Int
        public var seconds: Double
        public var columns: Int
        public var rows: Int
        /// (objective - bound) / objective.
        public var gap: Double { objective > 0 ? max(0, objective - bound) / objective : 0 }
    }

    /// Most call-ups the MILP is built for: beyond, its root relaxation alone outlasts any
    /// time limit a planner would wait for (measured: 33 call-ups, 7,000 columns, 10 s).
    public static let largestProblem = 400
    /// Most pattern columns: CBC's root relaxation grows faster than linearly in them and does
    /// not stop at its time limit, so a larger programme is not built (measured: 9,000 columns
    /// take 10-35 s at the root on this machine).
    public static let largestColumns = 12_000
    /// About how long CBC's root relaxation takes on `columns` pattern columns: it grows about
    /// as their square (measured on this machine: 4,600 columns 8 s, 6,200 columns 15 s). A
    /// timed run skips the MILP when the root alone would outlast the time its stage has, since
    /// CBC does not stop inside the root.
    public static func rootSeconds(columns: Int) -> Double { 4e-7 * Double(columns) * Double(columns) }

    /// Tangent points per line and slot.
    static let cuts = 8

    /// How far from its warm start a pattern may move a window: the MILP works on the
    /// neighbourhood of the search's best plan, and its bound holds for that neighbourhood.
    public static let reach = 5400.0

    /// Patterns per building (`CallUpSpace.groups`), the warm start's first, each a placement
    /// of every band in the group's order: each allowed site, the first band starting every
    /// `startStep` seconds within `reach` of the warm start, the later bands after it with the
    /// warm start's gaps, every band its warm length or one step shorter or longer. A building
    /// with a pinned call-up keeps its warm start.
    public static func patterns(_ sur: Surrogate, space: CallUpSpace, warm: [Surrogate.Placement], startStep: Double = 600) -> [[[Surrogate.Placement]]] {
        space.groups.map { g in
            let w = g.map { warm[$0] }
            var list: [[Surrogate.Placement]] = [w]
            guard !g.contains(where: { space.pinned[$0] }) else { return list }
            let gaps = zip(w, w.dropFirst()).map { max(0, $1.start - $0.end) }
            for site in space.sites[g[0]] {
                for stretch in [-space.step, 0, space.step] {
                    let lengths = zip(g, w).map { $1.end - $1.start + stretch }
                    guard zip(g, lengths).allSatisfy({ $1 >= space.minLength[$0] - 0.5 && $1 <= space.lengths.last! + 0.5 }) else { continue }
                    let total = lengths.reduce(0, +) + gaps.reduce(0, +)
                    var start = space.opening
                    while start + total <= space.latestEnd + 0.5 {
                        if abs(start - w[0].start) <= reach {
                            var clock = start, p: [Surrogate.Placement] = []
                            for (k, l) in lengths.enumerated() {
                                p.append(Surrogate.Placement(site: site, start: clock, end: clock + l))
                                clock += l + (k < gaps.count ? gaps[k] : 0)
                            }
                            if p != w { list.append(p) }
                        }
                        start += startStep
                    }
                }
            }
            return list
        }
    }

    public static func solve(_ state: SurrogateState, space: CallUpSpace, warm: [Surrogate.Placement],
                             startStep: Double = 600, seconds: Double?, nodes: Int?) -> Result {
        let clock = ContinuousClock(), t0 = clock.now
        let sur = state.surrogate
        let g = sur.grid, n = g.slots, dt = g.slotSeconds
        let sites = sur.scenario.sites.count
        let model = Cbc_newModel()!
        defer { Cbc_deleteModel(model) }
        Cbc_setLogLevel(model, 0)
        Cbc_setParameter(model, "timeMode", "elapsed")
        Cbc_setParameter(model, "threads", "1")

        let patterns = Self.patterns(sur, space: space, warm: warm, startStep: startStep)
        let groups = space.groups
        // Columns: x first, then per site and slot S1, Q1, S2, Q2, z1, z2.
        var col = 0
        var xCol: [[Int32]] = []
        for list in patterns {
            var cols: [Int32] = []
            for _ in list {
                // Unique names: CBC matches a MIP start to columns by name.
                Cbc_addCol(model, "x\(col)", 0, 1, 0, 1, 0, nil, nil)
                cols.append(Int32(col)); col += 1
            }
            xCol.append(cols)
        }
        func siteCol(_ s: Int, _ t: Int, _ k: Int) -> Int32 { Int32(col + ((s * n + t) * 6 + k)) }
        let m1 = sur.registrationMean, m2 = sur.swabMean
        for s in 0..<sites {
            for t in 0..<n {
                let i = s * n + t
                let full1 = sur.capacity.desks[i] * dt / m1, full2 = sur.capacity.stations[i] * dt / m2
                // The last slot's backlog is left unserved: it costs like the surrogate's penalty.
                let backlogCost = t == n - 1 ? dt / 2 + 100 * 60 * state.residents : dt
                Cbc_addCol(model, "s1_\(i)", 0, full1, 0, 0, 0, nil, nil)
                Cbc_addCol(model, "q1_\(i)", 0, 1e12, backlogCost, 0, 0, nil, nil)
                Cbc_addCol(model, "s2_\(i)", 0, full2, 0, 0, 0, nil, nil)
                Cbc_addCol(model, "q2_\(i)", 0, 1e12, backlogCost, 0, 0, nil, nil)
                Cbc_addCol(model, "z1_\(i)", 0, 1e15, 1, 0, 0, nil, nil)
                Cbc_addCol(model, "z2_\(i)", 0, 1e15, 1, 0, 0, nil, nil)
            }
        }
        let columns = col + sites * n * 6
        var rows = 0
        let E = CChar(UInt8(ascii: "E")), G = CChar(UInt8(ascii: "G"))
        // One pattern per building.
        for cols in xCol {
            Cbc_addRow(model, "", Int32(cols.count), cols, [Double](repeating: 1, count: cols.count), E, 1)
            rows += 1
        }
        // Arrivals of each pattern per site and slot.
        var arrivalTerms: [[(Int32, Double)]] = Array(repeating: [], count: sites * n)
        var row = [Double](repeating: 0, count: sites * n)
        for (gi, list) in patterns.enumerated() {
            for (k, p) in list.enumerated() {
                var first = n - 1
                for (u, x) in zip(groups[gi], p) { first = min(first, sur.addArrivals(u, x, sign: 1, into: &row)) }
                let base = p[0].site * n
                for t in max(0, first)..<n where row[base + t] != 0 {
                    arrivalTerms[base + t].append((xCol[gi][k], row[base + t]))
                    row[base + t] = 0
                }
            }
        }
        // The rules' cap: residents called per site and 10 minutes, when the warm start keeps it
        // (else the programme has no solution to start from; its plan is then checked after).
        if space.cap != nil, let load = CapLoad(space: space, sites: sites, placements: warm), load.excess < 1e-9 {
            var terms: [Int: [(Int32, Double)]] = [:]
            for (gi, list) in patterns.enumerated() {
                for (k, p) in list.enumerated() {
                    var mine: [Int: Double] = [:]
                    for (u, x) in zip(groups[gi], p) {
                        for (bin, people) in RuleCheck.per10Minutes(space.called[u], ClockWindow(start: x.start, end: x.end)) {
                            mine[x.site * 100_000 + bin, default: 0] += people
                        }
                    }
                    for (key, people) in mine { terms[key, default: []].append((xCol[gi][k], people)) }
                }
            }
            let L = CChar(UInt8(ascii: "L"))
            for key in terms.keys.sorted() {
                let t = terms[key]!
                Cbc_addRow(model, "", Int32(t.count), t.map(\.0), t.map(\.1), L, space.cap!)
                rows += 1
            }
        }
        for s in 0..<sites {
            for t in 0..<n {
                let i = s * n + t
                // S1_t + Q1_t - Q1_{t-1} - arrivals = 0
                var idx: [Int32] = [siteCol(s, t, 0), siteCol(s, t, 1)], val: [Double] = [1, 1]
                if t > 0 { idx.append(siteCol(s, t - 1, 1)); val.append(-1) }
                for (c, a) in arrivalTerms[i] { idx.append(c); val.append(-a) }
                Cbc_addRow(model, "", Int32(idx.count), idx, val, E, 0)
                // S2_t + Q2_t - Q2_{t-1} - S1_t = 0
                idx = [siteCol(s, t, 2), siteCol(s, t, 3), siteCol(s, t, 0)]; val = [1, 1, -1]
                if t > 0 { idx.append(siteCol(s, t - 1, 3)); val.append(-1) }
                Cbc_addRow(model, "", Int32(idx.count), idx, val, E, 0)
                rows += 2
                // Tangent cuts of each line's convex wait.
                for (line, servers, mean, factor) in [(0, sur.capacity.desks[i], m1, sur.registrationFactor), (2, sur.capacity.stations[i], m2, sur.swabFactor)] {
                    guard servers > 1e-9 else { continue }
                    let full = servers * dt / mean
                    for k in 0...cuts {
                        let nk = full * Double(k) / Double(cuts) * 0.999
                        let h = max(full * 1e-4, 1e-6)
                        let gk = SurrogateState.slotWait(nk, servers: servers, mean: mean, factor: factor, slot: dt, erlang: sur.erlang).wait
                        let gh = SurrogateState.slotWait(nk + h, servers: servers, mean: mean, factor: factor, slot: dt, erlang: sur.erlang).wait
                        let slope = (gh - gk) / h
                        // z - slope S >= g_k - slope n_k
                        Cbc_addRow(model, "", 2, [siteCol(s, t, line == 0 ? 4 : 5), siteCol(s, t, line)], [1, -slope], G, gk - slope * nk)
                        rows += 1
                    }
                }
            }
        }
        // Warm start: every unit's first pattern, every other pattern off.
        let all = xCol.flatMap { $0 }
        let values = xCol.flatMap { cols in cols.indices.map { $0 == 0 ? 1.0 : 0.0 } }
        Cbc_setMIPStartI(model, Int32(all.count), all, values)
        if let seconds { Cbc_setMaximumSeconds(model, max(0.5, seconds)) }
        if let nodes { Cbc_setMaximumNodes(model, Int32(nodes)) }
        _ = Cbc_solve(model)
        var result = Result(placements: nil, objective: Cbc_getObjValue(model), bound: Cbc_getBestPossibleObjValue(model),
                            provenOptimal: Cbc_isProvenOptimal(model) != 0, nodes: Int(Cbc_getNodeCount(model)),
                            seconds: 0, columns: columns, rows: rows)
        if let solution = Cbc_bestSolution(model) {
            var placements = warm
            for gi in patterns.indices {
                let k = xCol[gi].firstIndex { solution[Int($0)] > 0.5 } ?? 0
                for (u, x) in zip(groups[gi], patterns[gi][k]) { placements[u] = x }
            }
            result.placements = placements
        }
        let d = clock.now - t0
        result.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return result
    }
}
