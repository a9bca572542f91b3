import ArgumentParser
import Foundation
import Planner
import Reports
import Scenario
import SiteModel

/// `swabplan replan`: new call-ups for what can still move, from the morning as it stands.
struct Replan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-plan the rest of the round from the morning as it stands: move call-ups not yet issued, breaks not yet taken and teams not yet dropped, meet the targets if any plan can, write the new plan.",
        discussion: """
        Reads the scenario, the plan in force (--plan) and a state file (--from: the clock time, people in line, \
        late buses, gone teams, desks, weather observed or newly forecast; Scenarios/README.md). Call-ups \
        already issued (by default those starting within the notice time) stay; the others may move to \
        another window or site. A team's next break not yet taken may move 10 to 30 minutes or into a \
        weather pause ahead; a team its bus has not dropped yet may go to another stop still ahead. Candidates are simulated from the state on common random numbers; the \
        kept and the new plan are then compared on fresh replications with paired intervals, and a target \
        no plan can meet any more is named with its bound. Progress goes to stderr.
        """)

    @OptionGroup var file: ScenarioArgument
    var scenario: String { file.scenario }

    @Option(help: "The plan in force (a plan file, `scenario` or `baseline`); default: the scenario's own plan, else the baseline.")
    var plan: PlanChoice?

    @Option(help: ArgumentHelp("The state file: the morning as it stands.", valueName: "STATE"))
    var from: String

    @Option(help: "Seconds for the whole re-plan (default 30): the search stops in time for the comparison that follows.")
    var timeLimit: Double = 30

    @Option(help: "What to minimise once the targets are met: mean, p95 or share20. Default: the scenario's own time target (p95 where its target is on p95), else mean.")
    var objective: Objective?

    @Option(help: "Replications each candidate is scored on.")
    var searchReplications = 16

    @Option(name: .shortAndLong, help: "Replications of the final comparison of the kept and the new plan.")
    var replications = 60

    @Option(help: "A budget of candidate plans instead of time: the same seed then gives the same plan on any machine and thread count.")
    var candidates: Int?

    @Option(help: "Where to write the new plan.")
    var out = "replanned-plan.yaml"

    @OptionGroup var streams: StreamOptions

    @OptionGroup var language: LanguageOption

    @Flag(help: "Leave wall-clock seconds out of the table (what Results/ publishes).")
    var noTimings = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit >= 1, timeLimit <= 3600 else { throw ValidationError("--time-limit must be from 1 to 3600 seconds") }
        guard (2...1000).contains(searchReplications) else { throw ValidationError("--search-replications must be from 2 to 1000") }
        try ReplicationLimit.check(replications)
        if let candidates, candidates < 1 || candidates > 1_000_000 { throw ValidationError("--candidates must be from 1 to 1000000") }
    }

    func run() throws {
        let (loaded, p) = try loadScenario(scenario, plan: plan)
        let s = loaded
        let w = language.words(s)
        try Street.refuseWhole(s, command: "replan")
        let state = try loadState(from, scenario: s, plan: p)
        let options = Replanner.Options(objective: objective ?? Objective.scenarios(s), budget: candidates.map { .evaluations($0) } ?? .seconds(timeLimit),
                                        seed: streams.seed, jobs: streams.threads, searchReplications: searchReplications, compareReplications: replications)
        let result = try inContext("plan \(p.origin) after the morning in \(from)") {
            try Replanner.run(scenario: s, plan: p, state: state, options: options, progress: { printError(w.note($0, s)) })
        }
        try writing("the plan to \(out)") { try AtomicFile.write(PlanWriter.yaml(result.plan), to: out) }
        print(ReplanReport.table(result, state: state, scenario: s, replications: replications, timings: !noTimings, w), terminator: "")
        print("")
        print(w(.replanWrote, out, scenario, (plan ?? .scenario).text))
    }
}
