import Foundation
import XCTest
import TestSupport

/// A run split into shards, each in its own process as a cluster starts them (through
/// deploy/shard-entry.sh, the Kubernetes Indexed Job's and the Slurm array's entry point), and
/// merged, gives the bytes of one run; a bad set of parts is refused and nothing is written.
final class ShardTests: XCTestCase {
    let scenario = CommandLineTests.scenario("small/two-sites.yaml")
    let entry = Repository.root.appendingPathComponent("deploy/shard-entry.sh")


    /// Starts every shard at once, as the scheduler would, and waits for all.
    func runShards(_ count: Int, index: (Int) -> [String: String], scenario: String? = nil, seed: String = "5",
                   replications: String = "30", out: URL) throws {
        var processes: [Process] = []
        for k in 1...count {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [entry.path]
            p.currentDirectoryURL = Repository.root
            p.environment = ProcessInfo.processInfo.environment.merging(index(k).merging([
                "SCENARIO": scenario ?? self.scenario, "SHARDS": "\(count)", "REPLICATIONS": replications, "SEED": seed,
                "OUT": out.path, "SWABPLAN": CommandLineTests.binary.path,
            ]) { $1 }) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            processes.append(p)
        }
        for p in processes {
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0)
        }
    }

    func parts(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swabpart") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }

    func files(_ folder: URL) throws -> [Data] {
        try ["summary.json", "sites.csv"].map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    func testShardsOfBothSchedulersMergeToTheBytesOfOneRun() throws {
        let dir = try temporaryFolder()
        let one = try CLI().run(["simulate", scenario, "-r", "30", "--seed", "5", "--out", dir.appendingPathComponent("one").path])
        XCTAssertEqual(one.status, 0, one.stderr)

        // Kubernetes: JOB_COMPLETION_INDEX 0..N-1.
        let k8s = dir.appendingPathComponent("k8s")
        try runShards(3, index: { ["JOB_COMPLETION_INDEX": "\($0 - 1)"] }, out: k8s)
        XCTAssertEqual(try parts(k8s).map { ($0 as NSString).lastPathComponent },
                       ["shard-1-of-3.swabpart", "shard-2-of-3.swabpart", "shard-3-of-3.swabpart"])
        // Given in any order.
        let merged = try CLI().run(["merge"] + (try parts(k8s)).reversed() + ["--out", dir.appendingPathComponent("merged-k8s").path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, one.stdout)
        XCTAssertEqual(try files(dir.appendingPathComponent("merged-k8s")), try files(dir.appendingPathComponent("one")))

        // Slurm: SLURM_ARRAY_TASK_ID 1..N, seven shards of uneven size.
        let slurm = dir.appendingPathComponent("slurm")
        try runShards(7, index: { ["SLURM_ARRAY_TASK_ID": "\($0)"] }, out: slurm)
        let json = try CLI().run(["merge"] + (try parts(slurm)) + ["--format", "json", "--out", dir.appendingPathComponent("merged-slurm").path])
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(try files(dir.appendingPathComponent("merged-slurm")), try files(dir.appendingPathComponent("one")))
        XCTAssertEqual(json.stdout, String(decoding: try files(dir.appendingPathComponent("one"))[0], as: UTF8.self))

        // The folder the shards wrote to stands for its parts; an empty folder is refused.
        let folder = try CLI().run(["merge", slurm.path, "--out", dir.appendingPathComponent("merged-folder").path])
        XCTAssertEqual(folder.status, 0, folder.stderr)
        XCTAssertEqual(folder.stdout, one.stdout)
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try CLI().run(["merge", empty.path])
        XCTAssertEqual(none.status, 66)
        XCTAssertTrue(none.stderr.contains("no .swabpart files"), none.stderr)
    }

    func testMergeRefusesDamagedRepeatedMissingOrForeignPartsAndWritesNothing() throws {
        let dir = try temporaryFolder()
        let good = dir.appendingPathComponent("good")
        try runShards(3, index: { ["SHARD": "\($0)"] }, out: good)
        let p = try parts(good)
        let out = dir.appendingPathComponent("summary")

        func refused(_ files: [String], _ message: String, status: Int32 = 65, line: UInt = #line) throws {
            let r = try CLI().run(["merge"] + files + ["--out", out.path])
            XCTAssertEqual(r.status, status, r.stderr, line: line)
            XCTAssertTrue(r.stderr.contains(message), r.stderr, line: line)
            XCTAssertEqual(r.stdout, "", line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), line: line)
        }
        try refused([p[0], p[2]], "shard 2 of 3 missing")
        try refused([p[0], p[1], p[1], p[2]], "are both shard 2 of 3")

        var bytes = try Data(contentsOf: URL(fileURLWithPath: p[1]))
        bytes[bytes.count / 2] ^= 0x01
        let damaged = dir.appendingPathComponent("damaged.swabpart")
        try bytes.write(to: damaged)
        try refused([p[0], damaged.path, p[2]], "damaged.swabpart: the file is damaged")
        let cut = dir.appendingPathComponent("cut.swabpart")
        try bytes.prefix(100).write(to: cut)
        try refused([p[0], cut.path, p[2]], "cut.swabpart: the file is damaged")
        try refused([p[0], scenario, p[2]], "not a SwabPlan partial result")
        try refused([p[0], dir.appendingPathComponent("none.swabpart").path], "no such file", status: 66)

        let otherSeed = dir.appendingPathComponent("seed6")
        try runShards(3, index: { ["SHARD": "\($0)"] }, seed: "6", out: otherSeed)
        try refused([p[0], try parts(otherSeed)[1], p[2]], "is from another run than \(p[0]): seed 6, not 5")
        let otherCount = dir.appendingPathComponent("r31")
        try runShards(3, index: { ["SHARD": "\($0)"] }, replications: "31", out: otherCount)
        try refused([p[0], try parts(otherCount)[1], p[2]], "31 replications, not 30")
        let otherPlan = dir.appendingPathComponent("baseline")
        try runShards(3, index: { ["SHARD": "\($0)", "PLAN": "baseline"] }, out: otherPlan)
        try refused([p[0], try parts(otherPlan)[1], p[2]], "plan baseline, not (the scenario's)")

        // The scenario edited after the shards ran: the merge would mix two scenarios' figures.
        let copy = dir.appendingPathComponent("two-sites.yaml")
        try FileManager.default.copyItem(atPath: scenario, toPath: copy.path)
        let edited = dir.appendingPathComponent("edited")
        try runShards(2, index: { ["SHARD": "\($0)"] }, scenario: copy.path, out: edited)
        let text = try String(contentsOf: copy, encoding: .utf8)
        try text.replacingOccurrences(of: "residents: 300", with: "residents: 301").write(to: copy, atomically: true, encoding: .utf8)
        try refused(try parts(edited), "is not what the shards ran")
        // ... and given the scenario they did run, it merges.
        try text.write(to: copy, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI().run(["merge"] + (try parts(edited))).status, 0)
    }

    func testShardUsageErrorsExit64() throws {
        let out = try temporaryFolder().appendingPathComponent("parts").path
        for (args, message) in [(["--shard", "0/3", "--out", out], "K must be from 1 to N (3), found 0"),
                                (["--shard", "4/3", "--out", out], "K must be from 1 to N (3), found 4"),
                                (["--shard", "1/0", "--out", out], "N (the number of shards) must be at least 1"),
                                (["--shard", "1/5", "-r", "4", "--out", out], "more shards than replications (4)"),
                                (["--shard", "x/2", "--out", out], "--shard takes K/N, such as 2/8"),
                                (["--shard", "1/2"], "--shard needs --out")] {
            let r = try CLI().run(["simulate", scenario] + args)
            XCTAssertEqual(r.status, 64, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains(message), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        let noParts = try CLI().run(["merge"])
        XCTAssertEqual(noParts.status, 64)
        let unset = try CLI().run(["/bin/sh", entry.path], executable: URL(fileURLWithPath: "/usr/bin/env"),
                                  environment: ["SCENARIO": scenario, "SHARDS": "2", "OUT": out])
        XCTAssertEqual(unset.status, 64, unset.stderr)
        XCTAssertTrue(unset.stderr.contains("no shard index"), unset.stderr)
    }

    /// A district whose five sites are five independent groups (`swabplan generate`).
    func district(_ dir: URL) throws -> String {
        let path = dir.appendingPathComponent("district.yaml").path
        let r = try CLI().run(["generate", "--residents", "6000", "--buildings", "90", "--sites", "5", "--cohorts", "1", "--seed", "2", "--out", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return path
    }

    /// Shards by site groups, each in its own process through the cluster entry point, merged
    /// in any order: the bytes of one run. Parts of the two kinds do not mix; a missing group
    /// shard is named; more shards than groups is a usage error.
    func testShardsBySiteGroupsMergeToTheBytesOfOneRun() throws {
        let dir = try temporaryFolder()
        let scenario = try district(dir)
        let one = try CLI().run(["simulate", scenario, "-r", "4", "--seed", "5", "--out", dir.appendingPathComponent("one").path])
        XCTAssertEqual(one.status, 0, one.stderr)
        let groups = dir.appendingPathComponent("groups")
        try runShards(3, index: { ["SLURM_ARRAY_TASK_ID": "\($0)", "SHARD_BY": "site-groups"] }, scenario: scenario,
                      replications: "4", out: groups)
        let p = try parts(groups)
        XCTAssertEqual(p.count, 3)
        let merged = try CLI().run(["merge"] + p.reversed() + ["--out", dir.appendingPathComponent("merged").path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, one.stdout)
        XCTAssertEqual(try files(dir.appendingPathComponent("merged")), try files(dir.appendingPathComponent("one")))

        let out = dir.appendingPathComponent("refused")
        let missing = try CLI().run(["merge", p[0], p[2], "--out", out.path])
        XCTAssertEqual(missing.status, 65)
        XCTAssertTrue(missing.stderr.contains("shard 2 of 3 missing; run it (simulate --shard K/3 --shard-by site-groups)"), missing.stderr)
        let byReplications = dir.appendingPathComponent("reps")
        try runShards(3, index: { ["SHARD": "\($0)"] }, scenario: scenario, replications: "4", out: byReplications)
        let mixed = try CLI().run(["merge", p[0], try parts(byReplications)[1], p[2], "--out", out.path])
        XCTAssertEqual(mixed.status, 65)
        XCTAssertTrue(mixed.stderr.contains("is of a run split with --shard-by replications"), mixed.stderr)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: p[1]))
        bytes[bytes.count / 3] ^= 0x04
        let damaged = dir.appendingPathComponent("damaged.swabpart")
        try bytes.write(to: damaged)
        let bad = try CLI().run(["merge", p[0], damaged.path, p[2], "--out", out.path])
        XCTAssertEqual(bad.status, 65)
        XCTAssertTrue(bad.stderr.contains("damaged.swabpart: the file is damaged"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))

        let tooMany = try CLI().run(["simulate", scenario, "-r", "4", "--shard", "1/6", "--shard-by", "site-groups", "--out", out.path])
        XCTAssertEqual(tooMany.status, 64)
        XCTAssertTrue(tooMany.stderr.contains("the round has 5 independent site groups"), tooMany.stderr)
        let alone = try CLI().run(["simulate", scenario, "--shard-by", "site-groups"])
        XCTAssertEqual(alone.status, 64)
        XCTAssertTrue(alone.stderr.contains("--shard-by takes effect with --shard K/N only"), alone.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}
