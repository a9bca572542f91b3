import CInflate
import Foundation

/// The entries of a ZIP archive held in memory, as far as a workbook needs: the central
/// directory, each entry's local header, and its data stored or deflated (zlib's raw inflate),
/// with every offset and length checked against the bytes there are, the unpacked size capped
/// and the CRC-32 compared. ZIP64, encryption and other methods are refused. Written here, not
/// taken from a package, so that no input, however crafted, can trap.
struct ZipArchive {
    struct Entry {
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeader: Int
    }

    enum Failure: Error {
        case notZip
        case unsupported(String)
        case corrupt(String)
        case tooLarge(String, Int)
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    init(_ data: Data) throws {
        bytes = [UInt8](data)
        let n = bytes.count
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535.
        guard n >= 22 else { throw Failure.notZip }
        var end = -1
        var i = n - 22
        while i >= max(0, n - 22 - 65_535) {
            if u32(i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw Failure.notZip }
        let count = Int(u16(end + 10)), size = Int(u32(end + 12)), offset = Int(u32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw Failure.unsupported("a ZIP64 archive (over 4 GB or 65,535 parts)") }
        guard offset <= end, size <= end - offset else { throw Failure.corrupt("the central directory lies outside the file") }
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= offset + size, u32(p) == 0x0201_4B50 else { throw Failure.corrupt("a central directory entry is cut short") }
            let nameLength = Int(u16(p + 28)), extra = Int(u16(p + 30)), comment = Int(u16(p + 32))
            guard p + 46 + nameLength + extra + comment <= offset + size else { throw Failure.corrupt("a central directory entry is cut short") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(method: u16(p + 10), flags: u16(p + 8), crc: u32(p + 16), compressedSize: Int(u32(p + 20)),
                              uncompressedSize: Int(u32(p + 24)), localHeader: Int(u32(p + 42)))
            if entries[name] == nil { entries[name] = entry }
            p += 46 + nameLength + extra + comment
        }
    }

    /// An entry's bytes, unpacked; nil when the archive has no such entry. `limit` caps what
    /// it may unpack to, whatever its header says.
    func data(_ name: String, limit: Int) throws -> [UInt8]? {
        guard let e = entries[name] else { return nil }
        if e.flags & 1 != 0 { throw Failure.unsupported("a password-protected workbook") }
        if e.compressedSize == 0xFFFF_FFFF || e.uncompressedSize == 0xFFFF_FFFF { throw Failure.unsupported("a ZIP64 archive (over 4 GB or 65,535 parts)") }
        guard e.uncompressedSize <= limit else { throw Failure.tooLarge(name, e.uncompressedSize) }
        let h = e.localHeader
        guard h <= bytes.count - 30, u32(h) == 0x0403_4B50 else { throw Failure.corrupt("part `\(name)` has no local header") }
        let start = h + 30 + Int(u16(h + 26)) + Int(u16(h + 28))
        guard start <= bytes.count, e.compressedSize <= bytes.count - start else { throw Failure.corrupt("part `\(name)` runs past the end of the file") }
        let out: [UInt8]
        switch e.method {
        case 0:
            guard e.compressedSize == e.uncompressedSize else { throw Failure.corrupt("stored part `\(name)` has two sizes") }
            out = Array(bytes[start..<(start + e.compressedSize)])
        case 8:
            out = try inflate(start, e.compressedSize, expected: e.uncompressedSize, name: name)
        default:
            throw Failure.unsupported("part `\(name)` compressed by method \(e.method) (Excel uses deflate)")
        }
        let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == e.crc else { throw Failure.corrupt("part `\(name)` fails its checksum") }
        return out
    }

    /// Raw deflate, 64 KB at a time: more output than the header states, or less, is
    /// corruption (and nothing is allocated for a size the data does not back).
    private func inflate(_ start: Int, _ length: Int, expected: Int, name: String) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        out.reserveCapacity(min(expected, 1 << 20))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
            stream.avail_in = uInt(length)
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CInflate.inflate(&stream, Z_NO_FLUSH)
                }
                out.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if out.count > expected { throw Failure.corrupt("part `\(name)` unpacks to more than its stated size") }
            }
        }
        guard status == Z_STREAM_END, out.count == expected else {
            throw Failure.corrupt("part `\(name)` does not unpack to its stated size")
        }
        return out
    }

    private func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
}
