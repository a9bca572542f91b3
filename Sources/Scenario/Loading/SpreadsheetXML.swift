/// The parts of an Office Open XML workbook that a building list needs, read with `XMLScanner`
/// (no DTD, nothing that could expand): the sheets' names and parts, the shared strings, and one
/// sheet's cells with their row and column.
enum SpreadsheetXML {
    struct Malformed: Error { var part: String; var line: Int }
    struct TooManyCells: Error { var part: String }

    /// A cell as the sheet stores it: its 1-based row and column, and its text.
    struct Cell { var row: Int; var column: Int; var text: String }

    /// `xl/workbook.xml`: each sheet's name and relationship id, in workbook order.
    static func sheets(_ data: [UInt8]) throws -> [(name: String, relationship: String)] {
        var h = XMLScanner()
        var out: [(String, String)] = []
        h.onStart = { name, attributes in
            guard local(name) == "sheet", let sheet = attributes["name"] else { return }
            // The relationship id, `r:id` under whatever prefix the writer chose.
            out.append((sheet, attributes.first { local($0.key) == "id" }?.value ?? ""))
        }
        try parse(h, data, part: "xl/workbook.xml")
        return out
    }

    /// `xl/_rels/workbook.xml.rels`: relationship id -> target part.
    static func relationships(_ data: [UInt8]) throws -> [String: String] {
        var h = XMLScanner()
        var out: [String: String] = [:]
        h.onStart = { name, attributes in
            if local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { out[id] = target }
        }
        try parse(h, data, part: "xl/_rels/workbook.xml.rels")
        return out
    }

    /// `xl/sharedStrings.xml`: each `<si>` as its text (rich-text runs joined; phonetic
    /// guides, `<rPh>`, left out).
    static func sharedStrings(_ data: [UInt8]) throws -> [String] {
        var h = XMLScanner()
        var out: [String] = []
        var current = "", inText = false, phonetic = 0
        h.onStart = { name, _ in
            switch local(name) {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        h.onText = { if inText { current += $0 } }
        h.onEnd = { name in
            switch local(name) {
            case "si": out.append(current)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        try parse(h, data, part: "xl/sharedStrings.xml")
        return out
    }

    /// A worksheet's non-empty cells, as text: shared strings looked up, inline strings read,
    /// booleans as `true`/`false`, numbers as stored (Excel keeps the shortest exact form).
    /// `limit` caps the cells kept (a sheet is refused past it).
    static func cells(_ data: [UInt8], part: String, shared: [String], limit: Int) throws -> [Cell] {
        var h = XMLScanner()
        var out: [Cell] = []
        var row = 0, nextColumn = 1
        var ref: (row: Int, column: Int)?, type = "", value = "", inValue = false, tooMany = false
        h.onStart = { name, attributes in
            switch local(name) {
            case "row":
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                nextColumn = 1
            case "c":
                ref = attributes["r"].flatMap(reference) ?? (row, nextColumn)
                type = attributes["t"] ?? "n"; value = ""
            case "v", "t": inValue = ref != nil
            default: break
            }
        }
        h.onText = { if inValue { value += $0 } }
        h.onEnd = { name in
            switch local(name) {
            case "v", "t": inValue = false
            case "c":
                guard let at = ref else { return }
                ref = nil
                nextColumn = at.column + 1
                var text = value
                switch type {
                case "s": text = Int(value.trimmingSpaces).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "b": text = value == "1" ? "true" : (value == "0" ? "false" : value)
                default: break
                }
                guard !text.isEmpty else { return }
                if out.count >= limit { tooMany = true; return }
                out.append(Cell(row: at.row, column: at.column, text: text))
            default: break
            }
        }
        try parse(h, data, part: part)
        if tooMany { throw TooManyCells(part: part) }
        return out
    }

    /// "C12" -> row 12, column 3.
    static func reference(_ r: String) -> (row: Int, column: Int)? {
        var column = 0, digits = ""
        for ch in r.uppercased().unicodeScalars {
            if digits.isEmpty, ch.value >= 65 && ch.value <= 90 {
                column = column * 26 + Int(ch.value - 64)
                if column > 16_384 { return nil }
            } else if ch.value >= 48 && ch.value <= 57 {
                digits.unicodeScalars.append(ch)
                if digits.count > 7 { return nil }
            } else { return nil }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        return (row, column)
    }

    /// "A1" style: column 3 -> "C", 28 -> "AB".
    static func columnName(_ column: Int) -> String {
        var n = column, out = ""
        while n > 0 { let d = (n - 1) % 26; out = String(UnicodeScalar(UInt8(65 + d))) + out; n = (n - 1) / 26 }
        return out
    }

    /// Element names without their namespace prefix (`x:c` and `c` alike).
    static func local(_ name: String) -> Substring { name.split(separator: ":").last ?? Substring(name) }

    /// Runs a scanner set up with its callbacks over one part, naming the part if it is not
    /// well formed.
    static func parse(_ scanner: XMLScanner, _ data: [UInt8], part: String) throws {
        do { try scanner.scan(data) } catch let e as XMLScanner.Malformed { throw Malformed(part: part, line: e.line) }
    }
}
