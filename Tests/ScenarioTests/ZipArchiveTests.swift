import Foundation
@testable import Scenario
import XCTest
import ZIPFoundation

/// The ZIP reader under workbooks: what it reads, and each way an archive can lie refused with
/// a reason, never a trap (the fuzzer found ZIPFoundation's in-memory reader trapping on a
/// seek past the end; SwabPlan reads with its own checked reader).
final class ZipArchiveTests: XCTestCase {
    /// One stored entry, written by hand so that each field's offset is known: local header
    /// at 0, data at 30 + name, central directory after it, then the end record.
    func stored(_ name: String, _ payload: [UInt8], crc: UInt32? = nil, flags: UInt16 = 0, count: UInt16 = 1,
                localOffset: UInt32 = 0, compressedSize: UInt32? = nil) -> Data {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }
        let n = Array(name.utf8), c = crc ?? Self.crc32(payload), size = UInt32(payload.count)
        var bytes = le32(0x0403_4B50) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(0) + le32(c)
        bytes += le32(compressedSize ?? size) + le32(size) + le16(UInt16(n.count)) + le16(0) + n + payload
        let directory = bytes.count
        bytes += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(0) + le32(c)
        bytes += le32(compressedSize ?? size) + le32(size) + le16(UInt16(n.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(localOffset) + n
        let directorySize = bytes.count - directory
        bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count) + le32(UInt32(directorySize)) + le32(UInt32(directory)) + le16(0)
        return Data(bytes)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    func failure(_ data: Data, _ name: String = "a.xml", limit: Int = 1000) -> String {
        do { _ = try ZipArchive(data).data(name, limit: limit); return "read" } catch { return "\(error)" }
    }

    func testAStoredEntryReadsBack() throws {
        let payload = Array("<x>楼栋</x>".utf8)
        XCTAssertEqual(try ZipArchive(stored("a.xml", payload)).data("a.xml", limit: 1000), payload)
        XCTAssertNil(try ZipArchive(stored("a.xml", payload)).data("b.xml", limit: 1000))
    }

    func testEveryLieIsRefused() {
        let p = Array("<x/>".utf8)
        XCTAssertTrue(failure(stored("a.xml", p, crc: 1)).contains("fails its checksum"))
        XCTAssertTrue(failure(stored("a.xml", p, localOffset: 60_000)).contains("has no local header"))
        XCTAssertTrue(failure(stored("a.xml", p, compressedSize: 4_000_000)).contains("runs past the end"))
        XCTAssertTrue(failure(stored("a.xml", p, compressedSize: 2)).contains("has two sizes"))
        XCTAssertTrue(failure(stored("a.xml", p), limit: 2).contains("tooLarge(\"a.xml\", 4)"))
        XCTAssertTrue(failure(stored("a.xml", p, flags: 1)).contains("password-protected"))
        XCTAssertTrue(failure(stored("a.xml", p, count: 0xFFFF)).contains("ZIP64"))
        XCTAssertTrue(failure(stored("a.xml", p, count: 3)).contains("cut short"))
        XCTAssertTrue(failure(Data("id,residents\n".utf8)).contains("notZip"))
        XCTAssertTrue(failure(Data()).contains("notZip"))
    }

    /// A deflated part whose header understates or overstates what it unpacks to.
    func testADeflatedPartMustUnpackToItsStatedSize() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let text = Data(String(repeating: "<row><c>1</c></row>", count: 500).utf8)
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(with: "a.xml", type: .file, uncompressedSize: Int64(text.count), compressionMethod: .deflate) { position, size in
            text.subdata(in: Int(position)..<Int(position) + size)
        }
        var bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(try ZipArchive(Data(bytes)).data("a.xml", limit: 1 << 20), [UInt8](text))
        // The central directory's uncompressed size: at its offset (end record + 16) + 24.
        let end = bytes.count - 22
        let directory = Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(bytes[end + 19]) << 24
        for (stated, words) in [(100, "more than its stated size"), (text.count + 100, "does not unpack to its stated size")] {
            bytes[directory + 24] = UInt8(stated & 0xFF); bytes[directory + 25] = UInt8((stated >> 8) & 0xFF)
            bytes[directory + 26] = UInt8((stated >> 16) & 0xFF); bytes[directory + 27] = 0
            XCTAssertTrue(failure(Data(bytes), limit: 1 << 20).contains(words), failure(Data(bytes), limit: 1 << 20))
        }
    }
}

/// The XML reader under workbooks: what Excel and other writers put in a part, and what is
/// not well formed refused with its line.
final class XMLScannerTests: XCTestCase {
    func events(_ text: String) throws -> [String] {
        var out: [String] = []
        var s = XMLScanner()
        s.onStart = { name, attributes in out.append("<\(name)" + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined() + ">") }
        s.onEnd = { out.append("</\($0)>") }
        s.onText = { out.append($0) }
        try s.scan(Array(text.utf8))
        return out
    }

    func testWhatWorkbooksHold() throws {
        XCTAssertEqual(try events("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<x:c r='A1' t=\"s\"><!-- c --><x:v>1 &lt; 2 &amp; &#x4E2D;&#22269;</x:v><is><t><![CDATA[<b>]]></t></is><e/></x:c>\n"), [
            "<x:c r=A1 t=s>", "<x:v>", "1 < 2 & 中国", "</x:v>", "<is>", "<t>", "<b>", "</t>", "</is>", "<e>", "</e>", "</x:c>",
        ])
    }

    func testWhatIsNotWellFormedIsRefusedWithItsLine() {
        for (text, line) in [("<a><b></a>", 1), ("<a>\n<b>\n", 3), ("<a>&bogus;</a>", 1), ("<a>&#0;</a>", 1), ("<a x=1/>", 1),
                             ("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", 1), ("<a/><b/>", 1), ("text<a/>", 1), ("", 1),
                             ("<a x='1' x='2'/>", 1), ("<a>&#xD800;</a>", 1), ("<a>\n\n<</a>", 3)] {
            XCTAssertThrowsError(try events(text), text) { error in
                XCTAssertEqual((error as? XMLScanner.Malformed)?.line, line, text)
            }
        }
    }
}

extension ZipArchiveTests {
    /// What `ZipWriter` writes, `ZipArchive` reads back, Chinese names and all, byte for byte;
    /// the same files give the same archive.
    func testWrittenArchivesReadBack() throws {
        let files: [(path: String, bytes: [UInt8])] = [("README.md", Array("# 发布\n".utf8)), ("notices/1号楼.txt", Array("请于08:00-08:30到十七号院采样点".utf8)), ("empty.csv", [])]
        let zip = ZipWriter.archive(files)
        XCTAssertEqual(zip, ZipWriter.archive(files))
        let back = try ZipArchive(Data(zip))
        for f in files { XCTAssertEqual(try back.data(f.path, limit: 1 << 20), f.bytes, f.path) }
    }
}
