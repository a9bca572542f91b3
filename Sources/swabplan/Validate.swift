import ArgumentParser
import Reports
import Scenario

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario (and optionally a plan) and report every problem with file:line:column.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "A plan file to check against the scenario (or `scenario`, `baseline`).")
    var plan: String?

    @Option(help: "Write the checked plan to this file as a plan file (start from `--plan baseline` to get an editable plan).")
    var writePlan: String?

    func run() throws {
        let (s, p) = try loadScenario(scenario, plan: plan)
        if let writePlan {
            do { try AtomicFile.write(PlanWriter.yaml(p), to: writePlan) } catch {
                printError("error: \(error)")
                throw Exit.cannotCreate
            }
        }
        let teams = s.staff.cohorts.reduce(0) { $0 + $1.teams }
        print("\(scenario): ok: \(s.buildings.count) buildings, \(s.totalResidents) residents, \(s.sites.count) sites, \(teams) swab teams in \(s.staff.cohorts.count) cohorts; plan \(p.origin) with \(p.callUps.count) call-ups")
    }
}
