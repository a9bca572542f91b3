import Foundation

/// Reads a morning state file (`MorningState`) against its scenario and plan: every value
/// positioned and ranged, every id known, unknown keys refused.
///
///     at: "09:40"
///     queues: {S17: 80, S18: {registration: 40, swab: 12}}
///     teams: [{cohort: afternoon, late_minutes: 30}]
///     weather: [{kind: rain, severity: heavy, window: "09:40-10:20"}]
public enum MorningStateLoader {
    static let keys = ["at", "issued", "notice_minutes", "swabbed", "queues", "left", "teams", "desks", "weather"]

    public static func load(path: String, scenario: Scenario, plan: Plan) throws -> MorningState {
        let text = try ScenarioLoader.readText(path)
        return try parse(text, file: path, scenario: scenario, plan: plan)
    }

    public static func parse(_ text: String, file: String, scenario s: Scenario, plan: Plan) throws -> MorningState {
        let r = YAMLReader(file: file)
        guard let root = r.compose(text), let f = r.mapping(root, "", required: ["at"], optional: keys) else { throw ScenarioErrors(r.errors) }
        var state = MorningState(sourcePath: file, at: s.round.opening)
        if let at = f.clock("at") {
            if at < s.round.opening || at >= s.round.deadline {
                r.fail(f["at"], "at", "\(ClockTime.format(at)) is outside the round (\(s.round.window.description)); give the clock time the state describes, after the opening and before the deadline")
            }
            state.at = at
        }
        let siteIDs = KnownIDs(s.sites.map(\.id)), buildingIDs = KnownIDs(s.buildings.map(\.id))
        func site(_ node: Node?, _ path: String, _ id: String) -> Int? {
            guard let i = s.siteIndex(id) else {
                r.fail(node, path, "unknown site `\(id)`; known sites: " + siteIDs.joined(separator: ", ")); return nil
            }
            return i
        }
        let notice = f.minutes("notice_minutes", default: 30, max: 24 * 60) ?? 1800
        state.issued = .started(noticeSeconds: notice)
        if let n = f["issued"] {
            if let text = n.string, text == "started" {
                // the default
            } else {
                var ids = Set<String>()
                for (bn, bp) in r.sequence(n, "issued").map({ $0.enumerated().map { ($0.element, "issued[\($0.offset)]") } }) ?? [] {
                    guard let id = r.string(bn, bp) else { continue }
                    if buildingIDs.contains(id) { ids.insert(id) } else { r.fail(bn, bp, "unknown building `\(id)`; known buildings: " + buildingIDs.joined(separator: ", ")) }
                }
                state.issued = .buildings(ids)
            }
        }
        if let n = f["swabbed"], let g = r.mapping(n, "swabbed", optional: ["sites", "buildings"]) {
            if let m = g["sites"], let sites = r.mapping(m, g.path("sites"), optional: s.sites.map(\.id)) {
                for id in s.sites.map(\.id) { if let v = sites.int(id, max: s.totalResidents) { state.swabbedBySite[id] = v } }
            }
            if let m = g["buildings"], let bs = r.mapping(m, g.path("buildings"), optional: s.buildings.map(\.id)) {
                for b in s.buildings { if let v = bs.int(b.id, max: b.residents) { state.swabbedByBuilding[b.id] = v } }
            }
            if let total = state.swabbedSoFar, total > s.totalResidents {
                r.fail(n, "swabbed", "\(total) residents swabbed, more than the \(s.totalResidents) the scenario has")
            }
        }
        if let n = f["queues"], let g = r.mapping(n, "queues", optional: s.sites.map(\.id)) {
            for id in s.sites.map(\.id) {
                guard let q = g[id] else { continue }
                let path = g.path(id)
                if q.string != nil {
                    if let v = r.int(q, path, max: Limits.maxResidentsPerBuilding) { state.queues[id] = MorningState.Queue(registration: v, swab: 0) }
                } else if let h = r.mapping(q, path, optional: ["registration", "swab"]) {
                    state.queues[id] = MorningState.Queue(registration: h.int("registration", default: 0, max: Limits.maxResidentsPerBuilding) ?? 0,
                                                          swab: h.int("swab", default: 0, max: Limits.maxResidentsPerBuilding) ?? 0)
                }
            }
        }
        if let n = f["left"], let g = r.mapping(n, "left", optional: s.sites.map(\.id)) {
            for id in s.sites.map(\.id) { if let v = g.int(id, max: Limits.maxResidentsPerBuilding) { state.left[id] = v } }
        }
        if let n = f["desks"], let g = r.mapping(n, "desks", optional: s.sites.map(\.id)) {
            for (k, x) in s.sites.enumerated() {
                if let v = g.int(x.id, max: x.registrationDesks) { state.desks[x.id] = v }
                _ = k
            }
        }
        let cohorts = KnownIDs(s.staff.cohorts.map(\.id))
        let roster = TeamRoster(scenario: s, plan: plan)
        for (n, p) in f.list("teams") ?? [] {
            guard let g = r.mapping(n, p, required: ["cohort"], optional: ["late_minutes", "team", "gone"]), let id = g.string("cohort") else { continue }
            guard let ci = s.staff.cohorts.firstIndex(where: { $0.id == id }) else {
                r.fail(g["cohort"], g.path("cohort"), "unknown cohort `\(id)`; known cohorts: " + cohorts.joined(separator: ", ")); continue
            }
            let size = roster.teams.filter { $0.cohort == ci }.count
            if let late = g.minutes("late_minutes", max: 12 * 60) {
                if g["gone"] != nil || g["team"] != nil { r.fail(n, p, "give either `late_minutes` (the whole bus) or `team` with `gone: true`, not both"); continue }
                state.lateCohorts[id] = late
            } else if let gone = g["gone"] {
                guard gone.string == "true" else { r.fail(gone, g.path("gone"), "expected `true` (the team is gone from `at`)"); continue }
                if let t = g.int("team", min: 1, max: max(1, size)) {
                    state.goneTeams.append(MorningState.TeamRef(cohort: id, team: t))
                } else if g["team"] == nil {
                    // The whole cohort gone.
                    for t in 1...max(1, size) { state.goneTeams.append(MorningState.TeamRef(cohort: id, team: t)) }
                }
            } else {
                r.fail(n, p, "say what happened to cohort `\(id)`: `late_minutes: 30` (its bus is late) or `team: 3, gone: true` (a team gone; without `team`, the whole cohort)")
            }
        }
        for (n, p) in f.list("weather") ?? [] {
            guard let g = r.mapping(n, p, required: ["kind", "severity", "window"]),
                  let (kind, severity) = ScenarioLoader.readSeverity(r, g), let window = g.window("window") else { continue }
            state.weather.append(WeatherWindow(kind: kind, severity: severity, window: window))
        }
        guard r.errors.isEmpty else { throw ScenarioErrors(r.errors) }
        return state
    }
}
