import ArgumentParser
import Foundation
import Planner
import Reports
import Scenario

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare plans under common random numbers, with paired 95% intervals against the first plan.")

    @OptionGroup var file: ScenarioArgument
    var scenario: String { file.scenario }

    @Option(name: .customLong("plan"), help: "A plan file, `scenario` for the scenario's own plan (the baseline if it has none), or `baseline`; give two or more, the first is the reference.")
    var plans: [PlanChoice] = []

    @Option(name: .shortAndLong, help: "Replications to start with; more are added in batches of 20 until every difference that matters is decided.")
    var replications = 20

    @Option(help: "Most replications per plan.")
    var maxReplications = 1000

    @OptionGroup var streams: StreamOptions

    @OptionGroup var whatIf: WhatIfOptions

    @OptionGroup var language: LanguageOption

    @OptionGroup var output: FormatOption
    var format: OutputFormat { output.format }

    func validate() throws {
        guard plans.count >= 2 else { throw ValidationError("give at least two --plan options (a file, `scenario` or `baseline`)") }
        try ReplicationLimit.check(replications)
        try ReplicationLimit.check(maxReplications, option: "--max-replications")
        guard maxReplications >= replications else { throw ValidationError("--max-replications must be at least --replications") }
    }

    func run() throws {
        let s = whatIf.apply(try loadScenario(scenario, plan: nil).0)
        let w = language.words(s)
        try Street.refuseWhole(s, command: "compare")
        var list: [Plan] = []
        for p in plans { list.append(try loadScenario(scenario, plan: p).1) }
        let progress = Progress(total: maxReplications, language: w.language)
        let c = try PlanComparison.run(scenario: s, plans: list, seed: streams.seed, jobs: streams.threads,
                                       initial: replications, limit: maxReplications, progress: { n in progress.report(n) })
        progress.finish()
        switch format {
        case .json: print(ComparisonReport.json(c).rendered())
        case .table: print(ComparisonReport.table(c, w), terminator: "")
        }
    }
}
