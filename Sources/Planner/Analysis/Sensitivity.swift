import Scenario
import SimKit
import SiteModel

/// How much the plan's p95 time in system and finish move when swabs or registrations are
/// 20% slower or faster, or 10% more residents turn out: each variant run on the same residents
/// and weather (common random numbers: the same streams, scaled), with paired differences from
/// the plan as given. The bundled figures rest on a fast swab; a planner should see what a
/// slower one would do.
public struct Sensitivity: Sendable {
    public enum Variant: Sendable, CaseIterable {
        case swabsSlower, swabsFaster, registrationsSlower, registrationsFaster, moreTurnout
    }
    public struct Row: Sendable {
        public var variant: Variant
        public var p95: ConfidenceInterval
        public var finish: ConfidenceInterval
        public var p95Change: ConfidenceInterval
        public var finishChange: ConfidenceInterval
    }
    public var rows: [Row]
    public var replications: Int

    public static func run(_ s: Scenario, _ plan: Plan, seed: UInt64, jobs: Int, replications: Int = 40) throws -> Sensitivity {
        var variants: [(Variant, Scenario)] = []
        for (label, f) in [(Variant.swabsSlower, 1.2), (.swabsFaster, 0.8)] {
            var v = s; v.service.swab = WhatIf.scaled(s.service.swab, by: f); variants.append((label, v))
        }
        for (label, f) in [(Variant.registrationsSlower, 1.2), (.registrationsFaster, 0.8)] {
            var v = s; v.service.registration = WhatIf.scaled(s.service.registration, by: f); variants.append((label, v))
        }
        var more = s
        more.arrivals.turnoutShare = min(1, s.arrivals.turnoutShare * 1.1)
        if more.arrivals.turnoutShare > s.arrivals.turnoutShare { variants.append((.moreTurnout, more)) }
        func runs(_ v: Scenario) throws -> [ReplicationResult] {
            Experiment.runs(try CompiledRound(scenario: v, plan: plan), replications: 0..<replications, seed: seed, jobs: jobs)
        }
        let base = try runs(s)
        var rows: [Row] = []
        for (label, v) in variants {
            let r = try runs(v)
            func ci(_ m: MetricName) -> ConfidenceInterval { ConfidenceInterval(Tally(r.map { $0[m] }.filter(\.isFinite))) }
            func change(_ m: MetricName) -> ConfidenceInterval {
                ConfidenceInterval(Tally(zip(r, base).map { $0[m] - $1[m] }.filter(\.isFinite)))
            }
            rows.append(Row(variant: label, p95: ci(.timeInSystemP95Minutes), finish: ci(.finishTimeMinutesAfterOpening),
                            p95Change: change(.timeInSystemP95Minutes), finishChange: change(.finishTimeMinutesAfterOpening)))
        }
        return Sensitivity(rows: rows, replications: replications)
    }
}
