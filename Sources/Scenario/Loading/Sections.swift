import Foundation

// Readers for each section of a scenario file. Defaults live here, next to the key they fill,
// and are documented in Scenarios/README.md.

extension ScenarioLoader {
    static func readRound(_ r: YAMLReader, _ node: Node) -> Round? {
        guard let f = r.mapping(node, "round", required: ["date", "opening", "deadline"]) else { return nil }
        let date = f.string("date")
        if let d = date, !isISODate(d) {
            r.fail(f["date"], f.path("date"), "`\(d)` is not a date; expected YYYY-MM-DD such as 2022-05-06")
        }
        guard let opening = f.clock("opening"), let deadline = f.clock("deadline"), let date else { return nil }
        guard deadline > opening else {
            r.fail(f["deadline"], f.path("deadline"), "the deadline \(ClockTime.format(deadline)) is not after the opening \(ClockTime.format(opening))")
            return nil
        }
        return Round(date: date, opening: opening, deadline: deadline)
    }

    /// A real calendar date written YYYY-MM-DD (2022-02-30 is not one).
    static func isISODate(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m) else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    static func readCompound(_ r: YAMLReader, _ node: Node, _ path: String) -> Compound? {
        guard let f = r.mapping(node, path, required: ["id"], optional: ["name", "name_en"]), let id = f.identifier("id") else { return nil }
        var c = Compound(id: id, name: f.name("name") ?? id)
        c.nameEn = f.name("name_en")
        return c
    }

    static let buildingKeys = ["id", "name", "name_en", "compound", "residents", "floors", "lifts", "elderly_share",
                               "no_smartphone_share", "x_metres", "y_metres", "walk_minutes",
                               "quarantined_households", "bedridden_households", "sealed", "lifts_out_of_order"]

    static func readBuildings(_ r: YAMLReader, _ node: Node, _ path: String, compounds: KnownIDs, siteIDs: KnownIDs,
                              directory: String, csvErrors: inout [ScenarioError]) -> [Building] {
        if case .mapping = node {
            guard let f = r.mapping(node, path, required: ["file"], optional: ["sheet"]), let name = f.string("file") else { return [] }
            let csvPath = name.hasPrefix("/") ? name : (directory as NSString).appendingPathComponent(name)
            let sheet = f.string("sheet")
            if sheet != nil && !BuildingsXLSX.isWorkbook(csvPath) {
                r.fail(f["sheet"], f.path("sheet"), "a sheet is chosen only in an Excel workbook (.xlsx); remove `sheet` for a CSV file")
                return []
            }
            r.filesRead.append(csvPath)
            do {
                return try BuildingsCSV.load(path: csvPath, compounds: compounds, sheet: sheet)
            } catch let e as BuildingsXLSX.NoSuchSheet {
                r.fail(f["sheet"], f.path("sheet"), e.message)
                return []
            } catch let e as ScenarioErrors {
                if e.isMissingFile {
                    let why = e.errors.first?.message ?? "no such file"
                    let hint = why == "no such file" ? "; give a CSV or .xlsx path relative to the scenario file" : ""
                    r.fail(f["file"], f.path("file"), "buildings file `\(csvPath)`: \(why)\(hint)", kind: .missingFile)
                } else {
                    // A problem with the file as a whole (a damaged workbook, an .xls) has no
                    // line in it: report it where the scenario names the file.
                    for err in e.errors where err.line < 1 { r.fail(f["file"], f.path("file"), "buildings file `\(csvPath)`: \(err.message)") }
                    csvErrors += e.errors.filter { $0.line >= 1 }
                }
                return []
            } catch {
                r.fail(f["file"], f.path("file"), "cannot read `\(csvPath)`: \(error)")
                return []
            }
        }
        let fields = Fields(reader: r, node: node, path: "", entries: ["buildings": node])
        let buildings = readList(r, fields, "buildings", nonEmpty: true, what: "building") { n, p in
            readBuilding(r, n, p, compounds: compounds, siteIDs: siteIDs)
        }
        return buildings
    }

    static func readBuilding(_ r: YAMLReader, _ node: Node, _ path: String, compounds: KnownIDs, siteIDs: KnownIDs) -> Building? {
        guard let f = r.mapping(node, path, required: ["id", "residents"], optional: buildingKeys) else { return nil }
        let id = f.identifier("id")
        let compound = f.identifier("compound") ?? ""
        if f["compound"] != nil, !compound.isEmpty, !compounds.contains(compound) {
            r.fail(f["compound"], f.path("compound"), "unknown compound `\(compound)`; known compounds: " + compounds.joined(separator: ", "))
        }
        let residents = f.int("residents", max: Limits.maxResidentsPerBuilding)
        let floors = f.int("floors", default: 1, min: 1, max: Limits.maxFloors)
        let lifts = f.int("lifts", default: 0, max: 50)
        let elderly = f.share("elderly_share", default: 0)
        let noPhone = f.share("no_smartphone_share", default: 0)
        var position: Point?
        if f["x_metres"] != nil || f["y_metres"] != nil {
            if f["x_metres"] == nil || f["y_metres"] == nil {
                r.fail(node, path, "give both `x_metres` and `y_metres`, or neither")
            } else if let x = f.coordinate("x_metres"), let y = f.coordinate("y_metres") {
                position = Point(x: x, y: y)
            }
        }
        var walk: [String: Double] = [:]
        if let w = f["walk_minutes"] {
            guard case .mapping(let m) = w else {
                r.fail(w, f.path("walk_minutes"), "expected a mapping of site id to minutes, such as {S1: 4, S2: 7}")
                return nil
            }
            for (k, v) in m {
                guard let site = k.string else { continue }
                guard siteIDs.contains(site) else {
                    r.fail(k, f.path("walk_minutes") + "." + site, "unknown site `\(site)`; known sites: " + siteIDs.joined(separator: ", "))
                    continue
                }
                if let minutes = r.double(v, f.path("walk_minutes") + "." + site, min: 0, max: Limits.maxMinutes) { walk[site] = minutes }
            }
        }
        let quarantined = f.int("quarantined_households", default: 0, max: 100_000)
        let bedridden = f.int("bedridden_households", default: 0, max: 100_000)
        var sealed = false
        if let n = f["sealed"] {
            switch n.string { case "true": sealed = true; case "false": sealed = false
            default: r.fail(n, f.path("sealed"), "expected true or false, found `\(n.string ?? "?")`") }
        }
        let outOfOrder = f.int("lifts_out_of_order", default: 0, max: lifts ?? 0)
        guard let id, let residents, let floors, let lifts, let elderly, let noPhone, let quarantined, let bedridden, let outOfOrder else { return nil }
        var b = Building(id: id, name: f.name("name") ?? id, compound: compound, residents: residents, floors: floors,
                         lifts: lifts - outOfOrder, elderlyShare: elderly, noSmartphoneShare: noPhone, position: position, walkMinutes: walk)
        b.liftsOutOfOrder = outOfOrder
        b.quarantinedHouseholds = quarantined
        b.bedriddenHouseholds = bedridden
        b.sealed = sealed
        b.nameEn = f.name("name_en")
        return b
    }

    static func readSite(_ r: YAMLReader, _ node: Node, _ path: String, compounds: KnownIDs) -> Site? {
        guard let f = r.mapping(node, path, required: ["id", "registration_desks", "swab_stations"],
                                optional: ["name", "name_en", "compound", "cover", "x_metres", "y_metres"]) else { return nil }
        let id = f.identifier("id")
        let compound = f.identifier("compound") ?? ""
        if f["compound"] != nil, !compound.isEmpty, !compounds.contains(compound) {
            r.fail(f["compound"], f.path("compound"), "unknown compound `\(compound)`; known compounds: " + compounds.joined(separator: ", "))
        }
        var cover: Cover? = Cover.none
        if let c = f.string("cover") {
            cover = Cover(rawValue: c)
            if cover == nil {
                r.fail(f["cover"], f.path("cover"), "unknown cover `\(c)`; expected one of: " + Cover.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let desks = f.int("registration_desks", min: 1, max: 100)
        let stations = f.int("swab_stations", min: 1, max: 200)
        var position: Point?
        if f["x_metres"] != nil || f["y_metres"] != nil {
            if f["x_metres"] == nil || f["y_metres"] == nil {
                r.fail(node, path, "give both `x_metres` and `y_metres`, or neither")
            } else if let x = f.coordinate("x_metres"), let y = f.coordinate("y_metres") {
                position = Point(x: x, y: y)
            }
        }
        guard let id, let cover, let desks, let stations else { return nil }
        var site = Site(id: id, name: f.name("name") ?? id, compound: compound, cover: cover,
                        registrationDesks: desks, swabStations: stations, position: position)
        site.nameEn = f.name("name_en")
        return site
    }

    static func readWalking(_ r: YAMLReader, _ node: Node?) -> Walking {
        var w = Walking(speedMetresPerMinute: 70, detourFactor: 1.3, stairsSecondsPerFloor: 15,
                        liftCapacityPersons: 8, liftRoundTripSeconds: 90)
        guard let node, let f = r.mapping(node, "walking", optional: [
            "speed_metres_per_minute", "detour_factor", "stairs_seconds_per_floor", "lift_capacity_persons", "lift_round_trip_seconds",
            "stairs_up_to_floor", "lift_seconds_per_floor"])
        else { return w }
        w.speedMetresPerMinute = f.double("speed_metres_per_minute", default: w.speedMetresPerMinute, in: Limits.walkingSpeedMetresPerMinute) ?? w.speedMetresPerMinute
        w.detourFactor = f.double("detour_factor", default: w.detourFactor, in: Limits.detourFactor) ?? w.detourFactor
        w.stairsSecondsPerFloor = f.double("stairs_seconds_per_floor", default: w.stairsSecondsPerFloor, in: Limits.stairsSecondsPerFloor) ?? w.stairsSecondsPerFloor
        w.liftCapacityPersons = f.int("lift_capacity_persons", default: w.liftCapacityPersons, min: 1, max: 100) ?? w.liftCapacityPersons
        w.liftRoundTripSeconds = f.double("lift_round_trip_seconds", default: w.liftRoundTripSeconds, in: Limits.liftRoundTripSeconds) ?? w.liftRoundTripSeconds
        w.liftSecondsPerFloor = f.double("lift_seconds_per_floor", default: w.liftSecondsPerFloor, in: Limits.liftSecondsPerFloor) ?? w.liftSecondsPerFloor
        w.stairsUpToFloor = f.int("stairs_up_to_floor", default: w.stairsUpToFloor, min: 1, max: Limits.maxFloors) ?? w.stairsUpToFloor
        return w
    }

    static func readStaff(_ r: YAMLReader, _ node: Node, siteIDs: KnownIDs) -> Staff? {
        guard let f = r.mapping(node, "staff", required: ["cohorts"], optional: ["registrars", "community_workers"]) else { return nil }
        let registrars = f.int("registrars", default: 0, max: Limits.maxWorkers)
        let workers = f.int("community_workers", default: 0, max: Limits.maxWorkers)
        let cohorts = readList(r, f, "cohorts", nonEmpty: true, what: "cohort") { n, p in readCohort(r, n, p, siteIDs: siteIDs) }
        // Relief references need every cohort read first.
        for (node, path) in f.list("cohorts") ?? [] {
            guard case .mapping(let m) = node, let rn = m["relieves"], let id = rn.string,
                  let own = m["id"]?.string else { continue }
            if id == own {
                r.fail(rn, path + ".relieves", "a cohort cannot relieve itself")
            } else if let other = cohorts.first(where: { $0.id == id }) {
                if let first = cohorts.first(where: { $0.relieves == id }), first.id != own {
                    r.fail(rn, path + ".relieves", "cohort `\(id)` is already relieved by `\(first.id)`; one relief cohort per cohort")
                } else if other.relieves != nil {
                    r.fail(rn, path + ".relieves", "cohort `\(id)` is itself a relief cohort; relieve the cohort that starts the shift")
                }
            } else {
                r.fail(rn, path + ".relieves", "unknown cohort `\(id)`; known cohorts: " + cohorts.map(\.id).joined(separator: ", "))
            }
        }
        guard let registrars, let workers else { return nil }
        return Staff(cohorts: cohorts, registrars: registrars, communityWorkers: workers)
    }

    /// A list of cohorts on its own (a street's `bus_pool`).
    static func readListOfCohorts(_ r: YAMLReader, _ node: Node, _ path: String, siteIDs: KnownIDs) -> [Cohort] {
        var seen = Set<String>(), out: [Cohort] = []
        for (i, n) in (r.sequence(node, path, nonEmpty: true) ?? []).enumerated() {
            guard let c = readCohort(r, n, "\(path)[\(i)]", siteIDs: siteIDs) else { continue }
            if seen.insert(c.id).inserted { out.append(c) } else { r.fail(n, "\(path)[\(i)]", "cohort id `\(c.id)` is used twice; ids must be unique") }
        }
        return out
    }

    static func readCohort(_ r: YAMLReader, _ node: Node, _ path: String, siteIDs: KnownIDs) -> Cohort? {
        guard let f = r.mapping(node, path, required: ["id", "teams", "departs_depot", "route", "shift_end"],
                                optional: ["name", "name_en", "setup_minutes", "standing_limit_minutes", "break_minutes", "relieves"]) else { return nil }
        let id = f.identifier("id")
        let teams = f.int("teams", min: 1, max: Limits.maxTeamsPerCohort)
        let departs = f.clock("departs_depot")
        let shiftEnd = f.clock("shift_end")
        let setup = f.minutes("setup_minutes", default: 15)
        let limit = f.minutes("standing_limit_minutes", default: 180, min: Limits.minIntervalMinutes)
        let rest = f.minutes("break_minutes", default: 20)
        var stops: [RouteStop] = []
        for (n, p) in f.list("route", nonEmpty: true) ?? [] {
            guard let s = r.mapping(n, p, required: ["site", "travel_minutes", "teams"]) else { continue }
            let site = s.identifier("site")
            if let site, !siteIDs.contains(site) {
                r.fail(s["site"], s.path("site"), "unknown site `\(site)`; known sites: " + siteIDs.joined(separator: ", "))
                continue
            }
            if let site, stops.contains(where: { $0.site == site }) {
                r.fail(s["site"], s.path("site"), "site `\(site)` appears twice on this route; drop all its teams at one stop")
                continue
            }
            guard let site, let travel = s.minutes("travel_minutes"), let t = s.int("teams", min: 1, max: Limits.maxTeamsPerCohort) else { continue }
            stops.append(RouteStop(site: site, travelSeconds: travel, teams: t))
        }
        if let teams, let list = f.list("route"), stops.count == list.count {
            let dropped = stops.reduce(0) { $0 + $1.teams }
            if dropped != teams {
                r.fail(f["teams"], f.path("teams"), "the route drops \(dropped) teams but the cohort has \(teams); make the stops' `teams` add up to `teams`")
            }
        }
        if let departs, let shiftEnd, shiftEnd <= departs {
            r.fail(f["shift_end"], f.path("shift_end"), "shift end \(ClockTime.format(shiftEnd)) is not after the bus leaves the depot at \(ClockTime.format(departs))")
        }
        guard let id, let teams, let departs, let shiftEnd, let setup, let limit, let rest else { return nil }
        var cohort = Cohort(id: id, teams: teams, departsDepot: departs, route: stops, setupSeconds: setup,
                            standingLimitSeconds: limit, breakSeconds: rest, shiftEnd: shiftEnd,
                            relieves: f.string("relieves"))
        cohort.name = f.name("name")
        cohort.nameEn = f.name("name_en")
        return cohort
    }

    static func readService(_ r: YAMLReader, _ node: Node?) -> Service? {
        var s = Service(registration: .lognormal(mean: 30, cv: 0.5), swab: .lognormal(mean: 25, cv: 0.4),
                        elderlyFactor: 1.5, noSmartphoneFactor: 3)
        guard let node else { return s }
        guard let f = r.mapping(node, "service", optional: ["registration", "swab", "elderly_factor", "no_smartphone_factor"]) else { return nil }
        if let n = f["registration"] { s.registration = readServiceTime(r, n, f.path("registration")) ?? s.registration }
        if let n = f["swab"] { s.swab = readServiceTime(r, n, f.path("swab")) ?? s.swab }
        s.elderlyFactor = f.double("elderly_factor", default: s.elderlyFactor, in: Limits.serviceFactor) ?? s.elderlyFactor
        s.noSmartphoneFactor = f.double("no_smartphone_factor", default: s.noSmartphoneFactor, in: Limits.serviceFactor) ?? s.noSmartphoneFactor
        return s
    }

    static let distributionNames = ["deterministic", "exponential", "lognormal", "gamma", "uniform", "triangular", "empirical"]

    static func readServiceTime(_ r: YAMLReader, _ node: Node, _ path: String) -> ServiceTime? {
        guard let f = r.mapping(node, path, required: ["distribution"],
                                optional: ["mean_seconds", "cv", "min_seconds", "mode_seconds", "max_seconds", "values_seconds"]),
              let kind = f.string("distribution") else { return nil }
        func need(_ keys: [String]) -> Bool {
            let missing = keys.filter { f[$0] == nil }
            let a = "aeiou".contains(kind.first ?? "x") ? "an" : "a"
            for k in missing { r.fail(node, f.path(k), "\(a) \(kind) distribution needs `\(k)`") }
            let extra = Set(f.entries.keys).subtracting(keys + ["distribution"])
            for k in extra.sorted() { r.fail(f[k], f.path(k), "`\(k)` does not apply to \(a) \(kind) distribution; it takes " + keys.joined(separator: ", ")) }
            return missing.isEmpty && extra.isEmpty
        }
        switch kind {
        case "deterministic":
            guard need(["mean_seconds"]), let m = f.seconds("mean_seconds") else { return nil }
            return .deterministic(m)
        case "exponential":
            guard need(["mean_seconds"]), let m = f.seconds("mean_seconds", minExclusive: true) else { return nil }
            return .exponential(mean: m)
        case "lognormal", "gamma":
            guard need(["mean_seconds", "cv"]), let m = f.seconds("mean_seconds", minExclusive: true),
                  let cv = f.double("cv", max: Limits.cv.upperBound) else { return nil }
            guard cv == 0 || cv >= Limits.cv.lowerBound else {
                r.fail(f["cv"], f.path("cv"), "\(YAMLReader.show(cv)) is out of range; expected 0 (no variation) or a cv from \(YAMLReader.show(Limits.cv.lowerBound)) to \(YAMLReader.show(Limits.cv.upperBound))")
                return nil
            }
            return kind == "gamma" ? .gamma(mean: m, cv: cv) : .lognormal(mean: m, cv: cv)
        case "uniform":
            guard need(["min_seconds", "max_seconds"]), let a = f.seconds("min_seconds"), let b = f.seconds("max_seconds") else { return nil }
            guard b >= a else { r.fail(f["max_seconds"], f.path("max_seconds"), "max_seconds is below min_seconds"); return nil }
            return .uniform(min: a, max: b)
        case "triangular":
            guard need(["min_seconds", "mode_seconds", "max_seconds"]), let a = f.seconds("min_seconds"),
                  let c = f.seconds("mode_seconds"), let b = f.seconds("max_seconds") else { return nil }
            guard a <= c && c <= b && a < b else {
                r.fail(node, path, "expected min_seconds <= mode_seconds <= max_seconds with min below max"); return nil
            }
            return .triangular(min: a, mode: c, max: b)
        case "empirical":
            guard need(["values_seconds"]), let items = r.sequence(f["values_seconds"]!, f.path("values_seconds"), nonEmpty: true) else { return nil }
            guard items.count <= Limits.maxEmpiricalValues else {
                r.fail(f["values_seconds"], f.path("values_seconds"), "\(items.count) values; give at most \(Limits.maxEmpiricalValues) (a sample of them is as good)")
                return nil
            }
            let values = items.enumerated().compactMap { r.double($0.element, f.path("values_seconds") + "[\($0.offset)]", max: Limits.maxSeconds) }
            return values.count == items.count ? .empirical(values) : nil
        default:
            r.fail(f["distribution"], f.path("distribution"), "unknown distribution `\(kind)`; expected one of: " + distributionNames.joined(separator: ", "))
            return nil
        }
    }

    static func readArrivals(_ r: YAMLReader, _ node: Node?, round: Round, patience: inout Patience?) -> Arrivals? {
        var a = Arrivals(turnoutShare: 0.95, ignoreCallUpShare: 0.1,
                         walkInWindow: ClockWindow(start: round.opening, end: min(round.deadline, round.opening + 3600)),
                         spread: .frontLoaded, frontLoading: 2, baselineWindowSeconds: min(30 * 60, round.deadline - round.opening))
        guard let node else { return a }
        guard let f = r.mapping(node, "arrivals", optional: ["turnout_share", "ignore_call_up_share", "walk_in_window",
                                                             "spread", "front_loading", "baseline_call_up_minutes",
                                                             "patience", "patience_rain_factor", "come_back_share", "come_back_after"]) else { return nil }
        patience = readPatience(r, f)
        a.turnoutShare = f.share("turnout_share", default: a.turnoutShare) ?? a.turnoutShare
        a.ignoreCallUpShare = f.share("ignore_call_up_share", default: a.ignoreCallUpShare) ?? a.ignoreCallUpShare
        if let w = f.window("walk_in_window") {
            if w.start < round.opening || w.end > round.deadline {
                r.fail(f["walk_in_window"], f.path("walk_in_window"), "window \(w.description) is outside the round \(round.window.description)")
            }
            a.walkInWindow = w
        }
        if let text = f.string("spread") {
            if let sp = Spread(rawValue: text) { a.spread = sp } else {
                r.fail(f["spread"], f.path("spread"), "unknown spread `\(text)`; expected one of: " + Spread.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        if f["front_loading"] != nil && a.spread != .frontLoaded {
            r.fail(f["front_loading"], f.path("front_loading"), "front_loading applies only to spread: front_loaded")
        }
        a.frontLoading = f.double("front_loading", default: a.frontLoading, min: 1, max: 100) ?? a.frontLoading
        a.baselineWindowSeconds = f.minutes("baseline_call_up_minutes", minExclusive: true) ?? a.baselineWindowSeconds
        if round.opening + a.baselineWindowSeconds > round.deadline, let n = f["baseline_call_up_minutes"] {
            r.fail(n, f.path("baseline_call_up_minutes"), "the baseline call-up window would end after the deadline \(ClockTime.format(round.deadline))")
        }
        return a
    }

    static func readTarget(_ r: YAMLReader, _ node: Node, _ path: String, round: Round?) -> Target? {
        if case .mapping(let m) = node, m["finish_by"] != nil {
            guard let f = r.mapping(node, path, required: ["finish_by"]), let t = f.clock("finish_by"), let round else { return nil }
            guard t > round.opening else {
                r.fail(f["finish_by"], f.path("finish_by"), "finish_by must be after the opening \(ClockTime.format(round.opening))"); return nil
            }
            return Target(metric: .finishTimeMinutesAfterOpening, bound: .atMost, value: (t - round.opening) / 60)
        }
        guard let f = r.mapping(node, path, required: ["metric"], optional: ["at_most", "at_least"]),
              let name = f.string("metric") else { return nil }
        guard let metric = MetricName(rawValue: name) else {
            r.fail(f["metric"], f.path("metric"), "unknown metric `\(name)`; expected one of: " + MetricName.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        switch (f["at_most"], f["at_least"]) {
        case (.some, .none): return f.double("at_most", min: -1e9, max: 1e9).map { Target(metric: metric, bound: .atMost, value: $0) }
        case (.none, .some): return f.double("at_least", min: -1e9, max: 1e9).map { Target(metric: metric, bound: .atLeast, value: $0) }
        default:
            r.fail(node, path, "a target needs exactly one of `at_most` or `at_least`, or the form `finish_by: \"HH:MM\"`")
            return nil
        }
    }

    // MARK: Checks across sections

    /// Every building must reach some site on foot; reported at the building's entry when it is
    /// inline, at the `buildings` key when the buildings come from a CSV file.
    static func checkWalkingReachable(_ r: YAMLReader, _ node: Node, _ s: Scenario) {
        let entries: [Node]
        if case .sequence(let seq) = node { entries = Array(seq) } else { entries = [] }
        let grid = SiteGrid(s)
        for (i, b) in s.buildings.enumerated() {
            let at = i < entries.count ? entries[i] : node
            let path = i < entries.count ? "buildings[\(i)]" : "buildings (\(b.id))"
            guard let site = grid.nearest(to: b) else {
                r.fail(at, path, "no walking time from building `\(b.id)` to any site; give `walk_minutes` or coordinates (x_metres, y_metres) for the building and the sites")
                continue
            }
            let minutes = (s.walkingSeconds(building: b, site: site) ?? 0) / 60
            if minutes > Limits.maxMinutes {
                r.fail(at, path, "the nearest site to building `\(b.id)` is \(Int(minutes.rounded())) minutes' walk away, more than a day; check the coordinates (metres) and the walking speed")
            }
        }
    }

    static func checkSlots(_ r: YAMLReader, _ node: Node, _ s: Scenario) {
        let slots = TeamRoster(scenario: s).slotsPerSite
        for (i, site) in s.sites.enumerated() where slots[i] > site.swabStations {
            r.fail(node, "staff.cohorts", "cohorts put \(slots[i]) teams at a time at site `\(site.id)`, which has \(site.swabStations) swab stations; drop fewer teams there or add stations")
        }
    }

    /// Without a plan, each building goes to its nearest site: every such site needs a swab
    /// team at some time, or its residents would never be swabbed.
    static func checkBaselineSitesStaffed(_ r: YAMLReader, _ node: Node, _ s: Scenario, plan: Plan) {
        let staffed = TeamRoster(scenario: s).slotsPerSite
        var called: [String: [String]] = [:]
        for c in plan.callUps { called[c.site, default: []].append(c.building) }
        for site in s.sites where staffed[s.siteIndex(site.id)!] == 0 {
            guard let buildings = called[site.id] else { continue }
            let some = buildings.prefix(5).joined(separator: ", ") + (buildings.count > 5 ? " and \(buildings.count - 5) more" : "")
            r.fail(node, "staff.cohorts", "site `\(site.id)` is the nearest site of \(some) (the baseline calls them there) but no cohort's route stops there; add `\(site.id)` to a route or give a plan that calls them elsewhere")
        }
    }

    /// The registration-staff rule of `PlanCheck`, at a node of the scenario file.
    static func checkRegistrationStaff(_ r: YAMLReader, _ node: Node, _ s: Scenario, plan: Plan, path: String) {
        if let m = PlanCheck.registrationStaffProblem(s, plan) { r.fail(node, path, m) }
    }

}
