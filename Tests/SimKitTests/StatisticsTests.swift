import XCTest
@testable import SimKit

final class StatisticsTests: XCTestCase {
    func testTallyMatchesTwoPassFormulas() {
        let xs: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        let t = Tally(xs)
        XCTAssertEqual(t.count, 8)
        XCTAssertEqual(t.mean, 5)
        XCTAssertEqual(t.variance, 32.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(t.min, 2)
        XCTAssertEqual(t.max, 9)
        XCTAssertEqual(t.sum, 40)
    }

    func testTallyMergeEqualsOneTally() {
        var s = RandomStream(seed: 3, replication: 0, entity: 0, purpose: 0)
        let xs = (0..<1001).map { _ in s.nextDouble() * 100 }
        var left = Tally(xs[..<400]), right = Tally(xs[400...])
        left.merge(right)
        let whole = Tally(xs)
        XCTAssertEqual(left.count, whole.count)
        XCTAssertEqual(left.mean, whole.mean, accuracy: 1e-10)
        XCTAssertEqual(left.variance, whole.variance, accuracy: 1e-8)
        XCTAssertEqual(left.min, whole.min)
        XCTAssertEqual(left.max, whole.max)
        right.merge(Tally())
        XCTAssertEqual(right.count, 601)
    }

    func testTimeWeightedAverage() {
        var level = TimeWeighted(level: 0, at: 0)
        level.set(2, at: 10)   // 0 for 10 s
        level.set(1, at: 20)   // 2 for 10 s
        let expected: Double = (2 * 10 + 1 * 20) / 40
        XCTAssertEqual(level.average(until: 40), expected)
        XCTAssertEqual(level.maxLevel, 2)
    }

    func testQuantilesAreType7() {
        var q = QuantileSample()
        for x in [15.0, 20, 35, 40, 50].reversed() { q.add(x) }
        XCTAssertEqual(q.quantile(0.4), 29)      // numpy.percentile([15,20,35,40,50], 40)
        XCTAssertEqual(q.quantile(0), 15)
        XCTAssertEqual(q.quantile(1), 50)
        XCTAssertEqual(q.quantile(0.5), 35)
        var empty = QuantileSample()
        XCTAssertNil(empty.quantile(0.5))
    }

    func testQuantilesAgreeWithSortingOverManySeeds() {
        for seed in 0..<300 {
            var s = RandomStream(seed: UInt64(seed), replication: 0, entity: 0, purpose: 0)
            var q = QuantileSample()
            let n = 1 + s.nextInt(below: 400)
            let xs = (0..<n).map { _ in Double(s.nextInt(below: 50)) }
            xs.forEach { q.add($0) }
            let sorted = xs.sorted()
            // Ascending as a replication asks, then back and forth (each select narrows the next).
            for p in [0.5, 0.9, 0.95, 0.1, 0.95, 0.5, 0.0, 1.0] {
                let h = Double(n - 1) * p, lo = Int(h), hi = min(lo + 1, n - 1)
                let expected = sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
                XCTAssertEqual(q.quantile(p)!, expected, accuracy: 1e-12, "seed \(seed) p \(p)")
            }
        }
    }

    /// Two lists of the same records, a few keys later in the first (residents slowed by rain):
    /// each comes out as a stable sort of itself would leave it.
    func testBucketSortOfANearlyEqualPair() {
        for seed in 0..<200 {
            var s = RandomStream(seed: UInt64(seed), replication: 1, entity: 0, purpose: 0)
            let n = s.nextInt(below: 1500)
            let dry = (0..<n).map { i in (key: Double(s.nextInt(below: 600)), id: i) }
            let wet = dry.map { x in s.nextDouble() < 0.2 ? (key: x.key + Double(s.nextInt(below: 40)), id: x.id) : x }
            func stable(_ xs: [(key: Double, id: Int)]) -> [Int] {
                xs.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.id)
            }
            var items = wet
            var nearly: [(key: Double, id: Int)]? = dry
            BucketSort.sort(&items, alongWith: &nearly) { $0.key }
            XCTAssertEqual(items.map(\.id), stable(wet), "seed \(seed)")
            XCTAssertEqual(nearly!.map(\.id), stable(dry), "seed \(seed)")
        }
    }

    func testStudentTInterval() {
        // t(0.975, 9) = 2.262157; sd of 1...10 = 3.02765.
        let ci = ConfidenceInterval(Tally((1...10).map(Double.init)))
        XCTAssertEqual(ci.mean, 5.5)
        XCTAssertEqual(ci.halfWidth, 2.262157 * 3.0276504 / 10.0.squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(ci.count, 10)
        XCTAssertEqual(ConfidenceInterval(Tally([3])).halfWidth, .infinity)
    }

    func testBinnedLevels() {
        var b = BinnedLevels(levels: 2, origin: 100, width: 10, bins: 3)
        b.set(0, to: 2, at: 95)       // before the origin: counts from 100
        b.set(0, to: 4, at: 115)      // 2 for 15 s: bin 0 full, half of bin 1
        b.addInterval(1, from: 105, to: 125)
        b.finish(at: 130)             // 4 for 15 s: half of bin 1, all of bin 2
        XCTAssertEqual(b.averages(of: 0), [2, 3, 4])
        XCTAssertEqual(b.averages(of: 1), [0.5, 1, 0.5])
    }

    func testBucketSortIsAStableSort() {
        for seed in 0..<200 {
            var s = RandomStream(seed: UInt64(seed), replication: 0, entity: 0, purpose: 0)
            let n = s.nextInt(below: 2000)
            // Clustered keys with many ties, and one far outlier now and then.
            var items = (0..<n).map { i in (key: Double(s.nextInt(below: 300)) + (i % 97 == 0 ? 1e6 : 0), id: i) }
            let expected = items.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.id)
            BucketSort.sort(&items) { $0.key }
            XCTAssertEqual(items.map(\.id), expected, "seed \(seed)")
        }
    }
}
