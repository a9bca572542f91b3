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
        return w
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
