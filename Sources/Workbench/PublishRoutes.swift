import Foundation
import Hummingbird
import Reports
import Scenario

extension Workbench {
    /// A simulation's publication: each file to preview, the whole as a zip, or written as a
    /// folder of the workspace (`STEM-publication/`, replacing only an earlier publication).
    static func publishRoutes(_ router: Router<BasicRequestContext>, workspace: Workspace, runs: RunQueue) {
        router.get("/pubfile") { request, _ in
            let ui = layout(request)
            guard let id = request.uri.queryParameters.get("id"), runs.record(id)?.status == .done,
                  let k = request.uri.queryParameters.get("k").flatMap(Int.init) else { return notFound(ui) }
            let files = PublicationIndex.read(runs.folder(id))
            guard files.indices.contains(k), let data = FileManager.default.contents(atPath: runs.folder(id) + "/publish/" + files[k]) else { return notFound(ui) }
            return Response(status: .ok, headers: [.contentType: contentType(files[k])], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/pubzip") { request, _ in
            let ui = layout(request)
            guard let id = request.uri.queryParameters.get("id"), let r = runs.record(id), r.status == .done else { return notFound(ui) }
            let files = PublicationIndex.read(runs.folder(id))
            guard !files.isEmpty else { return notFound(ui) }
            let parts = files.compactMap { f in FileManager.default.contents(atPath: runs.folder(id) + "/publish/" + f).map { (path: f, bytes: [UInt8]($0)) } }
            let zip = ZipWriter.archive(parts)
            let name = publicationName(r.scenario) + ".zip"
            return Response(status: .ok, headers: [.contentType: "application/zip",
                                                   .contentDisposition: "attachment; filename=\"publication.zip\"; filename*=UTF-8''" + ScenarioPages.query(name)],
                            body: .init(byteBuffer: ByteBuffer(bytes: zip)))
        }
        router.post("/publish-folder") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let id = form["id"], let r = runs.record(id), r.status == .done else { return notFound(ui) }
            let files = PublicationIndex.read(runs.folder(id)).compactMap { f in
                (try? String(contentsOfFile: runs.folder(id) + "/publish/" + f, encoding: .utf8)).map { (path: f, text: $0) }
            }
            let target = publicationName(r.scenario)
            guard !files.isEmpty, let full = workspace.path(target) else { return notFound(ui) }
            do { try FolderWriter.write(files, to: full, replace: true) } catch {
                return badRequest(String(describing: error).replacingOccurrences(of: workspace.root + "/", with: ""), ui)
            }
            return redirect("/run?id=" + ScenarioPages.query(id) + "&written=" + ScenarioPages.query(target), ui)
        }
    }

    /// `STEM-publication` beside the scenario.
    static func publicationName(_ scenario: String) -> String {
        (scenario.hasSuffix(".yaml") ? String(scenario.dropLast(5)) : scenario) + "-publication"
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json"
        default: return "text/plain; charset=utf-8"
        }
    }
}
