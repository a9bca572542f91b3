import Foundation
import Planner
import Reports
import Scenario
import SiteModel

extension RunQueue {
    /// The morning as it stands, re-planned as `swabplan replan` does it (call-ups not yet
    /// issued, breaks, drops, desks; the planning rules kept), then published as `publish
    /// --changed-since --from` would: notices only for the buildings whose call-ups changed,
    /// the site sheets and timetables re-issued.
    func replan(_ r: RunRecord, _ s: Scenario, cancel: Cancellation) throws {
        let dir = folder(r.id)
        let earlier = try plan(r.plan, s)
        let state = try MorningStateLoader.load(path: dir + "/state.yaml", scenario: s, plan: earlier)
        let options = Replanner.Options(objective: Objective.scenarios(s), budget: .seconds(r.timeLimit ?? 30), seed: r.seed, jobs: jobs)
        let zh = Wording(.zh), en = Wording(.en)
        let result = try Replanner.run(scenario: s, plan: earlier, state: state, options: options, cancellation: cancel) { [self] n in
            note(r.id, zh: zh.note(n, s), en: en.note(n, s))
            update(r.id) { $0.done = min($0.total, Int(n.seconds)) }
        }
        var plan = result.plan
        plan.origin = "plan.yaml"
        // What is re-issued: the new plan from the morning, with detail for the sheets.
        let round = try CompiledRound(scenario: s, plan: plan).from(state)
        var runOptions = RunOptions.standard
        runOptions.recordDetail = true
        let simulated = Experiment.run(round, replications: 60, seed: r.seed, jobs: jobs, options: runOptions, stop: { cancel.isCancelled })
        if cancel.isCancelled { throw CancellationError() }
        var earlierNamed = earlier
        if earlierNamed.origin.hasPrefix(workspace.root + "/") { earlierNamed.origin = String(earlierNamed.origin.dropFirst(workspace.root.count + 1)) }
        let publication = Publication.changes(simulated, since: earlierNamed, state: state, PublicationSettings(s))
        var out: [(path: String, text: String)] = [
            (dir + "/plan.yaml", PlanWriter.yaml(plan)),
            (dir + "/replan.txt", ReplanReport.table(result, state: state, scenario: s, replications: options.compareReplications, timings: true, zh)),
            (dir + "/replan-en.txt", ReplanReport.table(result, state: state, scenario: s, replications: options.compareReplications, timings: true, en)),
        ]
        out += try kept(publication, in: dir)
        try AtomicFile.write(out)
        update(r.id) { $0.at = ClockTime.format(state.at) }
    }
}
