import Scenario

/// What one replication measured: one value per metric (resident figures are averages over the
/// residents of that replication) and per-site series in 15-minute bins.
public struct ReplicationResult: Sendable {
    /// Indexed like `MetricName.allCases`.
    public var metrics: [Double]
    public var sites: [SiteSeries]
    /// Events taken from the event list (for the benchmark).
    public var events: Int
    /// Events the run without the weather took after it forked from this one (for the
    /// benchmark: the replication ran them as well). Not kept by shards.
    public var eventsWithoutWeather = 0
    /// With `RunOptions.recordDetail`: what a published schedule and report need.
    public var detail: Detail?

    public struct Detail: Sendable {
        /// Per plan call-up: residents swabbed, their mean, median, p90 and p95 wait in the
        /// lines (minutes).
        public var callUps: [(swabbed: Int, meanWait: Double, p50Wait: Double, p90Wait: Double, p95Wait: Double)]
        /// Residents by time in system, in bins of `histogramMinutes`.
        public var timeInSystem: [Int]
        /// Samples by age at the lab, in bins of `histogramMinutes`.
        public var sampleAge: [Int]
        /// Per courier: each run's departure time and tubes carried.
        public var courierRuns: [[(departs: Double, tubes: Int)]]
        /// Per building (scenario order): residents who gave up and were not back by the end,
        /// the list for a door-to-door visit after the round.
        public var gaveUpPerBuilding: [Int]
        public static let histogramMinutes = 5.0
    }

    public subscript(_ m: MetricName) -> Double {
        get { metrics[MetricName.index[m]!] }
        set { metrics[MetricName.index[m]!] = newValue }
    }
}

/// One site's levels averaged over each 15-minute bin from the opening.
public struct SiteSeries: Sendable {
    public var registrationQueue: [Double]
    public var swabQueue: [Double]
    public var stationsBusy: [Double]
    public var stationsStaffed: [Double]
    /// Share of each bin the site stood paused by the weather.
    public var paused: [Double]
    public var swabbed: Int
}

extension MetricName {
    static let index: [MetricName: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
