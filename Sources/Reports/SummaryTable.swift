import Scenario
import SimKit
import SiteModel

/// The terminal table: targets first (met or missed), then every metric as mean ± 95%
/// half-width with the replication count.
public enum SummaryTable {
    public static func render(_ r: ExperimentResult) -> String {
        var out: [String] = []
        out.append("\(r.scenario.name): \(r.replications) replications, seed \(r.seed), plan \(r.plan.origin)")
        let checks = TargetCheck.evaluate(r)
        if !checks.isEmpty {
            out.append("")
            out.append("Targets")
            for c in checks {
                let mark = c.met ? "met   " : "MISSED"
                out.append("  \(mark) \(c.statement)   (\(Format.fixed(c.interval.mean, 2)) ± \(Format.fixed(c.interval.halfWidth, 2)))")
            }
        }
        out.append("")
        let rows: [[String]] = r.metrics.map { m in
            let d = Format.decimals(m.name, mean: m.interval.mean)
            let hw = m.interval.halfWidth.isFinite ? Format.fixed(m.interval.halfWidth, d) : "n/a"
            return [m.name.label, Format.fixed(m.interval.mean, d), "± " + hw, m.name.unit, String(m.interval.count)]
        }
        out.append(contentsOf: table(header: ["metric", "mean", "95% hw", "unit", "n"], rows: rows, rightAligned: [1, 2, 4]))
        for w in warnings(r) { out.append("warning: " + w) }
        return out.joined(separator: "\n") + "\n"
    }

    public static func warnings(_ r: ExperimentResult) -> [String] {
        var w: [String] = []
        for c in TargetCheck.evaluate(r) where c.undecided {
            w.append("the 95% interval of \(c.target.metric.rawValue) (\(Format.fixed(c.interval.lower, 2)) to \(Format.fixed(c.interval.upper, 2))) contains the target \(Format.fixed(c.target.value, 2)); run more replications (--replications) to decide it")
        }
        let notSwabbed = r[.residentsNotSwabbed].mean
        if notSwabbed > 0 {
            w.append("on average \(Format.fixed(notSwabbed, 1)) residents who came were not swabbed before the last team left; add teams or extend shifts")
        }
        w += breaksTogether(r.scenario, r.plan)
        return w
    }

    /// Sites where two or more teams, at least half of those there, break within five
    /// minutes of each other before the deadline: the swab line stands still meanwhile. The
    /// advice is what the plan can do: stagger them with `breaks` (or let `optimize` do it).
    public static func breaksTogether(_ s: Scenario, _ plan: Plan) -> [String] {
        let roster = TeamRoster(scenario: s, plan: plan)
        let end = roster.workEnds
        var out: [String] = []
        for (si, site) in s.sites.enumerated() {
            let here = roster.teams.indices.filter { roster.teams[$0].site == si }
            let starts = here.compactMap { t in roster.teams[t].breaks(until: min(end[t], s.round.deadline)).first.map { (t, $0) } }.sorted { $0.1.start < $1.1.start }
            var i = 0
            while i < starts.count {
                var j = i
                while j + 1 < starts.count && starts[j + 1].1.start - starts[i].1.start <= 300 { j += 1 }
                let together = j - i + 1
                if together >= 2 && 2 * together >= here.count {
                    let b = starts[i].1
                    let who = starts[i...j].map { "\(s.staff.cohorts[roster.teams[$0.0].cohort].id) team \(roster.teams[$0.0].number)" }.joined(separator: ", ")
                    out.append("at \(site.name), \(together) of its \(here.count) teams (\(who)) break together at \(ClockTime.format(b.start)) for \(Int((b.duration / 60).rounded())) minutes and the swab line stands still: plan their breaks one after another in the plan's `breaks` (or run `swabplan optimize`, which staggers them)")
                }
                i = j + 1
            }
        }
        return out
    }

    public static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - s.count)
                return rightAligned.contains(c) ? pad + s : s + pad
            }.joined(separator: "  ")
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }
}
