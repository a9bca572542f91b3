import Foundation
import Scenario
import SimKit
import SiteModel

/// Re-plans the rest of a round from the morning as it stands (`MorningState`): only what can
/// still move moves: call-ups not yet issued (to a later or earlier window that still gives
/// residents their notice, or to another staffed site they can walk to), breaks not yet taken,
/// and teams not yet dropped (`TeamMoves`); everything issued, and everything past, stays.
/// Each candidate is the rest of the round simulated from the state on the same replications
/// (common random numbers), scored by the targets first (how far each is missed) and then the
/// objective; a greedy search over moves, the best move per call-up kept, until the time
/// limit or no move helps. The kept and the new plan are then compared on fresh replications
/// with paired intervals.
public enum Replanner {
    public struct Options: Sendable {
        public var objective: Objective
        /// Wall-clock seconds for the whole re-plan, or a budget of candidates: the same seed
        /// then gives the same plan on any machine and thread count.
        public var budget: Budget.Limit
        public var seed: UInt64
        public var jobs: Int
        /// Replications a candidate is scored on, and the final comparison's.
        public var searchReplications: Int
        public var compareReplications: Int
        public init(objective: Objective = .p95, budget: Budget.Limit = .seconds(30), seed: UInt64 = 1, jobs: Int = 2,
                    searchReplications: Int = 16, compareReplications: Int = 60) {
            self.objective = objective; self.budget = budget; self.seed = seed; self.jobs = jobs
            self.searchReplications = searchReplications; self.compareReplications = compareReplications
        }
    }

    /// A call-up the re-plan changed: its index in the plan, and before and after.
    public struct Move: Sendable {
        public var index: Int
        public var before: CallUp
        public var after: CallUp
    }

    /// A metric of the rest of the round under the kept plan and the new one, with the paired
    /// difference (new minus kept).
    public struct Figure: Sendable {
        public var metric: MetricName
        public var kept: ConfidenceInterval
        public var replanned: ConfidenceInterval
        public var difference: ConfidenceInterval
    }

    public struct Result: Sendable {
        public var plan: Plan
        public var moves: [Move]
        /// Breaks and drops changed, in the order the search made them (a break moved twice
        /// is said once, from where it was to where it is).
        public var teamMoves: [TeamMove]
        /// Registrars and workers sent to open desks, in the order the search chose them.
        public var deskMoves: [DeskMove]
        /// Call-ups that could move (not issued, not begun).
        public var movable: Int
        public var candidatesTried: Int
        public var seconds: Double
        public var figures: [Figure]
        public var targets: [TargetOutcome]
        public var bound: RestBound
        /// Set when the search's best would have missed this target, which the kept plan
        /// meets, on the fresh replications: the plan is kept as it was.
        public var keptBecause: Target?
    }

    /// A target under both plans, and whether any plan can still meet it.
    public struct TargetOutcome: Sendable {
        public var target: Target
        public var kept: ConfidenceInterval
        public var replanned: ConfidenceInterval
        public var keptMet: Bool
        public var replannedMet: Bool
        /// Set when the bound rules the target out whatever the plan.
        public var impossible: Bool
    }

    public static func run(scenario: Scenario, plan: Plan, state: MorningState, options: Options,
                           cancellation: Cancellation = Cancellation(), progress: @escaping (PlannerNote) -> Void = { _ in }) throws -> Result {
        let budget = Budget(options.budget, cancellation: cancellation)
        let say = Reporter(budget: budget, sink: progress)
        let base = try CompiledRound(scenario: scenario, plan: plan).from(state)
        let s = base.scenario
        let targets = s.targets
        let seeds = 0..<options.searchReplications
        var scoring = (seconds: 0.0, count: 0)
        func score(_ round: CompiledRound) -> Double {
            let started = budget.elapsed
            let runs = Replications.run(count: seeds.count, jobs: options.jobs) { round.simulate(seed: options.seed, replication: seeds.lowerBound + $0) }
            scoring.seconds += budget.elapsed - started; scoring.count += 1
            return Replanner.score(runs, targets: targets, objective: options.objective, share: s.everyMorningShare)
        }
        // The time limit covers the whole re-plan: the search stops while there is still time
        // for one more candidate and the final comparison (both plans on the fresh replications),
        // estimated from the candidates scored so far.
        func outOfTime() -> Bool {
            let perScore = scoring.seconds / Double(max(scoring.count, 1))
            let comparison = perScore * Double(2 * options.compareReplications) / Double(max(options.searchReplications, 1))
            return budget.secondsLeft(until: 1).map { perScore + comparison > $0 } ?? false
        }
        // A budget of candidates, or none (time).
        let candidateBudget = budget.evaluationCount
        let movable = plan.callUps.indices.filter {
            !state.isIssued(plan.callUps[$0]) && plan.callUps[$0].window.start >= state.at && !plan.callUps[$0].pinned
        }
        let movableSet = Set(movable)
        // Sites the morning has short of desks or with a line over what their desks clear in
        // 20 minutes take no one new; the planning rules hold for every candidate (a plan
        // that already broke them as issued breaks them no more).
        let closed = overloaded(s, state: state)
        // No window ends later than the optimiser's would: half an hour before the deadline or
        // an earlier finish target (a window already later may only move earlier).
        let latest = s.round.opening + CallUpSpace.finishLimitMinutes(s) * 60 - CallUpSpace.lastCallMargin
        let staffed = TeamRoster(scenario: s, plan: plan).slotsPerSite
        let violations = { (p: Plan) in RuleCheck.violations(s, p).count }
        var bestViolations = violations(plan)
        var best = base
        var bestScore = score(base)
        var tried = 1
        let notice: Double = { if case .started(let n) = state.issued { return n } else { return 0 } }()
        let earliest = state.at + notice
        var teamMoves: [TeamMove] = []
        var deskMoves: [DeskMove] = []
        var improved = true
        // The best of whole-plan candidates (teams, desks) that beats the plan so far; `spent`
        // when the budget ran out on the way (what it found then is not taken).
        var spent = false
        func bestOf<Move>(_ candidates: [(Plan, Move)]) throws -> (CompiledRound, Double, Move)? {
            var choice: (CompiledRound, Double, Move)?
            for (p, move) in candidates {
                try budget.checkCancelled()
                if let candidateBudget { if tried >= candidateBudget { spent = true; return nil } } else if outOfTime() { spent = true; return nil }
                guard let round = try? best.replacingPlan(p) else { continue }
                tried += 1
                let x = score(round)
                if x < (choice?.1 ?? bestScore) - 1e-9 { choice = (round, x, move) }
            }
            return choice
        }
        search: while improved {
            improved = false
            for i in movable {
                let c = best.plan.callUps[i]
                var choice: (CompiledRound, Double, Int)?
                for candidate in moves(of: i, in: best.plan, scenario: s, movable: movableSet, earliest: earliest, latest: latest,
                                       closed: closed, staffed: staffed) {
                    try budget.checkCancelled()
                    if let candidateBudget { if tried >= candidateBudget { break search } } else if outOfTime() { break search }
                    var round = best
                    do { for (j, x) in candidate { try round.moveCallUp(j, toSite: x.site, window: x.window) } } catch { continue }
                    let v = violations(round.plan)
                    guard v <= bestViolations else { continue }
                    tried += 1
                    let x = score(round)
                    if x < (choice?.1 ?? bestScore) - 1e-9 { choice = (round, x, v) }
                }
                if let (round, x, v) = choice {
                    best = round; bestScore = x; improved = true; bestViolations = v
                    say(.replanCallUp(building: c.building, score: x, candidates: tried))
                }
            }
            // The teams: a break not yet taken, then a team not yet dropped; the best of each.
            for kind in 0..<2 {
                let choice = try bestOf(kind == 0 ? TeamMoves.breakMoves(best.plan, scenario: s, at: state.at)
                                                  : TeamMoves.dropMoves(best.plan, scenario: s, state: state))
                if spent { break search }
                if let (round, x, move) = choice {
                    best = round; bestScore = x; improved = true
                    teamMoves = TeamMoves.adding(move, to: teamMoves)
                    say(.replanTeam(move, score: x, candidates: tried))
                }
            }
            // Desks: people sent from a site with a short line, or the data desk, to open
            // desks at a site the morning left short; the best one.
            let deskChoice = try bestOf(DeskMoves.candidates(best.plan, scenario: s, state: state, short: closed))
            if spent { break search }
            if let (round, x, move) = deskChoice {
                best = round; bestScore = x; improved = true
                deskMoves.append(move)
                say(.replanDesks(move, score: x, candidates: tried))
            }
        }
        // The kept and the new plan on fresh replications (after those the search saw).
        let fresh = options.searchReplications..<(options.searchReplications + options.compareReplications)
        let kept = Replications.run(count: fresh.count, jobs: options.jobs) { base.simulate(seed: options.seed, replication: fresh.lowerBound + $0) }
        let chosen = best
        var new = Replications.run(count: fresh.count, jobs: options.jobs) { chosen.simulate(seed: options.seed, replication: fresh.lowerBound + $0) }
        // A re-plan that misses, on the fresh replications, a target the kept plan meets is not
        // written: the plan is kept, and the report says which target it would have cost.
        func met(_ t: Target, _ runs: [ReplicationResult]) -> Bool {
            t.isMet(mornings: runs.map { $0[t.metric] }, share: s.everyMorningShare)
                && !(t.metric.needsEveryoneSwabbed && runs.contains { $0[.residentsNotSwabbed] > 0 })
        }
        let lost = targets.first { met($0, kept) && !met($0, new) }
        if lost != nil { best = base; new = kept; teamMoves = []; deskMoves = [] }
        // Figures the rest of a round has (not the weather's cost: the weather so far is past).
        let metrics = MetricName.allCases.filter { m in m.applies(to: s, plan: best.plan) && kept.contains { $0[m].isFinite } }
        let figures = metrics.map { m -> Figure in
            let a = kept.map { $0[m] }, b = new.map { $0[m] }
            let pairs = zip(a, b).filter { $0.0.isFinite && $0.1.isFinite }
            return Figure(metric: m, kept: ConfidenceInterval(Tally(a.filter(\.isFinite))), replanned: ConfidenceInterval(Tally(b.filter(\.isFinite))),
                          difference: ConfidenceInterval(Tally(pairs.map { $0.1 - $0.0 })))
        }
        let bound = RestBound(s, plan: best.plan, state: state, keptRuns: kept)
        let outcomes = targets.map { t -> TargetOutcome in
            let a = ConfidenceInterval(Tally(kept.map { $0[t.metric] }.filter(\.isFinite)))
            let b = ConfidenceInterval(Tally(new.map { $0[t.metric] }.filter(\.isFinite)))
            return TargetOutcome(target: t, kept: a, replanned: b,
                                 keptMet: met(t, kept), replannedMet: met(t, new),
                                 impossible: bound.rulesOut(t))
        }
        var newPlan = best.plan
        newPlan.origin = "replanned"
        newPlan.name = "replanned by swabplan from \(ClockTime.format(state.at))"
        let moved = movable.filter { i in
            let a = plan.callUps[i], b = newPlan.callUps[i]
            return a.site != b.site || a.window != b.window
        }.map { Move(index: $0, before: plan.callUps[$0], after: newPlan.callUps[$0]) }
        return Result(plan: newPlan, moves: moved, teamMoves: teamMoves, deskMoves: deskMoves, movable: movable.count, candidatesTried: tried,
                      seconds: budget.elapsed, figures: figures, targets: outcomes, bound: bound, keptBecause: lost)
    }

    /// Lower is better: each target's miss (`Target.miss`: a share of its value, or of mornings
    /// short; times 100, so any miss outweighs the objective), residents left unswabbed, then
    /// the objective's mean.
    static func score(_ runs: [ReplicationResult], targets: [Target], objective: Objective, share: Double) -> Double {
        func mean(_ m: MetricName) -> Double {
            let xs = runs.map { $0[m] }.filter(\.isFinite)
            return xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count)
        }
        var x = mean(objective.metric)
        for t in targets { x += 100 * t.miss(mornings: runs.map { $0[t.metric] }, share: share) }
        return x + 10 * mean(.residentsNotSwabbed)
    }

    /// Where and when call-up `i` may go instead, each a set of call-ups changed, under the
    /// planning rules: its window shifted by up to 45 minutes (never before `earliest`, the
    /// residents' notice, nor past the deadline), the building's other bands pushed along so
    /// that they still follow one another (`BandLayout`); or the whole building to another
    /// site the rules allow it and the morning has not closed (`overloaded`), when none of its
    /// call-ups is issued or pinned.
    static func moves(of i: Int, in plan: Plan, scenario s: Scenario, movable: Set<Int>, earliest: Double, latest: Double,
                      closed: Set<String>, staffed: [Int]) -> [[(Int, CallUp)]] {
        let c = plan.callUps[i]
        guard let bi = s.buildingIndex(c.building) else { return [] }
        // The building's call-ups in the order they are called.
        let group = plan.callUps.indices.filter { plan.callUps[$0].building == c.building }
            .sorted { (plan.callUps[$0].window.start, $0) < (plan.callUps[$1].window.start, $1) }
        let k = group.firstIndex(of: i)!
        let pinned = group.map { !movable.contains($0) }
        let windows = group.map { (plan.callUps[$0].window.start, plan.callUps[$0].window.end) }
        var out: [[(Int, CallUp)]] = []
        let last = max(min(latest, s.round.deadline), windows.map(\.1).max() ?? 0)
        for shift in [-45.0, -30, -15, 15, 30, 45] {
            let to = (start: c.window.start + shift * 60, end: c.window.end + shift * 60)
            guard to.start >= earliest, to.end <= max(min(latest, s.round.deadline), shift < 0 ? c.window.end : 0),
                  let moved = BandLayout.pushed(windows, pinned: pinned, moving: k, to: to, earliest: earliest, latest: last) else { continue }
            out.append(zip(group, moved).compactMap { j, w in
                var x = plan.callUps[j]
                x.window = ClockWindow(start: w.start, end: w.end)
                return x.window == plan.callUps[j].window ? nil : (j, x)
            })
        }
        guard !pinned.contains(true), s.planning.pinnedSite(s.buildings[bi]) == nil else { return out }
        for si in s.allowedSites(bi, staffed: staffed, walk: { s.walkingSeconds(building: s.buildings[$0], site: s.sites[$1]) })
        where s.sites[si].id != c.site && !closed.contains(s.sites[si].id) {
            out.append(group.map { j in var x = plan.callUps[j]; x.site = s.sites[si].id; return (j, x) })
        }
        return out
    }

    /// Sites that take no one new in a re-plan: short of registration desks in the state (fewer
    /// working than the site holds), or with a line over what their desks clear in 20 minutes.
    static func overloaded(_ s: Scenario, state: MorningState) -> Set<String> {
        let registration = Distribution(s.service.registration).mean
        var out = Set<String>()
        for site in s.sites {
            let desks = state.desks[site.id] ?? site.registrationDesks
            if desks < site.registrationDesks { out.insert(site.id); continue }
            if let q = state.queues[site.id], Double(q.registration) > Double(max(desks, 1)) * 1200 / registration { out.insert(site.id) }
        }
        return out
    }
}
