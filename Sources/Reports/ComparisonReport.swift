import Planner
import Scenario
import SimKit
import SiteModel

/// `swabplan compare` output: each plan's figures with 95% intervals, and each plan's paired
/// difference from the first with its interval and verdict.
public enum ComparisonReport {
    public static func table(_ c: PlanComparison, _ w: Wording) -> String {
        let s = c.results[0].scenario
        let absent = w(.notAvailable)
        var out: [String] = []
        let names = c.results.map { $0.plan.origin }
        out.append(w(.compareTitle, w.name(s), c.replications, c.results[0].seed))
        for (i, n) in names.enumerated() { out.append("  " + w(.comparePlan, i + 1, n)) }
        out.append("")
        var header = [w.columns(.figureColumns)[0]]
        for i in names.indices { header.append(w(.comparePlanColumn, i + 1)) }
        for i in names.indices.dropFirst() { header.append(w(.compareDifferenceColumn, i + 1)) }
        var rows: [[String]] = []
        // Every figure by its metric's name: plans may report different metrics, and a metric
        // one plan lacks is shown as absent, never as another metric's value.
        for name in c.metricNames {
            let d = decimals(name)
            var row = [w.metric(name) + (c.deciding.contains(name) ? " *" : "")]
            for r in c.results {
                guard let ci = r.metrics.first(where: { $0.name == name })?.interval else { row.append(absent); continue }
                row.append(Format.cell(name, ci.mean, ci.halfWidth, decimals: d, opening: c.results[0].scenario.round.opening))
            }
            for i in c.results.indices.dropFirst() {
                guard let x = c.difference(i, name) else { row.append(absent); continue }
                row.append(signed(x.interval.mean, d) + " ± " + Format.fixed(x.interval.halfWidth, d) + " " + mark(x.verdict))
            }
            rows.append(row)
        }
        out.append(contentsOf: SummaryTable.table(header: header, rows: rows, rightAligned: Set(1..<header.count)))
        out.append("")
        out.append(w(.compareAbsent, absent))
        out.append(w(.compareLegend))
        out.append(w(.compareStarred))
        switch c.stop {
        case .decided: out.append(w(.compareDecided, c.replications))
        case .limitReached(let open):
            out.append(w(.compareLimit, c.replications, w.enumerate(open.map { id in MetricName(rawValue: id).map(w.metric) ?? id })))
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func json(_ c: PlanComparison) -> JSON {
        let plans: [JSON] = c.results.enumerated().map { i, r in
            var pairs: [(String, JSON)] = [("plan", .string(r.plan.origin))]
            pairs.append(("metrics", .object(r.metrics.map { m in
                (m.name.rawValue, .object([("mean", .number(m.interval.mean, decimals: 4)),
                                            ("half_width", .number(m.interval.halfWidth, decimals: 4)),
                                            ("n", .integer(m.interval.count)), ("unit", .string(m.name.unit))]))
            })))
            if i > 0 {
                pairs.append(("difference_from_first", .object(c.differences[i - 1].map { d in
                    (d.metric.rawValue, .object([("mean", .number(d.interval.mean, decimals: 4)),
                                                  ("half_width", .number(d.interval.halfWidth, decimals: 4)),
                                                  ("n", .integer(d.interval.count)),
                                                  ("verdict", .string(d.verdict.rawValue))]))
                })))
            }
            return .object(pairs)
        }
        var stop: [(String, JSON)] = []
        switch c.stop {
        case .decided: stop = [("reason", .string("decided"))]
        case .limitReached(let open): stop = [("reason", .string("replication limit")), ("undecided", .array(open.map { .string($0) }))]
        }
        return .object([
            ("scenario", .string(c.results[0].scenario.name)),
            ("seed", .integer(Int(truncatingIfNeeded: c.results[0].seed))),
            ("replications", .integer(c.replications)),
            ("common_random_numbers", .bool(true)),
            ("deciding_metrics", .array(c.deciding.map { .string($0.rawValue) })),
            ("stop", .object(stop)),
            ("plans", .array(plans)),
        ])
    }

    static func decimals(_ m: MetricName) -> Int { m.unit == "share" ? 3 : (m.unit == "residents" || m.unit == "tubes" ? 0 : 1) }

    static func signed(_ x: Double, _ d: Int) -> String { (x > 0 ? "+" : "") + Format.fixed(x, d) }

    static func mark(_ v: PlanComparison.Verdict) -> String {
        switch v {
        case .same: return "="
        case .better: return "+"
        case .worse: return "-"
        case .higher: return "^"
        case .lower: return "v"
        case .undecided: return "~"
        }
    }
}
