import Scenario
import SimKit

/// A planner's target judged on the simulated mean, with a word on whether the confidence
/// interval is narrow enough to trust the verdict.
public struct TargetCheck: Sendable {
    public var target: Target
    public var interval: ConfidenceInterval
    /// Residents who came and were never swabbed (mean over replications).
    public var notSwabbed: Double = 0
    /// Whether the figure leaves out residents never swabbed, who count against the target.
    public var missedByUnswabbed: Bool { target.metric.needsEveryoneSwabbed && notSwabbed > 0 }
    /// For an every-morning target: the share of simulated mornings it holds in, and the share
    /// it must (`Scenario.everyMorningShare`).
    public var holdShare: Double?
    public var requiredShare = 0.9
    public var met: Bool {
        guard !missedByUnswabbed else { return false }
        if let holdShare { return holdShare >= requiredShare - 1e-12 }
        return target.isMet(by: interval.mean)
    }
    /// The interval straddles the target: more replications are needed to decide (a target
    /// judged by its share of mornings is decided by that share).
    public var undecided: Bool { holdShare == nil && interval.halfWidth > 0 && interval.lower < target.value && target.value < interval.upper }

    public static func evaluate(_ result: ExperimentResult) -> [TargetCheck] {
        let notSwabbed = result[.residentsNotSwabbed].mean
        let s = result.scenario
        return s.targets.map { t in
            var c = TargetCheck(target: t, interval: result[t.metric], notSwabbed: notSwabbed)
            if t.isEveryMorning { c.holdShare = t.holdShare(result.runs.map { $0[t.metric] }); c.requiredShare = s.everyMorningShare }
            return c
        }
    }
}
