import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text of a scenario or building file: UTF-8 (a byte-order mark, as Excel writes one, is
/// dropped), else GB18030, the encoding Chinese Windows saves "ANSI" text and CSV in. Decoded
/// whole, so every error still carries its line and column.
enum TextDecoding {
    static func decode(_ data: Data) -> String? {
        if var text = String(data: data, encoding: .utf8) {
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return text
        }
        return gb18030(data)
    }

    /// GB18030 to UTF-8 through iconv; nil if the bytes are not GB18030 either.
    static func gb18030(_ data: Data) -> String? {
        #if canImport(Glibc)
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in for (i, b) in raw.enumerated() { input[i] = CChar(bitPattern: b) } }
        // GB18030 characters are 1, 2 or 4 bytes; UTF-8 needs at most 4 for each, and a 2-byte
        // character may become 3: twice the input is enough.
        var output = [CChar](repeating: 0, count: data.count * 2 + 4)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var inLeft = inBuf.count, outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return false }
                let written = outBuf.count - outLeft
                outBuf[written] = 0
                return true
            }
        }
        guard ok else { return nil }
        return output.withUnsafeBufferPointer { String(validatingCString: $0.baseAddress!) }
        #else
        return nil
        #endif
    }

    /// UTF-8 to GB18030 (for tests and for writing files a Chinese Windows opens as they are).
    static func encodeGB18030(_ text: String) -> Data? {
        #if canImport(Glibc)
        let cd = iconv_open("GB18030", "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8CString.dropLast())
        var output = [CChar](repeating: 0, count: input.count * 2 + 4)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var inLeft = inBuf.count, outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
            }
        }
        guard let written else { return nil }
        return Data(output[0..<written].map { UInt8(bitPattern: $0) })
        #else
        return nil
        #endif
    }
}
