import Foundation
import XCTest
import TestSupport

/// `state`, `simulate --from`, `replan` and `publish --changed-since`, as the command post runs them.
final class MorningCommandTests: XCTestCase {
    let scenario = CommandLineTests.scenario("panjiayuan-nanli.yaml")
    let rain = CommandLineTests.scenario("morning/panjiayuan-nanli-0940-rain.yaml")


    func testTheMorningFromStateToChangedNotices() throws {
        let dir = try temporaryFolder()
        // The state the plan reaches at 09:40, written for the planner to correct.
        let state = dir.appendingPathComponent("state.yaml").path
        let written = try CLI().run(["state", scenario, "--at", "09:40", "--out", state])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertTrue(try String(contentsOfFile: state, encoding: .utf8).contains("queues:"))
        let from = try CLI().run(["simulate", scenario, "--from", state, "-r", "4", "--language", "en"])
        XCTAssertEqual(from.status, 0, from.stderr)
        XCTAssertTrue(from.stdout.contains("the rest of the round from 09:40 (state.yaml)"), from.stdout)
        // The re-plan under the rain, then the changed notices.
        let plan = dir.appendingPathComponent("new.yaml").path
        let replan = try CLI().run(["replan", scenario, "--from", rain, "--candidates", "20", "--search-replications", "4", "-r", "10",
                                    "--out", plan, "--language", "en", "--no-timings"])
        XCTAssertEqual(replan.status, 0, replan.stderr)
        XCTAssertTrue(replan.stdout.contains("Call-ups moved"), replan.stdout)
        XCTAssertTrue(replan.stdout.contains("kept plan"), replan.stdout)
        let out = dir.appendingPathComponent("changes").path
        let publish = try CLI().run(["publish", scenario, "--plan", plan, "--changed-since", "scenario", "--from", rain, "-r", "4", "--out", out])
        XCTAssertEqual(publish.status, 0, publish.stderr)
        let notices = try FileManager.default.contentsOfDirectory(atPath: out + "/notices").sorted()
        XCTAssertFalse(notices.isEmpty)
        XCTAssertLessThan(notices.count, 10, "only the changed buildings: \(notices)")
        for n in notices {
            let text = try String(contentsOfFile: out + "/notices/" + n, encoding: .utf8)
            XCTAssertTrue(text.contains("【更正】本通知取代此前发出的通知"), text)
            XCTAssertTrue(text.contains("CHANGED: this notice replaces the earlier one"), text)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/site-sheets.html"))
    }

    /// A relief team not yet dropped goes where the line is: the re-plan says so, writes the
    /// drops, and the changed publication re-issues the rosters with no notice (no call-up moved).
    func testATeamNotYetDroppedIsReplannedAndTheRostersReissued() throws {
        let dir = try temporaryFolder()
        let twoSites = CommandLineTests.scenario("small/two-sites.yaml")
        let state = dir.appendingPathComponent("state.yaml")
        try "at: \"08:00\"\nqueues:\n  S1: {registration: 170, swab: 30}\n  S2: {registration: 0, swab: 0}\nleft: {S1: 0, S2: 0}\n"
            .write(to: state, atomically: true, encoding: .utf8)
        let plan = dir.appendingPathComponent("new.yaml").path
        let replan = try CLI().run(["replan", twoSites, "--from", state.path, "--candidates", "40", "--search-replications", "6", "-r", "10",
                                    "--seed", "3", "--out", plan, "--language", "en", "--no-timings"])
        XCTAssertEqual(replan.status, 0, replan.stderr)
        XCTAssertTrue(replan.stdout.contains("Teams moved"), replan.stdout)
        XCTAssertTrue(replan.stdout.contains("bus: one team drops at S1, not S2"), replan.stdout)
        XCTAssertTrue(try String(contentsOfFile: plan, encoding: .utf8).contains("drops:"))
        let out = dir.appendingPathComponent("changes").path
        let publish = try CLI().run(["publish", twoSites, "--plan", plan, "--changed-since", "scenario", "--from", state.path, "-r", "4", "--out", out])
        XCTAssertEqual(publish.status, 0, publish.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/rosters.csv"))
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out + "/notices"))?.count ?? 0, 0)
    }

    /// Every team gone: the finish is out of reach with no clock time to give (it once trapped
    /// formatting an infinite time); the re-plan says why and asks for teams.
    func testEveryTeamGoneIsNamedImpossibleNotATrap() throws {
        let dir = try temporaryFolder()
        let twoSites = CommandLineTests.scenario("small/two-sites.yaml")
        let state = dir.appendingPathComponent("state.yaml")
        try "at: \"08:00\"\nteams:\n  - {cohort: morning, gone: true}\n  - {cohort: relief, gone: true}\n"
            .write(to: state, atomically: true, encoding: .utf8)
        let replan = try CLI().run(["replan", twoSites, "--from", state.path, "--candidates", "10", "--search-replications", "4", "-r", "6",
                                    "--out", dir.appendingPathComponent("new.yaml").path, "--language", "en", "--no-timings"])
        XCTAssertEqual(replan.status, 0, replan.stderr)
        XCTAssertTrue(replan.stdout.contains("IMPOSSIBLE now: finish_time_minutes_after_opening"), replan.stdout)
        XCTAssertTrue(replan.stdout.contains("no team is working from 08:00"), replan.stdout)
        XCTAssertTrue(replan.stdout.contains("none of them can be swabbed"), replan.stdout)
    }

    func testBadStateFilesAreRefused() throws {
        let dir = try temporaryFolder()
        let missing = try CLI().run(["replan", scenario, "--from", dir.appendingPathComponent("nope.yaml").path])
        XCTAssertEqual(missing.status, 66, missing.stderr)
        let bad = dir.appendingPathComponent("bad.yaml")
        try "at: \"09:40\"\nqueues: {S99: 3}\n".write(to: bad, atomically: true, encoding: .utf8)
        let plan = dir.appendingPathComponent("never.yaml").path
        let r = try CLI().run(["replan", scenario, "--from", bad.path, "--out", plan])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("bad.yaml:2:10: error: queues: unknown site `S99`") || r.stderr.contains("bad.yaml:2:10: error:"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan), "nothing written")
        let at = try CLI().run(["state", scenario, "--at", "23:00", "--out", plan])
        XCTAssertEqual(at.status, 64, at.stderr)
    }
}
