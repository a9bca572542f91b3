import SiteModel
import Scenario
import Planner
import SimKit

/// "What it would take", in the planner's language: each addition that meets the missed
/// targets in the simulation, with its figures and intervals; the later finish the plan keeps.
public enum WhatItWouldTakeReport {
    public static func lines(_ w: WhatItWouldTake, _ s: Scenario, _ words: Wording) -> [String] {
        var out = [words(.takeTitle, w.replications)]
        for a in w.answers {
            let figures = a.figures.map { f in
                "\(TargetCheck.terminal(f.target, s, words)) \(Format.fixed(f.interval.mean, 1)) ± \(Format.fixed(f.interval.halfWidth, 1))"
            }.joined(separator: words.language == .zh ? "；" : "; ")
            let finish = ClockTime.format(s.round.opening + (a.finish.mean * 60 / 60).rounded(.up) * 60)
            out.append("  " + words(.takeAnswer, addition(a.addition, s, words), figures, finish))
        }
        if w.answers.isEmpty { out.append("  " + words(w.stoppedByTimeLimit ? .takeStopped : .takeNone, w.tried)) }
        if let later = w.laterFinishMinutes {
            out.append("  " + words(.takeLaterFinish, ClockTime.format(s.round.opening + later * 60)))
        }
        return out
    }

    static func addition(_ a: WhatItWouldTake.Addition, _ s: Scenario, _ w: Wording) -> String {
        switch a {
        case .teams(let cohort, let site, let count, let tables):
            let c = s.staff.cohorts.first { $0.id == cohort }.map(w.name) ?? cohort
            return tables > 0 ? w(.takeTeamsTables, count, w.siteName(site, s), c, tables) : w(.takeTeams, count, w.siteName(site, s), c)
        case .desks(let site, let count): return w(.takeDesks, count, w.siteName(site, s))
        case .stairs(let floor): return w(.takeStairs, floor)
        case .tent(let site): return w(.takeTent, w.siteName(site, s))
        }
    }

    public static func json(_ w: WhatItWouldTake, _ s: Scenario) -> JSON {
        .object([
            ("replications", .integer(w.replications)),
            ("tried", .integer(w.tried)),
            ("later_finish", w.laterFinishMinutes.map { .string(ClockTime.format(s.round.opening + $0 * 60)) } ?? .null),
            ("additions", .array(w.answers.map { a in
                .object([("addition", .string(addition(a.addition, s, Wording(.en)))),
                         ("figures", .array(a.figures.map { f in
                             .object([("metric", .string(f.target.metric.rawValue)), ("mean", .number(f.interval.mean, decimals: 2)),
                                      ("half_width", .number(f.interval.halfWidth, decimals: 2))]) })),
                         ("finish_minutes_after_opening", .number(a.finish.mean, decimals: 1))])
            })),
        ])
    }
}
