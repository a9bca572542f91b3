import ArgumentParser
import Foundation
import Reports
import Scenario
import SiteModel

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a testing round many times and report every metric with its 95% interval.")

    @OptionGroup var file: ScenarioArgument
    var scenario: String { file.scenario }

    @Option(help: "A plan file (call-ups and staffing), `scenario` for the scenario's own plan, or `baseline` for everyone called at opening to the nearest site; default: the scenario's own plan, else the baseline.")
    var plan: PlanChoice?

    @Option(name: .shortAndLong, help: "Number of replications.")
    var replications = 200

    @OptionGroup var streams: StreamOptions

    @OptionGroup var whatIf: WhatIfOptions

    @OptionGroup var language: LanguageOption

    @OptionGroup var output: FormatOption
    var format: OutputFormat { output.format }

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
        try writing {
            try AtomicFile.write([((out as NSString).appendingPathComponent("summary.json"), summary),
                                  ((out as NSString).appendingPathComponent("sites.csv"), sites)])
        }
    }
}

// MARK: The other modes: from a morning state, a street, a shard.

extension Simulate {
    /// `simulate --from STATE`: the rest of the round from the morning as it stands.
    func runFrom(_ s: Scenario, _ p: Plan, statePath: String) throws {
        let state = try loadState(statePath, scenario: s, plan: p)
        let round = try inContext("plan \(p.origin) after the morning in \(statePath)") { try CompiledRound(scenario: s, plan: p).from(state) }
        let w = language.words(s)
        let progress = Progress(total: replications, language: w.language)
        let result = Experiment.run(round, replications: replications, seed: streams.seed, jobs: streams.threads, progress: { progress.step() })
        progress.finish()
        if format == .table {
            print(w(.fromTitle, w.name(s), ClockTime.format(state.at), (statePath as NSString).lastPathComponent, replications, streams.seed, p.origin))
            print(w(.fromState, ReplanReport.describe(state, s, w)))
            print("")
        }
        try Simulate.report(result, out: out, format: format, check: check, w)
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

extension Simulate {
    /// Runs shard K of N of the replications and writes its partial result into `out` (nothing else).
    func runShard(_ spec: ShardSpec, scenario s: Scenario, round: CompiledRound, out: String) throws {
        let run = try shardedRun(spec, scenario: s)
        let range = run.range(shard: spec.k)
        let results = Experiment.runs(round, replications: range, seed: streams.seed, jobs: streams.threads)
        let path = try write(PartialResult(run: run, shard: spec.k, results: results).encoded(), spec, out: out)
        printError("wrote \(path): replications \(range.lowerBound + 1)-\(range.upperBound) of \(replications) (shard \(spec.k) of \(spec.n)); merge all \(spec.n) with `swabplan merge`")
    }

    /// Runs every replication of shard K's share of the site groups (`groupShares`) and
    /// writes its partial result into `out` (nothing else).
    func runGroupShard(_ spec: ShardSpec, scenario s: Scenario, round: CompiledRound, out: String) throws {
        let groups = round.siteGroupCount
        if spec.n > groups {
            printError("error: --shard \(spec.k)/\(spec.n) --shard-by site-groups: the round has \(groups) independent site group\(groups == 1 ? "" : "s") (sites that share no team, courier or door-to-door hand-off); use at most \(groups) shard\(groups == 1 ? "" : "s"), or --shard-by replications")
            throw Exit.usage
        }
        let run = try shardedRun(spec, scenario: s)
        let mine = round.groupShares(shards: spec.n)[spec.k - 1]
        var part = GroupPartialResult.Writer(run: run, shard: spec.k, groupCount: groups, groups: mine)
        let progress = Progress(total: replications, language: language.words(s).language)
        let jobs = streams.threads
        let drawn = round.buildings(calledTo: mine)
        for r in 0..<replications {
            part.add(round.runGroups(mine, buildings: drawn, seed: streams.seed, replication: r, jobs: jobs))
            progress.step()
        }
        progress.finish()
        let path = try write(part.finished(), spec, out: out)
        printError("wrote \(path): site groups \(mine.map { String($0 + 1) }.joined(separator: ", ")) of \(groups), all \(replications) replications (shard \(spec.k) of \(spec.n)); merge all \(spec.n) with `swabplan merge`")
    }

    private func shardedRun(_ spec: ShardSpec, scenario s: Scenario) throws -> ShardedRun {
        let language = self.language.settings(s).language, weather = whatIf.spells
        return ShardedRun(scenarioPath: scenario, plan: plan, weather: weather, language: language,
                   fingerprint: try RunInputs.fingerprint(s, plan: plan, weather: weather, language: language),
                   seed: streams.seed, replications: replications, shards: spec.n)
    }

    private func write(_ bytes: [UInt8], _ spec: ShardSpec, out: String) throws -> String {
        let path = (out as NSString).appendingPathComponent(spec.fileName)
        try writing { try AtomicFile.write(bytes: bytes, to: path) }
        return path
    }
}
