/// One community of a street round: its scenario and plan as loaded (its own ids), and where its
/// parts sit in the street's joined scenario. The street's figures are split back by these.
public struct Community: Sendable {
    public var id: String
    public var scenario: Scenario
    public var plan: Plan
    /// Its sites, buildings and door-to-door teams in the street's lists (contiguous, in order).
    public var sites: Range<Int>
    public var buildings: Range<Int>
    public var doorToDoorTeams: Range<Int>
    /// Its call-ups in the street's plan.
    public var callUps: Range<Int> = 0..<0
    /// Its couriers in the street's fleet (empty when the street's own couriers replace them).
    public var couriers: Range<Int>
    /// Its community workers are the street's W(offset+1) ... W(offset+n).
    public var workerOffset: Int

    public init(id: String, scenario: Scenario, plan: Plan, sites: Range<Int>, buildings: Range<Int>,
                doorToDoorTeams: Range<Int>, couriers: Range<Int>, workerOffset: Int) {
        self.id = id; self.scenario = scenario; self.plan = plan; self.sites = sites; self.buildings = buildings
        self.doorToDoorTeams = doorToDoorTeams; self.couriers = couriers; self.workerOffset = workerOffset
    }
}

extension Scenario {
    /// A street's weather given to each community, whose own figures then say what the street
    /// ran (after a `--weather` for the run).
    public func sharingStreetSections() -> Scenario {
        var s = self
        for k in s.communities.indices {
            s.communities[k].scenario.logistics.weather = logistics.weather
        }
        return s
    }
}
