import XCTest
import Scenario
import SimKit
@testable import SiteModel

/// The site model against queueing theory. Residents are spread uniformly over a 20-hour
/// window (given their number, a Poisson process), every service is exponential, teams never
/// break: the swab line is M/M/c, and with a registration line in front a Jackson tandem.
///
/// Each check: the mean over seeded replications must lie within t(1 - 5e-7) standard errors of
/// the theory, so a correct model fails less than once in a million seeds, and the interval
/// must be narrow (a check that could not fail would prove nothing). Waits of residents arriving
/// in the first 3 hours are not tallied (the lines start empty).
final class QueueingTheoryTests: XCTestCase {
    static let hours = 20.0

    static func scenario(residents: Int, desks: Int, registration: String, stations: Int, swab: String) throws -> Scenario {
        try ScenarioLoader.parse("""
            name: theory
            round: {date: 2022-05-06, opening: "00:00", deadline: "24:00"}
            buildings: [{id: B, residents: \(residents), walk_minutes: {S: 0}}]
            sites: [{id: S, registration_desks: \(desks), swab_stations: \(stations)}]
            staff:
              registrars: \(desks)
              cohorts:
                - {id: c, teams: \(stations), departs_depot: "00:00", route: [{site: S, travel_minutes: 0, teams: \(stations)}],
                   setup_minutes: 0, standing_limit_minutes: 1440, shift_end: "24:00"}
            service:
              registration: \(registration)
              swab: \(swab)
            arrivals: {turnout_share: 1, ignore_call_up_share: 0, spread: uniform}
            plan:
              call_ups: [{building: B, site: S, window: "00:00-20:00"}]
            """, file: "theory.yaml")
    }

    /// Mean wait (minutes) of `metric` over `replications`, with its interval at 1 - 1e-6.
    func measure(_ s: Scenario, _ metric: MetricName, replications: Int = 200) -> ConfidenceInterval {
        let round = try! CompiledRound(scenario: s, plan: s.effectivePlan)
        let result = Experiment.run(round, replications: replications, seed: 2022, jobs: 2,
                                    options: RunOptions(statisticsFrom: 3 * 3600))
        return ConfidenceInterval(Tally(result.runs.map { $0[metric] }), level: 1 - 1e-6)
    }

    func assertAgrees(_ ci: ConfidenceInterval, _ theory: Double, relativeWidth: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(ci.contains(theory), "simulated \(ci.mean) ± \(ci.halfWidth) (n = \(ci.count)) does not contain theory \(theory)", file: file, line: line)
        XCTAssertLessThan(ci.halfWidth, relativeWidth * theory, "interval too wide to test anything", file: file, line: line)
    }

    static let instant = "{distribution: deterministic, mean_seconds: 0}"

    func testMM1() throws {
        // lambda 0.8/min, mu 1/min: Wq = rho / (mu - lambda) = 4 min.
        let s = try Self.scenario(residents: Int(0.8 * 60 * Self.hours), desks: 1, registration: Self.instant,
                                  stations: 1, swab: "{distribution: exponential, mean_seconds: 60}")
        let theory = QueueingTheory.mmcMeanWait(servers: 1, arrivalRate: 0.8, serviceRate: 1)
        XCTAssertEqual(theory, 4, accuracy: 1e-12)
        assertAgrees(measure(s, .waitSwabMinutes), theory, relativeWidth: 0.15)
    }

    func testMMcHeavyLoad() throws {
        // M/M/3 at rho 0.9: lambda 2.7/min, mu 1/min.
        let s = try Self.scenario(residents: Int(2.7 * 60 * Self.hours), desks: 1, registration: Self.instant,
                                  stations: 3, swab: "{distribution: exponential, mean_seconds: 60}")
        let theory = QueueingTheory.mmcMeanWait(servers: 3, arrivalRate: 2.7, serviceRate: 1)
        assertAgrees(measure(s, .waitSwabMinutes), theory, relativeWidth: 0.15)
    }

    func testMM10() throws {
        // The benchmark's model: lambda 100/h, mu 12/h, 10 stations (rho 0.83).
        let s = try Self.scenario(residents: Int(100 * Self.hours), desks: 1, registration: Self.instant,
                                  stations: 10, swab: "{distribution: exponential, mean_seconds: 300}")
        let theory = QueueingTheory.mmcMeanWait(servers: 10, arrivalRate: 100, serviceRate: 12) * 60
        // Wq is only 1.5 minutes here, so the relative interval is wider at the same effort.
        assertAgrees(measure(s, .waitSwabMinutes, replications: 300), theory, relativeWidth: 0.25)
    }

    func testTandemRegistrationThenSwab() throws {
        // Jackson tandem (Burke: the registration line's departures are Poisson):
        // M/M/2 registration (mu 1/min) then M/M/3 swab (mu 0.75/min), lambda 1.5/min.
        let s = try Self.scenario(residents: Int(1.5 * 60 * Self.hours),
                                  desks: 2, registration: "{distribution: exponential, mean_seconds: 60}",
                                  stations: 3, swab: "{distribution: exponential, mean_seconds: 80}")
        let registration = QueueingTheory.mmcMeanWait(servers: 2, arrivalRate: 1.5, serviceRate: 1)
        let swab = QueueingTheory.mmcMeanWait(servers: 3, arrivalRate: 1.5, serviceRate: 0.75)
        assertAgrees(measure(s, .waitRegistrationMinutes), registration, relativeWidth: 0.15)
        assertAgrees(measure(s, .waitSwabMinutes), swab, relativeWidth: 0.15)
        // Time in system = both waits + both mean services (1 + 4/3 min).
        assertAgrees(measure(s, .timeInSystemMinutes), registration + swab + 1 + 80.0 / 60, relativeWidth: 0.05)
    }
}
