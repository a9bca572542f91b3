import SimKit

/// Erlang C, tabulated: for c servers at utilisation rho, the probability of waiting and the
/// mean wait in units of the mean service time, C(c, c rho) / (c (1 - rho)). The surrogate asks
/// for these hundreds of times a plan, so they are read from a table and interpolated in rho.
public struct ErlangTable: Sendable {
    /// Servers tabulated; more are computed (the Erlang B recursion is c steps).
    public static let maxServers = 64
    static let points = 512
    /// Highest utilisation tabulated; the surrogate never serves past it within a slot.
    public let rhoMax: Double
    private let waitProbability: [Double]
    private let meanWait: [Double]

    public init(rhoMax: Double = 0.95) {
        self.rhoMax = rhoMax
        var p: [Double] = [], w: [Double] = []
        p.reserveCapacity(Self.maxServers * (Self.points + 1))
        w.reserveCapacity(Self.maxServers * (Self.points + 1))
        for c in 1...Self.maxServers {
            for k in 0...Self.points {
                let rho = rhoMax * Double(k) / Double(Self.points)
                let pw = QueueingTheory.erlangC(servers: c, offeredLoad: rho * Double(c))
                p.append(pw)
                w.append(pw / (Double(c) * (1 - rho)))
            }
        }
        waitProbability = p
        meanWait = w
    }

    /// (probability of waiting, mean wait in mean service times) for `c` servers at `rho`
    /// (clamped to `rhoMax`).
    @inline(__always)
    public func lookup(servers c: Int, rho: Double) -> (wait: Double, meanWait: Double) {
        let r = min(max(rho, 0), rhoMax)
        guard c <= Self.maxServers else {
            let pw = QueueingTheory.erlangC(servers: c, offeredLoad: r * Double(c))
            return (pw, pw / (Double(c) * (1 - r)))
        }
        let x = r / rhoMax * Double(Self.points)
        let k = min(Int(x), Self.points - 1)
        let f = x - Double(k)
        let i = (c - 1) * (Self.points + 1) + k
        return (waitProbability[i] + f * (waitProbability[i + 1] - waitProbability[i]),
                meanWait[i] + f * (meanWait[i + 1] - meanWait[i]))
    }
}
