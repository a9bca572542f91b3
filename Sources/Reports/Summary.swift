import Scenario
import SimKit
import SiteModel

/// `summary.json`: the figures of a simulation, machine-readable.
///
///     {"scenario", "seed", "replications", "plan", "metrics": {NAME: {"mean", "half_width", "n", "unit"}}, "targets": [...]}
public enum Summary {
    public static func json(_ r: ExperimentResult) -> JSON {
        let metrics: [(String, JSON)] = r.metrics.map { m in
            (m.name.rawValue, .object([
                ("mean", .number(m.interval.mean, decimals: 4)),
                ("half_width", .number(m.interval.halfWidth, decimals: 4)),
                ("n", .integer(m.interval.count)),
                ("unit", .string(m.name.unit)),
            ]))
        }
        let targets: [JSON] = TargetCheck.evaluate(r).map { c in
            .object([
                ("metric", .string(c.target.metric.rawValue)),
                ("bound", .string(c.target.bound.rawValue)),
                ("value", .number(c.target.value, decimals: 4)),
                ("mean", .number(c.interval.mean, decimals: 4)),
                ("half_width", .number(c.interval.halfWidth, decimals: 4)),
                ("met", .bool(c.met)),
                ("decided", .bool(!c.undecided)),
            ])
        }
        return .object([
            ("scenario", .string(r.scenario.name)),
            ("seed", .integer(Int(truncatingIfNeeded: r.seed))),
            ("replications", .integer(r.replications)),
            ("plan", .string(r.plan.origin)),
            ("confidence_level", .number(0.95, decimals: 2)),
            ("metrics", .object(metrics)),
            ("targets", .array(targets)),
        ])
    }

    /// Per site and 15-minute bin: mean queue lengths with half-widths, and team utilisation.
    public static func sitesCSV(_ r: ExperimentResult, _ w: Wording) -> String {
        var csv = CSVDocument(header: w.columns(.csvSites))
        let bins = r.activeBins
        for s in r.sites {
            for b in 0..<min(bins, s.swabQueue.count) {
                let start = r.scenario.round.opening + Double(b) * CompiledRound.binSeconds
                csv.append([.text(w.name(s.site)), .text(ClockTime.format(start)),
                            .number(s.registrationQueue[b].mean, decimals: 3), .number(finite(s.registrationQueue[b].halfWidth), decimals: 3),
                            .number(s.swabQueue[b].mean, decimals: 3), .number(finite(s.swabQueue[b].halfWidth), decimals: 3),
                            .number(s.utilisation[b], decimals: 3), .number(s.paused[b] * CompiledRound.binSeconds / 60, decimals: 2),
                            .integer(s.swabQueue[b].count)])
            }
        }
        return csv.text
    }

    static func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }
}
