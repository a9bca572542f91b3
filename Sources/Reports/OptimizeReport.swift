import SiteModel
import Planner
import Scenario
import SimKit

extension Wording {
    /// Where a candidate plan came from, in words.
    func candidate(_ source: Selection.Source, _ s: Scenario) -> String {
        switch source {
        case .clusters: return self(.candidateClusters)
        case .search(let k, let objective):
            // The objective as the optimiser names it (mean, p95, share20); in Chinese, its metric.
            return self(.candidateSearch, k, language == .en ? objective.rawValue : metric(objective.metric))
        case .milp: return self(.candidateMILP)
        case .staffing: return self(.candidateStaffing)
        case .own: return self(.candidateOwn)
        case .baseline: return self(.candidateBaseline)
        }
    }

    /// What no plan can meet, and why, in words.
    func impossible(_ m: Bounds.Impossible, _ s: Scenario) -> String {
        switch m {
        case .finish(let minutes, let sites, let earliest):
            return self(.impossibleFinish, ClockTime.format(s.round.opening + minutes * 60), enumerate(sites.map { siteName($0, s) }),
                        ClockTime.format(s.round.opening + earliest.rounded(.up) * 60))
        case .belowService(let t, let service):
            return self(.impossibleService, TargetCheck.words(t, s, self), Format.fixed(service, 1))
        case .teams(let needed, let available): return self(.impossibleTeams, needed, available)
        case .courier(let id, let trip, let limit): return self(.impossibleCourier, id, Int(trip), Int(limit))
        case .lifts(let minutes, let b, let stairs):
            let clock = { (m: Double) in ClockTime.format(s.round.opening + m.rounded(.up) * 60) }
            let above = b.stairsUpToFloor == 1 ? self(.liftRidersAboveGround) : self(.liftRidersAboveFloor, b.stairsUpToFloor)
            let args: [any PhraseSlot] = [ClockTime.format(s.round.opening + minutes * 60), buildingName(b.building, s), b.lifts, b.capacity,
                               Int(b.roundTripSeconds.rounded()), b.riders, clock(b.earliestMinutes), above]
            guard let stairs else { return self(.impossibleLifts, arguments: args) }
            let walkers = stairs.floor == 2 ? self(.stairsFloorTwo) : self(.stairsFloors, stairs.floor)
            return self(.impossibleLiftsStairs, arguments: args + [walkers, stairs.floor, clock(stairs.earliestMinutes)])
        }
    }

    /// Why a candidate was set aside, in words.
    func setAside(_ reason: Selection.SetAside, _ s: Scenario) -> String {
        switch reason {
        case .misses(let target, let ci):
            return self(.setAsideMisses, TargetCheck.terminal(target, s, self), Format.fixed(ci.mean, 2), Format.fixed(ci.halfWidth, 2))
        case .worse(let n): return self(.setAsideWorse, n)
        case .missesMore(let n): return self(.setAsideMissesMore, n)
        case .breaksRules: return self(.setAsideBreaksRules)
        }
    }
}

/// What `swabplan optimize` prints: the bounds, the search (surrogate evaluations, the MILP's
/// proven gap), the candidates as the simulation judged them, what binds, and the chosen plan
/// beside the planner's own and the baseline with paired 95% intervals.
public enum OptimizeReport {
    /// `timings: false` leaves the wall-clock seconds out, so that a run on an evaluation
    /// budget prints the same report every time (the published `optimise.txt`).
    public static func table(_ r: Optimizer.Result, _ s: Scenario, written path: String, timings: Bool = true, _ w: Wording) -> String {
        var out: [String] = []
        let objective = w.language == .en ? r.objective.metric.rawValue : w.metric(r.objective.metric)
        let title = timings ? w(.optimizeTitle, w.name(s), objective, Format.fixed(r.seconds, 1)) : w(.optimizeTitleUntimed, w.name(s), objective)
        out.append(title + (r.stoppedByTimeLimit ? w(.optimizeStopped) : ""))
        out.append("")
        out.append(w(.optimizeBounds))
        for g in r.bounds.groups.sorted(by: { $0.earliestFinishMinutes > $1.earliestFinishMinutes }).prefix(5) {
            out.append("  " + w(.optimizeGroup, g.label, Format.fixed(g.earliestFinishMinutes, 0), Format.fixed(g.swabWorkHours, 1), Format.fixed(g.registrationWorkHours, 1)))
        }
        if r.bounds.groups.count > 5 { out.append("  " + w(.optimizeMoreGroups, r.bounds.groups.count - 5)) }
        out.append("  " + w(.optimizeStaff, r.bounds.fewestTeams, r.bounds.teamsAvailable, r.bounds.fewestDesks, r.bounds.desksAtSites, r.bounds.peopleForDesks))
        for k in r.bounds.couriers {
            out.append("  " + w(.optimizeCourier, k.id, Format.fixed(k.roundTripMinutes, 0), Format.fixed(k.worstAgeMinutes, 0))
                       + (r.bounds.sampleAgeLimitMinutes.map { w(.optimizeAgeLimit, Format.fixed($0, 0)) } ?? ""))
        }
        out.append("  " + w(.optimizeService, Format.fixed(r.bounds.serviceMinutes, 1)))
        for m in r.bounds.impossible { out.append("  " + w(.optimizeImpossible, w.impossible(m, s))) }
        out.append("")
        out.append(w(.optimizeSearch, r.surrogateEvaluations))
        if let m = r.milp {
            let line = timings ? w(.optimizeMILP, m.columns, m.rows, m.nodes, Format.fixed(m.seconds, 1), Format.fixed(m.gap * 100, 1))
                : w(.optimizeMILPUntimed, m.columns, m.rows, m.nodes, Format.fixed(m.gap * 100, 1))
            out.append("  " + line + (m.provenOptimal ? w(.optimizeOptimal) : ""))
        }
        if let b = r.boundMeanMinutes {
            out.append("  " + w(.optimizeBound, Format.fixed(r.surrogateMeanMinutes, 2), Format.fixed(b, 2)))
        } else if r.milp != nil && r.towers > 0 {
            out.append("  " + w(.optimizeBoundNoLifts, Format.fixed(r.surrogateMeanMinutes, 2), r.towers))
        }
        out.append("")
        out.append(w(.optimizeCandidates, r.selectionReplications))
        for cand in r.candidates {
            let mark = cand.source == r.chosen ? "*" : " "
            out.append("  \(mark) " + w(.candidateLine, w.candidate(cand.source, s), objective, Format.fixed(cand.simulated, 2))
                       + (cand.setAside.map { w(.optimizeSetAside, w.setAside($0, s)) } ?? ""))
        }
        guard let c = r.comparison else { return out.joined(separator: "\n") + "\n" + w(.optimizeWritten, path) + "\n" }
        out.append("")
        out.append(w(.optimizeTargets))
        out += SummaryTable.targetLines(TargetCheck.evaluate(c.results[0]), s, w)
        for b in binding(c, w) { out.append("  " + w(.optimizeBinds, b)) }
        // The planner's own plan beside it (the comparison's second plan when there is one).
        if c.results.count > 2, !s.targets.isEmpty {
            out.append(w(.optimizeOwnTargets))
            out += SummaryTable.targetLines(TargetCheck.evaluate(c.results[1]), s, w)
        }
        if let take = r.whatItWouldTake { out += WhatItWouldTakeReport.lines(take, s, w) }
        out.append("")
        out.append(w(.optimizeBeside))
        out.append(ComparisonReport.table(c, w))
        out.append(w(.optimizeWritten, path))
        return out.joined(separator: "\n") + "\n"
    }

    /// The targets the chosen plan meets with the least room (relative), and any it misses.
    public static func binding(_ c: PlanComparison, _ w: Wording) -> [String] {
        let s = c.results[0].scenario
        let checks = TargetCheck.evaluate(c.results[0])
        let missed = checks.filter { !$0.met }.map { w(.optimizeMissed, $0.terminal(s, w)) }
        if !missed.isEmpty { return missed }
        // Room relative to the target (shares on their own 0-1 scale); a figure that is the
        // same in every replication (no sample over the age limit, say) has no spread to bind.
        let room = checks.filter { $0.interval.halfWidth > 0 }.map { t -> (TargetCheck, Double) in
            let slack = t.target.bound == .atMost ? t.target.value - t.interval.upper : t.interval.lower - t.target.value
            return (t, slack / (t.target.metric.unit == "share" ? 1 : max(abs(t.target.value), 1e-9)))
        }
        guard let tight = room.min(by: { $0.1 < $1.1 }) else { return [] }
        let t = tight.0
        let figure = Format.isClockTime(t.target.metric) ? Format.cell(t.target.metric, t.interval.mean, t.interval.halfWidth, decimals: 1, opening: s.round.opening)
            : "\(Format.fixed(t.interval.mean, 2)) ± \(Format.fixed(t.interval.halfWidth, 2))"
        return [w(.optimizeLeastRoom, t.terminal(s, w), figure)]
    }

    /// Machine output: names and reasons in English, whatever the run's language (the binding
    /// targets are in its language, as the table has them).
    public static func json(_ r: Optimizer.Result, _ s: Scenario, written path: String, _ w: Wording) -> JSON {
        let english = Wording(.en)
        return .object([
            ("what_it_would_take", r.whatItWouldTake.map { WhatItWouldTakeReport.json($0, s) } ?? .null),
            ("objective", .string(r.objective.metric.rawValue)),
            ("plan_file", .string(path)),
            ("chosen", .string(english.candidate(r.chosen, s))),
            ("seconds", .number(r.seconds, decimals: 1)),
            ("stopped_by_time_limit", .bool(r.stoppedByTimeLimit)),
            ("bounds", .object([
                ("groups", .array(r.bounds.groups.map { g in .object([("sites", .array(g.sites.map { .string($0) })),
                                                                       ("earliest_finish_minutes", .number(g.earliestFinishMinutes, decimals: 1))]) })),
                ("fewest_teams", .integer(r.bounds.fewestTeams)), ("teams_available", .integer(r.bounds.teamsAvailable)),
                ("fewest_desks", .integer(r.bounds.fewestDesks)), ("desks_available", .integer(r.bounds.desksAvailable)),
                ("service_minutes", .number(r.bounds.serviceMinutes, decimals: 2)),
                ("lifts", .array(r.bounds.lifts.map { b in .object([("building", .string(b.building)), ("lifts", .integer(b.lifts)),
                                                                    ("riders", .integer(b.riders)),
                                                                    ("earliest_finish_minutes", .number(b.earliestMinutes, decimals: 1))]) })),
                ("impossible", .array(r.bounds.impossible.map { .string(english.impossible($0, s)) })),
            ])),
            ("surrogate_evaluations", .integer(r.surrogateEvaluations)),
            ("milp", r.milp.map { m in .object([("objective", .number(m.objective, decimals: 1)), ("bound", .number(m.bound, decimals: 1)),
                                                 ("gap", .number(m.gap, decimals: 4)), ("nodes", .integer(m.nodes)),
                                                 ("proven_optimal", .bool(m.provenOptimal))]) } ?? .null),
            ("surrogate_mean_minutes", .number(r.surrogateMeanMinutes, decimals: 3)),
            ("bound_mean_minutes", r.boundMeanMinutes.map { .number($0, decimals: 3) } ?? .null),
            ("candidates", .array(r.candidates.map { cand in
                .object([("name", .string(english.candidate(cand.source, s))), ("surrogate", .number(cand.surrogate, decimals: 3)),
                         ("simulated", .number(cand.simulated, decimals: 3)), ("set_aside", cand.setAside.map { .string(english.setAside($0, s)) } ?? .null)])
            })),
            ("binding", .array((r.comparison.map { binding($0, w) } ?? []).map { .string($0) })),
            ("comparison", r.comparison.map(ComparisonReport.json) ?? .null),
        ])
    }
}
