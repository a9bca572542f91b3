import Foundation
import Reports
import Scenario

/// One run: live progress with a cancel button while it runs; its error if it failed; its
/// targets, each site's state over the morning, the map by peak wait and the full report when
/// it is done.
enum RunPage {
    /// The files of a run a page may fetch, and their types.
    static let files = ["report.html": "text/html; charset=utf-8", "report-en.html": "text/html; charset=utf-8",
                        "summary.json": "application/json", "sites.csv": "text/csv; charset=utf-8", "outcome.json": "application/json",
                        "plan.yaml": "text/yaml; charset=utf-8", "optimise.json": "application/json", "compare.json": "application/json",
                        "compare.txt": "text/plain; charset=utf-8", "compare-en.txt": "text/plain; charset=utf-8",
                        "optimise.txt": "text/plain; charset=utf-8", "optimise-en.txt": "text/plain; charset=utf-8",
                        "plan-used.yaml": "text/yaml; charset=utf-8", "replan.txt": "text/plain; charset=utf-8", "replan-en.txt": "text/plain; charset=utf-8", "state.yaml": "text/yaml; charset=utf-8"]

    static func word(_ s: RunRecord.Status) -> UI {
        switch s { case .queued: return .queued; case .running: return .running; case .done: return .done; case .failed: return .failed; case .cancelled: return .cancelled }
    }

    static func html(_ r: RunRecord, folder: String, scenario: Scenario?, written: String? = nil, _ ui: Layout) -> String {
        let q = ScenarioPages.query
        var h = "<p><a href=\"\(ui.link("/scenario?f=" + q(r.scenario)))\">← \(HTML.escape(r.scenario))</a></p>"
        if let written { h += "<p class=\"ok\">\(ui(.written)) \(HTML.escape(written))/</p>" }
        h += "<h1>\(scenario.map { HTML.escape(Wording(ui.language).name($0)) } ?? HTML.escape(r.scenario))</h1>"
        var facts = [ui(kindWord(r.kind))]
        if r.kind == .replan { facts.append("\(ui(.morningAt)) \(HTML.escape(r.at ?? ""))") }
        if r.kind == .optimize || r.kind == .replan { facts.append("\(ui(.timeLimit)) \(Int(r.timeLimit ?? 0)) \(ui(.seconds))") }
        else { facts.append("\(ui(.replications)) \(r.replications)"); facts.append("\(ui(.plan)) " + HTML.escape(r.plans.map { planLabel($0, ui) }.joined(separator: ", "))) }
        facts += ["\(ui(.seed)) \(r.seed)", "\(ui(.status)): <strong>\(ui(word(r.status)))</strong>"]
        h += "<p class=\"muted\">" + facts.joined(separator: " · ") + "</p>"
        switch r.status {
        case .queued, .running:
            let label = word(r.status).text(ui.language)
            h += "<div class=\"card\" data-events=\"\(ui.link("/events?id=" + q(r.id)))\"><div class=\"bar\"><div style=\"width:\(r.replications > 0 ? 100 * r.done / r.replications : 0)%\"></div></div>"
            h += "<p class=\"progress-text\">\(r.done) / \(r.total) · \(HTML.escape(label))</p>"
            h += ui.form("/cancel", Layout.hidden("id", r.id), button: ui(.cancel), klass: "cancel")
            h += "<ul class=\"log\">" + r.log.suffix(30).map { "<li>\(HTML.escape(ui.language == .zh ? $0.zh : $0.en))</li>" }.joined() + "</ul></div>"
        case .failed:
            h += "<div class=\"card\"><p class=\"missed\">\(ui(.error))</p><div class=\"error\">\(HTML.escape(r.error ?? ""))</div></div>"
        case .cancelled:
            break
        case .done:
            switch r.kind {
            case .simulate: h += done(r, folder: folder, scenario: scenario, ui)
            case .optimize: h += optimised(r, folder: folder, ui)
            case .compare: h += compared(r, folder: folder, ui)
            case .replan: h += replanned(r, folder: folder, ui)
            }
        }
        return ui.page(title: r.scenario, h)
    }

    static func done(_ r: RunRecord, folder: String, scenario: Scenario?, _ ui: Layout) -> String {
        guard let data = FileManager.default.contents(atPath: folder + "/outcome.json"),
              let o = try? JSONDecoder().decode(RunOutcome.self, from: data) else { return "<p class=\"missed\">\(ui(.notFound))</p>" }
        let en = ui.language == .en
        var h = "<h2>\(ui(.targets))</h2><div class=\"scroll\"><table class=\"wrap\"><tr><th>\(ui(.target))</th><th>\(ui(.figure))</th><th></th></tr>"
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
        let report = fileLink(r, en ? "report-en.html" : "report.html")
        h += "<h2>\(ui(.report))</h2><p><a href=\"\(HTML.escape(report))\" target=\"_blank\">\(ui(.fullReport))</a> · <a href=\"\(HTML.escape(fileLink(r, "plan-used.yaml")))\">plan-used.yaml</a> · <a href=\"\(HTML.escape(fileLink(r, "summary.json")))\">summary.json</a></p>"
        h += "<iframe class=\"report\" src=\"\(HTML.escape(report))\" title=\"report\"></iframe>"
        h += publication(r, folder: folder, ui)
        return h
    }

    /// A plan's name as the forms show it: the scenario's own, the baseline, or a saved plan's file.
    static func planLabel(_ p: String, _ ui: Layout) -> String {
        switch p {
        case "scenario": return UI.planOwn.text(ui.language)
        case "baseline": return UI.planBaseline.text(ui.language)
        default: return (p as NSString).lastPathComponent
        }
    }

    static func kindWord(_ k: RunRecord.Kind) -> UI {
        switch k { case .simulate: return .kindSimulate; case .optimize: return .kindOptimize; case .compare: return .kindCompare; case .replan: return .kindReplan }
    }

    /// A re-plan: its report (what moved, the targets under both plans, what gets worse), the
    /// form that keeps the new plan, and the publication of only what changed.
    static func replanned(_ r: RunRecord, folder: String, _ ui: Layout) -> String {
        var h = keepForm(r, ui)
        h += "<h2>\(ui(.replanReport))</h2><pre class=\"report\">\(HTML.escape(text(folder, ui.language == .en ? "replan-en.txt" : "replan.txt")))</pre>"
        h += publication(r, folder: folder, ui)
        return h
    }

    static func keepForm(_ r: RunRecord, _ ui: Layout) -> String {
        "<div class=\"card\">" + ui.form("/keep-plan", Layout.hidden("id", r.id)
            + "<label>\(ui(.planName)) <input name=\"name\" required maxlength=\"40\" pattern=\"[\\p{L}\\p{N}_\\-]{1,40}\" title=\"\(ui(.planNameHint))\" value=\"\(r.kind == .replan ? "replanned" : "optimised")\"></label>",
                                           button: ui(.keepPlan)) + " <a href=\"\(HTML.escape(fileLink(r, "plan.yaml")))\">plan.yaml</a></div>"
    }

    static func fileLink(_ r: RunRecord, _ name: String) -> String { "/runfile?id=" + ScenarioPages.query(r.id) + "&name=" + name }

    static func text(_ folder: String, _ name: String) -> String { (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "" }

    /// An optimisation: what the plan changes against the planner's own, building by building,
    /// the optimiser's report (targets beside the planner's plan, what it would take), the plan
    /// file, and the form that keeps it as a named plan of the scenario.
    static func optimised(_ r: RunRecord, folder: String, _ ui: Layout) -> String {
        let en = ui.language == .en
        var h = ""
        if let data = FileManager.default.contents(atPath: folder + "/changes.json"), let o = try? JSONDecoder().decode(OptimizeOutcome.self, from: data) {
            let lines = en ? o.changesEn : o.changesZh
            h += "<h2>\(ui(.changes))</h2>" + (lines.isEmpty ? "<p>\(ui(.noChanges))</p>" : "<ul>" + lines.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>")
        }
        h += keepForm(r, ui)
        h += "<h2>\(ui(.optimiseReport))</h2><pre class=\"report\">\(HTML.escape(text(folder, en ? "optimise-en.txt" : "optimise.txt")))</pre>"
        if !r.log.isEmpty {
            h += "<details><summary>\(ui(.log))</summary><ul class=\"log\">" + r.log.map { "<li>\(HTML.escape(en ? $0.en : $0.zh))</li>" }.joined() + "</ul></details>"
        }
        return h
    }

    /// A comparison: each metric per plan, better cells green and worse red against the first
    /// plan, and each site's line over the morning under every plan on one chart.
    static func compared(_ r: RunRecord, folder: String, _ ui: Layout) -> String {
        guard let data = FileManager.default.contents(atPath: folder + "/compare.json"),
              let c = try? JSONDecoder().decode(CompareOutcome.self, from: data) else { return "<p class=\"missed\">\(ui(.notFound))</p>" }
        let en = ui.language == .en
        let names = c.plans.map { planLabel($0, ui) }
        var h = "<p class=\"muted\">\(ui(.betterNote)) \(ui(.replications)) \(c.replications)</p><div class=\"scroll\"><table class=\"compare\"><tr><th></th>"
        for (k, n) in names.enumerated() { h += "<th>\(k + 1). \(HTML.escape(n))</th>" }
        h += "</tr>"
        for row in c.rows {
            h += "<tr><td>\(HTML.escape(en ? row.en : row.zh))<span class=\"muted\"> (\(HTML.escape(en ? row.unitEn : row.unitZh)))</span></td>"
            for k in row.cells.indices {
                let verdict = row.verdicts[k] ?? ""
                let klass = verdict == "better" ? "better" : (verdict == "worse" ? "worse" : "")
                let diff = row.differences[k].map { "<br><span class=\"muted\">Δ \(HTML.escape($0))</span>" } ?? ""
                h += "<td class=\"num \(klass)\">\(HTML.escape(row.cells[k]))\(diff)</td>"
            }
            h += "</tr>"
        }
        h += "</table></div><h2>\(ui(.lineChart))</h2>"
        for site in c.sites {
            h += "<h3>\(HTML.escape(en ? site.en : site.zh))</h3><div class=\"scroll\">" + LineChart.svg(site.lines, names: names, opening: c.opening, unit: ui(.people)) + "</div>"
        }
        return h
    }

    /// The run's publication: the notices and site sheets to preview, the zip, the folder.
    static func publication(_ r: RunRecord, folder: String, _ ui: Layout) -> String {
        let files = PublicationIndex.read(folder)
        guard !files.isEmpty else { return "" }
        let q = ScenarioPages.query(r.id)
        var h = "<h2>\(ui(.publish))</h2><div class=\"card\"><p>"
        h += "<a class=\"zip\" href=\"\(HTML.escape("/pubzip?id=" + q))\">\(ui(.downloadZip))</a> · "
        h += ui.form("/publish-folder", Layout.hidden("id", r.id), button: ui(.writeFolder), klass: "folder")
        h += " <span class=\"muted\">\(HTML.escape(Workbench.publicationName(r.scenario)))/</span></p>"
        let notices = files.enumerated().filter { $0.element.hasPrefix("notices/") }
        let others = files.enumerated().filter { !$0.element.hasPrefix("notices/") }
        h += "<p>" + others.map { "<a href=\"\(HTML.escape("/pubfile?id=\(q)&k=\($0.offset)"))\" target=\"_blank\">\(HTML.escape($0.element))</a>" }.joined(separator: " · ") + "</p>"
        h += "<details><summary>\(ui(.notices)) (\(notices.count))</summary><p>"
            + notices.map { "<a href=\"\(HTML.escape("/pubfile?id=\(q)&k=\($0.offset)"))\" target=\"_blank\">\(HTML.escape(String($0.element.dropFirst("notices/".count))))</a>" }.joined(separator: " · ")
            + "</p></details></div>"
        return h
    }
}
