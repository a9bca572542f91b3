import Foundation
import XCTest
@testable import Scenario

/// The planning rules read a plan as a street office would (`RuleCheck`): each rule broken on
/// its own in a code-built plan gives that rule's violation and no other; a plan file's
/// violations point at the call-up's line; the rules' own settings change what is allowed.
final class RuleCheckTests: XCTestCase {
    /// A walk-up of 6 floors (B1) and a 24-floor tower with lifts (T1), two sites a minute
    /// apart in one compound and a third (S3) far off in another.
    static func estate() -> Scenario {
        var b = ScenarioBuilder(opening: "07:00", deadline: "11:30")
        b.site("S1", desks: 3, stations: 3)
        b.site("S2", desks: 3, stations: 3)
        b.site("S3", desks: 3, stations: 3)
        b.building("B1", residents: 240, floors: 6, walk: ["S1": 2, "S2": 3, "S3": 15])
        b.building("T1", residents: 960, floors: 24, lifts: 2, walk: ["S1": 3, "S2": 2, "S3": 14])
        b.cohort("c", departs: "06:40", drops: [("S1", 3), ("S2", 3), ("S3", 3)], shiftEnd: "11:30")
        b.staff(registrars: 9)
        return b.scenario
    }

    static func call(_ b: String, _ floors: ClosedRange<Int>?, _ site: String, _ w: String) -> CallUp {
        CallUp(building: b, floors: floors, site: site, window: ClockWindow.parse(w)!)
    }

    /// A plan that keeps every rule: the walk-up whole, the tower in four bands from the top.
    static var good: Plan {
        Plan(callUps: [call("B1", nil, "S1", "07:00-07:40"),
                       call("T1", 19...24, "S2", "07:00-07:30"), Self.call("T1", 13...18, "S2", "07:30-08:00"),
                       call("T1", 7...12, "S2", "08:10-08:40"), call("T1", 1...6, "S2", "08:40-09:10")], origin: "code")
    }

    func kinds(_ s: Scenario, _ p: Plan) -> [RuleViolation.Kind] {
        XCTAssertEqual(PlanCheck.problems(s, p), [], "the plan rules hold: only planning rules are broken")
        return RuleCheck.violations(s, p).map(\.kind)
    }

    func testEachRuleOnItsOwn() {
        let s = Self.estate()
        XCTAssertEqual(kinds(s, Self.good), [])
        var p = Self.good
        p.callUps[4].site = "S1"
        XCTAssertEqual(kinds(s, p), [.twoSites])
        p = Self.good
        for i in 1...4 { p.callUps[i].site = "S3" }
        XCTAssertEqual(kinds(s, p), [.reach], "14 minutes away against 2: past the 5-minute extra walk, in no shared compound")
        p = Self.good
        p.callUps[2].window = ClockWindow.parse("07:20-07:50")!
        XCTAssertEqual(kinds(s, p), [.overlap])
        p = Self.good
        (p.callUps[1].window, p.callUps[4].window) = (p.callUps[4].window, p.callUps[1].window)
        XCTAssertEqual(kinds(s, p), [.order], "the ground floors before the top floors of a tower with lifts")
        p = Self.good
        p.callUps[0].window = ClockWindow.parse("07:00-07:15")!
        XCTAssertEqual(kinds(s, p), [.short])
        p = Self.good
        p.callUps[0].window = ClockWindow.parse("07:03-07:40")!
        XCTAssertEqual(kinds(s, p), [.grid])
        p = Self.good
        p.callUps.removeLast()
        p.callUps[3].floors = 4...12
        p.callUps += [Self.call("T1", 2...3, "S2", "08:40-09:00"), Self.call("T1", 1...1, "S2", "09:00-09:20")]
        XCTAssertEqual(kinds(s, p), [.bands], "five bands for 24 floors (at most 4)")
        // The walk-up's bands go from the ground up; two are allowed, three are not.
        p = Self.good
        p.callUps[0] = Self.call("B1", 1...3, "S1", "07:00-07:20")
        p.callUps.append(Self.call("B1", 4...6, "S1", "07:20-07:40"))
        XCTAssertEqual(kinds(s, p), [])
        p.callUps[5].floors = 4...4
        p.callUps.append(Self.call("B1", 5...6, "S1", "07:40-08:00"))
        XCTAssertEqual(kinds(s, p), [.bands])
    }

    func testTheRulesOwnSettings() {
        var s = Self.estate()
        var p = Self.good
        for i in 1...4 { p.callUps[i].site = "S3" }
        s.planning.extraWalkMinutes = 15
        XCTAssertEqual(kinds(s, p), [], "a longer walk allowed")
        s = Self.estate()
        s.sites[2].compound = "east"; s.buildings[1].compound = "east"
        XCTAssertEqual(kinds(s, p), [], "a site of the building's own compound, whatever the walk")
        s = Self.estate()
        s.planning.buildings["T1"] = { var r = PlanningRules.BuildingRules(); r.site = "S1"; return r }()
        XCTAssertEqual(kinds(s, Self.good), [.pinnedSite])
        s = Self.estate()
        s.planning.bandOrder = .bottomUp
        XCTAssertEqual(kinds(s, Self.good), [.order])
        s = Self.estate()
        s.planning.gridMinutes = 10
        p = Self.good
        p.callUps[0].window = ClockWindow.parse("07:05-07:45")!
        XCTAssertEqual(kinds(s, p), [.grid])
        // The cap: 240 residents in 40 minutes is 60 per 10 minutes at S1; the tower's bands of
        // 240 in 30 minutes, 80 at S2.
        s = Self.estate()
        s.planning.siteCapPer10Minutes = 79
        XCTAssertEqual(kinds(s, Self.good), [.cap])
        XCTAssertTrue(RuleCheck.violations(s, Self.good)[0].message.contains("about 80 residents are called to `S2` in 07:00-07:10"))
        s.planning.siteCapPer10Minutes = 80
        XCTAssertEqual(kinds(s, Self.good), [])
    }

    /// `validate` puts each violation of a plan file at its call-up's line and column.
    func testViolationsPointAtTheFile() throws {
        let s = Self.estate()
        let text = """
        call_ups:
          - {building: B1, site: S1, window: "07:00-07:40"}
          - {building: T1, floors: "1-12", site: S2, window: "07:00-07:30"}
          - {building: T1, floors: "13-24", site: S2, window: "07:20-07:50"}
        """
        let plan = try ScenarioLoader.parsePlan(text, file: "p.yaml", for: s)
        let v = RuleCheck.violations(s, plan)
        XCTAssertEqual(v.map(\.kind), [.order, .overlap])
        XCTAssertEqual(plan.callUpPositions[v[1].callUp], SourcePosition(file: "p.yaml", line: 4, column: 5))
        XCTAssertTrue(v[1].message.contains("07:00-07:30 and 07:20-07:50 overlap"), v[1].message)
    }

    func testPinnedIsReadAndWritten() throws {
        let s = Self.estate()
        let text = "call_ups:\n  - {building: B1, site: S1, window: \"07:00-07:40\", pinned: true}\n  - {building: T1, site: S2, window: \"07:00-07:40\"}\n"
        let plan = try ScenarioLoader.parsePlan(text, file: "p.yaml", for: s)
        XCTAssertEqual(plan.callUps.map(\.pinned), [true, false])
        XCTAssertEqual(try ScenarioLoader.parsePlan(PlanWriter.yaml(plan), file: "q.yaml", for: s).callUps.map(\.pinned), [true, false])
        XCTAssertThrowsError(try ScenarioLoader.parsePlan(text.replacingOccurrences(of: "pinned: true", with: "pinned: yes"), file: "p.yaml", for: s))
    }
}
