import Scenario
import SimKit
import SiteModel

/// A planner's target judged on the simulated mean, with a word on whether the confidence
/// interval is narrow enough to trust the verdict.
public struct TargetCheck: Sendable {
    public var target: Target
    public var interval: ConfidenceInterval
    /// Residents who came and were never swabbed (mean over replications).
    public var notSwabbed: Double = 0
    /// Whether the figure leaves out residents never swabbed, who count against the target.
    public var missedByUnswabbed: Bool { target.metric.needsEveryoneSwabbed && notSwabbed > 0 }
    public var met: Bool { !missedByUnswabbed && target.isMet(by: interval.mean) }
    /// The interval straddles the target: more replications are needed to decide.
    public var undecided: Bool { interval.halfWidth > 0 && interval.lower < target.value && target.value < interval.upper }

    public static func evaluate(_ result: ExperimentResult) -> [TargetCheck] {
        let notSwabbed = result[.residentsNotSwabbed].mean
        return result.scenario.targets.map { TargetCheck(target: $0, interval: result[$0.metric], notSwabbed: notSwabbed) }
    }

    public var statement: String {
        let op = target.bound == .atMost ? "<=" : ">="
        let base = "\(target.metric.rawValue) \(op) \(Format.fixed(target.value, 2))"
        return missedByUnswabbed ? base + " (\(Format.fixed(notSwabbed, 1)) residents never swabbed)" : base
    }
}
