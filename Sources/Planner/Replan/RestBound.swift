import Scenario
import SimKit
import SiteModel

/// How soon the rest of a round can end whatever the plan, counting who is really there: the
/// latest of
/// - the swab teams: the residents still to swab over the station time the teams give from the
///   state's time, each team from when it is at its site and set up (a relief team from its
///   arrival), less its breaks, until its shift ends or its relief takes over (as the
///   simulation runs them: a team leaves at its shift's end after the resident in hand), each
///   swab the scenario's mean; infinite when the shifts end before the work is done;
/// - registration: the same residents over the desks working (the state's, else every desk a
///   registrar can run), each the mean registration;
/// - each site's line: the people the state has in its registration line over its desks;
/// - each tower's lifts: the riders of its call-ups not yet begun (the fewest who come in all but
///   one morning in a thousand) down its lifts, full cars, from the first of those windows, and
///   the walk to their site.
/// No plan can end before it; a finish target before it is ruled out.
public struct RestBound: Sendable {
    /// What sets the bound.
    public enum Cause: Sendable, Equatable {
        case teams
        case desks(Int)
        /// A site's registration line, its people and desks.
        case line(site: String, people: Int, desks: Int)
        /// A tower's lifts: its riders still to come down, and its working lifts.
        case lifts(building: String, riders: Int, lifts: Int)
    }

    public var at: Double
    /// Residents still to swab (expected): those who come from `at`, the people in line and
    /// those coming back.
    public var residentsLeft: Double
    /// Swabs an hour the teams working at `at` can give.
    public var swabsPerHour: Double
    /// Teams working at `at`.
    public var teams: Int
    /// The teams at work from each clock time on, from `at`, where the count changes (relief
    /// arriving, shifts handed over; breaks left out of the count, not of the bound).
    public var teamSteps: [(at: Double, teams: Int)]
    /// The earliest clock time the last swab can be, and what sets it.
    public var earliestFinish: Double
    public var cause: Cause
    /// The earliest by each limit: the teams, the desks, the worst line.
    public var teamsFinish: Double
    public var desksFinish: Double
    public var opening: Double

    init(_ s: Scenario, plan: Plan, state: MorningState, keptRuns: [ReplicationResult]) {
        // Residents the kept plan swabbed or left unswabbed from `at`: the residents left, which
        // no plan changes (who comes does not depend on the plan).
        let n = Double(keptRuns.count)
        self.init(s, plan: plan, state: state,
                  residentsLeft: keptRuns.map { $0[.residentsSwabbed] + $0[.residentsNotSwabbed] + $0[.residentsGaveUp] }.reduce(0, +) / max(n, 1))
    }

    init(_ s: Scenario, plan: Plan, state: MorningState, residentsLeft: Double) {
        at = state.at
        opening = s.round.opening
        self.residentsLeft = residentsLeft
        let roster = TeamRoster(scenario: s, plan: plan)
        var goneIDs = Set<String>()
        for g in state.goneTeams { goneIDs.insert("\(g.cohort)#\(g.team)") }
        let present = roster.teams.indices.filter { !goneIDs.contains("\(s.staff.cohorts[roster.teams[$0].cohort].id)#\(roster.teams[$0].number)") }
        // Each team's working span: from when it is ready (not before `at`) until its shift ends
        // or its relief (present) is ready, whichever comes first.
        var until = roster.teams.map(\.shiftEnd)
        for i in present { if let r = roster.teams[i].relieves { until[r] = min(until[r], roster.teams[i].readyAt) } }
        let spans = present.compactMap { i -> (team: TeamRoster.Team, from: Double, to: Double)? in
            let t = roster.teams[i]
            let from = max(state.at, t.readyAt), to = until[i]
            return to > from ? (t, from, to) : nil
        }
        teams = spans.filter { $0.from <= state.at }.count
        var steps: [(at: Double, teams: Int)] = []
        let changes = Set(spans.flatMap { [$0.from, $0.to] }.filter { $0.isFinite && $0 >= state.at }).sorted()
        for t in changes {
            let k = spans.filter { $0.from <= t && t < $0.to }.count
            if steps.last?.teams != k { steps.append((t, k)) }
        }
        teamSteps = steps
        let swab = Distribution(s.service.swab).mean
        swabsPerHour = 3600 / swab * Double(teams)
        // Station time by clock time `x`: each span's time up to `x` less its breaks.
        func capacity(_ x: Double) -> Double {
            var total = 0.0
            for sp in spans where x > sp.from {
                let end = min(x, sp.to)
                total += end - sp.from
                for b in sp.team.breaks(until: end) where b.end > sp.from { total -= min(end, b.end) - max(sp.from, b.start) }
            }
            return total
        }
        teamsFinish = RestBound.earliest(work: residentsLeft * swab, from: state.at, capacity: spans.isEmpty ? nil : capacity)
        // Registration: desks working now (the state's where it says, else every desk that a
        // registrar or community worker can run).
        let registration = Distribution(s.service.registration).mean
        let people = s.staff.registrars + s.staff.communityWorkers
        let desks = min(people, s.sites.reduce(0) { $0 + (state.desks[$1.id] ?? $1.registrationDesks) })
        desksFinish = desks > 0 ? state.at + residentsLeft * registration / Double(desks) : (residentsLeft > 0 ? .infinity : state.at)
        var worst: (finish: Double, cause: Cause) = teamsFinish >= desksFinish ? (teamsFinish, .teams) : (desksFinish, .desks(desks))
        for site in s.sites {
            guard let q = state.queues[site.id], q.registration > 0 else { continue }
            let d = state.desks[site.id] ?? site.registrationDesks
            let finish = d > 0 ? state.at + Double(q.registration) * registration / Double(d) : .infinity
            if finish > worst.finish { worst = (finish, .line(site: site.id, people: q.registration, desks: d)) }
        }
        for (bi, b) in s.buildings.enumerated() where b.lifts > 0 && b.floors > s.walking.stairsUpToFloor {
            let ahead = plan.callUps.filter { $0.building == b.id && $0.window.start >= state.at }
            guard let first = ahead.map(\.window.start).min(), let site = ahead.first.flatMap({ s.siteIndex($0.site) }) else { continue }
            // Riders: residents of those floors above the walkers, less door-to-door, at the low
            // quantile of turnout.
            var upstairs = 0
            let callers = b.residents - s.doorToDoorResidents(b)
            for c in ahead {
                let f = c.floors ?? 1...b.floors
                let from = CompiledRound.firstResident(onFloor: max(f.lowerBound, s.walking.stairsUpToFloor + 1), residents: b.residents, floors: b.floors)
                let to = min(callers, CompiledRound.firstResident(onFloor: f.upperBound + 1, residents: b.residents, floors: b.floors))
                upstairs += max(0, to - from)
            }
            let p = s.arrivals.turnoutShare
            let riders = max(0, Int((Double(upstairs) * p - 3.1 * (Double(upstairs) * p * (1 - p)).squareRoot()).rounded(.down)))
            guard riders > 0 else { continue }
            let trips = (riders + s.walking.liftCapacityPersons - 1) / s.walking.liftCapacityPersons
            let perLift = (trips + b.lifts - 1) / b.lifts
            let trip = s.walking.liftRoundTrip(toFloor: s.walking.stairsUpToFloor + 1)
            let walk = s.walkingSeconds(building: s.buildings[bi], site: s.sites[site]) ?? 0
            let finish = first + Double(perLift - 1) * trip + trip / 2 + walk
            if finish > worst.finish { worst = (finish, .lifts(building: b.id, riders: riders, lifts: b.lifts)) }
        }
        earliestFinish = worst.finish
        cause = worst.cause
    }

    /// The first time the capacity reaches `work` (bisection: capacity grows with time); the
    /// start when there is no work, never when there is no capacity.
    static func earliest(work: Double, from start: Double, capacity: ((Double) -> Double)?) -> Double {
        guard work > 0 else { return start }
        guard let capacity else { return .infinity }
        var lo = start, hi = start + 3600.0
        while capacity(hi) < work {
            hi += 4 * 3600
            if hi > start + 2 * 86400 { return .infinity }
        }
        for _ in 0..<60 { let mid = (lo + hi) / 2; if capacity(mid) >= work { hi = mid } else { lo = mid } }
        return hi
    }

    /// Whether no plan can meet `t` any more.
    public func rulesOut(_ t: Target) -> Bool {
        switch (t.metric, t.bound) {
        case (.finishTimeMinutesAfterOpening, .atMost): return (earliestFinish - opening) / 60 > t.value
        default: return false
        }
    }
}
