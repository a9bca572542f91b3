import SiteModel
import Foundation
import Planner
import Scenario
import SimKit

/// What `swabplan replan` prints (and `Results/*/replan.txt` keeps): the state it started from,
/// the call-ups it moved, every metric of the rest of the round under the kept plan and the
/// re-plan with the paired difference, each target under both, and what no plan can meet now.
public enum ReplanReport {
    public static func table(_ r: Replanner.Result, state: MorningState, scenario s: Scenario, replications: Int, timings: Bool, _ w: Wording) -> String {
        var out: [String] = []
        let at = ClockTime.format(state.at)
        out.append(timings ? w(.replanTitle, w.name(s), at, Format.fixed(r.seconds, 1), r.candidatesTried, replications)
                           : w(.replanTitleUntimed, w.name(s), at, "", r.candidatesTried, replications))
        out.append(w(.replanState, at, (state.sourcePath as NSString).lastPathComponent, describe(state, s, w)))
        out.append("")
        if let t = r.keptBecause {
            out.append(w(.replanKept, TargetCheck.terminal(t, s, w)))
        } else if r.moves.isEmpty {
            out.append(w(.replanNoMove, r.movable))
        } else {
            out.append(w(.replanMoved, r.moves.count, r.movable))
            for m in r.moves {
                var what = w.buildingName(m.before.building, s)
                if let f = m.before.floors { what += " \(f.lowerBound)-\(f.upperBound)" }
                out.append(w(.replanMove, what, m.before.window.description, w.siteName(m.before.site, s),
                             m.after.window.description, w.siteName(m.after.site, s)))
            }
        }
        if !r.teamMoves.isEmpty {
            out.append(w(.replanTeamsMoved))
            for m in r.teamMoves { out.append(w.teamMove(m, s)) }
        }
        if !r.deskMoves.isEmpty {
            out.append(w(.replanDesksMoved))
            for m in r.deskMoves { out.append("  " + w.deskMove(m, s)) }
        }
        out.append("")
        out.append(w(.replanTargets, replications))
        for t in r.targets {
            let mark = w(t.replannedMet ? .markMet : .markMissed)
            func figure(_ c: ConfidenceInterval) -> String {
                Format.isClockTime(t.target.metric) ? Format.cell(t.target.metric, c.mean, c.halfWidth, decimals: 1, opening: s.round.opening)
                    : "\(Format.fixed(c.mean, 2)) ± \(Format.fixed(c.halfWidth, 2))"
            }
            let kept = w(.replanMetKept, figure(t.kept) + " " + w(t.keptMet ? .markMet : .markMissed))
            let new = w(.replanMetNew, figure(t.replanned) + " " + mark)
            var line = "  \(TargetCheck.terminal(t.target, s, w))   \(kept); \(new)"
            if let d = r.figures.first(where: { $0.metric == t.target.metric })?.difference, d.halfWidth.isFinite {
                line += "; Δ \(Format.fixed(d.mean, 2)) ± \(Format.fixed(d.halfWidth, 2))"
            }
            out.append(line)
            if t.impossible {
                let b = r.bound, left = Int(b.residentsLeft.rounded())
                // No team working: nothing to divide by, so no clock time to give.
                out.append("  " + (b.earliestFinish.isFinite
                    ? w(.replanImpossibleBound, TargetCheck.terminal(t.target, s, w), left, steps(b, w), ClockTime.format(b.earliestFinish),
                        cause(b, s, w), w(b.cause == .teams ? .replanAskTeams : (isLifts(b.cause) ? .replanAskStairs : .replanAskDesks)))
                    : (b.teamSteps.isEmpty ? w(.replanImpossibleNoTeams, TargetCheck.terminal(t.target, s, w), left, at)
                                           : w(.replanImpossibleShifts, TargetCheck.terminal(t.target, s, w), left, steps(b, w)))))
            }
        }
        let b = r.bound
        if b.earliestFinish.isFinite {
            out.append(w(.replanBoundSteps, Int(b.residentsLeft.rounded()), steps(b, w), ClockTime.format(b.earliestFinish), cause(b, s, w)))
        } else if b.teamSteps.isEmpty {
            out.append(w(.replanBoundNoTeams, Int(b.residentsLeft.rounded()), at))
        } else {
            out.append(w(.replanBoundShifts, Int(b.residentsLeft.rounded()), steps(b, w)))
        }
        // What the re-plan makes worse, beyond doubt (the paired interval wholly on the wrong
        // side): said in words, not left for the planner to find in the table.
        let worse = r.figures.filter { f in
            let d = f.difference
            guard d.halfWidth.isFinite, abs(d.mean) >= f.metric.indifference else { return false }
            switch f.metric.better {
            case .lower: return d.lower > 0
            case .higher: return d.upper < 0
            case .neither: return false
            }
        }
        for f in worse {
            let d = Format.decimals(f.metric, mean: f.kept.mean)
            let clock = { (x: Double) in Format.figure(f.metric, x, decimals: d, opening: s.round.opening) }
            out.append(w(.replanWorse, w.metric(f.metric), clock(f.kept.mean), clock(f.replanned.mean),
                         Format.fixed(f.difference.mean, d), Format.fixed(f.difference.halfWidth, d), w.unit(f.metric)))
        }
        out.append("")
        let rows: [[String]] = r.figures.map { f in
            let d = Format.decimals(f.metric, mean: f.kept.mean)
            func ci(_ c: ConfidenceInterval) -> String { Format.fixed(c.mean, d) + " ± " + (c.halfWidth.isFinite ? Format.fixed(c.halfWidth, d) : w(.notAvailable)) }
            // The last swab as a clock time; its difference in minutes.
            func clock(_ c: ConfidenceInterval) -> String { Format.cell(f.metric, c.mean, c.halfWidth, decimals: d, opening: s.round.opening) }
            return [w.metric(f.metric), clock(f.kept), clock(f.replanned), ci(f.difference), Format.isClockTime(f.metric) ? w(.unitClock) : w.unit(f.metric)]
        }
        out += SummaryTable.table(header: w.columns(.replanColumns), rows: rows, rightAligned: [1, 2, 3])
        return out.joined(separator: "\n") + "\n"
    }

    /// The teams at work as the morning goes on: "8 teams at work from 08:40, 16 from 09:40".
    static func steps(_ b: RestBound, _ w: Wording) -> String {
        let shown = b.teamSteps.prefix(4)
        guard let first = shown.first else { return w(.boundNoTeamsFrom, ClockTime.format(b.at)) }
        var parts = [w(.boundTeamsFrom, ClockTime.format(first.at), first.teams)]
        parts += shown.dropFirst().map { w(.boundTeamsThen, ClockTime.format($0.at), $0.teams) }
        return parts.joined(separator: w.language == .zh ? "，" : ", ")
    }

    static func isLifts(_ c: RestBound.Cause) -> Bool { if case .lifts = c { return true } else { return false } }

    /// What sets the bound, in words.
    static func cause(_ b: RestBound, _ s: Scenario, _ w: Wording) -> String {
        switch b.cause {
        case .teams: return w(.boundByTeams)
        case .desks(let n): return w(.boundByDesks, n)
        case .line(let site, let people, let desks): return w(.boundByLine, w.siteName(site, s), people, desks)
        case .lifts(let b, let riders, let lifts): return w(.boundByLifts, w.buildingName(b, s), riders, lifts)
        }
    }

    /// The state in one line: lines, late buses, gone teams, desks, weather.
    public static func describe(_ state: MorningState, _ s: Scenario, _ w: Wording) -> String {
        func list(_ items: [String]) -> String { items.joined(separator: ", ") }
        var parts: [String] = []
        if let n = state.swabbedSoFar { parts.append(w(.describeSwabbed, n)) }
        let q = state.queues.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.registration)+\($0.value.swab)" }
        if !q.isEmpty { parts.append(w(.describeInLine, list(q))) }
        if !state.left.isEmpty { parts.append(w(.describeLeft, list(state.left.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }))) }
        for (c, late) in state.lateCohorts.sorted(by: { $0.key < $1.key }) { parts.append(w(.describeLate, c, Int(late / 60))) }
        if !state.goneTeams.isEmpty { parts.append(w(.describeGone, list(state.goneTeams.map { "\($0.cohort) #\($0.team)" }))) }
        if !state.desks.isEmpty { parts.append(w(.describeDesks, list(state.desks.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }))) }
        let kinds: [WeatherKind: Phrase] = [.rain: .describeRain, .wind: .describeWind, .heat: .describeHeat]
        let severities: [Severity: Phrase] = [.light: .describeLight, .moderate: .describeModerate, .heavy: .describeHeavy]
        for x in state.weather {
            parts.append(w(.describeWeather, kinds[x.kind].map { w($0) } ?? x.kind.rawValue, severities[x.severity].map { w($0) } ?? x.severity.rawValue,
                           x.window.description))
        }
        return parts.isEmpty ? w(.describeAsPlanned) : parts.joined(separator: w(.describeSeparator))
    }
}

extension Wording {
    /// People sent to open desks at another site, in words.
    func deskMove(_ m: DeskMove, _ s: Scenario) -> String {
        m.fromDataDesk ? self(.deskMoveFromDataDesk, ClockTime.format(m.at), "", m.desks, siteName(m.to, s))
                       : self(.deskMoveFromSite, ClockTime.format(m.at), siteName(m.from, s), m.desks, siteName(m.to, s))
    }

    /// A break or a drop the re-plan moved, in words.
    func teamMove(_ m: TeamMove, _ s: Scenario) -> String {
        switch m {
        case .breakMoved(let c, let t, let from, let to):
            return self(.replanBreakMove, teamName(c, t, s), ClockTime.format(from), ClockTime.format(to))
        case .teamDropped(let c, let from, let to):
            return self(.replanDropMove, s.staff.cohorts.first { $0.id == c }.map(name) ?? c, siteName(from, s), siteName(to, s))
        }
    }
}
