/// A composed YAML document as SwabPlan reads it: scalars as written (no tag resolution),
/// mappings as ordered pairs, every node with the position it starts at. Built by
/// `YAMLComposer` straight from libyaml's events; readers walk it with `YAMLReader`.
enum Node {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    struct Mark {
        /// From 1.
        var line: Int
        /// From 1, in Unicode scalars (as libyaml counts); `YAMLReader` turns it into a display column.
        var column: Int
    }

    struct Scalar {
        enum Style { case plain, singleQuoted, doubleQuoted, literal, folded }
        var string: String
        var style: Style
        var mark: Mark
        /// Just past its last character (its quotes included): what an edit of the value in
        /// place replaces.
        var end: Mark
    }

    /// Keys in the order written (the composer has refused a repeated scalar key).
    struct Mapping: Swift.Sequence {
        var pairs: [(key: Node, value: Node)]
        var mark: Mark

        /// The value under the scalar key `key`, if any.
        subscript(key: String) -> Node? {
            for p in pairs { if case .scalar(let s) = p.key, s.string == key { return p.value } }
            return nil
        }
        var count: Int { pairs.count }
        func makeIterator() -> IndexingIterator<[(key: Node, value: Node)]> { pairs.makeIterator() }
    }

    /// Items in order, and where the list starts (its first `-`, or its `[`).
    struct List: RandomAccessCollection {
        var items: [Node]
        var mark: Mark
        var startIndex: Int { 0 }
        var endIndex: Int { items.count }
        subscript(i: Int) -> Node { items[i] }
    }

    var mark: Mark? {
        switch self {
        case .scalar(let s): return s.mark
        case .mapping(let m): return m.mark
        case .sequence(let l): return l.mark
        }
    }

    /// The list's items; nil for a scalar or a mapping.
    var list: List? {
        if case .sequence(let l) = self { return l }
        return nil
    }

    /// The value under `key` of a mapping; nil for a scalar or a list.
    subscript(key: String) -> Node? {
        if case .mapping(let m) = self { return m[key] }
        return nil
    }

    /// The scalar's text; nil for a mapping or a list.
    var string: String? {
        if case .scalar(let s) = self { return s.string }
        return nil
    }
}
