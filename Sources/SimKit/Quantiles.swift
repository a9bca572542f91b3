/// Sample quantiles of stored observations (Hyndman and Fan type 7, as R and NumPy default).
///
/// Storage is reserved once and reused with `removeAll(keepingCapacity:)`, so a replication that
/// keeps one sample per metric does not allocate in its event loop.
public struct QuantileSample: Sendable {
    public private(set) var values: [Double] = []
    private var sorted = true

    public init(reservingCapacity n: Int = 0) { values.reserveCapacity(n) }

    public var count: Int { values.count }

    @inline(__always)
    public mutating func add(_ x: Double) {
        if sorted, let last = values.last, x < last { sorted = false }
        values.append(x)
    }

    public mutating func removeAll() { values.removeAll(keepingCapacity: true); sorted = true }

    /// The p-quantile, 0 <= p <= 1; nil when empty.
    public mutating func quantile(_ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        if !sorted { values.sort(); sorted = true }
        let h = Double(values.count - 1) * Swift.min(Swift.max(p, 0), 1)
        let lo = Int(h)
        let hi = Swift.min(lo + 1, values.count - 1)
        return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
    }
}
