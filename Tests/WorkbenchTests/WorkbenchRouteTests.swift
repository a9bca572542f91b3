import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest
import Reports
@testable import Scenario
import SiteModel
import TestSupport
@testable import Workbench

/// The workbench's routes in process (HummingbirdTesting): the pages, a run from the form to
/// its result, and what is refused.
final class WorkbenchRouteTests: XCTestCase {
    /// A workspace with the two-site scenario, a broken copy of it, and a plan file.
    func workspace() throws -> Workspace {
        let folder = try temporaryFolder()
        let text = try String(contentsOfFile: Repository.scenario("small/two-sites.yaml"), encoding: .utf8)
        try text.write(to: folder.appendingPathComponent("two-sites.yaml"), atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "residents: 300", with: "residents: many").write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try "call_ups:\n  - {building: B1, site: S1, window: \"07:00-07:30\"}\n".write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        return try Workspace(folder.path)
    }

    func application(_ ws: Workspace, runs: RunQueue, settings: Workbench.Settings = .init()) -> some ApplicationProtocol {
        Application(router: Workbench.router(workspace: ws, runs: runs, settings: settings))
    }

    static let own: HTTPFields = [.origin: "http://localhost", .contentType: "application/x-www-form-urlencoded"]

    func testTheListShowsScenariosAndTheirErrorsNotPlans() async throws {
        let ws = try workspace()
        XCTAssertEqual(ws.scenarios(), ["broken.yaml", "two-sites.yaml"])
        try await application(ws, runs: RunQueue(workspace: ws)).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let page = String(buffer: response.body)
                XCTAssertTrue(page.contains("Two-site test community"), page)
                XCTAssertTrue(page.contains("broken.yaml:15:16: error"), "the loader's error, at its line and column")
                XCTAssertTrue(page.contains("lang=\"zh-CN\""), "Chinese first")
                XCTAssertEqual(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'"), true)
            }
            try await client.execute(uri: "/?lang=en", method: .get) { response in
                XCTAssertTrue(String(buffer: response.body).contains("Scenarios"))
            }
        }
    }

    /// A run from the form: queued, run by the library, kept in the workspace with its seed,
    /// and its figures the ones `swabplan simulate` gives for the same seed.
    func testARunGivesTheCommandLinesFigures() async throws {
        let ws = try workspace()
        let runs = RunQueue(workspace: ws, jobs: 2)
        let id = try await application(ws, runs: runs).test(.router) { client -> String in
            let location = try await client.execute(uri: "/run", method: .post, headers: Self.own,
                                                    body: ByteBuffer(string: "f=two-sites.yaml&replications=12&seed=7&plan=scenario")) { response -> String in
                XCTAssertEqual(response.status, .seeOther)
                return try XCTUnwrap(response.headers[.location])
            }
            let id = String(location.dropFirst("/run?id=".count)).removingPercentEncoding!
            let record = try XCTUnwrap(runs.wait(id))
            XCTAssertEqual(record.status, .done, record.error ?? "")
            try await client.execute(uri: "/run?id=" + id, method: .get) { response in
                let page = String(buffer: response.body)
                // A state in words for each site and quarter hour (the legend says the words too,
                // so the cells are what is counted).
                let cells = ["clear", "busy", "congested"].map { page.components(separatedBy: "<td class=\"\($0)\"").count - 1 }.reduce(0, +)
                XCTAssertGreaterThanOrEqual(cells, 2 * 4, "two sites, at least an hour of quarter hours")
                XCTAssertTrue(page.contains("report.html"))
            }
            try await client.execute(uri: "/runfile?id=\(id)&name=summary.json", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
            }
            return id
        }
        // The CLI's run: the same scenario, plan, seed and replications.
        let s = try ScenarioLoader.load(path: ws.path("two-sites.yaml")!)
        let cli = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 12, seed: 7, jobs: 1)
        let kept = try String(contentsOfFile: runs.folder(id) + "/summary.json", encoding: .utf8)
        XCTAssertEqual(kept, Summary.json(cli).rendered() + "\n")
        // Kept: a new queue on the same workspace finds it.
        XCTAssertEqual(RunQueue(workspace: ws).record(id)?.status, .done)
    }

    func testAFailedRunShowsItsErrorAndTheServerServesOn() async throws {
        let ws = try workspace()
        let runs = RunQueue(workspace: ws)
        try await application(ws, runs: runs).test(.router) { client in
            let record = runs.submit(scenario: "broken.yaml", replications: 4, seed: 1, plan: "scenario")
            XCTAssertEqual(runs.wait(record.id)?.status, .failed)
            try await client.execute(uri: "/run?id=" + record.id, method: .get) { response in
                XCTAssertTrue(String(buffer: response.body).contains("expected a whole number"))
            }
            try await client.execute(uri: "/", method: .get) { XCTAssertEqual($0.status, .ok) }
        }
    }

    /// One run at a time per scenario: the second waits for the first; a queued run cancelled
    /// never starts.
    func testRunsOfOneScenarioQueueAndCancel() throws {
        let ws = try workspace()
        let runs = RunQueue(workspace: ws, jobs: 1)
        let first = runs.submit(scenario: "two-sites.yaml", replications: 400, seed: 1, plan: "scenario")
        let second = runs.submit(scenario: "two-sites.yaml", replications: 4, seed: 2, plan: "scenario")
        let third = runs.submit(scenario: "two-sites.yaml", replications: 4, seed: 3, plan: "scenario")
        XCTAssertEqual(runs.record(second.id)?.status, .queued)
        runs.cancel(third.id)
        runs.cancel(first.id)
        XCTAssertEqual(runs.wait(first.id)?.status, .cancelled)
        XCTAssertEqual(runs.wait(second.id)?.status, .done)
        XCTAssertEqual(runs.record(third.id)?.status, .cancelled)
    }

    func testPathsOutsideTheWorkspaceAndForeignPostsAreRefused() async throws {
        let ws = try workspace()
        // A link out of the workspace.
        try FileManager.default.createSymbolicLink(atPath: ws.root + "/out.yaml", withDestinationPath: "/etc/hostname")
        for bad in ["../two-sites.yaml", "/etc/passwd", "a/../../x.yaml", ".swabplan/runs", "out.yaml", "two-sites.yaml\0"] {
            XCTAssertNil(ws.path(bad), bad)
        }
        XCTAssertNotNil(ws.path("two-sites.yaml"))
        try await application(ws, runs: RunQueue(workspace: ws)).test(.router) { client in
            for uri in ["/scenario?f=../etc/passwd", "/scenario?f=%2Fetc%2Fpasswd", "/scenario?f=out.yaml", "/runfile?id=x&name=../../two-sites.yaml"] {
                try await client.execute(uri: uri, method: .get) { XCTAssertEqual($0.status, .notFound, uri) }
            }
            var foreign = Self.own
            foreign[.origin] = "http://evil.example"
            try await client.execute(uri: "/duplicate", method: .post, headers: foreign, body: ByteBuffer(string: "f=two-sites.yaml")) {
                XCTAssertEqual($0.status, .forbidden)
            }
            try await client.execute(uri: "/duplicate", method: .post, headers: Self.own, body: ByteBuffer(string: "f=two-sites.yaml")) {
                XCTAssertEqual($0.status, .seeOther)
            }
            let big = ByteBuffer(string: "f=" + String(repeating: "x", count: 200_000))
            try await client.execute(uri: "/duplicate", method: .post, headers: Self.own, body: big) {
                XCTAssertEqual($0.status, .contentTooLarge)
            }
        }
        XCTAssertTrue(ws.exists("two-sites-what-if.yaml"))
    }

    func testOffLoopbackEveryRequestNeedsTheToken() async throws {
        let ws = try workspace()
        let settings = Workbench.Settings(host: "0.0.0.0", port: 8080, token: "secret")
        try await application(ws, runs: RunQueue(workspace: ws), settings: settings).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { XCTAssertEqual($0.status, .unauthorized) }
            try await client.execute(uri: "/?token=wrong", method: .get) { XCTAssertEqual($0.status, .unauthorized) }
            try await client.execute(uri: "/?token=secret", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.setCookie]?.hasPrefix("swabplan_token=secret"), true)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "swabplan_token=secret"]) { XCTAssertEqual($0.status, .ok) }
        }
    }

    /// What the planner wrote is escaped wherever a page shows it.
    func testNamesAreEscaped() async throws {
        let ws = try workspace()
        let text = try String(contentsOfFile: ws.path("two-sites.yaml")!, encoding: .utf8)
            .replacingOccurrences(of: "name: Two-site test community", with: "name: \"<script>alert(1)</script>\"")
        try ws.save(text, to: "two-sites.yaml")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ws.keep + "/history/two-sites.yaml.1"), "the version replaced is kept")
        try await application(ws, runs: RunQueue(workspace: ws)).test(.router) { client in
            for uri in ["/", "/scenario?f=two-sites.yaml"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let page = String(buffer: response.body)
                    XCTAssertFalse(page.contains("<script>alert"), uri)
                    XCTAssertTrue(page.contains("&lt;script&gt;alert(1)"), uri)
                }
            }
        }
    }
}

/// Optimise and compare from the browser: the plan kept under a name, then compared with the
/// scenario's own and the baseline.
final class WorkbenchPlanningRouteTests: XCTestCase {
    func testOptimiseKeepTheNamedPlanAndCompare() async throws {
        let (_, ws, runs) = try twoSitesWorkspace()
        let app = Application(router: Workbench.router(workspace: ws, runs: runs, settings: .init()))
        try await app.test(.router) { client in
            let own = WorkbenchRouteTests.own
            let optimise = try await client.execute(uri: "/run", method: .post, headers: own,
                                                    body: ByteBuffer(string: "f=two-sites.yaml&kind=optimize&time_limit=5&objective=mean&seed=1")) { $0.headers[.location] ?? "" }
            let id = String(optimise.dropFirst("/run?id=".count))
            let done = try XCTUnwrap(runs.wait(id))
            XCTAssertEqual(done.status, .done, done.error ?? "")
            XCTAssertFalse(done.log.isEmpty, "progress notes streamed")
            XCTAssertTrue(done.log.first?.zh.contains("下界") == true, "the bounds first: \(done.log.first?.zh ?? "")")
            try await client.execute(uri: "/run?id=" + id, method: .get) { response in
                let page = String(buffer: response.body)
                XCTAssertTrue(page.contains("保存为方案"))
                XCTAssertTrue(page.contains("优化结果"))
            }
            // A bad name is refused; a good one is kept beside the scenario.
            try await client.execute(uri: "/keep-plan", method: .post, headers: own, body: ByteBuffer(string: "id=\(id)&name=..%2Fx")) {
                XCTAssertEqual($0.status, .badRequest)
            }
            try await client.execute(uri: "/keep-plan", method: .post, headers: own,
                                     body: ByteBuffer(string: "id=\(id)&name=" + "优化".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)) {
                XCTAssertEqual($0.status, .seeOther)
            }
            XCTAssertEqual(ws.plans(for: "two-sites.yaml"), ["two-sites-plans/优化.yaml"])
            let s = try ScenarioLoader.load(path: ws.path("two-sites.yaml")!)
            XCTAssertNoThrow(try ScenarioLoader.loadPlan(path: ws.path("two-sites-plans/优化.yaml")!, for: s))
            // Compare the three.
            let body = "f=two-sites.yaml&kind=compare&plan=scenario&plan=baseline&plan=" + "two-sites-plans/优化.yaml".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&replications=20&seed=1"
            let compare = try await client.execute(uri: "/run", method: .post, headers: own, body: ByteBuffer(string: body)) { $0.headers[.location] ?? "" }
            let cid = String(compare.dropFirst("/run?id=".count))
            let c = try XCTUnwrap(runs.wait(cid))
            XCTAssertEqual(c.status, .done, c.error ?? "")
            try await client.execute(uri: "/run?id=" + cid, method: .get) { response in
                let page = String(buffer: response.body)
                XCTAssertTrue(page.contains("<polyline"), "a line per plan")
                XCTAssertTrue(page.contains("class=\"num worse\"") || page.contains("class=\"num better\""), "better and worse marked")
            }
            // One plan is not a comparison; an unknown plan is refused.
            try await client.execute(uri: "/run", method: .post, headers: own, body: ByteBuffer(string: "f=two-sites.yaml&kind=compare&plan=scenario&replications=20&seed=1")) {
                XCTAssertEqual($0.status, .badRequest)
            }
            try await client.execute(uri: "/run", method: .post, headers: own, body: ByteBuffer(string: "f=two-sites.yaml&kind=simulate&plan=../x.yaml&replications=20&seed=1")) {
                XCTAssertEqual($0.status, .badRequest)
            }
        }
    }
}

/// Publish from a run: a notice previewed, the zip downloaded and a notice read inside it, the
/// folder written (and written again over its own earlier publication).
final class WorkbenchPublishTests: XCTestCase {
    func testPublishPreviewZipAndFolder() async throws {
        let (folder, ws, runs) = try twoSitesWorkspace()
        let r = runs.submit(scenario: "two-sites.yaml", replications: 10, seed: 1, plan: "scenario")
        XCTAssertEqual(runs.wait(r.id)?.status, .done)
        let files = PublicationIndex.read(runs.folder(r.id))
        let notice = try XCTUnwrap(files.firstIndex { $0.hasPrefix("notices/") })
        let app = Application(router: Workbench.router(workspace: ws, runs: runs, settings: .init()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/run?id=" + r.id, method: .get) { XCTAssertTrue(String(buffer: $0.body).contains("/pubzip?id=")) }
            let text = try await client.execute(uri: "/pubfile?id=\(r.id)&k=\(notice)", method: .get) { response -> String in
                XCTAssertEqual(response.status, .ok)
                return String(buffer: response.body)
            }
            XCTAssertFalse(text.isEmpty)
            try await client.execute(uri: "/pubfile?id=\(r.id)&k=9999", method: .get) { XCTAssertEqual($0.status, .notFound) }
            try await client.execute(uri: "/pubzip?id=" + r.id, method: .get) { response in
                XCTAssertEqual(response.headers[.contentType], "application/zip")
                let zip = try ZipArchive(Data(buffer: response.body))
                let inside = try XCTUnwrap(try zip.data(files[notice], limit: 1 << 20))
                XCTAssertEqual(String(decoding: inside, as: UTF8.self), text, "the notice in the zip is the one previewed")
            }
            for _ in 0..<2 {
                try await client.execute(uri: "/publish-folder", method: .post, headers: WorkbenchRouteTests.own, body: ByteBuffer(string: "id=" + r.id)) {
                    XCTAssertEqual($0.status, .seeOther)
                }
            }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/two-sites-publication/" + files[notice]))
    }
}

/// The morning form: filled in with what the plan expects, corrected, read by the state loader,
/// re-planned, and only what changed published.
final class WorkbenchMorningTests: XCTestCase {
    func testTheMorningFormReplansAndPublishesWhatChanged() async throws {
        let (_, ws, runs) = try twoSitesWorkspace()
        let app = Application(router: Workbench.router(workspace: ws, runs: runs, settings: .init()))
        try await app.test(.router) { client in
            try await client.execute(uri: "/morning?f=two-sites.yaml&plan=scenario&at=08:00", method: .get) { response in
                let page = String(buffer: response.body)
                XCTAssertTrue(page.contains("name=\"reg_S1\""), "a line count per site")
                XCTAssertTrue(page.contains("value=\"08:00\""))
            }
            let own = WorkbenchRouteTests.own
            // Not a count: refused with what a valid value looks like; a state the loader refuses too.
            try await client.execute(uri: "/replan", method: .post, headers: own,
                                     body: ByteBuffer(string: "f=two-sites.yaml&plan=scenario&at=08:00&reg_S1=many&time_limit=5&seed=1")) { response in
                XCTAssertEqual(response.status, .badRequest)
                XCTAssertTrue(String(buffer: response.body).contains("不是人数"))
            }
            try await client.execute(uri: "/replan", method: .post, headers: own,
                                     body: ByteBuffer(string: "f=two-sites.yaml&plan=scenario&at=08:00&desks_S1=9&time_limit=5&seed=1")) { response in
                XCTAssertEqual(response.status, .badRequest, "more desks working than the site has")
            }
            let location = try await client.execute(uri: "/replan", method: .post, headers: own,
                                                    body: ByteBuffer(string: "f=two-sites.yaml&plan=scenario&at=08:00&reg_S1=150&swab_S1=20&desks_S1=1&time_limit=5&seed=1")) { response -> String in
                XCTAssertEqual(response.status, .seeOther)
                return response.headers[.location] ?? ""
            }
            let id = String(location.dropFirst("/run?id=".count))
            let r = try XCTUnwrap(runs.wait(id))
            XCTAssertEqual(r.status, .done, r.error ?? "")
            XCTAssertEqual(r.at, "08:00")
            let state = try String(contentsOfFile: runs.folder(id) + "/state.yaml", encoding: .utf8)
            XCTAssertTrue(state.contains("S1: {registration: 150, swab: 20}"), state)
            let files = PublicationIndex.read(runs.folder(id))
            XCTAssertTrue(files.contains("site-sheets.html") && files.contains("README.md"), "\(files)")
            try await client.execute(uri: "/run?id=" + id, method: .get) { response in
                XCTAssertTrue(String(buffer: response.body).contains("重新安排的结果"))
            }
        }
    }
}

/// The editor: a check as the planner types (the loader's words at the value's position), a
/// save that changes only the edited value, and an undo.
final class WorkbenchEditorTests: XCTestCase {
    func testCheckSaveInPlaceAndUndo() async throws {
        let folder = try temporaryFolder()
        let original = try String(contentsOfFile: Repository.scenario("small/two-sites.yaml"), encoding: .utf8)
        try original.write(toFile: folder.path + "/two-sites.yaml", atomically: true, encoding: .utf8)
        let ws = try Workspace(folder.path)
        let app = Application(router: Workbench.router(workspace: ws, runs: RunQueue(workspace: ws), settings: .init()))
        let sites = try XCTUnwrap(try SourceEditing.tables(original, file: "two-sites.yaml").first { $0.keyPath == "sites" })
        let desks = try XCTUnwrap(sites.rows[0]["registration_desks"])
        @Sendable func body(_ new: String) -> ByteBuffer {
            let q = EditRequest(f: "two-sites.yaml", edits: [.init(line: desks.line, column: desks.column, old: desks.value, new: new)])
            return ByteBuffer(bytes: try! JSONEncoder().encode(q))
        }
        var json = WorkbenchRouteTests.own
        json[.contentType] = "application/json"
        let headers = json
        try await app.test(.router) { client in
            try await client.execute(uri: "/edit?f=two-sites.yaml", method: .get) { response in
                XCTAssertTrue(String(buffer: response.body).contains("data-old=\"\(desks.value)\""))
            }
            try await client.execute(uri: "/check", method: .post, headers: headers, body: body("many")) { response in
                let answer = try JSONDecoder().decode(CheckAnswer.self, from: Data(buffer: response.body))
                let p = try XCTUnwrap(answer.problems.first)
                XCTAssertEqual(p.line, desks.line)
                XCTAssertTrue(p.message.contains("expected a whole number"), p.message)
                XCTAssertFalse(answer.saved)
            }
            // An error is never saved.
            try await client.execute(uri: "/save", method: .post, headers: headers, body: body("many")) { _ in }
            XCTAssertEqual(try String(contentsOfFile: folder.path + "/two-sites.yaml", encoding: .utf8), original)
            try await client.execute(uri: "/save", method: .post, headers: headers, body: body("3")) { response in
                XCTAssertTrue(try JSONDecoder().decode(CheckAnswer.self, from: Data(buffer: response.body)).saved)
            }
            let saved = try String(contentsOfFile: folder.path + "/two-sites.yaml", encoding: .utf8)
            XCTAssertEqual(zip(saved.split(separator: "\n", omittingEmptySubsequences: false), original.split(separator: "\n", omittingEmptySubsequences: false))
                .filter { $0 != $1 }.count, 1, "one line changed, comments and all else kept")
            try await client.execute(uri: "/undo", method: .post, headers: WorkbenchRouteTests.own, body: ByteBuffer(string: "f=two-sites.yaml")) {
                XCTAssertEqual($0.status, .seeOther)
            }
            XCTAssertEqual(try String(contentsOfFile: folder.path + "/two-sites.yaml", encoding: .utf8), original)
            // A call-up added as a copy of another, edited before it is saved: B1 split into two
            // bands at one site.
            let withPlan = original + "plan:\n  call_ups:\n    - {building: B1, site: S1, window: \"07:00-07:30\"}\n    - {building: B2, site: S2, window: \"07:00-07:30\"}\n"
            try ws.save(withPlan, to: "two-sites.yaml")
            let calls = try XCTUnwrap(try SourceEditing.tables(withPlan, file: "two-sites.yaml").first { $0.keyPath == "plan.call_ups" })
            let b1 = try XCTUnwrap(calls.itemLines[0]), floors = try XCTUnwrap(calls.rows[0]["window"])
            let lines = withPlan.split(separator: "\n", omittingEmptySubsequences: false)
            let q = EditRequest(f: "two-sites.yaml", edits: [], adds: [.init(after: b1, values: ["window": "07:30-08:00"])], removes: [],
                                lines: [String(b1): String(lines[b1 - 1])])
            try await client.execute(uri: "/check", method: .post, headers: headers, body: ByteBuffer(bytes: try JSONEncoder().encode(q))) { response in
                let answer = try JSONDecoder().decode(CheckAnswer.self, from: Data(buffer: response.body))
                XCTAssertTrue(answer.problems.contains { $0.message.contains("already called") }, "B1 called twice: \(answer.problems.map(\.message))")
            }
            _ = floors
            // From another origin: refused before it is read.
            var foreign = headers
            foreign[.origin] = "http://evil.example"
            try await client.execute(uri: "/save", method: .post, headers: foreign, body: body("4")) { XCTAssertEqual($0.status, .forbidden) }
        }
    }
}

/// A new scenario from the example, and buildings imported from a workbook or a CSV: checked
/// whole before anything is written; a bad upload changes nothing.
final class WorkbenchImportTests: XCTestCase {
    func testNewFromTheExampleAndImportBuildings() async throws {
        let folder = try temporaryFolder()
        for f in ["panjiayuan-nanli.yaml", "panjiayuan-nanli-buildings.csv"] {
            try FileManager.default.copyItem(atPath: Repository.scenario(f), toPath: folder.path + "/" + f)
        }
        let ws = try Workspace(folder.path)
        let app = Application(router: Workbench.router(workspace: ws, runs: RunQueue(workspace: ws), settings: .init()))
        let before = try String(contentsOfFile: folder.path + "/panjiayuan-nanli.yaml", encoding: .utf8)
        try await app.test(.router) { client in
            let own = WorkbenchRouteTests.own
            try await client.execute(uri: "/new", method: .post, headers: own,
                                     body: ByteBuffer(string: "name=" + "新小区".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&residents=2000&buildings=12&sites=3")) {
                XCTAssertEqual($0.status, .seeOther)
            }
            let made = try ScenarioLoader.load(path: folder.path + "/新小区.yaml")
            XCTAssertEqual(made.buildings.count, 12)
            XCTAssertEqual(made.name, "新小区 (generated district (2000 residents, 12 buildings, 3 sites))")
            // The same name again: refused, nothing overwritten.
            try await client.execute(uri: "/new", method: .post, headers: own,
                                     body: ByteBuffer(string: "name=" + "新小区".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&residents=2000&buildings=12&sites=3")) {
                XCTAssertEqual($0.status, .badRequest)
            }
            // A bad CSV: refused with the row and column, nothing written.
            let bad = "id,compound,residents,floors,x_metres,y_metres\nB1,c17,many,6,30,30\n"
            try await client.execute(uri: "/import?f=panjiayuan-nanli.yaml&name=b.csv", method: .post, headers: own, body: ByteBuffer(string: bad)) { response in
                XCTAssertEqual(response.status, .badRequest)
                XCTAssertTrue(String(buffer: response.body).contains("b.csv:2:"), String(buffer: response.body))
            }
            XCTAssertEqual(try String(contentsOfFile: folder.path + "/panjiayuan-nanli.yaml", encoding: .utf8), before)
            // The Panjiayuan workbook: its buildings replace the CSV's; the scenario now names it.
            let workbook = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/ScenarioTests/Workbooks/panjiayuan-buildings.xlsx")))
            try await client.execute(uri: "/import?f=panjiayuan-nanli.yaml&name=楼栋.xlsx", method: .post, headers: own, body: ByteBuffer(bytes: workbook)) {
                XCTAssertEqual($0.status, .seeOther, String(buffer: $0.body))
            }
        }
        let after = try String(contentsOfFile: folder.path + "/panjiayuan-nanli.yaml", encoding: .utf8)
        // Its buildings are on its second sheet (the first has notes): named.
        XCTAssertTrue(after.contains("buildings:\n  file: panjiayuan-nanli-buildings.xlsx\n  sheet: \""), after)
        XCTAssertEqual(try ScenarioLoader.load(path: folder.path + "/panjiayuan-nanli.yaml").buildings.count, 33)
        // Only the buildings' lines changed (one more, the sheet).
        XCTAssertEqual(after.split(separator: "\n").count, before.split(separator: "\n").count + 1)
    }
}

/// The planning rules an optimisation from the browser runs under: changed for the run only,
/// each in its range, and the plan keeps them.
final class WorkbenchRulesTests: XCTestCase {
    func testRulesSetForOneOptimisation() async throws {
        let (_, ws, runs) = try twoSitesWorkspace()
        let app = Application(router: Workbench.router(workspace: ws, runs: runs, settings: .init()))
        try await app.test(.router) { client in
            let own = WorkbenchRouteTests.own
            try await client.execute(uri: "/run", method: .post, headers: own,
                                     body: ByteBuffer(string: "f=two-sites.yaml&kind=optimize&time_limit=5&objective=mean&seed=1&grid=7")) {
                XCTAssertEqual($0.status, .badRequest, "a grid that does not divide the hour")
            }
            let location = try await client.execute(uri: "/run", method: .post, headers: own,
                                                    body: ByteBuffer(string: "f=two-sites.yaml&kind=optimize&time_limit=5&objective=mean&seed=1&min_window=40&grid=10")) {
                $0.headers[.location] ?? ""
            }
            let id = String(location.dropFirst("/run?id=".count))
            let r = try XCTUnwrap(runs.wait(id))
            XCTAssertEqual(r.status, .done, r.error ?? "")
            XCTAssertEqual(r.rules?.minWindowMinutes, 40)
            let s = try ScenarioLoader.load(path: ws.path("two-sites.yaml")!)
            XCTAssertEqual(s.planning.minWindowMinutes, 20, "the file is not touched")
            let plan = try ScenarioLoader.loadPlan(path: runs.folder(id) + "/plan.yaml", for: s)
            for c in plan.callUps { XCTAssertGreaterThanOrEqual(c.window.duration, 40 * 60, "\(c.window.description)") }
        }
    }
}

extension XCTestCase {
    /// A fresh workspace holding the two-site scenario, and its run queue (two threads).
    func twoSitesWorkspace() throws -> (folder: URL, workspace: Workspace, runs: RunQueue) {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(atPath: Repository.scenario("small/two-sites.yaml"), toPath: folder.path + "/two-sites.yaml")
        let ws = try Workspace(folder.path)
        return (folder, ws, RunQueue(workspace: ws, jobs: 2))
    }
}
