/// One scheduled event: a value, ordered by `(time, sequence)`.
///
/// `kind` and `entity` say what happens to whom; the model switches on `kind` (an enum raw
/// value), so the event loop neither allocates nor calls through a closure.
@frozen public struct Event: Sendable {
    public var time: Double
    public var sequence: UInt64
    public var kind: UInt32
    public var entity: Int32

    @inlinable init(time: Double, sequence: UInt64, kind: UInt32, entity: Int32) {
        self.time = time; self.sequence = sequence; self.kind = kind; self.entity = entity
    }

    @inlinable @inline(__always)
    static func precedes(_ a: Event, _ b: Event) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}

/// The future event list: a binary min-heap on `(time, sequence)`.
///
/// The insertion order of events at equal times is preserved (the sequence number breaks ties),
/// so simultaneous events run first-in first-out, as in SimPy's `(time, priority, eid)` heap.
///
///     var events = EventList(capacity: 64)
///     events.schedule(at: 10, kind: 1, entity: 0)
///     while let e = events.next() { ... }
///
/// A struct, so that the model's loop mutates it under Swift's static exclusivity checks (a
/// class's stored properties would be checked at run time, on every access); the heap memory
/// is owned by a class whose only field is a constant pointer. Copies share that memory: keep
/// one `EventList` per replication.
///
/// - Complexity: `schedule` and `next` are O(log n); storage grows by doubling and is reused by
///   `removeAll()`, so a replication that reuses its list allocates nothing in the loop.
public struct EventList {
    @usableFromInline final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Event>
        @usableFromInline let capacity: Int
        @usableFromInline init(capacity: Int) { self.capacity = capacity; base = .allocate(capacity: capacity) }
        deinit { base.deallocate() }
    }

    /// Owns the heap memory; `heap` and `capacity` mirror it so the hot path reads no class field.
    @usableFromInline var storage: Storage
    @usableFromInline var heap: UnsafeMutablePointer<Event>
    @usableFromInline var capacity: Int
    @usableFromInline var _count = 0
    public var count: Int { _count }
    @usableFromInline var nextSequence: UInt64 = 0
    /// Time of the last event taken by `next()`; events may not be scheduled before it.
    @usableFromInline var _now: Double = 0
    public var now: Double { _now }

    public init(capacity: Int = 64) {
        storage = Storage(capacity: max(capacity, 4))
        heap = storage.base
        self.capacity = storage.capacity
    }

    /// Empties the list and resets the clock to `time`, keeping the storage.
    public mutating func removeAll(startingAt time: Double = 0) {
        _count = 0
        nextSequence = 0
        _now = time
    }

    @inlinable public var isEmpty: Bool { _count == 0 }

    /// The time of the next event, if any.
    @inlinable public var nextTime: Double? { _count > 0 ? heap[0].time : nil }

    /// Schedules an event at an absolute `time`, which must be finite and not before `_now`
    /// (a NaN would break the heap order silently; it traps here instead).
    @inlinable @inline(__always)
    public mutating func schedule(at time: Double, kind: UInt32, entity: Int32) {
        precondition(time >= _now && time < .infinity, "event scheduled at \(time), before the clock (\(_now)) or not finite")
        if _count == capacity { grow() }
        let event = Event(time: time, sequence: nextSequence, kind: kind, entity: entity)
        nextSequence &+= 1
        // Sift up with a hole instead of swaps.
        var child = _count
        _count += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            let p = heap[parent]
            if !Event.precedes(event, p) { break }
            heap[child] = p
            child = parent
        }
        heap[child] = event
    }

    /// Moves the clock to `time` for something that happens outside the list (an arrival
    /// taken from a presorted stream); `time` must not be after the next event.
    @inlinable @inline(__always)
    public mutating func advance(to time: Double) {
        precondition(time >= _now && (_count == 0 || time <= heap[0].time), "clock moved out of order to \(time)")
        _now = time
    }

    /// Removes and returns the earliest event, advancing `_now` to its time.
    @inlinable @inline(__always)
    public mutating func next() -> Event? {
        guard _count > 0 else { return nil }
        let first = heap[0]
        _count -= 1
        let n = _count
        if n > 0 {
            let last = heap[n]
            var hole = 0
            while true {
                var child = 2 * hole + 1
                if child >= n { break }
                if child + 1 < n && Event.precedes(heap[child + 1], heap[child]) { child += 1 }
                if !Event.precedes(heap[child], last) { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = last
        }
        _now = first.time
        return first
    }

    /// A list of its own with the same events and clock (copies share memory otherwise).
    public func copy() -> EventList {
        var c = self
        c.storage = Storage(capacity: capacity)
        c.storage.base.initialize(from: heap, count: _count)
        c.heap = c.storage.base
        return c
    }

    @usableFromInline mutating func grow() {
        let bigger = Storage(capacity: storage.capacity * 2)
        bigger.base.moveInitialize(from: heap, count: _count)
        storage = bigger
        heap = bigger.base
        capacity = bigger.capacity
    }
}

extension EventList: SharedStorage {
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }
}
