import XCTest
@testable import Scenario

/// The grid finds the same nearest site as looking at every site, ties and walking tables
/// included, over many seeded layouts.
final class SiteGridTests: XCTestCase {
    func testGridAgreesWithTheFullScan() throws {
        let base = try ScenarioLoader.parse(String(contentsOfFile: Bundle.module.resourcePath! + "/base-valid.yaml.txt", encoding: .utf8), file: "base.yaml")
        var state: UInt64 = 12345
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        for layout in 0..<200 {
            var s = base
            let sites = 1 + layout % 40
            s.sites = (0..<sites).map { i in
                // Some sites share a position (ties), some have none.
                let p = i % 7 == 6 ? nil : Point(x: (next() * 20).rounded() * 50, y: (next() * 20).rounded() * 50)
                return Site(id: "S\(i)", name: "S\(i)", compound: "", cover: .none, registrationDesks: 1, swabStations: 1, position: p)
            }
            s.buildings = (0..<50).map { i in
                var walk: [String: Double] = [:]
                if i % 5 == 0 { walk["S\(Int(next() * Double(sites)))"] = (next() * 10).rounded() }
                return Building(id: "B\(i)", name: "B\(i)", compound: "", residents: 10, floors: 1, lifts: 0, elderlyShare: 0,
                                noSmartphoneShare: 0, position: i % 9 == 8 ? nil : Point(x: next() * 1100 - 50, y: next() * 1100 - 50), walkMinutes: walk)
            }
            let grid = SiteGrid(s)
            for b in s.buildings {
                XCTAssertEqual(grid.nearest(to: b)?.id, s.nearestSite(to: b)?.id, "layout \(layout), building \(b.id)")
            }
        }
    }
}
