import Foundation
import Planner
import Reports
import Scenario
import SiteModel

extension RunQueue {
    /// Two to four plans on the same residents, service times and weather (common random
    /// numbers), as `swabplan compare` runs them, up to the replications asked: each metric
    /// per plan, each plan's paired difference from the first, and each site's line over the
    /// morning under every plan.
    func compare(_ r: RunRecord, _ s: Scenario, cancel: Cancellation) throws {
        let plans = try r.plans.map { try plan($0, s) }
        let first = min(r.replications, 40)
        let c = try PlanComparison.run(scenario: s, plans: plans, seed: r.seed, jobs: jobs, initial: first, batch: 20, limit: r.replications,
                                       shouldStop: { cancel.isCancelled }, progress: { [self] n in update(r.id) { $0.done = min($0.total, n) } })
        if cancel.isCancelled { throw CancellationError() }
        try AtomicFile.write([
            (folder(r.id) + "/compare.json", CompareOutcome(c, names: r.plans, s).json),
            (folder(r.id) + "/compare.txt", ComparisonReport.table(c, Wording(.zh))),
            (folder(r.id) + "/compare-en.txt", ComparisonReport.table(c, Wording(.en))),
        ])
    }
}

/// A comparison as its page shows it, in both languages.
struct CompareOutcome: Codable, Sendable, KeptAsJSON {
    struct Row: Codable, Sendable {
        var zh: String
        var en: String
        var unitZh: String
        var unitEn: String
        /// Each plan's mean ± half-width.
        var cells: [String]
        /// Each plan's difference from the first (nil for the first), and its verdict.
        var differences: [String?]
        var verdicts: [String?]
    }
    struct SiteLines: Codable, Sendable {
        var zh: String
        var en: String
        /// People in line (both lines), per plan and quarter hour.
        var lines: [[Double]]
    }
    var plans: [String]
    var replications: Int
    var opening: Double
    var rows: [Row]
    var sites: [SiteLines]

    init(_ c: PlanComparison, names: [String], _ s: Scenario) {
        let zh = Wording(.zh), en = Wording(.en)
        plans = names
        replications = c.replications
        opening = s.round.opening
        rows = c.metricNames.map { m in
            let d = Format.decimals(m, mean: c.results[0][m].mean)
            let cells = c.results.map { x -> String in
                let ci = x[m]
                return Format.fixed(ci.mean, d) + (ci.halfWidth.isFinite ? " ± " + Format.fixed(ci.halfWidth, d) : "")
            }
            let diffs = c.results.indices.map { i -> PlanComparison.Difference? in c.difference(i, m) }
            return Row(zh: zh.metric(m), en: en.metric(m), unitZh: zh.unit(m), unitEn: en.unit(m), cells: cells,
                       differences: diffs.map { $0.map { Format.fixed($0.interval.mean, d) + " ± " + Format.fixed($0.interval.halfWidth, d) } },
                       verdicts: diffs.map { $0?.verdict.rawValue })
        }
        let bins = c.results.map(\.activeBins).max() ?? 0
        sites = s.sites.enumerated().map { si, site in
            SiteLines(zh: zh.name(site), en: en.name(site), lines: c.results.map { x in
                let q = x.sites[si]
                return (0..<min(bins, q.registrationQueue.count)).map { b in ((q.registrationQueue[b].mean + q.swabQueue[b].mean) * 10).rounded() / 10 }
            })
        }
    }
}
