import Foundation
import Scenario
import SimKit
import SiteModel

/// What the optimiser's stages share: the scenario and its surrogate, the search space under
/// the planning rules, the pool of candidate plans found so far, the best mean placements, and
/// the budget. Each stage is a method (`OptimizeRun+Search.swift`, `+Verify.swift`), run in
/// the order `Optimizer.run` gives.
struct OptimizeRun {
    let s: Scenario
    let o: Optimizer.Options
    let budget: Budget
    let say: Reporter
    let model: RoundModel
    let own: Plan?
    let baseline: Plan
    let surrogate: Surrogate
    let space: CallUpSpace
    /// The split plan laid out under the planning rules: where every search starts.
    let ruledStart: [Surrogate.Placement]
    let start: Plan
    let bounds: Bounds
    let ends: Optimizer.Ends
    /// Plans found on the surrogate, with their surrogate objective.
    var pool: [(source: Selection.Source, plan: Plan, surrogate: Double)] = []
    var bestMean: [Surrogate.Placement]
    var evaluations = 0
    var milp: CallUpMILP.Result?
    var boundMean: Double?

    init(scenario s: Scenario, options o: Optimizer.Options, budget: Budget, say: Reporter) {
        self.s = s; self.o = o; self.budget = budget; self.say = say
        model = RoundModel(s)
        own = s.plan
        baseline = s.baselinePlan()
        // Big call-ups split by floors (towers in bands its lifts can carry), so that the parts
        // can go to different sites or windows; the search starts from that plan laid out
        // under the planning rules (`CallUpSpace.ruled`) and only ever makes moves they allow.
        let split = CallUpSplit.forSearch(s, own ?? baseline)
        surrogate = Surrogate(model: model, plan: split)
        space = CallUpSpace(surrogate, staffed: TeamRoster(scenario: s, plan: split).slotsPerSite)
        ruledStart = space.ruled(surrogate.placements(of: split))
        start = surrogate.plan(split, ruledStart)
        bounds = Bounds(surrogate: surrogate, space: space)
        bestMean = ruledStart
        ends = Optimizer.Ends(verify: OptimizeRun.verifyShare(model: model, plan: own ?? baseline, options: o))
        say(.bounds(bounds))
    }

    /// A plan whose call-ups are not the search's units (the planner's own, unsplit; the
    /// baseline) is scored on a surrogate of its own call-ups.
    func scored(_ p: Plan) -> SurrogateState {
        let sur = surrogate.fits(p) ? surrogate.restaffed(p) : Surrogate(model: model, plan: p)
        return SurrogateState(sur, sur.placements(of: p))
    }

    /// The share of a time limit the simulation stages will likely need: the replications of
    /// the selection (about six candidates, up to half the most replications each, at most
    /// 50), the roles' check (20), the comparison (three plans) and what it would take (about
    /// eight additions of 30), each timed from two replications of the planner's plan; at least
    /// a tenth of the limit, at most half.
    static func verifyShare(model: RoundModel, plan: Plan, options o: Optimizer.Options) -> Double {
        guard case .seconds(let limit) = o.budget, let round = try? CompiledRound(model: model, plan: plan) else { return 0.3 }
        let started = ContinuousClock.now
        for r in 0..<2 { _ = round.simulate(seed: o.seed, replication: r) }
        let perReplication = (ContinuousClock.now - started).seconds / 2
        let reps = 6 * min(o.maxReplications / 2, 50) + 20 + 3 * min(o.maxReplications, 60) + 8 * 30
        let seconds = perReplication * Double(reps) / Double(max(1, min(o.jobs, ProcessInfo.processInfo.activeProcessorCount)))
        return min(0.5, max(0.1, seconds / limit))
    }
}
