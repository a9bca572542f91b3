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
        subcommands: [Validate.self, Simulate.self, Merge.self, Compare.self, Optimize.self, Replan.self, State.self, Publish.self, Generate.self, Serve.self]
    )

    static func main() {
        MemoryTuning.keepFreedMemory()
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do { try command.run() } catch { exit(withError: Exit.code(for: error)) }
    }
}
