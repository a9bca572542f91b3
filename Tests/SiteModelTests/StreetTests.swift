import XCTest
import TestSupport
import Scenario
import SimKit
@testable import SiteModel

/// A street round: communities joined into one simulation, figures split back by community.
final class StreetTests: XCTestCase {
    static var scenarios: String { Repository.path("Scenarios") }

    /// A street file written into the Scenarios folder's `street` subfolder's place (its paths
    /// are relative to it), parsed in memory.
    func street(_ text: String) throws -> Scenario {
        let file = Self.scenarios + "/street/test-street.yaml"
        return try ScenarioLoader.parse(text, file: file, directory: Self.scenarios + "/street")
    }

    func assertSame(_ a: ReplicationResult, _ b: ReplicationResult, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for (i, name) in MetricName.allCases.enumerated() where a.metrics[i].bitPattern != b.metrics[i].bitPattern {
            XCTFail("\(what): \(name.rawValue) \(a.metrics[i]) vs \(b.metrics[i])", file: file, line: line)
        }
        XCTAssertEqual(a.sites.count, b.sites.count, what, file: file, line: line)
        for (x, y) in zip(a.sites, b.sites) {
            XCTAssertEqual(x.swabQueue.map(\.bitPattern), y.swabQueue.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.registrationQueue.map(\.bitPattern), y.registrationQueue.map(\.bitPattern), what, file: file, line: line)
            XCTAssertEqual(x.swabbed, y.swabbed, what, file: file, line: line)
        }
    }

    /// A street of one community is that community: the street's figures and the community's
    /// share of them are, bit for bit, what the community alone gives (same streams: its
    /// buildings, sites and couriers keep their order), with weather, patience, tubes, lifts,
    /// door-to-door and its data desk. What the split reads per site, team and courier adds up.
    func testAStreetOfOneIsTheCommunityAlone() throws {
        let s = try street("""
            street: 一个社区
            communities:
              - {id: nanli, scenario: ../panjiayuan-nanli.yaml}
            """)
        XCTAssertEqual(s.communities.count, 1)
        XCTAssertEqual(s.sites.first?.id, "nanli.S17")
        let alone = try ScenarioLoader.load(path: Self.scenarios + "/panjiayuan-nanli.yaml")
        var options = RunOptions.standard
        options.recordDetail = true
        let own = Experiment.runs(try CompiledRound(scenario: alone, plan: alone.effectivePlan), replications: 0..<4, seed: 3, jobs: 1, options: options)
        let joined = try StreetExperiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 4, seed: 3, jobs: 2, options: options)
        for r in 0..<4 {
            assertSame(joined.communities[0].runs[r], own[r], "community share, replication \(r)")
            // The street's own figures lack only the data desk (each community keeps its own).
            var street = joined.street.runs[r]
            for m in [MetricName.dataItemsOnTimeShare, .dataLargestLatenessMinutes] { street[m] = own[r][m] }
            assertSame(street, own[r], "street, replication \(r)")
            let a = joined.communities[0].runs[r].detail!, b = own[r].detail!
            XCTAssertEqual(a.gaveUpPerBuilding, b.gaveUpPerBuilding)
            XCTAssertEqual(a.timeInSystem, b.timeInSystem)
            XCTAssertEqual(a.callUps.map(\.p95Wait), b.callUps.map(\.p95Wait))
            XCTAssertEqual(a.courierRuns.map { $0.map(\.tubes) }, b.courierRuns.map { $0.map(\.tubes) })
        }
    }

    /// Three communities sharing a lab: each community's residents add up to the street's, the
    /// same on one thread and on two, and each keeps its own behaviour (its own service times
    /// and walking), so a community's waits differ from the street's mixed figure.
    func testCommunitiesAddUpToTheStreet() throws {
        let s = try ScenarioLoader.load(path: Self.scenarios + "/street/chaoyang-street.yaml")
        XCTAssertEqual(s.communities.map(\.id), ["nanli", "xitang", "yuan"])
        XCTAssertEqual(Set(s.buildings.map(\.population)), [0, 1, 2])
        let round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        var options = RunOptions.standard
        options.recordDetail = true
        let one = try StreetExperiment.run(round, replications: 3, seed: 9, jobs: 1, options: options)
        let two = try StreetExperiment.run(round, replications: 3, seed: 9, jobs: 2, options: options)
        for r in 0..<3 {
            assertSame(one.street.runs[r], two.street.runs[r], "street on 1 and 2 threads")
            for k in 0..<3 { assertSame(one.communities[k].runs[r], two.communities[k].runs[r], "community \(k) on 1 and 2 threads") }
            let street = one.street.runs[r], parts = one.communities.map { $0.runs[r] }
            for m in [MetricName.residentsSwabbed, .residentsGaveUp, .residentsNotSwabbed, .doorToDoorHouseholdsDone] {
                XCTAssertEqual(parts.map { $0[m] }.reduce(0, +), street[m], "\(m.rawValue) adds up")
            }
            // The last swab of the street is the last of its communities'.
            XCTAssertEqual(parts.map { $0[.finishTimeMinutesAfterOpening] }.max()!, street[.finishTimeMinutesAfterOpening])
            // Residents' mean time in system is the swabbed-weighted mean of the communities'.
            let weighted = parts.map { $0[.timeInSystemMinutes] * $0[.residentsSwabbed] }.reduce(0, +) / street[.residentsSwabbed]
            XCTAssertEqual(weighted, street[.timeInSystemMinutes], accuracy: 1e-9)
            XCTAssertEqual(parts.map { $0.sites.count }, [4, 2, 2])
            // Each community's time-in-system sample (its quantiles) holds its own residents.
            for p in parts { XCTAssertEqual(Double(p.detail!.timeInSystem.reduce(0, +)), p[.residentsSwabbed]) }
            XCTAssertEqual(parts.map { $0.detail!.callUps.count }.reduce(0, +), street.detail!.callUps.count)
        }
        // A community's publication is its own scenario: its ids, its buildings.
        XCTAssertEqual(one.communities[1].scenario.sites.map(\.id), ["N1", "S1"])
    }

    func assertRefused(_ text: String, _ expected: String, line: Int, column: Int, missing: Bool = false, file: StaticString = #filePath, at: UInt = #line) {
        do {
            _ = try street(text)
            XCTFail("accepted: \(text)", file: file, line: at)
        } catch let e as ScenarioErrors {
            XCTAssertTrue(e.errors.contains { $0.description.contains(expected) }, e.description, file: file, line: at)
            let hit = e.errors.first { $0.description.contains(expected) }
            XCTAssertEqual(hit?.line, line, e.description, file: file, line: at)
            XCTAssertEqual(hit?.column, column, e.description, file: file, line: at)
            XCTAssertEqual(e.isMissingFile, missing, e.description, file: file, line: at)
        } catch { XCTFail("\(error)", file: file, line: at) }
    }

    func testBadStreetFilesArePositioned() {
        assertRefused("street: x\ncommunities:\n  - {id: a, scenario: ../no-such.yaml}\n", "no scenario file `../no-such.yaml`", line: 3, column: 23, missing: true)
        assertRefused("street: x\ncommunities:\n  - {id: a, scenario: ../yuandayuan.yaml, plan: nope.yaml}\n", "no plan file `nope.yaml`", line: 3, column: 49, missing: true)
        assertRefused("street: x\ncommunities:\n  - {id: a, scenario: ../yuandayuan.yaml}\n  - {id: a, scenario: ../xitang-courtyards.yaml}\n", "community id `a` is used twice", line: 4, column: 10)
        assertRefused("street: x\ncommunities:\n  - {id: a.b, scenario: ../yuandayuan.yaml}\n", "has a `.`", line: 3, column: 10)
        assertRefused("street: x\ncommunities:\n  - {id: a, scenario: ../yuandayuan.yaml}\nlab: b\n", "unknown community `b`", line: 4, column: 6)
        assertRefused("street: x\ncommunites: []\n", "communites", line: 2, column: 1)
        assertRefused("street: x\ncommunities: []\n", "communities", line: 2, column: 14)
        assertRefused("street: x\ncommunities:\n  - {id: a, scenario: ../yuandayuan.yaml, origin: {x_metres: 1e9, y_metres: 0}}\n", "x_metres", line: 3, column: 62)
        assertRefused("street: x\ncommunities:\n  - {id: a, scenario: ../yuandayuan.yaml}\nbus_pool:\n  - {id: p, teams: 1, departs_depot: \"06:30\", shift_end: \"12:00\", route: [{site: a.Z, travel_minutes: 10, teams: 1}]}\n",
                      "unknown site `a.Z`", line: 5, column: 82)
    }

    /// Communities on different mornings cannot share one round.
    func testCommunitiesMustShareTheMorning() throws {
        let dir = try temporaryFolder("swabplan-street")
        let source = Self.scenarios + "/small/two-sites.yaml"
        var text = try String(contentsOfFile: source, encoding: .utf8)
        try text.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let date = try XCTUnwrap(text.range(of: #"date: \S+"#, options: .regularExpression))
        text.replaceSubrange(date, with: "date: 2022-05-07")
        try text.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let street = "street: x\ncommunities:\n  - {id: a, scenario: a.yaml}\n  - {id: b, scenario: b.yaml}\n"
        XCTAssertThrowsError(try ScenarioLoader.parse(street, file: dir.appendingPathComponent("s.yaml").path, directory: dir.path)) { e in
            let errors = (e as? ScenarioErrors)?.errors ?? []
            XCTAssertEqual(errors.first?.line, 4, "\(e)")
            XCTAssertTrue(errors.first?.message.contains("a street round is one morning") ?? false, "\(e)")
        }
    }
}
