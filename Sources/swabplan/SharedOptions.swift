import ArgumentParser
import Foundation

/// The options every simulating command shares: which random numbers, how many threads.
struct StreamOptions: ParsableArguments {
    @Option(help: "Master seed of the random streams.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Threads to run replications on; results do not depend on it. (default: all cores)")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var threads: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}
