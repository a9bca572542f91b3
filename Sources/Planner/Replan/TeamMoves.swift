import Scenario

/// What a re-plan may still change about the swab teams at a morning state's time: breaks not
/// yet taken (earlier or later, or into a weather pause coming, when the site stands idle
/// anyway) and teams not yet dropped (one team from a stop the bus has not reached to another
/// it has not reached). Each candidate is a whole plan; the compile checks it (standing limit,
/// stations per site), so a candidate breaking a rule is skipped by the caller.
public enum TeamMove: Sendable, Equatable {
    /// Team `team` of `cohort` takes the break it would take at `from` at `to` instead.
    case breakMoved(cohort: String, team: Int, from: Double, to: Double)
    /// One team of `cohort` is dropped at `toSite` instead of `fromSite`.
    case teamDropped(cohort: String, fromSite: String, toSite: String)
}

enum TeamMoves {
    /// Minutes a break not yet taken may move by.
    static let breakShifts: [Double] = [-30, -20, -10, 10, 20, 30]

    /// Every team's next break after `at` moved, one team at a time: (the plan, the move).
    /// `s` is the scenario as the morning made it (late buses later, the new weather in).
    static func breakMoves(_ plan: Plan, scenario s: Scenario, at: Double) -> [(Plan, TeamMove)] {
        let roster = TeamRoster(scenario: s, plan: plan)
        let ends = roster.workEnds
        let pauses = s.logistics.weather.forecast.map(\.window.start).filter { $0 > at }
        var out: [(Plan, TeamMove)] = []
        for (t, team) in roster.teams.enumerated() {
            let cohort = s.staff.cohorts[team.cohort].id
            let taken = team.breaks(until: ends[t])
            guard let next = taken.first(where: { $0.start > at }) else { continue }
            // The team is back from its previous break (or ready) at `from`: a break before is
            // no break.
            let from = taken.last(where: { $0.start <= at }).map(\.end) ?? team.readyAt
            var times = breakShifts.map { next.start + $0 * 60 } + pauses
            times = times.filter { $0 > at && $0 > from && $0 < ends[t] && $0 != next.start }
            var seen = Set<Double>()
            for x in times where seen.insert(x).inserted {
                var p = plan
                p.breaks = movingBreak(plan.breaks, cohort: cohort, team: team.number, from: next.start, to: x)
                out.append((p, .breakMoved(cohort: cohort, team: team.number, from: next.start, to: x)))
            }
        }
        return out
    }

    /// The plan's breaks with one team's break at `from` (planned, or the standing limit's)
    /// at `to`, that team's breaks kept in time order where its first one stood.
    static func movingBreak(_ breaks: [PlannedBreak], cohort: String, team: Int, from: Double, to: Double) -> [PlannedBreak] {
        let mine = { (b: PlannedBreak) in b.cohort == cohort && b.team == team }
        var times = breaks.filter(mine).map(\.at).filter { $0 != from }
        times.append(to)
        times.sort()
        let at = breaks.firstIndex(where: mine) ?? breaks.count
        var out = breaks.filter { !mine($0) }
        let before = breaks[..<at].filter { !mine($0) }.count
        out.insert(contentsOf: times.map { PlannedBreak(cohort: cohort, team: team, at: $0) }, at: before)
        return out
    }

    /// One team moved between two stops its bus has not reached at `at`, for every cohort the
    /// plan names in no handover (whose team numbers would then name other teams) and that has
    /// no team gone or late among those stops' numbers. Breaks follow their teams' new numbers.
    static func dropMoves(_ plan: Plan, scenario s: Scenario, state: MorningState) -> [(Plan, TeamMove)] {
        var handed = Set(plan.handovers.map(\.cohort))
        for c in s.staff.cohorts where handed.contains(c.id) { if let r = c.relieves { handed.insert(r) } }
        var out: [(Plan, TeamMove)] = []
        for c in s.staff.cohorts where !handed.contains(c.id) {
            let route = plan.drops.first { $0.cohort == c.id }?.route ?? c.route
            // When the bus reaches each stop, and the team numbers it drops there.
            var clock = c.departsDepot, number = 0
            var firstOpen: Int?
            var numbers: [ClosedRange<Int>?] = []
            for (k, stop) in route.enumerated() {
                clock += stop.travelSeconds
                if clock > state.at && firstOpen == nil { firstOpen = k }
                numbers.append(stop.teams > 0 ? (number + 1)...(number + stop.teams) : nil)
                number += stop.teams
            }
            guard let open = firstOpen, route.count - open >= 2 else { continue }
            let firstMovable = numbers[open...].compactMap { $0?.lowerBound }.min() ?? Int.max
            if state.goneTeams.contains(where: { $0.cohort == c.id && $0.team >= firstMovable }) { continue }
            for i in open..<route.count where route[i].teams >= 2 {
                for j in open..<route.count where j != i && route[j].site != route[i].site {
                    var newRoute = route
                    newRoute[i].teams -= 1
                    newRoute[j].teams += 1
                    var p = plan
                    if let k = p.drops.firstIndex(where: { $0.cohort == c.id }) { p.drops[k].route = newRoute }
                    else { p.drops.append(CohortDrops(cohort: c.id, route: newRoute)) }
                    // The moved team is stop i's last; in the new order it is stop j's last.
                    var order: [Int] = [] // old numbers in new drop order
                    let moved = numbers[i]!.upperBound
                    for k in route.indices {
                        if let r = numbers[k] { order += r.filter { $0 != moved } }
                        if k == j { order.append(moved) }
                    }
                    var renumber: [Int: Int] = [:]
                    for (n, old) in order.enumerated() { renumber[old] = n + 1 }
                    p.breaks = p.breaks.map { b in
                        guard b.cohort == c.id, let n = renumber[b.team] else { return b }
                        var b = b; b.team = n; return b
                    }
                    out.append((p, .teamDropped(cohort: c.id, fromSite: route[i].site, toSite: route[j].site)))
                }
            }
        }
        return out
    }
}

extension TeamMoves {
    /// `moves` with `move` after them; a break moved again is one move from where it first was.
    static func adding(_ move: TeamMove, to moves: [TeamMove]) -> [TeamMove] {
        var out = moves
        if case .breakMoved(let c, let t, let from, let to) = move,
           let k = out.lastIndex(where: { if case .breakMoved(c, t, _, from) = $0 { return true } else { return false } }),
           case .breakMoved(_, _, let first, _) = out[k] {
            out[k] = .breakMoved(cohort: c, team: t, from: first, to: to)
            if first == to { out.remove(at: k) }
            return out
        }
        out.append(move)
        return out
    }
}
