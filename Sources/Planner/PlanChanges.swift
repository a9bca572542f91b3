import Scenario

/// What one plan changes from another: call-ups moved (site or window), call-ups split by
/// floors, breaks planned, teams dropped elsewhere, reliefs paired otherwise, staffing, couriers
/// and door-to-door lists changed. For the report of an optimised plan, so that a planner sees
/// what to do differently, not only that the figures improved. The report words them
/// (`Wording`), in the scenario's language.
public enum PlanChange: Sendable, Equatable {
    /// A call-up kept (same building and floors) at another site or window.
    public struct Move: Sendable, Equatable {
        public var building: String
        public var floors: ClosedRange<Int>?
        public var fromSite: String
        public var toSite: String
        public var from: ClockWindow
        public var to: ClockWindow
    }
    /// One call-up of a building called otherwise than before (split by floors, say).
    public struct Part: Sendable, Equatable {
        public var floors: ClosedRange<Int>?
        public var site: String
        public var window: ClockWindow
        public init(floors: ClosedRange<Int>?, site: String, window: ClockWindow) { self.floors = floors; self.site = site; self.window = window }
    }
    public struct Recut: Sendable, Equatable {
        public var building: String
        public var parts: [Part]
        public init(building: String, parts: [Part]) { self.building = building; self.parts = parts }
    }
    /// A cohort's teams at one site, now and before.
    public struct Drop: Sendable, Equatable {
        public var site: String
        public var now: Int
        public var was: Int
    }

    case moved([Move])
    /// Buildings whose call-ups are cut otherwise (split by floors, say), each with its new ones.
    case recut([Recut])
    /// Call-ups for buildings the other plan did not call.
    case added(Int)
    case breaksPlanned([PlannedBreak])
    case drops(cohort: String, [Drop])
    case handovers
    case staffing
    case courierTimetable
    case doorToDoorLists
    /// Desk moves the other plan does not have.
    case deskMoves([DeskMove])
}

public enum PlanChanges {
    public static func between(_ s: Scenario, from old: Plan, to new: Plan) -> [PlanChange] {
        var out: [PlanChange] = []
        struct Key: Hashable { var building: String, floors: ClosedRange<Int>? }
        func key(_ c: CallUp) -> Key { Key(building: c.building, floors: c.floors) }
        var before: [Key: CallUp] = [:]
        for c in old.callUps { before[key(c)] = c }
        let newKeys = Set(new.callUps.map(key))
        let recutBuildings = Set(old.callUps.filter { !newKeys.contains(key($0)) }.map(\.building))
        var moved: [PlanChange.Move] = []
        var recut: [(String, [PlanChange.Part])] = []
        var added = 0
        for c in new.callUps {
            guard let b = before[key(c)] else {
                if recutBuildings.contains(c.building) {
                    let part = PlanChange.Part(floors: c.floors, site: c.site, window: c.window)
                    if let k = recut.firstIndex(where: { $0.0 == c.building }) { recut[k].1.append(part) } else { recut.append((c.building, [part])) }
                } else { added += 1 }
                continue
            }
            if b.site != c.site || b.window != c.window {
                moved.append(.init(building: c.building, floors: c.floors, fromSite: b.site, toSite: c.site, from: b.window, to: c.window))
            }
        }
        if !moved.isEmpty { out.append(.moved(moved)) }
        if !recut.isEmpty { out.append(.recut(recut.map { PlanChange.Recut(building: $0.0, parts: $0.1) })) }
        if added > 0 { out.append(.added(added)) }
        let oldBreaks = Set(old.breaks.map { "\($0.cohort)|\($0.team)|\($0.at)" })
        let newBreaks = new.breaks.filter { !oldBreaks.contains("\($0.cohort)|\($0.team)|\($0.at)") }
        if !newBreaks.isEmpty { out.append(.breaksPlanned(newBreaks)) }
        func route(_ p: Plan, _ cohort: Cohort) -> [RouteStop] { p.drops.first { $0.cohort == cohort.id }?.route ?? cohort.route }
        for cohort in s.staff.cohorts {
            let a = route(old, cohort), b = route(new, cohort)
            guard a != b else { continue }
            let was = Dictionary(a.map { ($0.site, $0.teams) }, uniquingKeysWith: +)
            let now = Dictionary(b.map { ($0.site, $0.teams) }, uniquingKeysWith: +)
            let sites = (a.map(\.site) + b.map(\.site)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            out.append(.drops(cohort: cohort.id, sites.filter { was[$0] != now[$0] }.map { .init(site: $0, now: now[$0] ?? 0, was: was[$0] ?? 0) }))
        }
        if old.handovers != new.handovers && !new.handovers.isEmpty { out.append(.handovers) }
        if old.staffing.count != new.staffing.count || zip(old.staffing, new.staffing).contains(where: { $0.site != $1.site || $0.period != $1.period || $0.desks != $1.desks || $0.stations != $1.stations }) {
            out.append(.staffing)
        }
        if old.courierTimetable != new.courierTimetable { out.append(.courierTimetable) }
        if old.doorToDoorLists != new.doorToDoorLists { out.append(.doorToDoorLists) }
        let sent = new.deskMoves.filter { !old.deskMoves.contains($0) }
        if !sent.isEmpty { out.append(.deskMoves(sent)) }
        return out
    }
}
