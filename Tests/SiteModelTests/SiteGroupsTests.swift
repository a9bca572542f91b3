import XCTest
import TestSupport
import Scenario
import SimKit
@testable import SiteModel

/// Sites that share no team, courier or door-to-door hand-off run as separate rounds with
/// their own indices, and give the same figures, bit for bit, as one event loop over the whole
/// round on the same streams.
final class SiteGroupsTests: XCTestCase {

    func testTwoGroupsApartGiveTheBitsOfOneLoop() throws {
        let s = try twoGroupScenario()
        let apart = try CompiledRound(scenario: s, plan: s.effectivePlan)
        XCTAssertEqual(apart.siteGroupCount, 2)
        XCTAssertEqual(apart.siteGroup, [0, 0, 1, 1])
        var oneLoop = apart
        oneLoop.runsSiteGroupsApart = false
        var detail = RunOptions.standard
        detail.recordDetail = true
        for r in 0..<3 {
            let reference = oneLoop.simulate(seed: 4, replication: r)
            assertSameBits(apart.simulate(seed: 4, replication: r), reference, "replication \(r)")
            assertSameBits(apart.simulate(seed: 4, replication: r, groupJobs: 2), reference, "replication \(r), groups on two threads")
            assertSameBits(apart.simulate(seed: 4, replication: r, options: detail), oneLoop.simulate(seed: 4, replication: r, options: detail),
                       "replication \(r) with detail")
        }
        // The figures are real ones: residents swabbed at every site, weather cost, couriers' runs.
        let one = apart.simulate(seed: 4, replication: 0)
        XCTAssertTrue(one.sites.allSatisfy { $0.swabbed > 1000 })
        XCTAssertGreaterThan(one[.courierRuns], 4)
        XCTAssertGreaterThan(one[.weatherCostMinutes], 0)
        XCTAssertGreaterThan(one[.doorToDoorTubes], 0)
    }

    /// A generated district: every site its own group (no relief, no courier).
    func testManyGroupsApartGiveTheBitsOfOneLoop() throws {
        let text = DistrictGenerator(residents: 16_000, buildings: 300, sites: 30, cohorts: 3, seed: 3).yaml()
        let s = try ScenarioLoader.parse(text, file: "district.yaml")
        let apart = try CompiledRound(scenario: s, plan: s.effectivePlan)
        XCTAssertEqual(apart.siteGroupCount, 30)
        var oneLoop = apart
        oneLoop.runsSiteGroupsApart = false
        for r in 0..<3 {
            assertSameBits(apart.simulate(seed: 9, replication: r, groupJobs: 2), oneLoop.simulate(seed: 9, replication: r), "replication \(r)")
        }
    }

    /// A call-up moved in place reaches the groups (they are split again), as a fresh compile.
    func testMovedCallUpReachesTheGroups() throws {
        let s = try twoGroupScenario()
        var moved = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let i = try XCTUnwrap(moved.plan.callUps.firstIndex { $0.site == "S17" })
        let window = moved.plan.callUps[i].window
        try moved.moveCallUp(i, toSite: "S20", window: window)
        var plan = s.effectivePlan
        plan.callUps[i].site = "S20"
        let fresh = try CompiledRound(scenario: s, plan: plan)
        assertSameBits(moved.simulate(seed: 2, replication: 1), fresh.simulate(seed: 2, replication: 1), "moved")
        assertSameBits(moved.withSiteGroups().simulate(seed: 2, replication: 1), fresh.simulate(seed: 2, replication: 1), "moved, split again")
    }

    func testGroupsJoinByReliefAndCourier() throws {
        let s = try Fixtures.panjiayuan()
        // One courier through all four sites: one group, run as before.
        XCTAssertEqual(try CompiledRound(scenario: s, plan: s.effectivePlan).siteGroupCount, 1)
    }
}

/// Shared with `GroupShardTests`.
extension XCTestCase {
    /// Panjiayuan Nanli with its one courier split in two (S17 and S18; S19 and S20): two site
    /// groups, each with weather, residents who give up and come back, relief teams, tubes, a
    /// courier and door-to-door teams of its own.
    func twoGroupScenario() throws -> Scenario {
        let path = Repository.root.appendingPathComponent("Scenarios/panjiayuan-nanli.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let fleet = "    - {id: K1, capacity_tubes: 400, route: [S17, S18, S19, S20], every_minutes: 45, first: \"07:45\", last: \"12:15\"}"
        XCTAssertTrue(text.contains(fleet))
        text = text.replacingOccurrences(of: fleet, with: """
            - {id: K1, capacity_tubes: 200, route: [S17, S18], every_minutes: 45, first: "07:45", last: "12:15"}
            - {id: K2, capacity_tubes: 200, route: [S19, S20], every_minutes: 40, first: "07:50", last: "12:15"}
        """)
        text = text.replacingOccurrences(of: "    - {from: lab, to: S20, minutes: 25}", with: """
            - {from: lab, to: S20, minutes: 25}
            - {from: lab, to: S18, minutes: 27}
            - {from: lab, to: S19, minutes: 27}
        """)
        return try ScenarioLoader.parse(text, file: path, directory: (path as NSString).deletingLastPathComponent)
    }

    func assertSameBits(_ a: ReplicationResult, _ b: ReplicationResult, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for (i, name) in MetricName.allCases.enumerated() where a.metrics[i].bitPattern != b.metrics[i].bitPattern {
            XCTFail("\(what): \(name.rawValue) \(a.metrics[i]) apart, \(b.metrics[i]) in one loop", file: file, line: line)
        }
        XCTAssertEqual(a.events, b.events, what, file: file, line: line)
        XCTAssertEqual(a.sites.count, b.sites.count, what, file: file, line: line)
        for (x, y) in zip(a.sites, b.sites) {
            XCTAssertEqual(x.registrationQueue.map(\.bitPattern), y.registrationQueue.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.swabQueue.map(\.bitPattern), y.swabQueue.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.stationsBusy.map(\.bitPattern), y.stationsBusy.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.stationsStaffed.map(\.bitPattern), y.stationsStaffed.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.paused.map(\.bitPattern), y.paused.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.swabbed, y.swabbed, what, file: file, line: line)
        }
        XCTAssertEqual(a.detail == nil, b.detail == nil, what, file: file, line: line)
        if let d = a.detail, let e = b.detail {
            XCTAssertEqual(d.callUps.map { [Double($0.swabbed), $0.meanWait, $0.p50Wait, $0.p90Wait, $0.p95Wait].map(\.bitPattern) },
                           e.callUps.map { [Double($0.swabbed), $0.meanWait, $0.p50Wait, $0.p90Wait, $0.p95Wait].map(\.bitPattern) }, what, file: file, line: line)
            XCTAssertEqual(d.timeInSystem, e.timeInSystem, what, file: file, line: line)
            XCTAssertEqual(d.sampleAge, e.sampleAge, what, file: file, line: line)
            XCTAssertEqual(d.courierRuns.map { $0.map { [$0.departs.bitPattern, UInt64($0.tubes)] } },
                           e.courierRuns.map { $0.map { [$0.departs.bitPattern, UInt64($0.tubes)] } }, what, file: file, line: line)
            XCTAssertEqual(d.gaveUpPerBuilding, e.gaveUpPerBuilding, what, file: file, line: line)
        }
    }
}
