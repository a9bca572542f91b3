import Foundation
import XCTest
import TestSupport

/// A resident never swabbed never finished: targets on time in system and finish are missed
/// while anyone who came is left unswabbed, and `--check` exits 3.
final class TargetTests: XCTestCase {
    func testUnswabbedResidentsMissTimeTargets() throws {
        let base = try String(contentsOf: Repository.root.appendingPathComponent("Tests/ScenarioTests/base-valid.yaml.txt"), encoding: .utf8)
        // Both shifts end before most residents come: teams leave, residents wait in vain.
        let text = base.replacingOccurrences(of: "shift_end: \"09:00\"", with: "shift_end: \"07:05\"")
            .replacingOccurrences(of: "shift_end: \"12:00\"", with: "shift_end: \"08:50\"")
            .replacingOccurrences(of: "    at_most: 20\n", with: "    at_most: 20\n  - metric: time_in_system_minutes\n    at_most: 600\n  - finish_by: \"23:00\"\n")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swabplan-unswabbed-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try CLI().run(["simulate", url.path, "-r", "4", "--check"])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertFalse(r.stdout.contains("met   "), r.stdout)
        XCTAssertTrue(r.stdout.contains("MISSED time_in_system_minutes <= 600.00 ("), r.stdout)
        XCTAssertTrue(r.stdout.contains("residents never swabbed)"), r.stdout)
        let json = try CLI().run(["simulate", url.path, "-r", "4", "--format", "json"])
        XCTAssertFalse(json.stdout.contains("null"), json.stdout)
        XCTAssertFalse(json.stdout.contains("\"met\": true"), json.stdout)
    }
}
