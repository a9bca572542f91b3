import Scenario
import SimKit

/// The data desk of one replication: verification lists arrive with deadlines; the community
/// workers on the desk clear the items first come, first served, each worker finishing the item
/// in hand when their desk period ends. It shares no resource with the queues during the round
/// (the staff pool is split by the plan beforehand), so it is worked out on its own.
struct DataDeskRun: Sendable {
    var onTimeShare: Double
    var largestLatenessSeconds: Double

    /// The desk periods of each worker: the plan's `data_desk` roles; without roles, every
    /// community worker not needed at a registration desk, from opening to midnight.
    static func deskPeriods(_ s: Scenario, _ plan: Plan) -> [[ClockWindow]] {
        if !plan.roles.isEmpty {
            var byWorker: [String: [ClockWindow]] = [:]
            for r in plan.roles where r.role == .dataDesk { byWorker[r.worker, default: []].append(r.period) }
            return byWorker.keys.sorted().map { byWorker[$0]!.sorted { $0.start < $1.start } }
        }
        let desks = s.sites.reduce(0) { $0 + s.desksOpen(site: $1.id, at: s.round.opening, plan: plan) }
        let free = max(0, s.staff.communityWorkers - max(0, desks - s.staff.registrars))
        return Array(repeating: [ClockWindow(start: s.round.opening, end: 86400)], count: free)
    }

    init(_ desk: DataDesk, periods: [[ClockWindow]], seed: UInt64, replication: UInt64) {
        let item = Distribution(desk.item).sampler
        var free = periods.map { $0.first?.start ?? .infinity }
        var onTime = 0, total = 0
        var worst = 0.0
        for (li, list) in desk.lists.enumerated().sorted(by: { $0.element.arrives < $1.element.arrives }) {
            var stream = RandomStream(seed: seed, replication: replication, entity: UInt64(li), purpose: StreamPurpose.dataDesk.rawValue)
            let due = list.arrives + list.deadlineSeconds
            for _ in 0..<list.items {
                let seconds = item.sample(&stream)
                total += 1
                // The worker who can start it soonest (inside one of their desk periods).
                var best: (start: Double, worker: Int)?
                for w in periods.indices {
                    let ready = max(list.arrives, free[w])
                    guard let period = periods[w].first(where: { ready < $0.end }) else { continue }
                    let start = max(ready, period.start)
                    if best == nil || start < best!.start { best = (start, w) }
                }
                guard let (start, w) = best else {
                    worst = max(worst, 86400 - due) // never cleared today
                    continue
                }
                let done = start + seconds
                free[w] = done
                if done <= due { onTime += 1 } else { worst = max(worst, done - due) }
            }
        }
        onTimeShare = total > 0 ? Double(onTime) / Double(total) : 1
        largestLatenessSeconds = worst
    }

    /// Hours each role is staffed in the plan.
    static func workerHours(_ plan: Plan, _ role: WorkerRole) -> Double {
        plan.roles.filter { $0.role == role }.reduce(0) { $0 + $1.period.duration } / 3600
    }
}
