import XCTest
@testable import Scenario

/// The caps are sized for a city (12,000 sites, 50,000 registrars and community workers): a
/// scenario at the cap loads, one past it is refused where it goes past, with the cap named.
final class CityCapsTests: XCTestCase {
    /// `sites` sites, one building at each, one cohort dropping a team at every site.
    func city(sites: Int, registrars: Int, workers: Int) -> String {
        var out = """
        name: city
        round: {date: 2022-05-06, opening: "07:00", deadline: "12:00"}
        sites:

        """
        for s in 0..<sites { out += "  - {id: S\(s), registration_desks: 1, swab_stations: 1, x_metres: \(s % 100 * 400), y_metres: \(s / 100 * 400)}\n" }
        out += "buildings:\n"
        for s in 0..<sites { out += "  - {id: B\(s), residents: 50, x_metres: \(s % 100 * 400 + 30), y_metres: \(s / 100 * 400)}\n" }
        out += "staff:\n  registrars: \(registrars)\n  community_workers: \(workers)\n  cohorts:\n"
        // A cohort drops a team at each of up to 5,000 sites (a cohort has at most 10,000).
        for c in 0..<((sites + 4_999) / 5_000) {
            let stops = (c * 5_000)..<min(sites, (c + 1) * 5_000)
            out += "    - {id: C\(c), teams: \(stops.count), departs_depot: \"06:10\", shift_end: \"12:30\", route: ["
            out += stops.map { "{site: S\($0), travel_minutes: \($0 == stops.lowerBound ? 30 : 1), teams: 1}" }.joined(separator: ", ")
            out += "]}\n"
        }
        out += """
        service:
          registration: {distribution: lognormal, mean_seconds: 20, cv: 0.5}
          swab: {distribution: gamma, mean_seconds: 24, cv: 0.35}

        """
        return out
    }

    func testACityAtTheCapsLoads() throws {
        let s = try ScenarioLoader.parse(city(sites: Limits.maxSites, registrars: Limits.maxWorkers, workers: Limits.maxWorkers), file: "city.yaml")
        XCTAssertEqual(s.sites.count, 12_000)
        XCTAssertEqual(s.staff.registrars, 50_000)
        XCTAssertEqual(s.staff.communityWorkers, 50_000)
    }

    func testOnePastACapIsRefusedWithTheCap() {
        XCTAssertThrowsError(try ScenarioLoader.parse(city(sites: Limits.maxSites + 1, registrars: 12_001, workers: 10), file: "city.yaml")) { e in
            let errors = (e as? ScenarioErrors)?.errors ?? []
            XCTAssertTrue(errors.contains { $0.keyPath == "sites" && $0.message.contains("12001 sites; SwabPlan takes at most 12000") }, "\(errors.prefix(3))")
        }
        XCTAssertThrowsError(try ScenarioLoader.parse(city(sites: 3, registrars: 50_001, workers: 3), file: "city.yaml")) { e in
            let errors = (e as? ScenarioErrors)?.errors ?? []
            XCTAssertEqual(errors.first?.keyPath, "staff.registrars")
            XCTAssertTrue(errors.first?.message.contains("expected a whole number from 0 to 50000") ?? false, "\(errors)")
        }
    }
}
