import Foundation
import XCTest
@testable import Scenario

/// The plan rules hold for plans built in code exactly as for plans read from a file: each
/// plan rule of the malformed corpus, built in code on the same scenario, gives the problem the
/// corpus expects, at the key path the file's error names.
final class PlanCheckTests: XCTestCase {
    static var base: Scenario {
        let text = try! String(contentsOfFile: Bundle.module.resourcePath! + "/base-valid.yaml.txt", encoding: .utf8)
        return try! ScenarioLoader.parse(text, file: "base.yaml")
    }

    static func window(_ text: String) -> ClockWindow { ClockWindow.parse(text)! }

    /// The corpus message expected for a file.
    func expected(_ file: String) -> String {
        MalformedCorpusTests.expected.first { $0.scenario == file }!.message
    }

    func assertFirstProblem(_ s: Scenario, _ plan: Plan, _ keyPath: String, corpus file: String, line: UInt = #line) {
        let problems = PlanCheck.problems(s, plan)
        guard let first = problems.first else { return XCTFail("\(file): no problem found", line: line) }
        XCTAssertEqual(first.keyPath, keyPath, file, line: line)
        XCTAssertTrue(first.message.contains(expected(file)), "\(file): \(first.message)", line: line)
        XCTAssertThrowsError(try PlanCheck.check(s, plan), line: line)
    }

    func testCorpusPlanRulesOnCodeBuiltPlans() throws {
        let s = Self.base
        let good = s.plan!
        XCTAssertEqual(PlanCheck.problems(s, good), [])
        var p = good
        p.callUps[1].building = "B3"
        assertFirstProblem(s, p, "call_ups[1].building", corpus: "22-call-up-unknown-building.yaml")
        p = good; p.callUps[1].window = Self.window("09:30-10:30")
        assertFirstProblem(s, p, "call_ups[1].window", corpus: "23-call-up-outside-round.yaml")
        p = good; p.callUps.append(CallUp(building: "B2", floors: 3...4, site: "S1", window: Self.window("08:00-08:30")))
        assertFirstProblem(s, p, "call_ups[2]", corpus: "24-floor-called-twice.yaml")
        p = good; p.callUps[1].floors = 1...10
        assertFirstProblem(s, p, "call_ups", corpus: "25-building-not-called.yaml")
        p = good; p.callUps[0].floors = 1...9
        assertFirstProblem(s, p, "call_ups[0].floors", corpus: "26-floors-out-of-range.yaml")
        p = good; p.staffing[0].desks = 5
        assertFirstProblem(s, p, "staffing[0].desks", corpus: "27-staffing-too-many-desks.yaml")
        p = good; p.staffing.append(Staffing(site: "S1", period: Self.window("07:30-09:00"), desks: 1, stations: 2))
        assertFirstProblem(s, p, "staffing[1].period", corpus: "28-staffing-periods-overlap.yaml")
        var few = s; few.staff.registrars = 0; few.staff.communityWorkers = 1
        assertFirstProblem(few, good, "staffing", corpus: "40-not-enough-registration-staff.yaml")
        p = good
        p.roles = [RoleAssignment(worker: "W1", period: Self.window("07:00-09:00"), role: .dataDesk),
                   RoleAssignment(worker: "W1", period: Self.window("08:00-10:00"), role: .registration, site: "S1")]
        assertFirstProblem(s, p, "roles[1].period", corpus: "45-worker-two-roles.yaml")
        p = good; p.breaks = [PlannedBreak(cohort: "morning", team: 1, at: ClockTime.parse("11:00")!)]
        assertFirstProblem(s, p, "breaks[0].at", corpus: "78-break-outside-shift.yaml")
        p = good; p.handovers = [Handover(cohort: "relief", team: 1, relieves: 3)]
        assertFirstProblem(s, p, "handovers[0].relieves", corpus: "81-handover-across-sites.yaml")
    }

    /// A code-built plan and the same plan read from its file are the same value to the rules.
    func testWrittenPlanHasNoProblems() throws {
        let s = Self.base
        let back = try ScenarioLoader.parsePlan(PlanWriter.yaml(s.plan!), file: "p.yaml", for: s)
        XCTAssertEqual(PlanCheck.problems(s, back), [])
    }
}
