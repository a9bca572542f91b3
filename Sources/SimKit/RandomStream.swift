import CGSL

/// A random stream keyed by `(master seed, replication, entity, purpose)`.
///
/// The stream is a pure function of its key, so two plans simulated with the same master seed see
/// the same residents, service times and weather in every replication (common random numbers),
/// and replications can run on any thread in any order. The generator is xoshiro256**
/// (Blackman and Vigna, 2018), seeded by SplitMix64 from a hash of the key.
///
///     var swab = RandomStream(seed: 42, replication: 3, entity: 17, purpose: 2)
///     let u = swab.nextDouble()
public struct RandomStream: Sendable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64, replication: UInt64, entity: UInt64, purpose: UInt64) {
        // Chain the key words through SplitMix64's finaliser so that nearby keys give unrelated
        // states; then expand with SplitMix64 as xoshiro's authors recommend.
        var h = RandomStream.mix(seed ^ 0x5357_4142_504C_414E) // "SWABPLAN"
        h = RandomStream.mix(h ^ replication &* 0x9E37_79B9_7F4A_7C15)
        h = RandomStream.mix(h ^ entity &* 0xC2B2_AE3D_27D4_EB4F)
        h = RandomStream.mix(h ^ purpose &* 0x1656_67B1_9E37_79F9)
        var sm = h
        state = (RandomStream.splitMix(&sm), RandomStream.splitMix(&sm),
                 RandomStream.splitMix(&sm), RandomStream.splitMix(&sm))
    }

    @inlinable @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func splitMix(_ s: inout UInt64) -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15
        return mix(s)
    }

    /// The next 64 random bits (xoshiro256**); bit-identical to `cgsl_xoshiro_next` in shim.h.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) <<< 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 <<< 45
        return result
    }

    /// A uniform double in [0, 1) from the 53 high bits.
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1), safe for logarithms.
    @inlinable @inline(__always)
    public mutating func nextOpenDouble() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// Runs a GSL sampler on this stream's own state (no allocation, no global state).
    @inlinable @inline(__always)
    mutating func withGSL<T>(_ body: (UnsafeMutablePointer<UInt64>) -> T) -> T {
        withUnsafeMutablePointer(to: &state) {
            $0.withMemoryRebound(to: UInt64.self, capacity: 4) { body($0) }
        }
    }

    /// A Gaussian variate with mean 0 and standard deviation `sigma` (GSL's ziggurat).
    @inlinable
    public mutating func nextGaussian(sigma: Double = 1) -> Double {
        withGSL { cgsl_gaussian($0, sigma) }
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's method).
    @inlinable @inline(__always)
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let m = next().multipliedFullWidth(by: UInt64(bound))
        return Int(m.high)
    }
}

infix operator <<< : BitwiseShiftPrecedence
@inlinable @inline(__always) func <<< (x: UInt64, k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// GSL's default error handler aborts the process; SwabPlan checks arguments itself instead.
public enum GSLSetup {
    public static let errorsOff: Void = { cgsl_errors_off() }()
}
