import CInflate

/// A ZIP archive of a publication, for a download: every file stored (no compression, so any
/// unzip reads it), names in UTF-8 (flag bit 11: Chinese names survive Windows and WeChat's
/// viewer), one fixed timestamp (1980-01-01) so that the same files give the same bytes. What
/// `ZipArchive` reads back; no ZIP64 (a publication is far below 4 GB and 65,535 files).
public enum ZipWriter {
    public static func archive(_ files: [(path: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func u16(_ x: Int, _ into: inout [UInt8]) { into += [UInt8(x & 0xFF), UInt8((x >> 8) & 0xFF)] }
        func u32(_ x: UInt32, _ into: inout [UInt8]) { for k in 0..<4 { into.append(UInt8((x >> (8 * UInt32(k))) & 0xFF)) } }
        let date = (0 << 9) | (1 << 5) | 1 // 1980-01-01
        for (path, bytes) in files {
            let name = Array(path.utf8)
            let crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            let offset = UInt32(out.count)
            // Local header.
            u32(0x0403_4B50, &out); u16(20, &out); u16(1 << 11, &out); u16(0, &out); u16(0, &out); u16(date, &out)
            u32(crc, &out); u32(UInt32(bytes.count), &out); u32(UInt32(bytes.count), &out); u16(name.count, &out); u16(0, &out)
            out += name
            out += bytes
            // Its central directory entry.
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(1 << 11, &central); u16(0, &central); u16(0, &central)
            u16(date, &central); u32(crc, &central); u32(UInt32(bytes.count), &central); u32(UInt32(bytes.count), &central)
            u16(name.count, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central)
            u32(offset, &central)
            central += name
        }
        let start = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(files.count, &out); u16(files.count, &out)
        u32(UInt32(central.count), &out); u32(start, &out); u16(0, &out)
        return out
    }
}
