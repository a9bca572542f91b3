import ArgumentParser
import Foundation
import Scenario
import SiteModel

/// Loads the scenario and the chosen plan (the scenario's own when none is chosen); their
/// problems (`ScenarioErrors`) are said as `file:line:column: error: ...` by `Exit.code`.
func loadScenario(_ path: String, plan choice: PlanChoice?) throws -> (Scenario, Plan) {
    let scenario = try ScenarioLoader.load(path: path)
    return (scenario, try (choice ?? .scenario).plan(for: scenario))
}

/// A morning state file read against its scenario and plan, errors said as for a scenario.
func loadState(_ path: String, scenario: Scenario, plan: Plan) throws -> MorningState {
    try MorningStateLoader.load(path: path, scenario: scenario, plan: plan)
}

/// Prints every problem with its source line; a missing file is 66, anything else 65.
func report(_ e: ScenarioErrors) -> ExitCode {
    var sources: [String: String] = [:]
    for err in e.errors {
        // A workbook's error names its sheet and cell: there is no text line to show.
        if sources[err.file] == nil && !err.file.lowercased().hasSuffix(".xlsx") {
            sources[err.file] = (try? String(contentsOfFile: err.file, encoding: .utf8)) ?? ""
        }
        printError(err.rendered(source: sources[err.file]))
    }
    if e.errors.count > 1 { printError("\(e.errors.count) errors") }
    return e.isMissingFile ? Exit.noInput : Exit.dataError
}

/// The scenario and plan compiled for the simulation; a plan that breaks a plan rule (only a
/// plan built in code could, files are checked when read) is bad data, exit 65.
func compile(_ s: Scenario, _ p: Plan) throws -> CompiledRound {
    try inContext("plan \(p.origin)") { try CompiledRound(scenario: s, plan: p) }
}
