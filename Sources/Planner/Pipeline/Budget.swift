import Foundation

/// Set by the caller to stop a run: the CLI never does; a server does when the planner presses
/// cancel or the request goes away. Stages read it between steps and the run then throws
/// `CancellationError`.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    public init() {}
    public func cancel() { lock.lock(); cancelled = true; lock.unlock() }
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }
}

/// What a planning run may spend, read through one clock: wall-clock seconds, or a count of
/// surrogate evaluations or candidates (the same seed then gives the same plan on any machine,
/// and only cancellation stops a stage early). Each stage of the optimiser and the re-planner
/// gets a share of it: it must end by a share of the time limit (`stop(at:)`), or it spends a
/// share of the evaluations (`evaluations(_:)`).
public struct Budget: Sendable {
    public enum Limit: Sendable, Equatable {
        case seconds(Double)
        case evaluations(Int)
    }
    public let limit: Limit
    public let cancellation: Cancellation
    public let started: ContinuousClock.Instant

    public init(_ limit: Limit, cancellation: Cancellation = Cancellation()) {
        self.limit = limit
        self.cancellation = cancellation
        started = ContinuousClock.now
    }

    /// Seconds since the run started.
    public var elapsed: Double { (ContinuousClock.now - started).seconds }

    public var isTimed: Bool { if case .seconds = limit { return true } else { return false } }

    /// The instant `share` of the time limit after the start; nil for an evaluation budget.
    public func deadline(at share: Double) -> ContinuousClock.Instant? {
        guard case .seconds(let s) = limit else { return nil }
        return started + .nanoseconds(Int64(s * share * 1e9))
    }

    /// Seconds left until `share` of the time limit (never negative); nil for an evaluation budget.
    public func secondsLeft(until share: Double) -> Double? {
        deadline(at: share).map { max(0, (($0 - ContinuousClock.now)).seconds) }
    }

    /// `share` of an evaluation budget, at least `floor`; unlimited when the budget is time.
    public func evaluations(_ share: Double, floor: Int = 0) -> Int {
        guard case .evaluations(let n) = limit else { return Int.max }
        return max(floor, Int(Double(n) * share))
    }

    /// The whole evaluation budget, or nil when the budget is time.
    public var evaluationCount: Int? { if case .evaluations(let n) = limit { return n } else { return nil } }

    /// A stop test for a stage that must end by `share` of the time limit: true once that
    /// instant is past or the run is cancelled. With an evaluation budget only cancellation
    /// stops it.
    public func stop(at share: Double) -> @Sendable () -> Bool {
        let until = deadline(at: share), cancellation = cancellation
        return { cancellation.isCancelled || until.map { ContinuousClock.now >= $0 } ?? false }
    }

    /// True once the whole time limit has passed (never with an evaluation budget).
    public var isUp: Bool { deadline(at: 1).map { ContinuousClock.now >= $0 } ?? false }

    /// Throws `CancellationError` when the caller has cancelled.
    public func checkCancelled() throws {
        if cancellation.isCancelled { throw CancellationError() }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
