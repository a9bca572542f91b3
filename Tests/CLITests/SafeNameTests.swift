import XCTest
import TestSupport
@testable import Reports

final class SafeNameTests: XCTestCase {
    func testFileNamesCannotClimb() {
        XCTAssertEqual(SafeName.file("../../etc/passwd"), "_._.._etc_passwd")
        XCTAssertEqual(SafeName.file(".."), "_.")
        XCTAssertEqual(SafeName.file("a\\b"), "a_b")
        XCTAssertEqual(SafeName.file("十七号楼"), "十七号楼")
        XCTAssertEqual(SafeName.file(""), "_")
        XCTAssertFalse(SafeName.file("/abs").contains("/"))
    }

    /// Two ids that would be one file on a case-insensitive disk keep both notices.
    func testClashingNamesAreSuffixed() {
        var names = SafeName.Unique()
        XCTAssertEqual(names.claim("B1"), "B1")
        XCTAssertEqual(names.claim("b1"), "b1~2")
        XCTAssertEqual(names.claim("B1"), "B1~3")
        XCTAssertEqual(names.claim("十七号楼"), "十七号楼")
    }

    func testFolderWriterRefusesPathsOutsideTheFolder() {
        let out = try! temporaryFolder("swabplan-fw", create: false).path
        XCTAssertThrowsError(try FolderWriter.write([("../evil.txt", "x")], to: out, replace: false))
        XCTAssertThrowsError(try FolderWriter.write([("/etc/evil.txt", "x")], to: out, replace: false))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testMarkdownEscape() {
        XCTAssertEqual(Markdown.escape("<script>*x*</script> [a](b)"), "&lt;script&gt;\\*x\\*&lt;/script&gt; \\[a\\]\\(b\\)")
        XCTAssertEqual(Markdown.escape("潘家园南里"), "潘家园南里")
    }

    func testHTMLEscape() {
        XCTAssertEqual(HTML.escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    func testCSVNeutralisesFormulas() {
        for s in ["=1+2", "+1", "-1", "@SUM(A1)", "\t=x"] {
            XCTAssertTrue(CSVDocument.escape(s).hasPrefix("'") || CSVDocument.escape(s).hasPrefix("\"'"), s)
        }
        XCTAssertEqual(CSVDocument.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVDocument.escape("plain"), "plain")
    }
}
