import Planner
import Scenario
import SimKit

/// What `swabplan optimize` prints: the bounds, the search (surrogate evaluations, the MILP's
/// proven gap), the candidates as the simulation judged them, what binds, and the chosen plan
/// beside the planner's own and the baseline with paired 95% intervals.
public enum OptimizeReport {
    public static func table(_ r: Optimizer.Result, _ c: PlanComparison, written path: String) -> String {
        var out: [String] = []
        let s = c.results[0].scenario
        out.append("\(s.name): optimised for \(r.objective.metric.rawValue) in \(Format.fixed(r.seconds, 1)) s" + (r.stoppedByTimeLimit ? " (stopped at the time limit with the best plan so far)" : ""))
        out.append("")
        out.append("Bounds (before any search)")
        for g in r.bounds.groups.sorted(by: { $0.earliestFinishMinutes > $1.earliestFinishMinutes }).prefix(5) {
            out.append("  sites \(g.label): earliest possible finish \(Format.fixed(g.earliestFinishMinutes, 0)) min after opening (swab work \(Format.fixed(g.swabWorkHours, 1)) team-hours, registration \(Format.fixed(g.registrationWorkHours, 1)) desk-hours)")
        }
        if r.bounds.groups.count > 5 { out.append("  (\(r.bounds.groups.count - 5) more site groups finish earlier)") }
        out.append("  teams needed throughout the round: at least \(r.bounds.fewestTeams) (cohorts bring \(r.bounds.teamsAvailable)); desks: at least \(r.bounds.fewestDesks) (\(r.bounds.desksAvailable) can be staffed)")
        for k in r.bounds.couriers {
            out.append("  courier \(k.id): round trip \(Format.fixed(k.roundTripMinutes, 0)) min; a sample can be up to \(Format.fixed(k.worstAgeMinutes, 0)) min old at the lab" + (r.bounds.sampleAgeLimitMinutes.map { " (limit \(Format.fixed($0, 0)))" } ?? ""))
        }
        out.append("  time in system: at least \(Format.fixed(r.bounds.serviceMinutes, 1)) min on average (registration and swab alone)")
        for m in r.bounds.impossible { out.append("  IMPOSSIBLE: " + m) }
        out.append("")
        out.append("Search on the surrogate: \(r.surrogateEvaluations) plan evaluations")
        if let m = r.milp {
            out.append("  call-up MILP (CBC): \(m.columns) columns, \(m.rows) rows, \(m.nodes) nodes, \(Format.fixed(m.seconds, 1)) s; proven gap \(Format.fixed(m.gap * 100, 1))%" + (m.provenOptimal ? " (optimal)" : ""))
        }
        if let b = r.boundMeanMinutes {
            out.append("  surrogate mean time in system of the chosen plan \(Format.fixed(r.surrogateMeanMinutes, 2)) min; no plan within 90 minutes of it scores below \(Format.fixed(b, 2)) min (MILP bound)")
        }
        out.append("")
        out.append("Candidates in the simulation (\(r.selectionReplications) replications each, common random numbers)")
        for cand in r.candidates {
            let mark = cand.name == r.chosen ? "*" : " "
            out.append("  \(mark) \(cand.name): \(r.objective.metric.rawValue) \(Format.fixed(cand.simulated, 2))" + (cand.setAside.map { "; set aside: \($0)" } ?? ""))
        }
        out.append("")
        out.append("Targets of the chosen plan")
        for t in TargetCheck.evaluate(c.results[0]) {
            out.append("  " + (t.met ? "met   " : "MISSED") + " " + t.statement + "   (\(Format.fixed(t.interval.mean, 2)) ± \(Format.fixed(t.interval.halfWidth, 2)))")
        }
        for b in binding(c) { out.append("  binds: " + b) }
        out.append("")
        out.append("The chosen plan (first) beside the others; differences are theirs minus the chosen plan's:")
        out.append(ComparisonReport.table(c))
        out.append("Plan written to \(path): swabplan simulate SCENARIO --plan \(path)")
        return out.joined(separator: "\n") + "\n"
    }

    /// The targets the chosen plan meets with the least room (relative), and any it misses.
    public static func binding(_ c: PlanComparison) -> [String] {
        let checks = TargetCheck.evaluate(c.results[0])
        let missed = checks.filter { !$0.met }.map { "\($0.statement) is missed" }
        if !missed.isEmpty { return missed }
        // Room relative to the target (shares on their own 0-1 scale); a figure that is the
        // same in every replication (no sample over the age limit, say) has no spread to bind.
        let room = checks.filter { $0.interval.halfWidth > 0 }.map { t -> (TargetCheck, Double) in
            let slack = t.target.bound == .atMost ? t.target.value - t.interval.upper : t.interval.lower - t.target.value
            return (t, slack / (t.target.metric.unit == "share" ? 1 : max(abs(t.target.value), 1e-9)))
        }
        guard let tight = room.min(by: { $0.1 < $1.1 }) else { return [] }
        return ["\(tight.0.statement): the least room (\(Format.fixed(tight.0.interval.mean, 2)) ± \(Format.fixed(tight.0.interval.halfWidth, 2)))"]
    }

    public static func json(_ r: Optimizer.Result, _ c: PlanComparison, written path: String) -> JSON {
        .object([
            ("objective", .string(r.objective.metric.rawValue)),
            ("plan_file", .string(path)),
            ("chosen", .string(r.chosen)),
            ("seconds", .number(r.seconds, decimals: 1)),
            ("stopped_by_time_limit", .bool(r.stoppedByTimeLimit)),
            ("bounds", .object([
                ("groups", .array(r.bounds.groups.map { g in .object([("sites", .array(g.sites.map { .string($0) })),
                                                                       ("earliest_finish_minutes", .number(g.earliestFinishMinutes, decimals: 1))]) })),
                ("fewest_teams", .integer(r.bounds.fewestTeams)), ("teams_available", .integer(r.bounds.teamsAvailable)),
                ("fewest_desks", .integer(r.bounds.fewestDesks)), ("desks_available", .integer(r.bounds.desksAvailable)),
                ("service_minutes", .number(r.bounds.serviceMinutes, decimals: 2)),
                ("impossible", .array(r.bounds.impossible.map { .string($0) })),
            ])),
            ("surrogate_evaluations", .integer(r.surrogateEvaluations)),
            ("milp", r.milp.map { m in .object([("objective", .number(m.objective, decimals: 1)), ("bound", .number(m.bound, decimals: 1)),
                                                 ("gap", .number(m.gap, decimals: 4)), ("nodes", .integer(m.nodes)),
                                                 ("proven_optimal", .bool(m.provenOptimal))]) } ?? .null),
            ("surrogate_mean_minutes", .number(r.surrogateMeanMinutes, decimals: 3)),
            ("bound_mean_minutes", r.boundMeanMinutes.map { .number($0, decimals: 3) } ?? .null),
            ("candidates", .array(r.candidates.map { cand in
                .object([("name", .string(cand.name)), ("surrogate", .number(cand.surrogate, decimals: 3)),
                         ("simulated", .number(cand.simulated, decimals: 3)), ("set_aside", cand.setAside.map { .string($0) } ?? .null)])
            })),
            ("binding", .array(binding(c).map { .string($0) })),
            ("comparison", ComparisonReport.json(c)),
        ])
    }
}
