import Foundation
import XCTest
import TestSupport
@testable import Scenario

/// Building lists as Chinese Windows saves them: GB18030 ("ANSI") or UTF-8 with a byte-order
/// mark; Chinese names come through, and errors keep their row and column.
final class EncodingTests: XCTestCase {
    func folder() -> URL { try! temporaryFolder("swabplan-enc") }

    static let scenario = """
        name: 编码测试
        round: {date: 2022-05-06, opening: "07:00", deadline: "10:00"}
        buildings: {file: buildings.csv}
        sites:
          - {id: S1, name: 东门采样点, registration_desks: 2, swab_stations: 2, x_metres: 0, y_metres: 0}
        staff:
          registrars: 2
          cohorts:
            - {id: c, teams: 2, departs_depot: "06:30", route: [{site: S1, travel_minutes: 20, teams: 2}], shift_end: "10:00"}
        """

    func load(csv: Data) throws -> Scenario {
        let dir = folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.scenario.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: dir.appendingPathComponent("buildings.csv"))
        return try ScenarioLoader.load(path: dir.appendingPathComponent("s.yaml").path)
    }

    func testGB18030AndBOMBuildingListsLoad() throws {
        let csv = "id,name,residents,floors,x_metres,y_metres\nB1,一号楼,120,6,30,30\nB2,二号楼,80,4,60,30\n"
        let gb = try XCTUnwrap(TextDecoding.encodeGB18030(csv))
        XCTAssertNil(String(data: gb, encoding: .utf8), "the test file must not be UTF-8")
        let s = try load(csv: gb)
        XCTAssertEqual(s.buildings.map(\.name), ["一号楼", "二号楼"])
        let bom = try load(csv: Data([0xEF, 0xBB, 0xBF]) + Data(csv.utf8))
        XCTAssertEqual(bom.buildings.map(\.name), ["一号楼", "二号楼"])
    }

    func testAnErrorInAGB18030FileKeepsItsPosition() throws {
        let csv = "id,name,residents,floors,x_metres,y_metres\nB1,一号楼,很多,6,30,30\n"
        XCTAssertThrowsError(try load(csv: TextDecoding.encodeGB18030(csv)!)) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("buildings.csv:2:"), text)
        }
    }

    func testBytesThatAreNeitherAreRefused() throws {
        XCTAssertNil(TextDecoding.decode(Data([0x41, 0xFF, 0xFF, 0xFF, 0x42])))
    }
}
