/// Terminal columns of text, as GCC counts them in diagnostics: East Asian wide and fullwidth
/// characters (Chinese among them) take two, combining marks none, everything else one.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        guard let v = c.unicodeScalars.first?.value else { return 1 }
        switch c.unicodeScalars.first?.properties.generalCategory { case .nonspacingMark?, .format?: return 0; default: break }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The columns a whole text takes.
    public static func of<S: StringProtocol>(text: S) -> Int { text.reduce(0) { $0 + of($1) } }

    /// The display column (1-based) of the `character`-th character (1-based) of `line`.
    public static func column<S: StringProtocol>(in line: S, character: Int) -> Int {
        var col = 1
        for (i, c) in line.enumerated() {
            if i >= character - 1 { break }
            col += c == "\r" ? 0 : of(c)
        }
        // A column past the end (an error at the line's end) keeps counting one a character.
        return col + max(0, character - 1 - line.count)
    }
}
