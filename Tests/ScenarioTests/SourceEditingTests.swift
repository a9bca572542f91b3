import XCTest
@testable import Scenario
import TestSupport

/// Edits from the workbench change only the edited values' text: comments, layout and every
/// other value stay as the planner wrote them.
final class SourceEditingTests: XCTestCase {
    func testAWindowEditedInPlaceKeepsEverythingElse() throws {
        let path = Repository.scenario("small/two-sites.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8) + "plan:\n  # the hand plan\n  call_ups:\n    - {building: B1, site: S1, window: \"07:00-07:30\"}   # first\n    - {building: B2, site: S2, window: \"07:30-08:00\"}\n"
        let tables = try SourceEditing.tables(text, file: "two-sites.yaml")
        let callUps = try XCTUnwrap(tables.first { $0.keyPath == "plan.call_ups" })
        XCTAssertEqual(callUps.columns, ["building", "site", "window"])
        let cell = try XCTUnwrap(callUps.rows[0]["window"])
        XCTAssertEqual(cell.value, "07:00-07:30")
        let sites = try XCTUnwrap(tables.first { $0.keyPath == "sites" })
        XCTAssertEqual(sites.rows.count, 2)
        let settings = try XCTUnwrap(tables.first { $0.keyPath == "" })
        XCTAssertTrue(settings.names.contains("round.opening"))
        let edited = try SourceEditing.applying([.init(line: cell.line, column: cell.column, old: "07:00-07:30", new: "07:10-07:40")], to: text, file: "x.yaml")
        let before = text.split(separator: "\n", omittingEmptySubsequences: false), after = edited.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(before.count, after.count)
        for (a, b) in zip(before, after) where a != b {
            XCTAssertEqual(String(b), "    - {building: B1, site: S1, window: \"07:10-07:40\"}   # first")
        }
        XCTAssertEqual(zip(before, after).filter { $0 != $1 }.count, 1, "one line changed")
        let s = try ScenarioLoader.parse(edited, file: "x.yaml", directory: (path as NSString).deletingLastPathComponent)
        XCTAssertEqual(s.plan?.callUps[0].window.description, "07:10-07:40")
    }

    /// A value left empty (`issuer:` alone, `{a: , b: 1}`) filled in from the page stays a value
    /// of its key (written `issuer: x`, not `issuer:x`, which is one plain scalar); found by the
    /// fuzzer on the input `0h:`.
    func testAnEmptyValueFilledInStaysAValue() throws {
        for text in ["0h:", "issuer:\nname: x\n", "a: {b: , c: 1}\n"] {
            let cell = try XCTUnwrap(SourceEditing.tables(text, file: "x.yaml").flatMap { $0.rows.flatMap { $0.values } }.first { $0.value.isEmpty }, text)
            let edited = try SourceEditing.applying([.init(line: cell.line, column: cell.column, old: "", new: "居委会")], to: text, file: "x.yaml")
            let values = try SourceEditing.tables(edited, file: "x.yaml").flatMap { $0.rows.flatMap { $0.values } }.map(\.value)
            XCTAssertTrue(values.contains("居委会"), "\(text) -> \(edited)")
            XCTAssertEqual(values.count, try SourceEditing.tables(text, file: "x.yaml").flatMap { $0.rows.flatMap { $0.values } }.count, edited)
        }
        // A key with no colon in a flow mapping has nowhere to type into: refused, with where.
        let text = "compounds:\n  - {North}\n"
        let cell = try XCTUnwrap(SourceEditing.tables(text, file: "x.yaml")[1].rows.first?["North"])
        XCTAssertThrowsError(try SourceEditing.applying([.init(line: cell.line, column: cell.column, old: "", new: "x")], to: text, file: "x.yaml")) { e in
            XCTAssertTrue(String(describing: e).contains("no colon"), "\(e)")
        }
    }

    /// Lines ended by a carriage return alone: libyaml counts them as lines and the editor's
    /// lines would not, so the file is refused for editing with why (found by the fuzzer).
    func testLoneCarriageReturnsAreRefusedForEditing() throws {
        XCTAssertThrowsError(try SourceEditing.tables("a: 1\rb: 2\r", file: "x.yaml")) { e in
            XCTAssertTrue(String(describing: e).contains("carriage return"), "\(e)")
        }
        XCTAssertEqual(try SourceEditing.tables("a: 1\r\nb: 2\r\n", file: "x.yaml")[0].rows.count, 2, "CRLF is edited")
    }

    func testPlainValuesStayPlainUnlessTheyWouldNotReadBack() throws {
        let text = "name: Tiny\nround: {date: 2022-05-06, opening: \"07:00\", deadline: '10:00'}\n"
        let settings = try XCTUnwrap(try SourceEditing.tables(text, file: "x.yaml").first)
        func edit(_ key: String, _ new: String) throws -> String {
            let k = try XCTUnwrap(settings.names.firstIndex(of: key))
            let c = settings.rows[k]["value"]!
            return try SourceEditing.applying([.init(line: c.line, column: c.column, old: c.value, new: new)], to: text, file: "x.yaml")
        }
        XCTAssertEqual(try edit("name", "潘家园南里"), "name: 潘家园南里\nround: {date: 2022-05-06, opening: \"07:00\", deadline: '10:00'}\n")
        XCTAssertEqual(try edit("name", "a: b, c"), "name: \"a: b, c\"\nround: {date: 2022-05-06, opening: \"07:00\", deadline: '10:00'}\n")
        XCTAssertEqual(try edit("round.deadline", "it's"), "name: Tiny\nround: {date: 2022-05-06, opening: \"07:00\", deadline: 'it''s'}\n")
        // The file changed since the page was opened: nothing is written.
        XCTAssertThrowsError(try SourceEditing.applying([.init(line: 1, column: 7, old: "Other", new: "x")], to: text, file: "x.yaml"))
        XCTAssertThrowsError(try SourceEditing.applying([.init(line: 1, column: 7, old: "Tiny", new: "a\nb")], to: text, file: "x.yaml"))
    }
}

extension SourceEditingTests {
    /// A row added after a one-line item is a copy of its line with the values asked; a row
    /// removed is its line gone; nothing else moves. A line changed since the page was made is
    /// refused.
    func testRowsAddedAndRemovedOnTheirOwnLines() throws {
        let text = "plan:\n  call_ups:\n    - {building: B1, site: S1, window: \"07:00-07:30\"}   # first\n    - {building: B2, site: S2, window: \"07:30-08:00\"}\n# end\n"
        let t = try XCTUnwrap(try SourceEditing.tables(text, file: "x.yaml").first { $0.keyPath == "plan.call_ups" })
        XCTAssertEqual(t.itemLines, [3, 4])
        let added = try SourceEditing.changingItems(text, file: "x.yaml", adding: [.init(after: 3, values: ["building": "B3", "window": "08:00-08:30"])],
                                                    removing: [4], lines: [3: "    - {building: B1, site: S1, window: \"07:00-07:30\"}   # first"])
        XCTAssertEqual(added, "plan:\n  call_ups:\n    - {building: B1, site: S1, window: \"07:00-07:30\"}   # first\n    - {building: B3, site: S1, window: \"08:00-08:30\"}   # first\n# end\n")
        XCTAssertThrowsError(try SourceEditing.changingItems(text, file: "x.yaml", adding: [], removing: [4], lines: [4: "something else"]))
        XCTAssertThrowsError(try SourceEditing.changingItems(text, file: "x.yaml", adding: [], removing: [2], lines: [:]), "not an item's line")
        // A block item over several lines is not a row to copy or remove.
        let block = "sites:\n  - id: S1\n    registration_desks: 2\n"
        XCTAssertEqual(try SourceEditing.tables(block, file: "x.yaml").first { $0.keyPath == "sites" }?.itemLines, [nil])
    }
}

extension SourceEditingTests {
    /// A buildings CSV's cell edited in place: only that cell's text changes (quoted when the
    /// value needs it), the byte-order mark and the other cells as written.
    func testCSVCellsEditedInPlace() throws {
        let text = "\u{FEFF}id,name,residents\r\nB1,\"1号楼, 东\",175\r\nB2,2号楼,202\r\n"
        let t = try CSVEditing.table(text)
        XCTAssertEqual(t.header, ["id", "name", "residents"])
        XCTAssertEqual(t.rows.map(\.line), [2, 3])
        let edited = try CSVEditing.applying([.init(line: 3, field: 2, old: "202", new: "210"), .init(line: 2, field: 1, old: "1号楼, 东", new: "1号楼 \"东\"")], to: text)
        XCTAssertEqual(edited, "\u{FEFF}id,name,residents\r\nB1,\"1号楼 \"\"东\"\"\",175\r\nB3,2号楼,202\r\n".replacingOccurrences(of: "B3,2号楼,202", with: "B2,2号楼,210"))
        XCTAssertThrowsError(try CSVEditing.applying([.init(line: 3, field: 2, old: "999", new: "1")], to: text), "the file changed since")
    }
}
