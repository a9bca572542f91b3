import Foundation
import Scenario
import SimKit
import SiteModel

/// A plan scored in microseconds: per site and five-minute slot, the registration line feeds
/// the swab line; in each line the backlog carried over from earlier slots waits whole slots
/// (fluid), and what a slot serves waits as in a steady M/G/c queue of that slot's arrival rate
/// (Erlang C with the Allen-Cunneen factor (1 + cs^2) / 2), at the capacity the staffing and
/// the expected weather leave. Arrivals follow the call-up windows as the simulation spreads
/// them (front-loaded, plus walking and stairs); residents who ignore call-ups come in the
/// walk-in window. Residents above the ground floor of a tower queue for its lifts first
/// (`Lift`): a fluid queue per tower and slot, served at most at the lifts' rate, backlog
/// carried over, so a tower called all at once reaches its site late and spread out, and the
/// lobby wait counts in the objective. Abandonment and the twin effects of a rainy walk are
/// left out: the surrogate ranks plans, the simulation measures them.
///
/// Staffing is fixed when a surrogate is built (`capacity`); call-ups change through
/// `SurrogateState`.
public struct Surrogate: Sendable {
    public let scenario: Scenario
    public let grid: SlotGrid
    private(set) var capacity: SlotCapacity
    let erlang: ErlangTable
    /// Mean seconds of registration and of a swab over all residents (elderly and residents
    /// without a smartphone are slower).
    let registrationMean: Double
    let swabMean: Double
    /// Allen-Cunneen factors (1 + cs^2) / 2 of each line.
    let registrationFactor: Double
    let swabFactor: Double
    /// The call-ups being placed (the units of the search).
    public let units: [Unit]
    let frontLoading: Double
    /// The towers whose upper floors ride lifts, and each unit's tower (-1: none).
    let lifts: [Lift]
    let liftOfUnit: [Int]

    /// A tower's lifts: riders per second at most (every car full, one trip a round trip), the
    /// ride down (half a round trip), the wait for a car when every car is out (the first of
    /// them back: half a round trip over the cars), and the units called from it.
    struct Lift: Sendable {
        var building: Int
        var ridersPerSecond: Double
        var rideSeconds: Double
        var carWaitSeconds: Double
        var units: [Int]
    }

    /// Residents of one call-up of the starting plan (a building or some of its floors).
    public struct Unit: Sendable {
        public var building: Int
        public var floors: ClosedRange<Int>?
        /// Residents expected to come (turn-out applied), and of those, who ride a lift down.
        public var residents: Double
        public var riders: Double
        /// Seconds down the stairs, on average, before walking.
        public var stairsSeconds: Double
        /// Walking seconds to each site (nil: unreachable).
        public var walk: [Double?]
        /// Pinned by the planner: no search moves it.
        public var pinned = false
        /// Residents it calls to a site, as the planning rules' cap counts them.
        public var called = 0.0
    }

    /// Where and when one unit is called: a site index and a window.
    public struct Placement: Sendable, Equatable, Hashable {
        public var site: Int
        public var start: Double
        public var end: Double
        public init(site: Int, start: Double, end: Double) { self.site = site; self.start = start; self.end = end }
    }

    public init(model: RoundModel, plan: Plan, slotSeconds: Double = 300) {
        let s = model.scenario
        scenario = s
        grid = SlotGrid(origin: s.round.opening, end: s.round.deadline + 3 * 3600, slotSeconds: slotSeconds)
        capacity = SlotCapacity(s, plan: plan, grid: grid)
        erlang = ErlangTable()
        let svc = s.service
        var n = 0.0, reg = 0.0, sw = 0.0
        let regBase = Distribution(svc.registration), swabBase = Distribution(svc.swab)
        for b in s.buildings {
            let people = Double(b.residents - s.doorToDoorResidents(b))
            let elderly = 1 + b.elderlyShare * (svc.elderlyFactor - 1)
            n += people
            reg += people * regBase.mean * elderly * (1 + b.noSmartphoneShare * (svc.noSmartphoneFactor - 1))
            sw += people * swabBase.mean * elderly
        }
        registrationMean = n > 0 ? reg / n : regBase.mean
        swabMean = n > 0 ? sw / n : swabBase.mean
        // The mix of fast and slow residents adds to the service variability; the base shape's
        // cv stands for both here.
        registrationFactor = (1 + regBase.cv * regBase.cv) / 2
        swabFactor = (1 + swabBase.cv * swabBase.cv) / 2
        frontLoading = s.arrivals.spread == .frontLoaded ? s.arrivals.frontLoading : 1
        units = plan.callUps.compactMap { c -> Unit? in
            guard let bi = s.buildingIndex(c.building) else { return nil }
            let b = s.buildings[bi]
            let floors = c.floors ?? 1...b.floors
            let callers = b.residents - model.doorToDoorResidentsOf(bi)
            let first = CompiledRound.firstResident(onFloor: floors.lowerBound, residents: b.residents, floors: b.floors)
            let end = CompiledRound.firstResident(onFloor: floors.upperBound + 1, residents: b.residents, floors: b.floors)
            let coming = Double(max(0, min(end, callers) - first)) * s.arrivals.turnoutShare
            var riders = 0.0
            if b.lifts > 0 {
                let upstairs = max(first, CompiledRound.firstResident(onFloor: min(s.walking.stairsUpToFloor + 1, b.floors + 1),
                                                                      residents: b.residents, floors: b.floors))
                riders = Double(max(0, min(end, callers) - upstairs)) * s.arrivals.turnoutShare
            }
            let meanFloor = Double(floors.lowerBound + floors.upperBound) / 2
            var stairs = b.lifts > 0 ? 0 : max(0, meanFloor - 1) * s.walking.stairsSecondsPerFloor
            if b.lifts > 0, floors.lowerBound <= s.walking.stairsUpToFloor {
                // The low floors that walk although there are lifts: their mean flights over the unit's floors.
                let walkers = floors.lowerBound...min(floors.upperBound, s.walking.stairsUpToFloor)
                stairs = Double(walkers.reduce(0) { $0 + $1 - 1 }) / Double(floors.count) * s.walking.stairsSecondsPerFloor
            }
            return Unit(building: bi, floors: c.floors, residents: coming, riders: riders, stairsSeconds: stairs,
                        walk: s.sites.indices.map { model.walkingSeconds(building: bi, site: $0) }, pinned: c.pinned,
                        called: RuleCheck.calledResidents(s, c, building: b))
        }
        var liftOf = [Int: Int](), lifts: [Lift] = []
        var liftOfUnit = Array(repeating: -1, count: units.count)
        for (u, unit) in units.enumerated() where unit.riders > 0 {
            let b = s.buildings[unit.building]
            if liftOf[unit.building] == nil {
                liftOf[unit.building] = lifts.count
                let trip = s.walking.typicalLiftRoundTrip(fromFloor: s.walking.stairsUpToFloor + 1, toFloor: b.floors)
                lifts.append(Lift(building: unit.building, ridersPerSecond: Double(b.lifts * s.walking.liftCapacityPersons) / trip,
                                  rideSeconds: trip / 2, carWaitSeconds: trip / 2 / Double(b.lifts), units: []))
            }
            liftOfUnit[u] = liftOf[unit.building]!
            lifts[liftOf[unit.building]!].units.append(u)
        }
        self.lifts = lifts
        self.liftOfUnit = liftOfUnit
    }

    /// Whether `plan`'s call-ups are this surrogate's units (the same buildings and floors, in
    /// order), so that `placements(of:)` reads it.
    public func fits(_ plan: Plan) -> Bool {
        plan.callUps.count == units.count
            && zip(plan.callUps, units).allSatisfy { c, u in scenario.buildingIndex(c.building) == u.building && c.floors == u.floors }
    }

    /// The buildings whose upper floors ride lifts, by index.
    public var towers: [Int] { lifts.map(\.building) }

    /// The same surrogate under another plan's staffing (its drops, breaks, handovers and
    /// staffing periods); units and grid stay.
    public func restaffed(_ plan: Plan) -> Surrogate {
        var s = self
        s.capacity = SlotCapacity(scenario, plan: plan, grid: grid)
        return s
    }


    /// The placement of each unit in a plan whose call-ups are the units (same order: `fits`).
    public func placements(of plan: Plan) -> [Placement] {
        precondition(fits(plan), "a plan of other call-ups than the surrogate's units")
        return plan.callUps.map { Placement(site: scenario.siteIndex($0.site) ?? 0, start: $0.window.start, end: $0.window.end) }
    }

    /// The plan with each unit placed: the starting plan's call-ups re-sited and re-timed.
    public func plan(_ base: Plan, _ placements: [Placement]) -> Plan {
        var p = base
        for (i, x) in placements.enumerated() {
            p.callUps[i].site = scenario.sites[x.site].id
            p.callUps[i].window = ClockWindow(start: x.start, end: x.end)
        }
        return p
    }

    /// Adds `sign` times a unit's expected arrivals under `x` to a site's row of arrivals per
    /// slot; returns the first slot it changed. `lifts: true` leaves out the residents who ride
    /// a lift (`addLift` brings them); false brings everyone straight down (the MILP's
    /// relaxation, which has no lift queue).
    @inline(__always)
    func addArrivals(_ u: Int, _ x: Placement, sign: Double, into a: inout [Double], lifts: Bool = false) -> Int {
        let unit = units[u]
        guard let walk = unit.walk[x.site] else { return grid.slots }
        return addLeaving(u, x, residents: lifts ? unit.residents - unit.riders : unit.residents, sign: sign,
                          shift: walk + unit.stairsSeconds, row: x.site * grid.slots, into: &a)
    }

    /// `residents` of unit `u` as they set out under `x` (front-loaded in the window, the rest in
    /// the walk-in window), `shift` seconds later, added to `a` from index `row`.
    @inline(__always)
    func addLeaving(_ u: Int, _ x: Placement, residents: Double, sign: Double, shift: Double, row: Int, into a: inout [Double]) -> Int {
        let ignore = scenario.arrivals.ignoreCallUpShare
        let called = residents * (1 - ignore)
        // Called residents: front-loaded in the window, F(y) = 1 - (1 - y)^k.
        let a0 = x.start + shift, len = max(x.end - x.start, 1)
        let k = frontLoading
        @inline(__always) func cdf(_ t: Double) -> Double {
            let y = min(max((t - a0) / len, 0), 1)
            return k == 2 ? 1 - (1 - y) * (1 - y) : (k == 1 ? y : 1 - pow(1 - y, k))
        }
        var first = spread(called * sign, from: a0, to: a0 + len, row: row, cdf: cdf, into: &a)
        if ignore > 0 {
            let w = scenario.arrivals.walkInWindow
            let b0 = w.start + shift, wl = max(w.duration, 1)
            first = min(first, spread(residents * ignore * sign, from: b0, to: b0 + wl, row: row, cdf: { min(max(($0 - b0) / wl, 0), 1) }, into: &a))
        }
        return first
    }

    @inline(__always)
    private func spread(_ amount: Double, from: Double, to: Double, row: Int, cdf: (Double) -> Double, into a: inout [Double]) -> Int {
        let first = max(0, Int((from - grid.origin) / grid.slotSeconds))
        // Arrivals past the horizon fall in the last slot.
        guard first < grid.slots else { a[row + grid.slots - 1] += amount; return grid.slots - 1 }
        var last = Int(((to - grid.origin) / grid.slotSeconds).rounded(.up))
        last = min(grid.slots - 1, max(first, last))
        var before = 0.0
        for t in first...last {
            let after = t == grid.slots - 1 ? 1 : cdf(grid.origin + Double(t + 1) * grid.slotSeconds)
            a[row + t] += amount * (after - before)
            before = after
        }
        return first
    }
}

extension Surrogate {
    /// Adds `sign` times tower `k`'s lift riders, under `placements`, to the sites' arrivals:
    /// per slot, the riders who set out join the lobby queue (fluid, first come first down),
    /// which the lifts empty at most at their rate; what goes down in a slot is the riders of
    /// the earliest slots still waiting, each unit's share of them as it was of those slots,
    /// and reaches the unit's site after the ride and the walk. Returns the resident-seconds
    /// waited in the lobby (whole slots between ready and down, and the wait for a car) and,
    /// per unit, its site and the first slot changed there.
    func addLift(_ k: Int, _ placements: [Placement], sign: Double, into a: inout [Double]) -> (wait: Double, touched: [(site: Int, first: Int)]) {
        let lift = lifts[k], n = grid.slots, dt = grid.slotSeconds, m = lift.units.count
        var ready = [Double](repeating: 0, count: m * n)
        for (j, u) in lift.units.enumerated() {
            _ = addLeaving(u, placements[u], residents: units[u].riders, sign: 1, shift: 0, row: j * n, into: &ready)
        }
        var demand = [Double](repeating: 0, count: n)
        for j in 0..<m { for t in 0..<n { demand[t] += ready[j * n + t] } }
        // Where each unit's riders land: its site's row and the shift of ride and walk, in slots.
        var rows = [Int](repeating: -1, count: m), shifts = [Double](repeating: 0, count: m)
        var touched: [(site: Int, first: Int)] = []
        for (j, u) in lift.units.enumerated() {
            let x = placements[u]
            guard let walk = units[u].walk[x.site] else { continue }
            rows[j] = x.site * n
            shifts[j] = (lift.rideSeconds + walk) / dt
        }
        var firsts = [Int](repeating: n, count: m)
        let perSlot = lift.ridersPerSecond * dt
        var wait = 0.0, queued = 0.0
        var s = 0, left = demand.first ?? 0 // the earliest slot with riders still in the lobby, and how many
        for t in 0..<n {
            queued += demand[t]
            // Past the last slot the lifts keep going until the lobby is empty.
            var capacity = t == n - 1 ? queued : min(queued, perSlot)
            queued -= capacity
            // Those going down wait for a car as often as the cars are out (busy share).
            wait += capacity * min(1, capacity / perSlot) * lift.carWaitSeconds
            while capacity > 1e-12 && s <= t {
                let take = min(capacity, left)
                if take > 0 {
                    wait += take * Double(t - s) * dt
                    for j in 0..<m where rows[j] >= 0 && ready[j * n + s] > 0 {
                        let amount = take * ready[j * n + s] / demand[s] * sign
                        let at = Double(t) + shifts[j]
                        let lo = min(n - 1, Int(at)), w = at - Double(Int(at))
                        if lo >= n - 1 {
                            a[rows[j] + n - 1] += amount
                        } else {
                            a[rows[j] + lo] += amount * (1 - w)
                            a[rows[j] + lo + 1] += amount * w
                        }
                        firsts[j] = min(firsts[j], lo)
                    }
                }
                capacity -= take
                left -= take
                if left <= 1e-12 {
                    s += 1
                    left = s < n ? demand[s] : 0
                }
            }
        }
        for (j, u) in lift.units.enumerated() where rows[j] >= 0 { touched.append((placements[u].site, firsts[j])) }
        return (wait, touched)
    }
}

extension RoundModel {
    /// Residents of building `b` swabbed at home.
    public func doorToDoorResidentsOf(_ b: Int) -> Int { scenario.doorToDoorResidents(scenario.buildings[b]) }
}
