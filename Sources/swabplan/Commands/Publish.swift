import ArgumentParser
import Foundation
import Planner
import Reports
import Scenario
import SiteModel

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate the chosen plan and write what the round needs: timetables, notices, rosters, courier runs, a report.")

    @OptionGroup var file: ScenarioArgument
    var scenario: String { file.scenario }

    @Option(help: "A plan file, `scenario` or `baseline`; default: the scenario's own plan, else the baseline.")
    var plan: PlanChoice?

    @Option(help: "The folder to write (created; an existing one is replaced only with --force).")
    var out: String

    @Option(help: ArgumentHelp("Publish only what changed since this plan (a file, `scenario` or `baseline`): notices for the buildings whose call-up changed, each replacing the earlier notice, and the site sheets re-issued.", valueName: "PLAN"))
    var changedSince: PlanChoice?

    @Option(help: ArgumentHelp("The morning as it stands (a state file): the notices' expected waits are those of the rest of the round from it.", valueName: "STATE"))
    var from: String?

    @Flag(help: "Replace the output folder if it exists.")
    var force = false

    @Flag(help: "Exit with code 3 when a target is missed (the folder is still written).")
    var check = false

    @Option(name: .shortAndLong, help: "Number of replications.")
    var replications = 200

    @OptionGroup var streams: StreamOptions

    @OptionGroup var whatIf: WhatIfOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
        try ReplicationLimit.check(replications)
    }

    func run() throws {
        // Refuse a path that must not be written before spending time on the simulation.
        try writing { try FolderWriter.preflight(out, replace: force) }
        let (loaded, p) = try loadScenario(scenario, plan: plan)
        let s = whatIf.apply(loaded).sharingStreetSections()
        let settings = language.settings(s), w = settings.words
        var options = RunOptions.standard
        options.recordDetail = true
        if !s.communities.isEmpty {
            if changedSince != nil || from != nil { printError("error: --changed-since and --from take one community's scenario, not a street file"); throw Exit.usage }
            try Street.refuse(plan: plan, shard: false)
            return try publishStreet(s, p, options: options)
        }
        var round = try compile(s, p)
        var morning: MorningState?
        if let from {
            let state = try loadState(from, scenario: s, plan: p)
            morning = state
            round = try inContext("plan \(p.origin) after the morning in \(from)") { try round.from(state) }
        }
        let progress = Progress(total: replications, language: w.language)
        let result = Experiment.run(round, replications: replications, seed: streams.seed,
                                    jobs: streams.threads, options: options,
                                    progress: { progress.step() })
        progress.finish()
        if let changedSince {
            let earlier = try loadScenario(scenario, plan: changedSince).1
            let files = Publication.changes(result, since: earlier, state: morning, settings)
            try writeFolder(files)
            let notices = files.filter { $0.path.hasPrefix("notices/") }.count
            print(w(.streetPublished, out, files.count))
            print("  " + w(.readmeChanges, p.origin, earlier.origin, notices))
            return
        }
        // A plan other than the scenario's own (an optimised one, say): what it changes and
        // what that buys, so the planner sees what to do differently.
        var changes: ChangeNote?
        if let own = s.plan, own != p,
           let c = try PublishedChanges.run(s, own: own, published: p, seed: streams.seed, jobs: streams.threads) {
            changes = ChangeNote(c, s, w)
        }
        // What if swabs or registrations are slower or faster, or more residents come.
        let sensitivity = try Sensitivity.run(s, p, seed: streams.seed, jobs: streams.threads, replications: min(40, replications))
        // Where the round is stuck, and what helps, each piece checked in the simulation.
        let advice = try CheckedAdvice.run(result, jobs: streams.threads, replications: min(40, replications))
        let files = Publication.files(result, changes: changes, sensitivity: sensitivity, advice: advice, settings)
        try writeFolder(files)
        print(w(.publishWrote, out, files.count))
        if let changes {
            print("  " + w(.publishCompared))
            for line in changes.effects + changes.lines { print("    " + line) }
        }
        // Say it here too: a planner must not post notices for a plan that misses its targets
        // without knowing.
        let checks = TargetCheck.evaluate(result)
        let missed = checks.filter { !$0.met }
        for line in SummaryTable.targetLines(checks, s, w) { print(line) }
        for line in AdviceText.spellLines(result, advice, w).prefix(6) + AdviceText.adviceLines(result, advice, w) { print("  " + line) }
        if !missed.isEmpty {
            printError(w(.warningPrefix) + w(.publishMissed, missed.count, checks.count))
            if check { throw Exit.targetMissed }
        }
    }
}

extension Publish {
    /// The publication written as one folder, atomically; exit 73 when it cannot be.
    func writeFolder(_ files: [(path: String, text: String)]) throws {
        try writing { try FolderWriter.write(files, to: out, replace: force) }
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
        let published = result.communities.map { Publication.files($0, PublicationSettings($0.scenario, language: settings.language)) }
        var files: [(path: String, text: String)] = [
            ("summary.txt", StreetSummary.table(result, w)),
            ("summary.json", StreetSummary.json(result).rendered() + "\n"),
            ("sites.csv", Summary.sitesCSV(result.street, w)),
        ]
        for (c, own) in zip(s.communities, published) {
            files += own.map { (c.id + "/" + $0.path, $0.text) }
        }
        try writeFolder(files)
        print(w(.publishWrote, out, files.count))
        for (c, own) in zip(s.communities, published) {
            print("  " + w(.streetPublished, c.id + "/", own.count))
        }
        print(StreetSummary.table(result, w), terminator: "")
        let missed = StreetSummary.checks(result).filter { !$0.met }
        if !missed.isEmpty {
            printError(w(.warningPrefix) + w(.publishMissed, missed.count, StreetSummary.checks(result).count))
            if check { throw Exit.targetMissed }
        }
    }
}
