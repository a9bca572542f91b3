import Foundation
import XCTest
@testable import Scenario

/// `validate` warns of a site left without a swab team, or a desk, while residents come.
final class GapCheckTests: XCTestCase {
    func base() throws -> String {
        try String(contentsOfFile: Bundle.module.resourcePath! + "/base-valid.yaml.txt", encoding: .utf8)
    }

    /// The morning shift ends at 09:00; the relief leaves the depot at 08:50 and is at S1 after
    /// 25 minutes and set up after 15 more (09:30): B1 is called to S1 until 09:50, so S1 stands
    /// 30 minutes without a team. The warning points at the morning cohort's `shift_end`.
    func testAShiftEndingBeforeItsReliefIsAGap() throws {
        var text = try base()
        text = text.replacingOccurrences(of: "departs_depot: \"08:20\"", with: "departs_depot: \"08:50\"")
        text = text.replacingOccurrences(of: "{building: B1, site: S1, window: \"07:00-07:30\"}", with: "{building: B1, site: S1, window: \"07:00-09:50\"}")
        let s = try ScenarioLoader.parse(text, file: "gap.yaml")
        let gaps = GapCheck.gaps(s, s.plan!)
        XCTAssertEqual(gaps.count, 1, "\(gaps)")
        XCTAssertEqual(gaps[0].keyPath, "staff.cohorts[0].shift_end")
        XCTAssertTrue(gaps[0].message.contains("S1 has no swab team from 09:00 to 09:30 (30 min)"), gaps[0].message)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("shift_end: \"09:00\"") }! + 1
        XCTAssertEqual(s.keyPositions["staff.cohorts[0].shift_end"]?.line, line)
        // The relief on time (the base): no gap.
        let fine = try ScenarioLoader.parse(try base().replacingOccurrences(of: "{building: B1, site: S1, window: \"07:00-07:30\"}",
                                                                            with: "{building: B1, site: S1, window: \"07:00-09:30\"}"), file: "fine.yaml")
        XCTAssertEqual(GapCheck.gaps(fine, fine.plan!), [])
    }

    func testACallUpWithNoDeskOpenIsAGap() throws {
        let text = try base().replacingOccurrences(of: "{site: S1, period: \"07:00-08:00\", desks: 2, stations: 2}",
                                                   with: "{site: S1, period: \"07:00-08:00\", desks: 0, stations: 2}")
        let s = try ScenarioLoader.parse(text, file: "desk.yaml")
        let gaps = GapCheck.gaps(s, s.plan!)
        XCTAssertEqual(gaps.map(\.keyPath), ["call_ups[0]"])
        XCTAssertTrue(gaps[0].message.contains("S1 opens no registration desk from 07:00 to 07:30 (30 min)"), gaps[0].message)
    }
}
