/// A plan: who is called where and when, and how each site is staffed. Plans are data; the
/// simulation reads them and never changes them.
public struct Plan: Sendable {
    public var callUps: [CallUp]
    /// Staffing by period; a site with no entry covering a moment opens every desk and every
    /// station it has a team for.
    public var staffing: [Staffing]
    /// Each community worker's role by period; empty when the plan does not say.
    public var roles: [RoleAssignment] = []
    /// Where each cohort's bus drops its teams (sites, order, teams per site), by cohort id;
    /// a cohort not named here follows its route in the scenario.
    public var drops: [CohortDrops] = []
    /// Planned breaks, by team: staggered so that a site never stands empty (without them a
    /// team breaks when it reaches its standing limit).
    public var breaks: [PlannedBreak] = []
    /// Which relief team takes over which station: by default the k-th relief team dropped at a
    /// site relieves the k-th team its cohort relieves there.
    public var handovers: [Handover] = []
    /// Courier departures from the lab, by courier; a courier not named here keeps its own
    /// timetable (fixed, every so often, or on demand).
    public var courierTimetable: [CourierDepartures] = []
    /// Door-to-door start times and building lists, by team; others keep the scenario's.
    public var doorToDoorLists: [DoorToDoorList] = []
    /// Registrars or community workers sent from one site (or the data desk) to open desks at
    /// another from a clock time: how a re-plan brings back desks a morning lost.
    public var deskMoves: [DeskMove] = []
    /// Where the plan came from ("baseline", a file path) for tables and reports.
    public var origin: String
    /// The plan file's optional `name`.
    public var name: String?
    /// Where each call-up was written (file, line, column), parallel to `callUps`; empty for a
    /// plan built in code. Warnings about a hand plan point there.
    public var callUpPositions: [SourcePosition] = []

    public init(callUps: [CallUp], staffing: [Staffing] = [], roles: [RoleAssignment] = [], origin: String, name: String? = nil) {
        self.callUps = callUps; self.staffing = staffing; self.roles = roles; self.origin = origin; self.name = name
    }

    /// The name `swabplan optimize` gives the plans it writes.
    public static let optimisedNamePrefix = "optimised by swabplan"

    /// Written by the optimiser (its name says so, in memory and once written to a file):
    /// advice does not send the planner back to it.
    public var isOptimised: Bool { name?.hasPrefix(Plan.optimisedNamePrefix) ?? false }
}

/// Two plans are the same when they say the same: every call-up, staffing period, role, drop,
/// break, handover, courier departure and door-to-door list, and the name. Where a plan came
/// from (`origin`) and where its call-ups were written (`callUpPositions`) are not part of what
/// it says.
extension Plan: Hashable {
    public static func == (a: Plan, b: Plan) -> Bool {
        a.callUps == b.callUps && a.staffing == b.staffing && a.roles == b.roles && a.drops == b.drops && a.breaks == b.breaks
            && a.handovers == b.handovers && a.courierTimetable == b.courierTimetable && a.doorToDoorLists == b.doorToDoorLists
            && a.deskMoves == b.deskMoves && a.name == b.name
    }

    public func hash(into h: inout Hasher) {
        h.combine(callUps); h.combine(staffing); h.combine(roles); h.combine(drops); h.combine(breaks)
        h.combine(handovers); h.combine(courierTimetable); h.combine(doorToDoorLists); h.combine(deskMoves); h.combine(name)
    }
}

/// The stops of one cohort's bus: the plan's choice of where its teams work.
public struct CohortDrops: Sendable, Hashable {
    public var cohort: String
    public var route: [RouteStop]
    public init(cohort: String, route: [RouteStop]) { self.cohort = cohort; self.route = route }
}

/// When a courier leaves the lab on its route, as the plan has it.
public struct CourierDepartures: Sendable, Hashable {
    public var courier: String
    public var departs: [Double]
    public init(courier: String, departs: [Double]) { self.courier = courier; self.departs = departs }
}

/// When a door-to-door team sets out and which buildings it visits, as the plan has it.
public struct DoorToDoorList: Sendable, Hashable {
    public var team: String
    public var start: Double
    public var buildings: [String]
    public init(team: String, start: Double, buildings: [String]) { self.team = team; self.start = start; self.buildings = buildings }
}

/// From clock time `at`, `desks` people who staff registration desks at site `from` (or work
/// the data desk, `from == DeskMove.dataDesk`) open as many more desks at site `to`: `from`
/// opens that many fewer, `to` that many more (never more than it has). A morning's desk cap
/// at `to` (`MorningState.desks`: desks someone works) rises by them.
public struct DeskMove: Sendable, Hashable {
    public var at: Double
    public var from: String
    public var to: String
    public var desks: Int
    /// `from` for community workers taken off the data desk.
    public static let dataDesk = "data_desk"
    public var fromDataDesk: Bool { from == DeskMove.dataDesk }
    public init(at: Double, from: String, to: String, desks: Int) { self.at = at; self.from = from; self.to = to; self.desks = desks }
}

/// Team `team` (1-based, in the order its cohort's bus drops them) takes a break at `at`, after
/// the resident in hand.
public struct PlannedBreak: Sendable, Hashable {
    public var cohort: String
    public var team: Int
    public var at: Double
    public init(cohort: String, team: Int, at: Double) { self.cohort = cohort; self.team = team; self.at = at }
}

/// Team `team` of relief cohort `cohort` takes over the station of team `relieves` of the cohort
/// it relieves (team numbers are 1-based, in drop order), at the site both are dropped at.
public struct Handover: Sendable, Hashable {
    public var cohort: String
    public var team: Int
    public var relieves: Int
    public init(cohort: String, team: Int, relieves: Int) { self.cohort = cohort; self.team = team; self.relieves = relieves }
}

/// Residents of a building (or of a range of its floors) called to a site inside a window.
public struct CallUp: Sendable, Hashable {
    public var building: String
    /// Floors called; nil for the whole building.
    public var floors: ClosedRange<Int>?
    public var site: String
    public var window: ClockWindow
    /// Set by the planner (`pinned: true`): neither the optimiser nor the re-plan moves it.
    public var pinned = false

    public init(building: String, floors: ClosedRange<Int>? = nil, site: String, window: ClockWindow, pinned: Bool = false) {
        self.building = building; self.floors = floors; self.site = site; self.window = window; self.pinned = pinned
    }
}

/// A place in a file, for messages that point at what a planner wrote.
public struct SourcePosition: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
}

/// The registration desks and swab stations a site opens during a period.
public struct Staffing: Sendable, Hashable {
    public var site: String
    public var period: ClockWindow
    public var desks: Int
    public var stations: Int

    public init(site: String, period: ClockWindow, desks: Int, stations: Int) {
        self.site = site; self.period = period; self.desks = desks; self.stations = stations
    }
}

extension Scenario {
    /// Walking seconds from a building to a site: the building's own table first, else the
    /// straight-line distance times the detour factor at walking speed; nil when neither is known.
    public func walkingSeconds(building b: Building, site s: Site) -> Double? {
        if let m = b.walkMinutes[s.id] { return m * 60 }
        guard let p = b.position, let q = s.position else { return nil }
        let walking = self.walking(of: b)
        return p.distance(to: q) * walking.detourFactor / walking.speedMetresPerMinute * 60
    }

    /// The site a building's residents reach soonest on foot (ties go to the first listed).
    public func nearestSite(to b: Building) -> Site? {
        var best: (Site, Double)?
        for s in sites {
            guard let w = walkingSeconds(building: b, site: s) else { continue }
            if best == nil || w < best!.1 { best = (s, w) }
        }
        return best?.0
    }

    /// What happens without planning: every building called at opening to its nearest site,
    /// every desk and every station with a team open.
    public func baselinePlan() -> Plan {
        let window = ClockWindow(start: round.opening, end: round.opening + arrivals.baselineWindowSeconds)
        let grid = SiteGrid(self)
        let calls = buildings.filter { $0.residents > doorToDoorResidents($0) }.compactMap { b in
            grid.nearest(to: b).map { CallUp(building: b.id, floors: nil, site: $0.id, window: window) }
        }
        return Plan(callUps: calls, staffing: [], origin: "baseline")
    }

    /// The plan written in the scenario, or the baseline.
    public var effectivePlan: Plan { plan ?? baselinePlan() }
}

extension Scenario {
    /// The courier fleet as `plan` runs it: the plan's departures replace a courier's own
    /// timetable.
    public func couriers(under plan: Plan) -> [Courier] {
        guard !plan.courierTimetable.isEmpty else { return logistics.couriers.fleet }
        var times: [String: [Double]] = [:]
        for t in plan.courierTimetable where times[t.courier] == nil { times[t.courier] = t.departs.sorted() }
        return logistics.couriers.fleet.map { c in
            var c = c
            if let t = times[c.id] { c.mode = .fixed(t) }
            return c
        }
    }

    /// The door-to-door teams as `plan` sends them: the plan's start and list replace a team's.
    public func doorToDoorTeams(under plan: Plan) -> [DoorToDoorTeam] {
        guard !plan.doorToDoorLists.isEmpty else { return logistics.doorToDoor.teams }
        var lists: [String: DoorToDoorList] = [:]
        for l in plan.doorToDoorLists where lists[l.team] == nil { lists[l.team] = l }
        return logistics.doorToDoor.teams.map { t in
            var t = t
            if let l = lists[t.id] { t.start = l.start; t.buildings = l.buildings }
            return t
        }
    }
}
