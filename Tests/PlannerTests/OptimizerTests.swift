import Foundation
import XCTest
import TestSupport
import Scenario
import SimKit
import SiteModel
@testable import Planner

/// The surrogate against queueing theory, the search and the MILP against enumeration on
/// models small enough to enumerate, and the optimiser's plans against the plan rules.
final class OptimizerTests: XCTestCase {

    /// One site, steady arrivals (960 residents spread evenly over four hours, one floor, no
    /// walk), 50 desks at 1 s (no registration queue), four teams at an exponential 48 s:
    /// M/M/4 at rho 0.8. The surrogate's wait is Erlang C's, to the table's interpolation.
    func testSurrogateEqualsErlangCForSteadyArrivals() throws {
        var b = ScenarioBuilder(opening: "07:00", deadline: "13:00")
        b.site("S1", desks: 50, stations: 4)
        b.building("B1", residents: 960, floors: 1, walk: ["S1": 0])
        b.cohort("c", departs: "06:00", drops: [("S1", 4)], shiftEnd: "23:00", standingLimitMinutes: 1440)
        b.staff(registrars: 50)
        b.service(registration: .deterministic(1), swab: .exponential(mean: 48))
        b.arrivals { $0.turnoutShare = 1; $0.ignoreCallUpShare = 0; $0.spread = .uniform }
        let s = b.scenario
        let plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: ClockWindow.parse("08:00-12:00")!)], origin: "code")
        let sur = Surrogate(model: RoundModel(s), plan: plan)
        let st = SurrogateState(sur, sur.placements(of: plan))
        let wq = QueueingTheory.mmcMeanWait(servers: 4, arrivalRate: 4.0 / 60, serviceRate: 1.0 / 48)
        let surrogateWait = st.score.meanMinutes * 60 - 1 - 48
        XCTAssertEqual(surrogateWait, wq, accuracy: wq * 0.01, "surrogate \(surrogateWait) s, Erlang C \(wq) s")
        XCTAssertEqual(st.score.unserved, 0, accuracy: 1e-9)
    }

    /// Two buildings, two sites, a short round: every combination of the MILP's patterns
    /// scored by the surrogate; the local search finds the best of them, and so does the
    /// MILP, proven optimal, with its bound under the best score.
    static func tiny() -> Scenario {
        var b = ScenarioBuilder(opening: "07:00", deadline: "08:30")
        b.site("S1", desks: 1, stations: 1)
        b.site("S2", desks: 1, stations: 1)
        b.building("B1", residents: 40, floors: 1, walk: ["S1": 1, "S2": 3])
        b.building("B2", residents: 30, floors: 1, walk: ["S1": 3, "S2": 2])
        b.cohort("c", departs: "06:45", drops: [("S1", 1), ("S2", 1)], shiftEnd: "10:00")
        b.staff(registrars: 2)
        b.service(registration: .exponential(mean: 40), swab: .exponential(mean: 50))
        b.arrivals { $0.ignoreCallUpShare = 0 }
        return b.scenario
    }

    func testSearchAndMILPFindTheBestOfEveryPlan() throws {
        let s = Self.tiny()
        let plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: ClockWindow.parse("07:00-07:20")!),
                                  CallUp(building: "B2", site: "S1", window: ClockWindow.parse("07:00-07:20")!)], origin: "code")
        let sur = Surrogate(model: RoundModel(s), plan: plan)
        let space = CallUpSpace(sur, staffed: [1, 1])
        let warm = sur.placements(of: plan)
        let patterns = CallUpMILP.patterns(sur, space: space, warm: warm)
        var state = SurrogateState(sur, warm)
        var best = Double.infinity
        for a in patterns[0] {
            for b in patterns[1] {
                state.move(0, to: a[0]); state.move(1, to: b[0])
                best = min(best, state.objective(.mean, finishBy: 1e9))
            }
        }
        // The MILP: proven optimal; its assignment scores the best in the surrogate (nothing
        // queues long enough here for carrying residents over to pay), its bound is under it.
        let milp = CallUpMILP.solve(SurrogateState(sur, warm), space: space, warm: warm, seconds: nil, nodes: nil)
        XCTAssertTrue(milp.provenOptimal)
        var m = SurrogateState(sur, warm)
        for (u, x) in (milp.placements ?? warm).enumerated() { m.move(u, to: x) }
        XCTAssertEqual(m.objective(.mean, finishBy: 1e9), best, accuracy: best * 1e-6)
        let service = (sur.registrationMean + sur.swabMean) / 60
        XCTAssertLessThanOrEqual(milp.bound / m.residents / 60 + service, best + 1e-9)
        // The search, on the same patterns' grid, reaches the same value or better (it may use
        // starts between the MILP's ten-minute grid).
        var search = CallUpSearch(SurrogateState(sur, warm), space: space, objective: .mean, seed: 3)
        search.finishBy = 1e9
        search.rateMatched()
        search.descend(budget: 100_000)
        search.improve(budget: 50_000)
        XCTAssertLessThanOrEqual(search.bestValue, best + 1e-9)
    }

    /// Random small scenarios: whatever the optimiser returns passes every plan rule of its
    /// scenario (known sites, windows inside the round, every floor once, staff, drops and
    /// breaks), keeps windows half an hour before the deadline, and simulates.
    func testOptimisedPlansKeepEveryRuleOnRandomScenarios() throws {
        var random = RandomStream(seed: 11, replication: 0, entity: 0, purpose: 1)
        for k in 0..<6 {
            var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
            let sites = 1 + Int(random.nextDouble() * 3)
            for i in 0..<sites { b.site("S\(i)", desks: 1 + Int(random.nextDouble() * 3), stations: 2 + Int(random.nextDouble() * 3)) }
            for j in 0..<(2 + Int(random.nextDouble() * 6)) {
                var walk: [String: Double] = [:]
                for i in 0..<sites { walk["S\(i)"] = 1 + (random.nextDouble() * 8).rounded() }
                b.building("B\(j)", residents: 20 + Int(random.nextDouble() * 200), floors: 1 + Int(random.nextDouble() * 10), walk: walk)
            }
            b.cohort("c", departs: "06:40", drops: (0..<sites).map { ("S\($0)", 2) }, shiftEnd: "10:30", standingLimitMinutes: 90)
            b.staff(registrars: 9)
            var s = b.scenario
            s.targets = [Target(metric: .timeInSystemP95Minutes, bound: .atMost, value: 20), Target(metric: .finishTimeMinutesAfterOpening, bound: .atMost, value: 150)]
            let result = try Optimizer.run(scenario: s, options: Optimizer.Options(objective: .mean, budget: .evaluations(3000), seed: UInt64(k), jobs: 1, maxReplications: 10, explain: false))
            XCTAssertEqual(PlanCheck.problems(s, result.plan), [], "scenario \(k)")
            XCTAssertEqual(RuleCheck.violations(s, result.plan), [], "scenario \(k)")
            for c in result.plan.callUps { XCTAssertLessThanOrEqual(c.window.end, s.round.deadline - CallUpSpace.lastCallMargin) }
            XCTAssertNoThrow(try CompiledRound(scenario: s, plan: result.plan))
        }
    }

    /// With an evaluation budget the same seed gives the same plan on one thread or two.
    func testSameSeedSamePlanOnAnyThreadCount() throws {
        let s = try Fixtures.twoSites()
        let plans = try [1, 2].map { jobs in
            PlanWriter.yaml(try Optimizer.run(scenario: s, options: Optimizer.Options(objective: .mean, budget: .evaluations(4000), seed: 5, jobs: jobs, maxReplications: 20, explain: false)).plan)
        }
        XCTAssertEqual(plans[0], plans[1])
    }
}

/// What an optimised plan changes, in a planner's words.
final class PlanChangesTests: XCTestCase {
    func testChangesNameMovedCallUpsBreaksAndDrops() throws {
        let (s, base) = PlanChangesTests.model()
        var new = base
        new.callUps[0].window = ClockWindow.parse("07:20-07:50")!
        new.callUps[1].site = "S2"
        new.breaks = [PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:40")!)]
        new.drops = [CohortDrops(cohort: "c", route: [RouteStop(site: "S1", travelSeconds: 0, teams: 1), RouteStop(site: "S2", travelSeconds: 0, teams: 1)])]
        let changes = PlanChanges.between(s, from: base, to: new)
        let w1 = ClockWindow.parse("07:00-07:30")!, w2 = ClockWindow.parse("07:20-07:50")!
        guard case .moved(let moves) = changes.first else { return XCTFail("\(changes)") }
        XCTAssertEqual(moves.count, 2)
        XCTAssertEqual(moves[0], PlanChange.Move(building: "B1", floors: nil, fromSite: "S1", toSite: "S1", from: w1, to: w2))
        XCTAssertEqual(moves[1].fromSite, "S1")
        XCTAssertEqual(moves[1].toSite, "S2")
        XCTAssertTrue(changes.contains(.breaksPlanned([PlannedBreak(cohort: "c", team: 1, at: ClockTime.parse("07:40")!)])), "\(changes)")
        XCTAssertTrue(changes.contains(.drops(cohort: "c", [.init(site: "S1", now: 1, was: 2), .init(site: "S2", now: 1, was: 0)])), "\(changes)")
        XCTAssertEqual(PlanChanges.between(s, from: base, to: base), [])
    }

    /// A whole-building call-up replaced by two by floors is a recut, not two additions.
    func testASplitBuildingIsARecut() throws {
        let (s, base) = PlanChangesTests.model()
        var new = base
        let whole = new.callUps.remove(at: 0)
        for (floors, window) in [(1...1, "07:00-07:15"), (2...2, "07:15-07:30")] {
            var part = whole
            part.floors = floors
            part.window = ClockWindow.parse(window)!
            new.callUps.append(part)
        }
        let changes = PlanChanges.between(s, from: base, to: new)
        XCTAssertEqual(changes, [.recut([.init(building: whole.building, parts: [
            .init(floors: 1...1, site: whole.site, window: ClockWindow.parse("07:00-07:15")!),
            .init(floors: 2...2, site: whole.site, window: ClockWindow.parse("07:15-07:30")!)])])])
    }

    static func model() -> (Scenario, Plan) {
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.site("S1", desks: 1, stations: 2)
        b.site("S2", desks: 1, stations: 2)
        b.building("B1", residents: 10, walk: ["S1": 1, "S2": 1])
        b.building("B2", residents: 10, walk: ["S1": 1, "S2": 1])
        b.cohort("c", departs: "07:00", drops: [("S1", 2)], shiftEnd: "10:00", standingLimitMinutes: 60)
        b.staff(registrars: 2)
        let plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: ClockWindow.parse("07:00-07:30")!),
                                  CallUp(building: "B2", site: "S1", window: ClockWindow.parse("07:30-08:00")!)], origin: "code")
        return (b.scenario, plan)
    }
}

/// Hour-by-hour roles: registrars take desks first, workers the rest of the desks, escorts for
/// door-to-door teams, the data desk for the others; every plan rule holds.
final class WorkerRolesTests: XCTestCase {
    func testRolesCoverDesksAndEscortsAndKeepTheRules() throws {
        let s = try Fixtures.panjiayuan()
        let plan = s.effectivePlan
        let roles = try XCTUnwrap(WorkerRoles.assign(s, plan))
        var p = plan
        p.roles = roles
        XCTAssertEqual(PlanCheck.problems(s, p), [])
        // 16 desks, 8 registrars: 8 workers at desks; 4 door-to-door teams out at 07:30: 4 escorts.
        let at0800 = roles.filter { $0.period.contains(ClockTime.parse("08:00")!) }
        XCTAssertEqual(at0800.filter { $0.role == .registration }.count, 8)
        XCTAssertEqual(at0800.filter { $0.role == .doorToDoor }.count, 4)
        XCTAssertEqual(at0800.filter { $0.role == .dataDesk }.count, 4)
        // Written and read back.
        let back = try ScenarioLoader.parsePlan(PlanWriter.yaml(p), file: "p.yaml", for: s)
        XCTAssertEqual(PlanWriter.yaml(back), PlanWriter.yaml(p))
    }
}

/// With fewer people than desks, the desks follow the residents: an hour when everyone is
/// called to S1 gets S1 more desks than the plan's even split, and the surrogate improves.
final class DeskAllocationTests: XCTestCase {
    func testDesksFollowTheCallUps() throws {
        var b = ScenarioBuilder(opening: "07:00", deadline: "10:00")
        b.site("S1", desks: 3, stations: 3)
        b.site("S2", desks: 3, stations: 3)
        b.building("B1", residents: 300, walk: ["S1": 1, "S2": 9])
        b.building("B2", residents: 300, walk: ["S1": 9, "S2": 1])
        b.cohort("c", departs: "06:40", drops: [("S1", 3), ("S2", 3)], shiftEnd: "10:30")
        b.staff(registrars: 2, communityWorkers: 2)
        b.service(registration: .exponential(mean: 40), swab: .exponential(mean: 20))
        let s = b.scenario
        func w(_ t: String) -> ClockWindow { ClockWindow.parse(t)! }
        var plan = Plan(callUps: [CallUp(building: "B1", site: "S1", window: w("07:00-08:00")),
                                  CallUp(building: "B2", site: "S2", window: w("08:00-09:00"))], origin: "code")
        plan.staffing = [Staffing(site: "S1", period: w("07:00-10:00"), desks: 2, stations: 3),
                         Staffing(site: "S2", period: w("07:00-10:00"), desks: 2, stations: 3)]
        XCTAssertEqual(PlanCheck.problems(s, plan), [])
        let sur = Surrogate(model: RoundModel(s), plan: plan)
        var search = StaffingSearch(plan: plan, surrogate: sur, placements: sur.placements(of: plan), objective: .mean, finishBy: 1e9)
        let before = search.value
        search.run(budget: 2000)
        XCTAssertLessThan(search.value, before)
        XCTAssertEqual(PlanCheck.problems(s, search.plan), [])
        func desks(_ site: String, at t: String) -> Int { s.desksOpen(site: site, at: ClockTime.parse(t)!, plan: search.plan) }
        XCTAssertGreaterThan(desks("S1", at: "07:30"), desks("S2", at: "07:30"))
        XCTAssertGreaterThan(desks("S2", at: "08:30"), desks("S1", at: "08:30"))
        XCTAssertLessThanOrEqual(desks("S1", at: "07:30") + desks("S2", at: "07:30"), 4)
    }
}
