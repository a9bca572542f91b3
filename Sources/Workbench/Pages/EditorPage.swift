import Foundation
import Reports
import Scenario

/// The scenario's values as editable tables (every list of the file: buildings written in it,
/// sites, cohorts, call-ups, targets, weather, couriers; and its settings), checked as the
/// planner types with the same checks and words as `validate`, saved in place.
enum EditorPage {
    static func html(_ ws: Workspace, _ f: String, _ ui: Layout) -> String {
        guard let path = ws.path(f), FileManager.default.fileExists(atPath: path) else {
            return ui.page(title: f, "<p class=\"missed\">\(ui(.notFound))</p>")
        }
        // The loader reads GB18030 and UTF-16 too; an edit in place keeps a file's bytes, so
        // only UTF-8 files are edited here.
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ui.page(title: f, "<p><a href=\"\(ui.link("/scenario?f=" + ScenarioPages.query(f)))\">← \(HTML.escape(f))</a></p><p class=\"missed\">\(ui(.notUTF8))</p>")
        }
        var h = "<p><a href=\"\(ui.link("/scenario?f=" + ScenarioPages.query(f)))\">← \(HTML.escape(f))</a></p>"
        h += "<h1>\(ui(.edit)) \(HTML.escape(f))</h1><p class=\"muted\">\(ui(.editNote))</p>"
        h += "<div class=\"card editor\" data-file=\"\(HTML.escape(f))\" data-saved=\"\(ui(.savedOK))\">"
        h += "<p><button type=\"button\" class=\"save\">\(ui(.save))</button> <span class=\"status muted\"></span></p><ul class=\"problems error\"></ul>"
        h += ui.form("/undo", Layout.hidden("f", f), button: ui(.undo), klass: "undo")
        h += "</div>"
        let tables: [SourceEditing.Table]
        do { tables = try SourceEditing.tables(text, file: f) } catch {
            return ui.page(title: f, h + "<div class=\"error\">\(HTML.escape(String(describing: error)))</div>")
        }
        // The map: a building clicked sets its call-ups' site (and window, for one call-up) in
        // the table below, checked like any edit.
        if case .success(let s) = ScenarioPages.load(ws, f), tables.contains(where: { $0.keyPath == "plan.call_ups" }) {
            let w = Wording(ui.language)
            h += "<h2>\(ui(.map))</h2><p class=\"muted\">\(ui(.mapClick))</p><div class=\"scroll\">\(MapSVG.draw(s, plan: s.effectivePlan, peakWait: nil, w))</div>"
            h += "<div class=\"card mapedit\" hidden><strong class=\"which\"></strong> <label>\(ui(.site)) <select class=\"site\">"
                + s.sites.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape(w.name($0)))</option>" }.joined()
                + "</select></label> <label>\(ui(.window)) <input class=\"window\" size=\"11\" placeholder=\"07:00-07:30\"></label> <button type=\"button\" class=\"apply\">\(ui(.apply))</button></div>"
        }
        // Buildings kept in a CSV beside the scenario: its cells, edited in place too.
        if let (name, csv) = csvBuildings(ws, f, tables), let table = try? CSVEditing.table(csv) {
            h += "<h2>buildings (\(HTML.escape(name)))</h2><div class=\"scroll\"><table class=\"grid csv\"><tr>" + table.header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>"
            for row in table.rows {
                h += "<tr>" + row.values.enumerated().map { k, v in
                    guard let line = row.line else { return "<td>\(HTML.escape(v))</td>" }
                    let key = k < table.header.count ? table.header[k] : ""
                    return "<td><input class=\"csvcell\" data-line=\"\(line)\" data-field=\"\(k)\" data-key=\"\(HTML.escape(key))\" data-old=\"\(HTML.escape(v))\" value=\"\(HTML.escape(v))\" size=\"\(min(30, max(3, v.count + 2)))\"></td>"
                }.joined() + "</tr>"
            }
            h += "</table></div>"
        }
        for t in tables where !t.rows.isEmpty {
            h += "<h2>\(HTML.escape(t.keyPath.isEmpty ? UI.settings.text(ui.language) : t.keyPath))</h2><div class=\"scroll\"><table class=\"grid\">"
            if t.keyPath.isEmpty {
                for (k, row) in t.rows.enumerated() {
                    h += "<tr><th>\(HTML.escape(t.names[k]))</th>\(input(row["value"]))</tr>"
                }
            } else {
                h += "<tr>" + t.columns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "<th></th></tr>"
                let lines = SourceEditing.lines(text)
                for (k, row) in t.rows.enumerated() {
                    // A row written on a line of its own can be copied below (then edited) or removed.
                    let own = t.itemLines.indices.contains(k) ? t.itemLines[k] : nil
                    let line = own.map { " data-item=\"\($0)\" data-text=\"\(HTML.escape(String(lines[$0 - 1])))\"" } ?? ""
                    h += "<tr\(line)>" + t.columns.map { input(row[$0]) }.joined()
                    h += own == nil ? "<td></td>" : "<td class=\"rowops\"><button type=\"button\" class=\"add\" title=\"\(ui(.addRow))\">＋</button><button type=\"button\" class=\"remove secondary\" title=\"\(ui(.removeRow))\">－</button></td>"
                    h += "</tr>"
                }
            }
            h += "</table></div>"
        }
        return ui.page(title: f, h)
    }

    /// The scenario's buildings CSV (`buildings: {file: X.csv}`), relative to the workspace, and
    /// its text; nil for buildings written in the file or kept in a workbook.
    static func csvBuildings(_ ws: Workspace, _ f: String, _ tables: [SourceEditing.Table]) -> (String, String)? {
        guard let settings = tables.first(where: { $0.keyPath.isEmpty }), let k = settings.names.firstIndex(of: "buildings.file"),
              let name = settings.rows[k]["value"]?.value, name.lowercased().hasSuffix(".csv") else { return nil }
        let folder = (f as NSString).deletingLastPathComponent
        let relative = folder.isEmpty ? name : folder + "/" + name
        guard let path = ws.path(relative), let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return (relative, text)
    }

    /// A value's cell: where it is in the file and what it said, for the edit.
    static func input(_ c: SourceEditing.Cell?) -> String {
        guard let c else { return "<td></td>" }
        let size = min(40, max(4, c.value.count + 2))
        return "<td><input class=\"cell\" data-line=\"\(c.line)\" data-col=\"\(c.column)\" data-end=\"\(c.endColumn)\" data-old=\"\(HTML.escape(c.value))\" value=\"\(HTML.escape(c.value))\" size=\"\(size)\"></td>"
    }
}

/// What the editor posts: the file and its edits.
struct EditRequest: Codable {
    var f: String
    var edits: [SourceEditing.Edit]
    /// Rows added after one-line items, items removed, and what each of those lines held.
    var adds: [SourceEditing.Addition]?
    var removes: [Int]?
    var lines: [String: String]?
    /// Edits of the buildings CSV's cells.
    var csv: [CSVEditing.Edit]?
}

/// What a check answers: the problems with their positions (errors stop a save; warnings are
/// the planning rules' and do not).
struct CheckAnswer: Codable {
    struct Problem: Codable {
        /// Set for a problem in the buildings CSV (its line then is the CSV's).
        var csv: Bool = false
        var line: Int
        var column: Int
        var message: String
        var warning: Bool
    }
    var problems: [Problem]
    var saved: Bool
}
