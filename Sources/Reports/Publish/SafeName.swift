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
