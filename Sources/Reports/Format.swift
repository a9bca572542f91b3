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
    /// A share as a whole percentage ("86%").
    public static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    public static func decimals(_ m: MetricName, mean: Double) -> Int {
        switch m.unit {
        case "share": return 3
        case "residents", "tubes", "households":
            return mean != mean.rounded() && abs(mean) < 10 ? 1 : 0
        default: return 1
        }
    }
}
