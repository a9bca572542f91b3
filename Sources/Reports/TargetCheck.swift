import Scenario
import SimKit
import SiteModel

/// A planner's target judged on the simulated mean, with a word on whether the confidence
/// interval is narrow enough to trust the verdict.
public struct TargetCheck: Sendable {
    public var target: Target
    public var interval: ConfidenceInterval
    public var met: Bool { target.isMet(by: interval.mean) }
    /// The interval straddles the target: more replications are needed to decide.
    public var undecided: Bool { interval.halfWidth > 0 && interval.lower < target.value && target.value < interval.upper }

    public static func evaluate(_ result: ExperimentResult) -> [TargetCheck] {
        result.scenario.targets.map { TargetCheck(target: $0, interval: result[$0.metric]) }
    }

    public var statement: String {
        let op = target.bound == .atMost ? "<=" : ">="
        return "\(target.metric.rawValue) \(op) \(Format.fixed(target.value, 2))"
    }
}
