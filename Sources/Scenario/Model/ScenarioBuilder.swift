/// A scenario built in code, with the file format's defaults, for tests and studies:
///
///     var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
///     b.site("S1", desks: 2, stations: 2)
///     b.building("B1", residents: 120, floors: 6, walk: ["S1": 3])
///     b.cohort("morning", departs: "06:30", drops: [("S1", 2)], shiftEnd: "10:00")
///     let scenario = b.scenario
///
/// Like a file, it must be checked before it is simulated (`PlanCheck`); the builder does not
/// validate.
public struct ScenarioBuilder {
    public private(set) var scenario: Scenario

    public init(name: String = "built in code", date: String = "2022-05-06", opening: String, deadline: String) {
        let round = Round(date: date, opening: ClockTime.parse(opening)!, deadline: ClockTime.parse(deadline)!)
        scenario = Scenario(name: name, sourcePath: "(code)", round: round, compounds: [], buildings: [], sites: [],
                            walking: .standard, staff: Staff(cohorts: []), service: .standard,
                            arrivals: .standard(for: round), plan: nil, targets: [])
    }

    public mutating func site(_ id: String, desks: Int, stations: Int, cover: Cover = .none, at position: Point? = nil) {
        scenario.sites.append(Site(id: id, cover: cover, registrationDesks: desks, swabStations: stations, position: position))
    }

    public mutating func building(_ id: String, residents: Int, floors: Int = 1, lifts: Int = 0, elderlyShare: Double = 0,
                                  walk: [String: Double] = [:], at position: Point? = nil) {
        scenario.buildings.append(Building(id: id, residents: residents, floors: floors, lifts: lifts, elderlyShare: elderlyShare,
                                           position: position, walkMinutes: walk))
    }

    /// A cohort whose bus leaves the depot at `departs` and drops `teams` at each site in turn,
    /// `travel` minutes apart (the first leg from the depot).
    public mutating func cohort(_ id: String, departs: String, drops: [(site: String, teams: Int)], shiftEnd: String,
                                travel: Double = 0, setupMinutes: Double = 0, standingLimitMinutes: Double = 180,
                                breakMinutes: Double = 20, relieves: String? = nil) {
        cohort(id, departs: departs, route: drops.map { ($0.site, travel, $0.teams) }, shiftEnd: shiftEnd, setupMinutes: setupMinutes,
               standingLimitMinutes: standingLimitMinutes, breakMinutes: breakMinutes, relieves: relieves)
    }

    /// The same with each leg's own travel minutes (the first from the depot).
    public mutating func cohort(_ id: String, departs: String, route: [(site: String, travelMinutes: Double, teams: Int)], shiftEnd: String,
                                setupMinutes: Double = 0, standingLimitMinutes: Double = 180, breakMinutes: Double = 20,
                                relieves: String? = nil) {
        let stops = route.map { RouteStop(site: $0.site, travelSeconds: $0.travelMinutes * 60, teams: $0.teams) }
        scenario.staff.cohorts.append(Cohort(id: id, teams: route.reduce(0) { $0 + $1.teams }, departsDepot: ClockTime.parse(departs)!,
                                             route: stops, setupSeconds: setupMinutes * 60,
                                             standingLimitSeconds: standingLimitMinutes * 60, breakSeconds: breakMinutes * 60,
                                             shiftEnd: ClockTime.parse(shiftEnd)!, relieves: relieves))
    }

    public mutating func staff(registrars: Int, communityWorkers: Int = 0) {
        scenario.staff.registrars = registrars
        scenario.staff.communityWorkers = communityWorkers
    }

    public mutating func service(registration: ServiceTime, swab: ServiceTime) {
        scenario.service.registration = registration
        scenario.service.swab = swab
    }

    public mutating func arrivals(_ change: (inout Arrivals) -> Void) { change(&scenario.arrivals) }

    public mutating func target(_ metric: MetricName, atMost value: Double) {
        scenario.targets.append(Target(metric: metric, bound: .atMost, value: value))
    }

    /// A finish target: the last swab by this clock time ("HH:MM").
    public mutating func finish(by time: String) {
        target(.finishTimeMinutesAfterOpening, atMost: (ClockTime.parse(time)! - scenario.round.opening) / 60)
    }

    /// The scenario's own plan.
    public mutating func plan(_ callUps: [CallUp], origin: String = "code") {
        scenario.plan = Plan(callUps: callUps, origin: origin)
    }
}

extension ClockWindow {
    /// "HH:MM-HH:MM"; nil unless both times parse and the end is after the start.
    public static func parse(_ text: String) -> ClockWindow? {
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count == 2, let a = ClockTime.parse(parts[0]), let b = ClockTime.parse(parts[1]), b > a else { return nil }
        return ClockWindow(start: a, end: b)
    }
}
