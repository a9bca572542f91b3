import Foundation
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
    /// 20 minutes of arriving"), in the scenario's language, for the report.
    public func plain(_ s: Scenario) -> String {
        let w = Wording(s.language)
        let v = target.value
        func pct(_ x: Double) -> String { Format.fixed(x * 100, x * 100 == (x * 100).rounded() ? 0 : 1) + "%" }
        // Whole minutes as whole numbers; a fraction keeps its decimal (0.5, not 0 or 1).
        func minutes(_ x: Double) -> String { Format.fixed(x, x == x.rounded() ? 0 : 1) }
        let text: String
        switch (target.metric, target.bound == .atMost) {
        case (.finishTimeMinutesAfterOpening, true): text = w(.targetFinishBy, ClockTime.format(s.round.opening + v * 60))
        case (.timeInSystemP95Minutes, true): text = w(.targetP95, minutes(v))
        case (.timeInSystemP90Minutes, true): text = w(.targetP90, minutes(v))
        case (.timeInSystemP50Minutes, true): text = w(.targetP50, minutes(v))
        case (.timeInSystemMinutes, true): text = w(.targetMean, minutes(v))
        case (.shareWaitingOver20Minutes, true): text = w(.targetShare20, pct(v))
        case (.shareSamplesOverAgeLimit, true): text = v == 0 ? w(.targetNoSampleOverAge) : w(.targetSamplesOverAge, pct(v))
        case (.dataItemsOnTimeShare, false): text = w(.targetDataOnTime, pct(v))
        case (.longestStandingMinutes, true): text = w(.targetStanding, minutes(v))
        case (_, let most):
            let value = target.metric.unit == "share" ? pct(v) : Format.fixed(v, v == v.rounded() ? 0 : 2)
            let unit = target.metric.unit == "share" ? "" : (s.language == .zh ? w.unit(target.metric) : " " + w.unit(target.metric))
            text = w(most ? .targetAtMost : .targetAtLeast, w.metric(target.metric), value, unit).trimmingCharacters(in: .whitespaces)
        }
        return missedByUnswabbed ? w(.neverSwabbed, text, Format.fixed(notSwabbed, 1)) : text
    }

    /// The simulated figure as the planner's words put it (a finish as a clock time too).
    public func plainFigure(_ s: Scenario) -> String {
        let figure = "\(Format.fixed(interval.mean, 2)) ± \(Format.fixed(interval.halfWidth, 2))"
        if target.metric == .finishTimeMinutesAfterOpening {
            return Wording(s.language)(.figureAfterOpening, ClockTime.format(s.round.opening + interval.mean * 60), figure)
        }
        return figure
    }

    /// One line for the top of the report: met them all, or which are missed.
    public static func verdict(_ checks: [TargetCheck], _ s: Scenario) -> String {
        let w = Wording(s.language)
        guard !checks.isEmpty else { return w(.noTargets) }
        let missed = checks.filter { !$0.met }
        if missed.isEmpty { return w(.verdictAllMet, checks.count) }
        return w(.verdictMissed, missed.count, checks.count, w.list(missed.map { w(.verdictItem, $0.plain(s), $0.plainFigure(s)) }))
    }

    public var statement: String {
        let op = target.bound == .atMost ? "<=" : ">="
        let base = "\(target.metric.rawValue) \(op) \(Format.fixed(target.value, 2))"
        return missedByUnswabbed ? base + " (\(Format.fixed(notSwabbed, 1)) residents never swabbed)" : base
    }
}
