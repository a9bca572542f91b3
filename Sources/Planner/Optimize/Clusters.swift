import Scenario
import SimKit

/// A district split into clusters of nearby sites, so that each cluster's call-ups can be
/// searched on their own, clusters in parallel: the sites' bounding box cut into square cells
/// holding about `size` sites each (sites without coordinates in runs of `size`). A call-up
/// belongs to the cluster of its nearest site and, while clusters are searched, may go only to
/// that cluster's sites; `boundary` lists those that could also go elsewhere (the repair
/// afterwards moves every call-up freely).
public struct Clusters: Sendable {
    public let sites: [[Int]]
    public let units: [[Int]]
    public let boundary: [Int]

    public init(_ sur: Surrogate, space: CallUpSpace, size: Int = 8) {
        let s = sur.scenario
        var chunks: [[Int]] = []
        let placed = s.sites.indices.filter { s.sites[$0].position != nil }
        if !placed.isEmpty {
            let xs = placed.map { s.sites[$0].position!.x }, ys = placed.map { s.sites[$0].position!.y }
            let cells = max(1, Int((Double(placed.count) / Double(size)).rounded(.up)))
            let perAxis = max(1, Int(Double(cells).squareRoot().rounded(.up)))
            let x0 = xs.min()!, y0 = ys.min()!
            let w = max(1e-9, (xs.max()! - x0) / Double(perAxis)) * (1 + 1e-9), h = max(1e-9, (ys.max()! - y0) / Double(perAxis)) * (1 + 1e-9)
            var cell: [Int: [Int]] = [:]
            for si in placed {
                let p = s.sites[si].position!
                let cx = min(perAxis - 1, Int((p.x - x0) / w)), cy = min(perAxis - 1, Int((p.y - y0) / h))
                cell[cy * perAxis + cx, default: []].append(si)
            }
            chunks = cell.keys.sorted().map { cell[$0]! }
        }
        let unplaced = s.sites.indices.filter { s.sites[$0].position == nil }
        var i = 0
        while i < unplaced.count { chunks.append(Array(unplaced[i..<min(unplaced.count, i + size)])); i += size }
        var clusterOf = [Int](repeating: 0, count: s.sites.count)
        for (c, chunk) in chunks.enumerated() { for si in chunk { clusterOf[si] = c } }
        var units = [[Int]](repeating: [], count: chunks.count)
        var boundary: [Int] = []
        for u in sur.units.indices {
            let allowed = space.sites[u]
            guard let first = allowed.first else { continue }
            units[clusterOf[first]].append(u)
            if !allowed.allSatisfy({ clusterOf[$0] == clusterOf[first] }) { boundary.append(u) }
        }
        sites = chunks
        self.units = units
        self.boundary = boundary
        self.clusterOf = clusterOf
    }

    /// The cluster of each site.
    public let clusterOf: [Int]

    /// Each cluster's call-ups searched on its own copy of the state, clusters in parallel
    /// (each with its own seed and budget, so the result does not depend on the thread count),
    /// then merged: clusters share no site, so their moves do not interact.
    /// With a time limit instead of a budget, each cluster gets an equal slice of `seconds`
    /// (the threads share the clusters), so that every cluster is searched.
    public func search(_ state: SurrogateState, space: CallUpSpace, objective: Objective, seed: UInt64, budget: Int?,
                       jobs: Int, seconds: Double, cancellation: Cancellation = Cancellation()) -> [Surrogate.Placement] {
        let slice = seconds * Double(max(1, min(jobs, units.count))) / Double(max(1, units.count))
        let results = Replications.run(count: units.count, jobs: jobs) { c -> [(Int, Surrogate.Placement)] in
            guard !units[c].isEmpty else { return [] }
            let until = ContinuousClock.now + .milliseconds(Int(slice * 1000))
            let shouldStop: @Sendable () -> Bool = { cancellation.isCancelled || (budget == nil && ContinuousClock.now >= until) }
            let inside = Set(sites[c])
            var search = CallUpSearch(state, space: space.restricted { inside.contains($0) }, objective: objective, seed: seed &+ UInt64(c) &* 7919)
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
