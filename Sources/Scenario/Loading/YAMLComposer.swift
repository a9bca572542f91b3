// libyaml, through Yams's `CYaml` target (not a product of Yams; see Package.swift): its
// events are what the composer reads. Internal, so nothing else in the package reaches it.
internal import CYaml

/// Builds a `Node` tree from libyaml's events in one pass, with no recursion and no tag
/// resolution. It replaces Yams's composer, which resolved every scalar's tag with regular
/// expressions to hash the keys of each mapping: 68% of loading a 40,000-building district.
///
/// On the way it refuses what no scenario needs: anchors and aliases (an alias used as a key
/// is an "alias bomb"), nesting deeper than `maxDepth`, a repeated key (reported at the
/// repetition), and more than one document.
///
///     switch YAMLComposer.compose(text) { case .document(let root): ...; case .empty: ...; case .failure(let p): ... }
enum YAMLComposer {
    struct Problem: Equatable {
        /// 1-based; columns in Unicode scalars, as libyaml counts them.
        var line: Int
        var column: Int
        var message: String
    }

    enum Outcome {
        case document(Node)
        /// No document at all (an empty file, or comments only).
        case empty
        case failure(Problem)
    }

    /// Deeper nesting is no scenario.
    static let maxDepth = 64
    /// Mappings with more keys than this look repeated keys up in a table, not by a scan.
    private static let scanLimit = 16

    private struct Frame {
        var mark: Node.Mark
        var isMapping: Bool
        var items: [Node] = []
        var pairs: [(key: Node, value: Node)] = []
        var pendingKey: Node?
        /// Key -> line, once the mapping outgrows a scan.
        var keyLines: [String: Int]?
    }

    static func compose(_ text: String) -> Outcome {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(Problem(line: 1, column: 1, message: "YAML syntax: out of memory"))
        }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return .empty }
        return bytes.withUnsafeMutableBufferPointer { buf -> Outcome in
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return run(&parser)
        }
    }

    private static func run(_ parser: inout yaml_parser_t) -> Outcome {
        var stack: [Frame] = []
        var root: Node?
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(syntaxProblem(parser)) }
            defer { yaml_event_delete(&event) }
            let mark = Node.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            func refuse(_ what: String) -> Outcome {
                .failure(Problem(line: mark.line, column: mark.column,
                                 message: "YAML: \(what) are not allowed in SwabPlan files; write the value out in full where it is used"))
            }
            var finished: Node?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                guard let root else { return .empty }
                return .document(root)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(Problem(line: mark.line, column: mark.column,
                                            message: "YAML syntax: but found another document (expected a single document in the stream)"))
                }
            case YAML_ALIAS_EVENT:
                return refuse("aliases (`*name`)")
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                if s.anchor != nil { return refuse("anchors (`&name`)") }
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
                let end = Node.Mark(line: Int(event.end_mark.line) + 1, column: Int(event.end_mark.column) + 1)
                finished = .scalar(Node.Scalar(string: value, style: style(s.style), mark: mark, end: end))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                if anchor != nil { return refuse("anchors (`&name`)") }
                if stack.count >= maxDepth {
                    return .failure(Problem(line: mark.line, column: mark.column,
                                            message: "YAML: lists and mappings nested more than \(maxDepth) deep; a scenario needs fewer than ten levels"))
                }
                stack.append(Frame(mark: mark, isMapping: isMapping))
            case YAML_SEQUENCE_END_EVENT:
                let f = stack.removeLast()
                finished = .sequence(Node.List(items: f.items, mark: f.mark))
            case YAML_MAPPING_END_EVENT:
                let f = stack.removeLast()
                finished = .mapping(Node.Mapping(pairs: f.pairs, mark: f.mark))
            default:
                break
            }
            guard let node = finished else { continue }
            guard let top = stack.indices.last else { root = node; continue }
            if !stack[top].isMapping {
                stack[top].items.append(node)
            } else if let key = stack[top].pendingKey {
                stack[top].pairs.append((key, node))
                stack[top].pendingKey = nil
            } else {
                if let p = repeatedKey(node, in: &stack[top]) { return .failure(p) }
                stack[top].pendingKey = node
            }
        }
    }

    /// A scalar key the mapping already has, reported at the repetition.
    private static func repeatedKey(_ key: Node, in frame: inout Frame) -> Problem? {
        guard case .scalar(let k) = key else { return nil }
        var first: Int?
        if frame.keyLines == nil {
            for p in frame.pairs where p.key.string == k.string { first = p.key.mark?.line; break }
            if frame.pairs.count >= scanLimit {
                var table: [String: Int] = [:]
                for p in frame.pairs { if case .scalar(let s) = p.key, table[s.string] == nil { table[s.string] = s.mark.line } }
                frame.keyLines = table
            }
        } else {
            first = frame.keyLines![k.string]
        }
        if let first {
            return Problem(line: k.mark.line, column: k.mark.column,
                           message: "YAML: duplicate key `\(k.string)` (first at line \(first)); each key may appear once in a mapping")
        }
        frame.keyLines?[k.string] = k.mark.line
        return nil
    }

    private static func style(_ s: yaml_scalar_style_t) -> Node.Scalar.Style {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// libyaml's own words for a syntax error, where it found it (what Yams reported before).
    private static func syntaxProblem(_ parser: yaml_parser_t) -> Problem {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        switch parser.error {
        case YAML_READER_ERROR:
            return Problem(line: 1, column: 1, message: "YAML syntax: " + problem + "; the file must be UTF-8 text")
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let context = parser.context.map { " (\(String(cString: $0)))" } ?? ""
            return Problem(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                           message: "YAML syntax: " + problem + context)
        default:
            return Problem(line: 1, column: 1, message: "YAML syntax: " + problem)
        }
    }
}
