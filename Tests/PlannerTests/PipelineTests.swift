import Foundation
import XCTest
import TestSupport
import Scenario
import SimKit
import SiteModel
@testable import Planner

/// The optimiser and the re-planner as pipelines: one budget read through one clock, progress
/// as values the caller receives, and cancellation the caller sets.
final class PipelineTests: XCTestCase {
    func testABudgetSharesOutTimeOrEvaluations() {
        let timed = Budget(.seconds(100))
        XCTAssertEqual(timed.evaluations(0.5), Int.max, "a timed budget leaves evaluations unlimited")
        XCTAssertFalse(timed.stop(at: 0.5)(), "50 s are not up at once")
        XCTAssertTrue(timed.stop(at: 0)(), "a stage that ends at the start stops at once")
        XCTAssertEqual(timed.secondsLeft(until: 0.5)!, 50, accuracy: 1)
        let counted = Budget(.evaluations(2_000_000))
        XCTAssertEqual(counted.evaluations(0.3), 600_000)
        XCTAssertEqual(counted.evaluations(0.0001, floor: 500), 500)
        XCTAssertNil(counted.deadline(at: 1))
        XCTAssertFalse(counted.stop(at: 0)(), "an evaluation budget never runs out of time")
        XCTAssertFalse(counted.isUp)
        counted.cancellation.cancel()
        XCTAssertTrue(counted.stop(at: 1)(), "cancellation stops any stage")
        XCTAssertThrowsError(try counted.checkCancelled()) { XCTAssertTrue($0 is CancellationError) }
    }

    /// Every stage reports in order, and the notes' clock only goes forward.
    func testTheOptimiserReportsEachStage() throws {
        let s = try Fixtures.twoSites()
        var notes: [PlannerNote] = []
        let r = try Optimizer.run(scenario: s, options: Optimizer.Options(objective: .mean, budget: .evaluations(4000), seed: 5, jobs: 1, maxReplications: 20),
                                  progress: { notes.append($0) })
        let kinds = notes.map { n -> String in
            switch n.event {
            case .bounds: return "bounds"
            case .searchDone: return "search"
            case .milpDone, .milpSkipped: return "milp"
            case .staffingDone: return "staffing"
            case .verifying: return "verifying"
            case .chosen: return "chosen"
            case .comparing: return "comparing"
            default: return ""
            }
        }.filter { !$0.isEmpty }
        XCTAssertEqual(kinds.first, "bounds")
        for (a, b) in [("bounds", "search"), ("search", "milp"), ("milp", "staffing"), ("staffing", "verifying"), ("verifying", "chosen"), ("chosen", "comparing")] {
            XCTAssertLessThan(try XCTUnwrap(kinds.firstIndex(of: a)), try XCTUnwrap(kinds.firstIndex(of: b)), "\(a) before \(b)")
        }
        XCTAssertEqual(notes.map(\.seconds), notes.map(\.seconds).sorted())
        XCTAssertNotNil(r.comparison, "the chosen plan is compared with the planner's and the baseline")
        XCTAssertEqual(r.comparison?.results.count, s.plan == nil ? 2 : 3)
        XCTAssertTrue(r.candidates.contains { $0.source == r.chosen }, "the chosen candidate is named by its source")
    }

    /// Cancelled from the caller's side (here, as soon as the search reports), the run stops
    /// with `CancellationError` and writes nothing.
    func testTheCallerCancels() throws {
        let s = try Fixtures.twoSites()
        let cancel = Cancellation()
        var after: [PlannerEvent] = []
        XCTAssertThrowsError(try Optimizer.run(scenario: s, options: Optimizer.Options(budget: .evaluations(4000), jobs: 1), cancellation: cancel,
                                               progress: { n in
            if cancel.isCancelled { after.append(n.event) }
            if case .searchDone = n.event { cancel.cancel() }
        })) { XCTAssertTrue($0 is CancellationError, "\($0)") }
        XCTAssertTrue(after.allSatisfy { if case .searchDone = $0 { return true } else { return false } },
                      "nothing past the search ran: \(after)")
    }

    /// Plans are the same when they say the same, wherever they came from.
    func testPlansAreTheSameWhenTheySayTheSame() throws {
        let s = try Fixtures.twoSites()
        var a = s.baselinePlan(), b = a
        b.origin = "somewhere else"
        XCTAssertEqual(a, b)
        XCTAssertEqual(Set([a, b]).count, 1)
        b.callUps[0].window = ClockWindow(start: b.callUps[0].window.start + 300, end: b.callUps[0].window.end + 300)
        XCTAssertNotEqual(a, b)
        a.name = "x"
        XCTAssertNotEqual(a, s.baselinePlan())
    }
}

/// The re-planner on the same budget: its notes, and the caller's cancellation.
final class ReplanPipelineTests: XCTestCase {
    func testTheReplannerReportsMovesAndStopsWhenCancelled() throws {
        let s = try Fixtures.panjiayuan()
        let plan = s.effectivePlan
        let state = try MorningStateLoader.load(path: Repository.path("Scenarios/morning/panjiayuan-nanli-0940-rain.yaml"), scenario: s, plan: plan)
        let options = Replanner.Options(objective: .p95, budget: .evaluations(10), seed: 1, jobs: 2, searchReplications: 4, compareReplications: 4)
        var moved = 0
        let r = try Replanner.run(scenario: s, plan: plan, state: state, options: options) { n in
            if case .replanCallUp = n.event { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 0, "a move the search kept is reported")
        XCTAssertLessThanOrEqual(r.candidatesTried, 10, "the budget of candidates holds")
        let cancel = Cancellation()
        cancel.cancel()
        XCTAssertThrowsError(try Replanner.run(scenario: s, plan: plan, state: state, options: options, cancellation: cancel)) {
            XCTAssertTrue($0 is CancellationError, "\($0)")
        }
    }
}
