/// Every swab team of the scenario with the station (slot) it works at and its timetable.
///
/// Teams of an ordinary cohort take new stations at each stop of their bus route. A relief
/// cohort's team takes over the station the plan's `handovers` name; a relief team the plan does
/// not name takes over the next station at its site that no handover claims, in the order the
/// relieved cohort dropped its teams there (extra relief teams open stations of their own).
public struct TeamRoster: Sendable {
    public struct Team: Sendable {
        public var cohort: Int
        public var site: Int
        /// Station index within the site.
        public var slot: Int
        public var arrivesAtSite: Double
        public var setupSeconds: Double
        public var standingLimitSeconds: Double
        public var breakSeconds: Double
        public var shiftEnd: Double
        /// The team this one relieves at its station, if any.
        public var relieves: Int?
        /// The team's number in its cohort (1-based, in drop order), as plans name it.
        public var number: Int
        /// The plan's break times for this team, in order.
        public var plannedBreaks: [Double]
        public var readyAt: Double { arrivesAtSite + setupSeconds }

        /// The breaks the team takes working from `readyAt` to `end` (its timetable, as the
        /// simulation runs it with no resident in hand): at each planned time, or when its
        /// standing limit comes first.
        public func breaks(until end: Double) -> [ClockWindow] {
            var out: [ClockWindow] = []
            var start = readyAt
            while true {
                var at = start + standingLimitSeconds
                if let planned = plannedBreaks.first(where: { $0 > start }), planned - start < standingLimitSeconds { at = planned }
                guard at < end else { return out }
                out.append(ClockWindow(start: at, end: at + breakSeconds))
                start = at + breakSeconds
            }
        }
    }

    public private(set) var teams: [Team] = []
    /// "cohort id|team number" -> index in `teams`, as plans name teams.
    private var byNumber: [String: Int] = [:]

    /// The index of team `number` of cohort `cohort` (as a plan names it), if there is one.
    public func index(cohort: String, number: Int) -> Int? { byNumber["\(cohort)|\(number)"] }
    /// Stations used per site (the highest slot index plus one).
    public private(set) var slotsPerSite: [Int]

    /// The teams of the scenario's cohorts, dropped where `plan` says (its `drops`), else along
    /// each cohort's route in the scenario.
    public init(scenario s: Scenario, plan: Plan? = nil) {
        var routes: [String: [RouteStop]] = [:]
        for d in plan?.drops ?? [] where routes[d.cohort] == nil { routes[d.cohort] = d.route }
        var breaks: [String: [Double]] = [:] // "cohort|number" -> times
        for b in plan?.breaks ?? [] { breaks["\(b.cohort)|\(b.team)", default: []].append(b.at) }
        var handovers: [String: Int] = [:] // "relief cohort|number" -> number of the team it relieves
        for h in plan?.handovers ?? [] where handovers["\(h.cohort)|\(h.team)"] == nil { handovers["\(h.cohort)|\(h.team)"] = h.relieves }
        slotsPerSite = Array(repeating: 0, count: s.sites.count)
        // Ordinary cohorts first, so relief cohorts find the stations they take over.
        var byCohortSite: [String: [Int]] = [:] // "cohort|site" -> team indices in drop order
        let order = s.staff.cohorts.indices.sorted { (s.staff.cohorts[$0].relieves == nil ? 0 : 1, $0) < (s.staff.cohorts[$1].relieves == nil ? 0 : 1, $1) }
        for ci in order {
            let c = s.staff.cohorts[ci]
            let route = routes[c.id] ?? c.route
            // The plan's handovers first: the teams they name are not free for the others.
            var named: [Int: Int] = [:] // number -> team index relieved
            if let relieved = c.relieves {
                var number = 0
                for stop in route {
                    for _ in 0..<stop.teams {
                        number += 1
                        if let m = handovers["\(c.id)|\(number)"], let t = byNumber["\(relieved)|\(m)"], s.sites[teams[t].site].id == stop.site {
                            named[number] = t
                        }
                    }
                }
            }
            let claimed = Set(named.values)
            var clock = c.departsDepot
            var number = 0
            for stop in route {
                clock += stop.travelSeconds
                guard let si = s.siteIndex(stop.site) else { continue }
                var free = (c.relieves.flatMap { byCohortSite[$0 + "|" + stop.site] } ?? []).filter { !claimed.contains($0) }[...]
                for _ in 0..<stop.teams {
                    number += 1
                    let slot: Int
                    var relieves: Int?
                    if let t = named[number] ?? (handovers["\(c.id)|\(number)"] == nil ? free.popFirst() : nil) {
                        relieves = t
                        slot = teams[t].slot
                    } else {
                        slot = slotsPerSite[si]
                        slotsPerSite[si] += 1
                    }
                    byCohortSite[c.id + "|" + stop.site, default: []].append(teams.count)
                    byNumber["\(c.id)|\(number)"] = teams.count
                    teams.append(Team(cohort: ci, site: si, slot: slot, arrivesAtSite: clock, setupSeconds: c.setupSeconds,
                                      standingLimitSeconds: c.standingLimitSeconds, breakSeconds: c.breakSeconds,
                                      shiftEnd: c.shiftEnd, relieves: relieves, number: number,
                                      plannedBreaks: (breaks["\(c.id)|\(number)"] ?? []).sorted()))
                }
            }
        }
    }

    /// The team that relieves each team, if any (the inverse of `Team.relieves`).
    public var relievedBy: [Int?] {
        var out = [Int?](repeating: nil, count: teams.count)
        for (t, team) in teams.enumerated() { if let r = team.relieves, out[r] == nil { out[r] = t } }
        return out
    }

    /// When each team's work ends as planned: its shift end, or when its relief is ready.
    public var workEnds: [Double] {
        var end = teams.map(\.shiftEnd)
        for team in teams { if let r = team.relieves { end[r] = min(end[r], team.readyAt) } }
        return end
    }

    /// "cohort team N", as rosters and sheets name a team.
    public func name(_ t: Int, _ s: Scenario) -> String { "\(s.staff.cohorts[teams[t].cohort].id) team \(teams[t].number)" }
}
extension Scenario {
    /// The staffing entry of `plan` covering time `t` at a site, if any.
    public func staffing(site: String, at t: Double, plan: Plan) -> Staffing? {
        plan.staffing.first { $0.site == site && $0.period.contains(t) }
    }

    /// Registration desks a site opens at time `t`: the plan's staffing, else every desk it has.
    public func desksOpen(site id: String, at t: Double, plan: Plan) -> Int {
        if let st = staffing(site: id, at: t, plan: plan) { return st.desks }
        return siteIndex(id).map { sites[$0].registrationDesks } ?? 0
    }

    /// Community workers on the data desk at time `t` under `plan`, before any desk move: those
    /// the plan's roles put there, or without roles every worker the opening's desks leave over
    /// once the registrars have taken theirs.
    public func dataDeskWorkers(at t: Double, plan: Plan) -> Int {
        if !plan.roles.isEmpty { return plan.roles.filter { $0.role == .dataDesk && $0.period.contains(t) }.count }
        let desks = sites.reduce(0) { $0 + desksOpen(site: $1.id, at: round.opening, plan: plan) }
        return max(0, staff.communityWorkers - max(0, desks - staff.registrars))
    }
}
