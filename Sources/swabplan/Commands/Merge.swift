import ArgumentParser
import Foundation
import Scenario
import SiteModel
import Reports

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fold the partial results of `simulate --shard K/N` into the summary one run gives.",
        discussion: """
        Every shard 1 to N of one run must be given once: the same scenario files, plan, seed and \
        replications, all split the same way (--shard-by replications or site-groups). The scenario is loaded again from the path the shards recorded (or --scenario) \
        and must be unchanged. The figures, summary.json and sites.csv are byte for byte those of \
        `swabplan simulate` with the same seed and replications. A damaged, repeated, missing or \
        foreign part is refused (exit 65) and nothing is written.
        """)

    @Argument(help: "The partial results (shard-K-of-N.swabpart files), in any order, or folders holding them (every .swabpart file inside is read).")
    var parts: [String] = []

    @Option(help: "The scenario file, if it is no longer where the shards read it.")
    var scenario: String?

    @OptionGroup var output: FormatOption
    var format: OutputFormat { output.format }

    @Option(help: "Folder to write summary.json and sites.csv into.")
    var out: String?

    @Flag(help: "Exit with code 3 when a target is missed.")
    var check = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the partial results to merge (shard-K-of-N.swabpart files)") }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out is empty (an unset variable?); give a folder path") }
    }

    func run() throws {
        let loaded = try parts.flatMap(partFiles).map(read)
        let run = try checkSameRun(loaded)
        try checkEveryShardOnce(loaded, run)
        let path = scenario ?? run.scenarioPath
        let (read, plan) = try loadScenario(path, plan: run.plan)
        var s = read
        s.logistics.weather.forecast += run.weather
        if try RunInputs.fingerprint(s, plan: run.plan, weather: run.weather, language: run.language) != run.fingerprint {
            try fail("\(path) (or its buildings or plan file) is not what the shards ran: it changed since, or it is another scenario; run the shards again, or give the scenario they ran with --scenario")
        }
        let round = try compile(s, plan)
        let runs = try replications(loaded, round: round, scenario: path)
        guard runs.allSatisfy({ $0.metrics.count == MetricName.allCases.count && $0.sites.count == s.sites.count }) else {
            try fail("the parts' replications do not fit \(path) (another number of sites)")
        }
        try Simulate.report(ExperimentResult(round: round, seed: run.seed, runs: runs), out: out, format: format, check: check, Wording(run.language))
    }

    /// A part of either kind, as read.
    private enum Part {
        case replications(PartialResult)
        case siteGroups(GroupPartialResult)

        var run: ShardedRun {
            switch self { case .replications(let p): return p.run; case .siteGroups(let p): return p.run }
        }
        var shard: Int {
            switch self { case .replications(let p): return p.shard; case .siteGroups(let p): return p.shard }
        }
        var kind: String {
            switch self { case .replications: return "--shard-by replications"; case .siteGroups: return "--shard-by site-groups" }
        }
    }

    /// Every replication of the run, from shards in order (by replications) or closed from every
    /// shard's site groups (by site groups).
    private func replications(_ loaded: [(path: String, part: Part)], round: CompiledRound, scenario path: String) throws -> [ReplicationResult] {
        var byReplications: [PartialResult] = [], byGroups: [(path: String, part: GroupPartialResult)] = []
        for (p, part) in loaded.sorted(by: { $0.part.shard < $1.part.shard }) {
            switch part {
            case .replications(let x): byReplications.append(x)
            case .siteGroups(let x): byGroups.append((p, x))
            }
        }
        if byGroups.isEmpty { return byReplications.flatMap(\.results) }
        let groups = round.siteGroupCount
        guard let n = byGroups.first?.part.run.shards, n <= groups else {
            try fail("the parts split \(path) into more shards than its \(groups) site groups: they are of another scenario or plan")
        }
        let shares = round.groupShares(shards: n)
        for (p, part) in byGroups where part.groupCount != groups || part.groups != shares[part.shard - 1] {
            try fail("\(p) holds site groups that are not shard \(part.shard)'s of \(path)'s \(groups): it is of another scenario or plan")
        }
        do { return try round.mergeGroups(byGroups.map(\.part)) } catch {
            try fail("a part does not fit \(path): \(error)")
        }
    }

    /// A folder stands for the .swabpart files directly inside it, in name order; a folder
    /// without any is an error (a shard that never ran, or the wrong folder).
    private func partFiles(_ path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let parts = names.filter { $0.hasSuffix(".swabpart") }.sorted().map { (path as NSString).appendingPathComponent($0) }
        if parts.isEmpty {
            printError("error: \(path): a folder with no .swabpart files in it; give the folder the shards wrote to, or the files")
            throw Exit.noInput
        }
        return parts
    }

    private func read(_ path: String) throws -> (path: String, part: Part) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            printError("error: \(path): no such file (or not a readable file)")
            throw Exit.noInput
        }
        let bytes = [UInt8](data)
        do {
            if GroupPartialResult.isOne(bytes) { return (path, .siteGroups(try GroupPartialResult(decoding: bytes))) }
            return (path, .replications(try PartialResult(decoding: bytes)))
        } catch {
            printError("error: \(path): \(error)")
            throw Exit.dataError
        }
    }

    /// Every part belongs to the first one's run; the first field that differs is named.
    private func checkSameRun(_ loaded: [(path: String, part: Part)]) throws -> ShardedRun {
        let first = loaded[0]
        for (path, part) in loaded.dropFirst() where part.kind != first.part.kind {
            try fail("\(path) is of a run split with \(part.kind), \(first.path) with \(first.part.kind); merge the parts of one run")
        }
        for (path, part) in loaded.dropFirst() where part.run != first.part.run {
            let a = part.run, b = first.part.run
            let what: String
            if a.seed != b.seed { what = "seed \(a.seed), not \(b.seed)" }
            else if a.replications != b.replications { what = "\(a.replications) replications, not \(b.replications)" }
            else if a.shards != b.shards { what = "\(a.shards) shards, not \(b.shards)" }
            else if a.plan != b.plan { what = "plan \(a.plan?.text ?? "(the scenario's)"), not \(b.plan?.text ?? "(the scenario's)")" }
            else if a.weather != b.weather { what = "--weather \(a.weather.map(\.whatIfText)), not \(b.weather.map(\.whatIfText))" }
            else if a.language != b.language { what = "language \(a.language.rawValue), not \(b.language.rawValue)" }
            else { what = "other scenario files (\(a.scenarioPath), not \(b.scenarioPath), or the same files changed in between)" }
            try fail("\(path) is from another run than \(first.path): \(what); merge the parts of one run")
        }
        return first.part.run
    }

    /// Each shard 1...N given exactly once.
    private func checkEveryShardOnce(_ loaded: [(path: String, part: Part)], _ run: ShardedRun) throws {
        var byShard: [Int: String] = [:]
        for (path, part) in loaded {
            if let other = byShard[part.shard] {
                try fail("\(path) and \(other) are both shard \(part.shard) of \(run.shards); give each shard once")
            }
            byShard[part.shard] = path
        }
        let missing = (1...run.shards).filter { byShard[$0] == nil }
        if !missing.isEmpty {
            let list = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? " and \(missing.count - 10) more" : "")
            try fail("shard\(missing.count > 1 ? "s" : "") \(list) of \(run.shards) missing; run \(missing.count > 1 ? "them" : "it") (simulate --shard K/\(run.shards) \(loaded[0].part.kind)) and merge all \(run.shards) parts")
        }
    }

    private func fail(_ message: String) throws -> Never {
        printError("error: " + message)
        throw Exit.dataError
    }
}
