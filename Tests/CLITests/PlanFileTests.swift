import Foundation
import XCTest
import Scenario

/// `simulate --plan` takes a written plan unchanged, with the same figures as the plan it was
/// written from.
final class PlanFileTests: XCTestCase {
    func testWrittenPlanSimulatesLikeTheOriginal() throws {
        let path = CommandLineTests.scenario("yuandayuan.yaml")
        let s = try ScenarioLoader.load(path: path)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("swabplan-plan-\(UUID().uuidString).yaml")
        try PlanWriter.yaml(s.effectivePlan).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let own = try CLI().run(["simulate", path, "--plan", "scenario", "-r", "4", "--format", "json"])
        let written = try CLI().run(["simulate", path, "--plan", file.path, "-r", "4", "--format", "json"])
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertEqual(written.status, 0, written.stderr)
        func metrics(_ json: String) -> String { String(json[json.range(of: "\"metrics\"")!.lowerBound...]) }
        XCTAssertEqual(metrics(written.stdout), metrics(own.stdout))
    }
}
