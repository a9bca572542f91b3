import Foundation
import Planner
import Scenario
import SimKit
import SiteModel

/// The optimiser's figures: surrogate evaluations per second (one call-up moved and the plan
/// re-scored), how well the surrogate ranks random plans against the simulation (Spearman's
/// rank correlation, 20 replications a plan under common random numbers), and the optimiser's
/// wall time with its result.
enum OptimizerBench {
    static func run(path: String, runs: Int, plans: Int) {
        guard let s = try? ScenarioLoader.load(path: path) else { print("cannot load \(path)"); return }
        run(s, runs: runs, plans: plans)
    }

    /// The same on a generated tower estate (`swabplan generate --towers`): 16 towers of 18 to
    /// 30 floors with one or two lifts, at two sites, where the lifts decide the finish. Also
    /// the surrogate's mean error against the simulation on time in system, lift wait and finish.
    static func towers(runs: Int, plans: Int) {
        guard var s = towerEstate else { print("cannot generate the tower estate"); return }
        run(s, runs: runs, plans: plans)
        // The same estate with trips by floor: a car's round trip grows 3 s a floor.
        s.walking.liftSecondsPerFloor = 1.5
        s.name += " (lift_seconds_per_floor: 1.5)"
        run(s, runs: runs, plans: plans)
    }

    static func run(_ s: Scenario, runs: Int, plans: Int) {
        let model = RoundModel(s)
        let plan = s.effectivePlan
        let sur = Surrogate(model: model, plan: plan)
        let space = CallUpSpace(sur, staffed: TeamRoster(scenario: s, plan: plan).slotsPerSite)
        var rates: [Double] = []
        for _ in 0..<runs {
            var st = SurrogateState(sur, sur.placements(of: plan))
            var random = RandomStream(seed: 1, replication: 0, entity: 0, purpose: 9)
            let moves = 200_000
            var sink = 0.0
            let seconds = Bench.seconds {
                for _ in 0..<moves {
                    let u = Int(random.nextDouble() * Double(sur.units.count))
                    let sites = space.sites[u]
                    let site = sites[Int(random.nextDouble() * Double(sites.count))]
                    let start = space.opening + (random.nextDouble() * 20).rounded() * 300
                    st.move(u, to: space.snap(Surrogate.Placement(site: site, start: start, end: start + 1800)))
                    sink += st.objective(.mean)
                }
            }
            if sink.isNaN { print("") }
            rates.append(Double(moves) / seconds)
        }
        print(String(format: "surrogate %@: %.0f evaluations/s on one core (one call-up moved and the plan re-scored; min %.0f, max %.0f)",
                     s.name, Bench.median(rates), rates.min()!, rates.max()!))
        // Random plans: each call-up at a random allowed site and window.
        var random = RandomStream(seed: 2, replication: 0, entity: 0, purpose: 10)
        var candidates: [Plan] = []
        for _ in 0..<plans {
            var placements = sur.placements(of: plan)
            for u in placements.indices {
                let sites = space.sites[u]
                let site = sites[Int(random.nextDouble() * Double(sites.count))]
                let length = 600 + (random.nextDouble() * 10).rounded() * 300
                let start = space.opening + random.nextDouble() * (space.latestEnd - space.opening - length)
                placements[u] = space.snap(Surrogate.Placement(site: site, start: start, end: start + length))
            }
            candidates.append(sur.plan(plan, placements))
        }
        let scores = candidates.map { p in SurrogateState(sur, sur.placements(of: p)).score }
        let rounds = candidates.map { try! CompiledRound(model: model, plan: $0) }
        let runs = Experiment.runs(rounds, replications: 0..<20, seed: 1, jobs: ProcessInfo.processInfo.activeProcessorCount)
        func simulated(_ m: MetricName) -> [Double] { runs.map { r in r.map { $0[m] }.reduce(0, +) / Double(r.count) } }
        func meanError(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { $0 - $1 }.reduce(0, +) / Double(a.count) }
        func meanAbsolute(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Double(a.count) }
        let mean = scores.map(\.meanMinutes), p95 = scores.map(\.p95Minutes), finish = scores.map(\.finishMinutes), lift = scores.map(\.liftWaitMinutes)
        print(String(format: "surrogate ranks %d random plans of %@ against the simulation: Spearman %.2f on mean time in system, %.2f on p95, %.2f on finish",
                     plans, s.name, spearman(mean, simulated(.timeInSystemMinutes)), spearman(p95, simulated(.timeInSystemP95Minutes)),
                     spearman(finish, simulated(.finishTimeMinutesAfterOpening))))
        print(String(format: "  surrogate minus simulation, mean (mean absolute): time in system %+.1f (%.1f) min, finish %+.1f (%.1f) min",
                     meanError(mean, simulated(.timeInSystemMinutes)), meanAbsolute(mean, simulated(.timeInSystemMinutes)),
                     meanError(finish, simulated(.finishTimeMinutesAfterOpening)), meanAbsolute(finish, simulated(.finishTimeMinutesAfterOpening))))
        if !sur.towers.isEmpty {
            print(String(format: "  lift wait: Spearman %.2f, surrogate minus simulation %+.1f (%.1f) min (%d towers)",
                         spearman(lift, simulated(.liftWaitMeanMinutes)), meanError(lift, simulated(.liftWaitMeanMinutes)),
                         meanAbsolute(lift, simulated(.liftWaitMeanMinutes)), sur.towers.count))
        }
    }

    static func optimise(path: String, timeLimit: Double) {
        guard let s = try? ScenarioLoader.load(path: path) else { print("cannot load \(path)"); return }
        let jobs = ProcessInfo.processInfo.activeProcessorCount
        var result: Optimizer.Result?
        let seconds = Bench.seconds { result = try? Optimizer.run(scenario: s, options: Optimizer.Options(objective: .mean, budget: .seconds(timeLimit), seed: 1, jobs: jobs)) }
        guard let r = result else { print("optimiser failed on \(path)"); return }
        let chosen = r.candidates.first { $0.source == r.chosen }
        print(String(format: "optimiser %@: %.1f s wall on %d cores (limit %.0f s), %d surrogate evaluations; chosen %@: mean time in system %.2f min over %d replications",
                     s.name, seconds, jobs, timeLimit, r.surrogateEvaluations, "\(r.chosen)", chosen?.simulated ?? .nan, r.selectionReplications))
    }

    /// The price of the planning rules: the optimiser on the same seed and time limit with the
    /// scenario's rules (the defaults) and with none (`PlanningRules.unruled`), on its own
    /// objective; both chosen plans simulated on the same 100 replications (common random
    /// numbers), p95 and mean time in system with 95% intervals and the paired difference, and
    /// the rule violations of each written plan read against the default rules.
    /// `plansOut`: a folder to write both chosen plans to (`ruled.yaml`, `unruled.yaml`), to
    /// read them with `swabplan simulate --plan` or `check_plan.py`.
    static func rulesPrice(_ s: Scenario, timeLimit: Double, seed: UInt64 = 1, plansOut: String? = nil) {
        let objective = Objective.scenarios(s)
        guard let (plans, runs) = optimisedUnder([s.planning, .unruled], s, timeLimit: timeLimit, seed: seed) else { return }
        if let dir = plansOut {
            for (plan, name) in zip(plans, ["ruled.yaml", "unruled.yaml"]) {
                try? PlanWriter.yaml(plan).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        func ci(_ xs: [Double]) -> String { let c = ConfidenceInterval(Tally(xs)); return String(format: "%.2f ± %.2f", c.mean, c.halfWidth) }
        print("price of the planning rules on \(s.name) (seed \(seed), objective \(objective.rawValue), \(Int(timeLimit)) s each, 100 replications, common random numbers):")
        for m in [MetricName.timeInSystemP95Minutes, .timeInSystemMinutes, .finishTimeMinutesAfterOpening] {
            let a = runs[0].map { $0[m] }, b = runs[1].map { $0[m] }
            let ratio = (a.reduce(0, +) / Double(a.count)) / (b.reduce(0, +) / Double(b.count))
            print(String(format: "  %@: ruled %@, unruled %@, ruled - unruled %@ (ratio %.3f)", m.rawValue, ci(a), ci(b), ci(zip(a, b).map { $0 - $1 }), ratio))
        }
        let counts = plans.map { p in Dictionary(grouping: RuleCheck.violations(s, p), by: \.kind.rawValue).mapValues(\.count) }
        print("  rule violations in the written plan: ruled \(counts[0].values.reduce(0, +)) \(counts[0].sorted { $0.key < $1.key }), unruled \(counts[1].values.reduce(0, +)) \(counts[1].sorted { $0.key < $1.key })")
    }

    /// Which rule the price comes from: the optimiser (same seed and time limit) under the
    /// default rules with some lifted (bands untied from their building, so that they may go
    /// to two sites and overlap, searched as under no rules; windows of 10 minutes; up to 8
    /// bands), and under none; each plan's p95 and mean on the same 100 replications, paired
    /// against the plan under no rules.
    static func ruleParts(_ s: Scenario, timeLimit: Double, seed: UInt64 = 1) {
        let objective = Objective.scenarios(s)
        var variants: [(String, PlanningRules)] = [("no rules", .unruled), ("every rule", s.planning)]
        for untie in [false, true] {
            var r = s.planning
            r.tiesBands = !untie
            let but = untie ? "bands untied" : "bands tied"
            if untie { variants.append(("every rule but \(but)", r)) }
            var short = r
            short.minWindowMinutes = 10
            variants.append(("every rule but \(but) and 10-minute windows", short))
            var bands = r
            bands.maxBandsLowRise = 8; bands.maxBandsHighRise = 8
            variants.append(("every rule but \(but) and up to 8 bands", bands))
        }
        guard let (plans, runs) = optimisedUnder(variants.map(\.1), s, timeLimit: timeLimit, seed: seed) else { return }
        print("which rule costs what on \(s.name) (seed \(seed), objective \(objective.rawValue), \(Int(timeLimit)) s each, 100 replications, common random numbers; ratio to no rules):")
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
        for (k, (name, _)) in variants.enumerated() {
            var parts: [String] = []
            for m in [MetricName.timeInSystemP95Minutes, .timeInSystemMinutes] {
                let a = runs[k].map { $0[m] }, b = runs[0].map { $0[m] }
                let d = ConfidenceInterval(Tally(zip(a, b).map { $0 - $1 }))
                parts.append(String(format: "%@ %.2f (%+.2f ± %.2f, ratio %.3f)", m == .timeInSystemMinutes ? "mean" : "p95", mean(a), d.mean, d.halfWidth, mean(a) / mean(b)))
            }
            print("  \(name): " + parts.joined(separator: "; ") + "; \(RuleCheck.violations(s, plans[k]).count) rule violations")
        }
    }

    /// The optimiser's plan under each of `rules` (same seed and time limit, the scenario's own
    /// objective), and each plan's replications 0..<100 under common random numbers; nil, said,
    /// when a run fails.
    static func optimisedUnder(_ rules: [PlanningRules], _ s: Scenario, timeLimit: Double, seed: UInt64) -> ([Plan], [[ReplicationResult]])? {
        let jobs = ProcessInfo.processInfo.activeProcessorCount
        var plans: [Plan] = []
        for r in rules {
            var t = s
            t.planning = r
            let options = Optimizer.Options(objective: Objective.scenarios(s), budget: .seconds(timeLimit), seed: seed, jobs: jobs)
            guard let result = try? Optimizer.run(scenario: t, options: options) else { print("optimiser failed on \(s.name)"); return nil }
            plans.append(result.plan)
        }
        let model = RoundModel(s)
        guard let rounds = try? plans.map({ try CompiledRound(model: model, plan: $0) }) else { print("cannot compile the plans"); return nil }
        return (plans, Experiment.runs(rounds, replications: 0..<100, seed: 7, jobs: jobs))
    }

    /// The tower estate the rules are priced on (16 towers at two sites).
    static var towerEstate: Scenario? {
        try? ScenarioLoader.parse(DistrictGenerator(residents: 8_000, buildings: 16, sites: 2, cohorts: 1, seed: 1, towers: true).yaml(), file: "towers.yaml")
    }

    /// Spearman's rank correlation (average ranks for ties).
    static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        func ranks(_ x: [Double]) -> [Double] {
            let order = x.indices.sorted { x[$0] < x[$1] }
            var r = [Double](repeating: 0, count: x.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
                i = j + 1
            }
            return r
        }
        let ra = ranks(a), rb = ranks(b)
        let ma = ra.reduce(0, +) / Double(ra.count), mb = rb.reduce(0, +) / Double(rb.count)
        var num = 0.0, da = 0.0, db = 0.0
        for (x, y) in zip(ra, rb) { num += (x - ma) * (y - mb); da += (x - ma) * (x - ma); db += (y - mb) * (y - mb) }
        return num / (da * db).squareRoot()
    }
}
