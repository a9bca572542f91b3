import Foundation
import Planner
import XCTest
import TestSupport
@testable import Reports
import Scenario
import SiteModel
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `swabplan publish`: golden files, a well-formed and escaped report, safe file names, no
/// accidental overwrite.
final class PublishTests: XCTestCase {
    let cli = CLI()

    /// Relative to the package root (where the binary runs), so file names in the output do not
    /// depend on where the package is checked out.
    static func fixture(_ name: String) -> String { "Tests/CLITests/Fixtures/" + name }

    func folder() -> URL { try! temporaryFolder("swabplan-publish", create: false) }

    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Residents who give up are listed per building for a visit after the round: the fixture's
    /// third resident of B1 leaves after 15 minutes in every replication; B2's one resident is
    /// swabbed and the building is left out. Without patience there is no list.
    func testFollowUpListsWhoGaveUp() throws {
        let out = folder()
        let r = try cli.run(["publish", Self.fixture("publish-patience.yaml"), "--out", out.path, "-r", "4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("follow-up.csv")),
                       "building,name,compound,expected_residents_to_visit,half_width_95,p95_over_replications\nB1,Building 1,,1,0.0,1\n")
        let plain = folder()
        XCTAssertEqual(try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", plain.path, "-r", "2"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain.appendingPathComponent("follow-up.csv").path))
    }

    /// Every time in the fixture is deterministic, so the files are exact.
    func testGoldenFiles() throws {
        let out = folder()
        let r = try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let golden = Repository.root.appendingPathComponent("Tests/CLITests/Golden/publish")
        for (made, expected) in [("schedule.csv", "schedule.csv"), ("rosters.csv", "rosters.csv"), ("courier-runs.csv", "courier-runs.csv"),
                                 ("summary.json", "summary.json"), ("notices/B2.txt", "notice-B2.txt")] {
            XCTAssertEqual(try read(out.appendingPathComponent(made)), try read(golden.appendingPathComponent(expected)), made)
        }
        // A spreadsheet would run the building's name as a formula: it is neutralised.
        XCTAssertTrue(try read(out.appendingPathComponent("schedule.csv")).contains("\"'=HYPERLINK("))
        let readme = try read(out.appendingPathComponent("README.md"))
        for f in ["schedule.csv", "rosters.csv", "courier-runs.csv", "report.html", "summary.json", "notices/"] {
            XCTAssertTrue(readme.contains("`\(f)`"), f)
        }
    }

    /// The same publication in Chinese and in English (`--language`), word for word: the
    /// terminal, schedule.csv and rosters.csv with their byte-order marks, the report's first
    /// screen (verdict, targets, the windows behind the miss, warnings, what-if), a notice.
    func testChineseAndEnglishPublicationsMatchGoldens() throws {
        for language in ["zh", "en"] {
            let out = folder()
            let r = try cli.run(["publish", Self.fixture("publish-crowded.yaml"), "--out", out.path, "-r", "3", "--language", language])
            XCTAssertEqual(r.status, 0, r.stderr)
            let golden = Repository.root.appendingPathComponent("Tests/CLITests/Golden/publish/crowded-\(language)")
            XCTAssertEqual(r.stdout.replacingOccurrences(of: out.path, with: "OUT"), try read(golden.appendingPathComponent("terminal.txt")), language)
            for f in ["schedule.csv", "rosters.csv"] {
                let data = try Data(contentsOf: out.appendingPathComponent(f))
                XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], f)
                XCTAssertEqual(try read(out.appendingPathComponent(f)), try read(golden.appendingPathComponent(f)), "\(language) \(f)")
            }
            let html = try read(out.appendingPathComponent("report.html"))
            let start = html.range(of: "<p class=\"missed\"")!.lowerBound, end = html.range(of: "<figure>")!.lowerBound
            XCTAssertEqual(String(html[start..<end]), try read(golden.appendingPathComponent("report-first-screen.html")), language)
            for page in ["report.html", "site-sheets.html"] {
                XCTAssertTrue(try read(out.appendingPathComponent(page)).contains("<html lang=\"\(language == "zh" ? "zh-CN" : "en")\">"), page)
            }
        }
        let out = folder()
        XCTAssertEqual(try cli.run(["publish", Self.fixture("publish-crowded.yaml"), "--out", out.path, "-r", "3"]).status, 0)
        let golden = Repository.root.appendingPathComponent("Tests/CLITests/Golden/publish/crowded-zh")
        XCTAssertEqual(try read(out.appendingPathComponent("notices/B2.txt")), try read(golden.appendingPathComponent("notice-B2.txt")))
    }

    /// A plan the optimiser wrote: the advice does not send the planner back to the optimiser
    /// (a hand plan's does, where no checked change helps).
    func testAdviceForAnOptimisedPlanDoesNotSuggestOptimising() throws {
        let dir = folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let plan = dir.appendingPathComponent("plan.yaml")
        XCTAssertEqual(try cli.run(["validate", Self.fixture("publish-crowded.yaml"), "--plan", "scenario", "--write-plan", plan.path]).status, 0)
        let text = try read(plan).replacingOccurrences(of: "call_ups:", with: "name: \"optimised by swabplan (mean, seed 1)\"\ncall_ups:")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        for (planArgs, suggests) in [([String](), true), (["--plan", plan.path], false)] {
            let out = dir.appendingPathComponent("out-\(suggests)")
            XCTAssertEqual(try cli.run(["publish", Self.fixture("publish-crowded.yaml"), "--out", out.path, "-r", "3"] + planArgs).status, 0)
            let warnings = try read(out.appendingPathComponent("report.html")).components(separatedBy: "<h2>Warnings</h2>")[1].components(separatedBy: "<h2>")[0]
            XCTAssertTrue(warnings.contains("is the bottleneck"), warnings)
            XCTAssertTrue(warnings.contains("break together"), warnings)
            XCTAssertEqual(warnings.contains("swabplan optimize"), suggests, warnings)
        }
    }

    /// What a published plan buys is said in the planner's units: the finish as clock times
    /// ("11:02 -> 10:41"), its change in minutes; the other figures in minutes.
    func testChangeNoteGivesTheFinishAsClockTimes() throws {
        let s = Fixtures.smallCommunity()
        var earlier = s.plan!
        // The two buildings called last at S2 (from 10:15) come at 08:45 instead.
        earlier.callUps = earlier.callUps.map { c in
            guard c.site == "S2", c.window.start >= 10 * 3600 else { return c }
            var c = c
            c.window = ClockWindow(start: c.window.start - 90 * 60, end: c.window.end - 90 * 60)
            return c
        }
        earlier.origin = "optimised"
        let c = try XCTUnwrap(try PublishedChanges.run(s, own: s.plan!, published: earlier, seed: 1, jobs: 1))
        for (language, finish) in [(Language.en, "last swab: "), (.zh, "最后一人采完：")] {
            let note = ChangeNote(c, s, Wording(language))
            let line = try XCTUnwrap(note.effects.first { $0.hasPrefix(finish) }, "\(note.effects)")
            let clock = #"\d\d:\d\d"#
            XCTAssertNotNil(line.range(of: "^" + finish + clock + " (->|→) " + clock, options: .regularExpression), line)
            XCTAssertTrue(line.contains(language == .en ? " minutes)" : "分钟）"), line)
            let mean = try XCTUnwrap(note.effects.first { !$0.hasPrefix(finish) })
            XCTAssertNil(mean.range(of: clock, options: .regularExpression), mean)
        }
    }

    /// The data desk after the round works until its data are done: the rosters and the staff
    /// timeline say so, not that community workers stay until midnight (the plan file's 24:00).
    func testDeskAfterTheRoundReadsUntilDone() throws {
        var s = Fixtures.smallCommunity()
        s.plan!.roles = try XCTUnwrap(WorkerRoles.assign(s, s.plan!))
        XCTAssertTrue(s.plan!.roles.contains { $0.role == .dataDesk && $0.period.untilDone }, "no desk period to the day's end")
        let r = Experiment.run(try CompiledRound(scenario: s, plan: s.plan!), replications: 2, seed: 1, jobs: 1)
        for (language, untilDone) in [(Language.en, "until done"), (.zh, "直至完成")] {
            let rosters = ScheduleFiles.rosters(r, Wording(language))
            XCTAssertFalse(rosters.contains("24:00"), rosters)
            XCTAssertTrue(rosters.contains("," + untilDone + ","), rosters)
        }
        XCTAssertEqual(Wording(.en).period(ClockWindow(start: 12 * 3600, end: 86_400)), "12:00 until done")
        XCTAssertEqual(Wording(.zh).period(ClockWindow(start: 12 * 3600, end: 86_400)), "12:00起直至完成")
        XCTAssertEqual(Wording(.en).period(ClockWindow(start: 7 * 3600, end: 12 * 3600)), "07:00-12:00")
    }

    /// The staff timeline's row labels fit left of the chart, however long the Chinese team
    /// and site names (they ran past the edge at a fixed 118 px).
    func testStaffTimelineLabelsFitTheChart() throws {
        var s = Fixtures.smallCommunity()
        s.staff.cohorts[0].name = "早班采样队伍"
        for k in s.sites.indices { s.sites[k].name = "第\(k + 1)号院北侧胡同露天采样点" }
        let r = Experiment.run(try CompiledRound(scenario: s, plan: s.plan!), replications: 2, seed: 1, jobs: 1)
        let svg = ReportPage.staffTimeline(r, Wording(.zh))
        let labels = try NSRegularExpression(pattern: #"<text x="([0-9.]+)" y="[0-9.]+" font-size="10" text-anchor="end">([^<]*)</text>"#)
        let found = labels.matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
        XCTAssertGreaterThan(found.count, 6)
        for m in found {
            let x = Double(svg[Range(m.range(at: 1), in: svg)!])!, text = String(svg[Range(m.range(at: 2), in: svg)!])
            // At font size 10, a Chinese character is 10 px wide, a Latin letter at most 6.
            let width = text.reduce(0.0) { $0 + (DisplayWidth.of($1) == 2 ? 10 : 6) }
            XCTAssertGreaterThanOrEqual(x - width, 0, text)
        }
    }

    /// Buildings called in parts at one site name the site once; parts at two sites name each.
    func testBuildingsCalledInPartsNameTheirSiteOnce() {
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.site("S1", desks: 1, stations: 2)
        b.site("S2", desks: 1, stations: 2)
        b.building("B1", residents: 10, floors: 6, walk: ["S1": 1, "S2": 1])
        b.cohort("c", departs: "07:00", drops: [("S1", 2)], shiftEnd: "10:00", standingLimitMinutes: 60)
        b.staff(registrars: 2)
        let w1 = ClockWindow.parse("07:00-07:30")!, w2 = ClockWindow.parse("08:00-08:30")!
        func parts(_ second: String) -> PlanChange {
            .recut([.init(building: "B1", parts: [.init(floors: 1...3, site: "S1", window: w1), .init(floors: 4...6, site: second, window: w2)])])
        }
        XCTAssertEqual(ChangeNote.words(parts("S1"), b.scenario, Wording(.en)),
                       "buildings called in parts, by floors (1): B1, at S1: floors 1\u{2013}3 07:00-07:30, floors 4\u{2013}6 08:00-08:30")
        XCTAssertEqual(ChangeNote.words(parts("S2"), b.scenario, Wording(.zh)),
                       "按楼层分批通知的楼栋（1栋）：B1：1\u{2013}3层 07:00-07:30到S1、4\u{2013}6层 08:00-08:30到S2")
    }

    /// The report parses as XML (so as well-formed HTML), escapes what the scenario says, and
    /// draws one SVG per chart: a queue chart per site at a laptop's width and one at a phone's,
    /// time in system, staff, sample age.
    func testReportIsWellFormedAndEscaped() throws {
        let out = folder()
        XCTAssertEqual(try cli.run(["publish", Self.fixture("xss.yaml"), "--out", out.path, "-r", "4"]).status, 0)
        let html = try read(out.appendingPathComponent("report.html"))
        XCTAssertNoThrow(try XMLDocument(xmlString: html, options: []))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<b>Block"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 2 * 1 + 3)
        XCTAssertEqual(html.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"narrow\" viewBox=\"0 0 380 ").count - 1, 1)
        XCTAssertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no network resources")
    }

    /// A site id that tries to climb out of the folder is refused before anything is written.
    func testSiteIDCannotEscapeTheFolder() throws {
        let out = folder()
        let r = try cli.run(["publish", Self.fixture("escaping-site-id.yaml"), "--out", out.path])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("is not a valid id"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// Every CSV starts with a UTF-8 byte-order mark (Excel on Chinese Windows), and publish
    /// says on the terminal which targets the plan misses.
    func testCSVsCarryABOMAndMissedTargetsAreSaid() throws {
        let out = folder()
        let r = try cli.run(["publish", CommandLineTests.scenario("panjiayuan-nanli.yaml"), "--out", out.path, "-r", "4", "--check"])
        XCTAssertEqual(r.status, 3, r.stderr)
        // The scenario is in Chinese (`language: zh`).
        XCTAssertTrue(r.stdout.contains("未达到 95%的居民到场后20分钟内采完"), r.stdout)
        XCTAssertTrue(r.stderr.contains("提醒：本方案有1项目标未达到（共5项）"), r.stderr)
        for f in ["schedule.csv", "rosters.csv", "courier-runs.csv", "follow-up.csv", "sites.csv"] {
            let data = try Data(contentsOf: out.appendingPathComponent(f))
            XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], f)
        }
    }

    /// An earlier publication is replaced only with --force; then nothing is left beside it.
    func testExistingPublicationNeedsForce() throws {
        let out = folder()
        XCTAssertEqual(try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "2"]).status, 0)
        try "stale".write(to: out.appendingPathComponent("extra.txt"), atomically: true, encoding: .utf8)
        let r = try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "2"])
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.stderr.contains("use --force"), r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("extra.txt")), "stale")
        let forced = try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "2", "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("extra.txt").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(".swabplan-publication").path))
        // No staging or old folders are left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        XCTAssertFalse(siblings.contains { $0.hasPrefix("." + out.lastPathComponent) })
    }

    /// What must never be replaced is refused with exit 73 and left exactly as it was, even
    /// with --force: an empty path, `.`, `..`, the current folder and its ancestors, a regular
    /// file, and a folder SwabPlan did not publish.
    func testForceRefusesWhatIsNotAPublication() throws {
        let root = folder()
        let inner = root.appendingPathComponent("work/inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try "mine".write(to: inner.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "theirs".write(to: other.appendingPathComponent("data.txt"), atomically: true, encoding: .utf8)
        let file = root.appendingPathComponent("notes.txt")
        try "notes".write(to: file, atomically: true, encoding: .utf8)
        let scenario = Repository.root.appendingPathComponent(Self.fixture("publish-deterministic.yaml")).path
        func snapshot() throws -> [String] {
            (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).sorted()
        }
        let before = try snapshot()
        for (out, why) in [("", "the path is empty"), (".", "current folder or a parent"), ("..", "current folder or a parent"),
                           ("../..", "current folder or a parent"), (inner.path, "current folder or one of its ancestors"),
                           (root.path, "current folder or one of its ancestors"), ("/", "current folder or a parent"),
                           (file.path, "is a file, not a folder"), (other.path, "did not publish")] {
            let r = try CLI().run(["publish", scenario, "--out", out, "-r", "2", "--force"], in: inner)
            XCTAssertEqual(r.status, 73, "--out `\(out)`: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(why), "--out `\(out)`: \(r.stderr)")
        }
        XCTAssertEqual(try snapshot(), before)
        XCTAssertEqual(try read(inner.appendingPathComponent("keep.txt")), "mine")
        XCTAssertEqual(try read(file), "notes")
    }

    /// A failure (or a kill) at any step of a forced replace leaves a whole publication at the
    /// path, the old or the new, and the next run sweeps what was left beside it.
    func testInterruptedReplaceLeavesAWholePublication() throws {
        let out = folder()
        let oldFiles: [(path: String, text: String)] = [("report.html", "old"), ("notices/B1.txt", "old B1")]
        let newFiles: [(path: String, text: String)] = [("report.html", "new"), ("notices/B1.txt", "new B1"), ("schedule.csv", "new")]
        for step in [FolderWriter.Step.staged, .swapped] {
            try? FileManager.default.removeItem(at: out)
            try FolderWriter.write(oldFiles, to: out.path, replace: false)
            XCTAssertThrowsError(try FolderWriter.write(newFiles, to: out.path, replace: true, failAfter: step))
            let report = try read(out.appendingPathComponent("report.html"))
            let expected = step == .staged ? oldFiles : newFiles
            XCTAssertEqual(report, expected[0].text, "\(step)")
            for f in expected { XCTAssertEqual(try read(out.appendingPathComponent(f.path)), f.text, "\(step) \(f.path)") }
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(FolderWriter.markerName).path))
        }
        // A staging folder of a dead process is swept by the next write.
        let stale = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).tmp-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try FolderWriter.write(newFiles, to: out.path, replace: true)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        XCTAssertFalse(siblings.contains { $0.hasPrefix("." + out.lastPathComponent) }, "\(siblings)")
    }

    /// simulate --out writes summary.json and sites.csv together or not at all, and says why.
    func testSimulateOutWritesBothOrNeither() throws {
        let out = folder()
        try FileManager.default.createDirectory(at: out.appendingPathComponent("sites.csv"), withIntermediateDirectories: true)
        let r = try cli.run(["simulate", Self.fixture("publish-deterministic.yaml"), "-r", "2", "--out", out.path])
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.stderr.contains("a folder of that name is in the way"), r.stderr)
        XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), ["sites.csv"])
    }
}

/// Notices ready to post: the date with its weekday, the wait said honestly, the catch-up
/// window, the health-code line with the contact, the rules, the issuer; one per compound too.
final class NoticeTests: XCTestCase {
    func testNoticesCarryWhatRealOnesDo() throws {
        let out = try temporaryFolder("swabplan-notices", create: false)
        let r = try CLI().run(["publish", CommandLineTests.scenario("panjiayuan-nanli.yaml"), "--out", out.path, "-r", "4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let b13 = try String(contentsOf: out.appendingPathComponent("notices/B13.txt"), encoding: .utf8)
        XCTAssertTrue(b13.contains("5月6日（周五）"), b13)
        XCTAssertTrue(b13.contains("Friday 6 May"), b13)
        XCTAssertTrue(b13.contains("补采"), b13)
        XCTAssertTrue(b13.contains("健康码弹窗或黄码"), b13)
        XCTAssertTrue(b13.contains("采样前30分钟内请勿进食"), b13)
        XCTAssertTrue(b13.contains("天气预报09:40至10:20有雨"), b13)
        // Chinese names in Chinese, English names (`name_en`) in English.
        XCTAssertTrue(b13.contains("【核酸检测通知】13号楼的居民") && b13.contains("到十八号院采样点采样"), b13)
        XCTAssertTrue(b13.contains("residents of Building 13") && b13.contains("come to No. 18 compound sampling point"), b13)
        // Each language's notice signed by the issuer in that language (`issuer_en`).
        let signatures = b13.components(separatedBy: "\n").filter { $0.hasPrefix("潘家园南里社区居委会") || $0.hasPrefix("Panjiayuan Nanli Residents' Committee") }
        XCTAssertEqual(signatures.count, 2, b13)
        let compound = try String(contentsOf: out.appendingPathComponent("notices/compound-c18.txt"), encoding: .utf8)
        for b in ["Building 10", "Building 17"] { XCTAssertTrue(compound.contains(b), compound) }
        // The report's first screen: a one-line verdict, targets in a planner's words.
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("本方案有1项目标未达到（共5项）：95%的居民到场后20分钟内采完"), "verdict")
        XCTAssertTrue(report.contains("全部在11:30前完成"))
        // The call-up windows behind the missed p95 target are named.
        XCTAssertTrue(report.contains("主要来自：") && report.contains("13号楼（08:05-08:50到十八号院采样点）"), "behind the miss")
        XCTAssertTrue(report.contains("每组连续工作不超过180分钟就休息"))
        // One printable page per site.
        let sheets = try String(contentsOf: out.appendingPathComponent("site-sheets.html"), encoding: .utf8)
        XCTAssertEqual(sheets.components(separatedBy: "<section>").count - 1, 4)
        XCTAssertTrue(sheets.contains("break-after:page"))
        XCTAssertTrue(sheets.contains("转运取样") && sheets.contains("D1（4栋楼，07:30起）"), "sheets")
        // In time order: Building 10's 07:00 window comes before Building 17's 10:05 one.
        XCTAssertLessThan(compound.range(of: "Building 10")!.lowerBound, compound.range(of: "Building 17")!.lowerBound)
    }

    /// A scenario that sends the low floors down the stairs tells them so in the notices of
    /// buildings with lifts (and their compound's); without it, no such line.
    func testNoticesAskTheLowFloorsToTakeTheStairs() throws {
        let dir = try temporaryFolder("swabplan-stairs")
        func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
        let tower = Repository.root.appendingPathComponent("Tests/CLITests/Fixtures/one-tower.yaml")
        let text = try read(tower)
        XCTAssertTrue(text.contains("  lift_round_trip_seconds: 90\n"))
        let stairs = dir.appendingPathComponent("stairs.yaml")
        try text.replacingOccurrences(of: "  lift_round_trip_seconds: 90\n", with: "  lift_round_trip_seconds: 90\n  stairs_up_to_floor: 4\n")
            .write(to: stairs, atomically: true, encoding: .utf8)
        for (scenario, asked) in [(stairs.path, true), (tower.path, false)] {
            let out = dir.appendingPathComponent(asked ? "with" : "without")
            let r = try CLI().run(["publish", scenario, "--out", out.path, "-r", "2"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let notice = try read(out.appendingPathComponent("notices/T1.txt"))
            XCTAssertEqual(notice.contains("有电梯的楼栋：请2至4层居民走楼梯下楼，电梯留给5层及以上住户；老人和行动不便的居民仍可乘电梯。"), asked, notice)
            XCTAssertEqual(notice.contains("residents of floors 2-4, please take the stairs down and leave the lifts to floor 5 and up"), asked, notice)
        }
    }

    func testWeekdays() {
        XCTAssertEqual(Wording(.zh).noticeDate("2022-05-06"), "5月6日（周五）")
        XCTAssertEqual(Wording(.en).noticeDate("2024-02-29"), "Thursday 29 February")
        XCTAssertEqual(Wording(.zh).noticeDate("2000-01-02"), "1月2日（周日）")
    }
}

/// All teams of a site breaking together is found and the advice is what a plan can do.
final class BreaksTogetherTests: XCTestCase {
    func testTeamsBreakingTogetherAreFoundAndStaggeredOnesAreNot() {
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.site("S1", desks: 1, stations: 2)
        b.building("B1", residents: 10, walk: ["S1": 1])
        b.cohort("c", departs: "07:00", drops: [("S1", 2)], shiftEnd: "10:00", standingLimitMinutes: 60)
        b.staff(registrars: 1)
        var plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: ClockWindow.parse("07:00-08:00")!)], origin: "code")
        let found = SummaryTable.breaksTogether(b.scenario, plan, Wording(.en))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].contains("2 of its 2 teams (c team 1, c team 2) break together at 08:00 for 20 minutes"), found[0])
        plan.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:40")!)]
        XCTAssertEqual(SummaryTable.breaksTogether(b.scenario, plan, Wording(.en)), [])
    }
}

/// What-if without editing the file: `--weather` adds a forecast spell; a bad one is a usage
/// error naming what is valid; the report has its sensitivity table.
final class WhatIfTests: XCTestCase {
    func testWeatherWhatIfAndSensitivity() throws {
        let scenario = CommandLineTests.scenario("small/two-sites.yaml")
        let bad = try CLI().run(["simulate", scenario, "--weather", "snow heavy 08:00-08:30", "-r", "2"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("`snow` is not a kind of weather; expected one of: rain, wind, heat"), bad.stderr)
        let plain = try CLI().run(["simulate", scenario, "-r", "4", "--format", "json"])
        let wet = try CLI().run(["simulate", scenario, "-r", "4", "--format", "json", "--weather", "rain heavy 07:30-09:00"])
        XCTAssertEqual(wet.status, 0, wet.stderr)
        XCTAssertNotEqual(plain.stdout, wet.stdout)
        let out = try temporaryFolder("swabplan-whatif", create: false)
        let r = try CLI().run(["publish", scenario, "--out", out.path, "-r", "4", "--weather", "rain heavy 07:30-09:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(report.contains("<h2>What if</h2>"))
        for row in ["swabs 20% slower", "registrations 20% faster", "10% more residents turn out"] { XCTAssertTrue(report.contains(row), row) }
    }
}
