/// Count, mean, variance, minimum and maximum of observations (Welford's update), mergeable
/// with Chan et al.'s pairwise formula so per-thread tallies combine exactly.
///
/// An average over zero observations can read as plausible; a count cannot: always report `count`.
public struct Tally: Sendable, Equatable {
    @usableFromInline var _count: Int = 0
    @usableFromInline var _mean: Double = 0
    @usableFromInline var m2: Double = 0
    @usableFromInline var _min: Double = .infinity
    @usableFromInline var _max: Double = -.infinity
    @usableFromInline var _sum: Double = 0
    public var count: Int { _count }
    public var mean: Double { _mean }
    public var min: Double { _min }
    public var max: Double { _max }
    public var sum: Double { _sum }

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        _count += 1
        _sum += x
        let d = x - _mean
        _mean += d / Double(_count)
        m2 += d * (x - _mean)
        if x < _min { _min = x }
        if x > _max { _max = x }
    }

    /// Sample variance (n - 1 in the denominator); 0 with fewer than two observations.
    public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    public var standardDeviation: Double { variance.squareRoot() }

    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(_count + other._count)
        let d = other._mean - _mean
        _mean += d * Double(other._count) / n
        m2 += other.m2 + d * d * Double(_count) * Double(other._count) / n
        _count += other._count
        _sum += other._sum
        _min = Swift.min(_min, other._min)
        _max = Swift.max(_max, other._max)
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

    /// Puts back what `fields` took (`Snapshots.swift`).
    mutating func restore(lastChange: Double, area: Double, maxLevel: Double) {
        self.lastChange = lastChange; self.area = area; self.maxLevel = maxLevel
    }

    /// The average level from the start to `time`.
    public func average(until time: Double) -> Double {
        let total = area + level * (time - lastChange)
        return time > start ? total / (time - start) : level
    }
}
