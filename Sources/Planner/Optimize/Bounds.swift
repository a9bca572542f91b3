import Foundation
import Scenario
import SimKit

/// What no plan can beat, worked out before any search: the earliest the swabbing can be done
/// (all residents' registration and swab work over the capacity the teams and desks give, with
/// the weather's expected speed, from the opening on), the fewest teams and desks that could do
/// the work by the deadline, whether the couriers' cycle fits the sample-age limit, and a lower
/// bound on the time in system (service alone). A target a bound rules out is named here.
public struct Bounds: Sendable {
    public struct Group: Sendable {
        public var sites: [String]
        /// The sites, named in full when there are a few.
        public var label: String { sites.count <= 6 ? sites.joined(separator: ", ") : "\(sites.count) sites (\(sites[0]) ... \(sites[sites.count - 1]))" }
        /// Minutes after opening when the registration and the swab work could at best be done.
        public var earliestFinishMinutes: Double
        public var swabWorkHours: Double
        public var registrationWorkHours: Double
    }
    public var groups: [Group]
    /// Teams at work on average and desks, at the least, to do the work by the deadline.
    public var fewestTeams: Int
    public var fewestDesks: Int
    public var teamsAvailable: Int
    /// Desks that can be open at once: the fewer of the sites' desks and the people who can
    /// run one (registrars and community workers, as the staff section counts them).
    public var desksAvailable: Int
    public var desksAtSites: Int
    public var peopleForDesks: Int
    /// Per courier: the round trip and the worst age a sample could reach the lab at (holding,
    /// the longest gap between departures, the round trip), in minutes.
    public var couriers: [(id: String, roundTripMinutes: Double, worstAgeMinutes: Double)]
    public var sampleAgeLimitMinutes: Double?
    /// Mean registration plus swab minutes: no plan's mean time in system is below it.
    public var serviceMinutes: Double
    /// Per tower with lifts: the earliest its upper floors can all be down at a site.
    public var lifts: [LiftBound]
    /// Targets no plan can meet, with the bound that rules each out.
    public var impossible: [Impossible]

    /// A target or plan no plan can meet, and the bound that rules it out.
    public enum Impossible: Sendable {
        /// Finish within `minutes`: these sites cannot be done before `earliest`.
        case finish(minutes: Double, sites: [String], earliest: Double)
        /// A time-in-system target below what registration and swab alone take.
        case belowService(Target, serviceMinutes: Double)
        case teams(needed: Int, available: Int)
        case courier(id: String, roundTripMinutes: Double, limitMinutes: Double)
        /// Finish within `minutes`: the building's lifts cannot bring its residents down sooner;
        /// `stairs`: the low floors that would have to walk for them to (nil: none would do).
        case lifts(minutes: Double, LiftBound, stairs: (floor: Int, earliestMinutes: Double)?)
    }

    public init(surrogate sur: Surrogate, space: CallUpSpace) {
        let s = sur.scenario
        let g = sur.grid, n = g.slots
        // Sites linked by a unit that may go to either form a group.
        var parent = Array(s.sites.indices)
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for allowed in space.sites where allowed.count > 1 { for x in allowed.dropFirst() { parent[root(x)] = root(allowed[0]) } }
        var members: [Int: [Int]] = [:]
        for si in s.sites.indices { members[root(si), default: []].append(si) }
        var work: [Int: Double] = [:]
        for (u, unit) in sur.units.enumerated() { if let first = space.sites[u].first { work[root(first), default: 0] += unit.residents } }
        // Each tower's lift bound, walking to the nearest site any of its call-ups may use.
        var nearest: [Int: (seconds: Double, site: Int)] = [:]
        for (u, unit) in sur.units.enumerated() {
            for si in space.sites[u] {
                guard let w = unit.walk[si] else { continue }
                if nearest[unit.building].map({ w < $0.seconds }) ?? true { nearest[unit.building] = (w, si) }
            }
        }
        let lifts = nearest.keys.sorted().compactMap { bi -> (LiftBound, Int)? in
            LiftBound(building: s.buildings[bi], scenario: s, walkSeconds: nearest[bi]!.seconds).map { ($0, nearest[bi]!.site) }
        }
        var liftsBySite: [Int: Double] = [:]
        for (b, site) in lifts { liftsBySite[root(site)] = max(liftsBySite[root(site)] ?? 0, b.earliestMinutes) }
        self.lifts = lifts.map(\.0)
        groups = members.keys.sorted().map { key in
            let sites = members[key]!
            let people = work[key] ?? 0
            let swab = people * sur.swabMean, reg = people * sur.registrationMean
            // Cumulative capacity (server-seconds) slot by slot until the work is covered.
            var doneSwab = 0.0, doneReg = 0.0, finish = Double(n) * g.slotSeconds
            var swabAt: Double?, regAt: Double?
            for t in 0..<n {
                let st = sites.reduce(0.0) { $0 + sur.capacity.stations[$1 * n + t] } * g.slotSeconds
                let dk = sites.reduce(0.0) { $0 + sur.capacity.desks[$1 * n + t] } * g.slotSeconds
                if swabAt == nil && doneSwab + st >= swab { swabAt = Double(t) * g.slotSeconds + (st > 0 ? (swab - doneSwab) / st * g.slotSeconds : 0) }
                if regAt == nil && doneReg + dk >= reg { regAt = Double(t) * g.slotSeconds + (dk > 0 ? (reg - doneReg) / dk * g.slotSeconds : 0) }
                doneSwab += st; doneReg += dk
            }
            if let swabAt, let regAt { finish = max(swabAt, regAt) }
            // No site is done before the lifts of the towers called to it have brought everyone down.
            let liftFinish = liftsBySite[key] ?? 0
            finish = max(finish, liftFinish * 60)
            return Group(sites: sites.map { s.sites[$0].id }, earliestFinishMinutes: finish / 60,
                         swabWorkHours: swab / 3600, registrationWorkHours: reg / 3600)
        }
        let people = sur.units.reduce(0) { $0 + $1.residents }
        let duration = s.round.deadline - s.round.opening
        fewestTeams = Int((people * sur.swabMean / duration).rounded(.up))
        fewestDesks = Int((people * sur.registrationMean / duration).rounded(.up))
        teamsAvailable = s.staff.cohorts.filter { $0.relieves == nil }.reduce(0) { $0 + $1.teams }
        desksAtSites = s.sites.reduce(0) { $0 + $1.registrationDesks }
        peopleForDesks = s.staff.registrars + s.staff.communityWorkers
        desksAvailable = min(desksAtSites, peopleForDesks)
        let holding = s.logistics.tubes.maxHoldingSeconds
        couriers = s.logistics.couriers.fleet.map { c in
            let places = ["lab"] + c.route + ["lab"]
            let trip = zip(places, places.dropFirst()).reduce(0.0) { $0 + (s.courierMinutes($1.0, $1.1) ?? 0) * 60 }
            var gap = 0.0
            switch c.mode {
            case .fixed(let times):
                let sorted = times.sorted()
                gap = zip(sorted, sorted.dropFirst()).map { $1 - $0 }.max() ?? 0
            case .onDemand(_, let oldest, let check, _):
                gap = oldest + check
            }
            return (c.id, trip / 60, (holding + max(gap, trip) + trip) / 60)
        }
        sampleAgeLimitMinutes = s.logistics.lab.map { $0.sampleAgeLimitSeconds / 60 }
        serviceMinutes = (sur.registrationMean + sur.swabMean) / 60
        var out: [Impossible] = []
        for t in s.targets {
            switch (t.metric, t.bound) {
            case (.finishTimeMinutesAfterOpening, .atMost):
                // The stronger of the two reasons: a tower's lifts, or the work at a group of sites
                // (whose bound includes the lifts of its towers, so a tie goes to the lifts).
                let tower = self.lifts.filter { $0.earliestMinutes > t.value }.max { $0.earliestMinutes < $1.earliestMinutes }
                let late = groups.filter { $0.earliestFinishMinutes > t.value }.max { $0.earliestFinishMinutes < $1.earliestFinishMinutes }
                if let tower, tower.earliestMinutes * 60 >= (late?.earliestFinishMinutes ?? 0) * 60 - 1e-6 {
                    let b = s.buildings[s.buildingIndex(tower.building)!]
                    out.append(.lifts(minutes: t.value, tower, stairs: LiftBound.stairsMeeting(t.value, building: b, scenario: s,
                                                                                                walkSeconds: tower.walkSeconds)))
                } else if let late {
                    out.append(.finish(minutes: t.value, sites: late.sites, earliest: late.earliestFinishMinutes))
                }
            case (.timeInSystemMinutes, .atMost), (.timeInSystemP50Minutes, .atMost), (.timeInSystemP90Minutes, .atMost), (.timeInSystemP95Minutes, .atMost):
                if t.value < serviceMinutes {
                    out.append(.belowService(t, serviceMinutes: serviceMinutes))
                }
            default: break
            }
        }
        if fewestTeams > teamsAvailable {
            out.append(.teams(needed: fewestTeams, available: teamsAvailable))
        }
        if let limit = sampleAgeLimitMinutes {
            for c in couriers where c.roundTripMinutes > limit {
                out.append(.courier(id: c.id, roundTripMinutes: c.roundTripMinutes, limitMinutes: limit))
            }
        }
        impossible = out
    }
}
