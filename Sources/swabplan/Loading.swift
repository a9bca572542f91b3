import ArgumentParser
import Foundation
import Scenario
import SiteModel

/// Loads the scenario (and plan file, if given), printing every problem as
/// `file:line:column: error: ...` with the source line, and exiting 65 or 66.
func loadScenario(_ path: String, plan planPath: String?) throws -> (Scenario, Plan) {
    do {
        let scenario = try ScenarioLoader.load(path: path)
        let plan: Plan
        switch planPath {
        case nil: plan = scenario.effectivePlan
        case "baseline"?: plan = scenario.baselinePlan()
        // The scenario's own plan section, else the baseline (what `simulate` runs by default).
        case "scenario"?: plan = scenario.effectivePlan
        case let path?: plan = try ScenarioLoader.loadPlan(path: path, for: scenario)
        }
        return (scenario, plan)
    } catch let e as ScenarioErrors {
        try report(e)
    }
}

/// A morning state file read against its scenario and plan, errors printed as for a scenario.
func loadState(_ path: String, scenario: Scenario, plan: Plan) throws -> MorningState {
    do {
        return try MorningStateLoader.load(path: path, scenario: scenario, plan: plan)
    } catch let e as ScenarioErrors {
        try report(e)
    }
}

/// Prints every problem with its source line and exits 65 or 66.
func report(_ e: ScenarioErrors) throws -> Never {
    var sources: [String: String] = [:]
        for err in e.errors {
            // A workbook's error names its sheet and cell: there is no text line to show.
            if sources[err.file] == nil && !err.file.lowercased().hasSuffix(".xlsx") {
                sources[err.file] = (try? String(contentsOfFile: err.file, encoding: .utf8)) ?? ""
            }
            printError(err.rendered(source: sources[err.file]))
        }
        if e.errors.count > 1 { printError("\(e.errors.count) errors") }
        throw e.isMissingFile ? Exit.noInput : Exit.dataError
}

/// The scenario and plan compiled for the simulation; a plan that breaks a plan rule (only a
/// plan built in code could, files are checked when read) is bad data, exit 65.
func compile(_ s: Scenario, _ p: Plan) throws -> CompiledRound {
    do { return try CompiledRound(scenario: s, plan: p) } catch let e as PlanProblems {
        for problem in e.problems { printError("error: plan \(p.origin): \(problem)") }
        throw Exit.dataError
    }
}
