import Scenario
import SimKit

/// Many replications of one plan, run in parallel and folded in replication order, so the
/// result is the same whatever the number of threads.
///
///     let result = Experiment.run(try CompiledRound(scenario: s, plan: s.effectivePlan), replications: 200, seed: 1, jobs: 2)
public enum Experiment {
    public static func run(_ round: CompiledRound, replications: Int, seed: UInt64, jobs: Int,
                           options: RunOptions = .standard,
                           progress: (@Sendable () -> Void)? = nil, stop: @escaping @Sendable () -> Bool = { false }) -> ExperimentResult {
        _ = GSLSetup.errorsOff
        let round = round.withSiteGroups()
        let groupJobs = Experiment.groupJobs(jobs: jobs, replications: replications)
        // Each replication's site series are folded as it comes (in replication order) and then
        // let go, so memory does not grow with replications (a city's series are megabytes).
        var series = SiteSeriesFold(sites: round.scenario.sites.count)
        var runs: [ReplicationResult] = []
        runs.reserveCapacity(replications)
        Replications.fold(count: replications, jobs: jobs, { r -> ReplicationResult in
            let result = round.simulate(seed: seed, replication: r, options: options, groupJobs: groupJobs)
            progress?()
            return result
        }, into: { _, result in
            var result = result
            series.add(result.sites)
            result.sites = []
            runs.append(result)
        }, stop: stop)
        return ExperimentResult(round: round, seed: seed, runs: runs, series: series)
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
    /// Bins of the site series.
    let bins: Int

    public struct SiteSummary: Sendable {
        public var site: Site
        public var registrationQueue: [ConfidenceInterval]
        public var swabQueue: [ConfidenceInterval]
        /// Busy stations over staffed stations in each bin (ratio of the means across replications).
        public var utilisation: [Double]
        /// Mean busy stations in each bin: the swab rate there is this over the mean swab time.
        public var stationsBusy: [Double]
        /// Mean share of each bin the site stood paused by the weather.
        public var paused: [Double]
        public var swabbed: ConfidenceInterval
    }

    /// From every replication's full result (shards merged, or `Experiment.runs`).
    public init(round: CompiledRound, seed: UInt64, runs: [ReplicationResult]) {
        var series = SiteSeriesFold(sites: round.scenario.sites.count)
        for r in runs { series.add(r.sites) }
        self.init(round: round, seed: seed, runs: runs, series: series)
    }

    /// From the replications' metrics and their site series already folded (in replication
    /// order, the same figures either way).
    init(round: CompiledRound, seed: UInt64, runs: [ReplicationResult], series: SiteSeriesFold) {
        self.seed = seed
        self.replications = runs.count
        self.scenario = round.scenario
        self.plan = round.plan
        self.runs = runs
        bins = series.bins
        metrics = MetricName.allCases.enumerated().filter { $0.element.applies(to: round.scenario, plan: round.plan) }.map { i, name in
            // A replication where a figure is undefined is left out of it (n says so): NaN
            // never reaches an interval or summary.json.
            (name, ConfidenceInterval(Tally(runs.map { $0.metrics[i] }.filter(\.isFinite))))
        }
        sites = round.scenario.sites.enumerated().map { si, site in
            let f = series.perSite[si]
            return SiteSummary(site: site, registrationQueue: f.registrationQueue.map { ConfidenceInterval($0) },
                               swabQueue: f.swabQueue.map { ConfidenceInterval($0) },
                               utilisation: f.stationsBusy.indices.map { b in
                                   f.stationsStaffed[b].mean > 0 ? min(1, f.stationsBusy[b].mean / f.stationsStaffed[b].mean) : 0
                               },
                               stationsBusy: f.stationsBusy.map(\.mean),
                               paused: f.paused.map(\.mean), swabbed: ConfidenceInterval(f.swabbed))
        }
    }

    /// The interval of a metric, computed from the replications even if it does not apply.
    public subscript(_ name: MetricName) -> ConfidenceInterval {
        metrics.first { $0.name == name }?.interval
            ?? ConfidenceInterval(Tally(runs.map { $0[name] }))
    }

    /// Number of bins up to the last swab of any replication (later bins are empty).
    public var activeBins: Int {
        let lastMinutes = runs.map { $0[.finishTimeMinutesAfterOpening] }.max() ?? 0
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

/// Each site's binned series summed up over replications, bin by bin, in the order they are
/// added: what a run keeps of them instead of every replication's.
struct SiteSeriesFold: Sendable {
    struct Site: Sendable {
        var registrationQueue: [Tally] = []
        var swabQueue: [Tally] = []
        var stationsBusy: [Tally] = []
        var stationsStaffed: [Tally] = []
        var paused: [Tally] = []
        var swabbed = Tally()
    }
    var perSite: [Site]
    var bins = 0

    init(sites: Int) { perSite = Array(repeating: Site(), count: sites) }

    mutating func add(_ series: [SiteSeries]) {
        for (si, x) in series.enumerated() {
            if perSite[si].swabQueue.isEmpty {
                let empty = Array(repeating: Tally(), count: x.swabQueue.count)
                perSite[si] = Site(registrationQueue: empty, swabQueue: empty, stationsBusy: empty, stationsStaffed: empty, paused: empty)
                bins = max(bins, x.swabQueue.count)
            }
            for b in x.swabQueue.indices {
                perSite[si].registrationQueue[b].add(x.registrationQueue[b])
                perSite[si].swabQueue[b].add(x.swabQueue[b])
                perSite[si].stationsBusy[b].add(x.stationsBusy[b])
                perSite[si].stationsStaffed[b].add(x.stationsStaffed[b])
                perSite[si].paused[b].add(x.paused[b])
            }
            perSite[si].swabbed.add(Double(x.swabbed))
        }
    }
}
