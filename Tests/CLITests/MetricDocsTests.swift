import Foundation
import XCTest
import Scenario
@testable import Reports
import TestSupport

/// The metric names in Scenarios/README.md are exactly those the loader accepts, in order.
final class MetricDocsTests: XCTestCase {
    static var readme: URL { Repository.root.appendingPathComponent("Scenarios/README.md") }

    /// The block between the markers, as the code would write it.
    static var expectedBlock: String {
        MetricName.allCases.map { "- `\($0.rawValue)` (\($0.unit)): \(Wording.englishMetric($0))" }.joined(separator: "\n")
    }

    func testDocumentedMetricsMatchTheCode() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let begin = try XCTUnwrap(text.range(of: "<!-- metrics:begin -->\n"))
        let end = try XCTUnwrap(text.range(of: "<!-- metrics:end -->", range: begin.upperBound..<text.endIndex))
        let block = String(text[begin.upperBound..<end.lowerBound]).trimmingCharacters(in: .newlines)
        XCTAssertEqual(block, Self.expectedBlock, "replace the block in Scenarios/README.md with:\n" + Self.expectedBlock)
    }
}
