import Dispatch
import Foundation

/// Runs independent replications on up to `jobs` threads and returns their results in
/// replication order, so anything folded from them afterwards is identical whatever `jobs` is.
///
///     let results = Replications.run(count: 100, jobs: 2) { r in simulate(replication: r) }
public enum Replications {
    public static func run<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(jobs, count))
        let slots = ResultSlots<T>(count: count)
        if workers == 1 {
            for r in 0..<count { slots.store(body(r), at: r) }
        } else {
            // Each worker takes the next replication not yet taken, so a core slowed by other
            // load does not hold the rest back; the result of replication r depends only on r,
            // never on which worker ran it.
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let r = next.take(), r < count {
                    slots.store(body(r), at: r)
                }
            }
        }
        return slots.collect()
    }
}

extension Replications {
    /// Runs the replications on up to `jobs` threads like `run`, and hands each result to
    /// `fold` in replication order (0, 1, 2, ...) as soon as those before it are folded, so a
    /// fold gives the same value whatever `jobs` is, and the results need not all be held at
    /// once: only those that finished ahead of a slower one wait, a handful with a few threads.
    /// `stop`, checked before each replication starts: once it says so, no more start (those
    /// running finish; the fold may then have left some out).
    public static func fold<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T, into fold: (Int, T) -> Void,
                                         stop: @Sendable () -> Bool = { false }) {
        guard count > 0 else { return }
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            for r in 0..<count where !stop() { fold(r, body(r)) }
            return
        }
        let next = Counter()
        let order = InOrder<T>()
        withoutActuallyEscaping(fold) { fold in
            let sink = FoldBox(fold)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let r = next.take(), r < count, !stop() {
                    order.put(body(r), at: r, sink: sink)
                }
            }
        }
    }
}

/// The fold of `Replications.fold`, called under `InOrder`'s lock only.
private final class FoldBox<T>: @unchecked Sendable {
    let fold: (Int, T) -> Void
    init(_ fold: @escaping (Int, T) -> Void) { self.fold = fold }
}

/// Results that finished ahead of their turn, released to the fold in order.
private final class InOrder<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: T] = [:]
    private var due = 0
    func put(_ value: T, at r: Int, sink: FoldBox<T>) {
        lock.lock(); defer { lock.unlock() }
        waiting[r] = value
        while let v = waiting.removeValue(forKey: due) {
            sink.fold(due, v)
            due += 1
        }
    }
}

/// Hands out 0, 1, 2, ... to several threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

/// Write-once slots filled from several threads at distinct indices.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil, count: count)
    }
    deinit {
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }
    func store(_ value: T, at index: Int) { buffer[index] = value }
    func collect() -> [T] { (0..<count).map { buffer[$0]! } }
}
