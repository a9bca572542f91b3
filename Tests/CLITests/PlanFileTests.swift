import Foundation
import XCTest
import TestSupport
import Scenario

/// `simulate --plan` takes a written plan unchanged, with the same figures as the plan it was
/// written from.
final class PlanFileTests: XCTestCase {
    func testWrittenPlanSimulatesLikeTheOriginal() throws {
        let path = CommandLineTests.scenario("yuandayuan.yaml")
        let s = try ScenarioLoader.load(path: path)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swabplan-plan-\(UUID().uuidString).yaml")
        try PlanWriter.yaml(s.effectivePlan).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let own = try CLI().run(["simulate", path, "--plan", "scenario", "-r", "4", "--format", "json"])
        let written = try CLI().run(["simulate", path, "--plan", file.path, "-r", "4", "--format", "json"])
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertEqual(written.status, 0, written.stderr)
        func metrics(_ json: String) -> String { String(json[json.range(of: "\"metrics\"")!.lowerBound...]) }
        XCTAssertEqual(metrics(written.stdout), metrics(own.stdout))
    }
}

/// `validate --write-plan` writes the checked plan as a file `--plan` takes back unchanged.
final class WritePlanTests: XCTestCase {
    func testBaselineWrittenAndReadBack() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swabplan-baseline-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let scenario = CommandLineTests.scenario("small/two-sites.yaml")
        let w = try CLI().run(["validate", scenario, "--plan", "baseline", "--write-plan", file.path])
        XCTAssertEqual(w.status, 0, w.stderr)
        let first = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(first.contains("call_ups:"), first)
        let again = try CLI().run(["validate", scenario, "--plan", file.path, "--write-plan", file.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), first)
    }
}

/// `optimize` writes a plan that `simulate` takes unchanged, and prints its bounds, the MILP's
/// gap and the comparison with the baseline.
final class OptimizeCommandTests: XCTestCase {
    func testOptimisedPlanRunsThroughSimulate() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swabplan-optimised-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let scenario = CommandLineTests.scenario("small/two-sites.yaml")
        let o = try CLI().run(["optimize", scenario, "--evaluations", "3000", "--max-replications", "10", "--out", file.path])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertTrue(o.stdout.contains("Bounds (before any search)"), o.stdout)
        XCTAssertTrue(o.stdout.contains("call-up MILP (CBC)"), o.stdout)
        XCTAssertTrue(o.stdout.contains("plan 1: optimised"), o.stdout)
        XCTAssertTrue(o.stderr.contains("verifying"), o.stderr)
        let sim = try CLI().run(["simulate", scenario, "--plan", file.path, "-r", "4"])
        XCTAssertEqual(sim.status, 0, sim.stderr)
        let bad = try CLI().run(["optimize", scenario, "--time-limit", "0"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }

    /// Targets no plan can meet are named before any search, with the bound that rules them
    /// out, in the scenario's language.
    func testImpossibleTargetsAreNamedInEitherLanguage() throws {
        let dir = try temporaryFolder("swabplan-impossible")
        let text = try String(contentsOfFile: Repository.root.appendingPathComponent("Scenarios/small/two-sites.yaml").path, encoding: .utf8)
        let scenario = dir.appendingPathComponent("s.yaml")
        try text.replacingOccurrences(of: "  - finish_by: \"09:30\"", with: "  - finish_by: \"07:20\"\n  - {metric: time_in_system_minutes, at_most: 0.1}")
            .write(to: scenario, atomically: true, encoding: .utf8)
        for (language, words) in [("en", ["IMPOSSIBLE: all done by 07:20:", "IMPOSSIBLE: residents done within 0.1 minutes of arriving, on average: registration and swab alone take"]),
                                  ("zh", ["无法达到：全部在07:20前完成：按现有采样组和登记台，", "无法达到：居民到场后平均0.1分钟内采完：仅登记和采样本身平均就要"])] {
            let o = try CLI().run(["optimize", scenario.path, "--evaluations", "1000", "--max-replications", "10",
                                   "--out", dir.appendingPathComponent("p.yaml").path, "--language", language])
            XCTAssertEqual(o.status, 0, o.stderr)
            for w in words { XCTAssertTrue(o.stdout.contains(w), "\(w)\n\(o.stdout)") }
        }
    }

    /// A finish ruled out only by a tower's lifts is named IMPOSSIBLE with the lifts, in
    /// either language (issue 18); the work bound alone would allow it.
    func testATargetRuledOutByTheLiftsIsNamed() throws {
        let dir = try temporaryFolder("swabplan-lifts")
        let scenario = Repository.root.appendingPathComponent("Tests/CLITests/Fixtures/one-tower.yaml").path
        for (language, words) in [("en", ["IMPOSSIBLE: all done by 08:20: the lifts of Tower 1 (2 × 8-person car, 90 s a round trip) cannot bring its 900 residents above the ground floor down before 08:27",
                                          "ask floor 2 to take the stairs (walking: stairs_up_to_floor: 2; the lifts could then be done by 08:17)",
                                          "earliest possible finish 87 min after opening"]),
                                  ("zh", ["无法达到：全部在08:20前完成：1号塔楼的电梯（2部，每部8人，往返90秒）无论怎样通知，最早也要到08:27才能把900名楼上居民送下楼",
                                          "或请2层居民走楼梯（walking: stairs_up_to_floor: 2，电梯最早08:17可送完）"])] {
            let o = try CLI().run(["optimize", scenario, "--evaluations", "1000", "--max-replications", "10",
                                   "--out", dir.appendingPathComponent("p.yaml").path, "--language", language])
            XCTAssertEqual(o.status, 0, o.stderr)
            for w in words { XCTAssertTrue(o.stdout.contains(w), "\(w)\n\(o.stdout)") }
        }
    }

    /// With an evaluation budget and --no-timings the whole table is the same on every run
    /// (what Results/ publishes); without, it gives the seconds.
    func testTheTableWithoutTimingsIsTheSameEveryRun() throws {
        let dir = try temporaryFolder("swabplan-timings")
        let args = ["optimize", CommandLineTests.scenario("small/two-sites.yaml"), "--evaluations", "2000", "--max-replications", "10",
                    "--out", dir.appendingPathComponent("p.yaml").path]
        let a = try CLI().run(args + ["--no-timings", "--jobs", "1"]), b = try CLI().run(args + ["--no-timings", "--jobs", "2"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
        // The scenario's own time target is on p95: the default objective.
        XCTAssertTrue(a.stdout.hasPrefix("Two-site test community: optimised for time_in_system_p95_minutes\n"), a.stdout)
        let timed = try CLI().run(args)
        XCTAssertTrue(timed.stdout.hasPrefix("Two-site test community: optimised for time_in_system_p95_minutes in "), timed.stdout)
    }
}
