import Foundation
import Scenario
import SiteModel

/// The earliest a tower's residents above the ground floor can all be down, walked to a site:
/// its lifts carry `lift_capacity_persons` a trip, one trip a `lift_round_trip_seconds` each,
/// from the earliest anyone may set out (the opening, or the walk-in window if it starts
/// sooner); whatever the call-ups say, no plan brings them down faster. Registration and swab
/// come on top and are left out, so the bound holds.
///
/// The riders counted are the fewest who come in all but one round in a thousand (turnout is
/// binomial: the mean less 3.1 standard deviations), so a target ruled out is ruled out for a
/// real morning, not only for an average one.
///
///     LiftBound(building: b, scenario: s, walkSeconds: 120)?.earliestMinutes
public struct LiftBound: Sendable {
    public var building: String
    /// Floors up to this one walk (`walking.stairs_up_to_floor`); the riders live above it.
    public var stairsUpToFloor: Int
    public var riders: Int
    public var lifts: Int
    public var capacity: Int
    public var roundTripSeconds: Double
    /// The walk from the tower to its nearest site.
    public var walkSeconds: Double
    /// Minutes after opening when the last rider can at best reach a site.
    public var earliestMinutes: Double

    /// Nil for a building without lifts or floors above those that walk. `stairsUpTo` stands
    /// for the scenario's `walking.stairs_up_to_floor` (to ask what more walkers would give).
    public init?(building b: Building, scenario s: Scenario, walkSeconds: Double, stairsUpTo: Int? = nil) {
        let walkers = stairsUpTo ?? s.walking.stairsUpToFloor
        guard b.lifts > 0, b.floors > walkers else { return nil }
        stairsUpToFloor = walkers
        self.walkSeconds = walkSeconds
        let callers = b.residents - s.doorToDoorResidents(b)
        let upstairs = max(0, callers - CompiledRound.firstResident(onFloor: walkers + 1, residents: b.residents, floors: b.floors))
        let p = s.arrivals.turnoutShare
        let mean = Double(upstairs) * p, sd = (Double(upstairs) * p * (1 - p)).squareRoot()
        riders = max(0, Int((mean - 3.1 * sd).rounded(.down)))
        guard riders > 0 else { return nil }
        building = b.id
        lifts = b.lifts
        capacity = s.walking.liftCapacityPersons
        let w = s.walking
        roundTripSeconds = w.liftRoundTrip(toFloor: b.floors)
        let firstOut = min(s.round.opening, s.arrivals.walkInWindow.start)
        let lastDown: Double
        if w.liftSecondsPerFloor == 0 {
            // Every trip the same: the busiest lift's last load leaves after its other trips.
            let trips = (riders + capacity - 1) / capacity
            let perLift = (trips + lifts - 1) / lifts
            lastDown = firstOut + Double(perLift - 1) * roundTripSeconds + roundTripSeconds / 2
        } else {
            // Trips by floor: the least travel for these riders is full cars from the top down,
            // each to its highest floor, the riders being the lowest that can ride. The lift with
            // the most travel has at least 1/lifts of it; its last riders are down half-way
            // through its last trip, at most the longest.
            var trips: [Double] = []
            var left = riders, inCar = 0
            var perFloor: [(floor: Int, riders: Int)] = []
            for f in (walkers + 1)...b.floors where left > 0 {
                let here = min(left, CompiledRound.firstResident(onFloor: f + 1, residents: b.residents, floors: b.floors)
                                   - CompiledRound.firstResident(onFloor: f, residents: b.residents, floors: b.floors))
                if here > 0 { perFloor.append((f, here)); left -= here }
            }
            for (f, n) in perFloor.reversed() {
                for _ in 0..<n {
                    if inCar == 0 { trips.append(w.liftRoundTrip(toFloor: f)) }
                    inCar = (inCar + 1) % capacity
                }
            }
            let longest = trips.first ?? 0
            lastDown = firstOut + max(trips.reduce(0, +) / Double(lifts) - longest / 2, longest / 2)
        }
        earliestMinutes = (lastDown + walkSeconds - s.round.opening) / 60
    }

    /// The fewest low floors that must walk for this tower's lifts to be done within `minutes`
    /// after opening, and when they would then be done; nil when walking from more than
    /// `maxStairs` floors up would be needed (ASSUMPTION: more flights than that is not advice
    /// for a tower's elderly residents), or more walkers do not help.
    public static func stairsMeeting(_ minutes: Double, building b: Building, scenario s: Scenario, walkSeconds: Double,
                                     maxStairs: Int = 8) -> (floor: Int, earliestMinutes: Double)? {
        let from = s.walking.stairsUpToFloor + 1
        guard from <= min(maxStairs, b.floors - 1) else { return nil }
        for n in from...min(maxStairs, b.floors - 1) {
            // The walkers' own way down: (n - 1) flights from the highest walking floor.
            let walked = (Double(n - 1) * s.walking.stairsSecondsPerFloor + walkSeconds) / 60
            let lifts = LiftBound(building: b, scenario: s, walkSeconds: walkSeconds, stairsUpTo: n)?.earliestMinutes ?? 0
            if max(lifts, walked) <= minutes { return (n, max(lifts, walked)) }
        }
        return nil
    }
}
