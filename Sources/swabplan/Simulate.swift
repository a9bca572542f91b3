import ArgumentParser
import Foundation
import Reports
import Scenario
import SiteModel

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a testing round many times and report every metric with its 95% interval.")

    enum OutputFormat: String, ExpressibleByArgument { case table, json }

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "A plan file (call-ups and staffing), `scenario` for the scenario's own plan, or `baseline` for everyone called at opening to the nearest site; default: the scenario's own plan, else the baseline.")
    var plan: String?

    @Option(name: .shortAndLong, help: "Number of replications.")
    var replications = 200

    @OptionGroup var streams: StreamOptions

    @OptionGroup var whatIf: WhatIfOptions

    @OptionGroup var language: LanguageOption

    @Option(help: "What to print: table or json.")
    var format: OutputFormat = .table

    @Option(help: "Folder to write summary.json and sites.csv into.")
    var out: String?

    @Flag(help: "Exit with code 3 when a target is missed.")
    var check = false

    @Option(help: ArgumentHelp("Run only shard K of N of the replications (for a cluster: one process per shard) and write its partial result, shard-K-of-N.swabpart, into --out; `swabplan merge` folds the N parts into the summary one run gives.", valueName: "K/N"),
            transform: { text in
                guard let spec = ShardSpec(argument: text) else { throw ValidationError("--shard takes K/N, such as 2/8 for the second of eight shards; found `\(text)`") }
                return spec
            })
    var shard: ShardSpec?

    enum ShardBy: String, ExpressibleByArgument, CaseIterable { case replications, siteGroups = "site-groups" }

    @Option(name: .customLong("shard-by"), help: ArgumentHelp("What --shard splits: `replications` (each shard runs some replications of the whole round) or `site-groups` (each shard runs every replication of some of the independent site groups: a city too large for one machine's memory or time a replication).", valueName: "replications|site-groups"))
    var shardBy: ShardBy = .replications

    @Option(help: ArgumentHelp("Simulate the rest of the round from the morning as it stands: a state file (clock time, people in line, late buses, gone teams, desks, new weather; see Scenarios/README.md). Figures are of the residents who come from its time on.", valueName: "STATE"))
    var from: String?

    func validate() throws {
        try ReplicationLimit.check(replications)
        if let shard {
            if let p = shard.problem(parts: shardBy == .replications ? replications : nil) { throw ValidationError(p) }
            if out == nil { throw ValidationError("--shard needs --out, the folder to write the partial result into") }
        }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out is empty (an unset variable?); give a folder path") }
        if shard == nil && shardBy != .replications { throw ValidationError("--shard-by takes effect with --shard K/N only") }
        if from != nil && shard != nil { throw ValidationError("--from and --shard do not go together yet: run the rest of the round in one process") }
    }

    func run() throws {
        let (loaded, p) = try loadScenario(scenario, plan: plan)
        let s = whatIf.apply(loaded).sharingStreetSections()
        let w = language.words(s)
        if !s.communities.isEmpty {
            if from != nil { printError("error: --from takes one community's scenario, not a street file"); throw Exit.usage }
            try Street.refuse(plan: plan, shard: shard != nil)
            return try runStreet(s, p)
        }
        if let from { return try runFrom(s, p, statePath: from) }
        let round = try compile(s, p)
        if let shard, let out {
            if shardBy == .siteGroups { return try runGroupShard(shard, scenario: s, round: round, out: out) }
            return try runShard(shard, scenario: s, round: round, out: out)
        }
        let progress = Progress(total: replications, language: w.language)
        let result = Experiment.run(round, replications: replications, seed: streams.seed,
                                    jobs: streams.threads, progress: { progress.step() })
        progress.finish()
        try Simulate.report(result, out: out, format: format, check: check, w)
    }

    /// The summary of a run (one process, or merged shards): files into `out`, then stdout.
    static func report(_ result: ExperimentResult, out: String?, format: OutputFormat, check: Bool, _ w: Wording) throws {
        let summary = Summary.json(result).rendered() + "\n"
        if let out { try writeSummary(summary, sites: Summary.sitesCSV(result, w), to: out) }
        switch format {
        case .json: print(summary, terminator: "")
        case .table: print(SummaryTable.render(result, w), terminator: "")
        }
        if check && TargetCheck.evaluate(result).contains(where: { !$0.met }) { throw Exit.targetMissed }
    }
}

extension Simulate {
    /// `summary.json` and `sites.csv` into `out`: both or neither (a summary without its
    /// sites.csv would mislead); exit 73 when they cannot be written.
    static func writeSummary(_ summary: String, sites: String, to out: String) throws {
        do {
            try AtomicFile.write([((out as NSString).appendingPathComponent("summary.json"), summary),
                                  ((out as NSString).appendingPathComponent("sites.csv"), sites)])
        } catch {
            printError("error: \(error)")
            throw Exit.cannotCreate
        }
    }
}

/// Progress on stderr for runs that take more than a second; silent otherwise.
final class Progress: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private var shown = false
    private let start = Date()
    private var lastPrint = Date()
    private let lock = NSLock()
    private let words: Wording

    init(total: Int, language: Language) { self.total = total; words = Wording(language) }

    func step() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastPrint) > 0.5 || done == total else { return }
        lastPrint = now
        shown = true
        FileHandle.standardError.write(Data(("\r" + words(.progressSimulating, done, total)).utf8))
    }

    /// Progress of a run that counts up to `done` replications (in batches).
    func report(_ done: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(start) > 1 else { return }
        shown = true
        FileHandle.standardError.write(Data(("\r" + words(.progressComparing, done)).utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
