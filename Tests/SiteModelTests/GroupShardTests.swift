import XCTest
import Scenario
import SimKit
@testable import SiteModel

/// A run split by site groups (each shard runs every replication of some groups, its figures
/// shipped open as bytes) and merged gives the bits of one process; a part that does not fit
/// is refused, never trusted.
final class GroupShardTests: XCTestCase {
    func run(_ round: CompiledRound, by shards: Int, replications: Int, seed: UInt64) throws -> [GroupPartialResult] {
        let run = ShardedRun(scenarioPath: "x.yaml", plan: nil, weather: [], language: .en, fingerprint: 7, seed: seed,
                             replications: replications, shards: shards)
        let shares = round.groupShares(shards: shards)
        return try (1...shards).map { k in
            var w = GroupPartialResult.Writer(run: run, shard: k, groupCount: round.siteGroupCount, groups: shares[k - 1])
            for r in 0..<replications { w.add(round.runGroups(shares[k - 1], seed: seed, replication: r, jobs: 2)) }
            return try GroupPartialResult(decoding: w.finished())
        }
    }

    /// Two groups with weather (a dry twin), relief teams, tubes, couriers and door-to-door
    /// teams: one group a shard, merged, the bits of `simulate` in one process.
    func testTwoShardsOfTwoGroupsMergeToTheBitsOfOneProcess() throws {
        let s = try twoGroupScenario()
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let parts = try run(round, by: 2, replications: 3, seed: 4)
        XCTAssertEqual(Set(parts.flatMap(\.groups)), [0, 1])
        let merged = try round.mergeGroups(parts.reversed())
        let one = Experiment.runs(round, replications: 0..<3, seed: 4, jobs: 1)
        XCTAssertEqual(merged.count, 3)
        for r in 0..<3 { assertSameBits(merged[r], one[r], "replication \(r)") }
        XCTAssertGreaterThan(one[0][.weatherCostMinutes], 0, "the dry twin's figures crossed the shards")
        XCTAssertGreaterThan(one[0][.doorToDoorTubes], 0)
    }

    /// A shard draws only the residents of buildings called to its groups; a tower called to
    /// both groups (low floors to one, high floors to the other) is drawn by both shards, and
    /// its lift waits, added once, give the bits of one process.
    func testEachShardDrawsItsOwnBuildingsAndATowerSharedByTwoGroupsMergesOnce() throws {
        var s = try twoGroupScenario()
        var plan = try XCTUnwrap(s.plan)
        let i = try XCTUnwrap(plan.callUps.firstIndex { $0.building == "B13" })
        var low = plan.callUps[i], high = plan.callUps[i]
        low.floors = 1...9; high.floors = 10...18; high.site = "S19"
        plan.callUps[i] = low
        plan.callUps.insert(high, at: i + 1)
        s.plan = plan
        let round = try CompiledRound(scenario: s, plan: plan)
        XCTAssertEqual(round.siteGroupCount, 2)
        let shares = round.groupShares(shards: 2)
        let drawn = shares.map { round.buildings(calledTo: $0) }
        let b13 = try XCTUnwrap(s.buildings.firstIndex { $0.id == "B13" })
        XCTAssertTrue(drawn[0][b13] && drawn[1][b13], "the shared tower is drawn by both shards")
        for d in drawn { XCTAssertLessThan(d.filter { $0 }.count, s.buildings.count / 2 + 2, "a shard draws about its half") }
        let parts = try run(round, by: 2, replications: 3, seed: 5)
        let merged = try round.mergeGroups(parts)
        let one = Experiment.runs(round, replications: 0..<3, seed: 5, jobs: 1)
        for r in 0..<3 { assertSameBits(merged[r], one[r], "replication \(r)") }
        XCTAssertGreaterThan(one[0][.liftWaitMeanMinutes], 0)
    }

    /// Thirty groups dealt to four shards by residents (largest first), merged in any order.
    func testGroupsDealtToShardsMergeToTheBitsOfOneProcess() throws {
        // Towers: the lift waits are shipped building by building and added again in order.
        let text = DistrictGenerator(residents: 16_000, buildings: 300, sites: 30, cohorts: 3, seed: 3, towers: true).yaml()
        let s = try ScenarioLoader.parse(text, file: "district.yaml")
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let shares = round.groupShares(shards: 4)
        XCTAssertEqual(shares.flatMap { $0 }.sorted(), Array(0..<30), "every group in exactly one shard")
        let load = shares.map { $0.reduce(0) { $0 + round.groupSites[$1].reduce(0) { $0 + round.residentsPerSite[$1] } } }
        XCTAssertLessThan(Double(load.max()! - load.min()!), 0.1 * Double(load.max()!), "shards of about equal residents: \(load)")
        let parts = try run(round, by: 4, replications: 2, seed: 9)
        let merged = try round.mergeGroups([parts[2], parts[0], parts[3], parts[1]])
        let one = Experiment.runs(round, replications: 0..<2, seed: 9, jobs: 2)
        for r in 0..<2 { assertSameBits(merged[r], one[r], "replication \(r)") }
        XCTAssertGreaterThan(one[0][.liftWaitMeanMinutes], 0)
    }

    /// A damaged or cut part is refused at reading; a part of another round at merging.
    func testDamagedAndForeignGroupPartsAreRefused() throws {
        let s = try twoGroupScenario()
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let run = ShardedRun(scenarioPath: "x.yaml", plan: nil, weather: [], language: .en, fingerprint: 7, seed: 4, replications: 1, shards: 2)
        var w = GroupPartialResult.Writer(run: run, shard: 1, groupCount: 2, groups: [0])
        w.add(round.runGroups([0], seed: 4, replication: 0, jobs: 1))
        let bytes = w.finished()
        XCTAssertNoThrow(try GroupPartialResult(decoding: bytes))
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        XCTAssertThrowsError(try GroupPartialResult(decoding: flipped)) { XCTAssertEqual($0 as? PartialResult.DecodingError, .damaged) }
        XCTAssertThrowsError(try GroupPartialResult(decoding: Array(bytes.prefix(bytes.count - 100))))
        XCTAssertThrowsError(try GroupPartialResult(decoding: Array("SWABPLAN PART 1\n".utf8))) { XCTAssertEqual($0 as? PartialResult.DecodingError, .notAPart) }
        // Group 0's figures read as group 1's (another number of sites, teams or couriers) do not fit.
        let part = try GroupPartialResult(decoding: bytes)
        let split = try XCTUnwrap(round.siteGroupSplit?.split)
        XCTAssertNoThrow(try part.replication(0, split: split, buildingCount: round.buildings.count))
        let district = try ScenarioLoader.parse(DistrictGenerator(residents: 2_000, buildings: 40, sites: 2, cohorts: 1, seed: 1).yaml(), file: "d.yaml")
        let foreign = try CompiledRound(scenario: district, plan: district.effectivePlan)
        XCTAssertEqual(foreign.siteGroupCount, 2)
        let foreignSplit = try XCTUnwrap(foreign.siteGroupSplit?.split)
        XCTAssertThrowsError(try part.replication(0, split: foreignSplit, buildingCount: foreign.buildings.count))
    }
}
