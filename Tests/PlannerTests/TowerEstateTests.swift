import Foundation
import XCTest
import Scenario
import SimKit
import SiteModel
@testable import Planner

/// A generated tower estate (`swabplan generate --towers`: eight towers of 18 to 30 floors,
/// one or two lifts each, two sites) with a finish target of 10:30: the plan a planner writes
/// without thinking of the lifts (each tower called whole, one after another, as fast as its
/// site swabs) misses it (231 min), because the last towers' lifts start too late; the
/// optimiser, whose surrogate queues residents at the lifts and whose search calls towers in
/// bands of floors, meets it in the simulation (202 min), and the residents wait less at the
/// lifts too. (Without the lift queues in its surrogate, the optimiser's plan missed it: 238.)
final class TowerEstateTests: XCTestCase {
    static let finishBy = ClockTime.parse("10:30")!

    func estate() throws -> Scenario {
        var s = try ScenarioLoader.parse(DistrictGenerator(residents: 4_000, buildings: 8, sites: 2, cohorts: 1, seed: 1, towers: true).yaml(),
                                         file: "towers.yaml")
        s.targets = s.targets.map { t in
            var t = t
            if t.metric == .finishTimeMinutesAfterOpening { t.value = (Self.finishBy - s.round.opening) / 60 }
            return t
        }
        return s
    }

    /// Each tower whole, one after another at its site (the generator puts building i at site
    /// i mod 2), each window as long as the site's teams take to swab it at 90%.
    func wholeTowers(_ s: Scenario) -> Plan {
        let teams = Double(s.sites[0].swabStations - 1)
        var clock = [s.round.opening, s.round.opening]
        var plan = Plan(callUps: [], origin: "code")
        for (i, b) in s.buildings.enumerated() {
            let site = i % 2
            let length = max(600, (Double(b.residents) * s.arrivals.turnoutShare * 24 / teams / 0.9 / 300).rounded() * 300)
            plan.callUps.append(CallUp(building: b.id, site: s.sites[site].id, window: ClockWindow(start: clock[site], end: clock[site] + length)))
            clock[site] += length
        }
        return plan
    }

    func testTheOptimiserMeetsAFinishTheWholeTowerPlanMisses() throws {
        var s = try estate()
        let whole = wholeTowers(s)
        XCTAssertTrue(PlanCheck.problems(s, whole).isEmpty, "\(PlanCheck.problems(s, whole))")
        s.plan = whole
        let model = RoundModel(s)
        let target = (Self.finishBy - s.round.opening) / 60
        // No bound rules the target out: it is the plan, not the estate.
        let bounds = Bounds(surrogate: Surrogate(model: model, plan: whole),
                            space: CallUpSpace(Surrogate(model: model, plan: whole), staffed: TeamRoster(scenario: s, plan: whole).slotsPerSite))
        XCTAssertTrue(bounds.impossible.isEmpty)
        let before = Experiment.run(try CompiledRound(model: model, plan: whole), replications: 20, seed: 2, jobs: 2)
        XCTAssertGreaterThan(before[.finishTimeMinutesAfterOpening].lower, target, "the whole-tower plan misses 10:30")

        let r = try Optimizer.run(scenario: s, options: Optimizer.Options(objective: .mean, budget: .evaluations(60_000), seed: 1, jobs: 2, maxReplications: 20, explain: false))
        XCTAssertTrue(PlanCheck.problems(s, r.plan).isEmpty)
        XCTAssertTrue(r.plan.callUps.contains { $0.floors != nil }, "towers called in bands of floors")
        let after = Experiment.run(try CompiledRound(model: model, plan: r.plan), replications: 20, seed: 2, jobs: 2)
        XCTAssertLessThanOrEqual(after[.finishTimeMinutesAfterOpening].upper, target, "the optimised plan is done by 10:30")
        XCTAssertLessThan(after[.liftWaitMeanMinutes].upper, before[.liftWaitMeanMinutes].lower)
        XCTAssertEqual(after[.residentsNotSwabbed].mean, 0)
    }
}
