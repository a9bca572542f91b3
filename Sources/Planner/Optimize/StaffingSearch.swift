import Scenario

/// Search over the staffing decisions with call-ups fixed: where each cohort's bus drops its
/// teams (a team moved from one stop to another, with its relief cohort's team alongside), and
/// when teams take their breaks (staggered so that a site is never left without its teams,
/// taken while the forecast pauses the site where one does). Each change is checked by the plan
/// rules and kept only if the surrogate says it helps.
public struct StaffingSearch {
    public private(set) var plan: Plan
    public private(set) var surrogate: Surrogate
    public let placements: [Surrogate.Placement]
    public let objective: Objective
    public let finishBy: Double
    public private(set) var value: Double
    public private(set) var evaluations = 0
    /// Checked between tries: a time limit stops the search with the best so far.
    public var shouldStop: () -> Bool = { false }

    public init(plan: Plan, surrogate: Surrogate, placements: [Surrogate.Placement], objective: Objective, finishBy: Double) {
        self.plan = plan
        self.surrogate = surrogate.restaffed(plan)
        self.placements = placements
        self.objective = objective
        self.finishBy = finishBy
        value = SurrogateState(self.surrogate, placements).objective(objective, finishBy: finishBy)
    }

    /// Tries `candidate`; keeps it when the rules hold and the surrogate improves.
    @discardableResult
    mutating func tryPlan(_ candidate: Plan) -> Bool {
        evaluations += 1
        guard PlanCheck.problems(surrogate.scenario, candidate).isEmpty else { return false }
        let s = surrogate.restaffed(candidate)
        let v = SurrogateState(s, placements).objective(objective, finishBy: finishBy)
        guard v < value - 1e-9 else { return false }
        plan = candidate; surrogate = s; value = v
        return true
    }

    /// Drops, then breaks, then desks, until none improves or the budget is spent.
    public mutating func run(budget: Int) {
        let stop = evaluations + budget
        var improved = true
        while improved && evaluations < stop && !shouldStop() {
            improved = false
            if improveDrops(until: stop) { improved = true }
            if staggerBreaks() { improved = true }
            if allocateDesks(until: stop) { improved = true }
        }
    }

    /// Registration desks per site and hour when there are fewer people to run desks than
    /// desks (registrars and community workers, less those escorting door-to-door teams):
    /// desks shared out in proportion to each site's, then one desk at a time moved from a site
    /// to another in an hour while the surrogate says it helps. With people for every desk
    /// there is nothing to decide: an open desk never makes anyone wait longer.
    mutating func allocateDesks(until stop: Int) -> Bool {
        let s = surrogate.scenario
        let total = s.sites.reduce(0) { $0 + $1.registrationDesks }
        let blocks = s.round.hours
        let teams = s.doorToDoorTeams(under: plan)
        let people = blocks.map { b in
            s.staff.registrars + s.staff.communityWorkers - teams.filter { $0.start < b.end && $0.end > b.start }.count
        }
        guard people.contains(where: { $0 < total }) else { return false }
        // Start: each hour's people shared in proportion to the sites' desks.
        var desks = people.map { n -> [Int] in
            let budget = min(n, total)
            var d = s.sites.map { budget * $0.registrationDesks / max(total, 1) }
            var left = budget - d.reduce(0, +)
            var i = 0
            while left > 0 && i < 10 * s.sites.count {
                let k = i % s.sites.count
                if d[k] < s.sites[k].registrationDesks { d[k] += 1; left -= 1 }
                i += 1
            }
            return d
        }
        func planWith(_ d: [[Int]]) -> Plan {
            var p = plan
            p.staffing = blocks.indices.flatMap { b in
                s.sites.indices.map { k in Staffing(site: s.sites[k].id, period: blocks[b], desks: d[b][k], stations: s.sites[k].swabStations) }
            }
            return p
        }
        var any = tryPlan(planWith(desks))
        var improved = true
        while improved && evaluations < stop && !shouldStop() {
            improved = false
            for b in blocks.indices {
                for from in s.sites.indices where desks[b][from] > 0 {
                    for to in s.sites.indices where to != from && desks[b][to] < s.sites[to].registrationDesks {
                        var d = desks
                        d[b][from] -= 1; d[b][to] += 1
                        if tryPlan(planWith(d)) { desks = d; improved = true; any = true }
                    }
                }
            }
        }
        return any
    }

    /// The route each cohort follows under the plan.
    func routes() -> [String: [RouteStop]] {
        var out: [String: [RouteStop]] = [:]
        for c in surrogate.scenario.staff.cohorts { out[c.id] = c.route }
        for d in plan.drops { out[d.cohort] = d.route }
        return out
    }

    /// Moves one team from a stop to another stop of the same route (and one of the relief
    /// cohort's, if it stops at both), trying every pair; true if any move was kept.
    mutating func improveDrops(until stop: Int) -> Bool {
        let s = surrogate.scenario
        var any = false
        for cohort in s.staff.cohorts where cohort.relieves == nil {
            let relief = s.staff.cohorts.first { $0.relieves == cohort.id }
            let route = routes()[cohort.id] ?? []
            for a in route.indices {
                for b in route.indices where a != b && evaluations < stop && !shouldStop() {
                    let current = routes()
                    guard var mine = current[cohort.id], mine[a].teams > 1 else { continue }
                    mine[a].teams -= 1; mine[b].teams += 1
                    var candidate = plan
                    set(&candidate, cohort.id, mine)
                    if let relief, var theirs = current[relief.id],
                       let ra = theirs.firstIndex(where: { $0.site == mine[a].site }), let rb = theirs.firstIndex(where: { $0.site == mine[b].site }),
                       theirs[ra].teams > 1 {
                        theirs[ra].teams -= 1; theirs[rb].teams += 1
                        set(&candidate, relief.id, theirs)
                    }
                    if tryPlan(candidate) { any = true }
                }
            }
        }
        return any
    }

    func set(_ p: inout Plan, _ cohort: String, _ route: [RouteStop]) {
        if let i = p.drops.firstIndex(where: { $0.cohort == cohort }) { p.drops[i].route = route } else { p.drops.append(CohortDrops(cohort: cohort, route: route)) }
    }

    /// For each site where two or more teams would break within one break length of each
    /// other, plans their breaks one after another, ending where the first would have broken,
    /// or shifted earlier, or into a forecast pause; keeps the best if it helps.
    mutating func staggerBreaks() -> Bool {
        let s = surrogate.scenario
        let roster = TeamRoster(scenario: s, plan: plan)
        let end = roster.workEnds
        let horizon = s.round.deadline
        var any = false
        for site in s.sites.indices where !shouldStop() {
            // Teams at this site with a break at their limit inside the round and no planned one.
            let breaking = roster.teams.indices.filter { t in
                roster.teams[t].site == site && roster.teams[t].plannedBreaks.isEmpty
                    && roster.teams[t].breaks(until: min(end[t], horizon)).first != nil
            }.sorted { roster.teams[$0].breaks(until: end[$0]).first!.start < roster.teams[$1].breaks(until: end[$1]).first!.start }
            guard breaking.count >= 2 else { continue }
            let firstBreak = roster.teams[breaking[0]].breaks(until: end[breaking[0]]).first!.start
            let length = breaking.map { roster.teams[$0].breakSeconds }.max()!
            var pauses: [Double] = []
            for f in s.logistics.weather.forecast where s.logistics.weather.effect(f.kind, f.severity, s.sites[site].cover).swab == 0 {
                pauses.append(f.window.start)
            }
            var best: Plan?
            var bestValue = value
            // Staggered back from the first natural break, shifted by 0 to 60 minutes, or with
            // the first break at the start of a forecast pause.
            var anchors = stride(from: 0.0, through: 3600, by: 900).map { firstBreak - $0 - Double(breaking.count - 1) * length }
            anchors += pauses
            for anchor in anchors {
                var candidate = plan
                for (k, t) in breaking.enumerated() {
                    let team = roster.teams[t]
                    let at = max(team.readyAt, anchor + Double(k) * length)
                    candidate.breaks.append(PlannedBreak(cohort: s.staff.cohorts[team.cohort].id, team: team.number, at: at))
                }
                evaluations += 1
                guard PlanCheck.problems(s, candidate).isEmpty else { continue }
                let v = SurrogateState(surrogate.restaffed(candidate), placements).objective(objective, finishBy: finishBy)
                if v < bestValue - 1e-9 { bestValue = v; best = candidate }
            }
            if let best, tryPlan(best) { any = true }
        }
        return any
    }
}
