import Foundation
import Reports
import Scenario

/// One run: live progress with a cancel button while it runs; its error if it failed; its
/// targets, each site's state over the morning, the map by peak wait and the full report when
/// it is done.
enum RunPage {
    /// The files of a run a page may fetch, and their types.
    static let files = ["report.html": "text/html; charset=utf-8", "report-en.html": "text/html; charset=utf-8",
                        "summary.json": "application/json", "sites.csv": "text/csv; charset=utf-8", "outcome.json": "application/json"]

    static func word(_ s: RunRecord.Status) -> UI {
        switch s { case .queued: return .queued; case .running: return .running; case .done: return .done; case .failed: return .failed; case .cancelled: return .cancelled }
    }

    static func html(_ r: RunRecord, folder: String, scenario: Scenario?, _ ui: Layout) -> String {
        let q = ScenarioPages.query
        var h = "<p><a href=\"\(ui.link("/scenario?f=" + q(r.scenario)))\">← \(HTML.escape(r.scenario))</a></p>"
        h += "<h1>\(scenario.map { HTML.escape(Wording(ui.language).name($0)) } ?? HTML.escape(r.scenario))</h1>"
        h += "<p class=\"muted\">\(ui(.replications)) \(r.replications) · \(ui(.seed)) \(r.seed) · \(ui(.plan)) \(HTML.escape(r.plan)) · \(ui(.status)): <strong>\(ui(word(r.status)))</strong></p>"
        switch r.status {
        case .queued, .running:
            let label = word(r.status).text(ui.language)
            h += "<div class=\"card\" data-events=\"\(ui.link("/events?id=" + q(r.id)))\"><div class=\"bar\"><div style=\"width:\(r.replications > 0 ? 100 * r.done / r.replications : 0)%\"></div></div>"
            h += "<p class=\"progress-text\">\(r.done) / \(r.replications) · \(HTML.escape(label))</p>"
            h += ui.form("/cancel", Layout.hidden("id", r.id), button: ui(.cancel), klass: "cancel") + "</div>"
        case .failed:
            h += "<div class=\"card\"><p class=\"missed\">\(ui(.error))</p><div class=\"error\">\(HTML.escape(r.error ?? ""))</div></div>"
        case .cancelled:
            break
        case .done:
            h += done(r, folder: folder, scenario: scenario, ui)
        }
        return ui.page(title: r.scenario, h)
    }

    static func done(_ r: RunRecord, folder: String, scenario: Scenario?, _ ui: Layout) -> String {
        guard let data = FileManager.default.contents(atPath: folder + "/outcome.json"),
              let o = try? JSONDecoder().decode(RunOutcome.self, from: data) else { return "<p class=\"missed\">\(ui(.notFound))</p>" }
        let en = ui.language == .en
        var h = "<h2>\(ui(.targets))</h2><div class=\"scroll\"><table><tr><th>\(ui(.target))</th><th>\(ui(.figure))</th><th></th></tr>"
        for t in o.targets {
            h += "<tr><td>\(HTML.escape(en ? t.en : t.zh))</td><td>\(HTML.escape(en ? t.figureEn : t.figureZh))</td>"
            h += "<td class=\"\(t.met ? "met" : "missed")\">\(ui(t.met ? .met : .missed))</td></tr>"
        }
        h += "</table></div>"
        // Each site's state every quarter hour from the opening.
        let opening = scenario?.round.opening ?? 0
        let bins = o.sites.map(\.waits.count).max() ?? 0
        h += "<h2>\(ui(.siteStatus))</h2><p class=\"muted\">\(ui(.waitNote))</p><div class=\"scroll\"><table><tr><th>\(ui(.site))</th><th>\(ui(.peakWait))</th>"
        for b in 0..<bins { h += "<th>\(ClockTime.format(opening + Double(b) * 900))</th>" }
        h += "</tr>"
        for (k, site) in o.sites.enumerated() {
            let name = en ? (o.siteNamesEn.indices.contains(k) ? o.siteNamesEn[k] : site.name) : site.name
            h += "<tr><td>\(HTML.escape(name))</td><td class=\"num\">\(MapSVG.fmt(site.peakWait))</td>"
            for wait in site.waits {
                let level = SiteStatus.level(wait)
                let word: UI = level == .clear ? .clear : (level == .busy ? .busy : .congested)
                h += "<td class=\"\(level.rawValue)\" title=\"\(MapSVG.fmt(wait)) \(ui(.minutes))\">\(ui(word))</td>"
            }
            h += "</tr>"
        }
        h += "</table></div>"
        if let s = scenario {
            let peaks = Dictionary(uniqueKeysWithValues: o.sites.map { ($0.site, $0.peakWait) })
            h += "<h2>\(ui(.map))</h2><div class=\"scroll\">\(MapSVG.draw(s, plan: r.plan == "baseline" ? s.baselinePlan() : s.effectivePlan, peakWait: peaks, Wording(ui.language)))</div>"
        }
        let report = "/runfile?id=" + ScenarioPages.query(r.id) + "&name=" + (en ? "report-en.html" : "report.html")
        h += "<h2>\(ui(.report))</h2><p><a href=\"\(HTML.escape(report))\" target=\"_blank\">\(ui(.fullReport))</a></p>"
        h += "<iframe class=\"report\" src=\"\(HTML.escape(report))\" title=\"report\"></iframe>"
        return h
    }
}
