import Scenario

/// What one plan changes from another, in a planner's words: call-ups moved (site or window),
/// breaks planned, teams dropped elsewhere, reliefs paired otherwise, staffing, couriers and
/// door-to-door lists changed. For the report of an optimised plan, so that a planner sees what
/// to do differently, not only that the figures improved.
public enum PlanChanges {
    public static func between(_ s: Scenario, from old: Plan, to new: Plan) -> [String] {
        var out: [String] = []
        func key(_ c: CallUp) -> String { c.building + (c.floors.map { "|\($0.lowerBound)-\($0.upperBound)" } ?? "") }
        func name(_ c: CallUp) -> String {
            let b = s.buildingIndex(c.building).map { s.buildings[$0].name } ?? c.building
            return b + (c.floors.map { " floors \($0.lowerBound)-\($0.upperBound)" } ?? "")
        }
        func site(_ id: String) -> String { s.siteIndex(id).map { s.sites[$0].name } ?? id }
        var before: [String: CallUp] = [:]
        for c in old.callUps { before[key(c)] = c }
        var moved: [String] = []
        var added = 0
        for c in new.callUps {
            guard let b = before[key(c)] else { added += 1; continue }
            if b.site != c.site || b.window != c.window {
                moved.append("\(name(c)): " + (b.site == c.site ? "" : "\(site(b.site)) -> \(site(c.site)), ") + "\(b.window.description) -> \(c.window.description)")
            }
        }
        if !moved.isEmpty {
            out.append("\(moved.count) call-up\(moved.count == 1 ? "" : "s") moved: " + moved.prefix(12).joined(separator: "; ") + (moved.count > 12 ? "; and \(moved.count - 12) more (schedule.csv)" : ""))
        }
        if added > 0 { out.append("\(added) call-ups split or added (schedule.csv)") }
        let oldBreaks = Set(old.breaks.map { "\($0.cohort)|\($0.team)|\($0.at)" })
        let newBreaks = new.breaks.filter { !oldBreaks.contains("\($0.cohort)|\($0.team)|\($0.at)") }
        if !newBreaks.isEmpty {
            out.append("breaks planned one after another instead of all at the standing limit: " + newBreaks.prefix(10).map { "\($0.cohort) team \($0.team) at \(ClockTime.format($0.at))" }.joined(separator: ", ") + (newBreaks.count > 10 ? ", ..." : ""))
        }
        func route(_ p: Plan, _ cohort: Cohort) -> [RouteStop] { p.drops.first { $0.cohort == cohort.id }?.route ?? cohort.route }
        for cohort in s.staff.cohorts {
            let a = route(old, cohort), b = route(new, cohort)
            guard a != b else { continue }
            let was = Dictionary(a.map { ($0.site, $0.teams) }, uniquingKeysWith: +)
            let now = Dictionary(b.map { ($0.site, $0.teams) }, uniquingKeysWith: +)
            let sites = (a.map(\.site) + b.map(\.site)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let diff = sites.filter { was[$0] != now[$0] }.map { "\(now[$0] ?? 0) at \(site($0)) (was \(was[$0] ?? 0))" }
            out.append("cohort \(cohort.id) drops its teams differently: " + diff.joined(separator: ", "))
        }
        if old.handovers != new.handovers && !new.handovers.isEmpty { out.append("relief teams take over other stations (rosters.csv)") }
        if old.staffing.count != new.staffing.count || zip(old.staffing, new.staffing).contains(where: { $0.site != $1.site || $0.period != $1.period || $0.desks != $1.desks || $0.stations != $1.stations }) {
            out.append("desks and stations open by period changed (schedule.csv)")
        }
        if old.courierTimetable != new.courierTimetable { out.append("the courier timetable changed (courier-runs.csv)") }
        if old.doorToDoorLists != new.doorToDoorLists { out.append("door-to-door lists changed") }
        return out
    }
}
