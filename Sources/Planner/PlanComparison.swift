import Scenario
import SimKit
import SiteModel

/// Plans compared under common random numbers: replication r of every plan sees the same
/// residents, service times and weather (every stream is keyed by seed and replication), so the
/// paired differences have far less noise than the figures themselves.
///
/// Replications are added in batches until every difference that matters is decided (its 95%
/// interval excludes zero, or is narrower than the metric's indifference amount) or the limit
/// is reached.
///
///     let c = try PlanComparison.run(scenario: s, plans: [a, b], seed: 1, jobs: 2, initial: 20, limit: 500)
public struct PlanComparison: Sendable {
    public enum Verdict: String, Sendable {
        case same, better, worse, higher, lower
        case undecided = "not distinguishable"
    }

    public struct Difference: Sendable {
        public var metric: MetricName
        /// Plan minus the first plan, paired by replication.
        public var interval: ConfidenceInterval
        public var verdict: Verdict
    }

    public enum Stop: Sendable, Equatable {
        case decided
        case limitReached(undecided: [String])
    }

    public let results: [ExperimentResult]
    /// `differences[i]` compares plan i + 1 with the first plan.
    public let differences: [[Difference]]
    public let stop: Stop
    /// Every metric some plan reports, in `MetricName.allCases` order.
    public var metricNames: [MetricName] {
        let reported = Set(results.flatMap { $0.metrics.map(\.name) })
        return MetricName.allCases.filter { reported.contains($0) }
    }

    /// Plan `i`'s paired difference from the first in `metric`; nil when either plan lacks it.
    public func difference(_ i: Int, _ metric: MetricName) -> Difference? {
        i > 0 ? differences[i - 1].first { $0.metric == metric } : nil
    }

    /// The metrics whose differences must be decided before stopping.
    public let deciding: [MetricName]

    public var replications: Int { results.first?.replications ?? 0 }

    public static func run(scenario: Scenario, plans: [Plan], seed: UInt64, jobs: Int, initial: Int = 20, batch: Int = 20,
                           limit: Int = 1000, shouldStop: () -> Bool = { false },
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> PlanComparison {
        precondition(plans.count >= 2)
        let model = RoundModel(scenario)
        let rounds = try plans.map { try CompiledRound(model: model, plan: $0) }
        var runs: [[ReplicationResult]] = Array(repeating: [], count: plans.count)
        let deciding = decidingMetrics(scenario, plans[0])
        var n = 0
        var undecided: [String] = []
        repeat {
            let next = n == 0 ? max(2, min(initial, limit)) : min(batch, limit - n)
            // Every plan sees each replication's residents drawn once (common random numbers).
            for (i, batch) in Experiment.runs(rounds, replications: n..<(n + next), seed: seed, jobs: jobs).enumerated() {
                runs[i] += batch
            }
            n += next
            progress?(n)
            undecided = []
            for i in 1..<plans.count {
                for m in deciding where !decided(paired(m, runs[i], runs[0]), m) {
                    undecided.append("\(m.rawValue) (\(plans[i].origin))")
                }
            }
        } while !undecided.isEmpty && n < limit && !shouldStop()
        let results = zip(rounds, runs).map { ExperimentResult(round: $0, seed: seed, runs: $1) }
        // Plans may differ in the metrics that apply (worker roles add worker-hours): a
        // difference exists only for a metric both plans report, and is found by its name.
        let differences = (1..<plans.count).map { i in
            let theirs = Set(results[i].metrics.map(\.name))
            return results[0].metrics.filter { theirs.contains($0.name) }.map { m -> Difference in
                let ci = paired(m.name, runs[i], runs[0])
                return Difference(metric: m.name, interval: ci, verdict: verdict(ci, m.name))
            }
        }
        return PlanComparison(results: results, differences: differences,
                              stop: undecided.isEmpty ? .decided : .limitReached(undecided: undecided), deciding: deciding)
    }

    /// The figures a planner decides on: those with targets, time in system (mean and p95),
    /// the finish time, and the sample age when tubes are followed.
    static func decidingMetrics(_ s: Scenario, _ plan: Plan) -> [MetricName] {
        var m: [MetricName] = [.timeInSystemMinutes, .timeInSystemP95Minutes, .finishTimeMinutesAfterOpening]
        if MetricName.shareSamplesOverAgeLimit.applies(to: s, plan: plan) { m.append(.shareSamplesOverAgeLimit) }
        for t in s.targets where !m.contains(t.metric) { m.append(t.metric) }
        return m
    }

    static func paired(_ m: MetricName, _ a: [ReplicationResult], _ b: [ReplicationResult]) -> ConfidenceInterval {
        ConfidenceInterval(Tally(zip(a, b).map { $0[m] - $1[m] }))
    }

    static func decided(_ ci: ConfidenceInterval, _ m: MetricName) -> Bool {
        ci.halfWidth == 0 || ci.lower > 0 || ci.upper < 0 || ci.halfWidth <= m.indifference
    }

    static func verdict(_ ci: ConfidenceInterval, _ m: MetricName) -> Verdict {
        if ci.mean == 0 && ci.halfWidth == 0 { return .same }
        let up = ci.lower > 0, down = ci.upper < 0
        guard up || down else { return .undecided }
        switch m.better {
        case .lower: return down ? .better : .worse
        case .higher: return up ? .better : .worse
        case .neither: return up ? .higher : .lower
        }
    }
}
