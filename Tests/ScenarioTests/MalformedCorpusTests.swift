import Foundation
import XCTest
import TestSupport
@testable import Scenario

/// Every file in `Malformed/` breaks the valid base scenario (`base-valid.yaml.txt`) in one
/// way; the first error must name the right file, line, column and problem.
final class MalformedCorpusTests: XCTestCase {
    static let expected: [(scenario: String, errorFile: String, line: Int, column: Int, message: String, exit: Int32)] = [
        ("01-syntax-unclosed-bracket.yaml", "01-syntax-unclosed-bracket.yaml", 24, 6, "YAML syntax: did not find expected ',' or '}' (while parsing", 65),
        ("02-duplicate-key.yaml", "02-duplicate-key.yaml", 6, 3, "duplicate key `opening` (first at line 5); each key may appear once", 65),
        ("03-unknown-top-key.yaml", "03-unknown-top-key.yaml", 46, 1, "unknown key `arival`; did you mean `arrivals`? Known keys he", 65),
        ("04-misspelt-building-key.yaml", "04-misspelt-building-key.yaml", 12, 5, "unknown key `residnets`; did you mean `residents`? Known key", 65),
        ("05-missing-deadline.yaml", "05-missing-deadline.yaml", 4, 3, "missing required key `deadline`", 65),
        ("06-residents-not-a-number.yaml", "06-residents-not-a-number.yaml", 12, 16, "expected a whole number such as 12, found `many`", 65),
        ("07-residents-quoted.yaml", "07-residents-quoted.yaml", 12, 16, "expected a whole number such as 12, found `300`", 65),
        ("08-residents-fraction.yaml", "08-residents-fraction.yaml", 12, 16, "expected a whole number such as 12, found `300.5`", 65),
        ("09-residents-negative.yaml", "09-residents-negative.yaml", 12, 16, "-5 is out of range; expected a whole number from 0 to 100000", 65),
        ("10-share-above-one.yaml", "10-share-above-one.yaml", 47, 18, "1.5 is out of range; expected a number from 0 to 1", 65),
        ("11-bad-clock.yaml", "11-bad-clock.yaml", 5, 12, "`7h00` is not a clock time; expected \"HH:MM\" such as \"07:30\"", 65),
        ("12-deadline-before-opening.yaml", "12-deadline-before-opening.yaml", 6, 13, "the deadline 06:00 is not after the opening 07:00", 65),
        ("13-unknown-compound.yaml", "13-unknown-compound.yaml", 16, 15, "unknown compound `south`; known compounds: north", 65),
        ("14-route-unknown-site.yaml", "14-route-unknown-site.yaml", 33, 18, "unknown site `S3`; known sites: S1, S2", 65),
        ("15-route-teams-mismatch.yaml", "15-route-teams-mismatch.yaml", 29, 14, "the route drops 4 teams but the cohort has 5; make the stops", 65),
        ("16-relieves-unknown.yaml", "16-relieves-unknown.yaml", 42, 17, "unknown cohort `evening`; known cohorts: morning, relief", 65),
        ("17-relieves-itself.yaml", "17-relieves-itself.yaml", 42, 17, "a cohort cannot relieve itself", 65),
        ("18-unknown-cover.yaml", "18-unknown-cover.yaml", 22, 38, "unknown cover `parasol`; expected one of: none, umbrella, te", 65),
        ("19-unknown-distribution.yaml", "19-unknown-distribution.yaml", 45, 24, "unknown distribution `weibull`; expected one of: determinist", 65),
        ("20-lognormal-without-cv.yaml", "20-lognormal-without-cv.yaml", 44, 17, "a lognormal distribution needs `cv`", 65),
        ("21-exponential-with-cv.yaml", "21-exponential-with-cv.yaml", 45, 59, "`cv` does not apply to an exponential distribution; it takes", 65),
        ("22-call-up-unknown-building.yaml", "22-call-up-unknown-building.yaml", 54, 18, "unknown building `B3`; did you mean `B1`?", 65),
        ("23-call-up-outside-round.yaml", "23-call-up-outside-round.yaml", 54, 40, "window 09:30-10:30 is outside the round 07:00-10:00", 65),
        ("24-floor-called-twice.yaml", "24-floor-called-twice.yaml", 55, 7, "floor 3 of building `B2` is already called by call_ups[1]; c", 65),
        ("25-building-not-called.yaml", "25-building-not-called.yaml", 53, 5, "floors 11-12 of building `B2` are not called; every resident", 65),
        ("26-floors-out-of-range.yaml", "26-floors-out-of-range.yaml", 53, 30, "floors 1-9 are outside building `B1`, which has floors 1-6", 65),
        ("27-staffing-too-many-desks.yaml", "27-staffing-too-many-desks.yaml", 56, 48, "5 is out of range; expected a whole number from 0 to 2", 65),
        ("28-staffing-periods-overlap.yaml", "28-staffing-periods-overlap.yaml", 57, 26, "period 07:30-09:00 overlaps staffing[0] of the same site; pe", 65),
        ("29-unknown-target-metric.yaml", "29-unknown-target-metric.yaml", 49, 13, "unknown metric `p95_wait`; expected one of: wait_registratio", 65),
        ("30-target-two-bounds.yaml", "30-target-two-bounds.yaml", 49, 5, "a target needs exactly one of `at_most` or `at_least`, or th", 65),
        ("31-top-level-list.yaml", "31-top-level-list.yaml", 1, 1, "expected a mapping (keys and values), found a list", 65),
        ("32-empty.yaml", "32-empty.yaml", 1, 1, "the file is empty; expected a mapping with keys such as `nam", 65),
        ("33-missing-buildings-csv.yaml", "33-missing-buildings-csv.yaml", 10, 9, "no-such-buildings.csv`: no such file; give a CSV or .xlsx path", 66),
        ("34-bad-row-in-buildings-csv.yaml", "bad-row-buildings.csv", 3, 10, "`abc` is not valid; expected a whole number", 65),
        ("35-more-teams-than-stations.yaml", "35-more-teams-than-stations.yaml", 25, 3, "cohorts put 2 teams at a time at site `S2`, which has 1 swab", 65),
        ("36-duplicate-site-id.yaml", "36-duplicate-site-id.yaml", 23, 5, "site id `S1` is used twice; ids must be unique", 65),
        ("37-walking-speed-zero.yaml", "37-walking-speed-zero.yaml", 47, 28, "0 is out of range; expected a number from 10 to 300", 65),
        ("38-window-ends-before-start.yaml", "38-window-ends-before-start.yaml", 53, 40, "window `07:30-07:00` ends before it starts; expected the end", 65),
        ("39-id-with-path.yaml", "39-id-with-path.yaml", 10, 9, "`../evil` is not a valid id; use letters (any script), digits", 65),
        ("40-not-enough-registration-staff.yaml", "40-not-enough-registration-staff.yaml", 56, 5, "4 registration desks are open at 07:00 but there are 1 regis", 65),
        ("41-negative-travel.yaml", "41-negative-travel.yaml", 32, 38, "-25 is out of range; expected a number from 0", 65),
        ("42-walk-minutes-unknown-site.yaml", "42-walk-minutes-unknown-site.yaml", 14, 27, "unknown site `S9`; known sites: S1, S2", 65),
        ("43-courier-route-unknown-site.yaml", "43-courier-route-unknown-site.yaml", 51, 32, "unknown site `S9` on the courier's route", 65),
        ("44-door-to-door-list-too-long.yaml", "44-door-to-door-list-too-long.yaml", 10, 5, "lists 200 households for door-to-door but has only 116", 65),
        ("45-worker-two-roles.yaml", "45-worker-two-roles.yaml", 57, 28, "worker W1 already has a role (data_desk) in 07:00-09:00; a worker cannot be in two places", 65),
        ("46-couriers-without-lab.yaml", "46-couriers-without-lab.yaml", 49, 3, "couriers need a `lab` to deliver to", 65),
        ("47-unknown-weather-kind.yaml", "47-unknown-weather-kind.yaml", 49, 21, "unknown weather `snow`; expected one of: rain, wind, heat", 65),
        ("48-door-to-door-household-not-visited.yaml", "48-door-to-door-household-not-visited.yaml", 10, 5, "has households to swab at home but no door-to-door team visits it", 65),
        ("49-bad-effect-speed.yaml", "49-bad-effect-speed.yaml", 49, 70, "expected `pause` or a speed from 0 to 1", 65),
        ("50-door-to-door-team-without-escort.yaml", "50-door-to-door-team-without-escort.yaml", 62, 5, "2 door-to-door teams (D1, D2) are out at 08:00 but 1 worker has the door_to_door role then", 65),
        ("51-courier-leg-without-time.yaml", "51-courier-leg-without-time.yaml", 53, 7, "no travel time from `S1` to `S2` on courier K2's route", 65),
        ("52-swab-mean-astronomical.yaml", "52-swab-mean-astronomical.yaml", 45, 45, "1e+300 is out of range; expected a number greater than 0 and at most 8", 65),
        ("53-gamma-cv-vanishing.yaml", "53-gamma-cv-vanishing.yaml", 45, 53, "1e-200 is out of range; expected 0 (no variation) or a cv from 0.01 to", 65),
        ("54-setup-minutes-huge.yaml", "54-setup-minutes-huge.yaml", 35, 22, "1000000000000000.0 is out of range; expected a number from 0 to 1440", 65),
        ("55-walk-minutes-huge.yaml", "55-walk-minutes-huge.yaml", 14, 24, "2e+300 is out of range; expected a number from 0 to 1440", 65),
        ("56-walking-speed-vanishing.yaml", "56-walking-speed-vanishing.yaml", 47, 28, "1e-300 is out of range; expected a number from 10 to 300", 65),
        ("57-travel-minutes-huge.yaml", "57-travel-minutes-huge.yaml", 32, 38, "1000000000000000.0 is out of range; expected a number from 0 to 1440", 65),
        ("58-elderly-factor-huge.yaml", "58-elderly-factor-huge.yaml", 46, 19, "1e+300 is out of range; expected a number from 0.1 to 10", 65),
        ("59-stairs-seconds-huge.yaml", "59-stairs-seconds-huge.yaml", 47, 29, "1e+300 is out of range; expected a number from 0 to 600", 65),
        ("60-lift-round-trip-huge.yaml", "60-lift-round-trip-huge.yaml", 47, 28, "1e+300 is out of range; expected a number from 5 to 3600", 65),
        ("61-weather-duration-huge.yaml", "61-weather-duration-huge.yaml", 50, 102, "1000000000000000.0 is out of range; expected a number greater than 0 a", 65),
        ("62-courier-every-nanominute.yaml", "62-courier-every-nanominute.yaml", 54, 44, "1e-09 is out of range; expected a number from 1 to 1440", 65),
        ("63-courier-check-nanominute.yaml", "63-courier-check-nanominute.yaml", 54, 66, "1e-09 is out of range; expected a number from 1 to 1440", 65),
        ("64-anchor.yaml", "64-anchor.yaml", 44, 17, "anchors (`&name`) are not allowed in SwabPlan files; write the value o", 65),
        ("65-alias-as-key.yaml", "65-alias-as-key.yaml", 3, 4, "anchors (`&name`) are not allowed in SwabPlan files; write the value o", 65),
        ("66-clock-negative-zero.yaml", "66-clock-negative-zero.yaml", 5, 12, "`-0:00` is not a clock time; expected \"HH:MM\" such as \"07:30\"", 65),
        ("67-clock-plus-sign.yaml", "67-clock-plus-sign.yaml", 5, 12, "`+7:00` is not a clock time; expected \"HH:MM\" such as \"07:30\"", 65),
        ("68-date-february-30.yaml", "68-date-february-30.yaml", 4, 9, "`2022-02-30` is not a date; expected YYYY-MM-DD such as 2022-05-06", 65),
        ("69-call-up-to-unstaffed-site.yaml", "69-call-up-to-unstaffed-site.yaml", 55, 28, "no swab team works at site `S3` at any time (no cohort's route stops t", 65),
        ("70-id-too-long.yaml", "70-id-too-long.yaml", 10, 9, "`B1111111111111111111...` is 301 characters; an id has at most 64 (put", 65),
        ("71-id-with-space.yaml", "71-id-with-space.yaml", 10, 9, "`Block 1` is not a valid id; use letters (any script), digits, `-`, `_", 65),
        ("72-cv-too-small.yaml", "72-cv-too-small.yaml", 44, 65, "0.001 is out of range; expected 0 (no variation) or a cv from 0.01 to ", 65),
        ("73-wide-characters-column.yaml", "73-wide-characters-column.yaml", 22, 40, "unknown cover `parasol`; expected one of: none, umbrella, tent, indoor", 65),
        ("74-empirical-value-huge.yaml", "74-empirical-value-huge.yaml", 45, 60, "1e+300 is out of range; expected a number from 0 to 86400", 65),
        ("75-lab-coordinates-huge.yaml", "75-lab-coordinates-huge.yaml", 48, 28, "1e+300 is out of range; expected a number from -1000000 to 1000000", 65),
        ("76-standing-limit-tiny.yaml", "76-standing-limit-tiny.yaml", 35, 31, "1e-09 is out of range; expected a number from 1 to 1440", 65),
        ("77-drops-wrong-team-count.yaml", "77-drops-wrong-team-count.yaml", 58, 9, "the route drops 3 teams but cohort `morning` has 4", 65),
        ("78-break-outside-shift.yaml", "78-break-outside-shift.yaml", 56, 38, "11:00 is outside the team's working time 07:00-09:00", 65),
        ("79-plan-unknown-courier.yaml", "79-plan-unknown-courier.yaml", 56, 17, "unknown courier `K9`; the scenario's couriers: none", 65),
        ("80-plan-door-to-door-unknown-team.yaml", "80-plan-door-to-door-unknown-team.yaml", 56, 14, "unknown door-to-door team `D9`; the scenario's teams: none", 65),
        ("81-handover-across-sites.yaml", "81-handover-across-sites.yaml", 56, 43, "team 1 of `relief` is dropped at site `S1` but team 3 of `morning` works at `S2`", 65),
        ("82-notice-issuer-empty.yaml", "82-notice-issuer-empty.yaml", 57, 36, "expected a line of text of 1 to 100 characters", 65),
        ("83-unknown-language.yaml", "83-unknown-language.yaml", 3, 11, "unknown language `zh-CN`; expected zh (Chinese) or en (English)", 65),
        ("84-name-with-line-break.yaml", "84-name-with-line-break.yaml", 22, 20, "expected a name of 1 to 100 characters on one line", 65),
        ("85-stairs-up-to-floor-zero.yaml", "85-stairs-up-to-floor-zero.yaml", 47, 23, "0 is out of range; expected a whole number from 1 to 200", 65),
        ("86-lift-seconds-per-floor-too-many.yaml", "86-lift-seconds-per-floor-too-many.yaml", 47, 27, "61 is out of range; expected a number from 0 to 60", 65),
        ("87-planning-band-order.yaml", "87-planning-band-order.yaml", 58, 15, "unknown band order `top_first`; expected one of: top_down_where_lifts, top_down, bottom_up", 65),
        ("88-planning-unknown-building.yaml", "88-planning-unknown-building.yaml", 59, 5, "no building `B9` in the scenario; did you mean `B1`?", 65),
        ("89-planning-grid-seven.yaml", "89-planning-grid-seven.yaml", 58, 17, "a 7-minute grid does not divide the hour; expected one of 5, 10, 15, 20, 30, 60", 65),
        ("90-planning-unknown-key.yaml", "90-planning-unknown-key.yaml", 58, 3, "unknown key `min_window`", 65),
        ("91-planning-pinned-unknown-site.yaml", "91-planning-pinned-unknown-site.yaml", 59, 16, "no site `S3` in the scenario; expected one of: S1, S2", 65),
        ("92-desk-move-unknown-site.yaml", "92-desk-move-unknown-site.yaml", 58, 35, "unknown site `S3`; known sites: S1, S2", 65),
        ("93-desk-move-too-many.yaml", "93-desk-move-too-many.yaml", 58, 46, "3 desks; site `S1` has 2 registration desks, so at most 2 can open there", 65),
        ("94-desk-move-data-desk-empty.yaml", "94-desk-move-data-desk-empty.yaml", 59, 53, "2 people from the data desk at 08:00, but no one works it then", 65),
        ("95-desk-move-after-deadline.yaml", "95-desk-move-after-deadline.yaml", 58, 12, "11:00 is outside the round 07:00-10:00", 65),
    ]

    static var folder: String { Bundle.module.resourcePath! + "/Malformed" }

    func testEveryMalformedFileGivesItsError() throws {
        for e in Self.expected {
            let path = Self.folder + "/" + e.scenario
            let refused = assertPositionedError(e.message, line: e.line, column: e.column, file: e.errorFile) { _ = try ScenarioLoader.load(path: path) }
            if let errors = refused {
                // The first error is the one expected (no earlier one in the file).
                let first = try XCTUnwrap(errors.errors.first)
                XCTAssertTrue(first.message.contains(e.message), "\(e.scenario): \(first.message)")
                // Exit 66 for a missing file, 65 for bad data: as `swabplan validate` exits.
                XCTAssertEqual(errors.isMissingFile ? 66 : 65, e.exit, "\(e.scenario)")
                if e.exit == 66 { XCTAssertEqual(errors.errors.count, 1, "\(e.scenario): one error, no cascade: \(errors)") }
            }
        }
    }

    /// The corpus has no file without an expectation, and at least 25 of them.
    func testCorpusIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(Set(files), Set(Self.expected.map(\.scenario)))
        XCTAssertGreaterThanOrEqual(files.count, 25)
    }

    func testBaseIsValid() throws {
        let text = try String(contentsOfFile: Bundle.module.resourcePath! + "/base-valid.yaml.txt", encoding: .utf8)
        let s = try ScenarioLoader.parse(text, file: "base.yaml")
        XCTAssertEqual(s.buildings.count, 2)
        XCTAssertEqual(s.plan?.callUps.count, 2)
    }

    func testMissingFileIsReportedAsMissing() {
        XCTAssertThrowsError(try ScenarioLoader.load(path: "/no/such/scenario.yaml")) { error in
            XCTAssertTrue((error as? ScenarioErrors)?.isMissingFile == true)
        }
    }

    /// A misspelt optional key is an error, never silently dropped.
    func testMisspeltOptionalKeyIsAnError() throws {
        let text = try String(contentsOfFile: Bundle.module.resourcePath! + "/base-valid.yaml.txt", encoding: .utf8)
            .replacingOccurrences(of: "  turnout_share: 0.95", with: "  turnout_shar: 0.95")
        XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "x.yaml")) { error in
            XCTAssertTrue("\(error)".contains("did you mean `turnout_share`?"), "\(error)")
        }
    }

    /// Several problems are reported together, in the order read.
    func testErrorsAreCollected() throws {
        let text = try String(contentsOfFile: Bundle.module.resourcePath! + "/base-valid.yaml.txt", encoding: .utf8)
            .replacingOccurrences(of: "cover: umbrella", with: "cover: parasol")
            .replacingOccurrences(of: "  turnout_share: 0.95", with: "  turnout_share: 2")
        XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "x.yaml")) { error in
            XCTAssertEqual((error as? ScenarioErrors)?.errors.count, 2, "\(error)")
        }
    }
}
