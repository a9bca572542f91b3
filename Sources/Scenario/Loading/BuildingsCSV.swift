import Foundation

/// Buildings listed in a CSV file next to the scenario, or in a sheet of an Excel workbook
/// (`.xlsx`, `BuildingsXLSX`), one row per building:
/// `id,name,compound,residents,floors,lifts,elderly_share,no_smartphone_share,x_metres,y_metres`
/// (`id` and `residents` required; the others optional columns with the YAML defaults).
enum BuildingsCSV {
    static let columns = ["id", "name", "name_en", "compound", "residents", "floors", "lifts", "elderly_share",
                          "no_smartphone_share", "x_metres", "y_metres", "quarantined_households", "bedridden_households", "sealed", "lifts_out_of_order"]

    /// Where a table came from, for its errors: a CSV's text lines (columns are counted in
    /// display columns, as in YAML errors) or a workbook's sheet (cells named as Excel does, C5).
    struct Origin {
        var path: String
        var lines: [Substring]?
        var sheet: String?

        func error(_ cell: CSVTable.Cell, _ column: String, _ message: String) -> ScenarioError {
            if let sheet {
                let name = "sheet \(sheet), cell \(SpreadsheetXML.columnName(cell.column))\(cell.line)" + (column.isEmpty ? "" : ", column \(column)")
                return ScenarioError(file: path, line: cell.line, column: cell.column, keyPath: name, message: message)
            }
            // Display columns: a Chinese name before the cell counts two a character.
            let at = lines.map { cell.line >= 1 && cell.line <= $0.count ? DisplayWidth.column(in: $0[cell.line - 1], character: cell.column) : cell.column } ?? cell.column
            return ScenarioError(file: path, line: cell.line, column: at, keyPath: column.isEmpty ? "" : "column \(column)", message: message)
        }
    }

    static func load(path: String, compounds: KnownIDs, sheet: String? = nil) throws -> [Building] {
        if BuildingsXLSX.isWorkbook(path) {
            let (name, table) = try BuildingsXLSX.table(path: path, sheet: sheet)
            return try buildings(table, Origin(path: path, sheet: name), compounds: compounds)
        }
        if path.lowercased().hasSuffix(".xls") {
            throw ScenarioErrors([ScenarioError(file: path, line: 0, column: 0, keyPath: "",
                                                message: "an Excel 97-2003 workbook (.xls) is not read; save it as .xlsx (Excel Workbook) or as CSV UTF-8")])
        }
        let text = try ScenarioLoader.readText(path)
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch CSVTable.ParseError.unterminatedQuote(let line, let column) {
            throw ScenarioErrors([ScenarioError(file: path, line: line, column: column, keyPath: "",
                                                message: "a quoted cell is never closed; end it with `\"`")])
        }
        return try buildings(table, Origin(path: path, lines: text.split(separator: "\n", omittingEmptySubsequences: false)), compounds: compounds)
    }

    static func buildings(_ table: CSVTable, _ origin: Origin, compounds: KnownIDs) throws -> [Building] {
        var errors: [ScenarioError] = []
        func fail(_ cell: CSVTable.Cell, _ column: String, _ message: String) { errors.append(origin.error(cell, column, message)) }
        // The header's row (1 in a CSV; the first row with a value in a sheet).
        let headerCell = CSVTable.Cell(text: "", line: table.header.first?.line ?? 1, column: 1)
        var index: [String: Int] = [:]
        for (i, h) in table.header.enumerated() {
            let name = h.text.trimmingSpaces
            guard columns.contains(name) else {
                fail(h, name, "unknown column `\(name)`; known columns: " + columns.joined(separator: ", "))
                continue
            }
            if index[name] != nil { fail(h, name, "column `\(name)` appears twice") }
            index[name] = i
        }
        for required in ["id", "residents"] where index[required] == nil {
            fail(headerCell, "", "missing required column `\(required)`")
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        if table.rows.isEmpty {
            throw ScenarioErrors([origin.error(CSVTable.Cell(text: "", line: headerCell.line + 1, column: 1), "", "no buildings listed; expected one row per building after the header")])
        }
        var buildings: [Building] = []
        var seen = Set<String>()
        for row in table.rows {
            guard row.count == table.header.count else {
                let c = row.first ?? CSVTable.Cell(text: "", line: 0, column: 1)
                fail(CSVTable.Cell(text: "", line: c.line, column: 1), "", "row has \(row.count) cells but the header has \(table.header.count)")
                continue
            }
            func cell(_ name: String) -> CSVTable.Cell? { index[name].map { row[$0] } }
            func text(_ name: String) -> String? { cell(name).map { $0.text.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 } }
            func int(_ name: String, _ d: Int, min: Int, max: Int) -> Int? {
                guard let t = text(name) else { return d }
                guard let v = Int(t), v >= min, v <= max else {
                    fail(cell(name)!, name, "`\(t)` is not valid; expected a whole number from \(min) to \(max)"); return nil
                }
                return v
            }
            func number(_ name: String, min: Double, max: Double) -> Double?? {
                guard let t = text(name) else { return .some(nil) }
                guard let v = Double(t), v.isFinite, v >= min, v <= max else {
                    fail(cell(name)!, name, "`\(t)` is not valid; expected a number from \(YAMLReader.show(min)) to \(YAMLReader.show(max))"); return nil
                }
                return .some(v)
            }
            guard let id = text("id") else { fail(cell("id")!, "id", "empty id; every building needs an id"); continue }
            if let problem = ScenarioID.problem(id) { fail(cell("id")!, "id", problem); continue }
            if !seen.insert(id).inserted { fail(cell("id")!, "id", "building id `\(id)` is used twice; ids must be unique"); continue }
            let compound = text("compound") ?? ""
            if !compound.isEmpty && !compounds.contains(compound) {
                fail(cell("compound")!, "compound", "unknown compound `\(compound)`; known compounds: " + compounds.joined(separator: ", "))
            }
            guard text("residents") != nil else { fail(cell("residents")!, "residents", "empty; expected the number of residents"); continue }
            let residents = int("residents", 0, min: 0, max: 100_000)
            let floors = int("floors", 1, min: 1, max: 200)
            let lifts = int("lifts", 0, min: 0, max: 50)
            let outOfOrder = int("lifts_out_of_order", 0, min: 0, max: lifts ?? 0)
            let elderly = number("elderly_share", min: 0, max: 1)
            let noPhone = number("no_smartphone_share", min: 0, max: 1)
            let x = number("x_metres", min: -1e6, max: 1e6), y = number("y_metres", min: -1e6, max: 1e6)
            let quarantined = int("quarantined_households", 0, min: 0, max: 100_000)
            let bedridden = int("bedridden_households", 0, min: 0, max: 100_000)
            var sealed = false
            if let t = text("sealed") {
                guard t == "true" || t == "false" else { fail(cell("sealed")!, "sealed", "`\(t)` is not valid; expected true or false"); continue }
                sealed = t == "true"
            }
            var names: [String: String] = [:]
            for column in ["name", "name_en"] {
                guard let t = text(column) else { continue }
                if let problem = Limits.nameProblem(t) { fail(cell(column)!, column, problem) } else { names[column] = t }
            }
            guard let residents, let floors, let lifts, let elderly, let noPhone, let x, let y, let quarantined, let bedridden, let outOfOrder else { continue }
            if (x == nil) != (y == nil) {
                fail(row[0], "x_metres", "give both x_metres and y_metres, or neither"); continue
            }
            var b = Building(id: id, name: names["name"] ?? id, compound: compound, residents: residents,
                             floors: floors, lifts: lifts - outOfOrder, elderlyShare: elderly ?? 0, noSmartphoneShare: noPhone ?? 0,
                             position: x.map { Point(x: $0, y: y!) }, walkMinutes: [:])
            b.quarantinedHouseholds = quarantined
            b.bedriddenHouseholds = bedridden
            b.sealed = sealed
            b.liftsOutOfOrder = outOfOrder
            b.nameEn = names["name_en"]
            buildings.append(b)
        }
        guard errors.isEmpty else { throw ScenarioErrors(errors) }
        return buildings
    }
}
