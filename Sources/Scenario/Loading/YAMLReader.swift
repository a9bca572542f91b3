/// Reads a composed YAML tree into typed values, collecting errors with the position and key
/// path of each offending node instead of stopping at the first. Every mapping is checked
/// against its known keys: a misspelt key is an error, never silently ignored.
final class YAMLReader {
    let file: String
    private(set) var errors: [ScenarioError] = []
    /// Files read besides the one composed (a buildings CSV or workbook).
    var filesRead: [String] = []

    init(file: String) { self.file = file }

    /// The source, to turn libyaml's character columns into display columns when an error is
    /// reported; split into lines only then (a district's file has hundreds of thousands).
    private var source = ""
    private lazy var lines: [Substring] = source.split(separator: "\n", omittingEmptySubsequences: false)

    func fail(_ node: Node?, _ path: String, _ message: String, kind: ScenarioError.Kind = .badData) {
        let mark = node?.mark
        let line = mark?.line ?? 1
        errors.append(ScenarioError(file: file, line: line, column: displayColumn(line, mark?.column ?? 1),
                                    keyPath: path, message: message, kind: kind))
    }

    /// Columns as compilers print them: a wide (CJK) character counts two.
    func displayColumn(_ line: Int, _ column: Int) -> Int {
        guard line >= 1, line <= lines.count else { return column }
        return DisplayWidth.column(in: lines[line - 1], character: column)
    }

    /// Parses the text; a syntax error becomes one positioned error.
    func compose(_ text: String) -> Node? {
        source = text
        switch YAMLComposer.compose(text) {
        case .document(let root):
            return root
        case .empty:
            fail(nil, "", "the file is empty; expected a mapping with keys such as `name`, `round`, `buildings`")
            return nil
        case .failure(let p):
            errors.append(ScenarioError(file: file, line: p.line, column: displayColumn(p.line, p.column), keyPath: "", message: p.message))
            return nil
        }
    }

    // MARK: Mappings and sequences

    /// The mapping's entries by key, after checking that every key is known and every required
    /// key is present. Returns nil (with an error) if `node` is not a mapping.
    func mapping(_ node: Node, _ path: String, required: [String] = [], optional: [String] = []) -> Fields? {
        guard case .mapping(let m) = node else {
            fail(node, path, "expected a mapping (keys and values), found \(YAMLReader.kind(node))")
            return nil
        }
        var entries: [String: Node] = [:]
        entries.reserveCapacity(m.count)
        for (k, v) in m {
            guard let key = k.string else { fail(k, path, "keys must be plain names"); continue }
            if !required.contains(key) && !optional.contains(key) {
                var known = required
                for k in optional where !known.contains(k) { known.append(k) }
                let near = YAMLReader.closest(key, in: known)
                fail(k, join(path, key), "unknown key `\(key)`" + (near.map { "; did you mean `\($0)`?" } ?? "")
                     + " Known keys here: " + known.joined(separator: ", "))
                continue
            }
            entries[key] = v
        }
        for r in required where entries[r] == nil {
            fail(node, join(path, r), "missing required key `\(r)`")
        }
        return Fields(reader: self, node: node, path: path, entries: entries)
    }

    func sequence(_ node: Node, _ path: String, nonEmpty: Bool = false) -> [Node]? {
        guard case .sequence(let s) = node else {
            fail(node, path, "expected a list (lines starting with `- `), found \(YAMLReader.kind(node))")
            return nil
        }
        if nonEmpty && s.isEmpty { fail(node, path, "expected at least one entry"); return nil }
        return Array(s)
    }

    // MARK: Scalars

    func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let s) = node else {
            fail(node, path, "expected text, found \(YAMLReader.kind(node))"); return nil
        }
        return s.string
    }

    func identifier(_ node: Node, _ path: String) -> String? {
        guard let s = string(node, path) else { return nil }
        if let problem = ScenarioID.problem(s) {
            fail(node, path, problem)
            return nil
        }
        return s
    }

    func int(_ node: Node, _ path: String, min: Int = 0, max: Int = Int.max) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard case .scalar(let s) = node, s.style == .plain, let v = Int(text) else {
            fail(node, path, "expected a whole number such as 12, found `\(text)`")
            return nil
        }
        guard v >= min && v <= max else {
            fail(node, path, "\(v) is out of range; expected a whole number from \(min)" + (max == Int.max ? " up" : " to \(max)"))
            return nil
        }
        return v
    }

    func double(_ node: Node, _ path: String, min: Double = 0, max: Double = .infinity, minExclusive: Bool = false) -> Double? {
        guard let text = string(node, path) else { return nil }
        guard case .scalar(let s) = node, s.style == .plain, let v = Double(text), v.isFinite else {
            fail(node, path, "expected a number such as 2.5, found `\(text)`")
            return nil
        }
        let tooLow = minExclusive ? v <= min : v < min
        guard !tooLow && v <= max else {
            let lower = minExclusive ? "greater than \(YAMLReader.show(min))" + (max == .infinity ? "" : " and at most") : "from \(YAMLReader.show(min))"
            fail(node, path, "\(YAMLReader.show(v)) is out of range; expected a number \(lower)" + (max == .infinity ? "" : (minExclusive ? " " : " to ") + YAMLReader.show(max)))
            return nil
        }
        return v
    }

    func share(_ node: Node, _ path: String) -> Double? {
        double(node, path, min: 0, max: 1)
    }

    func clock(_ node: Node, _ path: String) -> Double? {
        guard let text = string(node, path) else { return nil }
        guard let t = ClockTime.parse(text) else {
            fail(node, path, "`\(text)` is not a clock time; expected \"HH:MM\" such as \"07:30\"")
            return nil
        }
        return t
    }

    /// "HH:MM-HH:MM" with the end after the start.
    func window(_ node: Node, _ path: String) -> ClockWindow? {
        guard let text = string(node, path) else { return nil }
        let parts = text.split(separator: "-").map { String($0).trimmingSpaces }
        guard parts.count == 2, let a = ClockTime.parse(parts[0]), let b = ClockTime.parse(parts[1]) else {
            fail(node, path, "`\(text)` is not a clock window; expected \"HH:MM-HH:MM\" such as \"07:00-07:30\"")
            return nil
        }
        guard b > a else {
            fail(node, path, "window `\(text)` ends before it starts; expected the end after the start")
            return nil
        }
        return ClockWindow(start: a, end: b)
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "`\(s.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    static func show(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    /// The known key within edit distance 2 of a misspelt one, if any.
    static func closest(_ key: String, in known: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var prev = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let k = Array(key)
        return known.map { ($0, distance(k, Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }
}

/// The entries of one mapping with typed accessors; a missing optional key gives the default.
struct Fields {
    let reader: YAMLReader
    let node: Node
    let path: String
    let entries: [String: Node]

    subscript(key: String) -> Node? { entries[key] }
    func path(_ key: String) -> String { reader.join(path, key) }

    func string(_ key: String, default d: String? = nil) -> String? {
        entries[key].flatMap { reader.string($0, path(key)) } ?? d
    }
    func identifier(_ key: String) -> String? { entries[key].flatMap { reader.identifier($0, path(key)) } }
    /// A name (`Limits.nameProblem`), trimmed.
    func name(_ key: String) -> String? {
        guard let node = entries[key], let text = reader.string(node, path(key)) else { return nil }
        if let problem = Limits.nameProblem(text) { reader.fail(node, path(key), problem); return nil }
        return text.trimmingCharacters(in: .whitespaces)
    }
    func int(_ key: String, default d: Int? = nil, min: Int = 0, max: Int = Int.max) -> Int? {
        guard let n = entries[key] else { return d }
        return reader.int(n, path(key), min: min, max: max)
    }
    func double(_ key: String, default d: Double? = nil, min: Double = 0, max: Double = .infinity, minExclusive: Bool = false) -> Double? {
        guard let n = entries[key] else { return d }
        return reader.double(n, path(key), min: min, max: max, minExclusive: minExclusive)
    }
    func share(_ key: String, default d: Double? = nil) -> Double? {
        guard let n = entries[key] else { return d }
        return reader.share(n, path(key))
    }
    func clock(_ key: String, default d: Double? = nil) -> Double? {
        guard let n = entries[key] else { return d }
        return reader.clock(n, path(key))
    }
    func window(_ key: String, default d: ClockWindow? = nil) -> ClockWindow? {
        guard let n = entries[key] else { return d }
        return reader.window(n, path(key))
    }
    /// Minutes in the file, seconds in the model; at most a day unless told otherwise.
    func minutes(_ key: String, default d: Double? = nil, min: Double = 0, minExclusive: Bool = false,
                 max: Double = Limits.maxMinutes) -> Double? {
        guard let n = entries[key] else { return d.map { $0 * 60 } }
        return reader.double(n, path(key), min: min, max: max, minExclusive: minExclusive).map { $0 * 60 }
    }
    /// A duration in seconds, at most a day.
    func seconds(_ key: String, default d: Double? = nil, min: Double = 0, minExclusive: Bool = false) -> Double? {
        double(key, default: d, min: min, max: Limits.maxSeconds, minExclusive: minExclusive)
    }
    /// A coordinate in metres.
    func coordinate(_ key: String) -> Double? {
        double(key, min: -Limits.coordinateMetres, max: Limits.coordinateMetres)
    }
    func double(_ key: String, default d: Double? = nil, in range: ClosedRange<Double>) -> Double? {
        double(key, default: d, min: range.lowerBound, max: range.upperBound)
    }
    func list(_ key: String, nonEmpty: Bool = false) -> [(Node, String)]? {
        guard let n = entries[key], let items = reader.sequence(n, path(key), nonEmpty: nonEmpty) else { return nil }
        return items.enumerated().map { ($0.element, "\(path(key))[\($0.offset)]") }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}

/// Ids declared in a file: a set to look them up in constant time (districts have thousands)
/// and the list, for messages that name some of them.
struct KnownIDs {
    let list: [String]
    private let set: Set<String>
    init(_ list: [String]) { self.list = list; set = Set(list) }
    func contains(_ id: String) -> Bool { set.contains(id) }
    var count: Int { list.count }
    /// Up to a dozen ids for a message, then how many more.
    func joined(separator: String) -> String {
        list.count <= 12 ? list.joined(separator: separator)
            : list.prefix(12).joined(separator: separator) + " and \(list.count - 12) more"
    }
}
