import Scenario
import SimKit

/// The data desk of one replication: verification lists arrive with deadlines; the community
/// workers on the desk clear the items first come, first served, each worker finishing the item
/// in hand when their desk period ends. It shares no resource with the queues during the round
/// (the staff pool is split by the plan beforehand), so it is worked out on its own.
struct DataDeskRun: Sendable {
    var onTimeShare: Double
    var largestLatenessSeconds: Double
    /// When the last item was done (-infinity: none was).
    var lastDone = -Double.infinity

    /// The desk periods of each worker: the plan's `data_desk` roles; without roles, every
    /// community worker not needed at a registration desk, from opening to midnight.
    /// Workers the plan's desk moves take off the desk leave it from the move until the round's
    /// deadline (when everyone works the desk again).
    static func deskPeriods(_ s: Scenario, _ plan: Plan) -> [[ClockWindow]] {
        var periods: [[ClockWindow]]
        if !plan.roles.isEmpty {
            var byWorker: [String: [ClockWindow]] = [:]
            for r in plan.roles where r.role == .dataDesk { byWorker[r.worker, default: []].append(r.period) }
            periods = byWorker.keys.sorted().map { byWorker[$0]!.sorted { $0.start < $1.start } }
        } else {
            periods = Array(repeating: [ClockWindow(start: s.round.opening, end: 86400)], count: s.dataDeskWorkers(at: s.round.opening, plan: plan))
        }
        for m in plan.deskMoves.sorted(by: { $0.at < $1.at }) where m.fromDataDesk {
            // The last workers on the desk at the move, one per desk moved.
            var left = m.desks
            for w in periods.indices.reversed() where left > 0 {
                guard periods[w].contains(where: { $0.contains(m.at) }) else { continue }
                left -= 1
                let away = ClockWindow(start: m.at, end: s.round.deadline)
                periods[w] = periods[w].flatMap { p -> [ClockWindow] in
                    guard p.overlaps(away) else { return [p] }
                    return [ClockWindow(start: p.start, end: away.start), ClockWindow(start: away.end, end: p.end)].filter { $0.end > $0.start }
                }
            }
        }
        return periods
    }

    init(_ desk: DataDesk, periods: [[ClockWindow]], seed: UInt64, replication: UInt64) {
        let item = Distribution(desk.item).sampler
        var free = periods.map { $0.first?.start ?? .infinity }
        var onTime = 0, total = 0
        var worst = 0.0
        // The worker who can start an item soonest, lowest index on a tie, from a heap of
        // (start, worker): items x log(workers), where a scan of every worker per item made a
        // city's desk (millions of items, thousands of workers) the slowest part of a round.
        var soonest = WorkerHeap()
        for (li, list) in desk.lists.enumerated().sorted(by: { $0.element.arrives < $1.element.arrives }) {
            var stream = RandomStream(seed: seed, replication: replication, entity: UInt64(li), purpose: StreamPurpose.dataDesk.rawValue)
            let due = list.arrives + list.deadlineSeconds
            soonest.removeAll()
            for w in periods.indices {
                if let start = DataDeskRun.start(periods[w], ready: max(list.arrives, free[w])) { soonest.push(start, w) }
            }
            for _ in 0..<list.items {
                let seconds = item.sample(&stream)
                total += 1
                guard let (start, w) = soonest.pop() else {
                    worst = max(worst, 86400 - due) // never cleared today
                    continue
                }
                let done = start + seconds
                free[w] = done
                lastDone = max(lastDone, done)
                if done <= due { onTime += 1 } else { worst = max(worst, done - due) }
                if let next = DataDeskRun.start(periods[w], ready: done) { soonest.push(next, w) }
            }
        }
        onTimeShare = total > 0 ? Double(onTime) / Double(total) : 1
        largestLatenessSeconds = worst
    }

    /// When a worker ready at `ready` can start: then, or at the start of their next desk
    /// period; nil when no period is left.
    static func start(_ periods: [ClockWindow], ready: Double) -> Double? {
        guard let period = periods.first(where: { ready < $0.end }) else { return nil }
        return max(ready, period.start)
    }

    /// Hours each role is staffed in the plan. A period to the day's end (the data desk after
    /// the round, until its data are done) counts until `openEndsAt`: when the desk's last item
    /// was done, and at least to the deadline.
    static func workerHours(_ plan: Plan, _ role: WorkerRole, openEndsAt: Double) -> Double {
        plan.roles.filter { $0.role == role }.reduce(0) { hours, r in
            let end = r.period.untilDone ? max(r.period.start, min(r.period.end, openEndsAt)) : r.period.end
            return hours + (end - r.period.start)
        } / 3600
    }
}

/// A binary min-heap of (start, worker) ordered by start, then worker.
struct WorkerHeap {
    private var items: [(start: Double, worker: Int)] = []

    private static func before(_ a: (start: Double, worker: Int), _ b: (start: Double, worker: Int)) -> Bool {
        a.start < b.start || (a.start == b.start && a.worker < b.worker)
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ start: Double, _ worker: Int) {
        items.append((start, worker))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard WorkerHeap.before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && WorkerHeap.before(items[l], items[m]) { m = l }
                if r < items.count && WorkerHeap.before(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return (top.start, top.worker)
    }
}
