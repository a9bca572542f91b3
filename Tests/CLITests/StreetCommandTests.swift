import Foundation
import XCTest
import TestSupport

/// `simulate` and `publish` on a street file, as a street office would run them.
final class StreetCommandTests: XCTestCase {
    let street = CommandLineTests.scenario("street/chaoyang-street.yaml")


    func testSimulateGivesTheStreetAndEachCommunity() throws {
        let out = try temporaryFolder(create: false)
        let r = try CLI().run(["simulate", street, "-r", "4", "--jobs", "2", "--language", "en", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Communities (each its own residents"), r.stdout)
        for name in ["Yuandayuan, Haidian", "Xitang courtyards"] { XCTAssertTrue(r.stdout.contains(name), r.stdout) }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let communities = try XCTUnwrap(json["communities"] as? [[String: Any]])
        XCTAssertEqual(communities.map { $0["id"] as? String }, ["nanli", "xitang", "yuan"])
        func swabbed(_ summary: [String: Any]) -> Double {
            ((summary["metrics"] as! [String: Any])["residents_swabbed"] as! [String: Any])["mean"] as! Double
        }
        let parts = communities.map { swabbed($0["summary"] as! [String: Any]) }.reduce(0, +)
        XCTAssertEqual(parts, swabbed(json), accuracy: 0.01)
        // The same on one thread.
        let again = try CLI().run(["simulate", street, "-r", "4", "--jobs", "1", "--language", "en"])
        XCTAssertEqual(again.stdout, r.stdout)
    }

    func testPublishWritesEachCommunitysPublication() throws {
        let out = try temporaryFolder(create: false).appendingPathComponent("pub")
        let r = try CLI().run(["publish", street, "-r", "3", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let fm = FileManager.default
        for f in ["summary.txt", "summary.json", "sites.csv", "nanli/report.html", "nanli/schedule.csv", "xitang/site-sheets.html", "yuan/rosters.csv"] {
            XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent(f).path), f)
        }
        // A community's notices are its own buildings, named as in its own scenario.
        let notices = try fm.contentsOfDirectory(atPath: out.appendingPathComponent("nanli/notices").path)
        XCTAssertFalse(notices.isEmpty)
        XCTAssertFalse(notices.contains { $0.contains("nanli.") }, "\(notices)")
        let schedule = try String(contentsOf: out.appendingPathComponent("xitang/schedule.csv"), encoding: .utf8)
        XCTAssertFalse(schedule.contains("xitang."), schedule)
    }

    func testWhatAStreetDoesNotTakeIsRefused() throws {
        let plan = try CLI().run(["simulate", street, "--plan", "baseline", "-r", "2"])
        XCTAssertEqual(plan.status, 64, plan.stderr)
        XCTAssertTrue(plan.stderr.contains("name each community's plan in the street file"), plan.stderr)
        let out = try temporaryFolder(create: false)
        let shard = try CLI().run(["simulate", street, "--shard", "1/2", "--out", out.path, "-r", "2"])
        XCTAssertEqual(shard.status, 64, shard.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        for args in [["optimize", street], ["compare", street, "--plan", "scenario", "--plan", "baseline"]] {
            let command = args[0]
            let r = try CLI().run(args)
            XCTAssertEqual(r.status, 64, command + r.stderr)
            XCTAssertTrue(r.stderr.contains("takes one community's scenario, not a street file"), r.stderr)
        }
        // A street naming a scenario that is not there: exit 66, positioned, nothing written.
        let dir = try temporaryFolder(create: false)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("street.yaml")
        try "street: 某街道\ncommunities:\n  - {id: a, scenario: missing.yaml}\n".write(to: file, atomically: true, encoding: .utf8)
        let missing = try CLI().run(["publish", file.path, "--out", dir.appendingPathComponent("pub").path])
        XCTAssertEqual(missing.status, 66, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("street.yaml:3:23: error: communities[0].scenario: no scenario file `missing.yaml`"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pub").path))
    }
}
