/// A building's bands in the order they are called, kept one after another as one band moves:
/// the one rule of the planning rules that ties a building's windows together, shared by the
/// optimiser's moves (`CallUpSpace`) and the re-plan's (`Replanner`).
enum BandLayout {
    /// The windows (start, end) after band `i` moves to `to`: later bands pushed later so each
    /// starts no earlier than the one before ends, earlier bands pushed earlier so each ends no
    /// later than the one after starts, each as far as it must and no further. Nil when that
    /// would move a pinned band or take a window outside `earliest...latest`.
    static func pushed(_ windows: [(start: Double, end: Double)], pinned: [Bool], moving i: Int, to: (start: Double, end: Double),
                       earliest: Double, latest: Double) -> [(start: Double, end: Double)]? {
        var out = windows
        out[i] = to
        var prev = to
        for j in (i + 1)..<max(i + 1, windows.count) {
            var z = windows[j]
            if z.start < prev.end { let d = prev.end - z.start; z.start += d; z.end += d }
            if z != windows[j] { guard !pinned[j], z.end <= latest + 0.5 else { return nil } }
            out[j] = z
            prev = z
        }
        var next = to
        for j in stride(from: i - 1, through: 0, by: -1) {
            var z = windows[j]
            if z.end > next.start { let d = z.end - next.start; z.start -= d; z.end -= d }
            if z != windows[j] { guard !pinned[j], z.start >= earliest - 0.5 else { return nil } }
            out[j] = z
            next = z
        }
        return out
    }
}
