import Foundation
import XCTest
import TestSupport

/// Runs the built `swabplan` binary as a planner would, checking output and exit codes.
final class CommandLineTests: XCTestCase {
    static var binary: URL {
        // The test bundle sits next to the products it was built with.
        let products = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
        return products.appendingPathComponent("swabplan")
    }
    static func scenario(_ name: String) -> String { Repository.scenario(name) }
    static func malformed(_ name: String) -> String { Repository.malformed(name) }

    @discardableResult
    func run(_ args: [String]) throws -> CLI.Run { try CLI().run(args) }



    func testValidateGoodScenario() throws {
        let r = try run(["validate", Self.scenario("panjiayuan-nanli.yaml")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("33 buildings, 7300 residents"), r.stdout)
    }

    func testBadDataExits65WithPositionedErrorAndCaret() throws {
        let r = try run(["validate", Self.malformed("04-misspelt-building-key.yaml")])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("04-misspelt-building-key.yaml:12:5: error: buildings[0].residnets: unknown key"), r.stderr)
        XCTAssertTrue(r.stderr.contains("    residnets: 300\n    ^"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testMissingFileExits66() throws {
        let r = try run(["simulate", "/no/such/file.yaml"])
        XCTAssertEqual(r.status, 66)
        XCTAssertTrue(r.stderr.contains("/no/such/file.yaml: error: no such file"), r.stderr)
    }

    func testBadUsageExits64() throws {
        XCTAssertEqual(try run(["simulate", Self.scenario("small/two-sites.yaml"), "--replications", "1"]).status, 64)
        XCTAssertEqual(try run(["simulate", Self.scenario("small/two-sites.yaml"), "--no-such-flag"]).status, 64)
        XCTAssertEqual(try run(["frobnicate"]).status, 64)
    }

    func testHelpListsSubcommands() throws {
        let r = try run(["--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("validate"))
        XCTAssertTrue(r.stdout.contains("simulate"))
        XCTAssertTrue(r.stdout.contains("Exit codes: 0 success; 3 a target was missed"))
    }

    /// Every command's help text is part of the interface: each is compared with its golden
    /// file (`Golden/help/COMMAND.txt`, the top level's as `swabplan.txt`). The commands are
    /// read from the top-level help, so a new command without a golden file fails. After a
    /// deliberate change, regenerate them: `SWABPLAN_REGENERATE_GOLDEN=1 swift test --filter testEveryHelpMatchesGolden`.
    func testEveryHelpMatchesGolden() throws {
        let top = try run(["--help"])
        XCTAssertEqual(top.status, 0)
        let listed = top.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let commands = listed.split(separator: "\n").compactMap { line -> String? in
            let word = line.split(separator: " ").first.map(String.init) ?? ""
            return line.hasPrefix("  ") && !line.hasPrefix("   ") && !word.isEmpty && word.allSatisfy({ $0.isLowercase || $0 == "-" }) ? word : nil
        }
        XCTAssertTrue(commands.contains("simulate") && commands.contains("optimize") && commands.count >= 9, "\(commands)")
        let folder = Repository.root.appendingPathComponent("Tests/CLITests/Golden/help")
        let regenerate = ProcessInfo.processInfo.environment["SWABPLAN_REGENERATE_GOLDEN"] == "1"
        for (name, args) in [("swabplan", ["--help"])] + commands.map({ ($0, [$0, "--help"]) }) {
            let r = try run(args)
            XCTAssertEqual(r.status, 0, name)
            let file = folder.appendingPathComponent(name + ".txt")
            if regenerate { try r.stdout.write(to: file, atomically: true, encoding: .utf8); continue }
            let golden = try? String(contentsOf: file, encoding: .utf8)
            XCTAssertEqual(r.stdout, golden, "`swabplan \(args.joined(separator: " "))` differs from \(file.path); if the change is meant, regenerate (see this test's comment)")
        }
    }

    /// The same seed gives byte-identical summary.json and sites.csv with 1 or 2 threads.
    func testSameSeedSameBytesWhateverTheThreads() throws {
        let dir = try temporaryFolder(create: false)
        var outputs: [[Data]] = []
        for jobs in ["1", "2"] {
            let out = dir.appendingPathComponent("jobs" + jobs)
            let r = try run(["simulate", Self.scenario("small/two-sites.yaml"), "-r", "40", "--seed", "11",
                             "--jobs", jobs, "--out", out.path, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let summary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
            XCTAssertEqual(String(decoding: summary, as: UTF8.self), r.stdout)
            outputs.append([summary, try Data(contentsOf: out.appendingPathComponent("sites.csv"))])
        }
        XCTAssertEqual(outputs[0], outputs[1])
        let json = try JSONSerialization.jsonObject(with: outputs[0][0]) as! [String: Any]
        XCTAssertEqual(json["replications"] as? Int, 40)
        let metrics = json["metrics"] as! [String: [String: Any]]
        for name in ["wait_registration_minutes", "wait_swab_minutes", "time_in_system_minutes", "time_in_system_p95_minutes",
                     "share_waiting_over_20_minutes", "finish_time_minutes_after_opening", "residents_swabbed",
                     "swab_team_utilisation", "longest_standing_minutes"] {
            let m = try XCTUnwrap(metrics[name], name)
            XCTAssertEqual(m["n"] as? Int, 40, name)
            XCTAssertNotNil(m["mean"] as? Double, name)
            XCTAssertNotNil(m["half_width"] as? Double, name)
            XCTAssertNotNil(m["unit"] as? String, name)
        }
        XCTAssertEqual((json["targets"] as? [Any])?.count, 2)
    }

    func testDifferentSeedsDiffer() throws {
        let a = try run(["simulate", Self.scenario("small/two-sites.yaml"), "-r", "5", "--seed", "1", "--format", "json"])
        let b = try run(["simulate", Self.scenario("small/two-sites.yaml"), "-r", "5", "--seed", "2", "--format", "json"])
        XCTAssertNotEqual(a.stdout, b.stdout)
    }

    /// A bad scenario leaves no output folder behind.
    func testBadScenarioWritesNothing() throws {
        let out = try temporaryFolder(create: false)
        let r = try run(["simulate", Self.malformed("10-share-above-one.yaml"), "--out", out.path])
        XCTAssertEqual(r.status, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// The small scenario misses its p95 target under the baseline plan: --check exits 3 and
    /// the table marks it.
    func testCheckExitsThreeWhenTargetMissed() throws {
        let r = try run(["simulate", Self.scenario("small/two-sites.yaml"), "-r", "20", "--check"])
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stdout.contains("MISSED time_in_system_p95_minutes <= 20.00"), r.stdout)
        let unchecked = try run(["simulate", Self.scenario("small/two-sites.yaml"), "-r", "20"])
        XCTAssertEqual(unchecked.status, 0)
    }

    func testBaselinePlanCanBeNamed() throws {
        let r = try run(["simulate", Self.scenario("panjiayuan-nanli.yaml"), "-r", "4", "--plan", "baseline", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"plan\": \"baseline\""))
    }

    func testCompareAgainstItselfAsJSON() throws {
        let r = try run(["compare", Self.scenario("small/two-sites.yaml"), "--plan", "baseline", "--plan", "baseline",
                         "-r", "4", "--max-replications", "4", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(json["replications"] as? Int, 4)
        let plans = json["plans"] as! [[String: Any]]
        let diffs = plans[1]["difference_from_first"] as! [String: [String: Any]]
        XCTAssertEqual(diffs["time_in_system_minutes"]?["verdict"] as? String, "same")
        XCTAssertEqual(try run(["compare", Self.scenario("small/two-sites.yaml"), "--plan", "baseline"]).status, 64)
    }
}

/// Runs the built binary and collects what it says.
struct CLI {
    struct Run { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    func run(_ args: [String], in directory: URL = Repository.root,
             executable: URL = CommandLineTests.binary, environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = directory
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
