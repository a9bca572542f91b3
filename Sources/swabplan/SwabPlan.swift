import ArgumentParser
import Foundation
import SimKit

@main
struct SwabPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swabplan",
        abstract: "Plan mass swab-testing rounds: validate a scenario, simulate the round, read the queues.",
        discussion: """
        Exit codes: 0 success; 3 a target was missed (with --check); 64 bad usage; \
        65 bad data in a scenario or plan; 66 a file is missing; 73 an output cannot be written.
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Simulate.self, Merge.self, Compare.self, Optimize.self, Replan.self, State.self, Publish.self, Generate.self]
    )

    static func main() {
        MemoryTuning.keepFreedMemory()
        main(nil)
    }
}

/// Exit codes from sysexits(3), so scripts can tell bad data from a missing file.
enum Exit {
    static let targetMissed = ExitCode(3)
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
