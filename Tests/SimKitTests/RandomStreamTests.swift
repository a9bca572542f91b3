import XCTest
import CGSL
@testable import SimKit

final class RandomStreamTests: XCTestCase {
    func testSameKeySameStream() {
        var a = RandomStream(seed: 9, replication: 3, entity: 4, purpose: 2)
        var b = RandomStream(seed: 9, replication: 3, entity: 4, purpose: 2)
        for _ in 0..<1000 { XCTAssertEqual(a.next(), b.next()) }
    }

    func testEveryKeyWordChangesTheStream() {
        let base = RandomStream(seed: 9, replication: 3, entity: 4, purpose: 2)
        let others = [RandomStream(seed: 10, replication: 3, entity: 4, purpose: 2),
                      RandomStream(seed: 9, replication: 4, entity: 4, purpose: 2),
                      RandomStream(seed: 9, replication: 3, entity: 5, purpose: 2),
                      RandomStream(seed: 9, replication: 3, entity: 4, purpose: 3)]
        for var o in others {
            var b = base
            let same = (0..<64).filter { _ in b.next() == o.next() }.count
            XCTAssertEqual(same, 0)
        }
    }

    /// The C generator GSL samplers run on must be bit-identical to the Swift one.
    func testSwiftAndCGeneratorsAgree() {
        var swift = RandomStream(seed: 1, replication: 2, entity: 3, purpose: 4)
        var copy = swift
        for _ in 0..<1000 {
            let c = copy.withGSL { cgsl_xoshiro_next($0) }
            XCTAssertEqual(swift.next(), c)
        }
    }

    /// Uniforms: mean 1/2 and variance 1/12 within 5 standard errors.
    func testUniformMoments() {
        var s = RandomStream(seed: 5, replication: 0, entity: 0, purpose: 0)
        let n = 200_000
        let t = Tally((0..<n).map { _ in s.nextDouble() })
        XCTAssertEqual(t.mean, 0.5, accuracy: 5 * (1.0 / 12 / Double(n)).squareRoot())
        // Var(s^2) ~ (mu4 - sigma^4) / n with mu4 = 1/80 for the uniform.
        XCTAssertEqual(t.variance, 1.0 / 12, accuracy: 5 * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot())
        XCTAssertGreaterThanOrEqual(t.min, 0)
        XCTAssertLessThan(t.max, 1)
    }

    func testNextIntIsInRangeAndCoversIt() {
        var s = RandomStream(seed: 5, replication: 0, entity: 0, purpose: 1)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[s.nextInt(below: 7)] += 1 }
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 5 * (10_000 * 6.0 / 7).squareRoot()) }
    }
}
