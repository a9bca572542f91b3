import Foundation
import Scenario
import SimKit

/// The surrogate stages: call-ups, the MILP, staffing.
extension OptimizeRun {
    /// The call-up search: a district's clusters of sites in parallel then a repair across
    /// them, or (one site group) searches on the mean surrogate from two seeds, and on its p95
    /// too when that is the objective. The simulation later judges them on the real objective.
    mutating func searchCallUps() throws {
        let clusters = Clusters(surrogate, space: space)
        if clusters.sites.count > 1 {
            say(.clustersStarted(clusters: clusters.sites.count, crossing: clusters.boundary.count))
            let perCluster = budget.evaluationCount.map { max(1, Int(Double($0) * 0.5) / clusters.sites.count) }
            let merged = clusters.search(SurrogateState(surrogate, ruledStart), space: space, objective: .mean, seed: o.seed,
                                         budget: perCluster, jobs: o.jobs, seconds: max(1, budget.secondsLeft(until: ends.clusters) ?? 0),
                                         cancellation: budget.cancellation)
            try budget.checkCancelled()
            var repair = CallUpSearch(SurrogateState(surrogate, merged), space: space, objective: .mean, seed: o.seed &+ 1)
            repair.shouldStop = budget.stop(at: ends.repair)
            say(.clustersMerged(surrogate: repair.bestValue))
            let spend = budget.evaluations(0.1)
            repair.descend(budget: spend / 2)
            repair.improve(budget: max(0, spend - repair.state.evaluations))
            evaluations += (perCluster ?? 0) * clusters.sites.count + repair.state.evaluations
            say(.searchDone(nil, surrogate: repair.bestValue, evaluations: repair.state.evaluations))
            bestMean = repair.best
            pool.append((.clusters, surrogate.plan(start, repair.best), repair.bestValue))
        } else {
            // The mean surrogate ranks plans best (checked against the simulation), so every
            // run searches on it, twice from different seeds.
            let objectives: [Objective] = o.objective == .p95 ? [.mean, .p95, .mean] : [.mean, .mean]
            for (k, objective) in objectives.enumerated() {
                var spend = budget.evaluations(0.6 * (k == 0 ? 0.5 : 0.25))
                // Where bands are tied to their building, half of each search explores the
                // untied space first and starts from its best laid out under the rules: that
                // reaches better ruled plans than moves that keep the rules all the way.
                var from = ruledStart
                if space.tiesBands {
                    var relaxed = CallUpSearch(SurrogateState(surrogate, ruledStart), space: space.untied(), objective: objective, seed: o.seed &+ UInt64(k))
                    relaxed.shouldStop = budget.stop(at: ((k == 0 ? 0 : ends.searches[k - 1]) + ends.searches[k]) / 2)
                    relaxed.rateMatched()
                    relaxed.descend(budget: min(spend / 8, 50_000))
                    relaxed.improve(budget: max(0, spend / 2 - relaxed.state.evaluations))
                    try budget.checkCancelled()
                    evaluations += relaxed.state.evaluations
                    spend -= relaxed.state.evaluations
                    from = space.laidOut(relaxed.best)
                }
                var search = CallUpSearch(SurrogateState(surrogate, from), space: space, objective: objective, seed: o.seed &+ UInt64(k))
                search.shouldStop = budget.stop(at: ends.searches[k])
                if !space.tiesBands { search.rateMatched() }
                search.descend(budget: min(spend / 4, 50_000))
                var lastSaid = budget.elapsed
                let say = say, budget = budget
                search.improve(budget: max(0, spend - search.state.evaluations)) { round, best in
                    if budget.elapsed - lastSaid > 3 { lastSaid = budget.elapsed; say(.searchRound(objective, round: round, surrogate: best)) }
                    return true
                }
                try budget.checkCancelled()
                evaluations += search.state.evaluations
                say(.searchDone(objective, surrogate: search.bestValue, evaluations: search.state.evaluations))
                pool.append((.search(k + 1, objective: objective), surrogate.plan(start, search.best), search.bestValue))
                if objective == .mean && (k == 0 || search.bestValue < SurrogateState(surrogate, bestMean).objective(.mean, finishBy: search.finishBy)) {
                    bestMean = search.best
                }
            }
        }
    }

    /// The MILP on the mean surrogate, warm-started from the best mean placements; its plan
    /// joins the pool when it beats them.
    mutating func solveMILP() throws {
        let tooMany = surrogate.units.count > CallUpMILP.largestProblem
        let columns = tooMany ? nil : CallUpMILP.patterns(surrogate, space: space, warm: bestMean).reduce(0) { $0 + $1.count }
        if tooMany || columns! > CallUpMILP.largestColumns {
            say(.milpSkipped(callUps: surrogate.units.count, columns: columns))
            return
        }
        guard !budget.isUp else { return }
        try budget.checkCancelled()
        let state = SurrogateState(surrogate, bestMean)
        let seconds = budget.secondsLeft(until: ends.milp).map { max(1, $0) }
        if let seconds, CallUpMILP.rootSeconds(columns: columns!) > seconds {
            say(.milpTooSlow(columns: columns!, rootSeconds: CallUpMILP.rootSeconds(columns: columns!), seconds: seconds))
            return
        }
        let nodes = budget.isTimed ? nil : 5
        say(.milpStarted(seconds: seconds, nodes: nodes))
        let r = CallUpMILP.solve(state, space: space, warm: bestMean, seconds: seconds, nodes: nodes)
        milp = r
        // The MILP brings everyone straight down (no lift queue): a bound on that model only.
        if surrogate.towers.isEmpty {
            boundMean = (r.bound / max(state.residents, 1) + surrogate.registrationMean + surrogate.swabMean) / 60
        }
        say(.milpDone(r))
        if let p = r.placements {
            var st = SurrogateState(surrogate, bestMean)
            for (u, x) in p.enumerated() { st.move(u, to: x) }
            let v = st.objective(.mean)
            if v < SurrogateState(surrogate, bestMean).objective(.mean) - 1e-9 {
                bestMean = p
                pool.append((.milp, surrogate.plan(start, p), v))
            }
        }
    }

    /// Staffing with call-ups fixed (drops and staggered breaks), then call-ups again under it.
    mutating func searchStaffing() throws {
        guard !budget.isUp else { return }
        try budget.checkCancelled()
        var staffing = StaffingSearch(plan: surrogate.plan(start, bestMean), surrogate: surrogate, placements: bestMean,
                                      objective: .mean, finishBy: CallUpSpace.surrogateFinishBy(s))
        staffing.shouldStop = budget.stop(at: ends.staffing)
        staffing.run(budget: budget.evaluationCount.map { max(50, $0 / 20) } ?? 400)
        evaluations += staffing.evaluations
        let restaffed = staffing.surrogate
        var search = CallUpSearch(SurrogateState(restaffed, bestMean), space: space, objective: .mean, seed: o.seed &+ 99)
        let spend = budget.evaluations(0.2)
        search.shouldStop = budget.stop(at: ends.callUpsAgain)
        search.descend(budget: min(spend, 50_000))
        search.improve(budget: max(0, spend - search.state.evaluations))
        try budget.checkCancelled()
        evaluations += search.state.evaluations
        var plan = restaffed.plan(staffing.plan, search.best)
        plan.name = nil
        say(.staffingDone(surrogate: search.bestValue))
        pool.append((.staffing, plan, search.bestValue))
    }
}
