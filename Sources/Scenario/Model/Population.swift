/// How one community's residents come and are served: its `service`, `arrivals`, `walking` and
/// patience sections. A street (`StreetLoader`) joins communities that keep their own; every
/// building says whose it follows (`Building.population`).
public struct Population: Sendable {
    public var service: Service
    public var arrivals: Arrivals
    public var walking: Walking
    public var patience: Patience?
    /// Door-to-door: how long a household's visit takes, and persons per household.
    public var doorToDoorVisit: ServiceTime
    public var personsPerHousehold: Double

    public init(service: Service, arrivals: Arrivals, walking: Walking, patience: Patience?, doorToDoor: DoorToDoor) {
        self.service = service; self.arrivals = arrivals; self.walking = walking; self.patience = patience
        doorToDoorVisit = doorToDoor.visit; personsPerHousehold = doorToDoor.personsPerHousehold
    }
}

extension Scenario {
    /// The populations buildings refer to: a community's own sections as the one population, or
    /// a street's, one a community.
    public var populationList: [Population] {
        populations.isEmpty ? [Population(service: service, arrivals: arrivals, walking: walking, patience: logistics.patience, doorToDoor: logistics.doorToDoor)] : populations
    }

    /// How building `b`'s residents walk (without building a whole `Population`: walking is
    /// asked per pair of buildings in a door-to-door route).
    public func walking(of b: Building) -> Walking {
        populations.isEmpty ? walking : populations[b.population].walking
    }

    /// The population of building `b`.
    public func population(of b: Building) -> Population {
        populations.isEmpty ? Population(service: service, arrivals: arrivals, walking: walking, patience: logistics.patience, doorToDoor: logistics.doorToDoor)
            : populations[b.population]
    }
}
