/// Time-averages of several piecewise-constant levels (queue lengths, busy stations) in
/// fixed-width bins from `origin`. All levels share one flat slab, so an update touches one
/// number without a copy-on-write check (a replication updates these several times per
/// resident). Like `Slab`, copies share memory: `copy()` makes one of its own. Time before
/// `origin` is not recorded; time past the last bin is dropped.
///
///     var levels = BinnedLevels(levels: 2, origin: 7 * 3600, width: 900, bins: 40)
///     levels.add(1, to: 0, at: 7 * 3600 + 30)
///     levels.finish(at: 11 * 3600)
///     let q = levels.averages(of: 0)
public struct BinnedLevels: Sendable {
    public let origin: Double
    public let width: Double
    public let bins: Int
    @usableFromInline let perSecond: Double
    @usableFromInline var area: Slab<Double>
    private var level: Slab<Double>
    private var lastChange: Slab<Double>
    /// The bin holding `lastChange` and its end, so most updates add to one bin without dividing.
    private var bin: Slab<Int>
    private var binEnd: Slab<Double>

    public init(levels: Int, origin: Double, width: Double, bins: Int) {
        self.origin = origin; self.width = width; self.bins = bins
        perSecond = 1 / width
        area = Slab(repeating: 0, count: levels * bins)
        level = Slab(repeating: 0, count: levels)
        lastChange = Slab(repeating: origin, count: levels)
        bin = Slab(repeating: 0, count: levels)
        binEnd = Slab(repeating: origin + width, count: levels)
    }

    /// Levels of their own with the same records.
    public func copy() -> BinnedLevels {
        var c = self
        c.area = area.copy(); c.level = level.copy(); c.lastChange = lastChange.copy()
        c.bin = bin.copy(); c.binEnd = binEnd.copy()
        return c
    }

    public func current(_ i: Int) -> Double { level[i] }

    @inline(__always)
    public mutating func set(_ i: Int, to newLevel: Double, at time: Double) {
        accumulate(i, until: time)
        level[i] = newLevel
    }

    @inline(__always)
    public mutating func add(_ delta: Double, to i: Int, at time: Double) {
        accumulate(i, until: time)
        level[i] += delta
    }

    @inline(__always)
    private mutating func accumulate(_ i: Int, until time: Double) {
        let last = lastChange[i]
        guard time > last else { return }
        let l = level[i]
        if time <= binEnd[i] {
            if l != 0 && bin[i] < bins { area[i * bins + bin[i]] += l * (time - last) }
        } else if bin[i] >= bins {
            // Past the last bin nothing is recorded: no stepping through empty bins.
        } else {
            var t = last
            while t < time && bin[i] < bins {
                let end = min(time, binEnd[i])
                if bin[i] < bins { area[i * bins + bin[i]] += l * (end - t) }
                t = end
                if end == binEnd[i] { bin[i] += 1; binEnd[i] = origin + Double(bin[i] + 1) * width }
            }
        }
        lastChange[i] = time
    }

    /// Adds `amount` (a level of 1, say) over the interval [from, to) of series `i` directly,
    /// for levels whose changes are known afterwards (the wait of one resident in a queue).
    @inlinable @inline(__always)
    public mutating func addInterval(_ i: Int, from: Double, to: Double, amount: Double = 1) {
        var t = max(from, origin)
        guard to > t, (t - origin) * perSecond < Double(bins) else { return }
        var b = Int((t - origin) * perSecond)
        while t < to && b < bins {
            let end = min(to, origin + Double(b + 1) * width)
            area[i * bins + b] += amount * (end - t)
            t = end
            b += 1
        }
    }

    /// Closes every level's record at `time`.
    public mutating func finish(at time: Double) {
        for i in level.indices { accumulate(i, until: time) }
    }

    /// The mean of level `i` in each bin.
    public func averages(of i: Int) -> [Double] {
        (0..<bins).map { area[i * bins + $0] / width }
    }
}

extension BinnedLevels {
    public var fields: Fields {
        func array<T>(_ s: Slab<T>) -> [T] { (0..<s.count).map { s[$0] } }
        return Fields(origin: origin, width: width, bins: bins, area: array(area), level: array(level), lastChange: array(lastChange),
                      bin: array(bin), binEnd: array(binEnd))
    }

    /// Nil when the counts do not fit together.
    public init?(fields f: Fields) {
        let n = f.level.count
        guard f.bins >= 0, f.width > 0, f.area.count == n * f.bins, f.lastChange.count == n, f.bin.count == n, f.binEnd.count == n,
              f.bin.allSatisfy({ $0 >= 0 }) else { return nil }
        self.init(levels: n, origin: f.origin, width: f.width, bins: f.bins)
        for i in 0..<f.area.count { area[i] = f.area[i] }
        for i in 0..<n { level[i] = f.level[i]; lastChange[i] = f.lastChange[i]; bin[i] = f.bin[i]; binEnd[i] = f.binEnd[i] }
    }
}

extension BinnedLevels: SharedStorage {
    public var storageIdentity: ObjectIdentifier { area.storageIdentity }
}
