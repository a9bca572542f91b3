import Foundation

/// Reads a street file: several community scenarios in one morning, sharing a lab, the weather,
/// couriers and a bus pool (`Scenarios/README.md`, "A street round"). Every community's scenario
/// and plan is loaded and checked as it would be alone (its errors keep its own file and line);
/// the street file's errors are positioned in it; then the joined plan is checked as any plan.
///
///     street: 潘家园街道
///     communities:
///       - {id: nanli, scenario: panjiayuan-nanli.yaml}
///       - {id: xitang, scenario: xitang-courtyards.yaml, origin: {x_metres: 1800, y_metres: -400}}
enum StreetLoader {
    static let topKeys = ["version", "street", "name_en", "communities", "lab", "weather", "couriers", "bus_pool", "targets", "language"]
    /// More communities than a street office plans in one morning (a street has 5 to 20).
    static let maxCommunities = 200

    static func parse(_ r: YAMLReader, root: Node, file: String, directory: String) throws -> Scenario {
        guard let top = r.mapping(root, "", required: ["street", "communities"], optional: topKeys) else { throw ScenarioErrors(r.errors) }
        if let v = top["version"] { _ = r.int(v, "version", min: 1, max: 1) }
        let name = top.name("street") ?? ""
        var members: [StreetJoin.Member] = []
        var memberNodes: [Node] = []
        var seen = Set<String>()
        var communityErrors: [ScenarioError] = []
        let entries = top.list("communities", nonEmpty: true) ?? []
        if entries.count > maxCommunities {
            r.fail(top["communities"], "communities", "\(entries.count) communities; a street file takes at most \(maxCommunities) (plan a district as one scenario)")
            throw ScenarioErrors(r.errors)
        }
        for (node, path) in entries {
            guard let f = r.mapping(node, path, required: ["id", "scenario"], optional: ["plan", "origin"]),
                  let id = f.identifier("id"), let scenarioPath = f.string("scenario") else { continue }
            if id.contains(".") {
                r.fail(f["id"], f.path("id"), "`\(id)` has a `.`; a community id prefixes its sites and buildings (`\(id.replacingOccurrences(of: ".", with: "-")).S1`), so use letters, digits, `-` or `_`")
                continue
            }
            guard seen.insert(id).inserted else { r.fail(f["id"], f.path("id"), "community id `\(id)` is used twice; ids must be unique"); continue }
            var origin = Point(x: 0, y: 0)
            if let o = f["origin"], let g = r.mapping(o, f.path("origin"), required: ["x_metres", "y_metres"]) {
                if let x = g.coordinate("x_metres"), let y = g.coordinate("y_metres") { origin = Point(x: x, y: y) }
            }
            let resolved = resolve(scenarioPath, in: directory)
            guard FileManager.default.fileExists(atPath: resolved) else {
                r.fail(f["scenario"], f.path("scenario"), "no scenario file `\(scenarioPath)` (looked for \(resolved)); give the path of a community's scenario, relative to the street file", kind: .missingFile)
                continue
            }
            do {
                let s = try ScenarioLoader.load(path: resolved)
                guard s.communities.isEmpty else {
                    r.fail(f["scenario"], f.path("scenario"), "`\(scenarioPath)` is itself a street file; list its communities here instead")
                    continue
                }
                var plan = s.effectivePlan
                if let p = f["plan"], let planPath = r.string(p, f.path("plan")) {
                    let resolvedPlan = resolve(planPath, in: directory)
                    guard FileManager.default.fileExists(atPath: resolvedPlan) else {
                        r.fail(p, f.path("plan"), "no plan file `\(planPath)` (looked for \(resolvedPlan))", kind: .missingFile)
                        continue
                    }
                    plan = try ScenarioLoader.loadPlan(path: resolvedPlan, for: s)
                }
                members.append(StreetJoin.Member(id: id, scenario: s, plan: plan, origin: origin))
                memberNodes.append(node)
            } catch let e as ScenarioErrors {
                communityErrors += e.errors
            }
        }
        guard r.errors.isEmpty, communityErrors.isEmpty, !members.isEmpty else { throw ScenarioErrors(communityErrors + r.errors) }

        func member(_ key: String, default d: Int) -> Int {
            guard let node = top[key], let id = r.string(node, key) else { return d }
            guard let k = members.firstIndex(where: { $0.id == id }) else {
                r.fail(node, key, "unknown community `\(id)`; communities: " + members.map(\.id).joined(separator: ", "))
                return d
            }
            return k
        }
        let lab = member("lab", default: members.firstIndex { $0.scenario.logistics.lab != nil } ?? 0)
        if top["lab"] != nil, r.errors.isEmpty, members[lab].scenario.logistics.lab == nil {
            r.fail(top["lab"], "lab", "community `\(members[lab].id)` has no `lab` section; name a community whose scenario has one")
        }
        let weather = member("weather", default: 0)
        checkAlike(r, members, memberNodes, lab: lab)
        guard r.errors.isEmpty else { throw ScenarioErrors(r.errors) }

        var (street, plan) = StreetJoin.join(name: name, nameEn: top.name("name_en"), file: file, members: members, lab: lab, weather: weather)
        let siteIDs = KnownIDs(street.sites.map(\.id))
        if let node = top["couriers"] {
            if case .mapping = node, node["fleet"] != nil {
                // The street's own couriers replace the communities'.
                if let p = members.first(where: { !$0.plan.courierTimetable.isEmpty }) {
                    r.fail(node, "couriers", "community `\(p.id)`'s plan times its own couriers, which the street's couriers replace; drop its `courier_timetable` or the street's `couriers.fleet`")
                }
                street.logistics.couriers = ScenarioLoader.readCouriers(r, node, siteIDs: siteIDs)
                for k in street.communities.indices { street.communities[k].couriers = 0..<0 }
                plan.courierTimetable = []
            } else if let f = r.mapping(node, "couriers", required: ["legs"]) {
                // Only legs: the communities keep their couriers, which now go to the street's lab.
                let places = KnownIDs(["lab"] + siteIDs.list)
                for (n, p) in f.list("legs", nonEmpty: true) ?? [] {
                    guard let g = r.mapping(n, p, required: ["from", "to", "minutes"]),
                          let a = g.string("from"), let b = g.string("to"), let m = g.double("minutes", max: Limits.maxMinutes) else { continue }
                    for (k, v) in [("from", a), ("to", b)] where !places.contains(v) {
                        r.fail(g[k], g.path(k), "unknown place `\(v)`; expected `lab` or a site as community.site: " + siteIDs.joined(separator: ", "))
                    }
                    street.logistics.couriers.legs[Couriers.legKey(a, b)] = m
                }
            }
        }
        if let node = top["bus_pool"] {
            let pool = ScenarioLoader.readListOfCohorts(r, node, "bus_pool", siteIDs: siteIDs)
            for c in pool where street.staff.cohorts.contains(where: { $0.id == c.id }) {
                r.fail(node, "bus_pool", "cohort id `\(c.id)` is used twice")
            }
            street.staff.cohorts += pool
            let known = KnownIDs(street.staff.cohorts.map(\.id))
            for c in pool { if let x = c.relieves, !known.contains(x) { r.fail(node, "bus_pool", "cohort `\(c.id)` relieves unknown cohort `\(x)`; known cohorts: " + known.joined(separator: ", ")) } }
        }
        if let node = top["language"], let text = r.string(node, "language") {
            if let l = Language(rawValue: text) { street.publishing.language = l } else { r.fail(node, "language", "unknown language `\(text)`; expected zh (Chinese) or en (English)") }
        }
        street.targets = top.list("targets").map { $0.compactMap { ScenarioLoader.readTarget(r, $0.0, $0.1, round: street.round) } } ?? []
        street.sourceFiles = [file] + members.flatMap(\.scenario.sourceFiles)
        guard r.errors.isEmpty else { throw ScenarioErrors(r.errors) }
        // Every courier leg needs a length now that the street's places are on one map.
        for c in street.logistics.couriers.fleet {
            let stops = ["lab"] + c.route + ["lab"]
            for (a, b) in zip(stops, stops.dropFirst()) where street.courierMinutes(a, b) == nil {
                r.fail(top["couriers"] ?? root, top["couriers"] == nil ? "communities" : "couriers",
                       "no travel time from `\(a)` to `\(b)` on courier \(c.id)'s route; give the communities' `origin` on the street's map and positions for both places, or a leg under the street's `couriers.legs`")
                break
            }
        }
        plan.origin = file
        street.plan = plan
        for p in PlanCheck.problems(street, plan) {
            r.fail(root, "communities", "the communities' plans joined break a plan rule: \(p)")
        }
        guard r.errors.isEmpty else { throw ScenarioErrors(r.errors) }
        return street
    }

    /// The communities share one morning and one lab, so what they share must agree.
    static func checkAlike(_ r: YAMLReader, _ members: [StreetJoin.Member], _ nodes: [Node], lab: Int) {
        let first = members[0].scenario
        for (k, m) in members.enumerated().dropFirst() {
            let s = m.scenario, at = nodes[k]["scenario"], path = "communities[\(k)].scenario"
            if s.round.date != first.round.date || s.round.opening != first.round.opening {
                r.fail(at, path, "community `\(m.id)` opens on \(s.round.date) at \(ClockTime.format(s.round.opening)), `\(members[0].id)` on \(first.round.date) at \(ClockTime.format(first.round.opening)); a street round is one morning: make the scenarios' `round.date` and `round.opening` alike (deadlines may differ)")
            }
        }
        let t0 = members[lab].scenario.logistics.tubes
        for (k, m) in members.enumerated() where k != lab {
            let t = m.scenario.logistics.tubes
            if m.scenario.logistics.lab != nil && (t.poolSize != t0.poolSize || t.maxHoldingSeconds != t0.maxHoldingSeconds) {
                r.fail(nodes[k]["scenario"], "communities[\(k)].scenario", "community `\(m.id)` pools tubes differently from `\(members[lab].id)`, whose lab the street uses; make `tubes.pool_size` and `tubes.max_holding_minutes` alike (box sizes may differ)")
            }
        }
    }

    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }
}
