import Scenario
import SimKit

/// Many replications of one plan, run in parallel and folded in replication order, so the
/// result is the same whatever the number of threads.
///
///     let result = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 200, seed: 1, jobs: 2)
public enum Experiment {
    public static func run(_ round: CompiledRound, replications: Int, seed: UInt64, jobs: Int,
                           options: RunOptions = .standard,
                           progress: (@Sendable () -> Void)? = nil) -> ExperimentResult {
        _ = GSLSetup.errorsOff
        let round = round.withSiteGroups()
        let groupJobs = Experiment.groupJobs(jobs: jobs, replications: replications)
        let runs = Replications.run(count: replications, jobs: jobs) { r -> ReplicationResult in
            let result = round.simulate(seed: seed, replication: r, options: options, groupJobs: groupJobs)
            progress?()
            return result
        }
        return ExperimentResult(round: round, seed: seed, runs: runs)
    }

    /// The replications in `range` (for adding replications in batches; replication r is the
    /// same whichever batch it falls in).
    public static func runs(_ round: CompiledRound, replications range: Range<Int>, seed: UInt64, jobs: Int,
                            options: RunOptions = .standard) -> [ReplicationResult] {
        _ = GSLSetup.errorsOff
        let round = round.withSiteGroups()
        let groupJobs = Experiment.groupJobs(jobs: jobs, replications: range.count)
        return Replications.run(count: range.count, jobs: jobs) { k in
            round.simulate(seed: seed, replication: range.lowerBound + k, options: options, groupJobs: groupJobs)
        }
    }

    /// Threads for a replication's site groups: those the replications leave idle (a city run
    /// of two replications on eight cores runs each one's groups on four).
    static func groupJobs(jobs: Int, replications: Int) -> Int {
        max(1, jobs / max(1, min(jobs, replications)))
    }
}

extension Experiment {
    /// The replications in `range` of several plans of one scenario, each replication's
    /// residents drawn once and shared by every plan (common random numbers by construction,
    /// and one draw instead of one a plan). `runs[p][k]` is plan p's replication
    /// `range.lowerBound + k`, the same as `runs(rounds[p], ...)` gives.
    public static func runs(_ rounds: [CompiledRound], replications range: Range<Int>, seed: UInt64, jobs: Int,
                            options: RunOptions = .standard) -> [[ReplicationResult]] {
        _ = GSLSetup.errorsOff
        guard rounds.first != nil else { return [] }
        let rounds = rounds.map { $0.withSiteGroups() }
        let first = rounds[0]
        let groupJobs = Experiment.groupJobs(jobs: jobs, replications: range.count)
        let all = Replications.run(count: range.count, jobs: jobs) { k -> [ReplicationResult] in
            let r = range.lowerBound + k
            let draws = first.drawResidents(seed: seed, replication: UInt64(r))
            return rounds.map { $0.simulate(seed: seed, replication: r, options: options, draws: draws, groupJobs: groupJobs) }
        }
        return rounds.indices.map { p in all.map { $0[p] } }
    }
}

/// Every metric across replications as a mean with its 95% Student-t half-width, and each site's
/// series per 15-minute bin.
public struct ExperimentResult: Sendable {
    public let seed: UInt64
    public let replications: Int
    public let scenario: Scenario
    public let plan: Plan
    public let runs: [ReplicationResult]
    /// The metrics that apply to this scenario and plan, in `MetricName.allCases` order.
    public let metrics: [(name: MetricName, interval: ConfidenceInterval)]
    public let sites: [SiteSummary]

    public struct SiteSummary: Sendable {
        public var site: Site
        public var registrationQueue: [ConfidenceInterval]
        public var swabQueue: [ConfidenceInterval]
        /// Busy stations over staffed stations in each bin (ratio of the means across replications).
        public var utilisation: [Double]
        /// Mean share of each bin the site stood paused by the weather.
        public var paused: [Double]
        public var swabbed: ConfidenceInterval
    }

    public init(round: CompiledRound, seed: UInt64, runs: [ReplicationResult]) {
        self.seed = seed
        self.replications = runs.count
        self.scenario = round.scenario
        self.plan = round.plan
        self.runs = runs
        metrics = MetricName.allCases.enumerated().filter { $0.element.applies(to: round.scenario, plan: round.plan) }.map { i, name in
            // A replication where a figure is undefined is left out of it (n says so): NaN
            // never reaches an interval or summary.json.
            (name, ConfidenceInterval(Tally(runs.map { $0.metrics[i] }.filter(\.isFinite))))
        }
        var sites: [SiteSummary] = []
        for (si, site) in round.scenario.sites.enumerated() {
            // One pass over the replications per site, then bin by bin.
            let series = runs.map { $0.sites[si] }
            let bins = series.first?.swabQueue.count ?? 0
            var reg: [ConfidenceInterval] = [], swab: [ConfidenceInterval] = [], util: [Double] = [], paused: [Double] = []
            for b in 0..<bins {
                var r = Tally(), q = Tally(), busy = Tally(), staffed = Tally(), p = Tally()
                for x in series {
                    r.add(x.registrationQueue[b]); q.add(x.swabQueue[b])
                    busy.add(x.stationsBusy[b]); staffed.add(x.stationsStaffed[b]); p.add(x.paused[b])
                }
                reg.append(ConfidenceInterval(r))
                swab.append(ConfidenceInterval(q))
                util.append(staffed.mean > 0 ? min(1, busy.mean / staffed.mean) : 0)
                paused.append(p.mean)
            }
            sites.append(SiteSummary(site: site, registrationQueue: reg, swabQueue: swab, utilisation: util, paused: paused,
                                     swabbed: ConfidenceInterval(Tally(series.map { Double($0.swabbed) }))))
        }
        self.sites = sites
    }

    /// The interval of a metric, computed from the replications even if it does not apply.
    public subscript(_ name: MetricName) -> ConfidenceInterval {
        metrics.first { $0.name == name }?.interval
            ?? ConfidenceInterval(Tally(runs.map { $0[name] }))
    }

    /// Number of bins up to the last swab of any replication (later bins are empty).
    public var activeBins: Int {
        let lastMinutes = runs.map { $0[.finishTimeMinutesAfterOpening] }.max() ?? 0
        let bins = runs.first?.sites.first?.swabQueue.count ?? 0
        return Int(min(Double(bins), (lastMinutes * 60 / CompiledRound.binSeconds).rounded(.up) + 1))
    }
}

extension CompiledRound {
    /// Draws the arrivals of `count` replications and returns how many residents came (for the
    /// benchmark's breakdown of where a replication's time goes).
    public func drawArrivalsOnly(seed: UInt64, count: Int) -> Int {
        var a: [Arrival] = []
        var n = 0
        let weather = WeatherDraw.clear(scenario.logistics.weather)
        for r in 0..<count { drawArrivals(seed: seed, replication: UInt64(r), weather: weather, into: &a); n += a.count }
        return n
    }
}
