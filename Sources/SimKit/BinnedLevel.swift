/// The time-average of a piecewise-constant level in fixed-width bins (queue length per
/// 15 minutes, say). Bins are preallocated from `origin` for `count` bins; time past the last
/// bin is added to the last one's overflow and not reported.
public struct BinnedLevel: Sendable {
    public let origin: Double
    public let width: Double
    /// Integral of the level over each bin (level x seconds).
    public private(set) var area: [Double]
    public private(set) var level: Double = 0
    private var lastChange: Double

    public init(origin: Double, width: Double, count: Int) {
        self.origin = origin; self.width = width
        area = Array(repeating: 0, count: count)
        lastChange = origin
    }

    @inline(__always)
    public mutating func set(_ newLevel: Double, at time: Double) {
        if level != 0 { accumulate(until: time) }
        lastChange = max(time, origin)
        level = newLevel
    }

    @inline(__always)
    public mutating func add(_ delta: Double, at time: Double) { set(level + delta, at: time) }

    private mutating func accumulate(until time: Double) {
        var t = lastChange
        guard time > t else { return }
        let n = area.count
        var bin = Int((t - origin) / width)
        while t < time && bin < n {
            let end = min(time, origin + Double(bin + 1) * width)
            area[bin] += level * (end - t)
            t = end
            bin += 1
        }
    }

    /// Closes the record at `time`; afterwards `averages` holds the mean level of each bin.
    public mutating func finish(at time: Double) {
        accumulate(until: time)
        lastChange = time
    }

    public var averages: [Double] { area.map { $0 / width } }
}
