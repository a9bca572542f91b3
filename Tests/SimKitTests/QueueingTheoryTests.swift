import XCTest
@testable import SimKit

final class TheoryFormulaTests: XCTestCase {
    /// Erlang C against published values (e.g. Gross and Harris's tables): C(2, 1) = 1/3,
    /// C(1, a) = a, and a textbook call-centre case C(10, 8) = 0.409.
    func testErlangC() {
        XCTAssertEqual(QueueingTheory.erlangC(servers: 1, offeredLoad: 0.8), 0.8, accuracy: 1e-12)
        XCTAssertEqual(QueueingTheory.erlangC(servers: 2, offeredLoad: 1), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(QueueingTheory.erlangC(servers: 10, offeredLoad: 8), 0.4092, accuracy: 1e-4)
        XCTAssertEqual(QueueingTheory.erlangC(servers: 3, offeredLoad: 3), 1)
        // Stable for thousands of servers.
        let big = QueueingTheory.erlangC(servers: 2000, offeredLoad: 1950)
        XCTAssertTrue(big > 0 && big < 1)
    }

    /// The engine's reference M/M/c model against Erlang C: 40 replications of 50,000
    /// customers after a 5,000-customer warm-up; the mean of replication means must lie within
    /// t(1 - 5e-7) standard errors of the theory.
    func testEngineMMcAgainstErlangC() {
        for (c, lambda, mu) in [(1, 0.9, 1.0), (10, 100.0, 12.0)] {
            let model = MMcQueue(servers: c, arrivalRate: lambda, serviceRate: mu)
            let means = Replications.run(count: 40, jobs: 2) { r in
                model.run(customers: 55_000, seed: 77, replication: UInt64(r), warmup: 5_000).wait.mean
            }
            let ci = ConfidenceInterval(Tally(means), level: 1 - 1e-6)
            let theory = QueueingTheory.mmcMeanWait(servers: c, arrivalRate: lambda, serviceRate: mu)
            XCTAssertTrue(ci.contains(theory), "M/M/\(c): \(ci.mean) ± \(ci.halfWidth) vs \(theory)")
            XCTAssertLessThan(ci.halfWidth, 0.15 * theory)
        }
    }

    func testReplicationsComeBackInOrderWhateverTheThreads() {
        let one = Replications.run(count: 37, jobs: 1) { $0 * $0 }
        let three = Replications.run(count: 37, jobs: 3) { $0 * $0 }
        XCTAssertEqual(one, three)
        XCTAssertEqual(one, (0..<37).map { $0 * $0 })
    }
}
