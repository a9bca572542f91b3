/// One problem with a plan: where it is, as a key path from the plan's root the way a plan file
/// spells it (`call_ups[3].site`), and what is wrong with what would fix it.
public struct PlanProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var keyPath: String
    public var message: String
    public init(_ keyPath: String, _ message: String) { self.keyPath = keyPath; self.message = message }
    public var description: String { keyPath.isEmpty ? message : "\(keyPath): \(message)" }
}

/// All the problems of a plan, thrown by `PlanCheck.check`.
public struct PlanProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [PlanProblem]
    public init(problems: [PlanProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// A plan that passed every plan rule for its scenario: the only kind the simulation takes.
public struct CheckedPlan: Sendable {
    public let scenario: Scenario
    public let plan: Plan
    fileprivate init(scenario: Scenario, plan: Plan) { self.scenario = scenario; self.plan = plan }
}

/// The plan rules, as functions of (scenario, plan): known buildings and sites, windows inside
/// the round, every floor of every building called exactly once and only to a site that some
/// swab team staffs and residents can walk to, staffing within what each site holds and what
/// staff there is, one role per worker at a time, an escort for every door-to-door team. A plan
/// read from a file and the same plan built in code get the same problems; the loader puts
/// each at its `file:line:column`.
///
///     let checked = try PlanCheck.check(scenario, plan)
public enum PlanCheck {
    public static func check(_ s: Scenario, _ plan: Plan) throws -> CheckedPlan {
        let found = problems(s, plan)
        guard found.isEmpty else { throw PlanProblems(problems: found) }
        return CheckedPlan(scenario: s, plan: plan)
    }

    public static func problems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        // Drops first: where teams work decides which sites call-ups may use.
        var out = dropProblems(s, plan)
        guard out.isEmpty else { return out }
        // One roster for every rule that asks where teams work.
        let roster = TeamRoster(scenario: s, plan: plan)
        // A handover that names no valid station leaves its relief a station of its own, so
        // its problem comes before the stations count.
        out += handoverProblems(s, plan, roster)
        if out.isEmpty { out += slotProblems(s, roster) }
        out += breakProblems(s, plan, roster)
        out += courierProblems(s, plan)
        out += doorToDoorProblems(s, plan)
        out += callUpProblems(s, plan, staffed: roster.slotsPerSite)
        out += staffingProblems(s, plan)
        out += roleProblems(s, plan)
        out += deskMoveProblems(s, plan)
        // A street's communities keep their own workers: each community's plan was checked
        // against its own staff when loaded, not the street's pool.
        if out.isEmpty && s.communities.isEmpty {
            if let m = registrationStaffProblem(s, plan) { out.append(PlanProblem("staffing", m)) }
            if let m = doorToDoorEscortProblem(s, plan) { out.append(PlanProblem("roles", m)) }
        }
        return out
    }

    /// The call-up rules: each call-up's own, then every floor called exactly once.
    public static func callUpProblems(_ s: Scenario, _ plan: Plan, staffed known: [Int]? = nil) -> [PlanProblem] {
        var out: [PlanProblem] = []
        // floorCalls[building][floor - 1] = index of the call-up that calls it
        var floorCalls: [[Int?]] = s.buildings.map { Array(repeating: nil, count: $0.floors) }
        let staffed = known ?? TeamRoster(scenario: s, plan: plan).slotsPerSite
        for (i, c) in plan.callUps.enumerated() {
            if let p = ownProblem(s, c, index: i, staffed: staffed) { out.append(contentsOf: p); continue }
            let bi = s.buildingIndex(c.building)!, b = s.buildings[bi]
            for floor in c.floors ?? 1...b.floors {
                if let other = floorCalls[bi][floor - 1] {
                    out.append(PlanProblem("call_ups[\(i)]", "floor \(floor) of building `\(b.id)` is already called by call_ups[\(other)]; call each floor once"))
                    break
                }
                floorCalls[bi][floor - 1] = i
            }
        }
        guard out.isEmpty else { return out }
        for (bi, b) in s.buildings.enumerated() where b.residents > s.doorToDoorResidents(b) {
            let missing = floorCalls[bi].indices.filter { floorCalls[bi][$0] == nil }.map { $0 + 1 }
            guard !missing.isEmpty else { continue }
            let what = missing.count == b.floors ? "building `\(b.id)` is not called" : "floors \(ranges(missing)) of building `\(b.id)` are not called"
            out.append(PlanProblem("call_ups", what + "; every resident must be called once (add a call-up for them)"))
        }
        return out
    }

    /// The rules of one call-up that do not depend on the others: known building and site, a
    /// window inside the round, a site residents can walk to and some team staffs, floors
    /// inside the building. `staffed` is stations staffed at some time, per site.
    public static func ownProblem(_ s: Scenario, _ c: CallUp, index i: Int, staffed: [Int]) -> [PlanProblem]? {
        let p = "call_ups[\(i)]"
        let bi = s.buildingIndex(c.building), si = s.siteIndex(c.site)
        var out: [PlanProblem] = []
        if bi == nil { out.append(PlanProblem(p + ".building", "unknown building `\(c.building)`" + suggestion(c.building, s.buildings.map(\.id)))) }
        if si == nil { out.append(PlanProblem(p + ".site", "unknown site `\(c.site)`; known sites: " + KnownIDs(s.sites.map(\.id)).joined(separator: ", "))) }
        guard let bi, let si else { return out }
        guard c.window.end > c.window.start else {
            return [PlanProblem(p + ".window", "window `\(c.window.description)` ends before it starts; expected the end after the start")]
        }
        if c.window.start < s.round.opening || c.window.end > s.round.deadline {
            return [PlanProblem(p + ".window", "window \(c.window.description) is outside the round \(s.round.window.description)")]
        }
        let b = s.buildings[bi], site = s.sites[si]
        guard let walk = s.walkingSeconds(building: b, site: site) else {
            return [PlanProblem(p + ".site", "no walking time from building `\(b.id)` to site `\(site.id)`; add it to the building's `walk_minutes` or give both coordinates")]
        }
        if walk > Limits.maxMinutes * 60 {
            return [PlanProblem(p + ".site", "site `\(site.id)` is \(Int((walk / 60).rounded())) minutes' walk from building `\(b.id)`, more than a day; call the building to a nearer site")]
        }
        if staffed[si] == 0 {
            return [PlanProblem(p + ".site", "no swab team works at site `\(site.id)` at any time (no cohort's route stops there), so these residents would never be swabbed; call them to a site on a cohort's route or add `\(site.id)` to a route")]
        }
        if let f = c.floors, f.lowerBound < 1 || f.upperBound > b.floors {
            let text = f.lowerBound == f.upperBound ? "\(f.lowerBound)" : "\(f.lowerBound)-\(f.upperBound)"
            return [PlanProblem(p + ".floors", "floors \(text) are outside building `\(b.id)`, which has floors 1-\(b.floors)")]
        }
        return nil
    }

    /// Each cohort dropped once, at known sites, each site once, all its teams, no more teams
    /// at a site at a time than it has stations.
    static func dropProblems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        var out: [PlanProblem] = []
        var seen: [String: Int] = [:]
        let cohorts = Dictionary(s.staff.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, d) in plan.drops.enumerated() {
            let p = "drops[\(i)]"
            guard let cohort = cohorts[d.cohort] else {
                out.append(PlanProblem(p + ".cohort", "unknown cohort `\(d.cohort)`; known cohorts: " + KnownIDs(s.staff.cohorts.map(\.id)).joined(separator: ", "))); continue
            }
            if let other = seen[d.cohort] {
                out.append(PlanProblem(p + ".cohort", "cohort `\(d.cohort)` is already dropped by drops[\(other)]; give each cohort's stops once")); continue
            }
            seen[d.cohort] = i
            var sites = Set<String>()
            var bad = false
            for (k, stop) in d.route.enumerated() {
                let q = p + ".route[\(k)]"
                if s.siteIndex(stop.site) == nil {
                    out.append(PlanProblem(q + ".site", "unknown site `\(stop.site)`; known sites: " + KnownIDs(s.sites.map(\.id)).joined(separator: ", "))); bad = true
                } else if !sites.insert(stop.site).inserted {
                    out.append(PlanProblem(q + ".site", "site `\(stop.site)` appears twice on this route; drop all its teams at one stop")); bad = true
                } else if stop.teams < 1 || stop.travelSeconds < 0 || stop.travelSeconds > Limits.maxMinutes * 60 {
                    out.append(PlanProblem(q, "a stop drops at least one team after 0 to \(Int(Limits.maxMinutes)) minutes' travel")); bad = true
                }
            }
            let dropped = d.route.reduce(0) { $0 + $1.teams }
            if !bad && dropped != cohort.teams {
                out.append(PlanProblem(p + ".route", "the route drops \(dropped) teams but cohort `\(cohort.id)` has \(cohort.teams); make the stops' `teams` add up to its `teams`"))
            }
        }
        return out
    }

    /// No more teams at a site at a time than it has stations (drops can move teams there).
    static func slotProblems(_ s: Scenario, _ roster: TeamRoster) -> [PlanProblem] {
        s.sites.indices.filter { roster.slotsPerSite[$0] > s.sites[$0].swabStations }.map { i in
            PlanProblem("drops", "the drops put \(roster.slotsPerSite[i]) teams at a time at site `\(s.sites[i].id)`, which has \(s.sites[i].swabStations) swab stations; drop fewer teams there")
        }
    }

    /// Planned breaks: a known team, inside its shift, each within its standing limit of when
    /// it started work (or came back from the last break), in order.
    static func breakProblems(_ s: Scenario, _ plan: Plan, _ roster: TeamRoster) -> [PlanProblem] {
        guard !plan.breaks.isEmpty else { return [] }
        var out: [PlanProblem] = []
        var last: [String: Double] = [:] // when each team is back from its previous planned break
        let cohorts = Dictionary(s.staff.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, b) in plan.breaks.enumerated() {
            let p = "breaks[\(i)]"
            let key = "\(b.cohort)|\(b.team)"
            guard let cohort = cohorts[b.cohort] else {
                out.append(PlanProblem(p + ".cohort", "unknown cohort `\(b.cohort)`; known cohorts: " + KnownIDs(s.staff.cohorts.map(\.id)).joined(separator: ", "))); continue
            }
            guard let t = roster.index(cohort: b.cohort, number: b.team).map({ roster.teams[$0] }) else {
                out.append(PlanProblem(p + ".team", "cohort `\(cohort.id)` has teams 1 to \(cohort.teams); team \(b.team) does not exist")); continue
            }
            let from = last[key] ?? t.readyAt
            guard b.at >= from && b.at < t.shiftEnd else {
                out.append(PlanProblem(p + ".at", "\(ClockTime.format(b.at)) is outside the team's working time \(ClockTime.format(from))-\(ClockTime.format(t.shiftEnd)) (from when it is ready, or back from its previous break, to its shift end); list a team's breaks in time order")); continue
            }
            if b.at - from > t.standingLimitSeconds {
                out.append(PlanProblem(p + ".at", "\(ClockTime.format(b.at)) is \(Int(((b.at - from) / 60).rounded())) minutes after the team started at \(ClockTime.format(from)), past its standing limit of \(Int((t.standingLimitSeconds / 60).rounded())) minutes; plan the break by \(ClockTime.format(from + t.standingLimitSeconds))")); continue
            }
            last[key] = b.at + t.breakSeconds
        }
        return out
    }

    /// Handovers: a team of a relief cohort, once, taking over a team of the cohort it relieves
    /// that no other relief takes over, at the site both are dropped at.
    static func handoverProblems(_ s: Scenario, _ plan: Plan, _ roster: TeamRoster) -> [PlanProblem] {
        guard !plan.handovers.isEmpty else { return [] }
        var out: [PlanProblem] = []
        let cohorts = Dictionary(s.staff.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var reliefSeen: [String: Int] = [:], relievedSeen: [String: Int] = [:]
        for (i, h) in plan.handovers.enumerated() {
            let p = "handovers[\(i)]"
            guard let cohort = cohorts[h.cohort] else {
                out.append(PlanProblem(p + ".cohort", "unknown cohort `\(h.cohort)`; known cohorts: " + KnownIDs(s.staff.cohorts.map(\.id)).joined(separator: ", "))); continue
            }
            guard let relievedID = cohort.relieves, let relievedCohort = cohorts[relievedID] else {
                let reliefs = s.staff.cohorts.filter { $0.relieves != nil }.map(\.id)
                out.append(PlanProblem(p + ".cohort", "cohort `\(h.cohort)` relieves no cohort; a handover names a team of a relief cohort (" + (reliefs.isEmpty ? "the scenario has none: give a cohort `relieves`" : "here: " + reliefs.joined(separator: ", ")) + ")")); continue
            }
            guard let relief = roster.index(cohort: h.cohort, number: h.team).map({ roster.teams[$0] }) else {
                out.append(PlanProblem(p + ".team", "cohort `\(h.cohort)` has teams 1 to \(cohort.teams); team \(h.team) does not exist")); continue
            }
            guard let relieved = roster.index(cohort: relievedID, number: h.relieves).map({ roster.teams[$0] }) else {
                out.append(PlanProblem(p + ".relieves", "cohort `\(relievedID)` (which `\(h.cohort)` relieves) has teams 1 to \(relievedCohort.teams); team \(h.relieves) does not exist")); continue
            }
            if let other = reliefSeen["\(h.cohort)|\(h.team)"] {
                out.append(PlanProblem(p + ".team", "team \(h.team) of `\(h.cohort)` already takes over a station in handovers[\(other)]; a team relieves one team")); continue
            }
            if let other = relievedSeen["\(relievedID)|\(h.relieves)"] {
                out.append(PlanProblem(p + ".relieves", "team \(h.relieves) of `\(relievedID)` is already relieved in handovers[\(other)]; one relief per team")); continue
            }
            reliefSeen["\(h.cohort)|\(h.team)"] = i
            relievedSeen["\(relievedID)|\(h.relieves)"] = i
            if relief.site != relieved.site {
                out.append(PlanProblem(p + ".relieves", "team \(h.team) of `\(h.cohort)` is dropped at site `\(s.sites[relief.site].id)` but team \(h.relieves) of `\(relievedID)` works at `\(s.sites[relieved.site].id)`; a relief takes over a station at the site it is dropped at"))
            }
        }
        return out
    }

    /// A courier timetable names a courier of the fleet once, with departures (at most one a
    /// minute).
    static func courierProblems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        var out: [PlanProblem] = []
        let fleet = KnownIDs(s.logistics.couriers.fleet.map(\.id))
        var seen: [String: Int] = [:]
        for (i, c) in plan.courierTimetable.enumerated() {
            let p = "couriers[\(i)]"
            guard fleet.contains(c.courier) else {
                out.append(PlanProblem(p + ".courier", "unknown courier `\(c.courier)`; the scenario's couriers: " + (fleet.count == 0 ? "none (add `couriers` to the scenario)" : fleet.joined(separator: ", ")))); continue
            }
            if let other = seen[c.courier] {
                out.append(PlanProblem(p + ".courier", "courier `\(c.courier)` already has a timetable in couriers[\(other)]; give each courier's departures once")); continue
            }
            seen[c.courier] = i
            if c.departs.isEmpty || c.departs.count > Limits.maxDepartures || c.departs.contains(where: { !(0...86_400).contains($0) }) {
                out.append(PlanProblem(p + ".departs", "give 1 to \(Limits.maxDepartures) departures, clock times of the day"))
            }
        }
        return out
    }

    /// Door-to-door lists: a known team once, known buildings, a start before the team's end,
    /// and every building with households to swab at home visited by exactly one team.
    static func doorToDoorProblems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        guard !plan.doorToDoorLists.isEmpty else { return [] }
        var out: [PlanProblem] = []
        let teams = Dictionary(s.logistics.doorToDoor.teams.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: Int] = [:]
        for (i, l) in plan.doorToDoorLists.enumerated() {
            let p = "door_to_door[\(i)]"
            guard let team = teams[l.team] else {
                out.append(PlanProblem(p + ".team", "unknown door-to-door team `\(l.team)`; the scenario's teams: " + (teams.isEmpty ? "none (add `door_to_door` to the scenario)" : KnownIDs(s.logistics.doorToDoor.teams.map(\.id)).joined(separator: ", ")))); continue
            }
            if let other = seen[l.team] {
                out.append(PlanProblem(p + ".team", "team `\(l.team)` already has a list in door_to_door[\(other)]; give each team's list once")); continue
            }
            seen[l.team] = i
            if l.start >= team.end {
                out.append(PlanProblem(p + ".start", "the team's start \(ClockTime.format(l.start)) is not before its end \(ClockTime.format(team.end))")); continue
            }
            if l.buildings.isEmpty { out.append(PlanProblem(p + ".buildings", "expected at least one building")); continue }
            for (k, b) in l.buildings.enumerated() where s.buildingIndex(b) == nil {
                out.append(PlanProblem(p + ".buildings[\(k)]", "unknown building `\(b)`" + suggestion(b, s.buildings.map(\.id))))
            }
        }
        guard out.isEmpty else { return out }
        var visitedBy: [String: String] = [:]
        for team in s.doorToDoorTeams(under: plan) {
            for b in team.buildings {
                if let other = visitedBy[b] {
                    let i = plan.doorToDoorLists.firstIndex { $0.team == team.id || $0.team == other } ?? 0
                    out.append(PlanProblem("door_to_door[\(i)].buildings", "building `\(b)` is visited by door-to-door teams `\(other)` and `\(team.id)`; one team per building"))
                }
                visitedBy[b] = team.id
            }
        }
        for b in s.buildings where s.doorToDoorHouseholds(b) > 0 && visitedBy[b.id] == nil {
            out.append(PlanProblem("door_to_door", "building `\(b.id)` has households to swab at home but no door-to-door team visits it; add it to a team's `buildings`"))
        }
        return out
    }

    static func staffingProblems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        var out: [PlanProblem] = []
        var ofSite: [String: [Int]] = [:]
        for (i, st) in plan.staffing.enumerated() {
            let p = "staffing[\(i)]"
            guard let si = s.siteIndex(st.site) else {
                out.append(PlanProblem(p + ".site", "unknown site `\(st.site)`; known sites: " + KnownIDs(s.sites.map(\.id)).joined(separator: ", "))); continue
            }
            let site = s.sites[si]
            var bad = false
            for (key, v, most) in [("desks", st.desks, site.registrationDesks), ("stations", st.stations, site.swabStations)] where v < 0 || v > most {
                out.append(PlanProblem(p + "." + key, "\(v) is out of range; expected a whole number from 0 to \(most)")); bad = true
            }
            if bad { continue }
            guard st.period.end > st.period.start else {
                out.append(PlanProblem(p + ".period", "window `\(st.period.description)` ends before it starts; expected the end after the start")); continue
            }
            if st.period.start < s.round.opening || st.period.end > s.round.deadline {
                out.append(PlanProblem(p + ".period", "period \(st.period.description) is outside the round \(s.round.window.description)")); continue
            }
            if let clash = ofSite[st.site]?.first(where: { plan.staffing[$0].period.overlaps(st.period) }) {
                out.append(PlanProblem(p + ".period", "period \(st.period.description) overlaps staffing[\(clash)] of the same site; periods of one site must not overlap")); continue
            }
            ofSite[st.site, default: []].append(i)
        }
        return out
    }

    static func roleProblems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        var out: [PlanProblem] = []
        let workers = Set(s.workerIDs)
        var ofWorker: [String: [Int]] = [:]
        for (i, r) in plan.roles.enumerated() {
            let p = "roles[\(i)]"
            guard workers.contains(r.worker) else {
                out.append(PlanProblem(p + ".worker", "unknown worker `\(r.worker)`; the \(workers.count) community workers are W1 to W\(workers.count)")); continue
            }
            if r.role == .registration || r.role == .marshal {
                guard let site = r.site, s.siteIndex(site) != nil else {
                    out.append(PlanProblem(p + ".site", "a \(r.role.rawValue) role needs the `site` it works at; known sites: " + KnownIDs(s.sites.map(\.id)).joined(separator: ", "))); continue
                }
            }
            guard r.period.end > r.period.start else {
                out.append(PlanProblem(p + ".period", "window `\(r.period.description)` ends before it starts; expected the end after the start")); continue
            }
            if let clash = ofWorker[r.worker]?.first(where: { plan.roles[$0].period.overlaps(r.period) }) {
                let other = plan.roles[clash]
                out.append(PlanProblem(p + ".period", "worker \(r.worker) already has a role (\(other.role.rawValue)) in \(other.period.description); a worker cannot be in two places")); continue
            }
            ofWorker[r.worker, default: []].append(i)
        }
        return out
    }

    /// Each desk move names a site to go to and a site (or the data desk) to come from, at a
    /// clock time in the round, and takes no more people than `from` has then: its desks open
    /// at that time (the plan's staffing, with earlier moves), or its workers on the data desk.
    static func deskMoveProblems(_ s: Scenario, _ plan: Plan) -> [PlanProblem] {
        var out: [PlanProblem] = []
        let known = KnownIDs(s.sites.map(\.id)).joined(separator: ", ")
        var done: [DeskMove] = []
        for (i, m) in plan.deskMoves.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }) {
            let p = "desk_moves[\(i)]"
            guard let to = s.siteIndex(m.to) else {
                out.append(PlanProblem(p + ".to", "unknown site `\(m.to)`; known sites: " + known)); continue
            }
            guard m.fromDataDesk || s.siteIndex(m.from) != nil else {
                out.append(PlanProblem(p + ".from", "unknown site `\(m.from)`; expected a site (\(known)) or `\(DeskMove.dataDesk)`")); continue
            }
            guard m.from != m.to else {
                out.append(PlanProblem(p + ".from", "`from` and `to` are both `\(m.to)`; a move takes people from one site to another")); continue
            }
            guard m.at >= s.round.opening && m.at < s.round.deadline else {
                out.append(PlanProblem(p + ".at", "\(ClockTime.format(m.at)) is outside the round \(s.round.window.description)")); continue
            }
            let most = s.sites[to].registrationDesks
            guard m.desks <= most else {
                out.append(PlanProblem(p + ".desks", "\(m.desks) desks; site `\(m.to)` has \(most) registration desks, so at most \(most) can open there")); continue
            }
            let moved = { (site: String) in done.reduce(0) { $0 + ($1.to == site ? $1.desks : 0) - ($1.from == site ? $1.desks : 0) } }
            if m.fromDataDesk {
                let free = s.dataDeskWorkers(at: m.at, plan: plan) + moved(DeskMove.dataDesk)
                if free <= 0 {
                    out.append(PlanProblem(p + ".desks", "\(m.desks) people from the data desk at \(ClockTime.format(m.at)), but no one works it then; send people from a site instead")); continue
                }
                if m.desks > free {
                    out.append(PlanProblem(p + ".desks", "\(m.desks) people from the data desk at \(ClockTime.format(m.at)), but \(free) \(free == 1 ? "works" : "work") it then; move at most \(free)")); continue
                }
            } else {
                let open = min(s.sites[s.siteIndex(m.from)!].registrationDesks, max(0, s.desksOpen(site: m.from, at: m.at, plan: plan) + moved(m.from)))
                if m.desks > open {
                    out.append(PlanProblem(p + ".desks", "\(m.desks) people from site `\(m.from)` at \(ClockTime.format(m.at)), but it has \(open) desks open then; move at most \(open)")); continue
                }
            }
            done.append(m)
        }
        return out
    }

    /// Desks open at one moment across all sites must not exceed the people who can run them.
    /// A sweep over the moments where either changes: linear in staffing entries and roles.
    static func registrationStaffProblem(_ s: Scenario, _ plan: Plan) -> String? {
        var deskChange: [Double: Int] = [:], peopleChange: [Double: Int] = [:]
        for st in plan.staffing {
            guard let si = s.siteIndex(st.site) else { continue }
            let delta = st.desks - s.sites[si].registrationDesks
            deskChange[st.period.start, default: 0] += delta
            deskChange[st.period.end, default: 0] -= delta
        }
        for role in plan.roles where role.role == .registration {
            peopleChange[role.period.start, default: 0] += 1
            peopleChange[role.period.end, default: 0] -= 1
        }
        var desks = s.sites.reduce(0) { $0 + $1.registrationDesks }
        var workers = plan.roles.isEmpty ? s.staff.communityWorkers : 0
        var moments = Set(deskChange.keys).union(peopleChange.keys)
        moments.insert(s.round.opening)
        for t in moments.sorted() {
            desks += deskChange[t] ?? 0
            workers += plan.roles.isEmpty ? 0 : (peopleChange[t] ?? 0)
            guard t >= s.round.opening && t < s.round.deadline else { continue }
            let people = s.staff.registrars + workers
            if desks > people {
                let who = plan.roles.isEmpty ? "registrars and community workers" : "registrars and workers in the registration role"
                return "\(desks) registration desks are open at \(ClockTime.format(t)) but there are \(people) \(who); add `staffing` to the plan or more staff"
            }
        }
        return nil
    }

    /// With roles in the plan, every door-to-door team has a community worker with the
    /// door-to-door role beside its swabber when it sets out (a team is the two of them).
    /// Checked when teams start, not to their latest `end`: a team stops when its list is done.
    static func doorToDoorEscortProblem(_ s: Scenario, _ plan: Plan) -> String? {
        let teams = s.doorToDoorTeams(under: plan)
        guard !plan.roles.isEmpty, !teams.isEmpty else { return nil }
        for t in Set(teams.map(\.start)).sorted() {
            let working = teams.filter { $0.start <= t && t < $0.end }
            let escorts = plan.roles.filter { $0.role == .doorToDoor && $0.period.contains(t) }.count
            if working.count > escorts {
                let teamsText = working.count == 1 ? "1 door-to-door team (\(working[0].id)) is" : "\(working.count) door-to-door teams (\(working.map(\.id).joined(separator: ", "))) are"
                let escortsText = escorts == 1 ? "1 worker has" : "\(escorts) workers have"
                return "\(teamsText) out at \(ClockTime.format(t)) but \(escortsText) the door_to_door role then; give \(working.count - escorts == 1 ? "another worker" : "\(working.count - escorts) more workers") the door_to_door role from \(ClockTime.format(t)) (each team is a swabber and a community worker)"
            }
        }
        return nil
    }

    static func ranges(_ xs: [Int]) -> String {
        var out: [String] = []
        var i = 0
        while i < xs.count {
            var j = i
            while j + 1 < xs.count && xs[j + 1] == xs[j] + 1 { j += 1 }
            out.append(i == j ? "\(xs[i])" : "\(xs[i])-\(xs[j])")
            i = j + 1
        }
        return out.joined(separator: ", ")
    }

    static func suggestion(_ id: String, _ known: [String]) -> String {
        if let near = YAMLReader.closest(id, in: known) { return "; did you mean `\(near)`?" }
        return known.count <= 12 ? "; known: " + known.joined(separator: ", ") : ""
    }
}
