import Foundation
import Hummingbird
import Reports
import Scenario

/// `swabplan serve`: the planner's workbench, a second front end on the same library. Pages
/// are rendered here from the workspace's files and the runs' results; state-changing requests
/// are POSTs from the workbench's own pages (`Guard`).
public enum Workbench {
    /// The most replications a run from the browser asks for.
    public static let maxReplications = 20_000
    /// Form bodies: a few fields.
    static let maxFormBytes = 64 * 1024
    /// The longest optimisation from the browser (seconds).
    public static let maxTimeLimit = 600.0

    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        /// Required on every request when set (a host other than loopback).
        public var token: String?
        public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil) {
            self.host = host; self.port = port; self.token = token
        }
        public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
    }

    /// The router, for the server and for route tests.
    public static func router(workspace: Workspace, runs: RunQueue, settings: Settings) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Guard(settings: settings))
        router.get("/app.css") { _, _ in asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/app.js") { _, _ in asset(Assets.js, type: "text/javascript; charset=utf-8") }
        router.get("/") { request, _ in
            let ui = layout(request)
            return page(ScenarioPages.list(workspace, ui, notice: request.uri.queryParameters.get("copied").map { ui(.duplicated) + " " + $0 }))
        }
        router.get("/scenario") { request, _ in
            let ui = layout(request)
            guard let f = request.uri.queryParameters.get("f"), workspace.exists(f) else { return notFound(ui) }
            return page(ScenarioPages.scenario(workspace, f, runs: runs.list(scenario: f), ui))
        }
        router.post("/duplicate") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let f = form["f"], let from = workspace.path(f), workspace.exists(f),
                  let text = try? String(contentsOfFile: from, encoding: .utf8) else { return notFound(ui) }
            let copy = workspace.freeName(beside: f, suffix: "what-if")
            try workspace.save(text, to: copy)
            return redirect("/?copied=" + ScenarioPages.query(copy), ui)
        }
        router.post("/run") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let f = form["f"], workspace.exists(f) else { return notFound(ui) }
            let base: RuleSettings? = { if case .success(let s) = ScenarioPages.load(workspace, f) { return RuleSettings(s.planning) } else { return nil } }()
            switch RunForm.request(form, scenario: f, saved: workspace.plans(for: f), rules: base) {
            case .failure(let problem): return badRequest(problem.text(ui.language), ui)
            case .success(let q): return redirect("/run?id=" + ScenarioPages.query(runs.submit(q).id), ui)
            }
        }
        router.post("/keep-plan") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let id = form["id"], let r = runs.record(id), r.kind == .optimize || r.kind == .replan, r.status == .done,
                  let text = try? String(contentsOfFile: runs.folder(id) + "/plan.yaml", encoding: .utf8) else { return notFound(ui) }
            guard let name = form["name"], Workspace.validPlanName(name) else { return badRequest(UI.badName.text(ui.language), ui) }
            try workspace.save(text, to: workspace.planFolder(for: r.scenario) + "/" + name + ".yaml")
            return redirect("/scenario?f=" + ScenarioPages.query(r.scenario), ui)
        }
        router.get("/run") { request, _ in
            let ui = layout(request)
            guard let id = request.uri.queryParameters.get("id"), let r = runs.record(id) else { return notFound(ui) }
            let s = workspace.path(r.scenario).flatMap { try? ScenarioLoader.load(path: $0) }
            return page(RunPage.html(r, folder: runs.folder(id), scenario: s, written: request.uri.queryParameters.get("written").map { String($0) }, ui))
        }
        router.post("/cancel") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let id = form["id"], runs.record(id) != nil else { return notFound(ui) }
            runs.cancel(id)
            return redirect("/run?id=" + ScenarioPages.query(id), ui)
        }
        router.get("/events") { request, _ in
            let ui = layout(request)
            guard let id = request.uri.queryParameters.get("id"), runs.record(id) != nil else { return notFound(ui) }
            return events(id, runs: runs, ui)
        }
        router.get("/runfile") { request, _ in
            let ui = layout(request)
            // Only the files a run writes, by name.
            guard let id = request.uri.queryParameters.get("id"), runs.record(id) != nil,
                  let name = request.uri.queryParameters.get("name"), RunPage.files[name] != nil,
                  let data = FileManager.default.contents(atPath: runs.folder(id) + "/" + name) else { return notFound(ui) }
            return Response(status: .ok, headers: [.contentType: RunPage.files[name]!], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/morning") { request, _ in
            let ui = layout(request)
            guard let f = request.uri.queryParameters.get("f"), workspace.exists(f) else { return notFound(ui) }
            let plan = request.uri.queryParameters.get("plan").map { String($0) } ?? "scenario"
            guard ["scenario", "baseline"].contains(plan) || workspace.plans(for: f).contains(plan) else { return notFound(ui) }
            let at = request.uri.queryParameters.get("at").flatMap { ClockTime.parse(String($0)) }
            return page(MorningPage.html(workspace, f, plan: plan, at: at, ui, plans: runs.plan))
        }
        router.post("/replan") { request, _ in
            let ui = layout(request)
            let form = try await Form.read(request)
            guard let f = form["f"], workspace.exists(f), case .success(let s) = ScenarioPages.load(workspace, f) else { return notFound(ui) }
            let plan = form["plan"] ?? "scenario"
            guard ["scenario", "baseline"].contains(plan) || workspace.plans(for: f).contains(plan), let p = try? runs.plan(plan, s) else {
                return badRequest(RunForm.unknownPlan.text(ui.language), ui)
            }
            guard let limit = form["time_limit"].flatMap(Double.init), limit >= 5, limit <= maxTimeLimit,
                  let seed = form["seed"].flatMap(UInt64.init) else {
                return badRequest(ui.language == .zh ? "时限应为5至600秒，随机种子为非负整数" : "the time limit is 5 to 600 seconds, the seed a whole number from 0", ui)
            }
            switch MorningPage.stateText(form, s) {
            case .failure(let problem): return badRequest(problem.text(ui.language), ui)
            case .success(let text):
                // Read by the loader `--from` uses: its errors are the planner's to correct.
                do { _ = try MorningStateLoader.parse(text, file: "state.yaml", scenario: s, plan: p) } catch {
                    return badRequest(String(describing: error), ui)
                }
                let q = RunRequest(kind: .replan, scenario: f, replications: 0, seed: seed, plans: [plan], timeLimit: limit, state: text)
                return redirect("/run?id=" + ScenarioPages.query(runs.submit(q).id), ui)
            }
        }
        publishRoutes(router, workspace: workspace, runs: runs)
        editRoutes(router, workspace: workspace)
        importRoutes(router, workspace: workspace)
        return router
    }

    /// The server on `settings`' address.
    public static func application(workspace: Workspace, runs: RunQueue, settings: Settings) -> some ApplicationProtocol {
        Application(router: router(workspace: workspace, runs: runs, settings: settings),
                    configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "SwabPlan"))
    }

    /// What a progress event says: the record's state, in the page's language.
    struct Progress: Codable, Equatable {
        var status: String
        var done: Int
        var total: Int
        var label: String
        var line: String?
        var finished: Bool
    }

    /// Progress as server-sent events, at least once a second until the run has ended.
    static func events(_ id: String, runs: RunQueue, _ ui: Layout) -> Response {
        let body = ResponseBody { writer in
            var last: Progress?
            var quiet = 0
            let encoder = JSONEncoder()
            while true {
                guard let r = runs.record(id) else { break }
                let line = r.log.last.map { ui.language == .zh ? $0.zh : $0.en }
                let p = Progress(status: r.status.rawValue, done: r.done, total: r.total, label: RunPage.word(r.status).text(ui.language),
                                 line: line, finished: r.finished)
                if p != last || quiet >= 2 {
                    let data = String(decoding: try encoder.encode(p), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "data: \(data)\n\n"))
                    last = p; quiet = 0
                } else { quiet += 1 }
                if r.finished { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    static func layout(_ request: Request) -> Layout {
        let language: Language = request.uri.queryParameters.get("lang") == "en" ? .en : .zh
        // The page's own path and query without `lang`, for the switch.
        let kept = request.uri.queryParameters.filter { $0.key != "lang" }
            .map { ScenarioPages.query(String($0.key)) + "=" + ScenarioPages.query(String($0.value)) }
        let here = request.uri.path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        return Layout(language: language, here: here)
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func notFound(_ ui: Layout) -> Response {
        page(ui.page(title: "404", "<h1>404</h1><p>\(ui(.notFound))</p><p><a href=\"\(ui.link("/"))\">\(ui(.back))</a></p>"), status: .notFound)
    }

    static func badRequest(_ why: String, _ ui: Layout) -> Response {
        page(ui.page(title: "400", "<h1>400</h1><p class=\"missed\">\(HTML.escape(why))</p><p><a href=\"\(ui.link("/"))\">\(ui(.back))</a></p>"), status: .badRequest)
    }

    /// After a POST: see the page it made (303, so a reload does not post again).
    static func redirect(_ to: String, _ ui: Layout) -> Response {
        let target = ui.language == .en ? to + (to.contains("?") ? "&" : "?") + "lang=en" : to
        return Response(status: .seeOther, headers: [.location: target])
    }
}

/// A form body (`application/x-www-form-urlencoded`), at most `Workbench.maxFormBytes`.
struct Form {
    var values: [(String, String)]

    /// The first value of `key`.
    subscript(_ key: String) -> String? { values.first { $0.0 == key }?.1 }
    /// Every value of `key` (checkboxes), in order.
    func all(_ key: String) -> [String] { values.filter { $0.0 == key }.map(\.1) }

    static func read(_ request: Request) async throws -> Form {
        var body = request.body
        let buffer = try await body.collect(upTo: Workbench.maxFormBytes)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> Form {
        func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
        return Form(values: text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        })
    }
}
