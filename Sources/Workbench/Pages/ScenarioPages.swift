import Foundation
import Reports
import Scenario

/// The workspace's scenarios, and one scenario: its figures, its check, its map, its tables,
/// the run form and its runs.
/// A scenario that did not load: its errors as the CLI prints them.
struct LoadFailure: Error { let text: String }

enum ScenarioPages {
    /// A scenario as the list shows it: loaded, or its first errors.
    static func list(_ ws: Workspace, _ ui: Layout, notice: String? = nil) -> String {
        var h = "<h1>\(ui(.scenarios))</h1>"
        if let notice { h += "<p class=\"ok\">\(HTML.escape(notice))</p>" }
        let files = ws.scenarios()
        if files.isEmpty { h += "<p>\(ui(.noScenarios))</p>" }
        let w = Wording(ui.language)
        for f in files {
            h += "<div class=\"card\"><a href=\"\(ui.link("/scenario?f=" + query(f)))\"><strong>"
            switch load(ws, f) {
            case .success(let s):
                h += HTML.escape(w.name(s)) + "</strong></a> <span class=\"muted\">\(HTML.escape(f))</span><br>"
                h += "<span class=\"muted\">\(HTML.escape(s.round.date)) · \(s.buildings.count) \(ui(.buildings)) · "
                h += "\(s.buildings.reduce(0) { $0 + $1.residents }) \(ui(.residents)) · \(s.sites.count) \(ui(.sites))</span>"
            case .failure(let e):
                h += HTML.escape(f) + "</strong></a><div class=\"error\">\(HTML.escape(firstLines(e.text, 2)))</div>"
            }
            h += "<br>" + ui.form("/duplicate", Layout.hidden("f", f), button: ui(.duplicate), klass: "inline")
            h += "</div>"
        }
        let fields = "<label>\(ui(.planName)) <input name=\"name\" required maxlength=\"40\" pattern=\"[\\p{L}\\p{N}_\\-]{1,40}\" value=\"new-community\"></label>"
            + "<label>\(ui(.residents)) <input name=\"residents\" type=\"number\" min=\"1\" max=\"200000\" value=\"3000\"></label>"
            + "<label>\(ui(.buildings)) <input name=\"buildings\" type=\"number\" min=\"1\" max=\"2000\" value=\"30\"></label>"
            + "<label>\(ui(.sites)) <input name=\"sites\" type=\"number\" min=\"1\" max=\"100\" value=\"4\"></label>"
            + "<label><input name=\"towers\" type=\"checkbox\"> \(ui(.towers))</label>"
        h += "<h2>\(ui(.newScenario))</h2><div class=\"card\"><p class=\"muted\">\(ui(.newNote))</p>" + ui.form("/new", fields, button: ui(.create), klass: "new") + "</div>"
        return ui.page(title: ui.language == .zh ? "方案列表" : "Scenarios", h)
    }

    static func scenario(_ ws: Workspace, _ f: String, runs: [RunRecord], _ ui: Layout) -> String {
        let w = Wording(ui.language)
        var h = ""
        switch load(ws, f) {
        case .failure(let e):
            h += "<h1>\(HTML.escape(f))</h1><p class=\"missed\">\(ui(.checkErrors))</p><div class=\"card error\">\(HTML.escape(e.text))</div>"
            h += "<p><a class=\"edit\" href=\"\(ui.link("/edit?f=" + query(f)))\">\(ui(.edit))</a></p>"
        case .success(let s):
            let residents = s.buildings.reduce(0) { $0 + $1.residents }
            h += "<h1>\(HTML.escape(w.name(s)))</h1><p class=\"muted\">\(HTML.escape(f)) · \(HTML.escape(s.round.date)) · \(ui(.round)) \(HTML.escape(s.round.window.description))"
            h += " · \(s.buildings.count) \(ui(.buildings)) · \(residents) \(ui(.residents)) · \(s.sites.count) \(ui(.sites)) · \(s.staff.cohorts.reduce(0) { $0 + $1.teams }) \(ui(.teams))</p>"
            let warnings = RuleCheck.violations(s, s.effectivePlan)
            h += "<p class=\"ok\">\(ui(.checkOK)) · <a class=\"edit\" href=\"\(ui.link("/edit?f=" + query(f)))\">\(ui(.edit))</a></p>"
            if !warnings.isEmpty {
                h += "<div class=\"card error\">" + warnings.prefix(20).map { HTML.escape(String(describing: $0)) }.joined(separator: "<br>") + "</div>"
            }
            h += "<details><summary>\(ui(.importBuildings))</summary><div class=\"card\" data-import=\"\(HTML.escape("/import?f=" + query(f)))\">"
                + "<p class=\"muted\">\(ui(.importNote))</p><input type=\"file\" class=\"import\" accept=\".xlsx,.csv\"><div class=\"error import-error\"></div></div></details>"
            let saved = ws.plans(for: f)
            h += "<h2>\(ui(.run))</h2><div class=\"card\">" + runForm(f, saved: saved, ui) + "</div>"
            h += "<h2>\(ui(.optimize))</h2><div class=\"card\">" + optimizeForm(f, rules: RuleSettings(s.planning), ui) + "</div>"
            h += "<h2>\(ui(.compare))</h2><div class=\"card\"><p class=\"muted\">\(ui(.comparePlans))</p>" + compareForm(f, saved: saved, ui) + "</div>"
            h += "<h2>\(ui(.replan))</h2><div class=\"card\"><form method=\"get\" action=\"/morning\">" + Layout.hidden("f", f)
                + (ui.language == .en ? Layout.hidden("lang", "en") : "")
                + "<label>\(ui(.plan)) <select name=\"plan\">" + planOptions(saved, ui).map { "<option value=\"\(HTML.escape($0.value))\">\(HTML.escape($0.label))</option>" }.joined()
                + "</select></label><button type=\"submit\">\(ui(.morning))</button></form></div>"
            if !saved.isEmpty {
                h += "<h2>\(ui(.savedPlans))</h2><ul>" + saved.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
            }
            h += runList(runs, ui)
            h += "<h2>\(ui(.map))</h2><p class=\"muted\">\(ui(.mapNote))</p><div class=\"scroll\">\(MapSVG.draw(s, plan: s.effectivePlan, peakWait: nil, w))</div>"
            h += "<h2>\(ui(.sites))</h2><div class=\"scroll\"><table><tr><th>\(ui(.site))</th><th>\(ui(.compound))</th><th>\(ui(.desks))</th><th>\(ui(.stations))</th></tr>"
            for x in s.sites {
                h += "<tr><td>\(HTML.escape(w.name(x)))</td><td>\(HTML.escape(x.compound))</td><td class=\"num\">\(x.registrationDesks)</td><td class=\"num\">\(x.swabStations)</td></tr>"
            }
            h += "</table></div>"
            let calls = Dictionary(grouping: s.effectivePlan.callUps) { (c: CallUp) in c.building }
            h += "<h2>\(ui(.buildings))</h2><div class=\"scroll\"><table><tr><th>\(ui(.buildings))</th><th>\(ui(.residents))</th><th>\(ui(.floors))</th><th>\(ui(.lifts))</th><th>\(ui(.callUps))</th></tr>"
            for b in s.buildings {
                let c = (calls[b.id] ?? []).sorted { $0.window.start < $1.window.start }.map { callUpText($0, s, w) }
                h += "<tr><td>\(HTML.escape(w.name(b)))</td><td class=\"num\">\(b.residents)</td><td class=\"num\">\(b.floors)</td><td class=\"num\">\(b.lifts)</td><td>\(HTML.escape(c.joined(separator: "; ")))</td></tr>"
            }
            h += "</table></div>"
        }
        return ui.page(title: f, "<p><a href=\"\(ui.link("/"))\">← \(ui(.back))</a></p>" + h)
    }

    /// The plans a run may use: the scenario's own, the baseline, and those saved beside it.
    static func planOptions(_ saved: [String], _ ui: Layout) -> [(value: String, label: String)] {
        [("scenario", UI.planOwn.text(ui.language)), ("baseline", UI.planBaseline.text(ui.language))] + saved.map { ($0, ($0 as NSString).lastPathComponent) }
    }

    static func runForm(_ f: String, saved: [String], _ ui: Layout) -> String {
        let options = planOptions(saved, ui).map { "<option value=\"\(HTML.escape($0.value))\">\(HTML.escape($0.label))</option>" }.joined()
        let fields = Layout.hidden("f", f) + Layout.hidden("kind", "simulate")
            + "<label>\(ui(.replications)) <input name=\"replications\" type=\"number\" min=\"2\" max=\"\(Workbench.maxReplications)\" value=\"200\" required></label>"
            + "<label>\(ui(.seed)) <input name=\"seed\" type=\"number\" min=\"0\" value=\"1\" required></label>"
            + "<label>\(ui(.plan)) <select name=\"plan\">\(options)</select></label>"
        return ui.form("/run", fields, button: ui(.run), klass: "simulate")
    }

    static func optimizeForm(_ f: String, rules r: RuleSettings, _ ui: Layout) -> String {
        let objectives: [(String, UI)] = [("scenario", .objectiveOwn), ("mean", .objectiveMean), ("p95", .objectiveP95), ("share20", .objectiveShare20)]
        let fields = Layout.hidden("f", f) + Layout.hidden("kind", "optimize")
            + "<label>\(ui(.timeLimit)) <input name=\"time_limit\" type=\"number\" min=\"5\" max=\"\(Int(Workbench.maxTimeLimit))\" value=\"60\" required> \(ui(.seconds))</label>"
            + "<label>\(ui(.objective)) <select name=\"objective\">" + objectives.map { "<option value=\"\($0.0)\">\(ui($0.1))</option>" }.joined() + "</select></label>"
            + "<label>\(ui(.seed)) <input name=\"seed\" type=\"number\" min=\"0\" value=\"1\" required></label>"
            + "<details><summary>\(ui(.rulesForRun))</summary>"
            + "<label>\(ui(.ruleMinWindow)) <input name=\"min_window\" type=\"number\" min=\"5\" max=\"240\" value=\"\(r.minWindowMinutes)\"></label> "
            + "<label>\(ui(.ruleGrid)) <select name=\"grid\">" + RuleSettings.grids.map { "<option value=\"\($0)\"\($0 == r.gridMinutes ? " selected" : "")>\($0)</option>" }.joined() + "</select></label> "
            + "<label>\(ui(.ruleBandsLow)) <input name=\"max_bands_low\" type=\"number\" min=\"1\" max=\"20\" value=\"\(r.maxBandsLowRise)\"></label> "
            + "<label>\(ui(.ruleBandsHigh)) <input name=\"max_bands_high\" type=\"number\" min=\"1\" max=\"20\" value=\"\(r.maxBandsHighRise)\"></label> "
            + "<label>\(ui(.ruleWalk)) <input name=\"extra_walk\" type=\"number\" min=\"0\" max=\"60\" step=\"0.5\" value=\"\(MapSVG.fmt(r.extraWalkMinutes))\"></label> "
            + "<label>\(ui(.ruleCap)) <input name=\"cap\" type=\"number\" min=\"1\" value=\"\(r.siteCapPer10Minutes.map(String.init) ?? "")\"></label></details>"
        return ui.form("/run", fields, button: ui(.optimize), klass: "optimize")
    }

    static func compareForm(_ f: String, saved: [String], _ ui: Layout) -> String {
        let boxes = planOptions(saved, ui).enumerated().map { k, o in
            "<label><input type=\"checkbox\" name=\"plan\" value=\"\(HTML.escape(o.value))\"\(k < 2 ? " checked" : "")> \(HTML.escape(o.label))</label>"
        }.joined()
        let fields = Layout.hidden("f", f) + Layout.hidden("kind", "compare") + boxes
            + "<label>\(ui(.replications)) <input name=\"replications\" type=\"number\" min=\"20\" max=\"1000\" value=\"100\" required></label>"
            + "<label>\(ui(.seed)) <input name=\"seed\" type=\"number\" min=\"0\" value=\"1\" required></label>"
        return ui.form("/run", fields, button: ui(.compare), klass: "compare")
    }

    static func runList(_ runs: [RunRecord], _ ui: Layout) -> String {
        var h = "<h2>\(ui(.runs))</h2>"
        guard !runs.isEmpty else { return h + "<p class=\"muted\">\(ui(.noRuns))</p>" }
        h += "<div class=\"scroll\"><table><tr><th>\(ui(.requested))</th><th>\(ui(.kind))</th><th>\(ui(.replications))</th><th>\(ui(.seed))</th><th>\(ui(.plan))</th><th>\(ui(.status))</th><th></th></tr>"
        for r in runs.prefix(30) {
            let kind = RunPage.kindWord(r.kind)
            let plans = r.kind == .optimize ? "" : r.plans.map { RunPage.planLabel($0, ui) }.joined(separator: ", ")
            h += "<tr><td>\(HTML.escape(r.requested))</td><td>\(ui(kind))</td><td class=\"num\">\(r.kind == .optimize ? "" : String(r.replications))</td><td class=\"num\">\(r.seed)</td><td>\(HTML.escape(plans))</td>"
            h += "<td>\(ui(RunPage.word(r.status)))</td><td><a href=\"\(ui.link("/run?id=" + query(r.id)))\">\(ui(.openRun))</a></td></tr>"
        }
        return h + "</table></div>"
    }

    /// The scenario, or its errors as the CLI prints them (paths relative to the workspace).
    static func load(_ ws: Workspace, _ f: String) -> Result<Scenario, LoadFailure> {
        guard let path = ws.path(f) else { return .failure(LoadFailure(text: WorkspaceError.outside(f).description)) }
        do { return .success(try ScenarioLoader.load(path: path)) } catch {
            return .failure(LoadFailure(text: String(describing: error).replacingOccurrences(of: ws.root + "/", with: "")))
        }
    }

    static func callUpText(_ c: CallUp, _ s: Scenario, _ w: Wording) -> String {
        let floors = c.floors.map { "\($0.lowerBound)-\($0.upperBound) " } ?? ""
        return floors + c.window.description + " " + w.siteName(c.site, s)
    }

    static func firstLines(_ text: String, _ n: Int) -> String { text.split(separator: "\n").prefix(n).joined(separator: "\n") }

    /// A query value, percent-encoded.
    static func query(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~/")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
