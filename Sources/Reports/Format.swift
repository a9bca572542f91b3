import Foundation

/// Number formatting shared by tables, CSV and JSON: fixed decimals, "inf" never printed as a
/// number in JSON (it becomes null).
public enum Format {
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let s = String(format: "%.\(decimals)f", x)
        return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
    }
}
