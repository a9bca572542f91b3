import Foundation
import Hummingbird
import Scenario

extension Workbench {
    /// Bodies the editor posts: its edits as JSON.
    static let maxEditBytes = 1 << 20

    /// The editor: the page, a check as the planner types, a save in place, an undo.
    static func editRoutes(_ router: Router<BasicRequestContext>, workspace: Workspace) {
        router.get("/edit") { request, _ in
            let ui = layout(request)
            guard let f = request.uri.queryParameters.get("f").map({ String($0) }), workspace.exists(f) else { return notFound(ui) }
            return page(EditorPage.html(workspace, f, ui))
        }
        router.post("/check") { request, _ in try await check(request, workspace: workspace, save: false) }
        router.post("/save") { request, _ in try await check(request, workspace: workspace, save: true) }
        router.post("/undo") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let f = form["f"], workspace.exists(f) else { return notFound(ui) }
            try workspace.restoreLast(f)
            return redirect("/edit?f=" + ScenarioPages.query(f), ui)
        }
    }

    /// The edits made to the file's text and read by the loader as `validate` reads it: its
    /// errors (and, for a file that loads, the planning rules' warnings at their call-ups).
    /// With `save`, a file without errors is written in place (the version before kept).
    static func check(_ request: Request, workspace: Workspace, save: Bool) async throws -> Response {
        let body = request.body
        let buffer = try await body.collect(upTo: maxEditBytes)
        guard let q = try? JSONDecoder().decode(EditRequest.self, from: Data(buffer: buffer)),
              let path = workspace.path(q.f), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return Response(status: .badRequest)
        }
        var problems: [CheckAnswer.Problem] = []
        var saved = false
        do {
            // The rows changed as the page had them, then the values, then rows added and removed.
            let original = SourceEditing.lines(text)
            for (l, was) in q.lines ?? [:] {
                guard let n = Int(l), original.indices.contains(n - 1), original[n - 1] == was else { throw SourceEditing.Failure.moved(line: Int(l) ?? 0, column: 1) }
            }
            var edited = try SourceEditing.applying(q.edits, to: text, file: q.f)
            if !(q.adds ?? []).isEmpty || !(q.removes ?? []).isEmpty {
                edited = try SourceEditing.changingItems(edited, file: q.f, adding: q.adds ?? [], removing: q.removes ?? [], lines: [:])
            }
            // The buildings CSV's edits, checked through a staged copy beside it that the
            // edited scenario names for the check.
            let csvEdits = q.csv ?? []
            var csvText: (path: String, name: String, text: String)?
            var checked = edited
            var staged: String?
            if !csvEdits.isEmpty {
                let tables = try SourceEditing.tables(edited, file: q.f)
                guard let (name, text) = EditorPage.csvBuildings(workspace, q.f, tables), let path = workspace.path(name),
                      let settings = tables.first(where: { $0.keyPath.isEmpty }), let k = settings.names.firstIndex(of: "buildings.file"),
                      let cell = settings.rows[k]["value"] else { throw SourceEditing.Failure.moved(line: 0, column: 0) }
                let newText = try CSVEditing.applying(csvEdits, to: text)
                csvText = (path, name, newText)
                let stage = (path as NSString).deletingLastPathComponent + "/.check-\(UUID().uuidString).csv"
                try newText.write(toFile: stage, atomically: true, encoding: .utf8)
                staged = stage
                checked = try SourceEditing.applying([.init(line: cell.line, column: cell.column, old: cell.value, new: (stage as NSString).lastPathComponent)], to: edited, file: q.f)
            }
            defer { if let staged { try? FileManager.default.removeItem(atPath: staged) } }
            do {
                let s = try ScenarioLoader.parse(checked, file: q.f, directory: (path as NSString).deletingLastPathComponent)
                for v in RuleCheck.violations(s, s.effectivePlan) {
                    let p = s.plan?.callUpPositions.indices.contains(v.callUp) == true ? s.plan!.callUpPositions[v.callUp] : nil
                    problems.append(.init(line: p?.line ?? 0, column: p?.column ?? 0, message: v.description, warning: true))
                }
                if save {
                    if let csvText, csvText.text != (try? String(contentsOfFile: csvText.path, encoding: .utf8)) { try workspace.save(csvText.text, to: csvText.name); saved = true }
                    if edited != text { try workspace.save(edited, to: q.f); saved = true }
                }
            } catch let e as ScenarioErrors {
                let stagedName = staged.map { ($0 as NSString).lastPathComponent }
                problems += e.errors.map { err in
                    let inCSV = stagedName.map { err.file.hasSuffix($0) } ?? false
                    var message = err.description.replacingOccurrences(of: workspace.root + "/", with: "")
                    if let staged, let csvText { message = message.replacingOccurrences(of: staged, with: csvText.name).replacingOccurrences(of: (staged as NSString).lastPathComponent, with: csvText.name) }
                    return .init(csv: inCSV, line: err.line, column: err.column, message: message, warning: false)
                }
            }
        } catch {
            problems.append(.init(line: 0, column: 0, message: String(describing: error), warning: false))
        }
        let data = try JSONEncoder().encode(CheckAnswer(problems: problems, saved: saved))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
