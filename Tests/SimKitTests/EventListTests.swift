import XCTest
@testable import SimKit

final class EventListTests: XCTestCase {
    func testEqualTimesAreFirstInFirstOut() {
        var events = EventList(capacity: 4)
        for i in 0..<100 { events.schedule(at: 5, kind: 0, entity: Int32(i)) }
        var seen: [Int32] = []
        while let e = events.next() { seen.append(e.entity) }
        XCTAssertEqual(seen, Array(0..<100))
    }

    /// Thousands of seeds: events come out sorted by time, ties in insertion order, whatever
    /// the interleaving of schedules and removals (a reference sort is the oracle).
    func testOrderAgainstReferenceSortOverManySeeds() {
        for seed in 0..<2000 {
            var rng = RandomStream(seed: UInt64(seed), replication: 0, entity: 0, purpose: 0)
            var events = EventList(capacity: 2)
            var pending: [(time: Double, seq: Int)] = []
            var seq = 0
            var now = 0.0
            for _ in 0..<60 {
                if rng.nextDouble() < 0.6 || pending.isEmpty {
                    // Coarse times make ties common.
                    let t = now + Double(rng.nextInt(below: 5))
                    events.schedule(at: t, kind: 0, entity: Int32(seq))
                    pending.append((t, seq)); seq += 1
                } else {
                    let e = events.next()!
                    let expected = pending.min { ($0.time, $0.seq) < ($1.time, $1.seq) }!
                    XCTAssertEqual(e.time, expected.time, "seed \(seed)")
                    XCTAssertEqual(Int(e.entity), expected.seq, "seed \(seed)")
                    pending.removeAll { $0.seq == expected.seq }
                    now = e.time
                    XCTAssertEqual(events.now, now)
                }
            }
            XCTAssertEqual(events.count, pending.count)
        }
    }

    func testRemoveAllKeepsClockAtGivenTime() {
        var events = EventList()
        events.schedule(at: 3, kind: 1, entity: 0)
        _ = events.next()
        events.removeAll(startingAt: 10)
        XCTAssertTrue(events.isEmpty)
        XCTAssertEqual(events.now, 10)
        XCTAssertNil(events.nextTime)
    }
}
