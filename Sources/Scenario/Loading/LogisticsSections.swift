
// Readers for the logistics sections: weather, tubes, lab, couriers, door-to-door, data desk,
// patience and worker roles. Defaults are documented in Scenarios/README.md.

extension ScenarioLoader {
    static func readLogistics(_ r: YAMLReader, _ top: Fields, round: Round, siteIDs: KnownIDs, buildingIDs: KnownIDs) -> Logistics {
        var l = Logistics.none
        if let n = top["weather"] { l.weather = readWeather(r, n, round: round) }
        if let n = top["tubes"], let f = r.mapping(n, "tubes", optional: ["pool_size", "max_holding_minutes", "box_capacity_tubes"]) {
            l.tubes.poolSize = f.int("pool_size", default: 10, min: 1, max: 1000) ?? 10
            l.tubes.maxHoldingSeconds = f.minutes("max_holding_minutes", default: 30, min: Limits.minIntervalMinutes) ?? 1800
            l.tubes.boxCapacity = f.int("box_capacity_tubes", default: 60, min: 1, max: Limits.maxTubes) ?? 60
        }
        if let n = top["lab"], let f = r.mapping(n, "lab", optional: ["name", "x_metres", "y_metres", "receiving", "sample_age_limit_minutes"]) {
            var position: Point?
            if f["x_metres"] != nil || f["y_metres"] != nil {
                if f["x_metres"] == nil || f["y_metres"] == nil {
                    r.fail(n, "lab", "give both `x_metres` and `y_metres`, or neither")
                } else if let x = f.coordinate("x_metres"), let y = f.coordinate("y_metres") {
                    position = Point(x: x, y: y)
                }
            }
            l.lab = Lab(name: f.string("name") ?? "lab", position: position,
                        receiving: f.window("receiving") ?? ClockWindow(start: 0, end: 86400),
                        sampleAgeLimitSeconds: f.minutes("sample_age_limit_minutes", default: 240, minExclusive: true) ?? 14400)
        }
        if let n = top["couriers"] {
            if l.lab == nil { r.fail(n, "couriers", "couriers need a `lab` to deliver to; add a `lab` section") }
            l.couriers = readCouriers(r, n, siteIDs: siteIDs)
        }
        if let n = top["door_to_door"] { l.doorToDoor = readDoorToDoor(r, n, siteIDs: siteIDs, buildingIDs: buildingIDs) }
        if let n = top["data_desk"], let f = r.mapping(n, "data_desk", required: ["lists"], optional: ["item"]) {
            let item = f["item"].flatMap { readServiceTime(r, $0, f.path("item")) } ?? .lognormal(mean: 45, cv: 0.5)
            var lists: [DataList] = []
            for (ln, lp) in f.list("lists") ?? [] {
                guard let g = r.mapping(ln, lp, required: ["arrives", "items", "deadline_minutes"], optional: ["name"]),
                      let at = g.clock("arrives"), let items = g.int("items", max: Limits.maxDataItems),
                      let deadline = g.minutes("deadline_minutes", minExclusive: true) else { continue }
                lists.append(DataList(name: g.string("name") ?? "list \(lists.count + 1)", arrives: at, items: items, deadlineSeconds: deadline))
            }
            let items = lists.reduce(0) { $0 + $1.items }
            if items > Limits.maxDataItems {
                r.fail(f["lists"], f.path("lists"), "\(items) items in all; the data desk takes at most \(Limits.maxDataItems) in one round")
            }
            l.dataDesk = DataDesk(item: item, lists: lists)
        }
        return l
    }

    static func readSeverity(_ r: YAMLReader, _ f: Fields) -> (WeatherKind, Severity)? {
        guard let k = f.string("kind"), let s = f.string("severity") else { return nil }
        guard let kind = WeatherKind(rawValue: k) else {
            r.fail(f["kind"], f.path("kind"), "unknown weather `\(k)`; expected one of: " + WeatherKind.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        guard let severity = Severity(rawValue: s) else {
            r.fail(f["severity"], f.path("severity"), "unknown severity `\(s)`; expected one of: " + Severity.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return (kind, severity)
    }

    static func readWeather(_ r: YAMLReader, _ node: Node, round: Round) -> Weather {
        var w = Weather.clear
        guard let f = r.mapping(node, "weather", optional: ["forecast", "interruptions", "effects", "heat_standing_limit_factor", "rain_travel_factor"]) else { return w }
        for (n, p) in f.list("forecast") ?? [] {
            guard let g = r.mapping(n, p, required: ["kind", "severity", "window"]),
                  let (kind, severity) = readSeverity(r, g), let window = g.window("window") else { continue }
            w.forecast.append(WeatherWindow(kind: kind, severity: severity, window: window))
        }
        for key in ["forecast", "interruptions"] {
            if let items = f[key]?.list, items.count > Limits.maxWeatherEntries {
                r.fail(f[key], f.path(key), "\(items.count) entries; give at most \(Limits.maxWeatherEntries)")
                return w
            }
        }
        for (n, p) in f.list("interruptions") ?? [] {
            guard let g = r.mapping(n, p, required: ["kind", "severity", "per_hour", "duration"], optional: ["window"]),
                  let (kind, severity) = readSeverity(r, g), let rate = g.double("per_hour", max: 60),
                  let duration = g["duration"].flatMap({ readServiceTime(r, $0, g.path("duration")) }) else { continue }
            w.interruptions.append(WeatherInterruption(kind: kind, severity: severity, perHour: rate, duration: duration,
                                                       window: g.window("window") ?? round.window))
        }
        for (n, p) in f.list("effects") ?? [] {
            guard let g = r.mapping(n, p, required: ["kind", "severity", "cover", "registration", "swab"]),
                  let (kind, severity) = readSeverity(r, g), let c = g.string("cover") else { continue }
            guard let cover = Cover(rawValue: c) else {
                r.fail(g["cover"], g.path("cover"), "unknown cover `\(c)`; expected one of: " + Cover.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            guard let reg = readSpeed(r, g, "registration"), let swab = readSpeed(r, g, "swab") else { continue }
            w.effects[Weather.key(kind, severity, cover)] = CoverEffect(registration: reg, swab: swab)
        }
        func bySeverity(_ key: String, _ into: inout [Severity: Double], min: Double, max: Double) {
            guard let n = f[key], let g = r.mapping(n, f.path(key), optional: Severity.allCases.map(\.rawValue)) else { return }
            for s in Severity.allCases { if let v = g.double(s.rawValue, min: min, max: max) { into[s] = v } }
        }
        bySeverity("heat_standing_limit_factor", &w.heatStandingLimitFactor, min: 0.05, max: 1)
        bySeverity("rain_travel_factor", &w.rainTravelFactor, min: 1, max: 10)
        return w
    }

    /// `pause`, or a speed from 0 (paused) to 1 (unaffected).
    static func readSpeed(_ r: YAMLReader, _ g: Fields, _ key: String) -> Double? {
        guard let n = g[key] else { return nil }
        if n.string == "pause" { return 0 }
        guard let v = n.string.flatMap(Double.init), v >= 0, v <= 1 else {
            r.fail(n, g.path(key), "expected `pause` or a speed from 0 to 1 (1 unaffected, 0.8 a fifth slower), found `\(n.string ?? "?")`")
            return nil
        }
        return v
    }

    static func readCouriers(_ r: YAMLReader, _ node: Node, siteIDs: KnownIDs) -> Couriers {
        var c = Couriers(fleet: [], speedKmPerHour: 15, legs: [:])
        guard let f = r.mapping(node, "couriers", required: ["fleet"], optional: ["speed_km_per_hour", "legs"]) else { return c }
        c.speedKmPerHour = f.double("speed_km_per_hour", default: 15, in: Limits.courierKmPerHour) ?? 15
        let places = KnownIDs(["lab"] + siteIDs.list)
        for (n, p) in f.list("legs") ?? [] {
            guard let g = r.mapping(n, p, required: ["from", "to", "minutes"]),
                  let a = g.string("from"), let b = g.string("to"), let m = g.double("minutes", max: Limits.maxMinutes) else { continue }
            for (k, v) in [("from", a), ("to", b)] where !places.contains(v) {
                r.fail(g[k], g.path(k), "unknown place `\(v)`; expected `lab` or a site: " + siteIDs.joined(separator: ", "))
            }
            c.legs[Couriers.legKey(a, b)] = m
        }
        if let items = f["fleet"]?.list, items.count > Limits.maxCouriers {
            r.fail(f["fleet"], f.path("fleet"), "\(items.count) couriers; give at most \(Limits.maxCouriers)")
            return c
        }
        c.fleet = readList(r, f, "fleet", nonEmpty: true, what: "courier") { n, p in
            guard let g = r.mapping(n, p, required: ["id", "route"], optional: ["capacity_tubes", "departs", "every_minutes", "first", "last", "on_demand"]),
                  let id = g.identifier("id") else { return nil }
            var route: [String] = []
            for (sn, sp) in g.list("route", nonEmpty: true) ?? [] {
                guard let s = r.identifier(sn, sp) else { continue }
                guard siteIDs.contains(s) else {
                    r.fail(sn, sp, "unknown site `\(s)` on the courier's route; known sites: " + siteIDs.joined(separator: ", "))
                    continue
                }
                route.append(s)
            }
            let modes = ["departs", "every_minutes", "on_demand"].filter { g[$0] != nil }
            guard modes.count == 1 else {
                r.fail(n, p, "a courier needs exactly one of `departs` (clock times), `every_minutes` (with `first` and `last`) or `on_demand`")
                return nil
            }
            var mode: Courier.Mode
            switch modes[0] {
            case "departs":
                let list = g.list("departs", nonEmpty: true) ?? []
                guard list.count <= Limits.maxDepartures else {
                    r.fail(g["departs"], g.path("departs"), "\(list.count) departures; give at most \(Limits.maxDepartures) (one a minute)")
                    return nil
                }
                let times = list.compactMap { r.clock($0.0, $0.1) }
                mode = .fixed(times.sorted())
            case "every_minutes":
                guard let every = g.minutes("every_minutes", min: Limits.minIntervalMinutes), let first = g.clock("first"), let last = g.clock("last") else {
                    if g["first"] == nil || g["last"] == nil { r.fail(n, p, "`every_minutes` needs `first` and `last` clock times") }
                    return nil
                }
                mode = .fixed(Array(stride(from: first, through: last, by: every)))
            default:
                guard let d = r.mapping(g["on_demand"]!, g.path("on_demand"), optional: ["tubes", "oldest_sample_minutes", "check_minutes", "from"]) else { return nil }
                mode = .onDemand(tubes: d.int("tubes", default: 20, min: 1, max: Limits.maxTubes) ?? 20,
                                 oldestSampleSeconds: d.minutes("oldest_sample_minutes", default: 60) ?? 3600,
                                 checkSeconds: d.minutes("check_minutes", default: 5, min: Limits.minIntervalMinutes) ?? 300,
                                 from: d.clock("from", default: 0) ?? 0)
            }
            return Courier(id: id, capacityTubes: g.int("capacity_tubes", default: 200, min: 1, max: Limits.maxTubes) ?? 200, mode: mode, route: route)
        }
        return c
    }

    static func readDoorToDoor(_ r: YAMLReader, _ node: Node, siteIDs: KnownIDs, buildingIDs: KnownIDs) -> DoorToDoor {
        var d = Logistics.none.doorToDoor
        guard let f = r.mapping(node, "door_to_door", optional: ["teams", "visit", "persons_per_household"]) else { return d }
        d.personsPerHousehold = f.double("persons_per_household", default: 2.6, min: 1, max: 20) ?? 2.6
        if let v = f["visit"] { d.visit = readServiceTime(r, v, f.path("visit")) ?? d.visit }
        var listed: [String: String] = [:]
        d.teams = readList(r, f, "teams", what: "door-to-door team") { n, p in
            guard let g = r.mapping(n, p, required: ["id", "start", "buildings", "handoff"], optional: ["end", "order"]),
                  let id = g.identifier("id"), let start = g.clock("start") else { return nil }
            let end = g.clock("end", default: 86400) ?? 86400
            if end <= start { r.fail(g["end"], g.path("end"), "the team's end \(ClockTime.format(end)) is not after its start \(ClockTime.format(start))") }
            let handoff = g.identifier("handoff") ?? ""
            if !siteIDs.contains(handoff) {
                r.fail(g["handoff"], g.path("handoff"), "unknown site `\(handoff)` for the hand-off; known sites: " + siteIDs.joined(separator: ", "))
            }
            var order = DoorToDoorTeam.Order.given
            if let o = g.string("order") {
                if let v = DoorToDoorTeam.Order(rawValue: o) { order = v } else {
                    r.fail(g["order"], g.path("order"), "unknown order `\(o)`; expected `given` or `nearest`")
                }
            }
            var buildings: [String] = []
            for (bn, bp) in g.list("buildings", nonEmpty: true) ?? [] {
                guard let b = r.identifier(bn, bp) else { continue }
                if !buildingIDs.contains(b) { r.fail(bn, bp, "unknown building `\(b)`" + suggestion(b, buildingIDs.list)); continue }
                if let other = listed[b] { r.fail(bn, bp, "building `\(b)` is already visited by door-to-door team `\(other)`; one team per building"); continue }
                listed[b] = id
                buildings.append(b)
            }
            return DoorToDoorTeam(id: id, start: start, end: end, buildings: buildings, order: order, handoff: handoff)
        }
        return d
    }

    static func readPatience(_ r: YAMLReader, _ f: Fields) -> Patience? {
        guard let n = f["patience"] else {
            for k in ["patience_rain_factor", "come_back_share", "come_back_after"] where f[k] != nil {
                r.fail(f[k], f.path(k), "`\(k)` needs `patience` (how long residents wait before leaving)")
            }
            return nil
        }
        guard let patience = readServiceTime(r, n, f.path("patience")) else { return nil }
        let back = f["come_back_after"].flatMap { readServiceTime(r, $0, f.path("come_back_after")) } ?? .exponential(mean: 1800)
        return Patience(patience: patience, rainFactor: f.double("patience_rain_factor", default: 0.5, min: 0, max: 1, minExclusive: true) ?? 0.5,
                        comeBackShare: f.share("come_back_share", default: 0.5) ?? 0.5, comeBackAfter: back)
    }

}

extension ScenarioLoader {
    /// Door-to-door lists fit their buildings, and every listed household has a team.
    static func checkDoorToDoor(_ r: YAMLReader, _ top: Fields, _ s: Scenario) {
        let visited = Set(s.logistics.doorToDoor.teams.flatMap(\.buildings))
        let entries: [Node]
        if case .sequence(let seq)? = top["buildings"] { entries = Array(seq) } else { entries = [] }
        for (i, b) in s.buildings.enumerated() {
            let at = i < entries.count ? entries[i] : top["buildings"]
            let path = i < entries.count ? "buildings[\(i)]" : "buildings (\(b.id))"
            let listed = b.quarantinedHouseholds + b.bedriddenHouseholds
            if listed > s.households(b) {
                r.fail(at, path, "building `\(b.id)` lists \(listed) households for door-to-door but has only \(s.households(b)) (\(b.residents) residents at \(s.logistics.doorToDoor.personsPerHousehold) per household)")
            } else if s.doorToDoorHouseholds(b) > 0 && !visited.contains(b.id) {
                r.fail(at, path, "building `\(b.id)` has households to swab at home but no door-to-door team visits it; add it to a team under `door_to_door.teams`")
            }
        }
    }
}
extension Courier: Identified {}
extension DoorToDoorTeam: Identified {}

extension ScenarioLoader {
    /// Every leg of every courier route (lab, stops, lab) has a travel time.
    static func checkCouriers(_ r: YAMLReader, _ top: Fields, _ s: Scenario) {
        guard let node = top["couriers"] else { return }
        let entries = node["fleet"]?.list
        for (i, c) in s.logistics.couriers.fleet.enumerated() {
            let stops = ["lab"] + c.route + ["lab"]
            // The error points at the courier's own entry (the fleet is read in file order).
            let at = entries.flatMap { i < $0.count ? $0[i] : nil } ?? node
            for (a, b) in zip(stops, stops.dropFirst()) where s.courierMinutes(a, b) == nil {
                r.fail(at, "couriers.fleet[\(i)].route", "no travel time from `\(a)` to `\(b)` on courier \(c.id)'s route; add a leg {from: \(a), to: \(b), minutes: ...} under `couriers.legs`, or positions for both places")
                break
            }
        }
    }
}
