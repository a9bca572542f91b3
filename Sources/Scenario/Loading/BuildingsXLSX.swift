import Foundation

/// Buildings from a sheet of an Excel workbook (`.xlsx`): the same columns as the CSV, the
/// header in the row with `id` (titles above it skipped), one building per row after it. The
/// workbook is a ZIP (`ZipArchive`) of XML parts (`SpreadsheetXML`); each part is unpacked
/// only up to a size limit, so a compressed bomb cannot fill memory. Errors name the sheet and
/// the cell (C5).
enum BuildingsXLSX {
    /// The most bytes one part may unpack to, and the most cells a sheet may hold.
    static let maxPartBytes = 256_000_000
    static let maxCells = 2_000_000

    static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    /// A named sheet the workbook does not have (reported at the scenario's `sheet` key).
    struct NoSuchSheet: Error {
        var sheet: String, sheets: [String]
        var message: String { "the workbook has no sheet `\(sheet)`; its sheets: " + sheets.joined(separator: ", ") }
    }

    /// What to do with a workbook SwabPlan cannot read.
    static let saveAgain = "save the sheet as .xlsx (Excel Workbook) or as CSV UTF-8"

    static func table(path: String, sheet wanted: String?) throws -> (sheet: String, table: CSVTable) {
        try table(data: ScenarioLoader.readData(path), file: path, sheet: wanted)
    }

    /// The table, or `ScenarioErrors` naming the file (or `NoSuchSheet`).
    static func table(data: Data, file path: String, sheet wanted: String?) throws -> (sheet: String, table: CSVTable) {
        func bad(_ message: String) -> ScenarioErrors {
            ScenarioErrors([ScenarioError(file: path, line: 0, column: 0, keyPath: "", message: message)])
        }
        do {
            return try table(data: data, sheet: wanted)
        } catch let e as NoSuchSheet {
            throw e
        } catch let e as SpreadsheetXML.Malformed {
            throw bad("part `\(e.part)` of the workbook is not well-formed XML (line \(e.line)); open the file in Excel and save it again as .xlsx")
        } catch let e as SpreadsheetXML.TooManyCells {
            throw bad("part `\(e.part)` holds more than \(maxCells) cells; SwabPlan reads at most \(maxCells)")
        } catch let e as Unreadable {
            throw bad(e.message)
        } catch {
            throw bad("not an Excel workbook (.xlsx): it is not a ZIP archive, as every .xlsx is; " + saveAgain)
        }
    }

    struct Unreadable: Error { var message: String }

    /// The sheet's cells as a table: the header is the first row with an `id` cell (a title
    /// above it is skipped), else the first row with a value; the rows after it have a cell
    /// (empty when absent) under each header cell.
    static func table(data: Data, sheet wanted: String?) throws -> (sheet: String, table: CSVTable) {
        func reason(_ e: ZipArchive.Failure) -> Error {
            switch e {
            case .notZip: return e
            case .unsupported(let what): return Unreadable(message: "\(what) is not read; " + saveAgain)
            case .corrupt(let what): return Unreadable(message: "the workbook is damaged: \(what); open it in Excel and save it again")
            case .tooLarge(let part, let bytes):
                return Unreadable(message: "part `\(part)` unpacks to \(bytes / 1_000_000) MB; SwabPlan reads at most \(maxPartBytes / 1_000_000) MB")
            }
        }
        let archive: ZipArchive
        do { archive = try ZipArchive(data) } catch let e as ZipArchive.Failure { throw reason(e) }
        func part(_ name: String) throws -> [UInt8]? {
            do { return try archive.data(name, limit: maxPartBytes) } catch let e as ZipArchive.Failure { throw reason(e) }
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw Unreadable(message: "not an Excel workbook (.xlsx): it has no xl/workbook.xml; " + saveAgain)
        }
        let sheets = try SpreadsheetXML.sheets(workbook)
        guard !sheets.isEmpty else { throw Unreadable(message: "the workbook has no sheets") }
        let chosen: (name: String, relationship: String)
        if let wanted {
            guard let s = sheets.first(where: { $0.name == wanted }) else { throw NoSuchSheet(sheet: wanted, sheets: sheets.map(\.name)) }
            chosen = s
        } else { chosen = sheets[0] }
        let rels = try part("xl/_rels/workbook.xml.rels").map(SpreadsheetXML.relationships) ?? [:]
        // Targets are relative to xl/ unless they start with a slash.
        let target = rels[chosen.relationship].map { $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0 }
        guard let target, let sheetData = try part(target) else {
            throw Unreadable(message: "the workbook's sheet `\(chosen.name)` has no part; open the file in Excel and save it again as .xlsx")
        }
        let shared = try part("xl/sharedStrings.xml").map(SpreadsheetXML.sharedStrings) ?? []
        let cells = try SpreadsheetXML.cells(sheetData, part: target, shared: shared, limit: maxCells)
        return (chosen.name, tabulate(cells))
    }

    static func tabulate(_ cells: [SpreadsheetXML.Cell]) -> CSVTable {
        let byRow = Dictionary(grouping: cells, by: \.row)
        var rows = byRow.keys.sorted()
        guard let top = rows.first else { return CSVTable(header: [], rows: []) }
        let first = rows.first { r in byRow[r]!.contains { $0.text.trimmingSpaces == "id" } } ?? top
        rows.removeAll { $0 < first }
        func cell(_ c: SpreadsheetXML.Cell) -> CSVTable.Cell { CSVTable.Cell(text: c.text, line: c.row, column: c.column) }
        let header = byRow[first]!.sorted { $0.column < $1.column }.map(cell)
        let columns = header.map(\.column)
        var table = CSVTable(header: header, rows: [])
        for r in rows.dropFirst() {
            let here = Dictionary(byRow[r]!.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })
            var row = columns.map { c in here[c].map(cell) ?? CSVTable.Cell(text: "", line: r, column: c) }
            // A value under no header: keep it, so the row's cell count says so.
            for c in here.keys.sorted() where !columns.contains(c) { row.append(cell(here[c]!)) }
            table.rows.append(row)
        }
        return table
    }
}
