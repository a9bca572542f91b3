import Planner
import Scenario
import SimKit

/// The changes a published plan makes to the scenario's own plan (`PlanChanges`) and their
/// effect on time in system and the finish, as paired differences under common random numbers.
public struct ChangeNote: Sendable {
    public var lines: [String]
    public var effects: [String]
    public var replications: Int

    /// Nil when the plans are the same.
    public static func make(_ s: Scenario, own: Plan, published: Plan, seed: UInt64, jobs: Int) throws -> ChangeNote? {
        let lines = PlanChanges.between(s, from: own, to: published)
        guard !lines.isEmpty else { return nil }
        let c = try PlanComparison.run(scenario: s, plans: [own, published], seed: seed, jobs: jobs, initial: 40, limit: 40)
        var effects: [String] = []
        for (metric, words) in [(MetricName.timeInSystemMinutes, "mean time from arrival to swab done"),
                                (.timeInSystemP95Minutes, "95th percentile of it"),
                                (.finishTimeMinutesAfterOpening, "last swab")] {
            guard let d = c.difference(1, metric) else { continue }
            let x = d.interval
            let change = x.mean < 0 ? "down" : "up"
            effects.append("\(words): \(Format.fixed(c.results[0][metric].mean, 1)) -> \(Format.fixed(c.results[1][metric].mean, 1)) minutes (\(change) \(Format.fixed(abs(x.mean), 1)) ± \(Format.fixed(x.halfWidth, 1)))")
        }
        return ChangeNote(lines: lines, effects: effects, replications: c.replications)
    }
}
