import Foundation
import Scenario
import SimKit
import SiteModel
import Planner

/// The report's warnings: where a line is stuck, and advice a planner can follow.
extension ReportPage {
    /// The call-up windows behind a missed waiting target: those whose residents wait longest
    /// at the 95th percentile, worst first, with where they are called.
    static func behindMiss(_ r: ExperimentResult, _ c: TargetCheck, _ w: Wording) -> String? {
        let waiting: Set<MetricName> = [.timeInSystemMinutes, .timeInSystemP50Minutes, .timeInSystemP90Minutes, .timeInSystemP95Minutes,
                                        .shareWaitingOver20Minutes, .shareWaitingOver60Minutes, .waitRegistrationMinutes, .waitSwabMinutes]
        guard waiting.contains(c.target.metric) else { return nil }
        let s = r.scenario, plan = r.plan
        let d = ScheduleFiles.details(r)
        guard !d.isEmpty else { return nil }
        let worst = plan.callUps.indices.map { i in (i, Tally(d.filter { $0.callUps[i].swabbed > 0 }.map { $0.callUps[i].p95Wait }).mean) }
            .filter { $0.1.isFinite && $0.1 >= 20 }.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(5)
        guard !worst.isEmpty else { return nil }
        return w(.behindIt, w.list(worst.map { i, wait in
            let call = plan.callUps[i]
            return w(.behindItem, callUpName(s, w, call), call.window.description, w.siteName(call.site, s), Int(wait.rounded()))
        }))
    }

    static func callUpName(_ s: Scenario, _ w: Wording, _ c: CallUp) -> String {
        w.building(w.buildingName(c.building, s), floors: c.floors)
    }


    static func warnings(_ r: ExperimentResult, advice: CheckedAdvice? = nil, _ w: Wording) -> String {
        let spells = AdviceText.spellLines(r, advice, w)
        var out = Array(spells.prefix(6))
        if spells.count == 7 { out.append(w(.moreSpell)) } else if spells.count > 7 { out.append(w(.moreSpells, spells.count - 6)) }
        let lost = r[.minutesLostToWeather]
        if MetricName.minutesLostToWeather.applies(to: r.scenario, plan: r.plan) && lost.mean > 0 {
            var driven = ""
            if MetricName.residentsGaveUpToWeather.applies(to: r.scenario, plan: r.plan) && r[.residentsGaveUpToWeather].mean >= 0.5 {
                driven = w(.weatherDrivesAway, Int(r[.residentsGaveUpToWeather].mean.rounded()))
            }
            let cost = r[.weatherCostMinutes]
            // A cost the replications cannot tell from zero is said to be that.
            let figure = Format.fixed(cost.mean, 1) + (abs(cost.mean) <= cost.halfWidth ? w(.notFromZero) : "")
            out.append(w(.weatherWarning, Int(lost.mean.rounded()), figure, driven))
        }
        if let advice { out += AdviceText.adviceLines(r, advice, w) }
        out += SummaryTable.warnings(r, w)
        let heading = "<h2>\(HTML.escape(w(.warningsHeading)))</h2>"
        guard !out.isEmpty else { return heading + "<p>\(HTML.escape(w(.noWarnings)))</p>\n" }
        // Each warning a sentence of its own (the terminal's start in lower case after "warning: ").
        return heading + out.map { "<div class=\"warn\">\(HTML.escape($0.prefix(1).uppercased() + $0.dropFirst()))</div>" }.joined() + "\n"
    }
}
