import Foundation
import Scenario
import SimKit
import SiteModel

/// Choosing the best of a few candidate plans in the full simulation: the targets first, then
/// Kim and Nelson's fully sequential procedure (2001) on paired differences under common random
/// numbers. Only candidates that keep the planning rules can be chosen (`choosable`; the
/// others, such as a hand plan that breaks them, are simulated for comparison). After `n0`
/// replications of every candidate, and again after every batch, a candidate is set aside when
/// it misses the targets by more than the best choosable candidate does (the sum over targets
/// of each miss as a share of the target, on the same replications), or misses a target by
/// more than the planner's own plan does (`own`), unless none would be left; so is one whose
/// targets are missed beyond doubt (its 95% interval on the wrong side) while another's are
/// not. Then replications
/// are added in batches and candidate i is eliminated when its mean objective exceeds another
/// survivor's by more than W = max(0, delta / (2r) (h^2 S^2 / delta^2 - r)), S^2 the variance of
/// their paired differences, h^2 = 2 eta (n0 - 1), eta = ((2 alpha / (k - 1))^(-2/(n0-1)) - 1) / 2.
/// It stops with one survivor, or at `maxReplications` with the survivor of lowest mean.
public struct Selection: Sendable {
    /// Where a candidate plan came from.
    public enum Source: Sendable, Equatable {
        case clusters, search(Int, objective: Objective), milp, staffing, own, baseline
    }
    /// Why a candidate was set aside.
    public enum SetAside: Sendable {
        /// A target missed beyond doubt: its whole 95% interval on the wrong side.
        case misses(Target, ConfidenceInterval)
        /// Kim-Nelson found another candidate better after this many replications.
        case worse(replications: Int)
        /// It misses the targets by more than another candidate, or one by more than the
        /// planner's own plan.
        case missesMore(replications: Int)
        /// It breaks the planning rules: simulated for comparison, never chosen.
        case breaksRules
    }
    public struct Candidate: Sendable {
        public var source: Source
        public var plan: Plan
    }
    public let candidates: [Candidate]
    /// Per candidate, per replication: the objective's value.
    public private(set) var values: [[Double]]
    /// Replications run per candidate (all the same: common random numbers).
    public private(set) var replications = 0
    /// Candidates set aside, with why.
    public private(set) var eliminated: [Int: SetAside] = [:]
    public private(set) var chosen = 0

    /// Thrown when no candidate keeps the planning rules.
    public struct NothingPostable: Error, CustomStringConvertible {
        public var description: String { "no candidate plan keeps the planning rules; loosen them in the scenario's `planning` section" }
    }

    public static func run(model: RoundModel, candidates: [Candidate], metric: MetricName, seed: UInt64, jobs: Int,
                           n0: Int = 10, batch: Int = 10, maxReplications: Int = 100, delta: Double, alpha: Double = 0.05,
                           choosable: [Bool]? = nil, own: Int? = nil,
                           until deadline: ContinuousClock.Instant? = nil, cancellation: Cancellation? = nil,
                           progress: ((_ replications: Int, _ left: Int) -> Void)? = nil) throws -> Selection {
        let choosable = choosable ?? candidates.map { _ in true }
        guard choosable.contains(true) else { throw NothingPostable() }
        var sel = Selection(candidates: candidates, values: Array(repeating: [], count: candidates.count))
        let rounds = try candidates.map { try CompiledRound(model: model, plan: $0.plan) }
        let k = candidates.count
        var results: [[ReplicationResult]] = Array(repeating: [], count: k)
        // A batch's duration, so that the last batch still ends by the deadline.
        var batchSeconds = 0.0
        func add(_ count: Int) throws {
            try cancellation.map { if $0.isCancelled { throw CancellationError() } }
            let started = ContinuousClock.now
            let runs = Experiment.runs(rounds, replications: sel.replications..<(sel.replications + count), seed: seed, jobs: jobs)
            for i in 0..<k {
                results[i] += runs[i]
                sel.values[i] += runs[i].map { $0[metric] }
            }
            sel.replications += count
            batchSeconds = (ContinuousClock.now - started).seconds * Double(batch) / Double(max(count, 1))
        }
        try add(n0)
        let targets = model.scenario.targets
        var alive = Set((0..<k).filter { choosable[$0] })
        for i in 0..<k where !choosable[i] { sel.eliminated[i] = .breaksRules }
        // Targets beyond doubt: the whole 95% interval on the wrong side.
        var beyondDoubt: [Int: SetAside] = [:]
        for i in alive {
            for t in targets {
                let ci = ConfidenceInterval(Tally(results[i].map { $0[t.metric] }.filter(\.isFinite)))
                let missed = t.bound == .atMost ? ci.mean - ci.halfWidth > t.value : ci.mean + ci.halfWidth < t.value
                if missed { beyondDoubt[i] = .misses(t, ci); break }
            }
        }
        if beyondDoubt.count < alive.count {
            for (i, why) in beyondDoubt { sel.eliminated[i] = why; alive.remove(i) }
        }
        // Targets first: those that miss them by more than another, or than the planner's plan.
        func missing() {
            let misses = (0..<k).map { i in targets.map { Selection.miss(results[i], $0, share: model.scenario.everyMorningShare) } }
            let total = misses.map { $0.reduce(0, +) }
            guard let least = alive.map({ total[$0] }).min() else { return }
            var out = alive.filter { total[$0] > least + 0.005 * Double(targets.count) }
            if let own {
                out.formUnion(alive.filter { i in i != own && zip(misses[i], misses[own]).contains { $0 > $1 + 0.005 } })
            }
            if out.count < alive.count {
                for i in out { sel.eliminated[i] = .missesMore(replications: sel.replications) }
                alive.subtract(out)
            }
        }
        missing()
        guard alive.count > 1 else { sel.chosen = alive.first!; return sel }
        let eta = (pow(2 * alpha / Double(alive.count - 1), -2 / Double(n0 - 1)) - 1) / 2
        let h2 = 2 * eta * Double(n0 - 1)
        // Variances of paired differences from the first n0 replications.
        var s2 = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in alive { for l in alive where l != i { s2[i][l] = Tally(zip(sel.values[i], sel.values[l]).map { $0 - $1 }).variance } }
        while true {
            let r = Double(sel.replications)
            let means = sel.values.map { $0.reduce(0, +) / r }
            var out: Set<Int> = []
            for i in alive {
                for l in alive where l != i {
                    let w = max(0, delta / (2 * r) * (h2 * s2[i][l] / (delta * delta) - r))
                    if means[i] - means[l] > w { out.insert(i); break }
                }
            }
            for i in out { sel.eliminated[i] = .worse(replications: sel.replications) }
            alive.subtract(out)
            missing()
            progress?(sel.replications, alive.count)
            let timeUp = deadline.map { ContinuousClock.now + .nanoseconds(Int64(batchSeconds * 1e9)) > $0 } ?? false
            if alive.count <= 1 || sel.replications >= maxReplications || timeUp {
                sel.chosen = alive.min { (means[$0], $0) < (means[$1], $1) }!
                return sel
            }
            try add(min(batch, maxReplications - sel.replications))
            missing()
        }
    }

    public var means: [Double] { values.map { $0.isEmpty ? .nan : $0.reduce(0, +) / Double($0.count) } }

    /// How far the runs miss a target (`Target.miss`: the share of mornings short of the
    /// scenario's for an every-morning target, else the mean's miss as a share of the target).
    static func miss(_ runs: [ReplicationResult], _ t: Target, share: Double) -> Double {
        t.miss(mornings: runs.map { $0[t.metric] }, share: share)
    }
}
