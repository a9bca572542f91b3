/// A buildings CSV as a table of its values, and edits of those values made in place: only the
/// edited cell's text changes (quoted only when the value needs it), every other cell, line and
/// the byte-order mark stay as written. Rows written over several lines (a quoted line break)
/// are shown but not edited.
public enum CSVEditing {
    public struct Row: Sendable, Equatable {
        /// The row's line, from 1; nil when it spans several lines.
        public var line: Int?
        public var values: [String]
    }

    public struct Table: Sendable, Equatable {
        public var header: [String]
        public var rows: [Row]
    }

    /// The field `field` (from 0) of the row on line `line`, which said `old`, is to say `new`.
    public struct Edit: Sendable, Equatable, Codable {
        public var line: Int
        public var field: Int
        public var old: String
        public var new: String
        public init(line: Int, field: Int, old: String, new: String) { self.line = line; self.field = field; self.old = old; self.new = new }
    }

    public static func table(_ text: String) throws -> Table {
        let t = try CSVTable.parse(text)
        return Table(header: t.header.map(\.text), rows: t.rows.map { cells in
            let line = cells.first?.line
            let single = cells.allSatisfy { $0.line == line && !$0.text.contains("\n") }
            return Row(line: single ? line : nil, values: cells.map(\.text))
        })
    }

    public static func applying(_ edits: [Edit], to text: String) throws -> String {
        guard !edits.isEmpty else { return text }
        var lines = SourceEditing.lines(text)
        for e in edits {
            guard lines.indices.contains(e.line - 1) else { throw SourceEditing.Failure.moved(line: e.line, column: e.field + 1) }
            guard !e.new.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) else { throw SourceEditing.Failure.notAValue(e.new) }
            var line = lines[e.line - 1]
            let cr = line.hasSuffix("\r")
            if cr { line.removeLast() }
            var fields = split(line)
            guard fields.indices.contains(e.field), decode(fields[e.field]) == e.old else { throw SourceEditing.Failure.moved(line: e.line, column: e.field + 1) }
            fields[e.field] = encode(e.new)
            lines[e.line - 1] = fields.joined(separator: ",") + (cr ? "\r" : "")
        }
        return lines.joined(separator: "\n")
    }

    /// A one-line record's fields as written (quotes kept).
    static func split(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        for c in line {
            if c == "\"" { quoted.toggle(); field.append(c) }
            else if c == "," && !quoted { out.append(field); field = "" }
            else { field.append(c) }
        }
        out.append(field)
        return out
    }

    static func decode(_ raw: String) -> String {
        var s = raw
        if s.first == "\u{FEFF}" { s.removeFirst() }
        guard s.count >= 2, s.first == "\"", s.last == "\"" else { return s }
        return String(s.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    static func encode(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" }) || value.first == " " || value.last == " " else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
