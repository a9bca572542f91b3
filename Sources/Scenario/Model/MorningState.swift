/// The round as it stands at a clock time on the morning itself, typed in at the command post
/// (`Scenarios/README.md`, "The morning as it stands"): what has happened cannot change; what
/// is left of the round is simulated (`simulate --from`) and re-planned (`replan`) from it.
/// Anything left out takes the plan's expected value.
public struct MorningState: Sendable {
    /// Which call-ups have been issued (sent to residents), and so cannot move.
    public enum Issued: Sendable, Equatable {
        /// Every call-up whose window starts before `at` plus `notice` (the default: residents are
        /// told some minutes ahead).
        case started(noticeSeconds: Double)
        /// These buildings' call-ups (all their floors), whatever their windows.
        case buildings(Set<String>)
    }

    /// People in one site's lines now.
    public struct Queue: Sendable, Equatable {
        public var registration: Int
        public var swab: Int
        public init(registration: Int, swab: Int) { self.registration = registration; self.swab = swab }
    }

    public var sourcePath: String
    /// The clock time the state describes (seconds since midnight).
    public var at: Double
    public var issued: Issued = .started(noticeSeconds: 30 * 60)
    /// Residents swabbed so far, by site and by building (counts; either may be empty).
    public var swabbedBySite: [String: Int] = [:]
    public var swabbedByBuilding: [String: Int] = [:]
    /// People in line now, by site; a site left out has the plan's expected lines at `at`.
    public var queues: [String: Queue] = [:]
    /// People who left a site's line (rain, a long wait) and said they would come back: they do,
    /// after the population's come-back delay from `at`; a site left out has the plan's expected.
    public var left: [String: Int] = [:]
    /// Cohorts whose bus is late, by how many seconds (their teams reach every stop that much later).
    public var lateCohorts: [String: Double] = [:]
    /// Teams gone from `at` (ill, called away): cohort id and team number (1-based).
    public var goneTeams: [TeamRef] = []
    /// Registration desks working now, by site: at most this many from `at` on.
    public var desks: [String: Int] = [:]
    /// Weather observed or newly forecast, added to the scenario's forecast.
    public var weather: [WeatherWindow] = []

    public struct TeamRef: Sendable, Equatable {
        public var cohort: String
        public var team: Int
        public init(cohort: String, team: Int) { self.cohort = cohort; self.team = team }
    }

    public init(sourcePath: String, at: Double) { self.sourcePath = sourcePath; self.at = at }

    /// Whether call-up `c` has been issued (and so cannot move).
    public func isIssued(_ c: CallUp) -> Bool {
        switch issued {
        case .started(let notice): return c.window.start < at + notice
        case .buildings(let ids): return ids.contains(c.building)
        }
    }

    /// Residents swabbed so far, as the state gives them (by site, else by building; nil if neither).
    public var swabbedSoFar: Int? {
        if !swabbedBySite.isEmpty { return swabbedBySite.values.reduce(0, +) }
        if !swabbedByBuilding.isEmpty { return swabbedByBuilding.values.reduce(0, +) }
        return nil
    }

    /// The scenario as the morning has made it: the new weather in its forecast, late buses later.
    public func applied(to s: Scenario) -> Scenario {
        var s = s
        s.logistics.weather.forecast += weather
        for (k, c) in s.staff.cohorts.enumerated() { if let late = lateCohorts[c.id] { s.staff.cohorts[k].departsDepot += late } }
        return s
    }
}
