/// A scenario file as tables of the values written in it, and edits of those values made in
/// place: only the edited value's text changes, so the planner's comments, layout, quoting and
/// everything else in the file survive a save from the workbench. Positions are the composer's
/// (line and column from 1, columns in Unicode scalars).
public enum SourceEditing {
    /// One value as written: where it starts and ends, and what it says.
    public struct Cell: Sendable, Equatable, Codable {
        public var line: Int
        public var column: Int
        public var endLine: Int
        public var endColumn: Int
        public var value: String
    }

    /// A list of mappings in the file (`sites`, `plan.call_ups`, `staff.cohorts`, ...), one row
    /// an item, one column a key with a scalar value in some item; or, for `keyPath` "", the
    /// scalar settings outside any list (`round.opening`, `planning.min_window_minutes`, ...)
    /// as rows of one cell under the column "value" keyed by `names`.
    public struct Table: Sendable, Equatable {
        public var keyPath: String
        public var columns: [String]
        public var rows: [[String: Cell]]
        /// For the settings table: each row's key path.
        public var names: [String]
        /// Each row's line when the item is written on a line of its own (`- {key: value, ...}`):
        /// such a row can be added after (a copy, edited) or removed (`changingItems`).
        public var itemLines: [Int?] = []
    }

    /// A change of one value: the cell at (`line`, `column`) that says `old` is to say `new`.
    public struct Edit: Sendable, Equatable, Codable {
        public var line: Int
        public var column: Int
        public var old: String
        public var new: String
        public init(line: Int, column: Int, old: String, new: String) { self.line = line; self.column = column; self.old = old; self.new = new }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case moved(line: Int, column: Int)
        case notAValue(String)
        case noPlace(line: Int, column: Int)
        public var description: String {
            switch self {
            case .unreadable(let why): return why
            case .moved(let l, let c): return "no value at line \(l), column \(c) says what the page showed; the file changed since it was opened: reload the page"
            case .notAValue(let v): return "`\(v)` cannot be written as a value (control characters); type it without them"
            case .noPlace(let l, let c): return "the empty value at line \(l), column \(c) has no colon before it (`{key}`); write `key: value` in the file itself"
            }
        }
    }

    /// The tables of `text`: the settings first, then each list of mappings in file order.
    public static func tables(_ text: String, file: String) throws -> [Table] {
        let root = try compose(text, file: file)
        let lines = SourceEditing.lines(text)
        /// `- {...}` alone on its line (a comment may follow), every value of it on that line.
        func ownLine(_ m: Node.Mapping) -> Int? {
            let l = m.mark.line
            guard lines.indices.contains(l - 1) else { return nil }
            var line = String(lines[l - 1]).trimmingSpaces
            if let hash = line.range(of: " #") { line = String(line[..<hash.lowerBound]).trimmingSpaces }
            guard line.hasPrefix("- {"), line.hasSuffix("}") else { return nil }
            for p in m.pairs {
                guard case .scalar(let k) = p.key, case .scalar(let v) = p.value, k.mark.line == l, v.end.line == l else { return nil }
            }
            return l
        }
        var settings = Table(keyPath: "", columns: ["value"], rows: [], names: [])
        var lists: [Table] = []
        func walk(_ node: Node, _ path: String, inList: Bool) {
            switch node {
            case .scalar(let s):
                if !inList && !path.isEmpty { settings.rows.append(["value": cell(s)]); settings.names.append(path) }
            case .mapping(let m):
                for p in m.pairs {
                    guard case .scalar(let k) = p.key else { continue }
                    walk(p.value, path.isEmpty ? k.string : path + "." + k.string, inList: inList)
                }
            case .sequence(let l):
                let maps = l.items.compactMap { item -> Node.Mapping? in if case .mapping(let m) = item { return m } else { return nil } }
                guard !maps.isEmpty, maps.count == l.items.count else { return }
                // The list before the lists inside its items.
                let at = lists.count
                lists.append(Table(keyPath: path, columns: [], rows: [], names: []))
                var table = lists[at]
                for (i, m) in maps.enumerated() {
                    var row: [String: Cell] = [:]
                    for p in m.pairs {
                        guard case .scalar(let k) = p.key else { continue }
                        if case .scalar(let v) = p.value {
                            row[k.string] = cell(v)
                            if !table.columns.contains(k.string) { table.columns.append(k.string) }
                        } else {
                            walk(p.value, "\(path)[\(i)].\(k.string)", inList: true)
                        }
                    }
                    table.rows.append(row)
                    table.itemLines.append(ownLine(m))
                }
                lists[at] = table
            }
        }
        walk(root, "", inList: false)
        return [settings] + lists
    }

    /// `text` with `edits` made, each value written as the file wrote it (its quotes kept; a
    /// plain value that would no longer read back plain is double-quoted).
    public static func applying(_ edits: [Edit], to text: String, file: String) throws -> String {
        guard !edits.isEmpty else { return text }
        let root = try compose(text, file: file)
        var scalars: [String: Node.Scalar] = [:]
        func collect(_ node: Node) {
            switch node {
            case .scalar(let s): scalars["\(s.mark.line):\(s.mark.column)"] = s
            case .mapping(let m): for p in m.pairs { collect(p.value) }
            case .sequence(let l): for i in l.items { collect(i) }
            }
        }
        collect(root)
        var replacements: [(start: Node.Mark, end: Node.Mark, text: String)] = []
        let lines = SourceEditing.lines(text)
        for e in edits {
            guard let s = scalars["\(e.line):\(e.column)"], s.string == e.old else { throw Failure.moved(line: e.line, column: e.column) }
            guard !e.new.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { throw Failure.notAValue(e.new) }
            guard s.mark.line == s.end.line else { throw Failure.moved(line: e.line, column: e.column) }
            // An empty value (`key:` alone) sits right after its colon: a space first, or the
            // text would join the key (`key:x` is one plain scalar, not a mapping). One with no
            // colon before it (`{key}`) has no place to type into.
            var typed = written(e.new, like: s.style)
            if s.mark.column == s.end.column && !e.new.isEmpty {
                let before = lines.indices.contains(s.mark.line - 1) ? Array(lines[s.mark.line - 1].unicodeScalars.prefix(s.mark.column - 1)) : []
                guard before.last(where: { $0 != " " && $0 != "\t" }) == ":" else { throw Failure.noPlace(line: e.line, column: e.column) }
                typed = " " + typed
            }
            replacements.append((s.mark, s.end, typed))
        }
        // From the last to the first, so that earlier positions still hold.
        var edited = lines.map { Array($0.unicodeScalars) }
        for r in replacements.sorted(by: { ($0.start.line, $0.start.column) > ($1.start.line, $1.start.column) }) {
            let k = r.start.line - 1
            guard edited.indices.contains(k), r.start.column - 1 <= edited[k].count, r.end.column - 1 <= edited[k].count else {
                throw Failure.moved(line: r.start.line, column: r.start.column)
            }
            edited[k].replaceSubrange((r.start.column - 1)..<(r.end.column - 1), with: Array(r.text.unicodeScalars))
        }
        return edited.map { var s = String.UnicodeScalarView(); s.append(contentsOf: $0); return String(s) }.joined(separator: "\n")
    }

    /// A row added after a one-line item: a copy of that line with some of its values changed.
    public struct Addition: Sendable, Equatable, Codable {
        public var after: Int
        public var values: [String: String]
        public init(after: Int, values: [String: String]) { self.after = after; self.values = values }
    }

    /// `text` with rows added after one-line items (each a copy of its line, then its values
    /// changed) and one-line items removed (by line); `lines` says what each named line held
    /// when the page was made, so a file changed since is refused. Other lines stay as written.
    public static func changingItems(_ text: String, file: String, adding: [Addition], removing: [Int], lines expected: [Int: String]) throws -> String {
        var lines = SourceEditing.lines(text)
        for (l, was) in expected where !(lines.indices.contains(l - 1) && lines[l - 1] == was) { throw Failure.moved(line: l, column: 1) }
        let owned = Set(try tables(text, file: file).flatMap { $0.itemLines.compactMap { $0 } })
        for l in adding.map(\.after) + removing where !owned.contains(l) { throw Failure.moved(line: l, column: 1) }
        // From the bottom up, so that the lines above keep their numbers.
        enum Op { case add(Addition), remove(Int) }
        let ops = adding.map { (line: $0.after, op: Op.add($0)) } + removing.map { (line: $0, op: Op.remove($0)) }
        for (line, op) in ops.sorted(by: { $0.line > $1.line }) {
            switch op {
            case .remove: lines.remove(at: line - 1)
            case .add(let a):
                // The copy on its own, its values changed where asked.
                let copy = lines[line - 1]
                let item = try tables("x:\n" + copy, file: file).first { !$0.keyPath.isEmpty }
                guard let row = item?.rows.first else { throw Failure.moved(line: line, column: 1) }
                let edits = a.values.compactMap { key, value in row[key].map { Edit(line: $0.line, column: $0.column, old: $0.value, new: value) } }
                let changed = try applying(edits, to: "x:\n" + copy, file: file)
                lines.insert(String(changed.dropFirst(3)), at: line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with the value of its top-level key `key` (a block or a flow value, and the
    /// comments inside it) replaced by `value`, written as YAML under the key (each line
    /// indented two spaces); everything before and after is left as it was. Nil when the file
    /// has no such key.
    public static func replacingTopLevel(_ key: String, with value: [String], in text: String, file: String) throws -> String? {
        guard case .mapping(let m) = try compose(text, file: file) else { return nil }
        guard let k = m.pairs.firstIndex(where: { if case .scalar(let s) = $0.key { return s.string == key } else { return false } }),
              let start = m.pairs[k].key.mark?.line else { return nil }
        var lines = SourceEditing.lines(text)
        // Up to the next top-level key, less the comments and blank lines just before it (they
        // belong to that key).
        var end = k + 1 < m.pairs.count ? (m.pairs[k + 1].key.mark?.line ?? lines.count + 1) - 1 : lines.count
        while end > start, lines[end - 1].trimmingSpaces.isEmpty || lines[end - 1].trimmingSpaces.hasPrefix("#") { end -= 1 }
        lines.replaceSubrange((start - 1)..<end, with: [key + ":"] + value.map { "  " + $0 })
        return lines.joined(separator: "\n")
    }

    /// The lines of `text`, split at each line feed (a carriage return before it stays at the
    /// end of its line, so that a file written on Windows is written back as it was; Swift's
    /// own split sees "\r\n" as one character and would not split there).
    public static func lines(_ text: String) -> [String] {
        var out: [String] = [], line = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if u == "\n" { out.append(String(line)); line = String.UnicodeScalarView() } else { line.append(u) }
        }
        out.append(String(line))
        return out
    }

    /// A value as YAML text in the style it had.
    static func written(_ value: String, like style: Node.Scalar.Style) -> String {
        switch style {
        case .singleQuoted: return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .plain where plainSafe(value): return value
        default: return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    /// Reads back as the same string when written plain, in a block or a flow mapping.
    static func plainSafe(_ v: String) -> Bool {
        guard let first = v.first, let last = v.last, first != " ", last != " " else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if v.contains(": ") || v.contains(" #") || v.hasSuffix(":") { return false }
        return !v.contains(where: { ",[]{}".contains($0) })
    }

    static let loneCarriageReturn = "the file ends lines with a carriage return alone (an old Mac format), which the editor cannot place values in; save it with line feeds (LF or CRLF) to edit it here"

    static func cell(_ s: Node.Scalar) -> Cell {
        Cell(line: s.mark.line, column: s.mark.column, endLine: s.end.line, endColumn: s.end.column, value: s.string)
    }

    static func compose(_ text: String, file: String) throws -> Node {
        // libyaml breaks lines at a lone carriage return too, which `lines` does not: positions
        // would name the wrong line. Such a file (old Mac line ends) is run, not edited.
        var previous: Unicode.Scalar = "\n"
        for u in text.unicodeScalars {
            if previous == "\r" && u != "\n" { throw Failure.unreadable(loneCarriageReturn) }
            previous = u
        }
        if previous == "\r" { throw Failure.unreadable(loneCarriageReturn) }
        let r = YAMLReader(file: file)
        guard let root = r.compose(text) else { throw Failure.unreadable(ScenarioErrors(r.errors).description) }
        return root
    }
}
