
extension ScenarioLoader {
    /// Reads a plan mapping (`call_ups`, `staffing`, `roles`): the shape and types of each entry
    /// here, with positions; then the plan rules on the value (`PlanCheck`), whose key paths are
    /// turned back into positions in the file.
    static func readPlan(_ r: YAMLReader, _ node: Node, _ path: String, scenario s: Scenario, origin: String) -> Plan? {
        guard let f = r.mapping(node, path, required: ["call_ups"], optional: ["name", "staffing", "roles", "drops", "breaks", "handovers", "couriers", "door_to_door", "desk_moves"]) else { return nil }
        let errorsBefore = r.errors.count
        var calls: [CallUp] = []
        var positions: [SourcePosition] = []
        for (n, p) in f.list("call_ups") ?? [] {
            guard let c = r.mapping(n, p, required: ["building", "site", "window"], optional: ["floors", "pinned"]) else { continue }
            let building = c.identifier("building"), site = c.identifier("site"), window = c.window("window")
            let floors = c["floors"].map { readFloors(r, $0, c.path("floors")) }
            var pinned = false
            if let node = c["pinned"] {
                switch node.string { case "true": pinned = true; case "false": pinned = false
                default: r.fail(node, c.path("pinned"), "expected true or false, found `\(node.string ?? "?")`") }
            }
            guard let building, let site, let window, floors != .some(nil) else { continue }
            calls.append(CallUp(building: building, floors: floors ?? nil, site: site, window: window, pinned: pinned))
            let mark = n.mark
            positions.append(SourcePosition(file: r.file, line: mark?.line ?? 1, column: r.displayColumn(mark?.line ?? 1, mark?.column ?? 1)))
        }
        var staffing: [Staffing] = []
        for (n, p) in f.list("staffing") ?? [] {
            guard let c = r.mapping(n, p, required: ["site", "period", "desks", "stations"]),
                  let site = c.identifier("site"), let period = c.window("period"),
                  let desks = c.int("desks", max: 10_000), let stations = c.int("stations", max: 10_000) else { continue }
            staffing.append(Staffing(site: site, period: period, desks: desks, stations: stations))
        }
        var roles: [RoleAssignment] = []
        for (n, p) in f.list("roles") ?? [] {
            guard let g = r.mapping(n, p, required: ["worker", "period", "role"], optional: ["site"]),
                  let worker = g.identifier("worker"), let period = g.window("period"), let roleName = g.string("role") else { continue }
            guard let role = WorkerRole(rawValue: roleName) else {
                r.fail(g["role"], g.path("role"), "unknown role `\(roleName)`; expected one of: " + WorkerRole.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            let site = g["site"] == nil ? nil : g.identifier("site")
            if g["site"] != nil && site == nil { continue }
            roles.append(RoleAssignment(worker: worker, period: period, role: role, site: site))
        }
        var drops: [CohortDrops] = []
        for (n, p) in f.list("drops") ?? [] {
            guard let g = r.mapping(n, p, required: ["cohort", "route"]), let cohort = g.identifier("cohort") else { continue }
            var route: [RouteStop] = []
            var complete = true
            for (sn, sp) in g.list("route", nonEmpty: true) ?? [] {
                guard let stop = r.mapping(sn, sp, required: ["site", "travel_minutes", "teams"]),
                      let site = stop.identifier("site"), let travel = stop.minutes("travel_minutes"),
                      let teams = stop.int("teams", min: 1, max: 10_000) else { complete = false; continue }
                route.append(RouteStop(site: site, travelSeconds: travel, teams: teams))
            }
            if complete && !route.isEmpty { drops.append(CohortDrops(cohort: cohort, route: route)) }
        }
        var breaks: [PlannedBreak] = []
        for (n, p) in f.list("breaks") ?? [] {
            guard let g = r.mapping(n, p, required: ["cohort", "team", "at"]), let cohort = g.identifier("cohort"),
                  let team = g.int("team", min: 1, max: 10_000), let at = g.clock("at") else { continue }
            breaks.append(PlannedBreak(cohort: cohort, team: team, at: at))
        }
        var handovers: [Handover] = []
        for (n, p) in f.list("handovers") ?? [] {
            guard let g = r.mapping(n, p, required: ["cohort", "team", "relieves"]), let cohort = g.identifier("cohort"),
                  let team = g.int("team", min: 1, max: 10_000), let relieves = g.int("relieves", min: 1, max: 10_000) else { continue }
            handovers.append(Handover(cohort: cohort, team: team, relieves: relieves))
        }
        var timetable: [CourierDepartures] = []
        for (n, p) in f.list("couriers") ?? [] {
            guard let g = r.mapping(n, p, required: ["courier", "departs"]), let courier = g.identifier("courier"),
                  let list = g.list("departs", nonEmpty: true) else { continue }
            guard list.count <= Limits.maxDepartures else {
                r.fail(g["departs"], g.path("departs"), "\(list.count) departures; give at most \(Limits.maxDepartures) (one a minute)"); continue
            }
            let times = list.compactMap { r.clock($0.0, $0.1) }
            if times.count == list.count { timetable.append(CourierDepartures(courier: courier, departs: times)) }
        }
        var lists: [DoorToDoorList] = []
        for (n, p) in f.list("door_to_door") ?? [] {
            guard let g = r.mapping(n, p, required: ["team", "start", "buildings"]), let team = g.identifier("team"),
                  let start = g.clock("start"), let items = g.list("buildings", nonEmpty: true) else { continue }
            let buildings = items.compactMap { r.identifier($0.0, $0.1) }
            if buildings.count == items.count { lists.append(DoorToDoorList(team: team, start: start, buildings: buildings)) }
        }
        var deskMoves: [DeskMove] = []
        for (n, p) in f.list("desk_moves") ?? [] {
            guard let g = r.mapping(n, p, required: ["at", "from", "to", "desks"]), let at = g.clock("at"),
                  let from = g.identifier("from"), let to = g.identifier("to"),
                  let desks = g.int("desks", min: 1, max: 100) else { continue }
            deskMoves.append(DeskMove(at: at, from: from, to: to, desks: desks))
        }
        guard r.errors.count == errorsBefore else { return nil }
        var plan = Plan(callUps: calls, staffing: staffing, roles: roles, origin: origin, name: f.string("name"))
        plan.callUpPositions = positions
        plan.drops = drops
        plan.breaks = breaks
        plan.handovers = handovers
        plan.courierTimetable = timetable
        plan.doorToDoorLists = lists
        plan.deskMoves = deskMoves
        for problem in PlanCheck.problems(s, plan) {
            let full = r.join(path, problem.keyPath)
            r.fail(r.node(at: problem.keyPath, in: node), full, problem.message)
        }
        return r.errors.count == errorsBefore ? plan : nil
    }

    /// `3`, `"1-6"` -> a floor range (whether the building has those floors is a plan rule).
    static func readFloors(_ r: YAMLReader, _ node: Node, _ path: String) -> ClosedRange<Int>? {
        guard let text = r.string(node, path) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int(String($0).trimmingSpaces) }
        var range: ClosedRange<Int>?
        if parts.count == 1, let a = parts[0] { range = a...a }
        if parts.count == 2, let a = parts[0], let c = parts[1], a <= c { range = a...c }
        guard let range else {
            r.fail(node, path, "`\(text)` is not a floor range; expected a floor such as 3 or a range such as \"1-6\"")
            return nil
        }
        return range
    }

    static func suggestion(_ id: String, _ known: [String]) -> String { PlanCheck.suggestion(id, known) }
}

extension YAMLReader {
    /// The node a key path names (`call_ups[3].site`) under `root`; where the path goes past
    /// what the file has (a key left out), the deepest node it reaches.
    func node(at keyPath: String, in root: Node) -> Node {
        var node = root
        for component in keyPath.split(separator: ".") {
            var part = Substring(component)
            var key = part
            if let bracket = part.firstIndex(of: "[") { key = part[..<bracket]; part = part[bracket...] } else { part = "" }
            if !key.isEmpty {
                guard case .mapping(let m) = node, let next = m[String(key)] else { return node }
                node = next
            }
            while part.hasPrefix("["), let close = part.firstIndex(of: "]"), let i = Int(part[part.index(after: part.startIndex)..<close]) {
                guard case .sequence(let items) = node, i >= 0, i < items.count else { return node }
                node = items[i]
                part = part[part.index(after: close)...]
            }
        }
        return node
    }
}
