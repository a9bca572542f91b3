import Foundation
import Scenario
import SimKit
import SiteModel
import Planner

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network), in the
/// scenario's language. A verdict and the targets first, then what the plan changes, the
/// warnings in plain words (`ReportPage+Advice`), what-if figures, the charts
/// (`ReportPage+Charts`) and every figure with its interval.
enum ReportPage {
    static let style = """
    body{padding:16px}
    h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}
    table{font-size:13px}td,th{padding:3px 6px;border-bottom:1px solid #eee;text-align:right}
    td:first-child,th:first-child{text-align:left}.met{color:#17692b;font-weight:bold}.missed{color:#b3261e;font-weight:bold}
    td.met,td.missed{white-space:nowrap}
    .warn{background:#fff4e5;border-left:4px solid #e8a33d;padding:6px 10px;margin:6px 0}.muted{font-size:12px}
    figure{margin:14px 0;overflow-x:auto}figcaption{font-size:12px;color:#555}
    svg.narrow{display:none}
    @media (max-width:600px){figure svg{min-width:700px}body{padding:10px}figure svg.wide{display:none}figure svg.narrow{display:block;min-width:0}}
    @page{size:A4;margin:14mm}
    @media print{figure{break-inside:avoid;page-break-inside:avoid;overflow:visible}figure svg{min-width:0}figure svg.narrow{display:none}figure svg.wide{display:block}h2{break-after:avoid;page-break-after:avoid}.warn{break-inside:avoid}}
    """

    static func html(_ r: ExperimentResult, changes: ChangeNote? = nil, sensitivity: Sensitivity? = nil, advice: CheckedAdvice? = nil, _ w: Wording) -> String {
        let s = r.scenario
        var h = PageStyle.head(w.language, title: w(.reportTitle, w.name(s)), style: style)
        h += "<h1>\(HTML.escape(w.name(s)))</h1>\n"
        h += "<p class=\"muted\">\(HTML.escape(w(.reportMeta, w.date(s.round.date), ClockTime.format(s.round.opening), ClockTime.format(s.round.deadline), r.plan.origin, r.replications, r.seed)))</p>\n"
        let checks = TargetCheck.evaluate(r)
        h += "<p class=\"\(checks.allSatisfy(\.met) ? "met" : "missed")\" style=\"font-size:16px\">\(HTML.escape(TargetCheck.verdict(checks, s, w)))</p>\n"
        h += targets(r, w)
        if let changes { h += changeSection(changes, w) }
        h += warnings(r, advice: advice, w)
        if let sensitivity { h += sensitivitySection(r, sensitivity, w) }
        for site in r.sites.indices { h += figure(queueCharts(r, site, w), w(.captionQueue)) }
        h += figure(timeInSystemChart(r, w), w(.captionTimeInSystem))
        h += figure(staffTimeline(r, w), w(.captionStaff))
        if s.logistics.lab != nil { h += figure(sampleAgeChart(r, w), w(.captionSampleAge)) }
        h += figures(r, w)
        h += "<p class=\"muted\">\(HTML.escape(w(.madeBy, s.sourcePath)))</p>\n</body></html>\n"
        return h
    }

    static func figure(_ svg: String, _ caption: String) -> String {
        "<figure>" + svg + "<figcaption>\(HTML.escape(caption))</figcaption></figure>\n"
    }

    /// A table row: cells already escaped; the first is a header cell when `header`.
    static func row(_ cells: [String], header: Bool = false) -> String {
        let tag = header ? "th" : "td"
        return "<tr>" + cells.map { "<\(tag)>\($0)</\(tag)>" }.joined() + "</tr>"
    }

    /// What the published plan does differently from the scenario's own, and what that buys.
    static func changeSection(_ c: ChangeNote, _ w: Wording) -> String {
        var h = "<h2>\(HTML.escape(w(.changesHeading)))</h2><p>\(HTML.escape(w(.changesIntro, c.replications)))</p><ul>"
        for e in c.effects { h += "<li><b>\(HTML.escape(e))</b></li>" }
        for line in c.lines { h += "<li>\(HTML.escape(line))</li>" }
        return h + "</ul>\n"
    }

    /// The plan's p95 and finish if service or turn-out differ from the scenario's figures.
    static func sensitivitySection(_ r: ExperimentResult, _ x: Sensitivity, _ w: Wording) -> String {
        let opening = r.scenario.round.opening
        var h = "<h2>\(HTML.escape(w(.whatIfHeading)))</h2><p>\(HTML.escape(w(.whatIfIntro, x.replications)))</p>"
        h += "<table>" + row(w.columns(.whatIfColumns).map(HTML.escape), header: true)
        h += row([HTML.escape(w(.whatIfAsIs)), Format.fixed(r[.timeInSystemP95Minutes].mean, 1), "",
                  ClockTime.format(opening + r[.finishTimeMinutesAfterOpening].mean * 60), ""])
        func signed(_ c: ConfidenceInterval) -> String { (c.mean > 0 ? "+" : "") + Format.fixed(c.mean, 1) + " ± " + Format.fixed(c.halfWidth, 1) }
        for v in x.rows {
            h += row([HTML.escape(w(Wording.phrase(v.variant))), Format.fixed(v.p95.mean, 1), signed(v.p95Change),
                      ClockTime.format(opening + v.finish.mean * 60), signed(v.finishChange)])
        }
        return h + "</table>\n"
    }

    static func targets(_ r: ExperimentResult, _ w: Wording) -> String {
        let checks = TargetCheck.evaluate(r)
        let heading = "<h2>\(HTML.escape(w(.targetsHeading)))</h2>"
        guard !checks.isEmpty else { return heading + "<p>\(HTML.escape(w(.noTargets)))</p>\n" }
        var h = heading + "<table>" + row(w.columns(.targetColumns).map(HTML.escape), header: true)
        for c in checks {
            // An every-morning target with the share of mornings it holds in.
            let share = c.holdShare.map { w(.targetMornings, Format.percent($0), Format.percent(c.requiredShare)) } ?? ""
            h += "<tr><td>\(HTML.escape(c.plain(r.scenario, w)))</td><td>\(HTML.escape(c.plainFigure(r.scenario, w) + share))</td>"
            h += c.met ? "<td class=\"met\">\(HTML.escape(w(.met)))</td></tr>" : "<td class=\"missed\">\(HTML.escape(w(.missed)))</td></tr>"
            if !c.met, let behind = behindMiss(r, c, w) { h += "<tr><td colspan=\"3\" class=\"muted\">\(HTML.escape(behind))</td></tr>" }
        }
        return h + "</table>\n"
    }

    static func figures(_ r: ExperimentResult, _ w: Wording) -> String {
        var h = "<h2>\(HTML.escape(w(.figuresHeading)))</h2><table>" + row(w.columns(.figureColumns).map(HTML.escape), header: true)
        for m in r.metrics {
            let c = SummaryTable.cells(r, m.name, m.interval, w)
            h += row([HTML.escape(w.metric(m.name)), HTML.escape(c.mean), HTML.escape(c.halfWidth), HTML.escape(c.unit), String(m.interval.count)])
        }
        return h + "</table>\n"
    }
}

extension Wording {
    /// A what-if variant's name in the table.
    static func phrase(_ v: Sensitivity.Variant) -> Phrase {
        switch v {
        case .swabsSlower: return .variantSwabsSlower
        case .swabsFaster: return .variantSwabsFaster
        case .registrationsSlower: return .variantRegistrationsSlower
        case .registrationsFaster: return .variantRegistrationsFaster
        case .moreTurnout: return .variantMoreTurnout
        }
    }
}
