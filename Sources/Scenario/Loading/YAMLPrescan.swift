// Yams builds on libyaml (its `CYaml` target); its events are what the composer reads.
import CYaml

/// One pass over libyaml's events before Yams composes the tree. It refuses anchors and
/// aliases: an alias used as a mapping key is hashed in full by the composer, so a small "alias
/// bomb" runs for minutes, and no planner needs them. It also finds a repeated key at the
/// repetition (Yams reports the first occurrence). Syntax errors are left to Yams, which
/// describes them.
enum YAMLPrescan {
    struct Problem: Equatable {
        /// 1-based, columns counted in characters (as Yams's marks are).
        var line: Int
        var column: Int
        var message: String
    }

    private struct Frame {
        var isMapping: Bool
        var expectingKey = true
        var keys: [String: Int] = [:]
    }

    /// Deeper nesting is no scenario, and the composer recurses once per level.
    static let maxDepth = 64

    static func check(_ text: String) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buf -> Problem? in
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var frames: [Frame] = []
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                func refuse(_ what: String) -> Problem {
                    Problem(line: line, column: column, message: "\(what) are not allowed in SwabPlan files; write the value out in full where it is used")
                }
                /// A node starts: a key (or value) of the mapping on top, or an item of a list.
                func node(scalar: String?) -> Problem? {
                    guard let top = frames.indices.last, frames[top].isMapping else { return nil }
                    defer { frames[top].expectingKey.toggle() }
                    guard frames[top].expectingKey, let key = scalar else { return nil }
                    if let first = frames[top].keys[key] {
                        return Problem(line: line, column: column,
                                       message: "duplicate key `\(key)` (first at line \(first)); each key may appear once in a mapping")
                    }
                    frames[top].keys[key] = line
                    return nil
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return refuse("aliases (`*name`)")
                case YAML_SCALAR_EVENT:
                    if event.data.scalar.anchor != nil { return refuse("anchors (`&name`)") }
                    let value = String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: Int(event.data.scalar.length)), as: UTF8.self)
                    if let p = node(scalar: value) { return p }
                case YAML_SEQUENCE_START_EVENT where frames.count >= maxDepth, YAML_MAPPING_START_EVENT where frames.count >= maxDepth:
                    return Problem(line: line, column: column, message: "lists and mappings nested more than \(maxDepth) deep; a scenario needs fewer than ten levels")
                case YAML_SEQUENCE_START_EVENT:
                    if event.data.sequence_start.anchor != nil { return refuse("anchors (`&name`)") }
                    if let p = node(scalar: nil) { return p }
                    frames.append(Frame(isMapping: false))
                case YAML_MAPPING_START_EVENT:
                    if event.data.mapping_start.anchor != nil { return refuse("anchors (`&name`)") }
                    if let p = node(scalar: nil) { return p }
                    frames.append(Frame(isMapping: true))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    _ = frames.popLast()
                default:
                    break
                }
            }
        }
    }
}
