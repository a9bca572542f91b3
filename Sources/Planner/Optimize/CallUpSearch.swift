import Scenario
import SimKit

/// Search over call-ups on the surrogate, staffing fixed, inside the planning rules
/// (`CallUpSpace`): a rate-matched start (each site's buildings called one after another, each
/// band's window as long as the site takes to swab it), then local moves (shift, stretch,
/// re-site a building, swap two buildings' times) to a local optimum, then large-neighbourhood
/// steps that free one site, one time band, or the border between two sites and put their
/// call-ups back one by one where they cost least. Every move is one the space allows, so
/// every plan the search holds keeps the rules. Deterministic for a seed and a budget.
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
    /// Residents called per site and 10 minutes, when the rules cap them.
    var capLoad: CapLoad?

    public init(_ state: SurrogateState, space: CallUpSpace, objective: Objective, seed: UInt64) {
        self.state = state
        self.space = space
        self.objective = objective
        random = RandomStream(seed: seed, replication: 0, entity: 0, purpose: 0x5EA5C4)
        active = Array(state.placements.indices)
        best = state.placements
        finishBy = CallUpSpace.surrogateFinishBy(state.surrogate.scenario)
        capLoad = CapLoad(space: space, sites: state.surrogate.scenario.sites.count, placements: state.placements)
        bestValue = 0
        bestValue = value
    }

    /// The last swab should be done this many minutes after the opening: the deadline less a
    /// margin for what the fluid estimate does not see.
    public var finishBy: Double

    /// The objective, plus a price on every resident called over the rules' cap that outweighs
    /// any queueing it saves.
    var value: Double { state.objective(objective, finishBy: finishBy) + (capLoad?.excess ?? 0) * 10 }

    mutating func keepIfBest() {
        let v = value
        if v < bestValue - 1e-12 { bestValue = v; best = state.placements }
    }

    /// Puts unit `u` at `x` (the cap's count follows).
    mutating func set(_ u: Int, _ x: Surrogate.Placement) {
        let old = state.placements[u]
        guard old != x else { return }
        capLoad?.add(space.called[u], old, sign: -1)
        capLoad?.add(space.called[u], x, sign: 1)
        state.move(u, to: x)
    }

    /// Makes `moves` and returns the moves that undo them.
    @discardableResult
    mutating func apply(_ moves: [(Int, Surrogate.Placement)]) -> [(Int, Surrogate.Placement)] {
        let undo = moves.reversed().map { ($0.0, state.placements[$0.0]) }
        for (w, z) in moves { set(w, z) }
        return undo
    }

    /// Moves unit `u` to `y` with the bands its building pushes along (`CallUpSpace.moved`);
    /// nil, and nothing moved, when the rules refuse it.
    @discardableResult
    mutating func tryMove(_ u: Int, _ y: Surrogate.Placement) -> [(Int, Surrogate.Placement)]? {
        guard let moves = space.moved(state.placements, u, to: y) else { return nil }
        return apply(moves)
    }

    /// Each site's buildings in their current order, called back to back from the opening,
    /// each band's window as long as the site's capacity takes to swab its residents at
    /// `utilisation`; buildings with a pinned call-up stay. Kept only if the result keeps the
    /// rules and scores better.
    public mutating func rateMatched(utilisation: Double = 0.9) {
        let s = state.surrogate
        let g = s.grid
        let before = state.placements, beforeValue = value
        let groups = activeGroups.filter { !space.groups[$0].contains { space.pinned[$0] } }
            .sorted { (state.placements[space.groups[$0][0]].start, $0) < (state.placements[space.groups[$1][0]].start, $1) }
        for site in Set(groups.map { state.placements[space.groups[$0][0]].site }).sorted() {
            // Residents per second the site can take: the slower of its two lines, per slot.
            func rate(_ t: Double) -> Double {
                let k = min(g.slots - 1, max(0, Int((t - g.origin) / g.slotSeconds)))
                let r1 = s.capacity.desks[site * g.slots + k] / s.registrationMean
                let r2 = s.capacity.stations[site * g.slots + k] / s.swabMean
                return min(r1, r2) * utilisation
            }
            var clock = space.opening
            for k in groups where state.placements[space.groups[k][0]].site == site {
                for u in space.groups[k] {
                    let need = s.units[u].residents * (1 - s.scenario.arrivals.ignoreCallUpShare)
                    var t = clock, got = 0.0
                    while got < need && t < space.latestEnd { got += rate(t) * 60; t += 60 }
                    var x = space.snap(Surrogate.Placement(site: site, start: clock, end: max(t, clock + space.minLength[u])))
                    if x.end - x.start < space.minLength[u] { x.end = x.start + space.minLength[u] }
                    set(u, x)
                    clock = x.end
                }
            }
        }
        if !space.keepsRules(state.placements) || value > beforeValue + 1e-9 {
            for (u, x) in before.enumerated() { set(u, x) }
        }
        keepIfBest()
    }

    /// The buildings (groups) with an active unit, in order.
    var activeGroups: [Int] { Array(Set(active.map { space.groupOf[$0] })).sorted() }

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
                    guard let undo = tryMove(u, y) else { continue }
                    let v = value
                    if v < bestV - 1e-9 { bestV = v; bestMove = y }
                    apply(undo)
                }
                if bestMove != here, tryMove(u, bestMove) != nil { improved = true }
            }
            // Moves of a whole building: its bands shifted together, to another site, their
            // lengths stretched, the boundary between two of them moved.
            for k in space.tiesBands ? shuffled(activeGroups) : [] where state.evaluations < stop && !shouldStop() {
                var bestMoves: [(Int, Surrogate.Placement)]?, bestV = value
                for moves in space.buildingMoves(state.placements, group: k) {
                    let undo = apply(moves)
                    let v = value
                    if v < bestV - 1e-9 { bestV = v; bestMoves = moves }
                    apply(undo)
                }
                if let bestMoves { apply(bestMoves); improved = true }
            }
            // Swaps of two buildings: each shifted to where the other started and to its site
            // (at the same site, or at two sites both may use), its bands keeping their
            // lengths and gaps: a move no single re-siting reaches without a detour.
            let groups = activeGroups
            var atSite: [[Int]] = Array(repeating: [], count: state.surrogate.scenario.sites.count)
            for k in groups { atSite[state.placements[space.groups[k][0]].site].append(k) }
            for k in shuffled(groups) where state.evaluations < stop && !shouldStop() {
                let u = space.groups[k][0]
                for site in space.sites[u].isEmpty ? [state.placements[u].site] : space.sites[u] {
                    for l in atSite[site] where l != k && state.placements[space.groups[l][0]].site == site {
                        let a = state.placements[u], b = state.placements[space.groups[l][0]]
                        guard a.start != b.start || a.site != b.site, space.sites[space.groups[l][0]].contains(a.site) || a.site == b.site,
                              let first = space.shifted(state.placements, group: k, by: b.start - a.start, site: b.site) else { continue }
                        let before = value
                        let undoFirst = apply(first)
                        guard let second = space.shifted(state.placements, group: l, by: a.start - b.start, site: a.site) else { apply(undoFirst); continue }
                        let undoSecond = apply(second)
                        if value < before - 1e-9 {
                            improved = true
                            if a.site != b.site {
                                atSite[a.site].removeAll { $0 == k }; atSite[b.site].append(k)
                                atSite[b.site].removeAll { $0 == l }; atSite[a.site].append(l)
                            }
                            break
                        } else { apply(undoSecond); apply(undoFirst) }
                    }
                }
            }
            keepIfBest()
        }
        keepIfBest()
    }

    /// Large-neighbourhood search: free a group of units (one site, one time band or the
    /// border of two sites), put each back where it costs least given the rest, descend over
    /// the freed units, and keep the result if it is better than the best so far (else go back to the best).
    public mutating func improve(budget: Int, onRound: ((Int, Double) -> Bool)? = nil) {
        let stop = state.evaluations + budget
        var round = 0
        while state.evaluations < stop && !shouldStop() {
            round += 1
            // A round in which the rules allow no move at all would never spend the budget.
            let before = state.evaluations
            defer { if state.evaluations == before { stalled += 1 } else { stalled = 0 } }
            if stalled >= CallUpSearch.stalledRounds { break }
            let group = pickGroup()
            for u in group {
                var bestMove = state.placements[u], bestV = Double.infinity
                for y in reinsertions(u) {
                    guard let undo = tryMove(u, y) else { continue }
                    let v = value
                    if v < bestV { bestV = v; bestMove = y }
                    apply(undo)
                }
                tryMove(u, bestMove)
            }
            // Where bands are tied to their buildings, descend over the freed units only: a
            // pass over every unit, with building moves, costs many rounds (measured with
            // `swabplan-bench --only rules`); untied, over every unit.
            let all = active
            if space.tiesBands { active = group }
            descend(budget: max(0, min(stop - state.evaluations, budget / 4)))
            active = all
            if value > bestValue + 1e-9 { restore(best) }
            if let onRound, !onRound(round, bestValue) { break }
        }
    }

    /// Rounds in a row that moved nothing, and how many end the search.
    var stalled = 0
    static let stalledRounds = 50

    mutating func restore(_ placements: [Surrogate.Placement]) {
        for (u, x) in placements.enumerated() { set(u, x) }
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
