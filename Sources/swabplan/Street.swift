import ArgumentParser
import Foundation
import Reports
import Scenario
import SiteModel

/// A street file (several communities in one round) in `simulate` and `publish`.
enum Street {
    /// What a street's run does not take (yet), said before any work.
    static func refuse(plan: String?, shard: Bool) throws {
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
        do {
            return try StreetExperiment.run(round, replications: replications, seed: streams.seed, jobs: streams.threads,
                                            options: options, progress: { progress.step() })
        } catch let e as PlanProblems {
            for problem in e.problems { printError("error: a community's plan: \(problem)") }
            throw Exit.dataError
        }
    }
}

extension Simulate {
    func runStreet(_ s: Scenario, _ p: Plan) throws {
        let w = language.words(s)
        let result = try Street.run(s, p, replications: replications, streams: streams, w)
        let summary = StreetSummary.json(result).rendered() + "\n"
        if let out { try Simulate.writeSummary(summary, sites: Summary.sitesCSV(result.street, w), to: out) }
        switch format {
        case .json: print(summary, terminator: "")
        case .table: print(StreetSummary.table(result, w), terminator: "")
        }
        if check && StreetSummary.checks(result).contains(where: { !$0.met }) { throw Exit.targetMissed }
    }
}

extension Publish {
    /// The street's summary (table, JSON, sites) at the top of `out`, and each community's
    /// publication from the same runs in a folder named by its id: notices, timetables and
    /// rosters for its own buildings, sites and teams.
    func publishStreet(_ s: Scenario, _ p: Plan, options: RunOptions) throws {
        let settings = language.settings(s), w = settings.words
        let result = try Street.run(s, p, replications: replications, streams: streams, options: options, w)
        // Each community publishes its own notices (its languages, issuer and contact) in the
        // street's language of this run.
        func community(_ r: ExperimentResult) -> [(path: String, text: String)] {
            Publication.files(r, PublicationSettings(r.scenario, language: settings.language))
        }
        var files: [(path: String, text: String)] = [
            ("summary.txt", StreetSummary.table(result, w)),
            ("summary.json", StreetSummary.json(result).rendered() + "\n"),
            ("sites.csv", Summary.sitesCSV(result.street, w)),
        ]
        for (c, r) in zip(s.communities, result.communities) {
            files += community(r).map { (c.id + "/" + $0.path, $0.text) }
        }
        try writeFolder(files)
        print(w(.publishWrote, out, files.count))
        for (c, r) in zip(s.communities, result.communities) {
            print("  " + w(.streetPublished, c.id + "/", community(r).count))
        }
        print(StreetSummary.table(result, w), terminator: "")
        let missed = StreetSummary.checks(result).filter { !$0.met }
        if !missed.isEmpty {
            printError(w(.warningPrefix) + w(.publishMissed, missed.count, StreetSummary.checks(result).count))
            if check { throw Exit.targetMissed }
        }
    }
}
