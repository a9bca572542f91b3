import Foundation
@testable import Scenario
import XCTest
import TestSupport
import ZIPFoundation

/// Buildings from an Excel workbook: the same buildings as the CSV, errors that name the sheet
/// and the cell, and workbooks that are not what they claim refused with a clear message.
final class BuildingsXLSXTests: XCTestCase {
    static var workbooks: String { Bundle.module.resourcePath! + "/Workbooks" }

    func folder() throws -> URL { try temporaryFolder("swabplan-xlsx") }

    /// Panjiayuan Nanli's scenario with its buildings file replaced.
    func scenario(buildings: String) throws -> String {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("Scenarios/panjiayuan-nanli.yaml"), encoding: .utf8)
        return text.replacingOccurrences(of: "  file: panjiayuan-nanli-buildings.csv", with: buildings)
    }

    func errors(_ yaml: String, in dir: URL) -> [ScenarioError] {
        do { _ = try ScenarioLoader.parse(yaml, file: dir.appendingPathComponent("s.yaml").path, directory: dir.path); return [] }
        catch let e as ScenarioErrors { return e.errors } catch { XCTFail("\(error)"); return [] }
    }

    /// A workbook as openpyxl writes it (inline strings, absolute part paths, a title row
    /// above the header, a cover sheet first), chosen by sheet name: the CSV's buildings.
    func testAWorkbookGivesTheSameBuildingsAsTheCSV() throws {
        let csv = try Fixtures.panjiayuan()
        let yaml = try scenario(buildings: "  file: \(Self.workbooks)/panjiayuan-buildings.xlsx\n  sheet: 楼栋")
        let xlsx = try ScenarioLoader.parse(yaml, file: "p.yaml", directory: Repository.root.appendingPathComponent("Scenarios").path)
        XCTAssertEqual(xlsx.buildings.count, 33)
        for (a, b) in zip(csv.buildings, xlsx.buildings) {
            XCTAssertEqual(a.id, b.id); XCTAssertEqual(a.name, b.name); XCTAssertEqual(a.nameEn, b.nameEn)
            XCTAssertEqual(a.compound, b.compound); XCTAssertEqual(a.residents, b.residents); XCTAssertEqual(a.floors, b.floors)
            XCTAssertEqual(a.lifts, b.lifts); XCTAssertEqual(a.elderlyShare, b.elderlyShare); XCTAssertEqual(a.noSmartphoneShare, b.noSmartphoneShare)
            XCTAssertEqual(a.position?.x, b.position?.x); XCTAssertEqual(a.position?.y, b.position?.y)
            XCTAssertEqual(a.quarantinedHouseholds, b.quarantinedHouseholds); XCTAssertEqual(a.bedriddenHouseholds, b.bedriddenHouseholds)
        }
    }

    /// A bad cell is reported as file:row:column with the sheet, the cell as Excel names it,
    /// and the column; every bad cell at once.
    func testBadCellsNameTheSheetAndCell() throws {
        let dir = try folder()
        let e = errors(try scenario(buildings: "  file: \(Self.workbooks)/bad-cells.xlsx"), in: dir)
        XCTAssertEqual(e.map(\.description), [
            "\(Self.workbooks)/bad-cells.xlsx:3:4: error: sheet Buildings, cell D3, column floors: `six` is not valid; expected a whole number from 1 to 200",
            "\(Self.workbooks)/bad-cells.xlsx:4:3: error: sheet Buildings, cell C4, column residents: `-5` is not valid; expected a whole number from 0 to 100000",
        ])
    }

    func testASheetTheWorkbookLacksIsReportedAtTheKey() throws {
        let dir = try folder()
        let yaml = try scenario(buildings: "  file: \(Self.workbooks)/panjiayuan-buildings.xlsx\n  sheet: Sheet9")
        let line = 1 + (yaml.components(separatedBy: "\n").firstIndex(of: "  sheet: Sheet9") ?? -1)
        let e = errors(yaml, in: dir)
        XCTAssertEqual(e.count, 1)
        XCTAssertEqual(e.first.map { "\($0.line):\($0.column) \($0.keyPath): \($0.message)" },
                       "\(line):10 buildings.sheet: the workbook has no sheet `Sheet9`; its sheets: 说明, 楼栋")
        let csv = errors(try scenario(buildings: "  file: panjiayuan-nanli-buildings.csv\n  sheet: A"), in: Repository.root.appendingPathComponent("Scenarios"))
        XCTAssertEqual(csv.first?.message, "a sheet is chosen only in an Excel workbook (.xlsx); remove `sheet` for a CSV file")
    }

    /// A file that is no workbook is reported where the scenario names it, with line and column.
    func testAFileThatIsNoWorkbookIsReportedAtTheFileKey() throws {
        let dir = try folder()
        try Data("id,residents\nB1,10\n".utf8).write(to: dir.appendingPathComponent("text.xlsx"))
        let yaml = try scenario(buildings: "  file: text.xlsx")
        let line = 1 + (yaml.components(separatedBy: "\n").firstIndex(of: "  file: text.xlsx") ?? -1)
        let e = errors(yaml, in: dir)
        XCTAssertEqual(e.count, 1)
        XCTAssertEqual(e.first.map { "\($0.line):\($0.column) \($0.keyPath)" }, "\(line):9 buildings.file")
        XCTAssertTrue(e.first?.message.hasSuffix("not an Excel workbook (.xlsx): it is not a ZIP archive, as every .xlsx is; save the sheet as .xlsx (Excel Workbook) or as CSV UTF-8") ?? false, "\(e)")
    }

    /// Parts as Excel writes them: shared strings (a rich-text run, a phonetic guide left out),
    /// an `x:` namespace prefix, cells without references, a boolean; the first sheet by default.
    func testSharedStringsPrefixesAndTheFirstSheet() throws {
        let dir = try folder()
        let book = dir.appendingPathComponent("b.xlsx")
        try Self.workbook(at: book, parts: [
            "xl/workbook.xml": #"<x:workbook xmlns:x="m" xmlns:r="r"><x:sheets><x:sheet name="楼栋表" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#,
            "xl/sharedStrings.xml": #"<sst><si><t>id</t></si><si><t>name</t></si><si><t>residents</t></si><si><r><t>1号</t></r><r><t>楼</t></r><rPh><t>ごう</t></rPh></si><si><t>sealed</t></si></sst>"#,
            "xl/worksheets/sheet1.xml": #"<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>B1</x:t></x:is></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c><x:v>300</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#,
        ])
        let (sheet, table) = try BuildingsXLSX.table(path: book.path, sheet: nil)
        XCTAssertEqual(sheet, "楼栋表")
        let buildings = try BuildingsCSV.buildings(table, .init(path: book.path, sheet: sheet), compounds: KnownIDs([]))
        XCTAssertEqual(buildings.map(\.name), ["1号楼"])
        XCTAssertEqual(buildings.map(\.residents), [300])
        XCTAssertEqual(buildings.map(\.sealed), [true])
    }

    /// Not a ZIP, a ZIP without a workbook, malformed XML, an old .xls: one clear line each.
    func testWhatIsNotAWorkbookIsRefused() throws {
        let dir = try folder()
        func message(_ file: URL) -> String {
            do { _ = try BuildingsCSV.load(path: file.path, compounds: KnownIDs([])); return "" }
            catch let e as ScenarioErrors { return e.errors.first?.message ?? "" } catch { return "\(error)" }
        }
        let text = dir.appendingPathComponent("text.xlsx")
        try Data("id,residents\nB1,10\n".utf8).write(to: text)
        XCTAssertEqual(message(text), "not an Excel workbook (.xlsx): it is not a ZIP archive, as every .xlsx is; save the sheet as .xlsx (Excel Workbook) or as CSV UTF-8")
        let empty = dir.appendingPathComponent("empty.xlsx")
        try Self.workbook(at: empty, parts: ["hello.txt": "hi"])
        XCTAssertTrue(message(empty).contains("it has no xl/workbook.xml"), message(empty))
        let broken = dir.appendingPathComponent("broken.xlsx")
        try Self.workbook(at: broken, parts: ["xl/workbook.xml": "<workbook><sheets><sheet name=\"a\" r:id=\"1\"></sheets></sheet></workbook>"])
        XCTAssertTrue(message(broken).hasPrefix("part `xl/workbook.xml` of the workbook is not well-formed XML"), message(broken))
        // Cut short: every element must be closed.
        let cut = dir.appendingPathComponent("cut.xlsx")
        try Self.workbook(at: cut, parts: ["xl/workbook.xml": "<workbook><sheets><sheet name=\"a\" r:id=\"1\"/>"])
        XCTAssertTrue(message(cut).hasPrefix("part `xl/workbook.xml` of the workbook is not well-formed XML"), message(cut))
        let old = dir.appendingPathComponent("old.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0]).write(to: old)
        XCTAssertTrue(message(old).hasPrefix("an Excel 97-2003 workbook (.xls) is not read"), message(old))
    }

    static func workbook(at url: URL, parts: [String: String]) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
