import Scenario
import SiteModel

/// Call-ups split by floors before the search, as planners split them, so that the optimiser
/// can give parts of a building windows of their own (one after another, at one site: the
/// planning rules). Only a building called whole is split, into no more bands than the rules
/// allow it; a building called in more bands than they allow (and nothing of it pinned) is
/// called whole first (`whole`):
/// - a tower whose lifts cannot bring its upper floors down within one band (`bandMinutes`)
///   is called in bands of floors, top floors first, each window as long as its lifts take to
///   bring that band down, back to back from the call-up's start: the lifts stay busy from
///   the first band to the last without a crowd in the lobby;
/// - any other call-up of at least `minFloors` floors and `minResidents` residents becomes
///   two, the lower half of its floors and the upper half, with the same site and window.
public enum CallUpSplit {
    /// Both splits: towers in lift-matched bands, other large call-ups in halves.
    public static func forSearch(_ s: Scenario, _ plan: Plan) -> Plan {
        var out = halves(s, towers(s, whole(s, plan)), skippingTowers: true)
        out.callUpPositions = []
        return out
    }

    /// Each building called in more bands than the rules allow, with nothing of it pinned, as
    /// one call-up of the whole building: at its first call-up's site, from its earliest
    /// window's start to its latest's end.
    public static func whole(_ s: Scenario, _ plan: Plan) -> Plan {
        var calls: [String: [CallUp]] = [:]
        for c in plan.callUps { calls[c.building, default: []].append(c) }
        var out = plan
        out.callUps = []
        var done = Set<String>()
        for c in plan.callUps {
            let mine = calls[c.building]!
            guard let bi = s.buildingIndex(c.building), mine.count > s.planning.maxBands(s.buildings[bi]),
                  !mine.contains(where: \.pinned) else { out.callUps.append(c); continue }
            guard done.insert(c.building).inserted else { continue }
            let start = mine.map(\.window.start).min()!, end = mine.map(\.window.end).max()!
            out.callUps.append(CallUp(building: c.building, floors: nil, site: mine[0].site, window: ClockWindow(start: start, end: end)))
        }
        out.callUpPositions = []
        return out
    }

    /// Whether the building of `c` is called whole by this one call-up alone, and the rules
    /// let it be split in `bands`.
    static func splittable(_ s: Scenario, _ plan: Plan, _ c: CallUp, _ b: Building, bands: Int = 2) -> Bool {
        !c.pinned && c.floors == nil && s.planning.maxBands(b) >= bands
            && plan.callUps.lazy.filter { $0.building == c.building }.count == 1
    }

    public static func halves(_ s: Scenario, _ plan: Plan, minResidents: Int = 150, minFloors: Int = 4, skippingTowers: Bool = false) -> Plan {
        var out = plan
        out.callUps = []
        for c in plan.callUps {
            guard let bi = s.buildingIndex(c.building) else { out.callUps.append(c); continue }
            let b = s.buildings[bi]
            let floors = c.floors ?? 1...b.floors
            let residents = b.residents * floors.count / max(b.floors, 1)
            guard splittable(s, plan, c, b), floors.count >= minFloors, residents >= minResidents, !(skippingTowers && towerBands(s, b, floors) != nil) else {
                out.callUps.append(c); continue
            }
            // The window shared between the halves in calling order (`CallUpSpace.ruled` makes
            // each at least the shortest window).
            let mid = floors.lowerBound + floors.count / 2 - 1
            var low = c, high = c
            low.floors = floors.lowerBound...mid
            high.floors = (mid + 1)...floors.upperBound
            let half = ((c.window.start + c.window.duration / 2) / 300).rounded() * 300
            var first = low, second = high
            if s.planning.topDown(b) { first = high; second = low }
            first.window = ClockWindow(start: c.window.start, end: half)
            second.window = ClockWindow(start: half, end: c.window.end)
            out.callUps += [low, high].map { $0.floors == first.floors ? first : second }
        }
        return out
    }

    /// Towers' call-ups in lift-matched bands of floors (see above); other call-ups as they are.
    public static func towers(_ s: Scenario, _ plan: Plan, bandMinutes: Double = 20, maxBands: Int = 8) -> Plan {
        var out = plan
        out.callUps = []
        for c in plan.callUps {
            guard let bi = s.buildingIndex(c.building), splittable(s, plan, c, s.buildings[bi]),
                  let bands = towerBands(s, s.buildings[bi], c.floors ?? 1...s.buildings[bi].floors, bandMinutes: bandMinutes,
                                         maxBands: min(maxBands, s.planning.maxBands(s.buildings[bi]))) else {
                out.callUps.append(c); continue
            }
            // Windows of 10 to 90 minutes on the five-minute grid the search uses, ending by
            // the last call the finish allows: squeezed, then moved earlier, if they do not fit.
            let opening = s.round.opening
            let latest = max(opening + 600, opening + CallUpSpace.finishLimitMinutes(s) * 60 - CallUpSpace.lastCallMargin)
            let shortest = s.planning.minWindowSeconds(s.buildings[bi])
            var lengths = bands.map { min(5400, max(shortest, ($0.liftSeconds / 300).rounded(.up) * 300)) }
            let room = latest - opening
            if lengths.reduce(0, +) > room {
                let squeeze = room / lengths.reduce(0, +)
                lengths = lengths.map { max(shortest, ($0 * squeeze / 300).rounded(.down) * 300) }
            }
            var start = max(opening, min(c.window.start, latest - lengths.reduce(0, +)))
            // Top floors first where the rules say so (the lifts' order), else from the ground up.
            let order = s.planning.topDown(s.buildings[bi]) ? Array(zip(bands, lengths)) : Array(zip(bands, lengths).reversed())
            for (band, length) in order {
                var part = c
                part.floors = band.floors
                part.window = ClockWindow(start: start, end: start + length)
                out.callUps.append(part)
                start += length
            }
        }
        return out
    }

    /// The bands of a tower's call-up, top floors first, each with the seconds its lifts take
    /// to bring its riders down; nil when the building has no lifts, or its lifts bring the
    /// call-up's riders down within one band anyway.
    static func towerBands(_ s: Scenario, _ b: Building, _ floors: ClosedRange<Int>, bandMinutes: Double = 20,
                           maxBands: Int = 8) -> [(floors: ClosedRange<Int>, liftSeconds: Double)]? {
        guard b.lifts > 0, floors.upperBound > s.walking.stairsUpToFloor else { return nil }
        // A band's lifts carry a full car a round trip to (about) the band's top.
        func rate(_ f: ClosedRange<Int>) -> Double {
            Double(b.lifts * s.walking.liftCapacityPersons)
                / s.walking.typicalLiftRoundTrip(fromFloor: max(s.walking.stairsUpToFloor + 1, f.lowerBound), toFloor: f.upperBound)
        }
        func riders(_ f: ClosedRange<Int>) -> Double {
            guard f.upperBound > s.walking.stairsUpToFloor else { return 0 }
            let callers = b.residents - s.doorToDoorResidents(b)
            let first = CompiledRound.firstResident(onFloor: max(s.walking.stairsUpToFloor + 1, f.lowerBound), residents: b.residents, floors: b.floors)
            let end = CompiledRound.firstResident(onFloor: f.upperBound + 1, residents: b.residents, floors: b.floors)
            return Double(max(0, min(end, callers) - first)) * s.arrivals.turnoutShare
        }
        let all = riders(floors)
        let count = min(maxBands, floors.count, Int((all / (rate(floors) * bandMinutes * 60)).rounded(.up)))
        guard count >= 2 else { return nil }
        // Floors shared as evenly as whole floors allow, the top band first.
        var bands: [(floors: ClosedRange<Int>, liftSeconds: Double)] = []
        var top = floors.upperBound
        for k in 0..<count {
            let size = (floors.count * (k + 1)) / count - (floors.count * k) / count
            let band = (top - size + 1)...top
            bands.append((band, riders(band) / rate(band)))
            top -= size
        }
        return bands
    }
}
