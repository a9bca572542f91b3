import Foundation
import Scenario
import SimKit
import SiteModel

/// The simulation stages: selection, roles, the comparison and what it would take.
extension OptimizeRun {
    /// The candidates for the simulation: the pool (distinct plans), the planner's own, the
    /// baseline. Only plans that keep the planning rules can be chosen; the planner's own plan
    /// and the baseline are simulated beside them whatever they keep. Then Kim-Nelson
    /// selection, the targets first.
    func select() throws -> Optimizer.Result {
        var candidates: [Selection.Candidate] = []
        var surrogateOf: [Double] = []
        var choosable: [Bool] = []
        var seen = Set<Plan>()
        let say = say
        func offer(_ source: Selection.Source, _ plan: Plan, _ value: Double) {
            var unnamed = plan
            unnamed.name = nil
            guard seen.insert(unnamed).inserted, PlanCheck.problems(s, plan).isEmpty else { return }
            let broken = RuleCheck.unpinnedViolations(s, plan)
            guard broken.isEmpty || source == .own || source == .baseline else {
                say(.setAside(source, broken[0]))
                return
            }
            candidates.append(Selection.Candidate(source: source, plan: plan)); surrogateOf.append(value); choosable.append(broken.isEmpty)
        }
        for c in pool { offer(c.source, c.plan, c.surrogate) }
        if let own { offer(.own, own, scored(own).objective(o.objective)) }
        offer(.baseline, baseline, scored(baseline).objective(o.objective))
        try budget.checkCancelled()
        say(.verifying(candidates: candidates.count))
        let delta: Double = o.objective == .mean ? 0.25 : (o.objective == .p95 ? 1 : 0.01)
        let selection = try Selection.run(model: model, candidates: candidates, metric: o.objective.metric, seed: o.seed, jobs: o.jobs,
                                          maxReplications: o.maxReplications, delta: delta, choosable: choosable,
                                          own: candidates.firstIndex { $0.source == .own },
                                          until: budget.deadline(at: ends.selection), cancellation: budget.cancellation,
                                          progress: { [count = candidates.count] in say(.selectionRound(replications: $0, left: $1, candidates: count)) })
        var plan = candidates[selection.chosen].plan
        plan.name = "\(Plan.optimisedNamePrefix) (\(o.objective.rawValue), seed \(o.seed))"
        plan.origin = "optimised"
        let source = candidates[selection.chosen].source
        say(.chosen(source, replications: selection.replications))
        var result = Optimizer.Result(
            objective: o.objective, plan: plan, chosen: source, bounds: bounds, milp: milp,
            candidates: candidates.indices.map {
                Optimizer.Candidate(source: candidates[$0].source, surrogate: surrogateOf[$0], simulated: selection.means[$0],
                                    setAside: selection.eliminated[$0])
            },
            selectionReplications: selection.replications, surrogateEvaluations: evaluations,
            surrogateMeanMinutes: 0, boundMeanMinutes: boundMean, stoppedByTimeLimit: false, seconds: 0)
        result.towers = surrogate.towers.count
        return result
    }

    /// Who does what: hour-by-hour roles for the community workers, kept only if the data
    /// desk's targets still hold with workers off the desk while they escort door-to-door teams
    /// (20 replications; the queues do not depend on roles). Then the chosen plan's surrogate
    /// figure, against the MILP's bound.
    func assignRoles(_ result: inout Optimizer.Result) throws {
        try budget.checkCancelled()
        if result.plan.roles.isEmpty, let roles = WorkerRoles.assign(s, result.plan) {
            var withRoles = result.plan
            withRoles.roles = roles
            let deskTargets = s.targets.filter { $0.metric == .dataItemsOnTimeShare || $0.metric == .dataLargestLatenessMinutes }
            var holds = true
            if !deskTargets.isEmpty {
                let r = Experiment.run(try CompiledRound(model: model, plan: withRoles), replications: 20, seed: o.seed, jobs: o.jobs)
                holds = deskTargets.allSatisfy { $0.isMet(by: r[$0.metric].mean) }
            }
            if holds { result.plan = withRoles }
            say(.roles(workers: holds ? s.staff.communityWorkers : nil))
        }
        result.surrogateMeanMinutes = scored(result.plan).totals().mean
    }

    /// The chosen plan beside the planner's own (if any) and the baseline, paired.
    func compare(_ result: inout Optimizer.Result) throws {
        try budget.checkCancelled()
        var plans = [result.plan]
        if let own { plans.append(own) }
        plans.append(baseline)
        say(.comparing(withOwnPlan: own != nil))
        result.comparison = try PlanComparison.run(scenario: s, plans: plans, seed: o.seed, jobs: o.jobs, initial: 20,
                                                   limit: max(20, o.maxReplications),
                                                   shouldStop: budget.stop(at: ends.comparison))
    }

    /// A target the chosen plan still misses (in the comparison): what it would take, checked
    /// in the simulation.
    func whatItWouldTake(_ result: inout Optimizer.Result) throws {
        guard let c = result.comparison else { return }
        let missed = TargetCheck.evaluate(c.results[0]).filter { !$0.met }.map(\.target)
        guard !missed.isEmpty else { return }
        try budget.checkCancelled()
        say(.whatItWouldTake)
        result.whatItWouldTake = try WhatItWouldTake.run(s, result.plan, missed: missed, seed: o.seed, jobs: o.jobs,
                                                         shouldStop: budget.stop(at: ends.whatItWouldTake))
    }
}
