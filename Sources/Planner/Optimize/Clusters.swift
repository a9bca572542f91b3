import Scenario
import SimKit

/// A district split into clusters of nearby sites, so that each cluster's call-ups can be
/// searched on their own, clusters in parallel: sites in snake order across 1-km rows, cut into
/// runs of `size`; a call-up belongs to a cluster when every site it may go to lies in it, and
/// to the boundary otherwise (moved only in the repair afterwards).
public struct Clusters: Sendable {
    public let sites: [[Int]]
    public let units: [[Int]]
    public let boundary: [Int]

    public init(_ sur: Surrogate, space: CallUpSpace, size: Int = 8) {
        let s = sur.scenario
        let order = s.sites.indices.sorted { a, b in
            func key(_ i: Int) -> (Int, Double, Int) {
                guard let p = s.sites[i].position else { return (Int.max, 0, i) }
                let row = Int((p.y / 1000).rounded(.down))
                return (row, row % 2 == 0 ? p.x : -p.x, i)
            }
            return key(a) < key(b)
        }
        var chunks: [[Int]] = []
        var i = 0
        while i < order.count { chunks.append(Array(order[i..<min(order.count, i + size)])); i += size }
        var clusterOf = [Int](repeating: 0, count: s.sites.count)
        for (c, chunk) in chunks.enumerated() { for si in chunk { clusterOf[si] = c } }
        var units = [[Int]](repeating: [], count: chunks.count)
        var boundary: [Int] = []
        for u in sur.units.indices {
            let allowed = space.sites[u]
            guard let first = allowed.first else { boundary.append(u); continue }
            if allowed.allSatisfy({ clusterOf[$0] == clusterOf[first] }) { units[clusterOf[first]].append(u) } else { boundary.append(u) }
        }
        sites = chunks
        self.units = units
        self.boundary = boundary
    }

    /// Each cluster's call-ups searched on its own copy of the state, clusters in parallel
    /// (each with its own seed and budget, so the result does not depend on the thread count),
    /// then merged: clusters share no site, so their moves do not interact.
    public func search(_ state: SurrogateState, space: CallUpSpace, objective: Objective, seed: UInt64, budget: Int?,
                       jobs: Int, shouldStop: @escaping @Sendable () -> Bool) -> [Surrogate.Placement] {
        let results = Replications.run(count: units.count, jobs: jobs) { c -> [(Int, Surrogate.Placement)] in
            guard !units[c].isEmpty else { return [] }
            var search = CallUpSearch(state, space: space, objective: objective, seed: seed &+ UInt64(c) &* 7919)
            search.active = units[c]
            search.shouldStop = shouldStop
            search.rateMatched()
            let b = budget ?? Int.max
            search.descend(budget: min(b / 2, 200_000))
            search.improve(budget: max(0, b - search.state.evaluations))
            return units[c].map { ($0, search.best[$0]) }
        }
        var placements = state.placements
        for list in results { for (u, x) in list { placements[u] = x } }
        return placements
    }
}
