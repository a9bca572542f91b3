/// A small RFC 4180 reader: header row, comma separators, double-quoted cells with `""`
/// escapes. Each cell keeps its line and column so a bad value is reported where it stands.
struct CSVTable {
    struct Cell { var text: String; var line: Int; var column: Int }
    var header: [Cell]
    var rows: [[Cell]]

    enum ParseError: Error { case unterminatedQuote(line: Int, column: Int) }

    static func parse(_ text: String) throws -> CSVTable {
        var records: [[Cell]] = []
        var record: [Cell] = []
        var cell = ""
        var cellLine = 1, cellColumn = 1
        var line = 1, column = 1
        var inQuotes = false, quoteLine = 1, quoteColumn = 1
        var chars = Array(text.unicodeScalars.map(Character.init))
        if chars.first == "\u{FEFF}" { chars.removeFirst() } // spreadsheet BOM
        var i = 0
        func endCell() {
            record.append(Cell(text: cell, line: cellLine, column: cellColumn))
            cell = ""
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { cell.append("\""); i += 1; column += 1 }
                    else { inQuotes = false }
                } else {
                    cell.append(c)
                    if c == "\n" { line += 1; column = 0 }
                }
            } else if c == "\"" && cell.isEmpty {
                inQuotes = true; quoteLine = line; quoteColumn = column
            } else if c == "," {
                endCell(); cellLine = line; cellColumn = column + 1
            } else if c == "\n" || c == "\r" {
                if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
                endCell()
                if !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
                record = []
                line += 1; column = 0
                cellLine = line; cellColumn = 1
            } else {
                cell.append(c)
            }
            i += 1; column += 1
        }
        if inQuotes { throw ParseError.unterminatedQuote(line: quoteLine, column: quoteColumn) }
        if !cell.isEmpty || !record.isEmpty { endCell(); records.append(record) }
        guard let header = records.first else { return CSVTable(header: [], rows: []) }
        return CSVTable(header: header, rows: Array(records.dropFirst()))
    }
}
