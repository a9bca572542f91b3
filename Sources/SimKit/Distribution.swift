import CGSL
import Foundation

/// A distribution of a non-negative duration or quantity, given the way planners state it: by
/// its mean and coefficient of variation where it has a shape.
///
///     let swab = Distribution.gamma(mean: 25, cv: 0.4)
///     let seconds = swab.sample(&stream)
public enum Distribution: Sendable, Equatable {
    case deterministic(Double)
    case exponential(mean: Double)
    /// Lognormal with the given mean and coefficient of variation of the variate itself.
    case lognormal(mean: Double, cv: Double)
    /// Gamma with the given mean and coefficient of variation (shape 1/cv², scale mean·cv²).
    case gamma(mean: Double, cv: Double)
    case uniform(min: Double, max: Double)
    case triangular(min: Double, mode: Double, max: Double)
    /// Resamples observed values with equal probability.
    case empirical([Double])

    public var mean: Double {
        switch self {
        case .deterministic(let v): return v
        case .exponential(let m), .lognormal(let m, _), .gamma(let m, _): return m
        case .uniform(let a, let b): return (a + b) / 2
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .empirical(let v): return v.isEmpty ? 0 : v.reduce(0, +) / Double(v.count)
        }
    }

    /// Coefficient of variation (standard deviation over mean); 0 when the mean is 0.
    public var cv: Double {
        let m = mean
        guard m > 0 else { return 0 }
        switch self {
        case .deterministic: return 0
        case .exponential: return 1
        case .lognormal(_, let cv), .gamma(_, let cv): return cv
        case .uniform(let a, let b): return (b - a) / sqrt(12) / m
        case .triangular(let a, let c, let b):
            return sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18) / m
        case .empirical(let v):
            let s = v.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            return sqrt(s / Double(v.count)) / m
        }
    }

    /// The same shape with every value multiplied by `factor` (a slower elderly swab, say).
    public func scaled(by factor: Double) -> Distribution {
        switch self {
        case .deterministic(let v): return .deterministic(v * factor)
        case .exponential(let m): return .exponential(mean: m * factor)
        case .lognormal(let m, let cv): return .lognormal(mean: m * factor, cv: cv)
        case .gamma(let m, let cv): return .gamma(mean: m * factor, cv: cv)
        case .uniform(let a, let b): return .uniform(min: a * factor, max: b * factor)
        case .triangular(let a, let c, let b): return .triangular(min: a * factor, mode: c * factor, max: b * factor)
        case .empirical(let v): return .empirical(v.map { $0 * factor })
        }
    }

    /// One draw; in a loop, take `sampler` once and draw from it instead.
    public func sample(_ stream: inout RandomStream) -> Double { sampler.sample(&stream) }
}
