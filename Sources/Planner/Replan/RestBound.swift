import Scenario
import SimKit
import SiteModel

/// How soon the rest of a round can end whatever the plan: the residents still to swab over
/// the swab stations working from the state's time (teams not gone, at their plan's shifts),
/// each swabbing at the scenario's mean swab time. No plan can end before it; a finish target
/// before it is ruled out.
public struct RestBound: Sendable {
    public var at: Double
    /// Residents still to swab (expected): those who come from `at`, the people in line and
    /// those coming back.
    public var residentsLeft: Double
    /// Swabs an hour the working teams can give, at most.
    public var swabsPerHour: Double
    public var teams: Int
    /// The earliest clock time the last swab can be.
    public var earliestFinish: Double
    public var opening: Double

    init(_ s: Scenario, plan: Plan, state: MorningState, keptRuns: [ReplicationResult]) {
        at = state.at
        opening = s.round.opening
        // Residents the kept plan swabbed or left unswabbed from `at`: the residents left, which
        // no plan changes (who comes does not depend on the plan).
        let n = Double(keptRuns.count)
        residentsLeft = keptRuns.map { $0[.residentsSwabbed] + $0[.residentsNotSwabbed] + $0[.residentsGaveUp] }.reduce(0, +) / max(n, 1)
        let roster = TeamRoster(scenario: s, plan: plan)
        var goneIDs = Set<String>()
        for g in state.goneTeams { goneIDs.insert("\(g.cohort)#\(g.team)") }
        let working = roster.teams.filter { t in
            !goneIDs.contains("\(s.staff.cohorts[t.cohort].id)#\(t.number)") && t.shiftEnd > state.at
        }
        teams = working.count
        let swab = Distribution(s.service.swab).mean
        swabsPerHour = 3600 / swab * Double(working.count)
        // The work is done when the station time from each team's start adds up to it; teams
        // may stay past their shift (overtime), so no plan finishes before this.
        let work = residentsLeft * swab
        let starts = working.map { max(state.at, $0.arrivesAtSite + $0.setupSeconds) }
        var lo = state.at, hi = state.at + 7 * 86400.0
        if starts.isEmpty || work <= 0 { hi = work <= 0 ? state.at : .infinity } else {
            func capacity(_ t: Double) -> Double { starts.reduce(0) { $0 + max(0, t - $1) } }
            for _ in 0..<60 { let mid = (lo + hi) / 2; if capacity(mid) >= work { hi = mid } else { lo = mid } }
        }
        earliestFinish = hi
    }

    /// Whether no plan can meet `t` any more.
    public func rulesOut(_ t: Target) -> Bool {
        switch (t.metric, t.bound) {
        case (.finishTimeMinutesAfterOpening, .atMost): return (earliestFinish - opening) / 60 > t.value
        default: return false
        }
    }
}
