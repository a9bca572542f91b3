/// What makes a call-up list one a street office posts as it is (the scenario's `planning`
/// section; defaults are what offices post without editing, each with its reason in
/// Scenarios/README.md). `RuleCheck` reads a plan against them; the optimiser and the re-plan
/// search only plans that keep them.
public struct PlanningRules: Sendable, Equatable {
    /// In which order a building's floor bands are called.
    public enum BandOrder: String, Sendable, CaseIterable {
        /// Top floors first where the building has lifts (the lifts then run down full while
        /// the lobby is empty), ground floor first otherwise.
        case topDownWhereLifts = "top_down_where_lifts"
        case topDown = "top_down"
        case bottomUp = "bottom_up"
    }

    /// Extra walking beyond a building's nearest staffed site that a planner asks of its
    /// residents; sites of the building's own compound are allowed whatever the walk.
    public var extraWalkMinutes: Double = 5
    /// Bands of consecutive floors a building is called in, at most: low-rise buildings (up to
    /// `lowRiseFloors`) and taller ones.
    public var maxBandsLowRise = 2
    public var maxBandsHighRise = 4
    public var lowRiseFloors = 7
    public var bandOrder: BandOrder = .topDownWhereLifts
    /// The shortest call-up window (minutes), and the clock grid windows start and end on.
    public var minWindowMinutes = 20
    public var gridMinutes = 5
    /// Residents called to one site per 10 minutes of clock time, at most (nil: no cap); a
    /// call-up's residents count evenly over its window.
    public var siteCapPer10Minutes: Int?
    /// Per-building settings, by building id.
    public var buildings: [String: BuildingRules] = [:]
    /// False only to measure what the rules cost (`unruled`): the optimiser then moves each
    /// band on its own, as it did before there were rules. A scenario file cannot set it.
    public var tiesBands = true

    public init() {}

    /// No rules but the plan rules: bands of a building anywhere, at any site within the
    /// extra walk, windows of 10 minutes or more, up to 8 bands. What the optimiser did before
    /// the planning rules; `swabplan-bench --only optimizer` prices the rules against it.
    public static var unruled: PlanningRules {
        var r = PlanningRules()
        r.tiesBands = false
        r.maxBandsLowRise = 8; r.maxBandsHighRise = 8
        r.minWindowMinutes = 10
        return r
    }

    /// A building's own settings, where the scenario gives them.
    public struct BuildingRules: Sendable, Equatable {
        /// The site the building is always called to (pinned: nothing moves it).
        public var site: String?
        public var maxBands: Int?
        public var bandOrder: BandOrder?
        public var extraWalkMinutes: Double?
        public var minWindowMinutes: Int?
        public init() {}
    }

    public func maxBands(_ b: Building) -> Int {
        buildings[b.id]?.maxBands ?? (b.floors <= lowRiseFloors ? maxBandsLowRise : maxBandsHighRise)
    }

    /// Whether `b`'s bands are called from the top floor down.
    public func topDown(_ b: Building) -> Bool {
        switch buildings[b.id]?.bandOrder ?? bandOrder {
        case .topDownWhereLifts: return b.lifts > 0
        case .topDown: return true
        case .bottomUp: return false
        }
    }

    public func minWindowSeconds(_ b: Building) -> Double { Double(buildings[b.id]?.minWindowMinutes ?? minWindowMinutes) * 60 }
    public func extraWalkSeconds(_ b: Building) -> Double { (buildings[b.id]?.extraWalkMinutes ?? extraWalkMinutes) * 60 }
    public func pinnedSite(_ b: Building) -> String? { buildings[b.id]?.site }
    public var gridSeconds: Double { Double(gridMinutes) * 60 }

    /// Whether a clock time lies on the grid.
    public func onGrid(_ t: Double) -> Bool {
        let g = gridSeconds
        return abs(t - (t / g).rounded() * g) < 0.5
    }

    /// The bands of `floors` in the order they are called.
    public func calledInOrder(_ b: Building, _ bands: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        let up = bands.sorted { $0.lowerBound < $1.lowerBound }
        return topDown(b) ? up.reversed() : up
    }
}

extension Scenario {
    /// The sites `b` may be called to under the rules, given which sites some swab team staffs
    /// (`staffed[s] > 0`): its pinned site; else every staffed site of its own compound and
    /// every staffed site within the rules' extra walk of its nearest staffed one, nearest first.
    public func allowedSites(_ bi: Int, staffed: [Int], walk: (Int, Int) -> Double?) -> [Int] {
        let b = buildings[bi]
        if let pin = planning.pinnedSite(b), let s = siteIndex(pin) { return [s] }
        var reach: [(Int, Double)] = []
        for s in sites.indices where staffed[s] > 0 {
            if let w = walk(bi, s) { reach.append((s, w)) }
        }
        reach.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let nearest = reach.first?.1 else { return [] }
        let extra = planning.extraWalkSeconds(b)
        return reach.filter { s, w in
            w <= nearest + extra + 1e-9 || (!b.compound.isEmpty && sites[s].compound == b.compound)
        }.map(\.0)
    }
}
