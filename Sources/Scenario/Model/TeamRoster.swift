/// Every swab team of the scenario with the station (slot) it works at and its timetable.
///
/// Teams of an ordinary cohort take new stations at each stop of their bus route; the k-th team
/// a relief cohort drops at a site takes over the station of the k-th team the relieved cohort
/// dropped there (extra relief teams open stations of their own).
public struct TeamRoster: Sendable {
    public struct Team: Sendable {
        public var cohort: Int
        public var site: Int
        /// Station index within the site.
        public var slot: Int
        public var arrivesAtSite: Double
        public var setupSeconds: Double
        public var standingLimitSeconds: Double
        public var breakSeconds: Double
        public var shiftEnd: Double
        /// The team this one relieves at its station, if any.
        public var relieves: Int?
        public var readyAt: Double { arrivesAtSite + setupSeconds }
    }

    public private(set) var teams: [Team] = []
    /// Stations used per site (the highest slot index plus one).
    public private(set) var slotsPerSite: [Int]

    public init(scenario s: Scenario) {
        slotsPerSite = Array(repeating: 0, count: s.sites.count)
        // Ordinary cohorts first, so relief cohorts find the stations they take over.
        var byCohortSite: [String: [Int]] = [:] // "cohort|site" -> team indices in drop order
        let order = s.staff.cohorts.indices.sorted { (s.staff.cohorts[$0].relieves == nil ? 0 : 1, $0) < (s.staff.cohorts[$1].relieves == nil ? 0 : 1, $1) }
        for ci in order {
            let c = s.staff.cohorts[ci]
            var clock = c.departsDepot
            for stop in c.route {
                clock += stop.travelSeconds
                guard let si = s.siteIndex(stop.site) else { continue }
                let relieved = c.relieves.flatMap { byCohortSite[$0 + "|" + stop.site] } ?? []
                for k in 0..<stop.teams {
                    let slot: Int
                    var relieves: Int?
                    if k < relieved.count {
                        relieves = relieved[k]
                        slot = teams[relieved[k]].slot
                    } else {
                        slot = slotsPerSite[si]
                        slotsPerSite[si] += 1
                    }
                    byCohortSite[c.id + "|" + stop.site, default: []].append(teams.count)
                    teams.append(Team(cohort: ci, site: si, slot: slot, arrivesAtSite: clock, setupSeconds: c.setupSeconds,
                                      standingLimitSeconds: c.standingLimitSeconds, breakSeconds: c.breakSeconds,
                                      shiftEnd: c.shiftEnd, relieves: relieves))
                }
            }
        }
    }
}

extension Scenario {
    /// The staffing entry of `plan` covering time `t` at a site, if any.
    public func staffing(site: String, at t: Double, plan: Plan) -> Staffing? {
        plan.staffing.first { $0.site == site && $0.period.contains(t) }
    }

    /// Registration desks a site opens at time `t`: the plan's staffing, else every desk it has.
    public func desksOpen(site id: String, at t: Double, plan: Plan) -> Int {
        if let st = staffing(site: id, at: t, plan: plan) { return st.desks }
        return siteIndex(id).map { sites[$0].registrationDesks } ?? 0
    }
}
