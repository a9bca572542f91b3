/// A small XML reader for the parts of a workbook: elements with attributes, text, CDATA,
/// comments and processing instructions; the five named entities and numeric references.
/// A DTD is refused (no entity of a file's own can expand), and so is anything not well formed:
/// a tag left open, an end tag that does not match, a stray `<` or `&`. Written here because
/// Foundation's XML parser on Linux traps on some malformed input (the fuzzer found it); this
/// one only ever returns or throws.
struct XMLScanner {
    struct Malformed: Error { var line: Int }

    var onStart: (String, [String: String]) -> Void = { _, _ in }
    var onEnd: (String) -> Void = { _ in }
    var onText: (String) -> Void = { _ in }

    func scan(_ bytes: [UInt8]) throws {
        let n = bytes.count
        // A UTF-8 byte-order mark may come first.
        var i = n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var open: [String] = []
        var sawRoot = false
        func fail(_ at: Int) -> Malformed { Malformed(line: 1 + bytes[0..<min(at, n)].reduce(0) { $1 == 10 ? $0 + 1 : $0 }) }
        func starts(_ s: String, _ at: Int) -> Bool {
            let u = Array(s.utf8)
            return at + u.count <= n && bytes[at..<(at + u.count)].elementsEqual(u)
        }
        /// Index of the first `s` at or after `from`.
        func find(_ s: String, _ from: Int) -> Int? {
            let u = Array(s.utf8)
            var k = from
            while k + u.count <= n {
                if bytes[k] == u[0] && bytes[k..<(k + u.count)].elementsEqual(u) { return k }
                k += 1
            }
            return nil
        }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        func decode(_ from: Int, _ to: Int) throws -> String {
            var out: [UInt8] = []
            out.reserveCapacity(to - from)
            var k = from
            while k < to {
                let b = bytes[k]
                if b == UInt8(ascii: "<") { throw fail(k) }
                guard b == UInt8(ascii: "&") else { out.append(b); k += 1; continue }
                guard let semi = bytes[k..<to].firstIndex(of: UInt8(ascii: ";")), semi - k <= 12 else { throw fail(k) }
                let name = String(decoding: bytes[(k + 1)..<semi], as: UTF8.self)
                let scalar: Unicode.Scalar?
                switch name {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16) { scalar = Unicode.Scalar(v) }
                    else if name.hasPrefix("#"), let v = UInt32(name.dropFirst(), radix: 10) { scalar = Unicode.Scalar(v) }
                    else { scalar = nil }
                }
                guard let scalar, scalar.value != 0 else { throw fail(k) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                k = semi + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                let next = bytes[i...].firstIndex(of: UInt8(ascii: "<")) ?? n
                let text = try decode(i, next)
                if open.isEmpty {
                    // Outside the root only white space may stand.
                    guard bytes[i..<next].allSatisfy(isSpace) else { throw fail(i) }
                } else { onText(text) }
                i = next
                continue
            }
            if starts("<?", i) {
                guard let e = find("?>", i + 2) else { throw fail(i) }
                i = e + 2
            } else if starts("<!--", i) {
                guard let e = find("-->", i + 4) else { throw fail(i) }
                i = e + 3
            } else if starts("<![CDATA[", i) {
                guard !open.isEmpty, let e = find("]]>", i + 9) else { throw fail(i) }
                onText(String(decoding: bytes[(i + 9)..<e], as: UTF8.self))
                i = e + 3
            } else if starts("<!", i) {
                throw fail(i) // a DTD: never in a workbook
            } else if starts("</", i) {
                guard let e = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { throw fail(i) }
                var nameEnd = e
                while nameEnd > i + 2 && isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
                let name = String(decoding: bytes[(i + 2)..<nameEnd], as: UTF8.self)
                guard let top = open.last, top == name else { throw fail(i) }
                open.removeLast()
                onEnd(name)
                i = e + 1
            } else {
                // A start tag: name, then attributes name="value" or name='value'.
                var k = i + 1
                while k < n && !isSpace(bytes[k]) && bytes[k] != UInt8(ascii: ">") && bytes[k] != UInt8(ascii: "/") { k += 1 }
                guard k > i + 1, k < n else { throw fail(i) }
                if open.isEmpty && sawRoot { throw fail(i) } // a second root
                let name = String(decoding: bytes[(i + 1)..<k], as: UTF8.self)
                var attributes: [String: String] = [:]
                var selfClosing = false
                while true {
                    while k < n && isSpace(bytes[k]) { k += 1 }
                    guard k < n else { throw fail(i) }
                    if bytes[k] == UInt8(ascii: ">") { k += 1; break }
                    if bytes[k] == UInt8(ascii: "/") {
                        guard k + 1 < n, bytes[k + 1] == UInt8(ascii: ">") else { throw fail(k) }
                        selfClosing = true; k += 2; break
                    }
                    let a = k
                    while k < n && !isSpace(bytes[k]) && bytes[k] != UInt8(ascii: "=") && bytes[k] != UInt8(ascii: ">") && bytes[k] != UInt8(ascii: "/") { k += 1 }
                    guard k > a else { throw fail(k) }
                    let attribute = String(decoding: bytes[a..<k], as: UTF8.self)
                    while k < n && isSpace(bytes[k]) { k += 1 }
                    guard k < n, bytes[k] == UInt8(ascii: "=") else { throw fail(k) }
                    k += 1
                    while k < n && isSpace(bytes[k]) { k += 1 }
                    guard k < n, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") else { throw fail(k) }
                    let quote = bytes[k]
                    guard let close = bytes[(k + 1)...].firstIndex(of: quote) else { throw fail(k) }
                    guard attributes[attribute] == nil else { throw fail(a) }
                    attributes[attribute] = try decode(k + 1, close)
                    k = close + 1
                }
                sawRoot = true
                onStart(name, attributes)
                if selfClosing { onEnd(name) } else { open.append(name) }
                i = k
            }
        }
        guard open.isEmpty, sawRoot else { throw fail(n) }
    }
}
