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
    static func fingerprint(_ s: Scenario, plan: PlanChoice?, weather: [WeatherWindow], language: Language) throws -> UInt64 {
        var paths = s.sourceFiles
        if let path = plan?.path { paths.append(path) }
        let files = try paths.map { path -> [UInt8] in
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("error: cannot read \(path) to fingerprint the run")
                throw Exit.noInput
            }
            return [UInt8](data)
        }
        return Checksum.fingerprint(files: files, options: [plan?.text ?? "", language.rawValue] + weather.map(\.whatIfText))
    }
}
