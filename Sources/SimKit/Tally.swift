/// Count, mean, variance, minimum and maximum of observations (Welford's update), mergeable
/// with Chan et al.'s pairwise formula so per-thread tallies combine exactly.
///
/// An average over zero observations can read as plausible; a count cannot: always report `count`.
public struct Tally: Sendable, Equatable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    private var m2: Double = 0
    public private(set) var min: Double = .infinity
    public private(set) var max: Double = -.infinity
    public private(set) var sum: Double = 0

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    @inline(__always)
    public mutating func add(_ x: Double) {
        count += 1
        sum += x
        let d = x - mean
        mean += d / Double(count)
        m2 += d * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Sample variance (n - 1 in the denominator); 0 with fewer than two observations.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    public var standardDeviation: Double { variance.squareRoot() }

    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count + other.count)
        let d = other.mean - mean
        mean += d * Double(other.count) / n
        m2 += other.m2 + d * d * Double(count) * Double(other.count) / n
        count += other.count
        sum += other.sum
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }
}

/// The time-weighted average of a piecewise-constant level (queue length, busy stations).
public struct TimeWeighted: Sendable, Equatable {
    public private(set) var level: Double
    public private(set) var lastChange: Double
    public private(set) var area: Double = 0
    public private(set) var start: Double
    public private(set) var maxLevel: Double

    public init(level: Double = 0, at time: Double = 0) {
        self.level = level; lastChange = time; start = time; maxLevel = level
    }

    @inline(__always)
    public mutating func set(_ newLevel: Double, at time: Double) {
        area += level * (time - lastChange)
        lastChange = time
        level = newLevel
        if newLevel > maxLevel { maxLevel = newLevel }
    }

    /// The average level from the start to `time`.
    public func average(until time: Double) -> Double {
        let total = area + level * (time - lastChange)
        return time > start ? total / (time - start) : level
    }
}
