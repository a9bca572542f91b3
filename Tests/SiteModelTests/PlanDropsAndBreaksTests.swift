import XCTest
@testable import Scenario
@testable import SiteModel

/// Where a plan drops teams and when it plans their breaks, on a model small enough to work by
/// hand: one cohort of two teams ready at 07:00, a 60-minute standing limit and 20-minute
/// breaks, nobody coming (so teams work their whole timetable). The figures are the staffed
/// stations of each 15-minute bin.
final class PlanDropsAndBreaksTests: XCTestCase {
    static func model() -> (Scenario, Plan) {
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.site("S1", desks: 1, stations: 2)
        b.site("S2", desks: 1, stations: 2)
        b.building("B1", residents: 10, walk: ["S1": 1, "S2": 1])
        b.cohort("c", departs: "07:00", drops: [("S1", 2)], shiftEnd: "10:00", standingLimitMinutes: 60, breakMinutes: 20)
        b.staff(registrars: 2)
        b.arrivals { $0.turnoutShare = 0 }
        let plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: ClockWindow.parse("07:00-08:00")!)], origin: "code")
        return (b.scenario, plan)
    }

    func staffed(_ s: Scenario, _ plan: Plan, site: Int) throws -> [Double] {
        let result = try CompiledRound(scenario: s, plan: plan).simulate(seed: 1, replication: 0)
        return Array(result.sites[site].stationsStaffed.prefix(6))
    }

    func assertBins(_ got: [Double], _ expected: [Double], _ what: String, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, what, line: line)
        for (g, e) in zip(got, expected) { XCTAssertEqual(g, e, accuracy: 1e-9, "\(what): \(got)", line: line) }
    }

    /// Without planned breaks both teams break at their limit, 08:00, and the site stands empty.
    func testTeamsBreakTogetherAtTheirLimit() throws {
        let (s, plan) = Self.model()
        assertBins(try staffed(s, plan, site: 0), [2, 2, 2, 2, 0, 20.0 / 15], "S1")
    }

    /// Team 1 breaks at 07:40, team 2 at 08:00: one station stays staffed throughout.
    func testStaggeredBreaksKeepTheSiteOpen() throws {
        let (s, base) = Self.model()
        var plan = base
        plan.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:40")!),
                       PlannedBreak(cohort: "c", team: 2, at: ClockTime.parse("08:00")!)]
        assertBins(try staffed(s, plan, site: 0), [2, 2, 25.0 / 15, 1, 1, 25.0 / 15], "S1")
        XCTAssertEqual(PlanCheck.problems(s, plan), [])
    }

    /// The plan drops team 2 at S2, ten minutes further on: each site has one team, S2's from
    /// 07:10 (a third of the first bin) to its limit at 08:10 (two thirds of the fifth).
    func testDroppingATeamAtAnotherSite() throws {
        let (s, base) = Self.model()
        var plan = base
        plan.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S1", travelSeconds: 0, teams: 1),
                                                      RouteStop(site: "S2", travelSeconds: 600, teams: 1)])]
        assertBins(try staffed(s, plan, site: 0), [1, 1, 1, 1, 0, 10.0 / 15], "S1")
        assertBins(try staffed(s, plan, site: 1), [5.0 / 15, 1, 1, 1, 10.0 / 15, 0], "S2")
    }

    /// Plan rules on drops and breaks, with the key path a file's error would carry.
    func testDropAndBreakRules() throws {
        let (s, good) = Self.model()
        var plan = good
        plan.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S1", travelSeconds: 0, teams: 1)])]
        XCTAssertEqual(PlanCheck.problems(s, plan).first?.keyPath, "drops[0].route")
        var narrow = s
        narrow.sites[1].swabStations = 1
        plan.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S2", travelSeconds: 0, teams: 2)])]
        XCTAssertTrue(PlanCheck.problems(narrow, plan).first?.message.contains("2 teams at a time at site `S2`, which has 1 swab stations") == true, "\(PlanCheck.problems(narrow, plan))")
        plan = good
        plan.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("08:30")!)]
        XCTAssertTrue(PlanCheck.problems(s, plan).first?.message.contains("past its standing limit of 60 minutes; plan the break by 08:00") == true)
        plan.breaks = [PlannedBreak(cohort: "c", team: 3, at: ClockTime.parse("07:30")!)]
        XCTAssertEqual(PlanCheck.problems(s, plan).first?.keyPath, "breaks[0].team")
    }

    /// Drops and breaks survive a plan file: written, read back, written again, same bytes.
    func testDropsAndBreaksRoundTrip() throws {
        let (s, good) = Self.model()
        var plan = good
        plan.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S1", travelSeconds: 90, teams: 1),
                                                      RouteStop(site: "S2", travelSeconds: 600, teams: 1)])]
        plan.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:40")!)]
        let text = PlanWriter.yaml(plan)
        let back = try ScenarioLoader.parsePlan(text, file: "p.yaml", for: s)
        XCTAssertEqual(back.drops, plan.drops)
        XCTAssertEqual(back.breaks, plan.breaks)
        XCTAssertEqual(PlanWriter.yaml(back), text)
    }

    /// The model with a relief cohort `r` of one team ready at S1 at 07:30 (shift to 10:00),
    /// and team 1 of `c` on a planned break 07:20-07:40.
    static func reliefModel() -> (Scenario, Plan) {
        var (s, plan) = model()
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.cohort("r", departs: "07:30", drops: [("S1", 1)], shiftEnd: "10:00", relieves: "c")
        s.staff.cohorts += b.scenario.staff.cohorts
        plan.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:20")!)]
        return (s, plan)
    }

    /// By default the relief takes team 1's station (empty at 07:30: team 1 is on its break and
    /// does not come back); team 2 works to its limit at 08:00 and breaks to 08:20. With the
    /// handover `r` 1 -> `c` 2, team 2 hands over at 07:30 and team 1 comes back at 07:40 and
    /// works to its limit at 08:40.
    func testAHandoverChoosesTheStationTheReliefTakesOver() throws {
        let (s, base) = Self.reliefModel()
        XCTAssertEqual(PlanCheck.problems(s, base), [])
        assertBins(try staffed(s, base, site: 0), [2, 20.0 / 15, 2, 2, 1, 25.0 / 15], "default pairing")
        var plan = base
        plan.handovers = [Handover(cohort: "r", team: 1, relieves: 2)]
        XCTAssertEqual(PlanCheck.problems(s, plan), [])
        let roster = TeamRoster(scenario: s, plan: plan)
        XCTAssertEqual(roster.teams[2].relieves, 1)
        XCTAssertEqual(TeamRoster(scenario: s, plan: base).teams[2].relieves, 0)
        assertBins(try staffed(s, plan, site: 0), [2, 20.0 / 15, 20.0 / 15, 2, 2, 2], "r 1 relieves c 2")
        let text = PlanWriter.yaml(plan)
        let back = try ScenarioLoader.parsePlan(text, file: "p.yaml", for: s)
        XCTAssertEqual(back.handovers, plan.handovers)
        XCTAssertEqual(PlanWriter.yaml(back), text)
    }

    /// Handover rules, with the key path a file's error would carry.
    func testHandoverRules() throws {
        let (s, base) = Self.reliefModel()
        func first(_ h: [Handover]) -> PlanProblem? {
            var plan = base
            plan.handovers = h
            return PlanCheck.problems(s, plan).first
        }
        XCTAssertEqual(first([Handover(cohort: "c", team: 1, relieves: 1)])?.keyPath, "handovers[0].cohort")
        XCTAssertEqual(first([Handover(cohort: "x", team: 1, relieves: 1)])?.keyPath, "handovers[0].cohort")
        XCTAssertEqual(first([Handover(cohort: "r", team: 2, relieves: 1)])?.keyPath, "handovers[0].team")
        XCTAssertEqual(first([Handover(cohort: "r", team: 1, relieves: 3)])?.keyPath, "handovers[0].relieves")
        XCTAssertEqual(first([Handover(cohort: "r", team: 1, relieves: 1), Handover(cohort: "r", team: 1, relieves: 2)])?.keyPath, "handovers[1].team")
        var plan = base
        plan.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S1", travelSeconds: 0, teams: 1), RouteStop(site: "S2", travelSeconds: 0, teams: 1)])]
        plan.handovers = [Handover(cohort: "r", team: 1, relieves: 2)]
        let p = PlanCheck.problems(s, plan).first
        XCTAssertEqual(p?.keyPath, "handovers[0].relieves", "\(PlanCheck.problems(s, plan))")
        XCTAssertTrue(p?.message.contains("dropped at site `S1` but team 2 of `c` works at `S2`") == true, "\(String(describing: p))")
    }
}
