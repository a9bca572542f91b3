/// File names built from ids: letters (any script), digits, `-`, `_` and `.` kept, anything else
/// (path separators above all) replaced by `_`; no leading dot, so `..` cannot climb out.
public enum SafeName {
    public static func file(_ id: String) -> String {
        var out = String(id.map { c -> Character in
            (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") && c != "/" && c != "\\" ? c : "_"
        })
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out.isEmpty ? "_" : out
    }

    /// File names made unique in one folder, ignoring case (`B1` and `b1` are one file on
    /// Windows and macOS, where planners copy publications): a later clash gets `~2`, `~3`.
    public struct Unique {
        private var taken: Set<String> = []
        public init() {}
        public mutating func claim(_ name: String) -> String {
            var candidate = name, n = 1
            while !taken.insert(candidate.lowercased()).inserted {
                n += 1
                candidate = name + "~\(n)"
            }
            return candidate
        }
    }
}

/// Text for HTML: the five characters that could open markup are escaped.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Text for Markdown (the publication's README.md): characters that start markup are
/// backslash-escaped and those that open HTML are written as entities, so a scenario name is
/// shown as written on GitHub, in WeChat previews and in editors.
public enum Markdown {
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "!", "{", "}", "~", "+", "-", ".":
                out += "\\" + String(c)
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
