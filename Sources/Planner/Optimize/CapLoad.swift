import Scenario

/// Residents called to each site per 10 minutes of clock time under a set of placements, kept
/// as the search moves call-ups, for the planning rules' optional cap (`site_cap_per_10_minutes`):
/// the search pays for every resident over the cap, so it steers back under it, and no plan
/// over it is written.
struct CapLoad: Sendable {
    let cap: Double
    let firstBin: Int
    let bins: Int
    /// `site * bins + bin`.
    private(set) var load: [Double]
    /// Residents over the cap, summed over sites and bins.
    private(set) var excess = 0.0

    init?(space: CallUpSpace, sites: Int, placements: [Surrogate.Placement]) {
        guard let cap = space.cap else { return nil }
        self.cap = cap
        firstBin = Int((space.opening / 600).rounded(.down))
        bins = max(1, Int((space.latestEnd / 600).rounded(.up)) - firstBin + 1)
        load = Array(repeating: 0, count: sites * bins)
        for (u, x) in placements.enumerated() { add(space.called[u], x, sign: 1) }
    }

    mutating func add(_ people: Double, _ x: Surrogate.Placement, sign: Double) {
        for (bin, n) in RuleCheck.per10Minutes(people, ClockWindow(start: x.start, end: x.end)) {
            let k = min(bins - 1, max(0, bin - firstBin))
            let i = x.site * bins + k
            let before = max(0, load[i] - cap)
            load[i] += sign * n
            excess += max(0, load[i] - cap) - before
        }
    }
}
