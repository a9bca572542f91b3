import XCTest
import Scenario
import SimKit
@testable import SiteModel

/// The round's logistics in tiny models whose times can be worked out by hand.
final class LogisticsTests: XCTestCase {
    static let oneTeam = "    - {id: c, teams: 1, departs_depot: \"06:50\", route: [{site: S1, travel_minutes: 10, teams: 1}], setup_minutes: 0, shift_end: \"12:00\"}"

    /// A gust pauses the umbrella site from 07:10 to 07:15: the resident who comes at 07:10 is
    /// swabbed 5 minutes later than without it; the one in hand at 07:10 is finished.
    func testGustPausesUmbrellaSite() throws {
        func run(_ weather: String) throws -> ReplicationResult {
            try Tiny.run(Tiny.yaml(
                buildings: "  - {id: B1, residents: 2, walk_minutes: {S1: 0}}",
                sites: "  - {id: S1, cover: umbrella, registration_desks: 1, swab_stations: 1}",
                cohorts: Self.oneTeam, service: Tiny.instantRegistration(swabSeconds: 30),
                plan: "  call_ups: [{building: B1, site: S1, window: \"07:09-07:11\"}]",
                extra: weather))
        }
        // Even spread: residents at 07:09 and 07:10; swabs of 30 s.
        let calm = try run("")
        let gust = try run("weather:\n  forecast: [{kind: wind, severity: moderate, window: \"07:10-07:15\"}]")
        XCTAssertEqual(calm[.finishTimeMinutesAfterOpening], 10.5, accuracy: 1e-9)
        XCTAssertEqual(gust[.finishTimeMinutesAfterOpening], 15.5, accuracy: 1e-9)
        XCTAssertEqual(gust[.minutesLostToWeather], 5, accuracy: 1e-9)
        XCTAssertEqual(gust[.weatherCostMinutes], 2.5, accuracy: 1e-9) // one of two residents waits 5 min
        XCTAssertEqual(gust[.timeInSystemWithoutWeatherMinutes], calm[.timeInSystemMinutes], accuracy: 1e-12)
        // The same gust at a tent site changes nothing (tents stand in moderate wind: 0.9 speed
        // is a slow-down, so the swab takes 30 / 0.9 s).
        let tent = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 2, walk_minutes: {S1: 0}}",
            sites: "  - {id: S1, cover: tent, registration_desks: 1, swab_stations: 1}",
            cohorts: Self.oneTeam, service: Tiny.instantRegistration(swabSeconds: 30),
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:09-07:11\"}]",
            extra: "weather:\n  forecast: [{kind: wind, severity: moderate, window: \"07:10-07:15\"}]"))
        XCTAssertEqual(tent[.finishTimeMinutesAfterOpening], 10 + 30.0 / 0.9 / 60, accuracy: 1e-9)
        XCTAssertEqual(tent[.minutesLostToWeather], 0)
    }

    static func tubeScenario(residents: Int, window: String, pool: Int, holding: Int, courier: String) -> String {
        Tiny.yaml(
            buildings: "  - {id: B1, residents: \(residents), walk_minutes: {S1: 0}}",
            cohorts: Self.oneTeam,
            service: Tiny.instantRegistration(swabSeconds: 60),
            plan: "  call_ups: [{building: B1, site: S1, window: \"\(window)\"}]",
            extra: """
            tubes: {pool_size: \(pool), max_holding_minutes: \(holding)}
            lab: {receiving: "06:00-22:00", sample_age_limit_minutes: 45}
            couriers:
              legs: [{from: lab, to: S1, minutes: 10}]
              fleet: [{id: K1, route: [S1], \(courier)}]
            """)
    }

    /// Ten residents swabbed 07:00-07:10 fill one tube, sealed at the tenth swab (first sample
    /// 07:01). The courier leaves the lab at 07:30, collects at 07:40, delivers at 07:50: every
    /// sample is 49 minutes old, over the 45-minute limit.
    func testTubeOfTenSealedAtTenthSwab() throws {
        let r = try Tiny.run(Self.tubeScenario(residents: 10, window: "07:00-07:05", pool: 10, holding: 60, courier: "departs: [\"07:30\"]"))
        XCTAssertEqual(r[.residentsSwabbed], 10)
        XCTAssertEqual(r[.sampleAgeAtLabMeanMinutes], 49, accuracy: 1e-9)
        XCTAssertEqual(r[.sampleAgeAtLabMaxMinutes], 49, accuracy: 1e-9)
        XCTAssertEqual(r[.shareSamplesOverAgeLimit], 1)
        XCTAssertEqual(r[.tubesUncollected], 0)
        XCTAssertEqual(r[.courierRuns], 1)
    }

    /// Fifteen residents, one a minute: with a 5-minute holding limit the partial tubes are
    /// sealed at 07:06 and 07:11 (five samples each) and the last at 07:15 when the round is
    /// over. The courier of 07:20 collects them at 07:30 and delivers at 07:40: ages 39, 34, 29.
    func testPartialTubesSealedAtHoldingLimit() throws {
        let r = try Tiny.run(Self.tubeScenario(residents: 15, window: "07:00-07:15", pool: 10, holding: 5, courier: "departs: [\"07:20\"]"))
        XCTAssertEqual(r[.residentsSwabbed], 15)
        XCTAssertEqual(r[.sampleAgeAtLabMeanMinutes], 34, accuracy: 1e-9)
        XCTAssertEqual(r[.sampleAgeAtLabMaxMinutes], 39, accuracy: 1e-9)
        XCTAssertEqual(r[.shareSamplesOverAgeLimit], 0)
    }

    /// A courier whose only run leaves before the tubes are sealed leaves them uncollected.
    func testTubesUncollectedWithoutALaterRun() throws {
        let r = try Tiny.run(Self.tubeScenario(residents: 10, window: "07:00-07:05", pool: 10, holding: 60, courier: "departs: [\"06:50\"]"))
        XCTAssertEqual(r[.tubesUncollected], 1)
        XCTAssertEqual(r[.courierRuns], 1)
    }

    /// On demand: the courier leaves when the box holds one tube (checking every minute).
    func testOnDemandCourier() throws {
        let r = try Tiny.run(Self.tubeScenario(residents: 10, window: "07:00-07:05", pool: 10, holding: 60,
                                               courier: "on_demand: {tubes: 1, check_minutes: 1, from: \"07:00\"}"))
        // Sealed by the swab that ends at 07:10; the check at 07:10 runs first (staff events
        // before completions at equal times), so the 07:11 check sends the courier: collected
        // 07:21, delivered 07:31, samples first taken at 07:01 are 30 minutes old.
        XCTAssertEqual(r[.sampleAgeAtLabMeanMinutes], 30, accuracy: 1e-9)
        XCTAssertEqual(r[.courierRuns], 1)
        XCTAssertEqual(r[.tubesUncollected], 0)
    }

    /// A door-to-door team leaves S1 at 07:30, walks 5 min to B2, climbs six storeys and back
    /// ((6 - 1) x 15 s x 2), spends 4 min at each of 3 quarantined households and walks 5 min
    /// back: tubes handed over at 07:54:30. At 2.6 persons per household, one tube per person:
    /// 2 + 3 + 2 = 7 tubes.
    func testDoorToDoorFinishTime() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: """
              - {id: B1, residents: 10, walk_minutes: {S1: 0}}
              - {id: B2, residents: 20, floors: 6, quarantined_households: 3, walk_minutes: {S1: 5}}
            """,
            cohorts: Self.oneTeam, service: Tiny.deterministic,
            extra: """
            door_to_door:
              visit: {distribution: deterministic, mean_seconds: 240}
              teams: [{id: D1, start: "07:30", buildings: [B2], handoff: S1}]
            """))
        XCTAssertEqual(r[.doorToDoorHouseholdsDone], 3)
        XCTAssertEqual(r[.doorToDoorFinishMinutesAfterOpening], 54.5, accuracy: 1e-9)
        XCTAssertEqual(r[.doorToDoorTubes], 7)
        // B2's 8 quarantined residents (3 x 2.6, rounded) do not come to the site: 10 + 12 do.
        XCTAssertEqual(r[.residentsSwabbed] + r[.residentsNotSwabbed], 22)
    }

    /// A verification list of 60 one-minute items arrives at 08:00, due in 30 minutes. Two
    /// workers at the desk clear it at 08:30, on time; with W2 moved to registration, W1 alone
    /// finishes at 09:00: half the items late, the last by 30 minutes.
    func testDataListLateWhenWorkerMoved() throws {
        func run(_ w2: String) throws -> ReplicationResult { try Self.dataDesk(w2: w2, list: "{arrives: \"08:00\", items: 60, deadline_minutes: 30}") }
        let both = try run("{worker: W2, period: \"07:00-12:00\", role: data_desk}")
        XCTAssertEqual(both[.dataItemsOnTimeShare], 1)
        XCTAssertEqual(both[.dataLargestLatenessMinutes], 0)
        let moved = try run("{worker: W2, period: \"07:00-12:00\", role: registration, site: S1}")
        XCTAssertEqual(moved[.dataItemsOnTimeShare], 0.5)
        XCTAssertEqual(moved[.dataLargestLatenessMinutes], 30, accuracy: 1e-9)
        XCTAssertEqual(moved[.workerHoursRegistration], 5)
        XCTAssertEqual(moved[.workerHoursDataDesk], 5)
    }

    /// A desk period to the day's end (the desk after the round, until its data are done) counts
    /// until the desk's last item is done, and at least to the deadline (12:00), not to midnight.
    /// 120 one-minute items at 11:30: W1 (to 12:00) and W2 clear 60 by 12:00, W2 the rest by
    /// 13:00, so W2 sits 6 hours; 60 items at 08:00 are done by 08:30, so W2 counts to 12:00.
    func testOpenDeskPeriodCountsUntilTheDataAreDone() throws {
        let open = "{worker: W2, period: \"07:00-24:00\", role: data_desk}"
        let late = try Self.dataDesk(w2: open, list: "{arrives: \"11:30\", items: 120, deadline_minutes: 120}")
        XCTAssertEqual(late[.dataItemsOnTimeShare], 1)
        XCTAssertEqual(late[.workerHoursDataDesk], 5 + 6, accuracy: 1e-9)
        let early = try Self.dataDesk(w2: open, list: "{arrives: \"08:00\", items: 60, deadline_minutes: 30}")
        XCTAssertEqual(early[.workerHoursDataDesk], 5 + 5, accuracy: 1e-9)
    }

    /// One resident, W1 on the data desk 07:00-12:00, W2 as given, and one verification list of
    /// one-minute items.
    static func dataDesk(w2: String, list: String) throws -> ReplicationResult {
        try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 1, walk_minutes: {S1: 0}}",
            cohorts: Self.oneTeam, service: Tiny.deterministic,
            plan: """
              call_ups: [{building: B1, site: S1, window: "07:00-07:30"}]
              roles:
                - {worker: W1, period: "07:00-12:00", role: data_desk}
                - \(w2)
            """,
            extra: """
            data_desk:
              item: {distribution: deterministic, mean_seconds: 60}
              lists: [\(list)]
            """).replacingOccurrences(of: "registrars: 4", with: "registrars: 4\n  community_workers: 2"))
    }

    /// One desk with 10-minute registrations, residents evenly inside 07:00-07:01, and the
    /// patience written in `arrivals`.
    static func slowDesk(residents: Int, patience: String, indoorsIn weather: String? = nil) throws -> ReplicationResult {
        try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: \(residents), walk_minutes: {S1: 0}}",
            sites: "  - {id: S1, cover: \(weather == nil ? "none" : "indoor"), registration_desks: 1, swab_stations: 1}",
            cohorts: Self.oneTeam,
            service: """
              registration: {distribution: deterministic, mean_seconds: 600}
              swab: {distribution: deterministic, mean_seconds: 30}
            """,
            arrivals: "  turnout_share: 1\n  ignore_call_up_share: 0\n  spread: even\n" + patience,
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:00-07:01\"}]",
            extra: weather ?? ""))
    }

    /// Rain halves a 25-minute patience: the third resident (19 min 20 s to wait) leaves in the
    /// rain and would have stayed on a dry day; the desk is indoors, so only patience changes.
    func testResidentDrivenAwayByRain() throws {
        let rain = "weather:\n  forecast: [{kind: rain, severity: moderate, window: \"07:00-08:00\"}]"
        let r = try Self.slowDesk(residents: 3, patience: "  patience: {distribution: deterministic, mean_seconds: 1500}\n  patience_rain_factor: 0.5\n  come_back_share: 0",
                                  indoorsIn: rain)
        XCTAssertEqual(r[.residentsGaveUp], 1)
        XCTAssertEqual(r[.residentsGaveUpToWeather], 1)
        XCTAssertEqual(r[.minutesLostToWeather], 0)
        // Without the weather all three are swabbed, 10:30, 20:10 and 29:50 minutes after arriving.
        XCTAssertEqual(r[.timeInSystemWithoutWeatherMinutes], (10.5 + (20.5 - 1.0 / 3) + (30.5 - 2.0 / 3)) / 3, accuracy: 1e-9)
    }

    /// One desk, 10-minute registrations, three residents at 07:00: the third would start at
    /// 07:20 but leaves after 15 minutes of waiting and does not come back.
    func testResidentGivesUp() throws {
        let r = try Self.slowDesk(residents: 3, patience: "  patience: {distribution: deterministic, mean_seconds: 900}\n  come_back_share: 0")
        XCTAssertEqual(r[.residentsGaveUp], 1)
        XCTAssertEqual(r[.residentsSwabbed], 2)
        XCTAssertEqual(r[.residentsNotSwabbed], 0)
        XCTAssertEqual(r[.finishedByDeadline], 1)
    }

    /// With patience and a return, the resident who left comes back and is swabbed.
    func testResidentComesBack() throws {
        let r = try Self.slowDesk(residents: 3, patience: "  patience: {distribution: deterministic, mean_seconds: 900}\n  come_back_share: 1\n  come_back_after: {distribution: deterministic, mean_seconds: 1800}")
        XCTAssertEqual(r[.residentsGaveUp], 0)
        XCTAssertEqual(r[.residentsSwabbed], 3)
        // Left at 07:15:40, back at 07:45:40, registered by 07:55:40, swabbed by 07:56:10.
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 56 + 10.0 / 60, accuracy: 1e-9)
    }

    /// Residents who left are found when the line reaches them; one who came back before that
    /// moment is slotted in behind those who joined earlier. One desk, 10-minute registrations,
    /// four residents 15 s apart from 07:00, 5 minutes' patience, back after 1 minute: the
    /// second, third and fourth leave at 07:05:15-07:05:45 and rejoin at 07:06:15-07:06:45;
    /// the second is registered at 07:10, the other two leave again for good.
    func testReturnFoundLateIsSlottedIn() throws {
        let r = try Self.slowDesk(residents: 4, patience: "  patience: {distribution: deterministic, mean_seconds: 300}\n  come_back_share: 1\n  come_back_after: {distribution: deterministic, mean_seconds: 60}")
        XCTAssertEqual(r[.residentsSwabbed], 2)
        XCTAssertEqual(r[.residentsGaveUp], 2)
        XCTAssertEqual(r[.finishTimeMinutesAfterOpening], 20.5, accuracy: 1e-9)
    }

    /// Heat at the start of a span shortens the standing limit (heavy heat: half of 180 min).
    func testHeatShortensStandingLimit() throws {
        let r = try Tiny.run(Tiny.yaml(
            buildings: "  - {id: B1, residents: 200, walk_minutes: {S1: 0}}",
            cohorts: Self.oneTeam,
            service: Tiny.instantRegistration(swabSeconds: 60),
            plan: "  call_ups: [{building: B1, site: S1, window: \"07:00-09:00\"}]",
            extra: "weather:\n  forecast: [{kind: heat, severity: heavy, window: \"06:00-12:00\"}]"))
        XCTAssertEqual(r[.longestStandingMinutes], 90, accuracy: 1e-9)
    }

    /// The door-to-door list after the round (per building, those who gave up for good) adds
    /// up to `residents_gave_up`, in Panjiayuan Nanli with its returns and rain.
    func testGaveUpPerBuildingAddsUp() throws {
        let round = try WeatherTwinTests.panjiayuan()
        var options = RunOptions.standard
        options.recordDetail = true
        for r in 0..<2 {
            let result = round.simulate(seed: 5, replication: r, options: options)
            let listed = try XCTUnwrap(result.detail).gaveUpPerBuilding
            XCTAssertEqual(listed.count, round.scenario.buildings.count)
            XCTAssertEqual(Double(listed.reduce(0, +)), result[.residentsGaveUp])
            XCTAssertGreaterThan(result[.residentsGaveUp], 0)
        }
    }

    /// Without weather and couriers the new parts draw nothing: the small scenario gives the
    /// same figures, to the bit, with or without empty logistics sections.
    func testAbsentLogisticsChangeNothing() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/small/two-sites.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let plain = try ScenarioLoader.parse(text, file: "a.yaml")
        let empty = try ScenarioLoader.parse(text + "\nweather: {forecast: [], interruptions: []}\ntubes: {pool_size: 5}\ndoor_to_door: {teams: []}\n", file: "b.yaml")
        for replication in 0..<5 {
            let a = try! CompiledRound(scenario: plain, plan: plain.effectivePlan).simulate(seed: 9, replication: replication)
            let b = try! CompiledRound(scenario: empty, plan: empty.effectivePlan).simulate(seed: 9, replication: replication)
            XCTAssertEqual(a.metrics, b.metrics)
        }
    }

    /// Random interruptions: over 2,000 replications, the number in a 10-hour window and their
    /// mean duration match the configured rate (2 an hour) and mean (300 s) within t(1 - 5e-7)
    /// standard errors.
    func testInterruptionsAtConfiguredRateAndDuration() throws {
        let s = try Tiny.scenario(Tiny.yaml(
            buildings: "  - {id: B1, residents: 1, walk_minutes: {S1: 0}}", cohorts: Self.oneTeam, service: Tiny.deterministic,
            extra: "weather:\n  interruptions: [{kind: wind, severity: heavy, per_hour: 2, window: \"07:00-17:00\", duration: {distribution: exponential, mean_seconds: 300}}]"))
        let w = s.logistics.weather
        var counts = Tally(), durations = Tally()
        for r in 0..<2000 {
            let draw = WeatherDraw(w, seed: 4, replication: UInt64(r))
            counts.add(Double(draw.episodes.count))
            for e in draw.episodes {
                durations.add(e.end - e.start)
                XCTAssertTrue(e.start >= 7 * 3600 && e.start < 17 * 3600)
            }
        }
        XCTAssertTrue(ConfidenceInterval(counts, level: 1 - 1e-6).contains(20), "\(counts.mean)")
        XCTAssertTrue(ConfidenceInterval(durations, level: 1 - 1e-6).contains(300), "\(durations.mean)")
        // Poisson: the count's variance equals its mean; Var(s^2) ~ (mu4 - sigma^4) / n with
        // mu4 = lambda + 3 lambda^2 for the Poisson, so 5 standard errors are 5 sqrt(820 / 2000).
        XCTAssertEqual(counts.variance, 20, accuracy: 5 * (820.0 / 2000).squareRoot())
    }
}
