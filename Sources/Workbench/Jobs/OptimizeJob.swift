import Foundation
import Planner
import Reports
import Scenario
import SiteModel

extension RunQueue {
    /// An optimisation as `swabplan optimize` runs it, its progress notes streamed in both
    /// languages (bounds first, then the best found so far, then the selection): the plan
    /// (`plan.yaml`), the optimiser's report in both languages, and what the plan changes
    /// against the scenario's own plan, building by building.
    func optimize(_ r: RunRecord, _ scenario: Scenario, cancel: Cancellation) throws {
        // The rules the form set for this run, over the scenario's own.
        let s = r.rules.map { $0.applied(to: scenario) } ?? scenario
        let objective: Objective = r.objective.flatMap(Objective.init(rawValue:)) ?? Objective.scenarios(s)
        let options = Optimizer.Options(objective: objective, budget: .seconds(r.timeLimit ?? 60), seed: r.seed, jobs: jobs)
        let zh = Wording(.zh), en = Wording(.en)
        let result = try Optimizer.run(scenario: s, options: options, cancellation: cancel) { [self] n in
            note(r.id, zh: zh.note(n, s), en: en.note(n, s))
            update(r.id) { $0.done = min($0.total, Int(n.seconds)) }
        }
        let dir = folder(r.id)
        var plan = result.plan
        plan.origin = "plan.yaml"
        let own = s.effectivePlan
        let changes = PlanChanges.between(s, from: own, to: plan)
        let outcome = OptimizeOutcome(changesZh: ChangeNote.describe(changes, s, zh), changesEn: ChangeNote.describe(changes, s, en),
                                      ownOrigin: own.origin)
        try AtomicFile.write([
            (dir + "/plan.yaml", PlanWriter.yaml(plan)),
            (dir + "/optimise.txt", OptimizeReport.table(result, s, written: "plan.yaml", timings: true, zh)),
            (dir + "/optimise-en.txt", OptimizeReport.table(result, s, written: "plan.yaml", timings: true, en)),
            (dir + "/optimise.json", OptimizeReport.json(result, s, written: "plan.yaml", en).rendered() + "\n"),
            (dir + "/changes.json", outcome.json),
        ])
    }
}

/// What an optimised plan changes against the planner's own, in both languages.
struct OptimizeOutcome: Codable, Sendable, KeptAsJSON {
    var changesZh: [String]
    var changesEn: [String]
    var ownOrigin: String
}
