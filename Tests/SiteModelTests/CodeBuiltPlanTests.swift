import XCTest
@testable import Scenario
@testable import SiteModel

/// A plan built in code and the same plan written by hand in a plan file are one value to the
/// simulation: the same figures to the last bit.
final class CodeBuiltPlanTests: XCTestCase {
    func testCodeBuiltPlanEqualsTheSamePlanReadFromYAML() throws {
        var (s, _) = PlanDropsAndBreaksTests.reliefModel()
        s.buildings.append(Building(id: "B2", residents: 200, floors: 8, lifts: 1, position: nil, walkMinutes: ["S1": 4, "S2": 2]))
        s.arrivals.turnoutShare = 0.9
        s.service.registration = .lognormal(mean: 20, cv: 0.5)
        s.service.swab = .gamma(mean: 24, cv: 0.35)
        func w(_ t: String) -> ClockWindow { ClockWindow.parse(t)! }
        var code = Plan(callUps: [CallUp(building: "B1", site: "S1", window: w("07:00-07:30")),
                                  CallUp(building: "B2", floors: 1...4, site: "S2", window: w("07:15-07:45")),
                                  CallUp(building: "B2", floors: 5...8, site: "S1", window: w("07:45-08:30"))],
                        staffing: [Staffing(site: "S1", period: w("07:00-08:00"), desks: 1, stations: 1)], origin: "code")
        code.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S1", travelSeconds: 0, teams: 1), RouteStop(site: "S2", travelSeconds: 300, teams: 1)])]
        code.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:50")!)]
        code.handovers = [Handover(cohort: "r", team: 1, relieves: 1)]
        let text = """
        call_ups:
          - {building: B1, site: S1, window: "07:00-07:30"}
          - {building: B2, floors: "1-4", site: S2, window: "07:15-07:45"}
          - {building: B2, floors: "5-8", site: S1, window: "07:45-08:30"}
        staffing:
          - {site: S1, period: "07:00-08:00", desks: 1, stations: 1}
        drops:
          - cohort: c
            route:
              - {site: S1, travel_minutes: 0, teams: 1}
              - {site: S2, travel_minutes: 5, teams: 1}
        breaks:
          - {cohort: c, team: 1, at: "07:50"}
        handovers:
          - {cohort: r, team: 1, relieves: 1}
        """
        let read = try ScenarioLoader.parsePlan(text, file: "by-hand.yaml", for: s)
        XCTAssertEqual(PlanWriter.yaml(read), PlanWriter.yaml(code))
        let a = Experiment.run(try CompiledRound(scenario: s, plan: code), replications: 6, seed: 5, jobs: 1)
        let b = Experiment.run(try CompiledRound(scenario: s, plan: read), replications: 6, seed: 5, jobs: 1)
        XCTAssertEqual(a.runs.map(\.metrics), b.runs.map(\.metrics))
        XCTAssertGreaterThan(a[.residentsSwabbed].mean, 150) // of 210 residents, 90% turn-out
    }
}
