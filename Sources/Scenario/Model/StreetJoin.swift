/// A street's communities joined into one scenario and one plan: every id prefixed with its
/// community's (`nanli.B3`), every position moved by the community's origin on the street's
/// map, each community's residents keeping their own service, arrivals, walking and patience
/// (`Population`), community workers renumbered into one pool. Shared: the lab (and the tubes
/// it takes), the weather, the couriers and the bus pool.
public struct StreetJoin {
    public struct Member {
        public var id: String
        public var scenario: Scenario
        public var plan: Plan
        public var origin: Point
        public init(id: String, scenario: Scenario, plan: Plan, origin: Point) {
            self.id = id; self.scenario = scenario; self.plan = plan; self.origin = origin
        }
    }

    /// The joined scenario (with `communities` set) and its plan.
    public static func join(name: String, nameEn: String?, file: String, members: [Member], lab labMember: Int, weather weatherMember: Int) -> (Scenario, Plan) {
        let first = members[0].scenario
        var compounds: [Compound] = [], buildings: [Building] = [], sites: [Site] = []
        // The first community's grid and cap; every community's own rules by building.
        var rules = members[0].scenario.planning
        rules.buildings = [:]
        var cohorts: [Cohort] = [], doorToDoor: [DoorToDoorTeam] = [], fleet: [Courier] = []
        var legs: [String: Double] = [:]
        var registrars = 0, workers = 0
        var plan = Plan(callUps: [], origin: file, name: name)
        var communities: [Community] = []
        for (k, m) in members.enumerated() {
            let s = m.scenario
            func id(_ x: String) -> String { m.id + "." + x }
            func place(_ x: String) -> String { x == "lab" ? x : id(x) }
            func moved(_ p: Point?) -> Point? { p.map { Point(x: $0.x + m.origin.x, y: $0.y + m.origin.y) } }
            let siteStart = sites.count, buildingStart = buildings.count, teamStart = doorToDoor.count
            let courierStart = fleet.count, callUpStart = plan.callUps.count
            for c in s.compounds { var c = c; c.id = id(c.id); compounds.append(c) }
            for b in s.buildings {
                // Each community's planning rules stay its buildings' own.
                let r = s.planning
                var own = PlanningRules.BuildingRules()
                own.site = r.pinnedSite(b).map(id)
                own.maxBands = r.maxBands(b)
                own.bandOrder = r.topDown(b) ? .topDown : .bottomUp
                own.extraWalkMinutes = r.extraWalkSeconds(b) / 60
                own.minWindowMinutes = Int(r.minWindowSeconds(b) / 60)
                rules.buildings[id(b.id)] = own
                var b = b
                b.id = id(b.id)
                if !b.compound.isEmpty { b.compound = id(b.compound) }
                b.position = moved(b.position)
                b.walkMinutes = Dictionary(uniqueKeysWithValues: b.walkMinutes.map { (id($0.key), $0.value) })
                b.population = k
                buildings.append(b)
            }
            for site in s.sites {
                var site = site
                site.id = id(site.id)
                if !site.compound.isEmpty { site.compound = id(site.compound) }
                site.position = moved(site.position)
                site.boxCapacity = s.logistics.lab == nil ? nil : s.logistics.tubes.boxCapacity
                // Street-wide lists name the community too.
                site.name = s.name + " " + site.name
                if let en = site.nameEn { site.nameEn = (s.nameEn ?? s.name) + " " + en }
                sites.append(site)
            }
            for c in s.staff.cohorts {
                var c = c
                c.id = id(c.id)
                c.relieves = c.relieves.map(id)
                c.route = c.route.map { RouteStop(site: id($0.site), travelSeconds: $0.travelSeconds, teams: $0.teams) }
                cohorts.append(c)
            }
            registrars += s.staff.registrars
            for t in s.logistics.doorToDoor.teams {
                var t = t
                t.id = id(t.id); t.buildings = t.buildings.map(id); t.handoff = id(t.handoff)
                doorToDoor.append(t)
            }
            for c in s.logistics.couriers.fleet {
                var c = c
                c.id = id(c.id); c.route = c.route.map(id)
                fleet.append(c)
            }
            // Legs written between the community's own places; those to its own lab go only
            // where its lab is the street's.
            for (key, minutes) in s.logistics.couriers.legs {
                let ends = key.split(separator: "|").map(String.init)
                guard ends.count == 2, k == labMember || !ends.contains("lab") else { continue }
                legs[Couriers.legKey(place(ends[0]), place(ends[1]))] = minutes
            }
            let p = m.plan
            plan.callUps += p.callUps.map { CallUp(building: id($0.building), floors: $0.floors, site: id($0.site), window: $0.window) }
            plan.staffing += p.staffing.map { Staffing(site: id($0.site), period: $0.period, desks: $0.desks, stations: $0.stations) }
            plan.roles += p.roles.map { r in
                var r = r
                r.worker = "W\(workers + (Int(r.worker.dropFirst()) ?? 0))"
                r.site = r.site.map(id)
                return r
            }
            plan.drops += p.drops.map { CohortDrops(cohort: id($0.cohort), route: $0.route.map { RouteStop(site: id($0.site), travelSeconds: $0.travelSeconds, teams: $0.teams) }) }
            plan.breaks += p.breaks.map { PlannedBreak(cohort: id($0.cohort), team: $0.team, at: $0.at) }
            plan.handovers += p.handovers.map { Handover(cohort: id($0.cohort), team: $0.team, relieves: $0.relieves) }
            plan.courierTimetable += p.courierTimetable.map { CourierDepartures(courier: id($0.courier), departs: $0.departs) }
            plan.doorToDoorLists += p.doorToDoorLists.map { DoorToDoorList(team: id($0.team), start: $0.start, buildings: $0.buildings.map(id)) }
            plan.deskMoves += p.deskMoves.map { DeskMove(at: $0.at, from: $0.fromDataDesk ? $0.from : id($0.from), to: id($0.to), desks: $0.desks) }
            var community = Community(id: m.id, scenario: s, plan: p, sites: siteStart..<sites.count, buildings: buildingStart..<buildings.count,
                                      doorToDoorTeams: teamStart..<doorToDoor.count, couriers: courierStart..<fleet.count, workerOffset: workers)
            community.callUps = callUpStart..<plan.callUps.count
            communities.append(community)
            workers += s.staff.communityWorkers
        }
        let populations = members.map { m in
            Population(service: m.scenario.service, arrivals: m.scenario.arrivals, walking: m.scenario.walking, patience: m.scenario.logistics.patience,
                       doorToDoor: m.scenario.logistics.doorToDoor)
        }
        // One morning: the communities open together; the street's day ends with the last
        // deadline (each community's figures keep its own).
        var round = first.round
        round.deadline = members.map(\.scenario.round.deadline).max()!
        var street = Scenario(name: name, sourcePath: file, round: round, compounds: compounds, buildings: buildings, sites: sites,
                              walking: members[labMember].scenario.walking, staff: Staff(cohorts: cohorts, registrars: registrars, communityWorkers: workers),
                              service: first.service, arrivals: first.arrivals, plan: nil, targets: [])
        street.nameEn = nameEn
        street.populations = populations
        street.communities = communities
        let lab = members[labMember]
        var logistics = lab.scenario.logistics
        logistics.lab?.position = lab.scenario.logistics.lab?.position.map { Point(x: $0.x + lab.origin.x, y: $0.y + lab.origin.y) }
        logistics.weather = members[weatherMember].scenario.logistics.weather
        logistics.couriers = Couriers(fleet: fleet, speedKmPerHour: lab.scenario.logistics.couriers.speedKmPerHour, legs: legs)
        logistics.doorToDoor.teams = doorToDoor
        // Each community's data desk works its own lists (`Community`), not a street's pool.
        logistics.dataDesk = nil
        logistics.patience = populations.first { $0.patience != nil }?.patience
        street.logistics = logistics
        street.publishing.language = first.publishing.language
        street.publishing.noticeLanguages = first.publishing.noticeLanguages
        street.plan = plan
        street.planning = rules
        return (street, plan)
    }
}
