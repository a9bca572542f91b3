import Scenario
import SimKit

/// A resident who turned out, as the queues see them. Kept to 40 bytes: arrivals are sorted
/// and copied every replication. Patience needs no more than a Float's precision.
struct Arrival {
    var time: Double
    var registrationSeconds: Double
    var swabSeconds: Double
    /// How long they wait in the registration line before leaving (infinite without patience).
    var patience: Float = .infinity
    /// When they leave: come back this much later (infinite: they do not come back).
    var comeBack: Float = .infinity
    /// The plan's call-up this resident was called by (-1 if none).
    var callUp: Int32 = -1
    var site: Int16
    var priority: Bool
    /// Left out of the figures though swabbed: someone who came before a morning state's time
    /// and comes back after it. Also pads the record to a whole 40 bytes: without it the 7-byte
    /// tail is copied by overlapping moves through the stack, which stalled the arrival loops
    /// (store-forwarding misses).
    var untallied = false

    init(time: Double, site: Int16, priority: Bool, registrationSeconds: Double, swabSeconds: Double) {
        self.time = time; self.site = site; self.priority = priority
        self.registrationSeconds = registrationSeconds; self.swabSeconds = swabSeconds
    }

    var patienceSeconds: Double { Double(patience) }
    var comeBackSeconds: Double { Double(comeBack) }
}

/// Minutes residents wait in the lobby for a lift car, in one replication: before they walk to
/// the site, so in no line's wait, but it delays their arrival.
struct LiftWaits {
    var tally = Tally()
    var sample = QuantileSample()
    /// When recorded (a shard by site groups): each building with riders and one past its last
    /// wait in `sample`'s values, in building order, so another process can add them again.
    var buildingEnds: [(building: Int, end: Int)]?
    /// In a street: the same by population (community); empty otherwise.
    var byPopulation: [(tally: Tally, sample: QuantileSample)] = []
    init(populations: Int = 1) {
        if populations > 1 { byPopulation = Array(repeating: (Tally(), QuantileSample()), count: populations) }
    }
    mutating func add(_ minutes: Double, population: Int = 0) {
        tally.add(minutes); sample.add(minutes)
        if !byPopulation.isEmpty { byPopulation[population].tally.add(minutes); byPopulation[population].sample.add(minutes) }
    }
    mutating func p95() -> Double { sample.quantile(0.95) ?? 0 }
    /// The two figures the metrics take.
    struct Summary: Equatable { var mean: Double; var p95: Double }
    mutating func summary() -> Summary { Summary(mean: tally.mean, p95: p95()) }
    /// Population `p`'s waits alone.
    func of(_ p: Int) -> LiftWaits {
        guard !byPopulation.isEmpty else { return self }
        var w = LiftWaits()
        w.tally = byPopulation[p].tally; w.sample = byPopulation[p].sample
        return w
    }
}

/// The plan-independent draws of one replication's residents (`CompiledRound.drawResidents`),
/// in building order; reused for every plan of the same scenario.
public struct ResidentDraws: Sendable {
    struct Resident {
        /// Service times, patience, priority; the plan fills in when and where.
        var arrival: Arrival
        /// The resident's index in the building (floor order).
        var index: Int32
        var ignoresCallUp: Bool
        /// Where in the call-up window (or the walk-in window) they set off, as a uniform.
        var uTime: Double
    }
    public let seed: UInt64
    public let replication: UInt64
    var residents: [Resident] = []
    /// One past the last resident of each building in `residents`.
    var buildingEnd: [Int] = []
    init(seed: UInt64, replication: UInt64) { self.seed = seed; self.replication = replication }
}

extension CompiledRound {
    /// Draws who turns out and when they reach their site, in arrival order.
    ///
    /// Every resident consumes the same draws in the same order whatever the plan says, so two
    /// plans see the same people with the same service times (common random numbers); only the
    /// mapping of a draw to a clock time depends on the plan.
    @discardableResult
    func drawArrivals(seed: UInt64, replication: UInt64, weather: WeatherDraw, into out: inout [Arrival]) -> LiftWaits {
        var none: [Arrival]? = nil
        return drawArrivals(seed: seed, replication: replication, weather: weather, into: &out, dry: &none)
    }

    /// The same, and with a `dry` list (not nil) the same residents are also written into it as
    /// they would come without the weather (walking not slowed by rain, patience not shortened),
    /// for the run that prices the weather.
    @discardableResult
    func drawArrivals(seed: UInt64, replication: UInt64, weather: WeatherDraw, into out: inout [Arrival],
                      dry: inout [Arrival]?) -> LiftWaits {
        arrivals(from: drawResidents(seed: seed, replication: replication), weather: weather, into: &out, dry: &dry)
    }

    /// Everything drawn about the residents of one replication that the plan cannot change:
    /// who turns out, who is elderly or has no smartphone, who ignores the call-up, service
    /// times, patience and where in a window each comes. Every resident consumes the same draws
    /// in the same order whatever the plan says, so drawing once and reusing the draws for
    /// every plan is common random numbers by construction.
    ///
    /// With `only`, the buildings it marks false are left empty: each building draws from
    /// streams of its own, so the others' residents are the same as in a full draw.
    public func drawResidents(seed: UInt64, replication: UInt64, only: [Bool]? = nil) -> ResidentDraws {
        let populations = model.populations
        var draws = ResidentDraws(seed: seed, replication: replication)
        draws.residents.reserveCapacity(scenario.totalResidents)
        let patienceSamplers = populations.map { p in p.patience.map { Distribution($0.patience).sampler } }
        let comeBackSamplers = populations.map { p in p.patience.map { Distribution($0.comeBackAfter).sampler } }
        for (bi, b) in buildings.enumerated() {
            if let only, !only[bi] { draws.buildingEnd.append(draws.residents.count); continue }
            // The building's community's sections (one population but in a street).
            let pop = model.buildingPopulation[bi]
            let a = populations[pop].arrivals, svc = populations[pop].service
            let registration = registration[pop], swab = swab[pop]
            let patienceSampler = patienceSamplers[pop], comeBackSampler = comeBackSamplers[pop]
            // The one field of the population's patience read per resident, taken out once: binding
            // the whole value in the loop copied it (and its arrays) for every resident.
            let comeBackShare = populations[pop].patience?.comeBackShare ?? 0
            var people = RandomStream(seed: seed, replication: replication, entity: UInt64(bi), purpose: StreamPurpose.residents.rawValue)
            var service = RandomStream(seed: seed, replication: replication, entity: UInt64(bi), purpose: StreamPurpose.service.rawValue)
            var patient = RandomStream(seed: seed, replication: replication, entity: UInt64(bi), purpose: StreamPurpose.patience.rawValue)
            // Residents swabbed at home are the top of the building's index range (top floors).
            for i in 0..<(b.residents - b.doorToDoorResidents) {
                let uTurnout = people.nextDouble(), uElderly = people.nextDouble(), uPhone = people.nextDouble()
                let uIgnore = people.nextDouble(), uTime = people.nextDouble()
                // Turnout does not depend on the plan, so skipping the draws of those who stay
                // home keeps the streams aligned across plans.
                guard uTurnout < a.turnoutShare else { continue }
                var reg = registration.sample(&service)
                var sw = swab.sample(&service)
                var arrival = Arrival(time: 0, site: 0, priority: false, registrationSeconds: 0, swabSeconds: 0)
                if let patienceSampler, let comeBackSampler {
                    arrival.patience = Float(patienceSampler.sample(&patient))
                    let uBack = patient.nextDouble(), back = comeBackSampler.sample(&patient)
                    if uBack < comeBackShare { arrival.comeBack = Float(back) }
                }
                let elderly = uElderly < b.elderlyShare
                if elderly { reg *= svc.elderlyFactor; sw *= svc.elderlyFactor }
                if uPhone < b.noSmartphoneShare { reg *= svc.noSmartphoneFactor }
                arrival.priority = elderly
                arrival.registrationSeconds = reg
                arrival.swabSeconds = sw
                draws.residents.append(ResidentDraws.Resident(arrival: arrival, index: Int32(i), ignoresCallUp: uIgnore < a.ignoreCallUpShare, uTime: uTime))
            }
            draws.buildingEnd.append(draws.residents.count)
        }
        return draws
    }

    /// The residents of `draws` as they come under this plan: when (their call-up window,
    /// stairs or lifts, walking, rain) and to which site, in arrival order.
    ///
    /// `sorting: false` leaves them in draw order (building by building), for site groups that
    /// sort their own share (a stable sort of a share is the share of the stable sort).
    @discardableResult
    func arrivals(from draws: ResidentDraws, weather: WeatherDraw, into out: inout [Arrival], dry: inout [Arrival]?,
                  sorting: Bool = true, liftsByBuilding: Bool = false) -> LiftWaits {
        precondition(draws.buildingEnd.count == buildings.count, "draws of another scenario")
        var lifts = LiftWaits(populations: model.populations.count)
        if liftsByBuilding { lifts.buildingEnds = [] }
        out.removeAll(keepingCapacity: true)
        dry?.removeAll(keepingCapacity: true)
        // Room for everyone up front: growing by doubling would copy the residents several times.
        out.reserveCapacity(draws.residents.count)
        dry?.reserveCapacity(draws.residents.count)
        let populations = model.populations
        // Per building: when each resident who turns out sets off (before lifts), whether they
        // need a lift, and their record; buffers sized once for the largest building.
        let most = buildings.map(\.residents).max() ?? 0
        let leaves = UnsafeMutablePointer<Double>.allocate(capacity: max(most, 1))
        let liftFloor = UnsafeMutablePointer<Int32>.allocate(capacity: max(most, 1))
        let pending = UnsafeMutablePointer<Arrival>.allocate(capacity: max(most, 1))
        defer { leaves.deallocate(); liftFloor.deallocate(); pending.deallocate() }
        var start = 0
        draws.residents.withUnsafeBufferPointer { residents in
            for (bi, b) in buildings.enumerated() {
                let pop = model.buildingPopulation[bi]
                let a = populations[pop].arrivals, walk = populations[pop].walking
                // Read per resident: taken out of the population's patience once (see `drawResidents`).
                let rainFactor = populations[pop].patience.map { Float($0.rainFactor) }
                let frontExponent = 1 / a.frontLoading
                let end = draws.buildingEnd[bi]
                var m = 0
                for k in start..<end {
                    let d = residents[k]
                    let i = Int(d.index)
                    let floor = CompiledRound.floor(of: i, residents: b.residents, floors: b.floors)
                    let call = b.floorCall[floor - 1]
                    var leaving: Double
                    if d.ignoresCallUp {
                        leaving = a.walkInWindow.start + a.walkInWindow.duration * d.uTime
                    } else {
                        // Where in the window, as a share of it.
                        let x: Double
                        switch a.spread {
                        case .frontLoaded: x = frontLoading(d.uTime, exponent: frontExponent)
                        case .uniform: x = d.uTime
                        case .even: x = Double(i - call.firstResident) / Double(max(call.residents, 1))
                        }
                        leaving = call.window.start + call.window.duration * x
                    }
                    let lift = walk.ridesLift(floor: floor, lifts: b.lifts)
                    if floor > 1 && !lift { leaving += Double(floor - 1) * walk.stairsSecondsPerFloor }
                    leaves[m] = leaving
                    liftFloor[m] = lift ? Int32(floor) : 0
                    var arrival = d.arrival
                    arrival.site = Int16(call.site)
                    arrival.callUp = Int32(call.callUp)
                    arrival.time = call.walkSeconds
                    pending[m] = arrival
                    m += 1
                }
                start = end
                if b.lifts > 0 {
                    rideLifts(leaves, liftFloor: liftFloor, count: m, lifts: b.lifts, walk: walk, population: pop, waits: &lifts)
                    if lifts.buildingEnds != nil, lifts.sample.count > (lifts.buildingEnds!.last?.end ?? 0) {
                        lifts.buildingEnds!.append((bi, lifts.sample.count))
                    }
                }
                for k in 0..<m {
                    let t = leaves[k]
                    var arrival = pending[k]
                    if dry != nil {
                        var unhurried = arrival
                        unhurried.time = t + arrival.time
                        dry!.append(unhurried)
                    }
                    // Walking is slower in rain.
                    arrival.time = t + arrival.time * weather.travelFactor(at: t)
                    if arrival.patience.isFinite, let rainFactor, weather.raining(at: arrival.time) {
                        arrival.patience *= rainFactor
                    }
                    out.append(arrival)
                }
            }
        }
        // Arrival order; stable, so equal times keep building and resident order. Without the
        // weather only residents who set out in rain come at other times.
        if sorting { BucketSort.sort(&out, alongWith: &dry) { $0.time } }
        return lifts
    }

    /// The inverse of the Beta(1, b) distribution function: 1 - (1 - u)^(1/b); the common shapes
    /// 1 and 2 avoid `pow`.
    @inline(__always)
    private func frontLoading(_ u: Double, exponent e: Double) -> Double {
        if e == 1 { return u }
        if e == 0.5 { return 1 - (1 - u).squareRoot() }
        return 1 - pow(1 - u, e)
    }

    /// Residents above the floors that walk, in a building with lifts, wait for a car: each trip
    /// takes whoever is waiting (up to the capacity), lasts the round trip to the highest floor
    /// among them, and they reach the ground half-way through it.
    private func rideLifts(_ ready: UnsafeMutablePointer<Double>, liftFloor: UnsafeMutablePointer<Int32>, count: Int,
                           lifts: Int, walk: Walking, population: Int, waits: inout LiftWaits) {
        // Riders in the order they are ready (stable: equal times keep resident order).
        var riders = (0..<count).filter { liftFloor[$0] > 0 }
        BucketSort.sort(&riders) { ready[$0] }
        var free = Array(repeating: -Double.infinity, count: lifts)
        var j = 0
        while j < riders.count {
            var car = 0
            for k in 1..<lifts where free[k] < free[car] { car = k }
            let start = max(free[car], ready[riders[j]])
            let first = j
            var top: Int32 = 0
            while j < riders.count && j - first < walk.liftCapacityPersons && ready[riders[j]] <= start {
                waits.add((start - ready[riders[j]]) / 60, population: population)
                top = max(top, liftFloor[riders[j]])
                j += 1
            }
            let trip = walk.liftRoundTrip(toFloor: Int(top))
            for k in first..<j { ready[riders[k]] = start + trip / 2 }
            free[car] = start + trip
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
