import Foundation
import Scenario
import SimKit
import SiteModel

/// `swabplan optimize`: bounds first, then search on the surrogate (call-ups for each surrogate
/// objective, the call-up MILP by CBC, staffing: drops and staggered breaks, then call-ups again
/// under the new staffing), then the candidates, the planner's own plan and the baseline
/// verified in the full simulation under common random numbers and the best chosen by
/// Kim-Nelson selection on the scenario's objective, its targets checked with confidence.
///
///     let result = try Optimizer.run(scenario: s, options: OptimizeOptions(objective: .mean, timeLimit: 60))
public enum Optimizer {
    public struct Options: Sendable {
        public var objective: Objective
        /// Wall-clock seconds for the whole run; it stops cleanly with the best plan so far.
        public var timeLimit: Double
        /// A budget of surrogate evaluations instead: the same seed then gives the same plan on
        /// any number of threads (the MILP gets a node limit instead of a time limit).
        public var evaluations: Int?
        public var seed: UInt64
        public var jobs: Int
        public var maxReplications: Int

        public init(objective: Objective = .mean, timeLimit: Double = 60, evaluations: Int? = nil, seed: UInt64 = 1, jobs: Int = 1,
                    maxReplications: Int = 100) {
            self.objective = objective; self.timeLimit = timeLimit; self.evaluations = evaluations
            self.seed = seed; self.jobs = jobs; self.maxReplications = maxReplications
        }
    }

    public struct Result: Sendable {
        public var objective: Objective
        public var plan: Plan
        public var chosen: String
        public var bounds: Bounds
        public var milp: CallUpMILP.Result?
        /// Each candidate's name, surrogate objective and simulated objective (mean over the
        /// selection's replications), and why it was set aside, if it was.
        public var candidates: [(source: Selection.Source, surrogate: Double, simulated: Double, setAside: Selection.SetAside?)]
        public var selectionReplications: Int
        public var surrogateEvaluations: Int
        /// The surrogate's mean minutes of the chosen plan against the MILP's proven lower bound.
        public var surrogateMeanMinutes: Double
        public var boundMeanMinutes: Double?
        /// Towers whose lift queues the surrogate holds: the MILP's model has none, so its bound
        /// is not claimed when there are any.
        public var towers = 0
        public var stoppedByTimeLimit: Bool
        public var seconds: Double
    }

    public static func run(scenario s: Scenario, options o: Options, progress: @escaping (String) -> Void = { _ in }) throws -> Result {
        let clock = ContinuousClock(), started = clock.now
        func elapsed() -> Double { let d = clock.now - started; return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let deadline = started + .milliseconds(Int(o.timeLimit * 1000))
        var timeUp: Bool { o.evaluations == nil && clock.now >= deadline }
        func say(_ text: String) { progress(String(format: "[%6.1f s] ", elapsed()) + text) }

        let model = RoundModel(s)
        let own = s.plan
        let baseline = s.baselinePlan()
        // Big call-ups split by floors (towers in bands its lifts can carry), so that the parts
        // can go to different sites or windows.
        // The search starts from that plan laid out under the planning rules (`CallUpSpace.ruled`)
        // and only ever makes moves the rules allow.
        let split = CallUpSplit.forSearch(s, own ?? baseline)
        let surrogate = Surrogate(model: model, plan: split)
        let space = CallUpSpace(surrogate, staffed: TeamRoster(scenario: s, plan: split).slotsPerSite)
        let ruledStart = space.ruled(surrogate.placements(of: split))
        let start = surrogate.plan(split, ruledStart)
        let bounds = Bounds(surrogate: surrogate, space: space)
        let latest = bounds.groups.max { $0.earliestFinishMinutes < $1.earliestFinishMinutes }
        say("bounds: \(bounds.groups.count) site group(s); earliest possible finish \(Int((latest?.earliestFinishMinutes ?? 0).rounded(.up))) min after opening (\(latest?.label ?? "-"))"
            + "; teams needed \(bounds.fewestTeams) of \(bounds.teamsAvailable)" + (bounds.impossible.isEmpty ? "" : "; IMPOSSIBLE: " + bounds.impossible.map(\.text).joined(separator: "; ")))

        // Budgets: evaluations when given (deterministic), else shares of the time limit.
        var evaluations = 0
        var pool: [(source: Selection.Source, plan: Plan, surrogate: Double)] = []
        var bestMean: [Surrogate.Placement] = ruledStart
        let clusters = Clusters(surrogate, space: space)
        if clusters.sites.count > 1 {
            // A district: clusters of nearby sites searched in parallel, then a repair over all.
            say("search: \(clusters.sites.count) clusters of about 8 sites in parallel (\(clusters.boundary.count) call-ups could cross a border: the repair after lets them)")
            let perCluster = o.evaluations.map { max(1, Int(Double($0) * 0.5) / clusters.sites.count) }
            let merged = clusters.search(SurrogateState(surrogate, ruledStart), space: space, objective: .mean,
                                         seed: o.seed, budget: perCluster, jobs: o.jobs, seconds: max(1, o.timeLimit * 0.4 - elapsed()))
            var repair = CallUpSearch(SurrogateState(surrogate, merged), space: space, objective: .mean, seed: o.seed &+ 1)
            let repairUntil = started + .milliseconds(Int(o.timeLimit * 1000 * 0.55))
            repair.shouldStop = { o.evaluations == nil && clock.now >= repairUntil }
            say("search: clusters done, surrogate \(String(format: "%.2f", repair.bestValue)); repairing across clusters")
            let budget = o.evaluations.map { Int(Double($0) * 0.1) } ?? Int.max
            repair.descend(budget: budget / 2)
            repair.improve(budget: max(0, budget - repair.state.evaluations))
            evaluations += (perCluster ?? 0) * clusters.sites.count + repair.state.evaluations
            say("search: best surrogate \(String(format: "%.2f", repair.bestValue))")
            bestMean = repair.best
            pool.append((.clusters, surrogate.plan(start, repair.best), repair.bestValue))
        } else {
            // The mean surrogate ranks plans best (checked against the simulation), so every
            // run searches on it, twice from different seeds; a p95 objective also searches on
            // the surrogate's p95. The simulation then judges them on the real objective.
            let searchObjectives: [Objective] = o.objective == .p95 ? [.mean, .p95, .mean] : [.mean, .mean]
            for (k, objective) in searchObjectives.enumerated() {
                let share = k == 0 ? 0.5 : 0.25
                let budget = o.evaluations.map { Int(Double($0) * 0.6 * share) } ?? Int.max
                let until = started + .milliseconds(Int(o.timeLimit * 1000 * (k == 0 ? 0.3 : (k == 1 ? 0.45 : 0.55))))
                var search = CallUpSearch(SurrogateState(surrogate, ruledStart), space: space, objective: objective, seed: o.seed &+ UInt64(k))
                search.shouldStop = { o.evaluations == nil && clock.now >= until }
                search.rateMatched()
                search.descend(budget: min(budget / 4, 50_000))
                var lastSaid = clock.now
                search.improve(budget: max(0, budget - search.state.evaluations)) { round, best in
                    if clock.now - lastSaid > .seconds(3) { lastSaid = clock.now; say("search (\(objective.rawValue)): round \(round), surrogate \(String(format: "%.2f", best))") }
                    return true
                }
                evaluations += search.state.evaluations
                say("search (\(objective.rawValue)): best surrogate \(String(format: "%.2f", search.bestValue)) after \(search.state.evaluations) evaluations")
                pool.append((.search(k + 1, objective: objective), surrogate.plan(start, search.best), search.bestValue))
                if objective == .mean && (k == 0 || search.bestValue < SurrogateState(surrogate, bestMean).objective(.mean, finishBy: search.finishBy)) { bestMean = search.best }
            }
        }

        // The MILP on the mean surrogate, warm-started from the best mean placements.
        var milp: CallUpMILP.Result?
        var boundMean: Double?
        let columns = surrogate.units.count > CallUpMILP.largestProblem ? Int.max
            : CallUpMILP.patterns(surrogate, space: space, warm: bestMean).reduce(0) { $0 + $1.count }
        if surrogate.units.count > CallUpMILP.largestProblem || columns > CallUpMILP.largestColumns {
            say("MILP: skipped, \(surrogate.units.count) call-ups" + (columns == Int.max ? "" : " and \(columns) pattern columns")
                + " (it runs on at most \(CallUpMILP.largestProblem) call-ups and \(CallUpMILP.largestColumns) columns)")
        } else if !timeUp {
            let state = SurrogateState(surrogate, bestMean)
            let warm = bestMean
            let seconds = o.evaluations == nil ? max(1, o.timeLimit * 0.15) : nil
            say("MILP (CBC): call-ups with staffing fixed, " + (seconds.map { String(format: "%.0f s", $0) } ?? "5 nodes"))
            let r = CallUpMILP.solve(state, space: space, warm: warm, seconds: seconds, nodes: o.evaluations == nil ? nil : 5)
            milp = r
            // The MILP brings everyone straight down (no lift queue): a bound on that model only.
            if surrogate.towers.isEmpty {
                boundMean = (r.bound / max(state.residents, 1) + surrogate.registrationMean + surrogate.swabMean) / 60
            }
            say(String(format: "MILP: %d columns, %d rows, %d nodes, gap %.1f%%, %@", r.columns, r.rows, r.nodes, r.gap * 100, r.provenOptimal ? "proven optimal" : "stopped at its limit"))
            if let p = r.placements {
                var st = SurrogateState(surrogate, bestMean)
                for (u, x) in p.enumerated() { st.move(u, to: x) }
                let v = st.objective(.mean)
                if v < SurrogateState(surrogate, bestMean).objective(.mean) - 1e-9 {
                    bestMean = p
                    pool.append((.milp, surrogate.plan(start, p), v))
                }
            }
        }

        // Staffing with call-ups fixed, then call-ups again under it.
        if !timeUp {
            var staffing = StaffingSearch(plan: surrogate.plan(start, bestMean), surrogate: surrogate, placements: bestMean,
                                          objective: .mean, finishBy: CallUpSpace.surrogateFinishBy(s))
            let staffUntil = started + .milliseconds(Int(o.timeLimit * 1000 * 0.65))
            staffing.shouldStop = { o.evaluations == nil && clock.now >= staffUntil }
            staffing.run(budget: o.evaluations.map { max(50, $0 / 20) } ?? 400)
            evaluations += staffing.evaluations
            let restaffed = staffing.surrogate
            var search = CallUpSearch(SurrogateState(restaffed, bestMean), space: space, objective: .mean, seed: o.seed &+ 99)
            let budget = o.evaluations.map { Int(Double($0) * 0.2) } ?? Int.max
            let until = started + .milliseconds(Int(o.timeLimit * 1000 * 0.75))
            search.shouldStop = { o.evaluations == nil && clock.now >= until }
            search.descend(budget: min(budget, 50_000))
            search.improve(budget: max(0, budget - search.state.evaluations)) { _, _ in o.evaluations != nil || clock.now < until }
            evaluations += search.state.evaluations
            var plan = restaffed.plan(staffing.plan, search.best)
            plan.name = nil
            say("staffing: drops and breaks, surrogate \(String(format: "%.2f", search.bestValue))")
            pool.append((.staffing, plan, search.bestValue))
        }

        // Candidates for the simulation: the pool (distinct plans), the planner's own, the baseline.
        // Only plans that keep the planning rules can be chosen; the planner's own plan and the
        // baseline are simulated beside them whatever they keep.
        var candidates: [Selection.Candidate] = []
        var surrogateOf: [Double] = []
        var choosable: [Bool] = []
        var seen = Set<String>()
        func offer(_ source: Selection.Source, _ plan: Plan, _ value: Double) {
            guard seen.insert(PlanCheckKey.key(plan)).inserted, PlanCheck.problems(s, plan).isEmpty else { return }
            let postable = RuleCheck.unpinnedViolations(s, plan).isEmpty
            guard postable || source == .own || source == .baseline else {
                say("\(source.name): set aside, it breaks a planning rule (\(RuleCheck.unpinnedViolations(s, plan)[0]))")
                return
            }
            candidates.append(Selection.Candidate(source: source, plan: plan)); surrogateOf.append(value); choosable.append(postable)
        }
        for c in pool { offer(c.source, c.plan, c.surrogate) }
        // A plan whose call-ups are not the search's units (the planner's own, unsplit; the
        // baseline) is scored on a surrogate of its own call-ups.
        func scored(_ p: Plan) -> SurrogateState {
            let sur = surrogate.fits(p) ? surrogate.restaffed(p) : Surrogate(model: model, plan: p)
            return SurrogateState(sur, sur.placements(of: p))
        }
        if let own { offer(.own, own, scored(own).objective(o.objective)) }
        offer(.baseline, baseline, scored(baseline).objective(o.objective))
        say("verifying \(candidates.count) candidates in the simulation (Kim-Nelson, common random numbers)")
        let delta: Double = o.objective == .mean ? 0.25 : (o.objective == .p95 ? 1 : 0.01)
        let selection = try Selection.run(model: model, candidates: candidates, metric: o.objective.metric, seed: o.seed, jobs: o.jobs,
                                          maxReplications: o.maxReplications, delta: delta, choosable: choosable,
                                          own: candidates.firstIndex { $0.source == .own },
                                          deadline: o.evaluations == nil ? max(deadline, clock.now + .seconds(5)) : nil, progress: say)
        var chosenPlan = candidates[selection.chosen].plan
        // Who does what: hour-by-hour roles for the community workers, kept only if the data
        // desk's targets still hold with workers off the desk while they escort door-to-door
        // teams (20 replications; the queues do not depend on roles).
        if chosenPlan.roles.isEmpty, let roles = WorkerRoles.assign(s, chosenPlan) {
            var withRoles = chosenPlan
            withRoles.roles = roles
            let deskTargets = s.targets.filter { $0.metric == .dataItemsOnTimeShare || $0.metric == .dataLargestLatenessMinutes }
            var holds = true
            if !deskTargets.isEmpty {
                let r = Experiment.run(try CompiledRound(model: model, plan: withRoles), replications: 20, seed: o.seed, jobs: o.jobs)
                holds = deskTargets.allSatisfy { $0.isMet(by: r[$0.metric].mean) }
            }
            if holds { chosenPlan = withRoles }
            say(holds ? "roles: \(s.staff.communityWorkers) community workers given a role for each hour" : "roles: left to the planner (hour-by-hour roles would miss a data-desk target)")
        }
        chosenPlan.name = "\(Plan.optimisedNamePrefix) (\(o.objective.rawValue), seed \(o.seed))"
        chosenPlan.origin = "optimised"
        let means = selection.means
        let chosenState = scored(chosenPlan)
        say("chosen: \(candidates[selection.chosen].name) after \(selection.replications) replications")
        var result = Result(objective: o.objective, plan: chosenPlan, chosen: candidates[selection.chosen].name, bounds: bounds, milp: milp,
                            candidates: candidates.indices.map { (candidates[$0].source, surrogateOf[$0], means[$0], selection.eliminated[$0]) },
                            selectionReplications: selection.replications, surrogateEvaluations: evaluations,
                            surrogateMeanMinutes: chosenState.totals().mean, boundMeanMinutes: boundMean,
                            stoppedByTimeLimit: o.evaluations == nil && clock.now >= deadline, seconds: elapsed())
        result.towers = surrogate.towers.count
        return result
    }
}

/// Two plans are the same candidate when they would be written the same.
enum PlanCheckKey {
    static func key(_ p: Plan) -> String {
        var q = p
        q.name = nil
        return PlanWriter.yaml(q)
    }
}
