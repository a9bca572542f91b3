import Foundation
import Hummingbird
import Reports
import Scenario

extension Workbench {
    /// Uploads: a workbook or CSV of buildings, at most 8 MB.
    static let maxUploadBytes = 8 << 20

    /// A new scenario from the bundled example (a generated community of the size asked), and
    /// buildings imported from an `.xlsx` or `.csv` upload.
    static func importRoutes(_ router: Router<BasicRequestContext>, workspace: Workspace) {
        router.post("/new") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let name = form["name"], Workspace.validPlanName(name) else { return badRequest(UI.badName.text(ui.language), ui) }
            let file = name + ".yaml"
            guard !workspace.exists(file), workspace.path(file) != nil else {
                return badRequest((ui.language == .zh ? "已有同名文件：" : "a file of that name is there already: ") + file, ui)
            }
            var g = DistrictGenerator(residents: form["residents"].flatMap(Int.init) ?? 0, buildings: form["buildings"].flatMap(Int.init) ?? 0,
                                      sites: form["sites"].flatMap(Int.init) ?? 0, cohorts: 2, seed: 1, towers: form["towers"] == "on")
            g.name = name
            if let problem = g.problem { return badRequest(problem, ui) }
            guard g.residents <= 200_000, g.buildings <= 2_000, g.sites <= 100 else {
                return badRequest(ui.language == .zh ? "示例最多20万居民、2000栋楼、100个采样点；更大的请用 swabplan generate" : "an example has at most 200,000 residents, 2,000 buildings and 100 sites; use swabplan generate for more", ui)
            }
            try workspace.save(g.yaml(), to: file)
            return redirect("/scenario?f=" + ScenarioPages.query(file), ui)
        }
        router.post("/import") { request, _ in
            let ui = layout(request)
            guard let f = request.uri.queryParameters.get("f").map({ String($0) }), workspace.exists(f), let path = workspace.path(f),
                  let upload = request.uri.queryParameters.get("name").map({ String($0) }) else { return notFound(ui) }
            let ext = (upload as NSString).pathExtension.lowercased()
            guard ext == "xlsx" || ext == "csv" else {
                return badRequest(ui.language == .zh ? "请上传 .xlsx 或 .csv 文件" : "upload an .xlsx or .csv file", ui)
            }
            let body = request.body
            let data = Data(buffer: try await body.collect(upTo: maxUploadBytes))
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return notFound(ui) }
            let target = (f.hasSuffix(".yaml") ? String(f.dropLast(5)) : f) + "-buildings." + ext
            let folder = (path as NSString).deletingLastPathComponent
            // The scenario with its buildings from the new file, checked whole before anything
            // is written: the upload in a temporary file beside it, the scenario in memory.
            let staged = folder + "/.import-\(UUID().uuidString)." + ext
            try data.write(to: URL(fileURLWithPath: staged))
            defer { try? FileManager.default.removeItem(atPath: staged) }
            let relative = (target as NSString).lastPathComponent
            // A workbook's buildings may be on any sheet: the first that reads, the first sheet's
            // errors when none does.
            let sheets: [String?] = ext == "xlsx" ? ScenarioLoader.workbookSheets(data).enumerated().map { $0.offset == 0 ? nil : $0.element } : [nil]
            var chosen: (sheet: String?, text: String)?
            var firstError: String?
            for sheet in sheets.isEmpty ? [nil] : sheets {
                let sheetLine = sheet.map { ["sheet: \"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""] } ?? []
                guard let withStaged = try SourceEditing.replacingTopLevel("buildings", with: ["file: \((staged as NSString).lastPathComponent)"] + sheetLine, in: text, file: f) else {
                    return badRequest(ui.language == .zh ? "方案文件中没有 buildings" : "the scenario has no `buildings`", ui)
                }
                do {
                    _ = try ScenarioLoader.parse(withStaged, file: f, directory: folder)
                    chosen = (sheet, try SourceEditing.replacingTopLevel("buildings", with: ["file: \(relative)"] + sheetLine, in: text, file: f) ?? text)
                    break
                } catch {
                    if firstError == nil { firstError = String(describing: error) }
                }
            }
            guard let chosen else {
                let why = (firstError ?? "").replacingOccurrences(of: staged, with: upload).replacingOccurrences(of: (staged as NSString).lastPathComponent, with: upload)
                return badRequest(why.replacingOccurrences(of: workspace.root + "/", with: ""), ui)
            }
            let withFile = chosen.text
            try workspace.save(bytes: data, to: target)
            if withFile != text { try workspace.save(withFile, to: f) }
            return redirect("/scenario?f=" + ScenarioPages.query(f), ui)
        }
    }
}
