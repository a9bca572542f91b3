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

    /// The target in a planner's words ("all done by 11:30", "95% of residents done within
    /// 20 minutes of arriving"), for the report.
    public func plain(_ s: Scenario) -> String {
        let v = target.value
        let most = target.bound == .atMost
        func pct(_ x: Double) -> String { Format.fixed(x * 100, x * 100 == (x * 100).rounded() ? 0 : 1) + "%" }
        switch (target.metric, most) {
        case (.finishTimeMinutesAfterOpening, true): return "all done by \(ClockTime.format(s.round.opening + v * 60))"
        case (.timeInSystemP95Minutes, true): return "95% of residents done within \(Format.fixed(v, 0)) minutes of arriving"
        case (.timeInSystemP90Minutes, true): return "90% of residents done within \(Format.fixed(v, 0)) minutes of arriving"
        case (.timeInSystemP50Minutes, true): return "half the residents done within \(Format.fixed(v, 0)) minutes of arriving"
        case (.timeInSystemMinutes, true): return "residents done within \(Format.fixed(v, 0)) minutes of arriving, on average"
        case (.shareWaitingOver20Minutes, true): return "at most \(pct(v)) of residents wait over 20 minutes"
        case (.shareSamplesOverAgeLimit, true): return v == 0 ? "no sample reaches the lab past its age limit" : "at most \(pct(v)) of samples reach the lab past their age limit"
        case (.dataItemsOnTimeShare, false): return "\(pct(v)) of the data desk's items cleared on time"
        case (.longestStandingMinutes, true): return "no team stands more than \(Format.fixed(v, 0)) minutes without a break"
        default: return statement
        }
    }

    /// The simulated figure as the planner's words put it (a finish as a clock time too).
    public func plainFigure(_ s: Scenario) -> String {
        let figure = "\(Format.fixed(interval.mean, 2)) ± \(Format.fixed(interval.halfWidth, 2))"
        if target.metric == .finishTimeMinutesAfterOpening { return "\(ClockTime.format(s.round.opening + interval.mean * 60)) (\(figure) min after opening)" }
        return figure
    }

    /// One line for the top of the report: met them all, or which are missed.
    public static func verdict(_ checks: [TargetCheck], _ s: Scenario) -> String {
        guard !checks.isEmpty else { return "The scenario sets no targets." }
        let missed = checks.filter { !$0.met }
        if missed.isEmpty { return "This plan meets all \(checks.count) targets." }
        return "This plan misses \(missed.count) of its \(checks.count) targets: " + missed.map { "\($0.plain(s)) (simulated: \($0.plainFigure(s)))" }.joined(separator: "; ") + ". Do not post the notices before reading the warnings."
    }

    public var statement: String {
        let op = target.bound == .atMost ? "<=" : ">="
        let base = "\(target.metric.rawValue) \(op) \(Format.fixed(target.value, 2))"
        return missedByUnswabbed ? base + " (\(Format.fixed(notSwabbed, 1)) residents never swabbed)" : base
    }
}
