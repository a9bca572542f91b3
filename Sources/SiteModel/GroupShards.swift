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

    /// Replication `replication` of the groups `groups` only, their figures left open.
    func runGroups(_ groups: [Int], seed: UInt64, replication: Int, jobs: Int) -> GroupReplication {
        let split = siteGroupSplit?.split ?? SiteGroupSplit(self)
        var d = drawn(seed: seed, replication: replication, options: .standard, draws: nil, sorting: false)
        let outcomes = runGroups(split, groups, arrivals: &d.arrivals, dryArrivals: &d.dryArrivals, weather: d.weather,
                                 doorToDoor: d.doorToDoor, options: d.options, jobs: jobs)
        return GroupReplication(liftWait: d.lifts.summary(), outcomes: outcomes)
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

/// One replication of a shard's site groups: the lift waits (drawn for the whole round, the
/// same in every shard) and each of its groups' open figures.
public struct GroupReplication {
    var liftWait: LiftWaits.Summary
    var outcomes: [GroupOutcome]
}
