import Foundation
import Scenario
import SimKit
import SiteModel

/// `swabplan optimize` as a pipeline of stages over one shared run (`OptimizeRun`) and one
/// budget (`Budget`, time or evaluations): the bounds; the call-up search on the surrogate
/// (clusters of sites in parallel for a district); the call-up MILP by CBC; staffing (drops and
/// staggered breaks) then call-ups again under it; the candidates, the planner's own plan and
/// the baseline verified in the full simulation under common random numbers and the best
/// chosen by Kim-Nelson selection, the targets first; hour-by-hour worker roles; then the
/// chosen plan compared with the planner's and the baseline, and what it would take to meet a
/// target it still misses. Progress and cancellation are the caller's: notes go to `progress`,
/// and `cancellation` stops the run with `CancellationError`.
///
///     let result = try Optimizer.run(scenario: s, options: Optimizer.Options(objective: .p95, budget: .seconds(60)))
public enum Optimizer {
    public struct Options: Sendable {
        public var objective: Objective
        /// Wall-clock seconds for the whole run (it stops cleanly with the best plan so far),
        /// or a budget of surrogate evaluations: the same seed then gives the same plan on any
        /// number of threads (the MILP gets a node limit instead of a time limit).
        public var budget: Budget.Limit
        public var seed: UInt64
        public var jobs: Int
        public var maxReplications: Int
        /// Whether to compare the chosen plan with the planner's and the baseline and say what
        /// it would take to meet a missed target (`Result.comparison`, `Result.whatItWouldTake`).
        public var explain: Bool

        public init(objective: Objective = .mean, budget: Budget.Limit = .seconds(60), seed: UInt64 = 1, jobs: Int = 1,
                    maxReplications: Int = 100, explain: Bool = true) {
            self.objective = objective; self.budget = budget
            self.seed = seed; self.jobs = jobs; self.maxReplications = maxReplications; self.explain = explain
        }
    }

    public struct Candidate: Sendable {
        public var source: Selection.Source
        /// The surrogate's objective, and the simulation's mean over the selection's replications.
        public var surrogate: Double
        public var simulated: Double
        /// Why it was set aside, if it was.
        public var setAside: Selection.SetAside?
    }

    public struct Result: Sendable {
        public var objective: Objective
        public var plan: Plan
        public var chosen: Selection.Source
        public var bounds: Bounds
        public var milp: CallUpMILP.Result?
        public var candidates: [Candidate]
        public var selectionReplications: Int
        public var surrogateEvaluations: Int
        /// The surrogate's mean minutes of the chosen plan against the MILP's proven lower bound.
        public var surrogateMeanMinutes: Double
        public var boundMeanMinutes: Double?
        /// Towers whose lift queues the surrogate holds: the MILP's model has none, so its bound
        /// is not claimed when there are any.
        public var towers = 0
        /// The chosen plan first, then the planner's own (if any) and the baseline, paired.
        public var comparison: PlanComparison?
        /// For a target the chosen plan still misses: the cheapest additions that meet it.
        public var whatItWouldTake: WhatItWouldTake?
        public var stoppedByTimeLimit: Bool
        public var seconds: Double
    }

    /// Where each stage must end, as a share of the time limit. The surrogate stages share
    /// what the simulation stages do not need: those get `verify`, the share of the limit that
    /// the replications they will likely run take (`OptimizeRun.verifyShare`, from a timed
    /// replication), and the surrogate stages the rest in fixed proportions. Evaluation budgets
    /// are shared out by the stages themselves (`OptimizeRun`), so that a budgeted run's plan
    /// does not change when these do.
    struct Ends: Sendable {
        /// The share of the time limit the simulation stages get.
        var verify: Double
        var search: Double { 1 - verify }
        var clusters: Double { 0.47 * search }
        var repair: Double { 0.64 * search }
        /// The surrogate searches on a single site group, one after another.
        var searches: [Double] { [0.36, 0.53, 0.64].map { $0 * search } }
        var milp: Double { 0.81 * search }
        var staffing: Double { 0.89 * search }
        var callUpsAgain: Double { search }
        var selection: Double { search + 0.55 * verify }
        var comparison: Double { search + 0.85 * verify }
        let whatItWouldTake = 0.995
    }

    public static func run(scenario s: Scenario, options o: Options, cancellation: Cancellation = Cancellation(),
                           progress: @escaping (PlannerNote) -> Void = { _ in }) throws -> Result {
        let budget = Budget(o.budget, cancellation: cancellation)
        var run = OptimizeRun(scenario: s, options: o, budget: budget, say: Reporter(budget: budget, sink: progress))
        try run.searchCallUps()
        try run.solveMILP()
        try run.searchStaffing()
        var result = try run.select()
        try run.assignRoles(&result)
        if o.explain {
            try run.compare(&result)
            try run.whatItWouldTake(&result)
        }
        result.stoppedByTimeLimit = budget.isUp
        result.seconds = budget.elapsed
        return result
    }
}
