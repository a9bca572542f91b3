import Scenario

/// The call-up choices the optimiser considers, under the scenario's planning rules
/// (`PlanningRules`): each building's units (its bands of floors) go to one site among those
/// the rules allow it (its own compound's, or a short walk past its nearest staffed one; its
/// pinned site), in windows on the rules' clock grid at least the rules' shortest window long
/// (at most 90 minutes), called in floor order one after another, between the opening and half
/// an hour before the deadline or an earlier finish target (the last residents called need
/// that long to come, queue and be swabbed). Pinned call-ups never move. Every move the
/// searches and the MILP make is one of `moved(_:_:to:)`, so every plan they hold keeps the
/// rules: they are constraints of the search, not a repair of its result.
public struct CallUpSpace: Sendable {
    public let step: Double
    public let lengths: [Double]
    /// The first grid time at or after the opening: the earliest a window may start.
    public let opening: Double
    public let deadline: Double
    /// The latest a window may end (on the grid).
    public let latestEnd: Double
    /// Time the last residents called are given to be done by the deadline.
    public static let lastCallMargin = 1800.0
    /// Allowed sites per unit, nearest first (the same for every unit of a building).
    public private(set) var sites: [[Int]]
    /// Each building's units in the order its bands are called, each unit's group and place
    /// in it, whether it is pinned, and its shortest window.
    public private(set) var groups: [[Int]]
    public private(set) var groupOf: [Int]
    public private(set) var place: [Int]
    public let pinned: [Bool]
    public let minLength: [Double]
    /// Residents each unit calls to its site (for the rules' cap per 10 minutes), and the cap.
    public let called: [Double]
    public let cap: Double?

    public init(_ surrogate: Surrogate, staffed: [Int]) {
        let s = surrogate.scenario, rules = s.planning
        step = rules.gridSeconds
        let longest = 5400.0
        opening = (s.round.opening / step).rounded(.up) * step
        deadline = s.round.deadline
        let finish = s.round.opening + CallUpSpace.finishLimitMinutes(s) * 60 - CallUpSpace.lastCallMargin
        let shortest = Double(rules.minWindowMinutes) * 60
        latestEnd = max(opening + shortest, (finish / step).rounded(.down) * step)
        lengths = stride(from: shortest, through: max(shortest, longest), by: step).map { $0 }
        let units = surrogate.units
        var firstUnit: [Int: Int] = [:]
        for (u, unit) in units.enumerated() where firstUnit[unit.building] == nil { firstUnit[unit.building] = u }
        var siteList: [Int: [Int]] = [:]
        for (b, u) in firstUnit {
            siteList[b] = s.allowedSites(b, staffed: staffed) { _, si in units[u].walk[si] }
        }
        sites = units.map { siteList[$0.building] ?? [] }
        // Groups in calling order: by floors, from the top where the rules say so.
        var byBuilding: [Int: [Int]] = [:]
        for (u, unit) in units.enumerated() { byBuilding[unit.building, default: []].append(u) }
        var groups: [[Int]] = [], groupOf = [Int](repeating: 0, count: units.count), place = groupOf
        for b in byBuilding.keys.sorted() {
            let building = s.buildings[b]
            guard rules.tiesBands else {
                // Unruled (to price the rules): each band a group of its own.
                for u in byBuilding[b]! { groupOf[u] = groups.count; place[u] = 0; groups.append([u]) }
                continue
            }
            var list = byBuilding[b]!.sorted { (units[$0].floors ?? 1...building.floors).lowerBound < (units[$1].floors ?? 1...building.floors).lowerBound }
            if rules.topDown(building) { list.reverse() }
            for (k, u) in list.enumerated() { groupOf[u] = groups.count; place[u] = k }
            groups.append(list)
        }
        self.groups = groups; self.groupOf = groupOf; self.place = place
        pinned = units.map(\.pinned)
        minLength = units.map { max(shortest, rules.minWindowSeconds(s.buildings[$0.building])) }
        called = units.map { $0.called }
        cap = rules.siteCapPer10Minutes.map(Double.init)
    }

    /// The same space with each unit's sites limited to those `keep` accepts (a unit left with
    /// none keeps its nearest).
    public func restricted(_ keep: (Int) -> Bool) -> CallUpSpace {
        var r = self
        r.sites = sites.map { list in
            let kept = list.filter(keep)
            return kept.isEmpty ? Array(list.prefix(1)) : kept
        }
        return r
    }

    /// The same space with every band a building of its own: bands may then go to different
    /// sites and overlap, as the rules forbid. The search explores it first
    /// (`OptimizeRun.searchCallUps`), because a plan that keeps the rules is often reached more
    /// easily from its relaxation (`laidOut`) than by moves that keep them all the way.
    public func untied() -> CallUpSpace {
        var r = self
        r.groups = pinned.indices.map { [$0] }
        r.groupOf = Array(pinned.indices)
        r.place = pinned.map { _ in 0 }
        return r
    }

    /// Placements of the untied space laid out under the rules, keeping what the relaxation
    /// found as far as they allow: each building at the allowed site most of its residents
    /// were called to, its bands in calling order one after another from its earliest band's
    /// start, squeezed (each at least the shortest window) to the span its bands covered.
    /// Buildings with a pinned call-up are left to `ruled`, which this ends with.
    public func laidOut(_ relaxed: [Surrogate.Placement]) -> [Surrogate.Placement] {
        // Each building's site, first start and squeezed lengths; `ruled` lays its bands out
        // one after another from there.
        var out = relaxed
        for g in groups where !g.contains(where: { pinned[$0] }) {
            var load: [Int: Double] = [:]
            for u in g { load[relaxed[u].site, default: 0] += called[u] }
            let site = load.filter { sites[g[0]].isEmpty || sites[g[0]].contains($0.key) }
                .max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? relaxed[g[0]].site
            let first = g.map { relaxed[$0].start }.min()!, last = g.map { relaxed[$0].end }.max()!
            let total = g.reduce(0.0) { $0 + relaxed[$1].end - relaxed[$1].start }
            let squeeze = total > 0 ? min(1, (last - first) / total) : 1
            for u in g {
                let length = max(minLength[u], ((relaxed[u].end - relaxed[u].start) * squeeze / step).rounded() * step)
                out[u] = Surrogate.Placement(site: site, start: first, end: first + length)
            }
        }
        return ruled(out)
    }

    /// Whether some building's bands are tied together (the rules; not `untied`, nor the
    /// unruled space), so that moves of whole buildings differ from moves of one band.
    public var tiesBands: Bool { groups.count < pinned.count }

    /// Minutes after opening by which the last swab must be done: the deadline, or an earlier
    /// finish target.
    public static func finishLimitMinutes(_ s: Scenario) -> Double {
        let targets = s.targets.filter { $0.metric == .finishTimeMinutesAfterOpening && $0.bound == .atMost }.map(\.value)
        return min((s.round.deadline - s.round.opening) / 60, targets.min() ?? .infinity)
    }

    /// What the search aims the surrogate's last swab at: the finish limit less a margin for
    /// what the fluid estimate does not see (a quarter hour, at most a tenth of the round).
    public static func surrogateFinishBy(_ s: Scenario) -> Double {
        let limit = finishLimitMinutes(s)
        return limit - min(15, limit / 10)
    }

    /// The placement snapped to the grid and kept inside the round (at least the shortest
    /// window long).
    public func snap(_ x: Surrogate.Placement) -> Surrogate.Placement {
        var start = opening + ((x.start - opening) / step).rounded() * step
        var length = max(lengths.first!, min(lengths.last!, ((x.end - x.start) / step).rounded() * step))
        length = min(length, latestEnd - opening)
        start = min(max(start, opening), latestEnd - length)
        return Surrogate.Placement(site: x.site, start: start, end: start + length)
    }

    /// The moves that put unit `u` at `y` and keep the rules: the whole building goes to `y`'s
    /// site, later bands start no earlier than the one before ends and earlier bands end no
    /// later than the one after starts (each pushed along as far as it must). Nil when that
    /// would move a pinned call-up, leave the round, go to a site the building may not use, or
    /// give a window shorter than the rules allow. The moves are (unit, placement), `u` first.
    public func moved(_ placements: [Surrogate.Placement], _ u: Int, to y: Surrogate.Placement) -> [(Int, Surrogate.Placement)]? {
        let x = placements[u]
        if x == y { return [] }
        if pinned[u] { return nil }
        let length = y.end - y.start
        guard length >= minLength[u] - 0.5, length <= lengths.last! + 0.5, y.start >= opening - 0.5, y.end <= latestEnd + 0.5 else { return nil }
        let g = groups[groupOf[u]], i = place[u]
        if y.site != x.site {
            guard sites[u].contains(y.site) else { return nil }
            if g.contains(where: { pinned[$0] }) { return nil }
        }
        guard let windows = BandLayout.pushed(g.map { (placements[$0].start, placements[$0].end) }, pinned: g.map { pinned[$0] },
                                              moving: i, to: (y.start, y.end), earliest: opening, latest: latestEnd) else { return nil }
        var out: [(Int, Surrogate.Placement)] = [(u, y)]
        for (k, w) in g.enumerated() where w != u {
            let z = Surrogate.Placement(site: y.site, start: windows[k].start, end: windows[k].end)
            if z != placements[w] { out.append((w, z)) }
        }
        return out
    }

    /// A whole building shifted by `d` seconds (and to `site`): its bands keep their lengths
    /// and gaps. Nil where `moved` would refuse.
    public func shifted(_ placements: [Surrogate.Placement], group k: Int, by d: Double, site: Int? = nil) -> [(Int, Surrogate.Placement)]? {
        let g = groups[k]
        var out: [(Int, Surrogate.Placement)] = []
        for w in g {
            var z = placements[w]
            z.start += d; z.end += d
            if let site { z.site = site }
            guard z != placements[w] else { continue }
            guard !pinned[w], z.start >= opening - 0.5, z.end <= latestEnd + 0.5, sites[w].contains(z.site) || z.site == placements[w].site else { return nil }
            out.append((w, z))
        }
        return out
    }

    /// Moves of building `k` as a whole that keep the rules: its bands shifted together by up
    /// to half an hour, moved to another allowed site (shifted by up to 10 minutes), each band
    /// a grid step longer or shorter (laid one after another from the first band's start), and
    /// the boundary between two bands that follow one another moved by a step or two. Nothing
    /// of a building with a pinned call-up moves.
    public func buildingMoves(_ placements: [Surrogate.Placement], group k: Int) -> [[(Int, Surrogate.Placement)]] {
        let g = groups[k]
        guard !g.contains(where: { pinned[$0] }) else { return [] }
        let here = placements[g[0]].site
        var out: [[(Int, Surrogate.Placement)]] = []
        for site in sites[g[0]].isEmpty ? [here] : sites[g[0]] {
            for d in site == here ? [-6.0, -3, -2, -1, 1, 2, 3, 6] : [-2.0, -1, 0, 1, 2] {
                if let m = shifted(placements, group: k, by: d * step, site: site), !m.isEmpty { out.append(m) }
            }
        }
        for d in [-1.0, 1] {
            var clock = placements[g[0]].start, m: [(Int, Surrogate.Placement)] = []
            for w in g {
                let x = placements[w]
                let length = x.end - x.start + d * step
                guard length >= minLength[w] - 0.5, length <= lengths.last! + 0.5 else { m = []; break }
                m.append((w, Surrogate.Placement(site: here, start: clock, end: clock + length)))
                clock += length
            }
            if !m.isEmpty, clock <= latestEnd + 0.5 { out.append(m.filter { placements[$0.0] != $0.1 }) }
        }
        for i in 0..<max(0, g.count - 1) {
            let a = placements[g[i]], b = placements[g[i + 1]]
            guard abs(a.end - b.start) < 0.5 else { continue }
            for d in [-2.0, -1, 1, 2] {
                let t = a.end + d * step
                guard t - a.start >= minLength[g[i]] - 0.5, b.end - t >= minLength[g[i + 1]] - 0.5 else { continue }
                out.append([(g[i], Surrogate.Placement(site: here, start: a.start, end: t)),
                            (g[i + 1], Surrogate.Placement(site: here, start: t, end: b.end))])
            }
        }
        return out.filter { !$0.isEmpty }
    }

    /// Whether `placements` keep every rule the space holds (for starts and assertions): one
    /// site per building from its allowed ones, bands in order without overlap, lengths and
    /// grid, the round's bounds. Pins and the cap are checked where moves are made.
    public func keepsRules(_ placements: [Surrogate.Placement]) -> Bool {
        for g in groups {
            let site = placements[g[0]].site
            var end = -Double.infinity
            for w in g {
                let x = placements[w]
                if pinned[w] { end = x.end; continue }
                guard x.site == site, sites[w].isEmpty || sites[w].contains(site), x.start >= end - 0.5,
                      x.end - x.start >= minLength[w] - 0.5, x.start >= opening - 0.5, x.end <= latestEnd + 0.5,
                      onGrid(x.start), onGrid(x.end) else { return false }
                end = x.end
            }
        }
        return true
    }

    func onGrid(_ t: Double) -> Bool { abs(t - (t / step).rounded() * step) < 0.5 }

    /// Placements that keep the rules, as close to `placements` as they allow: each building
    /// at its pinned call-ups' site, else its first unit's if allowed, else its nearest
    /// allowed; its bands in calling order one after another from where its first band
    /// starts, each on the grid and at least the shortest window; a building that would run
    /// past the latest end moved earlier, then squeezed to its shortest windows. Pinned
    /// call-ups stay as they are.
    public func ruled(_ placements: [Surrogate.Placement]) -> [Surrogate.Placement] {
        var out = placements
        for g in groups {
            let pinnedSite = g.first { pinned[$0] }.map { placements[$0].site }
            let first = placements[g[0]].site
            let site = pinnedSite ?? (sites[g[0]].isEmpty || sites[g[0]].contains(first) ? first : sites[g[0]][0])
            func lay(squeezed: Bool, from start: Double) -> Double {
                var clock = start
                for w in g {
                    if pinned[w] { clock = max(clock, out[w].end); continue }
                    let want = squeezed ? minLength[w] : max(minLength[w], ((placements[w].end - placements[w].start) / step).rounded() * step)
                    let length = min(lengths.last!, max(want, minLength[w]))
                    out[w] = Surrogate.Placement(site: site, start: clock, end: clock + length)
                    clock += length
                }
                return clock
            }
            let startAt = max(opening, opening + ((placements[g[0]].start - opening) / step).rounded() * step)
            var end = lay(squeezed: false, from: startAt)
            if end > latestEnd { end = lay(squeezed: false, from: max(opening, startAt - (end - latestEnd))) }
            if end > latestEnd { _ = lay(squeezed: true, from: opening) }
        }
        return out
    }
}
