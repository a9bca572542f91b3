import ArgumentParser
import Foundation
import Reports
import Scenario
import SiteModel

/// A street file (several communities in one round) in `simulate` and `publish`.
enum Street {
    /// What a street's run does not take (yet), said before any work.
    static func refuse(plan: PlanChoice?, shard: Bool) throws {
        if plan != nil {
            printError("error: --plan does not apply to a street file: name each community's plan in the street file (`communities[].plan`)")
            throw Exit.usage
        }
        if shard {
            printError("error: --shard does not split a street round yet: run the street in one process (a street is a few communities), or shard each community's scenario")
            throw Exit.usage
        }
    }

    /// Commands that plan one community at a time.
    static func refuseWhole(_ s: Scenario, command: String) throws {
        guard !s.communities.isEmpty else { return }
        printError("error: `swabplan \(command)` takes one community's scenario, not a street file: \(command) each community (\(s.communities.map { $0.scenario.sourcePath }.joined(separator: ", "))), then name the plans in the street file (`communities[].plan`) and run `simulate` or `publish` on it")
        throw Exit.usage
    }

    static func run(_ s: Scenario, _ p: Plan, replications: Int, streams: StreamOptions, options: RunOptions = .standard, _ w: Wording) throws -> StreetResult {
        let round = try compile(s, p)
        let progress = Progress(total: replications, language: w.language)
        defer { progress.finish() }
        return try inContext("a community's plan") {
            try StreetExperiment.run(round, replications: replications, seed: streams.seed, jobs: streams.threads,
                                     options: options, progress: { progress.step() })
        }
    }
}
