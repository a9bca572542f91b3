import CCbc
import Foundation
import Scenario

/// The call-up assignment with staffing fixed, as a mixed-integer programme solved by CBC.
///
/// Each unit takes one pattern (a site and a window, `x[u,p]` binary); per site and slot the
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

    /// Tangent points per line and slot.
    static let cuts = 8

    /// How far from its warm start a pattern may move a window: the MILP works on the
    /// neighbourhood of the search's best plan, and its bound holds for that neighbourhood.
    public static let reach = 5400.0

    /// Patterns per unit, the warm start's first: each allowed site, starts every `startStep`
    /// seconds within `reach` of the warm start, its length and one step either side.
    public static func patterns(_ sur: Surrogate, space: CallUpSpace, warm: [Surrogate.Placement], startStep: Double = 600) -> [[Surrogate.Placement]] {
        sur.units.indices.map { u in
            var list: [Surrogate.Placement] = [warm[u]]
            let length = warm[u].end - warm[u].start
            for site in space.sites[u] {
                for l in [length - space.step, length, length + space.step] where l >= space.lengths.first! && l <= space.lengths.last! {
                    var start = space.opening
                    while start + l <= space.latestEnd {
                        let x = Surrogate.Placement(site: site, start: start, end: start + l)
                        if x != warm[u] && abs(start - warm[u].start) <= reach { list.append(x) }
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
        // One pattern per unit.
        for cols in xCol {
            Cbc_addRow(model, "", Int32(cols.count), cols, [Double](repeating: 1, count: cols.count), E, 1)
            rows += 1
        }
        // Arrivals of each pattern per site and slot.
        var arrivalTerms: [[(Int32, Double)]] = Array(repeating: [], count: sites * n)
        var row = [Double](repeating: 0, count: sites * n)
        for (u, list) in patterns.enumerated() {
            for (k, x) in list.enumerated() {
                let first = sur.addArrivals(u, x, sign: 1, into: &row)
                let base = x.site * n
                for t in min(first, n - 1)..<n where row[base + t] != 0 {
                    arrivalTerms[base + t].append((xCol[u][k], row[base + t]))
                    row[base + t] = 0
                }
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
            result.placements = patterns.indices.map { u in
                let k = xCol[u].firstIndex { solution[Int($0)] > 0.5 } ?? 0
                return patterns[u][k]
            }
        }
        let d = clock.now - t0
        result.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return result
    }
}
