import Foundation
import Reports
import Scenario
import SiteModel

/// The morning as it stands, as a form: filled in with what the plan expects at that time
/// (`swabplan state`), corrected by the planner, read as a state file by the same loader as
/// `--from`, and re-planned.
enum MorningPage {
    static func html(_ ws: Workspace, _ f: String, plan name: String, at: Double?, _ ui: Layout, plans: (String, Scenario) throws -> Plan) -> String {
        guard case .success(let s) = ScenarioPages.load(ws, f), let p = try? plans(name, s) else {
            return ui.page(title: f, "<p class=\"missed\">\(ui(.notFound))</p>")
        }
        let w = Wording(ui.language)
        let t = at ?? min(s.round.deadline - 1800, ((s.round.opening + 2 * 3600) / 300).rounded() * 300)
        let expected = (try? CompiledRound(scenario: s, plan: p))?.state(at: t, seed: 1, replication: 0)
        var h = "<p><a href=\"\(ui.link("/scenario?f=" + ScenarioPages.query(f)))\">← \(HTML.escape(f))</a></p>"
        h += "<h1>\(ui(.morning))</h1><p class=\"muted\">\(ui(.morningNote))</p>"
        // Another time: the form filled in again for it.
        h += "<form method=\"get\" action=\"/morning\">" + Layout.hidden("f", f) + Layout.hidden("plan", name)
            + (ui.language == .en ? Layout.hidden("lang", "en") : "")
            + "<label>\(ui(.morningAt)) <input name=\"at\" value=\"\(ClockTime.format(t))\" pattern=\"[0-2][0-9]:[0-5][0-9]\" size=\"5\"></label>"
            + "<button type=\"submit\" class=\"secondary\">\(ui(.morningLoad))</button></form>"
        var fields = Layout.hidden("f", f) + Layout.hidden("plan", name) + Layout.hidden("at", ClockTime.format(t))
        fields += "<div class=\"scroll\"><table><tr><th>\(ui(.site))</th><th>\(ui(.registrationLine))</th><th>\(ui(.swabLine))</th><th>\(ui(.leftLine))</th><th>\(ui(.swabbedSoFar))</th><th>\(ui(.desksWorking))</th></tr>"
        for site in s.sites {
            let q = expected?.queues[site.id]
            func cell(_ key: String, _ value: Int?, max: Int) -> String {
                "<td><input name=\"\(key)_\(HTML.escape(site.id))\" type=\"number\" min=\"0\" max=\"\(max)\" value=\"\(value.map(String.init) ?? "")\" size=\"5\"></td>"
            }
            fields += "<tr><td>\(HTML.escape(w.name(site)))</td>" + cell("reg", q?.registration, max: 100_000) + cell("swab", q?.swab, max: 100_000)
                + cell("left", expected?.left[site.id], max: 100_000) + cell("swabbed", expected?.swabbedBySite[site.id], max: Limits.maxResidents)
                + cell("desks", nil, max: site.registrationDesks) + "</tr>"
        }
        fields += "</table></div><div class=\"scroll\"><table><tr><th>\(ui(.cohort))</th><th>\(ui(.lateMinutes))</th><th>\(ui(.goneTeams))</th></tr>"
        for c in s.staff.cohorts {
            fields += "<tr><td>\(HTML.escape(w.name(c)))</td><td><input name=\"late_\(HTML.escape(c.id))\" type=\"number\" min=\"0\" max=\"600\" size=\"5\"></td>"
                + "<td><input name=\"gone_\(HTML.escape(c.id))\" placeholder=\"\(ui(.goneHint))\" pattern=\"[0-9 ,，]*\" size=\"10\"></td></tr>"
        }
        fields += "</table></div><p>\(ui(.weather)):</p>"
        for k in 0..<2 {
            fields += "<p><select name=\"wkind_\(k)\"><option value=\"\">\(ui(.kindNone))</option><option value=\"rain\">\(ui(.rain))</option><option value=\"wind\">\(ui(.wind))</option><option value=\"heat\">\(ui(.heat))</option></select> "
                + "<select name=\"wsev_\(k)\"><option value=\"light\">\(ui(.light))</option><option value=\"moderate\">\(ui(.moderate))</option><option value=\"heavy\" selected>\(ui(.heavy))</option></select> "
                + "<input name=\"wwin_\(k)\" placeholder=\"\(ClockTime.format(t))-\(ClockTime.format(min(86_340, t + 2400)))\" pattern=\"[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]\" size=\"11\"></p>"
        }
        fields += "<p><label>\(ui(.timeLimit)) <input name=\"time_limit\" type=\"number\" min=\"5\" max=\"600\" value=\"30\"> \(ui(.seconds))</label> "
            + "<label>\(ui(.seed)) <input name=\"seed\" type=\"number\" min=\"0\" value=\"1\"></label></p>"
        h += "<div class=\"card\">" + ui.form("/replan", fields, button: ui(.replan), klass: "morning") + "</div>"
        return ui.page(title: f, h)
    }

    /// The form as a state file's text; a field that is not a count, or a window that is not
    /// HH:MM-HH:MM, is a problem in the planner's words.
    static func stateText(_ form: Form, _ s: Scenario) -> Result<String, RunForm.Problem> {
        guard let at = form["at"], ClockTime.parse(at) != nil else {
            return .failure(RunForm.Problem(zh: "时刻应为 HH:MM，例如 09:40", en: "the time is HH:MM, such as 09:40"))
        }
        var lines = ["at: \"\(at)\""]
        func count(_ key: String) -> Result<Int?, RunForm.Problem> {
            guard let v = form[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return .success(nil) }
            guard let n = Int(v), n >= 0 else { return .failure(RunForm.Problem(zh: "`\(v)` 不是人数（应为0或正整数）", en: "`\(v)` is not a count; expected a whole number from 0")) }
            return .success(n)
        }
        var queues: [String] = [], left: [String] = [], swabbed: [String] = [], desks: [String] = [], teams: [String] = []
        for site in s.sites {
            let id = site.id
            switch (count("reg_" + id), count("swab_" + id), count("left_" + id), count("swabbed_" + id), count("desks_" + id)) {
            case (.success(let r), .success(let w), .success(let l), .success(let d), .success(let k)):
                if r != nil || w != nil { queues.append("  \(id): {registration: \(r ?? 0), swab: \(w ?? 0)}") }
                if let l { left.append("\(id): \(l)") }
                if let d { swabbed.append("\(id): \(d)") }
                if let k { desks.append("\(id): \(k)") }
            case (.failure(let e), _, _, _, _), (_, .failure(let e), _, _, _), (_, _, .failure(let e), _, _), (_, _, _, .failure(let e), _), (_, _, _, _, .failure(let e)):
                return .failure(e)
            }
        }
        for c in s.staff.cohorts {
            switch count("late_" + c.id) {
            case .failure(let e): return .failure(e)
            case .success(let m): if let m, m > 0 { teams.append("{cohort: \(c.id), late_minutes: \(m)}") }
            }
            let gone = (form["gone_" + c.id] ?? "").split { $0 == "," || $0 == "，" || $0 == " " }
            for g in gone {
                guard let n = Int(g), n >= 1 else { return .failure(RunForm.Problem(zh: "离岗的采样组应写编号，如 1, 3", en: "teams gone are numbers such as 1, 3")) }
                teams.append("{cohort: \(c.id), team: \(n), gone: true}")
            }
        }
        var weather: [String] = []
        for k in 0..<2 {
            guard let kind = form["wkind_\(k)"], !kind.isEmpty else { continue }
            guard ["rain", "wind", "heat"].contains(kind), let sev = form["wsev_\(k)"], ["light", "moderate", "heavy"].contains(sev),
                  let window = form["wwin_\(k)"], ClockWindow.parse(window) != nil else {
                return .failure(RunForm.Problem(zh: "天气时段应为 HH:MM-HH:MM，例如 09:40-10:20", en: "a weather window is HH:MM-HH:MM, such as 09:40-10:20"))
            }
            weather.append("{kind: \(kind), severity: \(sev), window: \"\(window)\"}")
        }
        if !swabbed.isEmpty { lines.append("swabbed:\n  sites: {\(swabbed.joined(separator: ", "))}") }
        if !queues.isEmpty { lines.append("queues:\n" + queues.joined(separator: "\n")) }
        if !left.isEmpty { lines.append("left: {\(left.joined(separator: ", "))}") }
        if !teams.isEmpty { lines.append("teams: [\(teams.joined(separator: ", "))]") }
        if !desks.isEmpty { lines.append("desks: {\(desks.joined(separator: ", "))}") }
        if !weather.isEmpty { lines.append("weather: [\(weather.joined(separator: ", "))]") }
        return .success(lines.joined(separator: "\n") + "\n")
    }
}
