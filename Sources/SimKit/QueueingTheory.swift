/// Closed-form results of queueing theory, used to check the simulation and (later) by the
/// planner's surrogate. Rates are per the same time unit; waits come out in that unit.
public enum QueueingTheory {
    /// Erlang's C formula: the probability that an arrival waits in an M/M/c queue with offered
    /// load `a = lambda / mu` erlangs. Computed through the Erlang B recursion, which is stable
    /// for thousands of servers. Returns 1 when the queue is unstable (a >= c).
    public static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        precondition(c >= 1 && a >= 0)
        if a >= Double(c) { return 1 }
        var b = 1.0
        for k in 1...c { b = a * b / (Double(k) + a * b) }
        let rho = a / Double(c)
        return b / (1 - rho + rho * b)
    }

    /// Mean wait in queue (excluding service) of M/M/c.
    public static func mmcMeanWait(servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double) -> Double {
        let a = lambda / mu
        if a >= Double(c) { return .infinity }
        return erlangC(servers: c, offeredLoad: a) / (Double(c) * mu - lambda)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
