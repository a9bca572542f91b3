import XCTest
@testable import SimKit

/// The engine defends itself against values that validation would refuse, for plans and
/// scenarios built in code: every list comes out sorted, no bin index leaves its range, no
/// sampler returns NaN, and no loop steps through empty time.
final class EngineDefenceTests: XCTestCase {
    /// Infinite or NaN keys cannot be bucketed: the list is still sorted, stably, NaN last.
    func testBucketSortSortsWhatItCannotBucket() {
        for n in [5, 40, 1000] {
            var xs = (0..<n).map { i -> (Double, Int) in (i % 7 == 0 ? .infinity : Double((i * 7919) % 101), i) }
            xs[n / 2].0 = .nan
            var sorted = xs
            var none: [(Double, Int)]? = nil
            BucketSort.sort(&sorted, alongWith: &none) { $0.0 }
            let expected = xs.sorted { a, b in
                let ka = a.0.isNaN ? Double.infinity : a.0, kb = b.0.isNaN ? Double.infinity : b.0
                return ka < kb || (ka == kb && a.1 < b.1)
            }
            XCTAssertEqual(sorted.map(\.1), expected.map(\.1), "n = \(n)")
        }
    }

    /// Keys spread over a subnormal range (a bucket width that overflows) still sort.
    func testBucketSortTinyRange() {
        var xs = (0..<100).map { Double(($0 * 37) % 100) * 1e-320 }
        BucketSort.sort(&xs) { $0 }
        XCTAssertEqual(xs, xs.sorted())
    }

    /// A level changed at an absurd time closes in one step and records nothing past the bins.
    func testBinnedLevelsStopAtTheirLastBin() {
        var levels = BinnedLevels(levels: 1, origin: 0, width: 900, bins: 4)
        levels.set(0, to: 2, at: 100)
        levels.set(0, to: 1, at: 1e300)
        levels.addInterval(0, from: 1e300, to: .infinity)
        levels.finish(at: .infinity)
        XCTAssertEqual(levels.averages(of: 0).count, 4)
        XCTAssertEqual(levels.averages(of: 0)[3], 2, accuracy: 1e-12)
    }

    /// A gamma shape that overflows would give NaN from GSL: it is sampled as a constant.
    func testGammaWithVanishingCVIsFinite() {
        var stream = RandomStream(seed: 1, replication: 0, entity: 0, purpose: 0)
        for cv in [1e-200, 1e-5, 0] {
            let x = Distribution.gamma(mean: 25, cv: cv).sampler.sample(&stream)
            XCTAssertTrue(x.isFinite && abs(x - 25) < 0.1, "cv \(cv): \(x)")
        }
    }
}
