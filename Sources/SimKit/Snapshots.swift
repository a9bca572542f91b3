/// The exact state of a tally, a time-weighted level and binned levels as plain numbers, so a
/// replication's figures can be shipped between machines (`swabplan simulate --shard-by
/// site-groups`) and closed there to the same bits as in one process.

public extension Tally {
    /// count, mean, m2, min, max, sum.
    var fields: (count: Int, numbers: [Double]) { (_count, [_mean, m2, _min, _max, _sum]) }

    init?(count: Int, numbers x: [Double]) {
        guard count >= 0, x.count == 5 else { return nil }
        self.init()
        _count = count; _mean = x[0]; m2 = x[1]; _min = x[2]; _max = x[3]; _sum = x[4]
    }
}

public extension TimeWeighted {
    /// level, lastChange, area, start, maxLevel.
    var fields: [Double] { [level, lastChange, area, start, maxLevel] }

    init?(fields x: [Double]) {
        guard x.count == 5 else { return nil }
        self.init(level: x[0], at: x[3])
        self.restore(lastChange: x[1], area: x[2], maxLevel: x[4])
    }
}

public extension BinnedLevels {
    /// Everything the levels hold: per level its current value, last change, bin and bin end,
    /// and every bin's area.
    struct Fields: Sendable, Equatable {
        public var origin: Double, width: Double, bins: Int
        public var area: [Double], level: [Double], lastChange: [Double], bin: [Int], binEnd: [Double]
        public init(origin: Double, width: Double, bins: Int, area: [Double], level: [Double], lastChange: [Double], bin: [Int], binEnd: [Double]) {
            self.origin = origin; self.width = width; self.bins = bins
            self.area = area; self.level = level; self.lastChange = lastChange; self.bin = bin; self.binEnd = binEnd
        }
    }
}

public extension QuantileSample {
    init(values: [Double]) {
        self.init(reservingCapacity: values.count)
        for v in values { add(v) }
    }
}
