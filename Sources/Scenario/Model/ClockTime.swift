/// Clock times are seconds since midnight of the round's day; files write them "HH:MM".
public enum ClockTime {
    /// Parses "H:MM" or "HH:MM" (00:00 to 24:00) into seconds since midnight.
    public static func parse(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // Digits only: `Int` would also take "-0" and "+7".
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0 else { return nil }
        return Double(h * 3600 + m * 60)
    }

    /// Formats seconds since midnight as "HH:MM" (rounded to the nearest minute).
    public static func format(_ seconds: Double) -> String {
        // A time that never comes (no team to do the work) has no clock face; never trap on it.
        guard seconds.isFinite, abs(seconds) < 1e9 else { return "--:--" }
        let total = Int((seconds / 60).rounded())
        let h = total / 60, m = total % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}

/// A half-open clock interval [start, end) in seconds since midnight.
public struct ClockWindow: Sendable, Equatable, Hashable {
    public var start: Double
    public var end: Double
    public init(start: Double, end: Double) { self.start = start; self.end = end }
    public var duration: Double { end - start }
    public func contains(_ t: Double) -> Bool { t >= start && t < end }
    public func overlaps(_ o: ClockWindow) -> Bool { start < o.end && o.start < end }
    public var description: String { ClockTime.format(start) + "-" + ClockTime.format(end) }
    /// A period to the day's end (24:00): in a plan's worker roles, the data desk after the
    /// round, which works until its data are done.
    public var untilDone: Bool { end >= Limits.maxSeconds }
}
