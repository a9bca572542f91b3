import Scenario
import SiteModel

/// Call-ups split by floors before the search, as planners split them, so that the optimiser
/// can send parts of a building to different sites or windows:
/// - a tower whose lifts cannot bring its upper floors down within one band (`bandMinutes`)
///   is called in bands of floors, top floors first, each window as long as its lifts take to
///   bring that band down, back to back from the call-up's start: the lifts stay busy from
///   the first band to the last without a crowd in the lobby;
/// - any other call-up of at least `minFloors` floors and `minResidents` residents becomes
///   two, the lower half of its floors and the upper half, with the same site and window.
public enum CallUpSplit {
    /// Both splits: towers in lift-matched bands, other large call-ups in halves.
    public static func forSearch(_ s: Scenario, _ plan: Plan) -> Plan {
        halves(s, towers(s, plan), skippingTowers: true)
    }

    public static func halves(_ s: Scenario, _ plan: Plan, minResidents: Int = 150, minFloors: Int = 4, skippingTowers: Bool = false) -> Plan {
        var out = plan
        out.callUps = []
        for c in plan.callUps {
            guard let bi = s.buildingIndex(c.building) else { out.callUps.append(c); continue }
            let b = s.buildings[bi]
            let floors = c.floors ?? 1...b.floors
            let residents = b.residents * floors.count / max(b.floors, 1)
            guard floors.count >= minFloors, residents >= minResidents, !(skippingTowers && towerBands(s, b, floors) != nil) else {
                out.callUps.append(c); continue
            }
            let mid = floors.lowerBound + floors.count / 2 - 1
            var low = c, high = c
            low.floors = floors.lowerBound...mid
            high.floors = (mid + 1)...floors.upperBound
            out.callUps += [low, high]
        }
        return out
    }

    /// Towers' call-ups in lift-matched bands of floors (see above); other call-ups as they are.
    public static func towers(_ s: Scenario, _ plan: Plan, bandMinutes: Double = 20, maxBands: Int = 8) -> Plan {
        var out = plan
        out.callUps = []
        for c in plan.callUps {
            guard let bi = s.buildingIndex(c.building), let bands = towerBands(s, s.buildings[bi], c.floors ?? 1...s.buildings[bi].floors,
                                                                             bandMinutes: bandMinutes, maxBands: maxBands) else {
                out.callUps.append(c); continue
            }
            // Windows of 10 to 90 minutes on the five-minute grid the search uses, ending by
            // the last call the finish allows: squeezed, then moved earlier, if they do not fit.
            let opening = s.round.opening
            let latest = max(opening + 600, opening + CallUpSpace.finishLimitMinutes(s) * 60 - CallUpSpace.lastCallMargin)
            var lengths = bands.map { min(5400, max(600, ($0.liftSeconds / 300).rounded(.up) * 300)) }
            let room = latest - opening
            if lengths.reduce(0, +) > room {
                let squeeze = room / lengths.reduce(0, +)
                lengths = lengths.map { max(600, ($0 * squeeze / 300).rounded(.down) * 300) }
            }
            var start = max(opening, min(c.window.start, latest - lengths.reduce(0, +)))
            for (band, length) in zip(bands, lengths) {
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
