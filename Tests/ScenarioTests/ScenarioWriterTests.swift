import XCTest
import TestSupport
@testable import Scenario

/// `ScenarioWriter`: a scenario made in code, written, reads back as itself.
final class ScenarioWriterTests: XCTestCase {

    /// The small community with names in both languages (quotes and a backslash in one), every
    /// kind of service time it can take, a spread other than the default, a tower's floors
    /// called in bands and a pinned call-up: the file it writes loads without an error, and the
    /// scenario loaded writes the same bytes.
    func testABuiltScenarioReadsBackAsItself() throws {
        var s = Fixtures.smallCommunity()
        s.nameEn = "Small \"test\" community \\ B"
        s.sites[0].name = "一号采样点"
        s.sites[0].nameEn = "Site one"
        s.buildings[7].name = "十四层塔楼"
        s.buildings[7].lifts = 1
        s.buildings[7].liftsOutOfOrder = 1
        s.buildings[1].noSmartphoneShare = 0.05
        s.staff.cohorts[1].name = "接班"
        s.service = Service(registration: .triangular(min: 10, mode: 20, max: 60), swab: .empirical([18, 22.5, 30]), elderlyFactor: 1.25)
        s.arrivals.spread = .uniform
        s.plan!.callUps.removeAll { $0.building == "T1" }
        s.plan!.callUps += [CallUp(building: "T1", floors: 8...14, site: "S3", window: ClockWindow.parse("08:00-08:30")!, pinned: true),
                            CallUp(building: "T1", floors: 1...7, site: "S3", window: ClockWindow.parse("08:30-09:00")!)]
        let text = ScenarioWriter.yaml(s)
        let loaded = try ScenarioLoader.parse(text, file: "written.yaml")
        XCTAssertEqual(ScenarioWriter.yaml(loaded), text)
        XCTAssertEqual(ScenarioWriter.unwritten(loaded), [])
        XCTAssertEqual(loaded.nameEn, s.nameEn)
        XCTAssertEqual(loaded.buildings[7].lifts, 1)
        XCTAssertEqual(loaded.buildings[7].liftsOutOfOrder, 1)
        XCTAssertEqual(loaded.service.swab, .empirical([18, 22.5, 30]))
        XCTAssertEqual(loaded.plan?.callUps.count, 9)
        XCTAssertEqual(loaded.plan?.callUps.filter(\.pinned).count, 1)
        XCTAssertEqual(loaded.targets.map(\.value), [20, 270])
    }

    /// What the writer leaves out is named, so that a caller can tell a scenario it would not
    /// write whole.
    func testWhatIsNotWrittenIsNamed() {
        var s = Fixtures.smallCommunity()
        XCTAssertEqual(ScenarioWriter.unwritten(s), [])
        s.walking.liftCapacityPersons = 12
        s.planning.minWindowMinutes = 30
        s.logistics.patience = Patience(patience: .exponential(mean: 1800), rainFactor: 0.5, comeBackShare: 0, comeBackAfter: .deterministic(600))
        XCTAssertEqual(ScenarioWriter.unwritten(s), ["walking", "logistics", "planning"])
        // A clear morning with an effect of its own is not what a file without `weather` gives.
        var own = Fixtures.smallCommunity()
        own.logistics.weather.effects[Weather.key(.rain, .light, .tent)] = CoverEffect(registration: 0.5, swab: 0.5)
        XCTAssertEqual(ScenarioWriter.unwritten(own), ["weather"])
    }

    /// A generated district is the scenario the generator builds: its file, loaded and written
    /// again, gives the same text (after the file's first line, the command that made it).
    func testAGeneratedDistrictIsTheBuiltScenario() throws {
        for g in [DistrictGenerator(residents: 4_000, buildings: 20, sites: 3, cohorts: 2, seed: 1),
                  DistrictGenerator(residents: 6_000, buildings: 12, sites: 2, cohorts: 1, seed: 7, towers: true)] {
            let text = g.yaml()
            let loaded = try ScenarioLoader.parse(text, file: "generated.yaml")
            XCTAssertEqual("# " + text.split(separator: "\n", maxSplits: 1)[0].dropFirst(2) + "\n" + ScenarioWriter.yaml(loaded), text)
            XCTAssertEqual(ScenarioWriter.yaml(g.scenario()), ScenarioWriter.yaml(loaded))
            XCTAssertEqual(loaded.totalResidents, g.residents)
        }
    }
}

/// The bundled two-site scenario (two compounds, its own plan), which the writer holds whole:
/// written, it loads as itself.
final class ScenarioWriterFileTests: XCTestCase {
    func testTheTwoSiteScenarioReadsBackAsItself() throws {
        let s = try Fixtures.twoSites()
        XCTAssertEqual(ScenarioWriter.unwritten(s), [])
        let text = ScenarioWriter.yaml(s)
        let back = try ScenarioLoader.parse(text, file: "written.yaml")
        XCTAssertEqual(ScenarioWriter.yaml(back), text)
        XCTAssertEqual("\(back.staff)", "\(s.staff)")
        XCTAssertEqual("\(back.arrivals)", "\(s.arrivals)")
        XCTAssertEqual(back.plan, s.plan)
        XCTAssertEqual(ScenarioWriter.unwritten(try Fixtures.panjiayuan()), ["walking", "weather", "logistics", "language", "notices"])
    }
}
