import Foundation
import XCTest
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

    func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swabplan-publish-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Residents who give up are listed per building for a visit after the round: the fixture's
    /// third resident of B1 leaves after 15 minutes in every replication; B2's one resident is
    /// swabbed and the building is left out. Without patience there is no list.
    func testFollowUpListsWhoGaveUp() throws {
        let out = folder()
        let r = try cli.run(["publish", Self.fixture("publish-patience.yaml"), "--out", out.path, "-r", "4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("follow-up.csv")),
                       "building,name,compound,expected_residents_to_visit,half_width_95,p95_over_replications\nB1,Building 1,,1.0,0.0,1\n")
        let plain = folder()
        XCTAssertEqual(try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", plain.path, "-r", "2"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain.appendingPathComponent("follow-up.csv").path))
    }

    /// Every time in the fixture is deterministic, so the files are exact.
    func testGoldenFiles() throws {
        let out = folder()
        let r = try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let golden = CommandLineTests.packageRoot.appendingPathComponent("Tests/CLITests/Golden/publish")
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

    /// The report parses as XML (so as well-formed HTML), escapes what the scenario says, and
    /// draws one SVG per chart: a queue chart per site, time in system, staff, sample age.
    func testReportIsWellFormedAndEscaped() throws {
        let out = folder()
        XCTAssertEqual(try cli.run(["publish", Self.fixture("xss.yaml"), "--out", out.path, "-r", "4"]).status, 0)
        let html = try read(out.appendingPathComponent("report.html"))
        XCTAssertNoThrow(try XMLDocument(xmlString: html, options: []))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<b>Block"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 1 + 3)
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

    func testExistingFolderNeedsForce() throws {
        let out = folder()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "keep".write(to: out.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        let r = try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "2"])
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.stderr.contains("use --force"), r.stderr)
        XCTAssertEqual(try read(out.appendingPathComponent("mine.txt")), "keep")
        let forced = try cli.run(["publish", Self.fixture("publish-deterministic.yaml"), "--out", out.path, "-r", "2", "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("mine.txt").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        // No staging or old folders are left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        XCTAssertFalse(siblings.contains { $0.hasPrefix("." + out.lastPathComponent) })
    }
}
