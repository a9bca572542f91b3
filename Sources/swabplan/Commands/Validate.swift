import ArgumentParser
import Reports
import Scenario

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario (and optionally a plan) and report every problem with file:line:column.")

    @OptionGroup var file: ScenarioArgument
    var scenario: String { file.scenario }

    @Option(help: "A plan file to check against the scenario (or `scenario`, `baseline`).")
    var plan: PlanChoice?

    @Option(help: "Write the checked plan to this file as a plan file (start from `--plan baseline` to get an editable plan).")
    var writePlan: String?

    func run() throws {
        let (s, p) = try loadScenario(scenario, plan: plan)
        if let writePlan {
            try writing { try AtomicFile.write(PlanWriter.yaml(p), to: writePlan) }
        }
        // A plan that breaks a planning rule still simulates; a street office would not post it.
        let warnings = RuleCheck.violations(s, p)
        func warn(_ at: SourcePosition?, _ text: String) { printError((at.map { "\($0.file):\($0.line):\($0.column): " } ?? "") + "warning: " + text) }
        func callUp(_ i: Int) -> SourcePosition? { i < p.callUpPositions.count ? p.callUpPositions[i] : nil }
        for v in warnings { warn(callUp(v.callUp), v.description) }
        // A site left without a team or a desk while residents come to it.
        let gaps = GapCheck.gaps(s, p)
        for g in gaps {
            let i = g.keyPath.hasPrefix("call_ups[") ? Int(g.keyPath.dropFirst(9).prefix { $0.isNumber }) : nil
            warn(i.flatMap(callUp) ?? s.keyPositions[g.keyPath], g.description)
        }
        let teams = s.staff.cohorts.reduce(0) { $0 + $1.teams }
        print("\(scenario): ok: \(s.buildings.count) buildings, \(s.totalResidents) residents, \(s.sites.count) sites, \(teams) swab teams in \(s.staff.cohorts.count) cohorts; plan \(p.origin) with \(p.callUps.count) call-ups" + (warnings.isEmpty ? "" : "; \(warnings.count) planning-rule warning(s)") + (gaps.isEmpty ? "" : "; \(gaps.count) staffing gap(s)"))
    }
}
