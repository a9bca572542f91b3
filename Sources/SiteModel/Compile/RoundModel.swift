import Scenario
import SimKit

/// What a scenario gives, compiled once and shared by every plan of it: the service-time
/// samplers, walking seconds from each building to each site, the couriers' legs, and each
/// building's fixed facts. A `CompiledRound` is this plus one plan's index arrays; an optimiser
/// that tries many plans compiles the model once.
///
///     let model = RoundModel(scenario)
///     let rounds = try plans.map { try CompiledRound(model: model, plan: $0) }
public struct RoundModel: Sendable {
    public let scenario: Scenario
    let opening: Double
    let deadline: Double
    /// Service-time samplers of each population (`Scenario.populationList`).
    let registration: [Sampler]
    let swab: [Sampler]
    /// Each population's sections, and each building's population.
    let populations: [Population]
    let buildingPopulation: [Int]
    /// Walking seconds, building-major (`walk[b * sites + s]`), NaN where unknown; empty for a
    /// model too large to hold it (then computed from the scenario on demand).
    private let walk: [Double]
    /// Residents of each building swabbed at home rather than called.
    let doorToDoorResidents: [Int]
    /// Each courier's legs in fleet order: lab to the first stop, stop to stop, back to the lab.
    let courierLegs: [CourierLegs]

    struct CourierLegs: Sendable {
        var stops: [Int]
        var seconds: [Double]
        var kilometres: [Double]
    }

    /// Largest walking matrix held (8 bytes an entry: 32 MB); a district larger than this
    /// computes a walk when asked, which costs a distance and a division.
    static let walkMatrixLimit = 4_000_000

    public init(_ s: Scenario) { self.init(s, walkMatrixLimit: RoundModel.walkMatrixLimit) }

    init(_ s: Scenario, walkMatrixLimit: Int) {
        scenario = s
        opening = s.round.opening
        deadline = s.round.deadline
        populations = s.populationList
        registration = populations.map { Distribution($0.service.registration).sampler }
        swab = populations.map { Distribution($0.service.swab).sampler }
        buildingPopulation = s.buildings.map { s.populations.isEmpty ? 0 : $0.population }
        let sites = s.sites.count
        if s.buildings.count * sites <= walkMatrixLimit {
            var w = [Double](repeating: .nan, count: s.buildings.count * sites)
            for (bi, b) in s.buildings.enumerated() {
                for (si, site) in s.sites.enumerated() { w[bi * sites + si] = s.walkingSeconds(building: b, site: site) ?? .nan }
            }
            walk = w
        } else {
            walk = []
        }
        doorToDoorResidents = s.buildings.map { s.doorToDoorResidents($0) }
        courierLegs = s.logistics.couriers.fleet.map { c in
            let places = ["lab"] + c.route + ["lab"]
            let legs = zip(places, places.dropFirst())
            return CourierLegs(stops: c.route.compactMap { s.siteIndex($0) },
                               seconds: legs.map { (s.courierMinutes($0, $1) ?? 0) * 60 },
                               kilometres: legs.map { s.courierKilometres($0, $1) ?? 0 })
        }
    }

    /// Walking seconds from building `b` to site `s` (indices), nil where unknown.
    public func walkingSeconds(building b: Int, site s: Int) -> Double? {
        if walk.isEmpty { return scenario.walkingSeconds(building: scenario.buildings[b], site: scenario.sites[s]) }
        let w = walk[b * scenario.sites.count + s]
        return w.isNaN ? nil : w
    }
}
