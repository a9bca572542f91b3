import Scenario

extension CompiledRound {
    /// The staffing timeline with desk moves laid over it: from a move's time, its `from` site
    /// opens that many fewer desks (never below none) and its `to` site that many more (never
    /// more than it has), through every later change of either site. Moves in time order, in
    /// the order the plan lists them; the timeline stays in time order (a move's change comes
    /// after any other change at the same moment, so it holds).
    static func movingDesks(_ changes: [CapacityChange], _ moves: [DeskMove], scenario s: Scenario) -> [CapacityChange] {
        guard !moves.isEmpty else { return changes }
        var out = changes
        for m in moves.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }).map(\.element) {
            guard let to = s.siteIndex(m.to) else { continue }
            var deltas = [(to, m.desks)]
            if !m.fromDataDesk, let from = s.siteIndex(m.from) { deltas.append((from, -m.desks)) }
            for (site, delta) in deltas {
                let most = s.sites[site].registrationDesks
                let before = out.last { $0.site == site && $0.time <= m.at }
                for k in out.indices where out[k].site == site && out[k].time > m.at {
                    out[k].desks = min(most, max(0, out[k].desks + delta))
                }
                let change = CapacityChange(time: m.at, site: site, desks: min(most, max(0, (before?.desks ?? most) + delta)),
                                            stations: before?.stations ?? -1)
                out.insert(change, at: out.firstIndex { $0.time > m.at } ?? out.count)
            }
        }
        return out
    }
}
