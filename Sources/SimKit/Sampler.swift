import CGSL
import Foundation

/// A distribution ready to sample: the logarithms and shapes that `Distribution` derives from
/// its mean and coefficient of variation are computed once here, not at every draw.
///
///     let swab = Distribution.gamma(mean: 25, cv: 0.4).sampler
///     let seconds = swab.sample(&stream)
public struct Sampler: Sendable {
    @usableFromInline enum Kind: Sendable { case constant, exponential, lognormal, gamma, uniform, triangular, empirical }
    @usableFromInline let kind: Kind
    // Parameters by kind: constant(a); exponential(a = mean); lognormal(a = mu, b = sigma);
    // gamma(a = shape, b = scale); uniform(a = min, b = width); triangular(a, b, c = min, max, mode).
    @usableFromInline let a: Double
    @usableFromInline let b: Double
    @usableFromInline let c: Double
    @usableFromInline let values: [Double]

    init(_ kind: Kind, _ a: Double, _ b: Double = 0, _ c: Double = 0, values: [Double] = []) {
        self.kind = kind; self.a = a; self.b = b; self.c = c; self.values = values
    }

    @inlinable @inline(__always)
    public func sample(_ stream: inout RandomStream) -> Double {
        switch kind {
        case .constant:
            return a
        case .exponential:
            return -a * log(stream.nextOpenDouble())
        case .lognormal:
            return exp(a + stream.nextGaussian(sigma: b))
        case .gamma:
            let shape = a, scale = b
            return stream.withGSL { cgsl_gamma($0, shape, scale) }
        case .uniform:
            return a + b * stream.nextDouble()
        case .triangular:
            let u = stream.nextDouble()
            let f = (c - a) / (b - a)
            return u < f ? a + ((b - a) * (c - a) * u).squareRoot()
                         : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .empirical:
            return values[stream.nextInt(below: values.count)]
        }
    }
}

extension Distribution {
    /// The precomputed sampler of this distribution.
    public var sampler: Sampler {
        switch self {
        case .deterministic(let v): return Sampler(.constant, v)
        case .exponential(let m): return Sampler(.exponential, m)
        case .lognormal(let m, let cv):
            if cv == 0 { return Sampler(.constant, m) }
            let s2 = log1p(cv * cv)
            return Sampler(.lognormal, log(m) - s2 / 2, s2.squareRoot())
        case .gamma(let m, let cv):
            // A shape past 1e8 (cv below 1e-4) is a constant to within a part in 10^4, and
            // GSL's sampler gives NaN when the shape overflows.
            let shape = 1 / (cv * cv)
            if cv == 0 || !(shape < 1e8) { return Sampler(.constant, m) }
            return Sampler(.gamma, shape, m / shape)
        case .uniform(let lo, let hi): return Sampler(.uniform, lo, hi - lo)
        case .triangular(let lo, let mode, let hi): return Sampler(.triangular, lo, hi, mode)
        case .empirical(let v): return Sampler(.empirical, 0, values: v)
        }
    }
}
