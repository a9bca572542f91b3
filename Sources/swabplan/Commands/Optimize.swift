import ArgumentParser
import Foundation
import Planner
import Reports
import Scenario

extension Objective: ExpressibleByArgument {}

struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the call-up and staffing plan that queues residents least, verify it in the simulation, write it as a plan file.",
        discussion: """
        Bounds first (a target no plan can meet is named before any search), then a search on a fast \
        surrogate (call-up windows and sites, a call-up MILP solved by CBC with its proven gap, team \
        drops and staggered breaks), then the best candidates, your plan and the baseline run in the \
        simulation under common random numbers and the best chosen by Kim-Nelson selection; targets \
        are checked with confidence. Progress goes to stderr. The plan file runs unchanged through \
        simulate, compare and publish (--plan FILE).
        """)

    @Argument(help: "The scenario file (YAML); its own plan, if any, is one of the candidates.")
    var scenario: String

    @Option(help: "What to minimise once the targets are met: mean (time in system), p95 (its 95th percentile) or share20 (share waiting over 20 minutes). Default: the scenario's own time target (p95 where its target is on p95), else mean.")
    var objective: Objective?

    @Option(help: "Seconds for the whole run; stops cleanly with the best plan so far.")
    var timeLimit: Double = 60

    @Option(help: "A budget of surrogate evaluations instead of time: the same seed then gives the same plan on any number of threads.")
    var evaluations: Int?

    @Option(help: "Most replications per candidate in the selection.")
    var maxReplications = 100

    @Option(help: "Where to write the chosen plan.")
    var out = "optimised-plan.yaml"

    @OptionGroup var streams: StreamOptions

    @OptionGroup var output: FormatOption
    var format: OutputFormat { output.format }

    @OptionGroup var language: LanguageOption

    @Flag(help: "Leave wall-clock times out of the table; with --evaluations the whole table is then the same on every run (what Results/ publishes).")
    var noTimings = false

    func validate() throws {
        guard timeLimit.isFinite, timeLimit >= 1, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be from 1 to 86400 seconds") }
        if let evaluations, evaluations < 1000 || evaluations > 1_000_000_000 { throw ValidationError("--evaluations must be from 1000 to 1000000000") }
        try ReplicationLimit.check(maxReplications, option: "--max-replications")
        guard maxReplications >= 10 else { throw ValidationError("--max-replications must be at least 10 (the selection starts with 10)") }
    }

    func run() throws {
        let s = try loadScenario(scenario, plan: nil).0
        let words = language.words(s)
        try Street.refuseWhole(s, command: "optimize")
        let options = Optimizer.Options(objective: objective ?? Objective.scenarios(s), budget: evaluations.map { .evaluations($0) } ?? .seconds(timeLimit),
                                        seed: streams.seed, jobs: streams.threads, maxReplications: maxReplications)
        let result = try Optimizer.run(scenario: s, options: options, progress: { printError(words.note($0, s)) })
        try writing("the plan to \(out)") { try AtomicFile.write(PlanWriter.yaml(result.plan), to: out) }
        switch format {
        case .json: print(OptimizeReport.json(result, s, written: out, words).rendered())
        case .table: print(OptimizeReport.table(result, s, written: out, timings: !noTimings, words), terminator: "")
        }
    }
}
