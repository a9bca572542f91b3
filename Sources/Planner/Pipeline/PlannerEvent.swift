import Scenario

/// What a planning run reports as it goes, as values: the CLI prints each in the run's
/// language (`Reports`' `ProgressText`), a server streams them. `seconds` is the time since
/// the run started.
public struct PlannerNote: Sendable {
    public var seconds: Double
    public var event: PlannerEvent
}

public enum PlannerEvent: Sendable {
    /// The bounds, before any search.
    case bounds(Bounds)
    /// A district: `clusters` clusters of nearby sites searched in parallel; `crossing`
    /// call-ups could cross a border (the repair after lets them).
    case clustersStarted(clusters: Int, crossing: Int)
    /// The clusters merged, before the repair across them.
    case clustersMerged(surrogate: Double)
    /// A search still running on the surrogate (said every few seconds).
    case searchRound(Objective, round: Int, surrogate: Double)
    /// A search done: its objective (nil for the repair across clusters), its best surrogate
    /// value and the evaluations it spent.
    case searchDone(Objective?, surrogate: Double, evaluations: Int)
    /// The MILP was not run: too many call-ups, or too many pattern columns.
    case milpSkipped(callUps: Int, columns: Int?)
    /// The MILP was not run: its root relaxation alone would take longer than its stage has.
    case milpTooSlow(columns: Int, rootSeconds: Double, seconds: Double)
    /// The MILP started with this time limit, or this node limit.
    case milpStarted(seconds: Double?, nodes: Int?)
    case milpDone(CallUpMILP.Result)
    /// Staffing searched (drops and breaks), then call-ups again.
    case staffingDone(surrogate: Double)
    /// A candidate set aside before the simulation: it breaks a planning rule.
    case setAside(Selection.Source, RuleViolation)
    /// The selection starts on this many candidates.
    case verifying(candidates: Int)
    /// The selection after each batch.
    case selectionRound(replications: Int, left: Int, candidates: Int)
    /// Worker roles: assigned to this many community workers, or (nil) left to the planner
    /// because they would miss a data-desk target.
    case roles(workers: Int?)
    case chosen(Selection.Source, replications: Int)
    /// The chosen plan compared with the planner's own (when there is one) and the baseline.
    case comparing(withOwnPlan: Bool)
    /// Additions tried in the simulation for a target the chosen plan misses.
    case whatItWouldTake
    /// The re-plan moved a building's call-ups, or a team's break or drop.
    case replanCallUp(building: String, score: Double, candidates: Int)
    case replanTeam(TeamMove, score: Double, candidates: Int)
    case replanDesks(DeskMove, score: Double, candidates: Int)
}

/// Where a run's notes go: a closure the caller passes in, stamped with the budget's clock.
struct Reporter {
    let budget: Budget
    let sink: (PlannerNote) -> Void
    func callAsFunction(_ e: PlannerEvent) { sink(PlannerNote(seconds: budget.elapsed, event: e)) }
}
