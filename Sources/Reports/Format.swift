import Scenario
import Foundation

/// Number formatting shared by tables, CSV and JSON: fixed decimals, "inf" never printed as a
/// number in JSON (it becomes null).
public enum Format {
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let s = String(format: "%.\(decimals)f", x)
        return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// Decimals for a metric's mean in the terminal table and the report: shares to 3; counts of
    /// people, tubes and households whole, unless a few on average (0.4 not swabbed must not
    /// read 0); everything else to 1.
    /// A mean count of people as a whole number: "<1" for a mean between 0 and a half (some
    /// mornings have one), else rounded.
    public static func people(_ x: Double) -> String {
        x > 0 && x < 0.5 ? "<1" : String(Int(x.rounded()))
    }

    /// Figures counted in minutes after the opening (the last swab, the last door-to-door
    /// visit): said as clock times in every table.
    public static func isClockTime(_ m: MetricName) -> Bool {
        m == .finishTimeMinutesAfterOpening || m == .doorToDoorFinishMinutesAfterOpening
    }

    /// A mean and its half-width as a table cell: a clock time for `isClockTime` figures
    /// ("11:12 ± 4.1"), else the number with `decimals`.
    public static func cell(_ m: MetricName, _ mean: Double, _ halfWidth: Double, decimals d: Int, opening: Double) -> String {
        figure(m, mean, decimals: d, opening: opening) + " ± " + (halfWidth.isFinite ? fixed(halfWidth, d) : "-")
    }

    /// A figure alone: a clock time for `isClockTime` figures ("11:12", minutes after
    /// `opening`), else the number with `decimals`.
    public static func figure(_ m: MetricName, _ x: Double, decimals d: Int, opening: Double) -> String {
        isClockTime(m) && x.isFinite ? ClockTime.format(opening + (x * 60).rounded()) : fixed(x, d)
    }

    /// A share as a whole percentage ("86%").
    public static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    public static func decimals(_ m: MetricName, mean: Double) -> Int {
        switch m.unit {
        case "share": return 3
        case "residents", "households":
            return 0 // people are counted whole
        case "tubes":
            return mean != mean.rounded() && abs(mean) < 10 ? 1 : 0
        default: return 1
        }
    }
}
