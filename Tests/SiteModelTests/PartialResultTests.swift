import XCTest
import TestSupport
import Scenario
@testable import SiteModel

/// A shard's partial result keeps every figure bit for bit, and damage of any kind is refused
/// with an error, never a trap or a plausible wrong figure.
final class PartialResultTests: XCTestCase {

    func shardedRun(shards: Int = 3, replications: Int = 7) -> ShardedRun {
        ShardedRun(scenarioPath: "Scenarios/small/two-sites.yaml", plan: nil, weather: [WeatherWindow(kind: .rain, severity: .heavy, window: ClockWindow.parse("09:00-09:30")!)], language: .zh,
                   fingerprint: 0x1234_5678_9abc_def0, seed: 9, replications: replications, shards: shards)
    }

    func twoSitesRound() throws -> CompiledRound {
        let s = try Fixtures.twoSites()
        return try CompiledRound(scenario: s, plan: s.effectivePlan)
    }

    func testShardRangesCoverEveryReplicationOnce() {
        for replications in [1, 2, 7, 200, 1001] {
            for shards in Set([1, 2, 3, 8, replications].filter { $0 <= replications }) {
                let r = shardedRun(shards: shards, replications: replications)
                let ranges = (1...shards).map { r.range(shard: $0) }
                XCTAssertEqual(ranges.first?.lowerBound, 0)
                XCTAssertEqual(ranges.last?.upperBound, replications)
                for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
                let sizes = ranges.map(\.count)
                XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(replications) in \(shards)")
            }
        }
    }

    func testRoundTripKeepsEveryBit() throws {
        let round = try twoSitesRound()
        let r = shardedRun()
        let results = Experiment.runs(round, replications: r.range(shard: 2), seed: r.seed, jobs: 1)
        var part = PartialResult(run: r, shard: 2, results: results)
        // A NaN (an undefined figure) and signed zero survive as they are.
        part.results[0].metrics[0] = .nan
        part.results[0].metrics[1] = -0.0
        let back = try PartialResult(decoding: part.encoded())
        XCTAssertEqual(back.run, r)
        XCTAssertEqual(back.shard, 2)
        XCTAssertEqual(back.results.count, r.range(shard: 2).count)
        for (a, b) in zip(part.results, back.results) {
            XCTAssertEqual(a.metrics.map(\.bitPattern), b.metrics.map(\.bitPattern))
            XCTAssertEqual(a.events, b.events)
            XCTAssertEqual(a.sites.count, b.sites.count)
            for (x, y) in zip(a.sites, b.sites) {
                XCTAssertEqual(x.registrationQueue, y.registrationQueue)
                XCTAssertEqual(x.swabQueue, y.swabQueue)
                XCTAssertEqual(x.stationsBusy, y.stationsBusy)
                XCTAssertEqual(x.stationsStaffed, y.stationsStaffed)
                XCTAssertEqual(x.paused, y.paused)
                XCTAssertEqual(x.swabbed, y.swabbed)
            }
        }
    }

    /// Every truncation and every single flipped byte is refused with a decoding error.
    func testDamageIsAlwaysRefused() throws {
        let round = try twoSitesRound()
        let r = shardedRun(shards: 7)
        let bytes = PartialResult(run: r, shard: 1, results: Experiment.runs(round, replications: r.range(shard: 1), seed: r.seed, jobs: 1)).encoded()
        XCTAssertNoThrow(try PartialResult(decoding: bytes))
        for n in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            XCTAssertThrowsError(try PartialResult(decoding: Array(bytes.prefix(n))), "cut to \(n) bytes")
        }
        for i in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            var damaged = bytes
            damaged[i] ^= 0x40
            XCTAssertThrowsError(try PartialResult(decoding: damaged), "byte \(i) flipped")
        }
        XCTAssertThrowsError(try PartialResult(decoding: Array("name: a scenario\n".utf8))) { e in
            XCTAssertEqual(e as? PartialResult.DecodingError, .notAPart)
        }
    }

    /// Replication and shard counts past any run (the fuzzer's 2^34 and 2^33, whose shard
    /// ranges overflowed) are refused, not computed with.
    func testHugeCountsAreRefused() {
        for (replications, shards) in [(1 << 34, 1 << 33), (Int.max, 2), (ShardedRun.maxReplications + 1, 1)] {
            var w = ByteWriter()
            w.bytes(PartialResult.magic)
            var run = shardedRun()
            run.replications = replications
            run.shards = shards
            run.encode(&w)
            w.int(1)
            w.int(1)
            w.uint(Checksum.fnv1a(w.out))
            XCTAssertThrowsError(try PartialResult(decoding: w.out)) { e in
                XCTAssertEqual(e as? PartialResult.DecodingError, .malformed("its header is unreadable"))
            }
        }
    }

    /// A well-formed part whose counts lie (checksum recomputed) is refused, not trusted.
    func testLyingCountsAreRefused() throws {
        var w = ByteWriter()
        w.bytes(PartialResult.magic)
        shardedRun().encode(&w)
        w.int(1)
        w.int(Int.max)   // replications in the part
        w.uint(Checksum.fnv1a(w.out))
        XCTAssertThrowsError(try PartialResult(decoding: w.out)) { e in
            guard case .malformed? = e as? PartialResult.DecodingError else { return XCTFail("\(e)") }
        }
    }
}
