/// Sample quantiles of stored observations (Hyndman and Fan type 7, as R and NumPy default).
///
/// Storage is reserved once and reused with `removeAll(keepingCapacity:)`, so a replication that
/// keeps one sample per metric does not allocate in its event loop.
public struct QuantileSample: Sendable {
    @usableFromInline var _values: [Double] = []
    public var values: [Double] { _values }
    @usableFromInline var sorted = true
    /// Position of the last value selected: everything before it is no larger and everything
    /// after it no smaller, so the next quantile searches one side only (-1: none since the
    /// last `add`).
    @usableFromInline var pivot = -1

    public init(reservingCapacity n: Int = 0) { _values.reserveCapacity(n) }

    public var count: Int { _values.count }

    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        if sorted, let last = _values.last, x < last { sorted = false }
        _values.append(x)
        pivot = -1
    }

    /// The p-quantile, 0 <= p <= 1; nil when empty.
    ///
    /// - Complexity: O(n) expected (quickselect), instead of sorting every value.
    public mutating func quantile(_ p: Double) -> Double? {
        guard !_values.isEmpty else { return nil }
        let h = Double(_values.count - 1) * Swift.min(Swift.max(p, 0), 1)
        let lo = Int(h)
        let a = select(lo)
        guard lo + 1 < _values.count, h > Double(lo) else { return a }
        // The next order statistic is the smallest value to the right of position lo.
        var b = Double.infinity
        _values.withUnsafeBufferPointer { v in for i in (lo + 1)..<v.count where v[i] < b { b = v[i] } }
        return a + (h - Double(lo)) * (b - a)
    }

    /// The k-th smallest value (0-based), partitioning `values` around it (Hoare's FIND).
    private mutating func select(_ k: Int) -> Double {
        if sorted || k == pivot { return _values[k] }
        defer { pivot = k }
        let known = pivot
        return _values.withUnsafeMutableBufferPointer { v -> Double in
            var left = 0, right = v.count - 1
            if known >= 0 {
                if k > known { left = known + 1 } else { right = known - 1 }
            }
            while left < right {
                // Median of three as pivot keeps sorted-ish input (arrival order) linear.
                let mid = left + (right - left) / 2
                let pivot = Swift.max(Swift.min(v[left], v[mid]), Swift.min(Swift.max(v[left], v[mid]), v[right]))
                var i = left, j = right
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { right = j } else if k >= i { left = i } else { break }
            }
            return v[k]
        }
    }
}
