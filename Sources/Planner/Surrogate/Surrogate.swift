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
/// walk-in window. Abandonment, lifts and the twin effects of a rainy walk are left out: the
/// surrogate ranks plans, the simulation measures them.
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

    /// Residents of one call-up of the starting plan (a building or some of its floors).
    public struct Unit: Sendable {
        public var building: Int
        public var floors: ClosedRange<Int>?
        /// Residents expected to come (turn-out applied).
        public var residents: Double
        /// Seconds down the stairs, on average, before walking.
        public var stairsSeconds: Double
        /// Walking seconds to each site (nil: unreachable).
        public var walk: [Double?]
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
            let meanFloor = Double(floors.lowerBound + floors.upperBound) / 2
            let stairs = b.lifts > 0 ? 0 : max(0, meanFloor - 1) * s.walking.stairsSecondsPerFloor
            return Unit(building: bi, floors: c.floors, residents: coming, stairsSeconds: stairs,
                        walk: s.sites.indices.map { model.walkingSeconds(building: bi, site: $0) })
        }
    }

    /// The same surrogate under another plan's staffing (its drops, breaks, handovers and
    /// staffing periods); units and grid stay.
    public func restaffed(_ plan: Plan) -> Surrogate {
        var s = self
        s.capacity = SlotCapacity(scenario, plan: plan, grid: grid)
        return s
    }


    /// The placement of each unit in a plan whose call-ups are the units (same order).
    public func placements(of plan: Plan) -> [Placement] {
        plan.callUps.map { Placement(site: scenario.siteIndex($0.site) ?? 0, start: $0.window.start, end: $0.window.end) }
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
    /// slot; returns the first slot it changed.
    @inline(__always)
    func addArrivals(_ u: Int, _ x: Placement, sign: Double, into a: inout [Double]) -> Int {
        let unit = units[u]
        guard let walk = unit.walk[x.site] else { return grid.slots }
        let shift = walk + unit.stairsSeconds
        let ignore = scenario.arrivals.ignoreCallUpShare
        let called = unit.residents * (1 - ignore)
        let row = x.site * grid.slots
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
            first = min(first, spread(unit.residents * ignore * sign, from: b0, to: b0 + wl, row: row, cdf: { min(max(($0 - b0) / wl, 0), 1) }, into: &a))
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

extension RoundModel {
    /// Residents of building `b` swabbed at home.
    public func doorToDoorResidentsOf(_ b: Int) -> Int { scenario.doorToDoorResidents(scenario.buildings[b]) }
}
