import XCTest
@testable import SimKit

final class DistributionTests: XCTestCase {
    /// Each distribution's sample mean and coefficient of variation match what it was given,
    /// within 5 standard errors of the mean (n = 100,000).
    func testMeansAndCVs() {
        let cases: [Distribution] = [
            .deterministic(7), .exponential(mean: 30), .lognormal(mean: 25, cv: 0.4), .gamma(mean: 25, cv: 0.4),
            .gamma(mean: 10, cv: 1.5), .uniform(min: 10, max: 30), .triangular(min: 10, mode: 15, max: 40),
            .empirical([10, 20, 20, 50]),
        ]
        for (i, d) in cases.enumerated() {
            var s = RandomStream(seed: 11, replication: 0, entity: UInt64(i), purpose: 0)
            let sampler = d.sampler
            let n = 100_000
            let t = Tally((0..<n).map { _ in sampler.sample(&s) })
            let sd = d.cv * d.mean
            XCTAssertEqual(t.mean, d.mean, accuracy: max(1e-12, 5 * sd / Double(n).squareRoot()), "\(d)")
            XCTAssertEqual(t.standardDeviation / t.mean, d.cv, accuracy: max(1e-12, 0.03 * max(d.cv, 0.1)), "\(d)")
            XCTAssertGreaterThanOrEqual(t.min, 0, "\(d)")
        }
    }

    func testScalingKeepsShape() {
        let d = Distribution.lognormal(mean: 20, cv: 0.5).scaled(by: 1.5)
        XCTAssertEqual(d.mean, 30)
        XCTAssertEqual(d.cv, 0.5)
    }
}
