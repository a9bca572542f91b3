import XCTest
import Scenario
@testable import SiteModel

/// Tiny models whose every time can be worked out by hand.
final class DeterministicTests: XCTestCase {
    /// One resident, one team ready at opening: 60 s registration, 30 s swab.
    func testOneResidentOneTeam() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 1, walk_minutes: {S1: 0}}",
            cohorts: "    - {id: c, teams: 1, departs_depot: \"06:30\", route: [{site: S1, travel_minutes: 20, teams: 1}], setup_minutes: 10, shift_end: \"09:00\"}",
            service: Tiny.deterministic))
        XCTAssertEqual(r[.residentsSwabbed], 1)
        XCTAssertEqual(r[.waitRegistrationMinutes], 0)
        XCTAssertEqual(r[.waitSwabMinutes], 0)
        XCTAssertEqual(r[.timeInSystemMinutes], 1.5, accuracy: 1e-12)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 1.5, accuracy: 1e-12)
        XCTAssertEqual(r[.finishedByDeadline], 1)
        // The team stood from 07:00 to the last swab at 07:01:30, busy for 30 s of it.
        XCTAssertEqual(r[.longestStandingMinutes], 1.5, accuracy: 1e-12)
        XCTAssertEqual(r[.swabTeamUtilisation], 30.0 / 90.0, accuracy: 1e-12)
    }

    /// Walking time and stairs add to the arrival: 3 minutes' walk from a 1-storey building.
    func testWalkingDelaysArrival() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 1, walk_minutes: {S1: 3}}",
            cohorts: "    - {id: c, teams: 1, departs_depot: \"06:30\", route: [{site: S1, travel_minutes: 20, teams: 1}], setup_minutes: 10, shift_end: \"09:00\"}",
            service: Tiny.deterministic))
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 4.5, accuracy: 1e-12)
        XCTAssertEqual(r[.timeInSystemMinutes], 1.5, accuracy: 1e-12)
    }

    /// The bus leaves the depot at 07:00, rides 20 minutes and sets up for 10: the resident who
    /// registered at 07:01 waits at the swab line until 07:30.
    func testLateBus() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 1, walk_minutes: {S1: 0}}",
            cohorts: "    - {id: c, teams: 1, departs_depot: \"07:00\", route: [{site: S1, travel_minutes: 20, teams: 1}], setup_minutes: 10, shift_end: \"09:00\"}",
            service: Tiny.deterministic))
        XCTAssertEqual(r[.waitSwabMinutes], 29, accuracy: 1e-12)
        XCTAssertEqual(r[.timeInSystemMinutes], 30.5, accuracy: 1e-12)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 30.5, accuracy: 1e-12)
        XCTAssertEqual(r[.shareWaitingOver20Minutes], 1)
    }

    /// A team with a 10-minute standing limit and a 5-minute break, 30 residents arriving every
    /// 30 s, one-minute swabs: it swabs 07:00-07:10, breaks to 07:15, swabs to 07:25, breaks to
    /// 07:30 and swabs the last ten by 07:40.
    func testBreakAtStandingLimit() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 30, walk_minutes: {S1: 0}}",
            cohorts: "    - {id: c, teams: 1, departs_depot: \"06:50\", route: [{site: S1, travel_minutes: 10, teams: 1}], setup_minutes: 0, standing_limit_minutes: 10, break_minutes: 5, shift_end: \"09:00\"}",
            service: Tiny.instantRegistration(swabSeconds: 60),
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:00-07:15\"}]"))
        XCTAssertEqual(r[.residentsSwabbed], 30)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 40, accuracy: 1e-9)
        XCTAssertEqual(r[.longestStandingMinutes], 10, accuracy: 1e-9)
        // Resident k arrives at 0.5k min; the first ten are swabbed at once or after a short wait.
        // Their swab starts: 0..9, then 15..24 for k = 10..19, then 30..39 for k = 20..29.
        var waits = 0.0
        for k in 0..<30 {
            let start = k < 10 ? Double(k) : (k < 20 ? Double(k + 5) : Double(k + 10))
            waits += start - 0.5 * Double(k)
        }
        XCTAssertEqual(r[.waitSwabMinutes], waits / 30, accuracy: 1e-9)
        XCTAssertEqual(r[.swabTeamUtilisation], 1, accuracy: 1e-9)
    }

    /// A relief team ready at 07:20:30 takes over after the outgoing team finishes the resident
    /// in hand (07:20-07:21), so service never stops: 40 one-minute swabs end at 07:40.
    func testHandoverFinishesResidentInHand() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 40, walk_minutes: {S1: 0}}",
            cohorts: """
                - {id: morning, teams: 1, departs_depot: "06:50", route: [{site: S1, travel_minutes: 10, teams: 1}], setup_minutes: 0, shift_end: "08:00"}
                - {id: relief, teams: 1, departs_depot: "07:00", route: [{site: S1, travel_minutes: 20.5, teams: 1}], setup_minutes: 0, shift_end: "09:00", relieves: morning}
            """,
            service: Tiny.instantRegistration(swabSeconds: 60),
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:00-07:20\"}]"))
        XCTAssertEqual(r[.residentsSwabbed], 40)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 40, accuracy: 1e-9)
        // The morning team stood 07:00-07:21, the relief 07:21-07:40.
        XCTAssertEqual(r[.longestStandingMinutes], 21, accuracy: 1e-9)
        XCTAssertEqual(r[.swabTeamUtilisation], 1, accuracy: 1e-9)
        XCTAssertEqual(r[.overtimeTeamMinutes], 0)
    }

    /// With no relief, the team stops at shift end after the resident in hand: 10 of 20 are
    /// swabbed and the rest are counted as not swabbed.
    func testShiftEndWithoutReliefLeavesResidents() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 20, walk_minutes: {S1: 0}}",
            cohorts: "    - {id: c, teams: 1, departs_depot: \"06:50\", route: [{site: S1, travel_minutes: 10, teams: 1}], setup_minutes: 0, shift_end: \"07:10\"}",
            service: Tiny.instantRegistration(swabSeconds: 60),
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:00-07:10\"}]"))
        XCTAssertEqual(r[.residentsSwabbed], 10)
        XCTAssertEqual(r[.residentsNotSwabbed], 10)
        XCTAssertEqual(r[.finishedByDeadline], 0)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 10, accuracy: 1e-9)
    }

    /// Elderly residents use a priority lane: of two waiting, the elderly one is swabbed first.
    func testPriorityLane() throws {
        // B2's resident and B1's elderly resident both reach the swab line at 07:00; the only
        // station opens at 07:05. B2 is listed first, so without the lane it would go first.
        let r = try Tiny.run(Tiny.yaml(
            buildings: """
              - {id: B2, residents: 1, walk_minutes: {S1: 0}}
              - {id: B1, residents: 1, elderly_share: 1, walk_minutes: {S1: 0}}
            """,
            sites: "  - {id: S1, registration_desks: 2, swab_stations: 1}",
            cohorts: "    - {id: c, teams: 1, departs_depot: \"06:55\", route: [{site: S1, travel_minutes: 10, teams: 1}], setup_minutes: 0, shift_end: \"09:00\"}",
            service: """
              registration: {distribution: deterministic, mean_seconds: 0}
              swab: {distribution: deterministic, mean_seconds: 30}
              elderly_factor: 2
            """))
        // Elderly: waits 5 min, swab 60 s, done 07:06. Other: waits to 07:06, swab 30 s, done 07:06:30.
        XCTAssertEqual(r[.waitSwabMinutes], (5 + 6) / 2, accuracy: 1e-9)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 6.5, accuracy: 1e-9)
    }

    /// Staffing by period: with one of two desks open until 07:10, registration is one at a time.
    func testStaffingPeriodLimitsDesks() throws {
        let base = { (staffing: String) in Tiny.yaml(
            buildings: "  - {id: B1, residents: 4, walk_minutes: {S1: 0}}",
            sites: "  - {id: S1, registration_desks: 2, swab_stations: 2}",
            cohorts: "    - {id: c, teams: 2, departs_depot: \"06:50\", route: [{site: S1, travel_minutes: 10, teams: 2}], setup_minutes: 0, shift_end: \"09:00\"}",
            service: """
              registration: {distribution: deterministic, mean_seconds: 60}
              swab: {distribution: deterministic, mean_seconds: 1}
            """,
            arrivals: "  turnout_share: 1\n  ignore_call_up_share: 0\n  spread: uniform",
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:00-07:01\"}]\n" + staffing) }
        let one = try Tiny.run(base("  staffing: [{site: S1, period: \"07:00-07:10\", desks: 1, stations: 2}]"))
        let two = try Tiny.run(base(""))
        // All four arrive in the first minute; one desk takes them 60 s apart.
        XCTAssertGreaterThan(one[.finishTimeMinutesAfterOpening], 4)
        XCTAssertLessThan(two[.finishTimeMinutesAfterOpening], 3.1)
    }
}
