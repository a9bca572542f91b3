import Scenario
import SimKit

/// Sites that share nothing while the round runs: no swab team (a relief takes over at the
/// relieved team's station, so both sites join), no courier (a route joins its stops), and a
/// door-to-door team hands off at one site. Residents are drawn before the loop, per building,
/// and the weather per replication, so once drawn nothing else ties one group to another: each
/// group is a round of its own, simulated apart with compact local indices, in parallel, and
/// its figures placed back at their global indices (`RoundFigures`). A group's teams stand
/// down when its own residents are done, in one loop as in the groups.
enum SiteGroups {
    /// The group of each site, numbered in order of each group's first site.
    static func assign(sites: Int, teams: [TeamRoster.Team], couriers: [[Int]]) -> [Int] {
        var parent = Array(0..<sites)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func join(_ a: Int, _ b: Int) {
            let ra = root(a), rb = root(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        for t in teams { if let r = t.relieves, r >= 0, r < teams.count { join(t.site, teams[r].site) } }
        for stops in couriers { for s in stops.dropFirst() { join(stops[0], s) } }
        var number = [Int: Int]()
        return (0..<sites).map { s in
            let r = root(s)
            if let n = number[r] { return n }
            number[r] = number.count
            return number[r]!
        }
    }

    /// Each group's sites and teams, in index order.
    static func members(siteGroup: [Int], teams: [TeamRoster.Team]) -> (sites: [[Int]], teams: [[Int]]) {
        let count = (siteGroup.max() ?? -1) + 1
        var sites = [[Int]](repeating: [], count: count), groupTeams = [[Int]](repeating: [], count: count)
        for (s, g) in siteGroup.enumerated() { sites[g].append(s) }
        for (t, team) in teams.enumerated() { groupTeams[siteGroup[team.site]].append(t) }
        return (sites, groupTeams)
    }
}

/// One site group as a round of its own: a `CompiledRound` whose sites, teams, stations,
/// staffing changes, couriers and call-ups are the group's, renumbered from 0, with the maps
/// back to the whole round's indices.
struct SiteGroup: Sendable {
    var round: CompiledRound
    /// Local index -> the whole round's index.
    var sites: [Int]
    var teams: [Int]
    var couriers: [Int]
    var callUps: [Int]
}

/// The whole round's site groups, built once per plan (each part of the round is looked at
/// once: linear in sites, teams, call-ups and staffing changes), with the maps from the whole
/// round's indices to a group's.
struct SiteGroupSplit: Sendable {
    var groups: [SiteGroup]
    /// Whole round's site or call-up -> index in its group (-1: a call-up to no site).
    var localSite: [Int]
    var localCallUp: [Int]
    var groupOfCallUp: [Int]

    init(_ whole: CompiledRound) {
        let count = whole.groupSites.count
        var localSite = Array(repeating: 0, count: whole.sites.count)
        for sites in whole.groupSites { for (l, s) in sites.enumerated() { localSite[s] = l } }
        var localTeam = Array(repeating: 0, count: whole.teams.count)
        for teams in whole.groupTeams { for (l, t) in teams.enumerated() { localTeam[t] = l } }
        var changes = [[CompiledRound.CapacityChange]](repeating: [], count: count)
        for c in whole.capacityChanges {
            var local = c
            local.site = localSite[c.site]
            changes[whole.siteGroup[c.site]].append(local)
        }
        var couriers = [[Int]](repeating: [], count: count)
        for (c, plan) in whole.couriers.enumerated() { couriers[plan.stops.first.map { whole.siteGroup[$0] } ?? 0].append(c) }
        var callUps = [[Int]](repeating: [], count: count)
        var localCallUp = Array(repeating: -1, count: whole.plan.callUps.count)
        var groupOfCallUp = Array(repeating: -1, count: whole.plan.callUps.count)
        for (i, c) in whole.plan.callUps.enumerated() {
            guard let s = whole.scenario.siteIndex(c.site) else { continue }
            let g = whole.siteGroup[s]
            localCallUp[i] = callUps[g].count
            groupOfCallUp[i] = g
            callUps[g].append(i)
        }
        groups = (0..<count).map { g in
            let sites = whole.groupSites[g], teams = whole.groupTeams[g]
            var r = whole
            r.sites = sites.map { whole.sites[$0] }
            r.teams = teams.map { t in
                var team = whole.teams[t]
                team.site = localSite[team.site]
                // A relief is in its relieved team's group (they share a station).
                team.relieves = team.relieves.map { localTeam[$0] }
                return team
            }
            var base = [0]
            for s in sites { base.append(base.last! + whole.stationBase[s + 1] - whole.stationBase[s]) }
            r.stationBase = base
            r.stationSite = sites.indices.flatMap { l in Array(repeating: l, count: base[l + 1] - base[l]) }
            r.capacityChanges = changes[g]
            r.couriers = couriers[g].map { c in
                var plan = whole.couriers[c]
                plan.stops = plan.stops.map { localSite[$0] }
                return plan
            }
            r.residentsPerSite = sites.map { whole.residentsPerSite[$0] }
            r.siteGroup = Array(repeating: 0, count: sites.count)
            r.groupSites = [Array(sites.indices)]
            r.groupTeams = [Array(teams.indices)]
            r.callUpBuildings = callUps[g].map { whole.callUpBuildings[$0] }
            return SiteGroup(round: r, sites: sites, teams: teams, couriers: couriers[g], callUps: callUps[g])
        }
        self.localSite = localSite
        self.localCallUp = localCallUp
        self.groupOfCallUp = groupOfCallUp
    }

    /// Each group's residents, in the order of `arrivals` (the whole round's), with the site and
    /// call-up renumbered: group g's are `flat[offsets[g] ..< offsets[g + 1]]` (one array, one
    /// pass to count and one to place, instead of an array a group grown append by append).
    func partition(_ arrivals: [Arrival], siteGroup: [Int]) -> (flat: [Arrival], offsets: [Int]) {
        var offsets = Array(repeating: 0, count: groups.count + 1)
        for a in arrivals { offsets[siteGroup[Int(a.site)] + 1] += 1 }
        for g in 0..<groups.count { offsets[g + 1] += offsets[g] }
        var next = offsets
        let flat = [Arrival](unsafeUninitializedCapacity: arrivals.count) { buffer, count in
            for a in arrivals {
                let site = Int(a.site)
                var local = a
                local.site = Int16(localSite[site])
                if a.callUp >= 0 { local.callUp = Int32(localCallUp[Int(a.callUp)]) }
                let g = siteGroup[site]
                (buffer.baseAddress! + next[g]).initialize(to: local)
                next[g] += 1
            }
            count = arrivals.count
        }
        return (flat, offsets)
    }

    /// Each group's door-to-door teams (by hand-off site), renumbered.
    func partition(_ doorToDoor: DoorToDoorRun, siteGroup: [Int]) -> [DoorToDoorRun] {
        var out = [[DoorToDoorRun.TeamResult]](repeating: [], count: groups.count)
        for t in doorToDoor.teams {
            var local = t
            local.handoffSite = localSite[t.handoffSite]
            out[siteGroup[t.handoffSite]].append(local)
        }
        return out.map { DoorToDoorRun(teams: $0) }
    }
}

/// Holds a round's `SiteGroupSplit` (a struct cannot hold its own kind).
final class SiteGroupBox: Sendable {
    let split: SiteGroupSplit
    init(_ split: SiteGroupSplit) { self.split = split }
}
