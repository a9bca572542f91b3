/// CSV output (RFC 4180) that a spreadsheet opens safely: a text cell that a spreadsheet would
/// run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading
/// apostrophe, as OWASP advises; numbers are written by us and never escaped. Every document
/// starts with a UTF-8 byte-order mark.
public struct CSVDocument {
    public enum Cell {
        case text(String)
        case number(Double, decimals: Int)
        case integer(Int)
    }

    private var lines: [String] = []

    public init(header: [String]) { lines.append(header.map(CSVDocument.escape).joined(separator: ",")) }

    public mutating func append(_ cells: [Cell]) {
        lines.append(cells.map { cell -> String in
            switch cell {
            case .text(let s): return CSVDocument.escape(s)
            case .number(let x, let d): return Format.fixed(x, d)
            case .integer(let n): return String(n)
            }
        }.joined(separator: ","))
    }

    /// The document, starting with a UTF-8 byte-order mark: without it Excel on a Chinese
    /// Windows reads the file in the local code page and shows the Chinese as mojibake.
    public var text: String { "\u{FEFF}" + lines.joined(separator: "\n") + "\n" }

    public static func escape(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            s = "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return s
    }
}
