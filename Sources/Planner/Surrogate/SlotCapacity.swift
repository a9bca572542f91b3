import Scenario
import SimKit
import SiteModel

/// Each site's working capacity per time slot under a plan's staffing: desks open and swab
/// teams at their stations (time-weighted over the slot: arrivals after set-up, breaks, relief
/// handovers, shift ends), times the speed the weather leaves on average (the forecast as it
/// stands, random interruptions at their expected share of the time).
struct SlotCapacity: Sendable {
    /// Effective desks and stations, `site * slots + slot`.
    var desks: [Double]
    var stations: [Double]

    init(_ s: Scenario, plan: Plan, grid: SlotGrid) {
        let n = grid.slots, sites = s.sites.count
        var stations = [Double](repeating: 0, count: sites * n)
        let roster = TeamRoster(scenario: s, plan: plan)
        let end = roster.workEnds
        for (i, team) in roster.teams.enumerated() where end[i] > team.readyAt {
            var from = team.readyAt
            for b in team.breaks(until: end[i]) {
                grid.add(1, from: from, to: b.start, into: &stations, site: team.site)
                from = b.end
            }
            grid.add(1, from: from, to: end[i], into: &stations, site: team.site)
        }
        var desks = [Double](repeating: 0, count: sites * n)
        // Staffing by site once: the loop below runs for every site and slot.
        var staffingOf = [[Staffing]](repeating: [], count: sites)
        for st in plan.staffing { if let si = s.siteIndex(st.site) { staffingOf[si].append(st) } }
        for (si, site) in s.sites.enumerated() {
            for t in 0..<n {
                let (a, b) = grid.bounds(t)
                // The plan's staffing caps what is open; outside its periods everything is.
                var open = 0.0, openStations = 0.0, covered = 0.0
                for st in staffingOf[si] {
                    let overlap = max(0, min(b, st.period.end) - max(a, st.period.start)) / grid.slotSeconds
                    open += overlap * Double(st.desks)
                    openStations += overlap * Double(st.stations)
                    covered += overlap
                }
                open += (1 - covered) * Double(site.registrationDesks)
                desks[si * n + t] = open
                let staffed = stations[si * n + t]
                stations[si * n + t] = covered > 0 ? min(staffed, openStations + (1 - covered) * staffed) : staffed
            }
        }
        // The weather's expected speed.
        let speed = WeatherExpectation(s, grid: grid)
        for i in 0..<(sites * n) {
            desks[i] *= speed.registration[i]
            stations[i] *= speed.swab[i]
        }
        self.desks = desks
        self.stations = stations
    }
}

/// The share of working speed the weather leaves each site in each slot, on average: the
/// forecast as it stands (the slowest effect in force), and each kind of random interruption at
/// the expected share of time an episode is on (rate times mean duration, at most 1).
struct WeatherExpectation {
    var registration: [Double]
    var swab: [Double]

    init(_ s: Scenario, grid: SlotGrid) {
        let n = grid.slots
        registration = Array(repeating: 1, count: s.sites.count * n)
        swab = registration
        let w = s.logistics.weather
        for (si, site) in s.sites.enumerated() {
            for t in 0..<n {
                let (a, b) = grid.bounds(t)
                // Forecast: sample the slot at minute steps and take the slowest effect in force.
                var reg = 0.0, sw = 0.0
                let steps = max(1, Int(grid.slotSeconds / 60))
                for k in 0..<steps {
                    let x = a + (Double(k) + 0.5) * (b - a) / Double(steps)
                    var e = CoverEffect.unaffected
                    for f in w.forecast where f.window.start <= x && x < f.window.end {
                        let effect = w.effect(f.kind, f.severity, site.cover)
                        e.registration = min(e.registration, effect.registration)
                        e.swab = min(e.swab, effect.swab)
                    }
                    reg += e.registration / Double(steps)
                    sw += e.swab / Double(steps)
                }
                for int in w.interruptions {
                    let overlap = max(0, min(b, int.window.end) - max(a, int.window.start)) / grid.slotSeconds
                    guard overlap > 0 else { continue }
                    let share = min(1, int.perHour * Distribution(int.duration).mean / 3600) * overlap
                    let effect = w.effect(int.kind, int.severity, site.cover)
                    reg *= 1 - share * (1 - effect.registration)
                    sw *= 1 - share * (1 - effect.swab)
                }
                registration[si * n + t] = reg
                swab[si * n + t] = sw
            }
        }
    }
}

/// Time slots of equal length from the opening to a horizon past the deadline (residents
/// still waiting at the deadline are served after it, and the surrogate must see them).
public struct SlotGrid: Sendable {
    public let origin: Double
    public let slotSeconds: Double
    public let slots: Int

    public init(origin: Double, end: Double, slotSeconds: Double) {
        self.origin = origin
        self.slotSeconds = slotSeconds
        slots = max(1, Int(((end - origin) / slotSeconds).rounded(.up)))
    }

    @inline(__always)
    func bounds(_ t: Int) -> (Double, Double) { (origin + Double(t) * slotSeconds, origin + Double(t + 1) * slotSeconds) }

    /// Adds `amount` times the share of each slot inside [from, to) to a site's row.
    func add(_ amount: Double, from: Double, to: Double, into row: inout [Double], site: Int) {
        guard to > from else { return }
        let first = max(0, Int(((from - origin) / slotSeconds).rounded(.down)))
        let last = min(slots - 1, Int(((to - origin) / slotSeconds).rounded(.up)))
        guard first <= last else { return }
        for t in first...last {
            let (a, b) = bounds(t)
            let overlap = max(0, min(b, to) - max(a, from))
            if overlap > 0 { row[site * slots + t] += amount * overlap / slotSeconds }
        }
    }
}
