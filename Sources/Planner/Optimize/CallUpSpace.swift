import Scenario

/// The call-up choices the optimiser considers for each unit: sites residents can reach within
/// a few minutes of their nearest one that some team staffs, and windows on a five-minute grid
/// from 10 to 90 minutes long, from the opening to half an hour before the deadline or an
/// earlier finish target (the last residents called need that long to come, queue and be
/// swabbed).
public struct CallUpSpace: Sendable {
    public let step: Double
    public let lengths: [Double]
    public let opening: Double
    public let deadline: Double
    /// The latest a window may end.
    public let latestEnd: Double
    /// Time the last residents called are given to be done by the deadline.
    public static let lastCallMargin = 1800.0
    /// Allowed sites per unit, nearest first.
    public private(set) var sites: [[Int]]

    /// Extra walking a planner would ask of residents beyond their nearest staffed site.
    public static let extraWalkSeconds = 300.0

    public init(_ surrogate: Surrogate, staffed: [Int], step: Double = 300) {
        self.step = step
        lengths = stride(from: 600.0, through: 5400, by: step).map { $0 }
        opening = surrogate.scenario.round.opening
        deadline = surrogate.scenario.round.deadline
        latestEnd = max(opening + 600, opening + CallUpSpace.finishLimitMinutes(surrogate.scenario) * 60 - CallUpSpace.lastCallMargin)
        sites = surrogate.units.map { u in
            let reach = u.walk.enumerated().compactMap { si, w -> (Int, Double)? in
                guard let w, staffed[si] > 0 else { return nil }
                return (si, w)
            }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            guard let nearest = reach.first?.1 else { return [] }
            return reach.filter { $0.1 <= nearest + CallUpSpace.extraWalkSeconds }.map(\.0)
        }
    }

    /// The same space with each unit's sites limited to those `keep` accepts (a unit left with
    /// none keeps its nearest).
    public func restricted(_ keep: (Int) -> Bool) -> CallUpSpace {
        var r = self
        r.sites = sites.map { list in
            let kept = list.filter(keep)
            return kept.isEmpty ? Array(list.prefix(1)) : kept
        }
        return r
    }

    /// Minutes after opening by which the last swab must be done: the deadline, or an earlier
    /// finish target.
    public static func finishLimitMinutes(_ s: Scenario) -> Double {
        let targets = s.targets.filter { $0.metric == .finishTimeMinutesAfterOpening && $0.bound == .atMost }.map(\.value)
        return min((s.round.deadline - s.round.opening) / 60, targets.min() ?? .infinity)
    }

    /// What the search aims the surrogate's last swab at: the finish limit less a margin for
    /// what the fluid estimate does not see (a quarter hour, at most a tenth of the round).
    public static func surrogateFinishBy(_ s: Scenario) -> Double {
        let limit = finishLimitMinutes(s)
        return limit - min(15, limit / 10)
    }

    /// The placement snapped to the grid and kept inside the round (at least one step long).
    public func snap(_ x: Surrogate.Placement) -> Surrogate.Placement {
        var start = opening + ((x.start - opening) / step).rounded() * step
        var length = max(lengths.first!, min(lengths.last!, ((x.end - x.start) / step).rounded() * step))
        length = min(length, latestEnd - opening)
        start = min(max(start, opening), latestEnd - length)
        return Surrogate.Placement(site: x.site, start: start, end: start + length)
    }
}
