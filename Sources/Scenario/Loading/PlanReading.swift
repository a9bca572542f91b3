import Yams

extension ScenarioLoader {
    /// Reads a plan mapping (`call_ups`, `staffing`) and checks it against the scenario: known
    /// buildings and sites, windows inside the round, every floor of every building called
    /// exactly once, staffing within what each site holds and what staff there is.
    static func readPlan(_ r: YAMLReader, _ node: Node, _ path: String, scenario s: Scenario, origin: String) -> Plan? {
        guard let f = r.mapping(node, path, required: ["call_ups"], optional: ["name", "staffing", "roles"]) else { return nil }
        let errorsBefore = r.errors.count
        var calls: [CallUp] = []
        // floorCalls[building][floor - 1] = index of the call-up that calls it
        var floorCalls: [[Int?]] = s.buildings.map { Array(repeating: nil, count: $0.floors) }
        // Stations that some cohort staffs at some time, per site.
        let staffed = TeamRoster(scenario: s).slotsPerSite
        for (n, p) in f.list("call_ups") ?? [] {
            guard let c = r.mapping(n, p, required: ["building", "site", "window"], optional: ["floors"]) else { continue }
            let bid = c.identifier("building"), sid = c.identifier("site")
            let bi = bid.flatMap { s.buildingIndex($0) }
            let si = sid.flatMap { s.siteIndex($0) }
            if let bid, bi == nil {
                r.fail(c["building"], c.path("building"), "unknown building `\(bid)`" + suggestion(bid, s.buildings.map(\.id)))
            }
            if let sid, si == nil {
                r.fail(c["site"], c.path("site"), "unknown site `\(sid)`; known sites: " + s.sites.map(\.id).joined(separator: ", "))
            }
            guard let window = c.window("window"), let bi, let si else { continue }
            if window.start < s.round.opening || window.end > s.round.deadline {
                r.fail(c["window"], c.path("window"), "window \(window.description) is outside the round \(s.round.window.description)")
                continue
            }
            let b = s.buildings[bi]
            guard let walk = s.walkingSeconds(building: b, site: s.sites[si]) else {
                r.fail(c["site"], c.path("site"), "no walking time from building `\(b.id)` to site `\(s.sites[si].id)`; add it to the building's `walk_minutes` or give both coordinates")
                continue
            }
            if walk > Limits.maxMinutes * 60 {
                r.fail(c["site"], c.path("site"), "site `\(s.sites[si].id)` is \(Int((walk / 60).rounded())) minutes' walk from building `\(b.id)`, more than a day; call the building to a nearer site")
                continue
            }
            if staffed[si] == 0 {
                r.fail(c["site"], c.path("site"), "no swab team works at site `\(s.sites[si].id)` at any time (no cohort's route stops there), so these residents would never be swabbed; call them to a site on a cohort's route or add `\(s.sites[si].id)` to a route")
                continue
            }
            var floors: ClosedRange<Int>?
            if let fn = c["floors"] {
                guard let range = readFloors(r, fn, c.path("floors"), building: b) else { continue }
                floors = range
            }
            let index = calls.count
            var twice = false
            for floor in floors ?? 1...b.floors {
                if let other = floorCalls[bi][floor - 1] {
                    r.fail(n, p, "floor \(floor) of building `\(b.id)` is already called by call_ups[\(other)]; call each floor once")
                    twice = true
                    break
                }
                floorCalls[bi][floor - 1] = index
            }
            if twice { continue }
            calls.append(CallUp(building: b.id, floors: floors, site: s.sites[si].id, window: window))
        }
        if r.errors.count == errorsBefore {
            for (bi, b) in s.buildings.enumerated() where b.residents > s.doorToDoorResidents(b) {
                let missing = floorCalls[bi].indices.filter { floorCalls[bi][$0] == nil }.map { $0 + 1 }
                guard !missing.isEmpty else { continue }
                let what = missing.count == b.floors ? "building `\(b.id)` is not called" : "floors \(ranges(missing)) of building `\(b.id)` are not called"
                r.fail(f["call_ups"], f.path("call_ups"), what + "; every resident must be called once (add a call-up for them)")
            }
        }
        var staffing: [Staffing] = []
        var staffingOfSite: [String: [Int]] = [:] // for the overlap check, site by site
        for (n, p) in f.list("staffing") ?? [] {
            guard let c = r.mapping(n, p, required: ["site", "period", "desks", "stations"]) else { continue }
            let sid = c.identifier("site")
            guard let sid, let si = s.siteIndex(sid) else {
                if let sid { r.fail(c["site"], c.path("site"), "unknown site `\(sid)`; known sites: " + s.sites.map(\.id).joined(separator: ", ")) }
                continue
            }
            let site = s.sites[si]
            let desks = c.int("desks", max: site.registrationDesks)
            let stations = c.int("stations", max: site.swabStations)
            guard let period = c.window("period"), let desks, let stations else { continue }
            if period.start < s.round.opening || period.end > s.round.deadline {
                r.fail(c["period"], c.path("period"), "period \(period.description) is outside the round \(s.round.window.description)")
                continue
            }
            if let clash = staffingOfSite[site.id]?.first(where: { staffing[$0].period.overlaps(period) }) {
                r.fail(c["period"], c.path("period"), "period \(period.description) overlaps staffing[\(clash)] of the same site; periods of one site must not overlap")
                continue
            }
            staffingOfSite[site.id, default: []].append(staffing.count)
            staffing.append(Staffing(site: site.id, period: period, desks: desks, stations: stations))
        }
        let roles = readRoles(r, f, scenario: s)
        let plan = Plan(callUps: calls, staffing: staffing, roles: roles, origin: origin, name: f.string("name"))
        if r.errors.count == errorsBefore {
            checkRegistrationStaff(r, f["staffing"] ?? node, s, plan: plan, path: f.path("staffing"))
            checkDoorToDoorEscorts(r, f["roles"] ?? node, s, plan: plan, path: f.path("roles"))
        }
        return r.errors.count == errorsBefore ? plan : nil
    }

    /// `3`, `"1-6"` -> a floor range inside the building.
    static func readFloors(_ r: YAMLReader, _ node: Node, _ path: String, building b: Building) -> ClosedRange<Int>? {
        guard let text = r.string(node, path) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int(String($0).trimmingSpaces) }
        var range: ClosedRange<Int>?
        if parts.count == 1, let a = parts[0] { range = a...a }
        if parts.count == 2, let a = parts[0], let c = parts[1], a <= c { range = a...c }
        guard let range else {
            r.fail(node, path, "`\(text)` is not a floor range; expected a floor such as 3 or a range such as \"1-6\"")
            return nil
        }
        guard range.lowerBound >= 1 && range.upperBound <= b.floors else {
            r.fail(node, path, "floors \(text) are outside building `\(b.id)`, which has floors 1-\(b.floors)")
            return nil
        }
        return range
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
