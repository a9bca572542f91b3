import ArgumentParser
import Foundation
import Planner
import Reports
import Scenario
import SiteModel

/// `swabplan state`: the morning state a replication of the plan reaches at a clock time, as a
/// state file to correct with what the command post sees.
struct State: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the morning state the plan is expected to reach at a clock time (a state file to correct and pass to --from).")

    @OptionGroup var file: ScenarioArgument
    var scenario: String { file.scenario }

    @Option(help: "A plan file, `scenario` or `baseline`; default: the scenario's own plan, else the baseline.")
    var plan: PlanChoice?

    @Option(help: "The clock time, HH:MM.")
    var at: String

    @Option(help: "Which replication's morning (0 is the first).")
    var replication = 0

    @Option(help: "Where to write the state file.")
    var out: String

    @OptionGroup var streams: StreamOptions

    func run() throws {
        let (s, p) = try loadScenario(scenario, plan: plan)
        try Street.refuseWhole(s, command: "state")
        guard let t = ClockTime.parse(at), t >= s.round.opening, t < s.round.deadline else {
            printError("error: --at `\(at)`: expected a clock time HH:MM inside the round (\(s.round.window.description))")
            throw Exit.usage
        }
        guard replication >= 0 && replication < 1_000_000 else { printError("error: --replication must be from 0 to 999999"); throw Exit.usage }
        let state = try compile(s, p).state(at: t, seed: streams.seed, replication: replication)
        try writing("the state to \(out)") { try AtomicFile.write(StateWriter.yaml(state, scenario: s), to: out) }
        print("wrote \(out): the morning at \(at) as replication \(replication) of the plan has it; correct it with what you see, then: swabplan replan \(scenario) --from \(out)")
    }
}
