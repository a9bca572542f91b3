import CGSL

/// A mean with its Student-t confidence half-width over independent replications.
public struct ConfidenceInterval: Sendable, Equatable {
    public var mean: Double
    public var halfWidth: Double
    public var count: Int
    public var level: Double

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    public init(mean: Double, halfWidth: Double, count: Int, level: Double) {
        self.mean = mean; self.halfWidth = halfWidth; self.count = count; self.level = level
    }

    /// The interval for the mean of `tally`'s observations; the half-width is infinite with fewer
    /// than two observations (nothing can be said about spread from one value).
    public init(_ tally: Tally, level: Double = 0.95) {
        let n = tally.count
        let hw: Double
        if n < 2 {
            hw = .infinity
        } else {
            hw = ConfidenceInterval.tQuantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
                * (tally.variance / Double(n)).squareRoot()
        }
        self.init(mean: tally.mean, halfWidth: hw, count: n, level: level)
    }

    public func contains(_ x: Double) -> Bool { x >= lower && x <= upper }

    /// The p-quantile of Student's t with `degreesOfFreedom` (GSL).
    public static func tQuantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        gsl_cdf_tdist_Pinv(p, Double(degreesOfFreedom))
    }

}
