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

    init(_ whole: CompiledRound, group: Int) {
        let sites = whole.groupSites[group], teams = whole.groupTeams[group]
        var localSite = [Int: Int](), localTeam = [Int: Int]()
        for (l, s) in sites.enumerated() { localSite[s] = l }
        for (l, t) in teams.enumerated() { localTeam[t] = l }
        var r = whole
        r.sites = sites.map { whole.sites[$0] }
        r.teams = teams.map { t in
            var team = whole.teams[t]
            team.site = localSite[team.site]!
            team.relieves = team.relieves.flatMap { localTeam[$0] }
            return team
        }
        var base = [0]
        for s in sites { base.append(base.last! + whole.stationBase[s + 1] - whole.stationBase[s]) }
        r.stationBase = base
        r.stationSite = sites.indices.flatMap { l in Array(repeating: l, count: base[l + 1] - base[l]) }
        r.capacityChanges = whole.capacityChanges.compactMap { c in
            guard let l = localSite[c.site] else { return nil }
            var c = c
            c.site = l
            return c
        }
        let couriers = whole.couriers.indices.filter { c in whole.couriers[c].stops.first.map { localSite[$0] != nil } ?? (group == 0) }
        r.couriers = couriers.map { c in
            var plan = whole.couriers[c]
            plan.stops = plan.stops.map { localSite[$0]! }
            return plan
        }
        r.residentsPerSite = sites.map { whole.residentsPerSite[$0] }
        r.siteGroup = Array(repeating: 0, count: sites.count)
        r.groupSites = [Array(sites.indices)]
        r.groupTeams = [Array(teams.indices)]
        let callUps = whole.callUpBuildings.indices.filter { localSite[whole.scenario.siteIndex(whole.plan.callUps[$0].site) ?? -1] != nil }
        r.callUpBuildings = callUps.map { whole.callUpBuildings[$0] }
        round = r
        self.sites = sites; self.teams = teams; self.couriers = couriers; self.callUps = callUps
    }
}

extension CompiledRound {
    /// The round's site groups as rounds of their own; empty when the round is one group.
    func siteGroupRounds() -> [SiteGroup] {
        groupSites.count > 1 ? groupSites.indices.map { SiteGroup(self, group: $0) } : []
    }
}
