import Scenario
import SimKit

/// A plan compiled onto its scenario's `RoundModel`: flat index arrays the replication loop
/// reads (each floor's call-up, site and walk; stations; staffing changes; courier timetables),
/// computed once per plan and changed in place by `moveCallUp`.
public struct CompiledRound: Sendable {
    public let model: RoundModel
    public internal(set) var plan: Plan
    public var scenario: Scenario { model.scenario }
    var opening: Double { model.opening }
    var deadline: Double { model.deadline }
    var registration: [Sampler] { model.registration }
    var swab: [Sampler] { model.swab }
    var buildings: [BuildingPlan]
    let roster: TeamRoster
    /// The sites the event loop runs: the scenario's, or one site group's (`SiteGroup`), whose
    /// indices below are then the group's own.
    var sites: [Site]
    /// The swab teams, `roster.teams` or a group's.
    var teams: [TeamRoster.Team]
    /// First global station index of each site; a site's stations are `stationBase[s] ..< stationBase[s+1]`.
    var stationBase: [Int]
    /// The site of each global station index.
    var stationSite: [Int]
    /// Staffing changes in time order: at `time`, `site` opens `desks` and `stations` (-1 = all).
    var capacityChanges: [CapacityChange]
    /// The plan's staffing alone, before its desk moves: a morning state's desk cap comes
    /// between the two (`apply`).
    let plannedCapacity: [CapacityChange]
    var residentsPerSite: [Int]
    var couriers: [CourierPlan]
    /// The site group of each site (`SiteGroups`): sites that share no team, courier or
    /// door-to-door hand-off. Each group's teams stand down when its own residents are done.
    var siteGroup: [Int]
    /// Each group's teams, and its sites, in index order.
    var groupTeams: [[Int]]
    var groupSites: [[Int]]
    /// The building index of each call-up (for residents who gave up, by building).
    var callUpBuildings: [Int]
    /// The site groups as rounds of their own, when there are several: split once per plan and
    /// shared by every replication (a moved call-up drops it; `withSiteGroups` splits again).
    var siteGroupSplit: SiteGroupBox?
    /// Run site groups apart (the default); false runs the whole round in one event loop, the
    /// reference the groups are tested against.
    public var runsSiteGroupsApart = true
    /// Set for a round simulated from a morning state (`from(_:)`): where it starts, and the
    /// state as applied (lines filled in), for re-applying to another plan.
    var morning: MorningStart?
    var morningState: MorningState?
    /// The round as it ran up to the morning state's time (its weather and late buses, none of
    /// its changes from then on): what the residents swabbed so far are measured against.
    var morningPast: PastRound?
    /// Every community worker's data-desk periods.
    let deskPeriods: [[ClockWindow]]

    /// A courier's route as site indices, with the dry travel minutes and kilometres of each
    /// leg: lab to the first stop, stop to stop, the last stop to the lab.
    struct CourierPlan: Sendable {
        var courier: Courier
        var stops: [Int]
        var legSeconds: [Double]
        var legKilometres: [Double]
        var fixedTimes: [Double]
    }

    struct BuildingPlan: Sendable, Equatable {
        var residents: Int
        var doorToDoorResidents: Int
        var floors: Int
        var lifts: Int
        var elderlyShare: Double
        var noSmartphoneShare: Double
        /// Per floor (index floor - 1): call-up window, site index and walking seconds to it.
        var floorCall: [FloorCall]
    }

    struct FloorCall: Sendable, Equatable {
        var window: ClockWindow
        var site: Int
        var walkSeconds: Double
        /// The residents this call-up calls are indices `firstResident ..< firstResident + residents`
        /// of the building (floors hold contiguous index ranges).
        var firstResident: Int
        var residents: Int
        /// Index of the call-up in the plan (for per-window figures).
        var callUp: Int
    }

    struct CapacityChange: Sendable {
        var time: Double
        var site: Int
        var desks: Int
        var stations: Int
    }

    /// Checks the plan against the scenario's plan rules first (`PlanCheck`): the simulation
    /// takes only a checked plan, however it was built.
    public init(scenario: Scenario, plan: Plan) throws {
        self.init(try PlanCheck.check(scenario, plan))
    }

    /// A plan of the model's scenario, checked first.
    public init(model: RoundModel, plan: Plan) throws {
        self.init(try PlanCheck.check(model.scenario, plan), model: model)
    }

    /// `model` must be the model of the plan's scenario (built afresh when not given).
    public init(_ checked: CheckedPlan, model given: RoundModel? = nil) {
        let s = checked.scenario, plan = checked.plan
        // Residents carry their site as an Int16; validation caps sites far below.
        precondition(s.sites.count <= Int(Int16.max), "\(s.sites.count) sites: more than a 16-bit site index holds")
        let model = given ?? RoundModel(s)
        precondition(model.scenario.sites.count == s.sites.count && model.scenario.buildings.count == s.buildings.count,
                     "a round model of another scenario")
        self.model = model
        self.plan = plan
        var perSite = Array(repeating: 0, count: s.sites.count)
        // Call-ups by building, once: linear in buildings and call-ups.
        var callsOf = [[Int]](repeating: [], count: s.buildings.count)
        for (ci, c) in plan.callUps.enumerated() { if let bi = s.buildingIndex(c.building) { callsOf[bi].append(ci) } }
        buildings = s.buildings.enumerated().map { bi, b in
            var calls = [FloorCall?](repeating: nil, count: b.floors)
            for ci in callsOf[bi] {
                let c = plan.callUps[ci]
                guard let si = s.siteIndex(c.site) else { continue }
                let walk = model.walkingSeconds(building: bi, site: si) ?? 0
                let floors = c.floors ?? 1...b.floors
                let first = CompiledRound.firstResident(onFloor: floors.lowerBound, residents: b.residents, floors: b.floors)
                let end = CompiledRound.firstResident(onFloor: floors.upperBound + 1, residents: b.residents, floors: b.floors)
                for f in floors {
                    calls[f - 1] = FloorCall(window: c.window, site: si, walkSeconds: walk, firstResident: first, residents: end - first, callUp: ci)
                }
            }
            // Validation guarantees every floor is called; a plan built in code might not.
            let fallback = calls.compactMap { $0 }.first ?? FloorCall(window: s.round.window, site: 0, walkSeconds: 0, firstResident: 0, residents: b.residents, callUp: -1)
            let floorCall = calls.map { $0 ?? fallback }
            for i in 0..<(b.residents - model.doorToDoorResidents[bi]) { perSite[floorCall[CompiledRound.floor(of: i, residents: b.residents, floors: b.floors) - 1].site] += 1 }
            return BuildingPlan(residents: b.residents, doorToDoorResidents: model.doorToDoorResidents[bi], floors: b.floors, lifts: b.lifts, elderlyShare: b.elderlyShare,
                                noSmartphoneShare: b.noSmartphoneShare, floorCall: floorCall)
        }
        residentsPerSite = perSite
        roster = TeamRoster(scenario: s, plan: plan)
        sites = s.sites
        teams = roster.teams
        callUpBuildings = plan.callUps.map { s.buildingIndex($0.building) ?? -1 }
        var base = [0]
        for n in roster.slotsPerSite { base.append(base.last! + n) }
        stationBase = base
        stationSite = (0..<s.sites.count).flatMap { si in Array(repeating: si, count: base[si + 1] - base[si]) }
        var changes: [CapacityChange] = []
        let starts = Set(plan.staffing.map { "\($0.site)|\($0.period.start)" })
        for st in plan.staffing {
            guard let si = s.siteIndex(st.site) else { continue }
            changes.append(CapacityChange(time: st.period.start, site: si, desks: st.desks, stations: st.stations))
            // Outside its periods a site opens everything, unless the next period starts right away.
            if !starts.contains("\(st.site)|\(st.period.end)") {
                changes.append(CapacityChange(time: st.period.end, site: si, desks: s.sites[si].registrationDesks, stations: -1))
            }
        }
        couriers = zip(s.couriers(under: plan), model.courierLegs).map { c, legs in
            var times: [Double] = []
            if case .fixed(let t) = c.mode { times = t }
            return CourierPlan(courier: c, stops: legs.stops, legSeconds: legs.seconds, legKilometres: legs.kilometres, fixedTimes: times)
        }
        deskPeriods = DataDeskRun.deskPeriods(s, plan)
        plannedCapacity = changes.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        capacityChanges = CompiledRound.movingDesks(plannedCapacity, plan.deskMoves, scenario: s)
        siteGroup = SiteGroups.assign(sites: s.sites.count, teams: roster.teams, couriers: couriers.map(\.stops))
        (groupSites, groupTeams) = SiteGroups.members(siteGroup: siteGroup, teams: roster.teams)
        if groupSites.count > 1 { siteGroupSplit = SiteGroupBox(SiteGroupSplit(self)) }
    }

    /// The number of site groups (sites that share no team, courier or door-to-door hand-off).
    public var siteGroupCount: Int { groupSites.count }

    /// This round with its site groups split (after call-ups were moved in place).
    public func withSiteGroups() -> CompiledRound {
        guard groupSites.count > 1, siteGroupSplit == nil else { return self }
        var r = self
        r.siteGroupSplit = SiteGroupBox(SiteGroupSplit(self))
        return r
    }

    /// Residents are spread evenly over floors: resident i of n lives on floor 1 + i * floors / n.
    @inline(__always)
    static func floor(of i: Int, residents n: Int, floors: Int) -> Int { 1 + i * floors / max(n, 1) }

    /// The lowest resident index on floor `f` (the inverse of `floor(of:)`); `f = floors + 1` gives n.
    public static func firstResident(onFloor f: Int, residents n: Int, floors: Int) -> Int {
        ((f - 1) * n + floors - 1) / floors
    }
}

extension Distribution {
    public init(_ t: ServiceTime) {
        switch t {
        case .deterministic(let v): self = .deterministic(v)
        case .exponential(let m): self = .exponential(mean: m)
        case .lognormal(let m, let cv): self = .lognormal(mean: m, cv: cv)
        case .gamma(let m, let cv): self = .gamma(mean: m, cv: cv)
        case .uniform(let a, let b): self = .uniform(min: a, max: b)
        case .triangular(let a, let c, let b): self = .triangular(min: a, mode: c, max: b)
        case .empirical(let v): self = .empirical(v)
        }
    }
}
