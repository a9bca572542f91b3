import Scenario
import SimKit

/// Search over call-ups on the surrogate, staffing fixed: a rate-matched start (each site's
/// buildings called one after another, each window as long as the site takes to swab them),
/// then local moves (shift, stretch, re-site, swap) to a local optimum, then large-neighbourhood
/// steps that free one site, one time band, or the border between two sites and put their
/// call-ups back one by one where they cost least. Deterministic for a seed and a budget.
public struct CallUpSearch {
    public var state: SurrogateState
    public let space: CallUpSpace
    public let objective: Objective
    var random: RandomStream
    /// The units this search may move (a cluster's, in a district); all by default.
    public var active: [Int]
    /// Checked between moves: a time limit stops the search cleanly with the best so far.
    public var shouldStop: () -> Bool = { false }
    public private(set) var best: [Surrogate.Placement]
    public private(set) var bestValue: Double

    public init(_ state: SurrogateState, space: CallUpSpace, objective: Objective, seed: UInt64) {
        self.state = state
        self.space = space
        self.objective = objective
        random = RandomStream(seed: seed, replication: 0, entity: 0, purpose: 0x5EA5C4)
        active = Array(state.placements.indices)
        best = state.placements
        finishBy = CallUpSpace.surrogateFinishBy(state.surrogate.scenario)
        bestValue = state.objective(objective, finishBy: finishBy)
    }

    /// The last swab should be done this many minutes after the opening: the deadline less a
    /// margin for what the fluid estimate does not see.
    public var finishBy: Double

    var value: Double { state.objective(objective, finishBy: finishBy) }

    mutating func keepIfBest() {
        let v = value
        if v < bestValue - 1e-12 { bestValue = v; best = state.placements }
    }

    /// Each site's units in their current order, called back to back from the opening (or
    /// from when the site's first team is ready), each window as long as the site's capacity
    /// takes to swab its residents at `utilisation`.
    public mutating func rateMatched(utilisation: Double = 0.9) {
        let s = state.surrogate
        let g = s.grid
        let order = active.sorted { (state.placements[$0].start, $0) < (state.placements[$1].start, $1) }
        for site in Set(active.map { state.placements[$0].site }).sorted() {
            let mine = order.filter { state.placements[$0].site == site }
            guard !mine.isEmpty else { continue }
            // Residents per second the site can take: the slower of its two lines, per slot.
            func rate(_ t: Double) -> Double {
                let k = min(g.slots - 1, max(0, Int((t - g.origin) / g.slotSeconds)))
                let r1 = s.capacity.desks[site * g.slots + k] / s.registrationMean
                let r2 = s.capacity.stations[site * g.slots + k] / s.swabMean
                return min(r1, r2) * utilisation
            }
            var clock = space.opening
            for u in mine {
                let need = s.units[u].residents * (1 - s.scenario.arrivals.ignoreCallUpShare)
                var t = clock, got = 0.0
                while got < need && t < space.latestEnd { got += rate(t) * 60; t += 60 }
                let x = space.snap(Surrogate.Placement(site: site, start: clock, end: max(t, clock + space.step)))
                state.move(u, to: x)
                clock = x.end
            }
        }
        keepIfBest()
    }

    /// Every move of one unit: other starts, lengths and sites around the current one.
    func candidates(_ u: Int) -> [Surrogate.Placement] {
        let x = state.placements[u]
        var out: [Surrogate.Placement] = []
        let step = space.step
        for site in space.sites[u] {
            for ds in [-3.0, -2, -1, 0, 1, 2, 3] {
                for dl in [-2.0, -1, 0, 1, 2] where !(ds == 0 && dl == 0 && site == x.site) {
                    let start = x.start + ds * step
                    let y = space.snap(Surrogate.Placement(site: site, start: start, end: start + (x.end - x.start) + dl * step))
                    if y != x { out.append(y) }
                }
            }
        }
        return out
    }

    /// Best-improvement moves unit by unit, in a shuffled order, until a pass improves nothing
    /// or the budget of surrogate evaluations is spent.
    public mutating func descend(budget: Int) {
        let stop = state.evaluations + budget
        var improved = true
        while improved && state.evaluations < stop && !shouldStop() {
            improved = false
            for u in shuffled(active) where state.evaluations < stop && !shouldStop() {
                let here = state.placements[u]
                var bestMove = here, bestV = value
                for y in candidates(u) {
                    state.move(u, to: y)
                    let v = value
                    if v < bestV - 1e-9 { bestV = v; bestMove = y }
                }
                state.move(u, to: bestMove)
                if bestMove != here { improved = true }
            }
            // Swaps of two units' windows at the same site.
            var atSite: [[Int]] = Array(repeating: [], count: state.surrogate.scenario.sites.count)
            for u in active { atSite[state.placements[u].site].append(u) }
            for u in shuffled(active) where state.evaluations < stop && !shouldStop() {
                for w in atSite[state.placements[u].site] where w != u && state.placements[w].site == state.placements[u].site {
                    let a = state.placements[u], b = state.placements[w]
                    guard a.start != b.start else { continue }
                    let before = value
                    state.move(u, to: space.snap(Surrogate.Placement(site: a.site, start: b.start, end: b.start + (a.end - a.start))))
                    state.move(w, to: space.snap(Surrogate.Placement(site: b.site, start: a.start, end: a.start + (b.end - b.start))))
                    if value < before - 1e-9 { improved = true } else { state.move(u, to: a); state.move(w, to: b) }
                }
            }
            keepIfBest()
        }
        keepIfBest()
    }

    /// Large-neighbourhood search: free a group of units (one site, one time band or the
    /// border of two sites), put each back where it costs least given the rest, descend, and
    /// keep the result if it is better than the best so far (else go back to the best).
    public mutating func improve(budget: Int, onRound: ((Int, Double) -> Bool)? = nil) {
        let stop = state.evaluations + budget
        var round = 0
        while state.evaluations < stop && !shouldStop() {
            round += 1
            let group = pickGroup()
            for u in group {
                var bestMove = state.placements[u], bestV = Double.infinity
                for y in reinsertions(u) {
                    state.move(u, to: y)
                    let v = value
                    if v < bestV { bestV = v; bestMove = y }
                }
                state.move(u, to: bestMove)
            }
            descend(budget: max(0, min(stop - state.evaluations, budget / 4)))
            if value > bestValue + 1e-9 { restore(best) }
            if let onRound, !onRound(round, bestValue) { break }
        }
    }

    mutating func restore(_ placements: [Surrogate.Placement]) {
        for (u, x) in placements.enumerated() { state.move(u, to: x) }
    }

    /// A unit's placements when it is put back: each allowed site, windows across the round
    /// at its current length.
    func reinsertions(_ u: Int) -> [Surrogate.Placement] {
        let x = state.placements[u]
        let length = x.end - x.start
        var out: [Surrogate.Placement] = []
        for site in space.sites[u] {
            var start = space.opening
            while start + length <= space.latestEnd {
                out.append(Surrogate.Placement(site: site, start: start, end: start + length))
                start += 2 * space.step
            }
        }
        return out.isEmpty ? [x] : out
    }

    /// Most call-ups freed at once: a district's time band would free thousands.
    static let largestGroup = 60

    mutating func pickGroup() -> [Int] {
        let group = rawGroup()
        guard group.count > Self.largestGroup else { return group }
        return Array(shuffled(group).prefix(Self.largestGroup))
    }

    mutating func rawGroup() -> [Int] {
        guard !active.isEmpty else { return [] }
        let kind = Int(random.nextDouble() * 3)
        // Sites are drawn among those the active units use, so a cluster frees its own.
        let u0 = active[Int(random.nextDouble() * Double(active.count))]
        switch kind {
        case 0:
            let site = state.placements[u0].site
            return active.filter { state.placements[$0].site == site }
        case 1:
            let t = space.opening + random.nextDouble() * (space.latestEnd - space.opening)
            return active.filter { abs((state.placements[$0].start + state.placements[$0].end) / 2 - t) < 1800 }
        default:
            let allowed0 = space.sites[u0]
            guard allowed0.count > 1 else { return active.filter { state.placements[$0].site == state.placements[u0].site } }
            let a = allowed0[0], b = allowed0[1]
            return active.filter { u in
                let allowed = space.sites[u]
                return allowed.contains(a) && allowed.contains(b)
            }
        }
    }

    mutating func shuffled(_ xs: [Int]) -> [Int] {
        var a = xs
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(random.nextDouble() * Double(i + 1))
            a.swapAt(i, j)
        }
        return a
    }
}
