import XCTest
import TestSupport
@testable import Scenario

/// The morning state file: what a planner types at the command post.
final class MorningStateLoaderTests: XCTestCase {

    func panjiayuan() throws -> Scenario {
        try Fixtures.panjiayuan()
    }

    func testEveryFieldIsRead() throws {
        let s = try panjiayuan()
        let text = """
            at: "09:40"
            notice_minutes: 20
            swabbed: {sites: {S17: 1200, S18: 1100}}
            queues: {S17: 80, S18: {registration: 40, swab: 12}}
            left: {S19: 6}
            teams:
              - {cohort: relief, late_minutes: 30}
              - {cohort: morning, team: 3, gone: true}
            desks: {S20: 2}
            weather:
              - {kind: rain, severity: heavy, window: "09:40-10:20"}
            """
        let m = try MorningStateLoader.parse(text, file: "state.yaml", scenario: s, plan: s.effectivePlan)
        XCTAssertEqual(m.at, ClockTime.parse("09:40"))
        XCTAssertEqual(m.issued, .started(noticeSeconds: 1200))
        XCTAssertEqual(m.swabbedSoFar, 2300)
        XCTAssertEqual(m.queues["S17"], .init(registration: 80, swab: 0))
        XCTAssertEqual(m.queues["S18"], .init(registration: 40, swab: 12))
        XCTAssertEqual(m.left, ["S19": 6])
        XCTAssertEqual(m.lateCohorts, ["relief": 1800])
        XCTAssertEqual(m.goneTeams, [.init(cohort: "morning", team: 3)])
        XCTAssertEqual(m.desks, ["S20": 2])
        XCTAssertEqual(m.weather.count, 1)
        // Applied: the rain in the forecast, the relief bus half an hour later.
        let applied = m.applied(to: s)
        XCTAssertEqual(applied.logistics.weather.forecast.count, s.logistics.weather.forecast.count + 1)
        XCTAssertEqual(applied.staff.cohorts[1].departsDepot, s.staff.cohorts[1].departsDepot + 1800)
        let issued = MorningState(sourcePath: "", at: m.at)
        XCTAssertTrue(issued.isIssued(CallUp(building: "B1", site: "S17", window: ClockWindow(start: m.at + 600, end: m.at + 1800))))
        XCTAssertFalse(issued.isIssued(CallUp(building: "B1", site: "S17", window: ClockWindow(start: m.at + 1800, end: m.at + 2400))))
    }

    /// What `swabplan state` writes reads back as the same state.
    func testTheWrittenStateReadsBack() throws {
        let s = try panjiayuan()
        var m = MorningState(sourcePath: "", at: ClockTime.parse("10:05")!)
        m.swabbedBySite = ["S17": 1500, "S18": 1400, "S19": 0, "S20": 1300]
        m.queues = ["S17": .init(registration: 3, swab: 7), "S20": .init(registration: 0, swab: 0)]
        m.left = ["S18": 2]
        let text = StateWriter.yaml(m, scenario: s)
        let back = try MorningStateLoader.parse(text, file: "state.yaml", scenario: s, plan: s.effectivePlan)
        XCTAssertEqual(back.at, m.at)
        XCTAssertEqual(back.swabbedBySite, m.swabbedBySite)
        XCTAssertEqual(back.queues, m.queues)
        XCTAssertEqual(back.left, m.left)
        XCTAssertEqual(back.issued, m.issued)
    }

    /// The written state's example lines name the scenario's own cohorts and sites: uncommented
    /// as they stand, they read back (on a scenario other than Panjiayuan).
    func testTheExamplesNameTheScenariosOwnIDs() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/small/two-sites.yaml").path
        let s = try ScenarioLoader.load(path: path)
        let text = StateWriter.yaml(MorningState(sourcePath: "", at: ClockTime.parse("08:40")!), scenario: s)
        XCTAssertFalse(text.contains("S17"))
        let uncommented = text.split(separator: "\n").map { line in
            ["# teams:", "# desks:", "# weather:"].contains { line.hasPrefix($0) } ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let back = try MorningStateLoader.parse(uncommented, file: "state.yaml", scenario: s, plan: s.effectivePlan)
        XCTAssertEqual(back.desks.count, 1)
        XCTAssertEqual(back.goneTeams.count, 1)
        XCTAssertEqual(back.weather.count, 1)
    }

    func assertRefused(_ text: String, _ expected: String, line: Int, column: Int, file: StaticString = #filePath, at: UInt = #line) throws {
        let s = try panjiayuan()
        assertPositionedError(expected, line: line, column: column, file: "state.yaml", in: file, at: at) {
            _ = try MorningStateLoader.parse(text, file: "state.yaml", scenario: s, plan: s.effectivePlan)
        }
    }

    func testBadStatesArePositioned() throws {
        try assertRefused("at: \"06:00\"\n", "outside the round", line: 1, column: 5)
        try assertRefused("at: \"25:00\"\n", "at", line: 1, column: 5)
        try assertRefused("queues: {S1: 3}\n", "at", line: 1, column: 1)
        try assertRefused("at: \"09:40\"\nqueues: {S99: 3}\n", "S99", line: 2, column: 10)
        try assertRefused("at: \"09:40\"\nqueues: {S17: -3}\n", "S17", line: 2, column: 15)
        try assertRefused("at: \"09:40\"\nteams: [{cohort: nobody, late_minutes: 5}]\n", "unknown cohort `nobody`", line: 2, column: 18)
        try assertRefused("at: \"09:40\"\nteams: [{cohort: relief, team: 99, gone: true}]\n", "team", line: 2, column: 32)
        try assertRefused("at: \"09:40\"\nteams: [{cohort: relief}]\n", "say what happened", line: 2, column: 9)
        try assertRefused("at: \"09:40\"\ndesks: {S17: 999}\n", "S17", line: 2, column: 14)
        try assertRefused("at: \"09:40\"\nweather: [{kind: snow, severity: heavy, window: \"09:40-10:00\"}]\n", "snow", line: 2, column: 18)
        try assertRefused("at: \"09:40\"\nswabbed: {buildings: {B1: 100000}}\n", "B1", line: 2, column: 27)
        try assertRefused("at: \"09:40\"\nissued: [B999]\n", "unknown building `B999`", line: 2, column: 10)
        try assertRefused("at: \"09:40\"\nqueue: {S17: 3}\n", "queue", line: 2, column: 1)
    }
}
