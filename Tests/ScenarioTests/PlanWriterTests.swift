import Foundation
import XCTest
import TestSupport
@testable import Scenario

/// A plan written as a plan file reads back as the same plan, and writing it again gives the
/// same bytes.
final class PlanWriterTests: XCTestCase {

    func testBundledPlansRoundTripByteForByte() throws {
        for name in ["panjiayuan-nanli.yaml", "xitang-courtyards.yaml", "yuandayuan.yaml", "small/two-sites.yaml"] {
            let s = try ScenarioLoader.load(path: Repository.root.appendingPathComponent("Scenarios/" + name).path)
            for plan in [s.effectivePlan, s.baselinePlan()] {
                let text = PlanWriter.yaml(plan)
                let back = try ScenarioLoader.parsePlan(text, file: "written.yaml", for: s)
                XCTAssertEqual(PlanWriter.yaml(back), text, name)
                XCTAssertEqual(back.callUps.count, plan.callUps.count)
                for (a, b) in zip(back.callUps, plan.callUps) {
                    XCTAssertEqual(a.building, b.building); XCTAssertEqual(a.site, b.site)
                    XCTAssertEqual(a.floors, b.floors); XCTAssertEqual(a.window, b.window)
                }
                XCTAssertEqual(back.staffing.count, plan.staffing.count)
                XCTAssertEqual(back.roles.count, plan.roles.count)
            }
        }
    }

    func testNamesAreQuotedSafely() throws {
        XCTAssertEqual(PlanWriter.quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"")
        XCTAssertEqual(PlanWriter.quoted("十七号楼"), "\"十七号楼\"")
        XCTAssertEqual(PlanWriter.quoted("true"), "\"true\"")
    }
}
