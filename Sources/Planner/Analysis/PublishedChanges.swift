import Scenario

/// What a published plan changes in the scenario's own plan (`PlanChanges`), and what that does:
/// both plans simulated on the same replications (common random numbers, 40 each) for paired
/// differences. Reports' `ChangeNote` says it in words.
public struct PublishedChanges: Sendable {
    public var changes: [PlanChange]
    /// The planner's own plan first, the published one second.
    public var comparison: PlanComparison

    /// Nil when the plans are the same.
    public static func run(_ s: Scenario, own: Plan, published: Plan, seed: UInt64, jobs: Int) throws -> PublishedChanges? {
        let changes = PlanChanges.between(s, from: own, to: published)
        guard !changes.isEmpty else { return nil }
        let c = try PlanComparison.run(scenario: s, plans: [own, published], seed: seed, jobs: jobs, initial: 40, limit: 40)
        return PublishedChanges(changes: changes, comparison: c)
    }
}
