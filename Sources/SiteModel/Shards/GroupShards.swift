import Scenario
import SimKit

/// A run split by site groups instead of by replications: each shard runs every replication,
/// but only its share of the independent site groups (a city on several machines, each holding
/// a few districts' residents). The groups' figures are shipped open (`OpenFigures`) and closed
/// where the shards are merged, at the whole round's end, to the same bits as one process.
public extension CompiledRound {
    /// The site groups dealt to `shards` shards: the group with the most residents first, to
    /// the shard with the fewest residents so far (ties to the lower shard, then the lower
    /// group), so every machine gets about the same work. Each shard's groups in index order.
    func groupShares(shards: Int) -> [[Int]] {
        precondition(shards >= 1 && shards <= siteGroupCount, "1 to siteGroupCount shards")
        let residents = groupSites.map { $0.reduce(0) { $0 + residentsPerSite[$1] } }
        let order = residents.indices.sorted { (residents[$0], $1) > (residents[$1], $0) }
        var load = Array(repeating: 0, count: shards)
        var shares = [[Int]](repeating: [], count: shards)
        for g in order {
            let k = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
            load[k] += residents[g]
            shares[k].append(g)
        }
        return shares.map { $0.sorted() }
    }

    /// The buildings whose residents come to the groups `groups`: those with a floor called to
    /// one of their sites. A shard draws only these (a building called to two groups' sites
    /// is drawn by both shards, alike).
    func buildings(calledTo groups: [Int]) -> [Bool] {
        var mine = Array(repeating: false, count: groupSites.count)
        for g in groups { mine[g] = true }
        return buildings.map { b in b.floorCall.contains { mine[siteGroup[$0.site]] } }
    }

    /// Replication `replication` of the groups `groups` only, their figures left open; the
    /// residents drawn are those of `buildings(calledTo: groups)` (given, or worked out).
    func runGroups(_ groups: [Int], buildings drawnBuildings: [Bool]? = nil, seed: UInt64, replication: Int, jobs: Int) -> GroupReplication {
        precondition(morning == nil, "a shard by site groups runs the whole round")
        let split = siteGroupSplit?.split ?? SiteGroupSplit(self)
        let only = drawnBuildings ?? buildings(calledTo: groups)
        let draws = drawResidents(seed: seed, replication: UInt64(replication), only: only)
        var d = drawn(seed: seed, replication: replication, options: .standard, draws: draws, sorting: false, liftsByBuilding: true)
        let outcomes = runGroups(split, groups, arrivals: &d.arrivals, dryArrivals: &d.dryArrivals, weather: d.weather,
                                 doorToDoor: d.doorToDoor, options: d.options, jobs: jobs)
        return GroupReplication(liftWaits: LiftWaitsByBuilding(d.lifts), outcomes: outcomes)
    }

    /// Replication `replication` from every group's open figures (in group order): the same
    /// result, to the bit, as `simulate` gives for it. The door-to-door teams and the data desk
    /// are drawn again here (a few draws; they are the same streams).
    internal func closeGroups(_ outcomes: [GroupOutcome], liftWait: LiftWaits.Summary, seed: UInt64, replication: Int) -> ReplicationResult {
        let split = siteGroupSplit?.split ?? SiteGroupSplit(self)
        let weather = WeatherDraw(scenario.logistics.weather, seed: seed, replication: UInt64(replication))
        let doorToDoor = DoorToDoorRun(self, weather: weather, seed: seed, replication: UInt64(replication))
        var (figures, dry) = closeGroups(split, outcomes, recordDetail: false)
        return finish(&figures, dry: dry, liftWait: liftWait, doorToDoor: doorToDoor, seed: seed, replication: replication)
    }
}

/// One replication of a shard's site groups: the lift waits of the buildings it drew and each
/// of its groups' open figures.
public struct GroupReplication {
    var liftWaits: LiftWaitsByBuilding
    var outcomes: [GroupOutcome]
}

/// Lift waits building by building (in building order, each building's in the order its riders
/// were taken), so the merge adds every shard's in the order one process adds them: the mean
/// (a running sum) and the p95 come out to the bit.
struct LiftWaitsByBuilding: Equatable {
    /// Each building with riders, ascending, and one past its last wait in `waits`.
    var buildings: [Int] = []
    var ends: [Int] = []
    var waits: [Double] = []

    init(_ lifts: LiftWaits) {
        precondition(lifts.buildingEnds != nil, "lift waits recorded by building")
        buildings = lifts.buildingEnds!.map(\.building)
        ends = lifts.buildingEnds!.map(\.end)
        waits = lifts.sample.values
    }

    init?(buildings: [Int], ends: [Int], waits: [Double]) {
        guard buildings.count == ends.count, zip(buildings, buildings.dropFirst()).allSatisfy({ $0 < $1 }),
              zip([0] + ends, ends).allSatisfy({ $0 < $1 }), (ends.last ?? 0) == waits.count,
              waits.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        self.buildings = buildings; self.ends = ends; self.waits = waits
    }

    /// Building `i`'s waits (the `i`-th listed).
    func waits(at i: Int) -> ArraySlice<Double> { waits[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

    /// Every part's waits added building by building, as one process adds them. Throws when
    /// two parts that drew the same building disagree about it.
    static func merged(_ parts: [LiftWaitsByBuilding], replication: Int) throws(PartialResult.DecodingError) -> LiftWaits.Summary {
        var at = Array(repeating: 0, count: parts.count)
        var lifts = LiftWaits()
        while true {
            // The lowest building any part has next; every part that has it must agree.
            var next: (building: Int, part: Int)?
            for p in parts.indices where at[p] < parts[p].buildings.count {
                let b = parts[p].buildings[at[p]]
                if next == nil || b < next!.building { next = (b, p) }
            }
            guard let (b, first) = next else { break }
            let waits = parts[first].waits(at: at[first])
            for p in parts.indices where at[p] < parts[p].buildings.count && parts[p].buildings[at[p]] == b {
                guard parts[p].waits(at: at[p]) == waits else { throw .malformed("replication \(replication + 1)'s lift waits differ between shards") }
                at[p] += 1
            }
            for w in waits { lifts.add(w) }
        }
        return lifts.summary()
    }
}
