import Foundation
import XCTest
import TestSupport
@testable import Scenario
@testable import SiteModel

/// Moving a call-up in place gives the compiled round that compiling the changed plan afresh
/// gives, to the last array entry and the last bit of every figure.
final class PlanChangeTests: XCTestCase {

    func testMovingACallUpEqualsCompilingAfresh() throws {
        let s = try Fixtures.panjiayuan()
        var round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        // Move three call-ups, each to another site and a later window.
        var plan = s.effectivePlan
        for k in [0, 5, 17] {
            let c = plan.callUps[k]
            let other = s.sites.first { $0.id != c.site }!.id
            let window = ClockWindow(start: c.window.start + 600, end: c.window.end + 600)
            try round.moveCallUp(k, toSite: other, window: window)
            plan.callUps[k].site = other
            plan.callUps[k].window = window
        }
        let fresh = try CompiledRound(scenario: s, plan: plan)
        XCTAssertEqual(round.buildings, fresh.buildings)
        XCTAssertEqual(round.residentsPerSite, fresh.residentsPerSite)
        for r in 0..<3 {
            XCTAssertEqual(round.simulate(seed: 9, replication: r).metrics, fresh.simulate(seed: 9, replication: r).metrics)
        }
    }

    /// Plans compiled on one shared model, with or without its walking matrix, run as plans
    /// compiled each on its own.
    func testASharedModelEqualsOneModelAPlan() throws {
        let s = try Fixtures.panjiayuan()
        let model = RoundModel(s), computed = RoundModel(s, walkMatrixLimit: 0)
        for plan in [s.effectivePlan, s.baselinePlan()] {
            let own = try CompiledRound(scenario: s, plan: plan)
            for m in [model, computed] {
                let shared = try CompiledRound(model: m, plan: plan)
                XCTAssertEqual(shared.buildings, own.buildings)
                XCTAssertEqual(shared.simulate(seed: 4, replication: 1).metrics, own.simulate(seed: 4, replication: 1).metrics)
            }
        }
        for b in s.buildings.indices { for si in s.sites.indices { XCTAssertEqual(model.walkingSeconds(building: b, site: si), computed.walkingSeconds(building: b, site: si)) } }
    }

    /// A move that breaks a rule is refused and changes nothing.
    func testAMoveOutsideTheRoundIsRefused() throws {
        let s = try Fixtures.twoSites()
        var round = try CompiledRound(scenario: s, plan: s.effectivePlan)
        let before = round.buildings
        XCTAssertThrowsError(try round.moveCallUp(0, toSite: s.sites[0].id, window: ClockWindow(start: 0, end: 600))) { e in
            XCTAssertTrue("\(e)".contains("call_ups[0].window: window 00:00-00:10 is outside the round"), "\(e)")
        }
        XCTAssertEqual(round.buildings, before)
    }
}
