/// One scheduled event: a value, ordered by `(time, sequence)`.
///
/// `kind` and `entity` say what happens to whom; the model switches on `kind` (an enum raw
/// value), so the event loop neither allocates nor calls through a closure.
public struct Event: Sendable {
    public var time: Double
    public var sequence: UInt64
    public var kind: UInt32
    public var entity: Int32

    @inline(__always)
    static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}

/// The future event list: a binary min-heap on `(time, sequence)`.
///
/// The insertion order of events at equal times is preserved (the sequence number breaks ties),
/// so simultaneous events run first-in first-out, as in SimPy's `(time, priority, eid)` heap.
///
///     let events = EventList(capacity: 64)
///     events.schedule(at: 10, kind: 1, entity: 0)
///     while let e = events.next() { ... }
///
/// - Complexity: `schedule` and `next` are O(log n); storage grows by doubling and is reused by
///   `removeAll()`, so a replication that reuses its list allocates nothing in the loop.
public final class EventList {
    @usableFromInline var storage: UnsafeMutablePointer<Event>
    @usableFromInline var capacity: Int
    public private(set) var count = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Time of the last event taken by `next()`; events may not be scheduled before it.
    public private(set) var now: Double = 0

    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 4)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Empties the list and resets the clock to `time`, keeping the storage.
    public func removeAll(startingAt time: Double = 0) {
        count = 0
        nextSequence = 0
        now = time
    }

    public var isEmpty: Bool { count == 0 }

    /// The time of the next event, if any.
    public var nextTime: Double? { count > 0 ? storage[0].time : nil }

    /// Schedules an event at an absolute `time`, which must not be before `now`.
    @inline(__always)
    public func schedule(at time: Double, kind: UInt32, entity: Int32) {
        precondition(time >= now, "event scheduled at \(time), before the clock (\(now))")
        if count == capacity { grow() }
        let event = Event(time: time, sequence: nextSequence, kind: kind, entity: entity)
        nextSequence &+= 1
        // Sift up with a hole instead of swaps.
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            let p = storage[parent]
            if !Event.precedes(event, p) { break }
            storage[child] = p
            child = parent
        }
        storage[child] = event
    }

    /// Removes and returns the earliest event, advancing `now` to its time.
    @inline(__always)
    public func next() -> Event? {
        guard count > 0 else { return nil }
        let first = storage[0]
        count -= 1
        if count > 0 {
            let last = storage[count]
            var hole = 0
            let n = count
            while true {
                var child = 2 * hole + 1
                if child >= n { break }
                let right = child + 1
                if right < n && Event.precedes(storage[right], storage[child]) { child = right }
                if !Event.precedes(storage[child], last) { break }
                storage[hole] = storage[child]
                hole = child
            }
            storage[hole] = last
        }
        now = first.time
        return first
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Event>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }
}
