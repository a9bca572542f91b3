import Foundation
import XCTest
@testable import Reports
import Scenario

/// `compare` on every bundled scenario, its own plan against the baseline in both orders: the
/// plans report different metrics (worker roles add worker-hours), and every table cell must be
/// the figure the JSON gives for that metric and plan, or `n/a` (无) where the plan lacks it, in
/// English and in Chinese.
final class CompareTests: XCTestCase {
    static let scenarios = ["panjiayuan-nanli.yaml", "xitang-courtyards.yaml", "yuandayuan.yaml", "small/two-sites.yaml"]

    func testTableCellsEqualJSONInBothOrders() throws {
        for name in Self.scenarios {
            for (order, language) in [(["scenario", "baseline"], Language.en), (["baseline", "scenario"], .zh)] {
                let args = ["compare", CommandLineTests.scenario(name), "--plan", order[0], "--plan", order[1],
                            "-r", "3", "--max-replications", "3", "--jobs", "2", "--language", language.rawValue]
                let table = try CLI().run(args)
                XCTAssertEqual(table.status, 0, "\(name) \(order): \(table.stderr)")
                let json = try CLI().run(args + ["--format", "json"])
                XCTAssertEqual(json.status, 0, json.stderr)
                let opening = try ScenarioLoader.load(path: CommandLineTests.scenario(name)).round.opening
                try check(table: table.stdout, json: json.stdout, words: Wording(language), context: "\(name) \(order)", opening: opening)
            }
        }
    }

    /// A "mean ± half-width" cell equals the JSON's figures (given to 4 decimals) rounded to `d`;
    /// a clock-time cell ("11:21 ± 20.1", minutes after `opening` in the JSON) to the minute.
    func assertCell(_ cell: String, _ mean: Double, _ hw: Double, _ d: Int, _ context: String, opening: Double) {
        let parts = cell.components(separatedBy: " ± ")
        let clock = parts.first.flatMap { $0.contains(":") ? ClockTime.parse($0) : nil }
        guard parts.count == 2, let m = clock.map({ ($0 - opening) / 60 }) ?? Double(parts[0]), let h = Double(parts[1]) else {
            return XCTFail("\(context): `\(cell)` is not a mean ± half-width")
        }
        let tolerance = 0.5 * pow(10, Double(-d)) + 1e-4
        XCTAssertEqual(m, mean, accuracy: clock == nil ? tolerance : 0.5 + 1e-4, "\(context): \(cell)")
        XCTAssertEqual(h, hw, accuracy: tolerance, "\(context): \(cell)")
    }

    func check(table: String, json: String, words: Wording, context: String, opening: Double) throws {
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let plans = try XCTUnwrap(root["plans"] as? [[String: Any]])
        XCTAssertEqual(plans.count, 2)
        let rows = table.split(separator: "\n").map(String.init)
        var checked = 0
        for metric in MetricName.allCases {
            let label = words.metric(metric)
            guard let row = rows.first(where: { $0.hasPrefix(label + "  ") || $0.hasPrefix(label + " *") }) else { continue }
            let cells = row.dropFirst(label.count).components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0 != "*" }
            XCTAssertEqual(cells.count, 3, "\(context): \(row)")
            let d = ComparisonReport.decimals(metric)
            for (i, plan) in plans.enumerated() {
                let metrics = try XCTUnwrap(plan["metrics"] as? [String: [String: Any]])
                if let m = metrics[metric.rawValue] {
                    let mean = try XCTUnwrap(m["mean"] as? Double), hw = try XCTUnwrap(m["half_width"] as? Double)
                    assertCell(cells[i], mean, hw, d, "\(context): \(metric.rawValue) plan \(i + 1)", opening: opening)
                } else {
                    XCTAssertEqual(cells[i], words(.notAvailable), "\(context): \(metric.rawValue) plan \(i + 1)")
                }
            }
            let diffs = plans[1]["difference_from_first"] as? [String: [String: Any]] ?? [:]
            if let x = diffs[metric.rawValue] {
                let mean = try XCTUnwrap(x["mean"] as? Double), hw = try XCTUnwrap(x["half_width"] as? Double)
                assertCell(String(cells[2].dropLast(2)), mean, hw, d, "\(context): \(metric.rawValue) difference", opening: opening)
            } else {
                XCTAssertEqual(cells[2], words(.notAvailable), "\(context): \(metric.rawValue) difference")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 15, context)
    }
}
