import ArgumentParser
import Foundation
import Reports
import Scenario
import SiteModel

/// `--shard K/N`: this process runs the K-th of N equal shares of the replications.
struct ShardSpec: Equatable {
    var k: Int
    var n: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.k = k; self.n = n
    }

    init(k: Int, n: Int) { self.k = k; self.n = n }

    /// Why these numbers cannot split `replications` (nil: what is split is not known yet), or nil.
    func problem(parts replications: Int?) -> String? {
        if n < 1 { return "--shard K/N: N (the number of shards) must be at least 1, found \(n)" }
        if k < 1 || k > n { return "--shard K/N: K must be from 1 to N (\(n)), found \(k)" }
        if let replications, n > replications { return "--shard \(k)/\(n): more shards than replications (\(replications)); use at most \(replications) shards or more replications" }
        return nil
    }

    /// The part file's name in the output folder.
    var fileName: String { "shard-\(k)-of-\(n).swabpart" }
}

/// What identifies a sharded run's inputs, computed the same way by `simulate --shard` and by
/// `merge` (which loads the scenario again and must find the same files).
enum RunInputs {
    /// The fingerprint of the scenario's files, the plan file (if `plan` names one) and the
    /// options that change a figure or a word of the summary.
    static func fingerprint(_ s: Scenario, plan: String?, weather: [String], language: Language) throws -> UInt64 {
        var paths = s.sourceFiles
        if let plan, plan != "baseline", plan != "scenario" { paths.append(plan) }
        let files = try paths.map { path -> [UInt8] in
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("error: cannot read \(path) to fingerprint the run")
                throw Exit.noInput
            }
            return [UInt8](data)
        }
        return Checksum.fingerprint(files: files, options: [plan ?? "", language.rawValue] + weather)
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
        ShardedRun(scenarioPath: scenario, plan: plan, weather: whatIf.weather, language: language.settings(s).language,
                   fingerprint: try RunInputs.fingerprint(s, plan: plan, weather: whatIf.weather, language: language.settings(s).language),
                   seed: streams.seed, replications: replications, shards: spec.n)
    }

    private func write(_ bytes: [UInt8], _ spec: ShardSpec, out: String) throws -> String {
        let path = (out as NSString).appendingPathComponent(spec.fileName)
        do {
            try AtomicFile.write(bytes: bytes, to: path)
        } catch {
            printError("error: \(error)")
            throw Exit.cannotCreate
        }
        return path
    }
}
