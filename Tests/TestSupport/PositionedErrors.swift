import XCTest
import Scenario

/// Asserts that `body` is refused with a scenario error that says `message`, at `line` and
/// `column` (of the file whose name ends in `file`, when given): what a planner sees as
/// `FILE:LINE:COLUMN: error: ...`. Returns the errors for further checks.
@discardableResult
public func assertPositionedError(_ message: String, line: Int, column: Int, file: String? = nil,
                                  in sourceFile: StaticString = #filePath, at sourceLine: UInt = #line,
                                  _ body: () throws -> Void) -> ScenarioErrors? {
    do {
        try body()
        XCTFail("accepted; expected an error at \(line):\(column) saying \(message)", file: sourceFile, line: sourceLine)
    } catch let e as ScenarioErrors {
        guard let hit = e.errors.first(where: { $0.description.contains(message) }) else {
            XCTFail("no error says `\(message)`: \(e)", file: sourceFile, line: sourceLine)
            return e
        }
        XCTAssertEqual(hit.line, line, e.description, file: sourceFile, line: sourceLine)
        XCTAssertEqual(hit.column, column, e.description, file: sourceFile, line: sourceLine)
        if let file { XCTAssertTrue(hit.file.hasSuffix(file), "error in \(hit.file), not \(file)", file: sourceFile, line: sourceLine) }
        return e
    } catch {
        XCTFail("refused, but not with a positioned error: \(error)", file: sourceFile, line: sourceLine)
    }
    return nil
}
