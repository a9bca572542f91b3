import Foundation
import Scenario
import SimKit
import SiteModel

/// Targets in a planner's words: the report's, the terminal's and the scenario file's.
extension TargetCheck {
    /// The target in a planner's words ("all done by 11:30", "95% of residents done within
    /// 20 minutes of arriving"), in the scenario's language, for the report.
    public func plain(_ s: Scenario, _ w: Wording) -> String {
        let text = TargetCheck.words(target, s, w)
        return missedByUnswabbed ? w(.neverSwabbed, text, Format.people(notSwabbed)) : text
    }

    /// A target in words, in the scenario's language.
    public static func words(_ target: Target, _ s: Scenario, _ w: Wording) -> String {
        let v = target.value
        func pct(_ x: Double) -> String { Format.fixed(x * 100, x * 100 == (x * 100).rounded() ? 0 : 1) + "%" }
        // Whole minutes as whole numbers; a fraction keeps its decimal (0.5, not 0 or 1).
        func minutes(_ x: Double) -> String { Format.fixed(x, x == x.rounded() ? 0 : 1) }
        switch (target.metric, target.bound == .atMost) {
        case (.finishTimeMinutesAfterOpening, true): return w(.targetFinishBy, ClockTime.format(s.round.opening + v * 60))
        case (.timeInSystemP95Minutes, true): return w(.targetP95, minutes(v))
        case (.timeInSystemP90Minutes, true): return w(.targetP90, minutes(v))
        case (.timeInSystemP50Minutes, true): return w(.targetP50, minutes(v))
        case (.timeInSystemMinutes, true): return w(.targetMean, minutes(v))
        case (.shareWaitingOver20Minutes, true): return w(.targetShare20, pct(v))
        case (.shareSamplesOverAgeLimit, true): return v == 0 ? w(.targetNoSampleOverAge) : w(.targetSamplesOverAge, pct(v))
        case (.dataItemsOnTimeShare, false): return w(.targetDataOnTime, pct(v))
        case (.longestStandingMinutes, true): return w(.targetStanding, minutes(v))
        case (_, let most):
            let share = target.metric.unit == "share"
            // The table puts the unit where its language wants it; a share has none.
            return w(most ? .targetAtMost : .targetAtLeast, w.metric(target.metric), share ? pct(v) : Format.fixed(v, v == v.rounded() ? 0 : 2),
                     share ? "" : w.unit(target.metric)).trimmingCharacters(in: .whitespaces)
        }
    }

    /// A target on the terminal: English keeps the metric's name as targets are written in the
    /// scenario file (`time_in_system_p95_minutes <= 20.00`); Chinese says it in words.
    public func terminal(_ s: Scenario, _ w: Wording) -> String { w.language == .en ? statement : plain(s, w) }

    /// A bare target (no simulated figure) on the terminal, as `terminal` words it.
    public static func terminal(_ target: Target, _ s: Scenario, _ w: Wording) -> String {
        w.language == .en ? statement(target) : words(target, s, w)
    }

    /// The simulated figure as the planner's words put it (a finish as a clock time too).
    public func plainFigure(_ s: Scenario, _ w: Wording) -> String {
        let figure = "\(Format.fixed(interval.mean, 2)) ± \(Format.fixed(interval.halfWidth, 2))"
        if target.metric == .finishTimeMinutesAfterOpening {
            return w(.figureAfterOpening, ClockTime.format(s.round.opening + interval.mean * 60), figure)
        }
        return figure
    }

    /// One line for the top of the report: met them all, or which are missed.
    public static func verdict(_ checks: [TargetCheck], _ s: Scenario, _ w: Wording) -> String {
        guard !checks.isEmpty else { return w(.noTargets) }
        let missed = checks.filter { !$0.met }
        if missed.isEmpty { return w(.verdictAllMet, checks.count) }
        return w(.verdictMissed, missed.count, checks.count, w.list(missed.map { w(.verdictItem, $0.plain(s, w), $0.plainFigure(s, w)) }))
    }

    public var statement: String {
        let base = TargetCheck.statement(target)
        return missedByUnswabbed ? base + " (\(Format.people(notSwabbed)) residents never swabbed)" : base
    }

    /// A target as the scenario file writes it: `time_in_system_p95_minutes <= 20.00`.
    public static func statement(_ target: Target) -> String {
        "\(target.metric.rawValue) \(target.bound == .atMost ? "<=" : ">=") \(Format.fixed(target.value, 2))"
    }
}
