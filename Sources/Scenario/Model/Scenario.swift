/// Everything a planner knows before a testing round: the community, its sites, staff, service
/// times, how residents behave, an optional plan and the targets. Times are seconds since
/// midnight; durations are seconds. Built by `ScenarioLoader`, validated before anyone sees it.
public struct Scenario: Sendable {
    public var name: String
    /// The name in English (`name_en`), for English reports of a scenario named in Chinese.
    public var nameEn: String?
    /// The file the scenario came from (for messages and reports).
    public var sourcePath: String
    /// Every file read to build it, in order: the scenario file, then a buildings file (CSV or
    /// workbook). What a sharded run fingerprints to tell its parts from another run's.
    public var sourceFiles: [String] = []
    public var round: Round
    public var compounds: [Compound]
    public var buildings: [Building] { didSet { buildingIndexByID = Scenario.index(buildings.map(\.id)) } }
    public var sites: [Site] { didSet { siteIndexByID = Scenario.index(sites.map(\.id)) } }
    /// Id -> index, so that no lookup by id scans a list (districts have many thousands).
    public private(set) var buildingIndexByID: [String: Int] = [:]
    public private(set) var siteIndexByID: [String: Int] = [:]
    public var walking: Walking
    public var staff: Staff
    public var service: Service
    public var arrivals: Arrivals
    /// The plan written in the scenario file, if any; `effectivePlan` falls back to the baseline.
    public var plan: Plan?
    public var targets: [Target]
    /// What makes a call-up list postable (the `planning` section; defaults otherwise).
    public var planning = PlanningRules()
    /// Where some keys were written (key path -> file, line, column), for warnings about a
    /// scenario that loads but a planner should look at again (`GapCheck`).
    public var keyPositions: [String: SourcePosition] = [:]
    /// The share of simulated mornings an every-morning target must hold in to be met
    /// (`every_morning_share`, 0.5 to 1, default 0.9).
    public var everyMorningShare = 0.9
    /// Weather, tubes and couriers, door-to-door, data desk, patience; `.none` when absent.
    public var logistics: Logistics = .none
    /// What the file says about publishing: its `language` and `notices` keys. Nothing that
    /// runs reads these; Reports' `PublicationSettings` starts from them, and a run may choose
    /// another language (`--language`, or a server's request) without changing the scenario.
    public var publishing = Publishing()
    /// A street's communities' populations (empty: one, this scenario's own sections).
    public var populations: [Population] = []
    /// A street's communities, in the order its file lists them (empty: not a street).
    public var communities: [Community] = []

    public init(name: String, sourcePath: String, round: Round, compounds: [Compound], buildings: [Building],
                sites: [Site], walking: Walking, staff: Staff, service: Service, arrivals: Arrivals,
                plan: Plan?, targets: [Target]) {
        self.name = name; self.sourcePath = sourcePath; self.round = round; self.compounds = compounds
        self.buildings = buildings; self.sites = sites; self.walking = walking; self.staff = staff
        self.service = service; self.arrivals = arrivals; self.plan = plan; self.targets = targets
        buildingIndexByID = Scenario.index(buildings.map(\.id))
        siteIndexByID = Scenario.index(sites.map(\.id))
    }

    /// The first index of each id.
    static func index(_ ids: [String]) -> [String: Int] {
        var d: [String: Int] = [:]
        d.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() where d[id] == nil { d[id] = i }
        return d
    }

    public var totalResidents: Int { buildings.reduce(0) { $0 + $1.residents } }

    /// Community workers are one pool, W1 ... Wn.
    public var workerIDs: [String] { (0..<staff.communityWorkers).map { "W\($0 + 1)" } }

    /// Households of a building (residents over persons per household, rounded up).
    public func households(_ b: Building) -> Int {
        Int((Double(b.residents) / personsPerHousehold(b)).rounded(.up))
    }

    /// Households swabbed at home: all of a sealed building, else the quarantined and bed-ridden.
    public func doorToDoorHouseholds(_ b: Building) -> Int {
        b.sealed ? households(b) : min(households(b), b.quarantinedHouseholds + b.bedriddenHouseholds)
    }

    /// Residents swabbed at home (they never come to a site).
    public func doorToDoorResidents(_ b: Building) -> Int {
        b.sealed ? b.residents : min(b.residents, Int((Double(doorToDoorHouseholds(b)) * personsPerHousehold(b)).rounded()))
    }

    /// Persons per household in building `b`'s community.
    public func personsPerHousehold(_ b: Building) -> Double {
        populations.isEmpty ? logistics.doorToDoor.personsPerHousehold : populations[b.population].personsPerHousehold
    }

    public func siteIndex(_ id: String) -> Int? { siteIndexByID[id] }
    public func buildingIndex(_ id: String) -> Int? { buildingIndexByID[id] }
}

public struct Round: Sendable {
    public var date: String
    public var opening: Double
    /// The clock time by which the round should be over (targets may say more).
    public var deadline: Double
    public var window: ClockWindow { ClockWindow(start: opening, end: deadline) }
    /// The round in hours from the opening (the last one cut at the deadline): the periods
    /// plans give desks and roles by.
    public var hours: [ClockWindow] {
        stride(from: opening, to: deadline, by: 3600).map { ClockWindow(start: $0, end: min($0 + 3600, deadline)) }
    }

    public init(date: String, opening: Double, deadline: Double) {
        self.date = date; self.opening = opening; self.deadline = deadline
    }
}

public struct Compound: Sendable {
    public var id: String
    public var name: String
    /// The name in English notices (Chinese `name`, English `name_en`); nil: `name` in both.
    public var nameEn: String?

    public init(id: String, name: String) { self.id = id; self.name = name }
}

public struct Building: Sendable {
    public var id: String
    public var name: String
    /// The name in English notices (Chinese `name`, English `name_en`); nil: `name` in both.
    public var nameEn: String?
    public var compound: String
    public var residents: Int
    public var floors: Int
    public var lifts: Int
    public var elderlyShare: Double
    public var noSmartphoneShare: Double
    /// Position in metres on the community's local grid, when walking times come from geometry.
    public var position: Point?
    /// Walking minutes to named sites; overrides geometry.
    public var walkMinutes: [String: Double]
    /// Households swabbed at their door: quarantined (one person per tube) and bed-ridden
    /// (pooled like everyone); a sealed building is swabbed wholly at home, one household per tube.
    public var quarantinedHouseholds: Int = 0
    public var bedriddenHouseholds: Int = 0
    public var sealed: Bool = false
    /// Lifts out of order on the day (`lifts_out_of_order`): `lifts` counts only those working;
    /// the notice says how many stand idle.
    public var liftsOutOfOrder = 0
    /// Which of a street's populations the residents belong to (0 in a community's scenario).
    public var population: Int = 0

    public init(id: String, name: String? = nil, compound: String = "", residents: Int, floors: Int = 1, lifts: Int = 0,
                elderlyShare: Double = 0, noSmartphoneShare: Double = 0, position: Point? = nil, walkMinutes: [String: Double] = [:]) {
        self.id = id; self.name = name ?? id; self.compound = compound; self.residents = residents; self.floors = floors
        self.lifts = lifts; self.elderlyShare = elderlyShare; self.noSmartphoneShare = noSmartphoneShare
        self.position = position; self.walkMinutes = walkMinutes
    }
}

public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public func distance(to o: Point) -> Double { ((x - o.x) * (x - o.x) + (y - o.y) * (y - o.y)).squareRoot() }

    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public enum Cover: String, Sendable, CaseIterable {
    case none, umbrella, tent, indoor
}

public struct Site: Sendable {
    public var id: String
    public var name: String
    /// The name in English notices (Chinese `name`, English `name_en`); nil: `name` in both.
    public var nameEn: String?
    public var compound: String
    public var cover: Cover
    /// Registration desks (tables with a scanner) the site can hold.
    public var registrationDesks: Int
    /// Swab stations (tables for one two-person team) the site can hold.
    public var swabStations: Int
    public var position: Point?
    /// Tubes a box here holds, when not the scenario's `tubes` (a street's community's own).
    public var boxCapacity: Int?

    public init(id: String, name: String? = nil, compound: String = "", cover: Cover = .none, registrationDesks: Int,
                swabStations: Int, position: Point? = nil) {
        self.id = id; self.name = name ?? id; self.compound = compound; self.cover = cover
        self.registrationDesks = registrationDesks; self.swabStations = swabStations; self.position = position
    }
}

public struct Walking: Sendable, Equatable {
    public var speedMetresPerMinute: Double
    /// Paths are longer than straight lines between buildings.
    public var detourFactor: Double
    public var stairsSecondsPerFloor: Double
    public var liftCapacityPersons: Int
    public var liftRoundTripSeconds: Double
    /// Floors up to this one take the stairs even where there are lifts (1: everyone above the
    /// ground floor rides); a notice can ask the low floors to walk and leave the lifts to the
    /// high ones.
    public var stairsUpToFloor = 1
    /// A car's travel per floor, each way: a trip to floor f and back takes
    /// `liftRoundTripSeconds + 2 × liftSecondsPerFloor × (f - 1)` (0: every trip the same).
    public var liftSecondsPerFloor = 0.0

    /// A car's round trip when the highest floor it serves is `floor`.
    @inline(__always)
    public func liftRoundTrip(toFloor floor: Int) -> Double { liftRoundTripSeconds + 2 * liftSecondsPerFloor * Double(floor - 1) }

    /// The round trip of a full car from a tower of `floors` floors whose riders live from
    /// `from` up, loaded in the order they are ready (floors mixed): the highest of a load of
    /// `liftCapacityPersons` spread evenly over those floors lies at k/(k+1) of the span.
    public func typicalLiftRoundTrip(fromFloor from: Int, toFloor top: Int) -> Double {
        guard liftSecondsPerFloor > 0, top > from else { return liftRoundTrip(toFloor: max(from, top)) }
        let k = Double(liftCapacityPersons)
        return liftRoundTripSeconds + 2 * liftSecondsPerFloor * (Double(from - 1) + Double(top - from) * k / (k + 1))
    }

    /// Whether a resident of `floor` rides down in a building with `lifts` lifts.
    @inline(__always)
    public func ridesLift(floor: Int, lifts: Int) -> Bool { lifts > 0 && floor > stairsUpToFloor }

    /// The defaults of a scenario file's `walking` section.
    public static let standard = Walking(speedMetresPerMinute: 70, detourFactor: 1.3, stairsSecondsPerFloor: 15,
                                         liftCapacityPersons: 8, liftRoundTripSeconds: 90)
    public init(speedMetresPerMinute: Double, detourFactor: Double, stairsSecondsPerFloor: Double,
                liftCapacityPersons: Int, liftRoundTripSeconds: Double) {
        self.speedMetresPerMinute = speedMetresPerMinute; self.detourFactor = detourFactor
        self.stairsSecondsPerFloor = stairsSecondsPerFloor; self.liftCapacityPersons = liftCapacityPersons
        self.liftRoundTripSeconds = liftRoundTripSeconds
    }
}

public struct Staff: Sendable {
    public var cohorts: [Cohort]
    public var registrars: Int
    public var communityWorkers: Int

    public init(cohorts: [Cohort], registrars: Int = 0, communityWorkers: Int = 0) {
        self.cohorts = cohorts; self.registrars = registrars; self.communityWorkers = communityWorkers
    }
}

/// Swab teams (two people each) that travel together by bus and are dropped site by site.
public struct Cohort: Sendable {
    public var id: String
    public var teams: Int
    public var departsDepot: Double
    public var route: [RouteStop]
    public var setupSeconds: Double
    /// Longest continuous standing span before a break.
    public var standingLimitSeconds: Double
    public var breakSeconds: Double
    public var shiftEnd: Double
    /// The cohort this one relieves: its teams take over that cohort's stations at each stop.
    public var relieves: String?
    /// What planners call the cohort (早班, "morning shift"); nil: its id.
    public var name: String?
    public var nameEn: String?

    public init(id: String, teams: Int, departsDepot: Double, route: [RouteStop], setupSeconds: Double = 900,
                standingLimitSeconds: Double = 10_800, breakSeconds: Double = 1200, shiftEnd: Double, relieves: String? = nil) {
        self.id = id; self.teams = teams; self.departsDepot = departsDepot; self.route = route
        self.setupSeconds = setupSeconds; self.standingLimitSeconds = standingLimitSeconds
        self.breakSeconds = breakSeconds; self.shiftEnd = shiftEnd; self.relieves = relieves
    }
}

/// The scenario file's `language` (of the report, site sheets, terminal tables and CSV headers)
/// and `notices` section (the notices' languages, who issues them, a phone to call).
public struct Publishing: Sendable, Equatable {
    public var language: Language = .en
    public var noticeLanguages: [Language] = [.zh, .en]
    /// A residents' committee or street office, and a phone: `notices.issuer`, `notices.contact`.
    public var issuer: String?
    /// The issuer as English notices sign (`notices.issuer_en`); nil: `issuer` in both.
    public var issuerEn: String?
    public var contact: String?
    public init() {}
}

public struct RouteStop: Sendable, Hashable {
    public var site: String
    /// Travel from the previous stop (the depot for the first).
    public var travelSeconds: Double
    public var teams: Int

    public init(site: String, travelSeconds: Double, teams: Int) {
        self.site = site; self.travelSeconds = travelSeconds; self.teams = teams
    }
}

public struct Service: Sendable {
    public var registration: ServiceTime
    public var swab: ServiceTime
    /// Multiplies registration and swab times of elderly or mobility-limited residents.
    public var elderlyFactor: Double
    /// Multiplies registration time of residents without a smartphone (no health QR code).
    public var noSmartphoneFactor: Double

    /// The defaults of a scenario file's `service` section.
    public static let standard = Service(registration: .lognormal(mean: 30, cv: 0.5), swab: .lognormal(mean: 25, cv: 0.4),
                                         elderlyFactor: 1.5, noSmartphoneFactor: 3)
    public init(registration: ServiceTime, swab: ServiceTime, elderlyFactor: Double = 1.5, noSmartphoneFactor: Double = 3) {
        self.registration = registration; self.swab = swab
        self.elderlyFactor = elderlyFactor; self.noSmartphoneFactor = noSmartphoneFactor
    }
}

/// A service-time distribution in seconds, as written in the file (SimKit builds the sampler).
public enum ServiceTime: Sendable, Equatable {
    case deterministic(Double)
    case exponential(mean: Double)
    case lognormal(mean: Double, cv: Double)
    case gamma(mean: Double, cv: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    case empirical([Double])
}

public struct Arrivals: Sendable {
    public var turnoutShare: Double
    /// Residents who ignore their call-up and come at the peak (the walk-in window).
    public var ignoreCallUpShare: Double
    public var walkInWindow: ClockWindow
    /// How residents spread inside their call-up window.
    public var spread: Spread
    /// Shape b of the Beta(1, b) arrival density inside a call-up window (with `frontLoaded`):
    /// 1 is uniform, larger values crowd arrivals toward the start.
    public var frontLoading: Double
    /// Length of the call-up window in the baseline plan ("everyone called at opening").
    public var baselineWindowSeconds: Double

    /// The defaults of a scenario file's `arrivals` section for a round.
    public static func standard(for round: Round) -> Arrivals {
        Arrivals(turnoutShare: 0.95, ignoreCallUpShare: 0.1,
                 walkInWindow: ClockWindow(start: round.opening, end: min(round.deadline, round.opening + 3600)),
                 spread: .frontLoaded, frontLoading: 2, baselineWindowSeconds: min(30 * 60, round.deadline - round.opening))
    }
    public init(turnoutShare: Double, ignoreCallUpShare: Double, walkInWindow: ClockWindow, spread: Spread,
                frontLoading: Double, baselineWindowSeconds: Double) {
        self.turnoutShare = turnoutShare; self.ignoreCallUpShare = ignoreCallUpShare; self.walkInWindow = walkInWindow
        self.spread = spread; self.frontLoading = frontLoading; self.baselineWindowSeconds = baselineWindowSeconds
    }
}

/// How residents come inside their call-up window.
public enum Spread: String, Sendable, CaseIterable {
    /// Random, denser at the start (Beta(1, front_loading)): people come when called.
    case frontLoaded = "front_loaded"
    /// Random, uniform over the window.
    case uniform
    /// One by one at equal intervals from the start, in floor order: a strict timed call-down.
    case even
}

public struct Target: Sendable {
    public enum Bound: String, Sendable { case atMost = "at_most", atLeast = "at_least" }
    public var metric: MetricName
    public var bound: Bound
    public var value: Double
    public func isMet(by x: Double) -> Bool { bound == .atMost ? x <= value : x >= value }

    /// A target a planner reads as holding every morning ("all done by 11:30", "no sample over
    /// the age limit", "no team stands over 3 hours"): judged by the share of simulated mornings
    /// it holds in, not by the mean.
    public var isEveryMorning: Bool { metric.readsAsEveryMorning }

    /// The share of mornings (replications' values) the target holds in; NaN values (a figure
    /// undefined that morning) are left out.
    public func holdShare(_ values: [Double]) -> Double {
        let xs = values.filter(\.isFinite)
        return xs.isEmpty ? 1 : Double(xs.filter(isMet).count) / Double(xs.count)
    }

    /// How far these mornings miss the target (0: met): an every-morning target by the share of
    /// mornings short of `share`, any other by its mean's miss as a share of the target's value.
    /// What the optimiser's selection and the re-plan rank plans by, targets first.
    public func miss(mornings values: [Double], share: Double) -> Double {
        if isEveryMorning { return max(0, share - holdShare(values)) }
        let xs = values.filter(\.isFinite)
        guard !xs.isEmpty else { return 0 }
        let mean = xs.reduce(0, +) / Double(xs.count)
        return max(0, bound == .atMost ? mean - value : value - mean) / max(abs(value), 1e-9)
    }

    /// Whether the target is met on these mornings: an every-morning target when it holds in at
    /// least `share` of them, any other on their mean.
    public func isMet(mornings values: [Double], share: Double) -> Bool {
        if isEveryMorning { return holdShare(values) >= share - 1e-12 }
        let xs = values.filter(\.isFinite)
        return xs.isEmpty || isMet(by: xs.reduce(0, +) / Double(xs.count))
    }

    public init(metric: MetricName, bound: Bound, value: Double) {
        self.metric = metric; self.bound = bound; self.value = value
    }
}
