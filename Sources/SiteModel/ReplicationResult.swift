import Scenario

/// What one replication measured: one value per metric (resident figures are averages over the
/// residents of that replication) and per-site series in 15-minute bins.
public struct ReplicationResult: Sendable {
    /// Indexed like `MetricName.allCases`.
    public var metrics: [Double]
    public var sites: [SiteSeries]
    /// Events taken from the event list (for the benchmark).
    public var events: Int

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
