/// The reference M/M/c queue on the SimKit engine: the model the benchmark times against the
/// plain C loop, SimPy and Ciw, and the tests check against Erlang C.
///
///     let r = MMcQueue(servers: 10, arrivalRate: 100, serviceRate: 12).run(customers: 100_000, seed: 1)
public struct MMcQueue: Sendable {
    public var servers: Int
    public var arrivalRate: Double
    public var serviceRate: Double

    public init(servers: Int, arrivalRate: Double, serviceRate: Double) {
        self.servers = servers; self.arrivalRate = arrivalRate; self.serviceRate = serviceRate
    }

    public struct Result: Sendable {
        /// Waits in queue of the customers after the warm-up.
        public var wait: Tally
        /// Events taken from the event list.
        public var events: Int
        public var endTime: Double
    }

    private enum Kind: UInt32 { case arrival, departure }

    /// Simulates until `customers` have arrived and all have left; waits of the first
    /// `warmup` customers are not tallied (they start in an empty system).
    public func run(customers: Int, seed: UInt64, replication: UInt64 = 0, warmup: Int = 0) -> Result {
        var arrivals = RandomStream(seed: seed, replication: replication, entity: 0, purpose: 1)
        var services = RandomStream(seed: seed, replication: replication, entity: 0, purpose: 2)
        let meanGap = 1 / arrivalRate, meanService = 1 / serviceRate
        var events = EventList(capacity: servers + 4)
        // FIFO queue of arrival times in a ring buffer sized to the customers.
        var queue = [Double](repeating: 0, count: 1024)
        var head = 0, tail = 0
        var busy = 0, arrived = 0, served = 0, taken = 0
        var wait = Tally()
        events.schedule(at: -meanGap * log(arrivals.nextOpenDouble()), kind: Kind.arrival.rawValue, entity: 0)
        while let e = events.next() {
            taken += 1
            let now = e.time
            if e.kind == Kind.arrival.rawValue {
                arrived += 1
                if arrived < customers {
                    events.schedule(at: now - meanGap * log(arrivals.nextOpenDouble()), kind: Kind.arrival.rawValue, entity: 0)
                }
                if busy < servers {
                    busy += 1
                    if arrived > warmup { wait.add(0) }
                    events.schedule(at: now - meanService * log(services.nextOpenDouble()), kind: Kind.departure.rawValue, entity: 0)
                } else {
                    if tail - head == queue.count { grow(&queue, &head, &tail) }
                    queue[tail & (queue.count - 1)] = now
                    tail += 1
                }
            } else {
                served += 1
                if tail > head {
                    let t = queue[head & (queue.count - 1)]
                    head += 1
                    // Customer number (served + busy) in FIFO order started service now.
                    if served + busy > warmup { wait.add(now - t) }
                    events.schedule(at: now - meanService * log(services.nextOpenDouble()), kind: Kind.departure.rawValue, entity: 0)
                } else {
                    busy -= 1
                }
            }
        }
        return Result(wait: wait, events: taken, endTime: events.now)
    }

    private func grow(_ q: inout [Double], _ head: inout Int, _ tail: inout Int) {
        let n = q.count
        var bigger = [Double](repeating: 0, count: n * 2)
        for i in 0..<(tail - head) { bigger[i] = q[(head + i) & (n - 1)] }
        tail -= head; head = 0
        q = bigger
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
