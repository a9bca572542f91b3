import Scenario
import SimKit
import SiteModel

/// The terminal table: targets first (met or missed), then every metric as mean ± 95%
/// half-width with the replication count.
public enum SummaryTable {
    public static func render(_ r: ExperimentResult, _ w: Wording) -> String {
        let s = r.scenario
        var out: [String] = []
        out.append(w(.terminalTitle, w.name(s), r.replications, r.seed, r.plan.origin))
        let checks = TargetCheck.evaluate(r)
        if !checks.isEmpty {
            out.append("")
            out.append(w(.targetsHeading))
            out += targetLines(checks, s, w)
        }
        out.append("")
        let rows: [[String]] = r.metrics.map { m in
            let c = cells(r, m.name, m.interval, w)
            return [w.metric(m.name), c.mean, "± " + c.halfWidth, c.unit, String(m.interval.count)]
        }
        out.append(contentsOf: table(header: w.columns(.terminalColumns), rows: rows, rightAligned: [1, 2, 4]))
        for x in warnings(r, w) { out.append(w(.warningPrefix) + x) }
        return out.joined(separator: "\n") + "\n"
    }

    /// A metric's mean, half-width and unit as every table of figures shows them: the last swab
    /// as a clock time; a figure whose interval holds zero said to be indistinguishable from it;
    /// those who gave up said beside the residents never swabbed in line.
    static func cells(_ r: ExperimentResult, _ name: MetricName, _ ci: ConfidenceInterval, _ w: Wording) -> (mean: String, halfWidth: String, unit: String) {
        let d = Format.decimals(name, mean: ci.mean)
        let hw = ci.halfWidth.isFinite ? Format.fixed(ci.halfWidth, d) : w(.notAvailable)
        let zero = ci.mean != 0 && ci.halfWidth.isFinite && abs(ci.mean) <= ci.halfWidth
        let gaveUp = name == .residentsNotSwabbed ? r.metrics.first { $0.name == .residentsGaveUp }?.interval.mean ?? 0 : 0
        let also = gaveUp >= 0.5 ? w(.alsoGaveUp, Format.people(gaveUp)) : ""
        let clock = Format.isClockTime(name) && ci.mean.isFinite
        let mean = Format.figure(name, ci.mean, decimals: d, opening: r.scenario.round.opening)
        return (mean, hw, (clock ? w(.unitClock) : w.unit(name)) + (zero ? w(.notFromZero) : "") + also)
    }

    /// One line per target, met or missed, with the simulated figure. English keeps the
    /// metric's name as targets are written in the file; Chinese says the target in words.
    public static func targetLines(_ checks: [TargetCheck], _ s: Scenario, _ w: Wording) -> [String] {
        let marks = [w(.markMet), w(.markMissed)]
        let width = marks.map { DisplayWidth.of(text: $0) }.max() ?? 0
        return checks.map { c in
            let what = c.terminal(s, w)
            let share = c.holdShare.map { w(.targetMornings, Format.percent($0), Format.percent(c.requiredShare)) } ?? ""
            let figure = Format.isClockTime(c.target.metric) ? Format.cell(c.target.metric, c.interval.mean, c.interval.halfWidth, decimals: 1, opening: s.round.opening)
                : "\(Format.fixed(c.interval.mean, 2)) ± \(Format.fixed(c.interval.halfWidth, 2))"
            return "  \(pad(c.met ? marks[0] : marks[1], width)) \(what)   (\(figure)\(share))"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text: text))) }

    public static func warnings(_ r: ExperimentResult, _ w: Wording) -> [String] {
        var out: [String] = []
        for c in TargetCheck.evaluate(r) where c.undecided {
            let name = w.language == .en ? c.target.metric.rawValue : w.metric(c.target.metric)
            out.append(w(.warnUndecided, name, Format.fixed(c.interval.lower, 2), Format.fixed(c.interval.upper, 2), Format.fixed(c.target.value, 2)))
        }
        let notSwabbed = r[.residentsNotSwabbed].mean
        if notSwabbed > 0 { out.append(w(.warnNotSwabbed, Format.people(notSwabbed))) }
        out += breaksTogether(r.scenario, r.plan, w)
        return out
    }

    /// Sites where two or more teams, at least half of those there, break within five
    /// minutes of each other before the deadline: the swab line stands still meanwhile. The
    /// advice is what the plan can do: stagger them with `breaks` (or let `optimize` do it).
    public static func breaksTogether(_ s: Scenario, _ plan: Plan, _ w: Wording) -> [String] {
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
                    let who = starts[i...j].map { w.team(roster, $0.0, s) }
                    out.append(w(.warnBreaksTogether, w.name(site), together, here.count, w.enumerate(who), ClockTime.format(b.start), Int((b.duration / 60).rounded()),
                                   plan.isOptimised ? "" : w(.staggerHint)))
                }
                i = j + 1
            }
        }
        return out
    }

    public static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let all = [header] + rows
        // Display columns, so that Chinese (two columns a character) lines up.
        let widths = header.indices.map { c in all.map { DisplayWidth.of(text: $0[c]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - DisplayWidth.of(text: s))
                return rightAligned.contains(c) ? pad + s : s + pad
            }.joined(separator: "  ")
        }
        return [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }
}
