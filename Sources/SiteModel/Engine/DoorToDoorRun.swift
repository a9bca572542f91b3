import Scenario
import SimKit

/// Door-to-door rounds of one replication. A team (a swabber and a community worker) leaves
/// its hand-off site at its start time, walks building to building, climbs (or rides) up, swabs
/// each listed household, and brings its tubes back to the hand-off site's box. It does not
/// meet the site queues, so it is worked out before the event loop; only the hand-off is an event.
struct DoorToDoorRun: Sendable {
    struct TeamResult: Sendable {
        var households: Int
        var handoffTime: Double
        var handoffSite: Int
        /// First-sample time and samples of each tube.
        var tubes: [(first: Double, samples: Int)]
    }

    var teams: [TeamResult]

    init(teams: [TeamResult]) { self.teams = teams }

    init(_ round: CompiledRound, weather: WeatherDraw, seed: UInt64, replication: UInt64) {
        let s = round.scenario
        let populations = round.model.populations
        let visits = populations.map { Distribution($0.doorToDoorVisit).sampler }
        let pool = s.logistics.tubes.poolSize
        teams = s.doorToDoorTeams(under: round.plan).enumerated().map { ti, team in
            // A team visits its own community's buildings: their visits and households.
            let pop = team.buildings.first.flatMap { s.buildingIndex($0) }.map { round.model.buildingPopulation[$0] } ?? 0
            let visit = visits[pop], perHousehold = populations[pop].personsPerHousehold
            var stream = RandomStream(seed: seed, replication: replication, entity: UInt64(ti), purpose: StreamPurpose.doorToDoor.rawValue)
            let handoff = s.siteIndex(team.handoff) ?? 0
            let order = DoorToDoorRun.order(team, s)
            var clock = team.start
            var position: Building?
            var done = 0
            var tubes: [(first: Double, samples: Int)] = []
            var pooled: (first: Double, samples: Int)?
            var persons = 0.0 // fractional persons carried over between households
            stop: for b in order {
                let walk = DoorToDoorRun.walkSeconds(from: position, to: b, handoff: s.sites[handoff], s)
                clock += walk * weather.travelFactor(at: clock)
                position = b
                // Up through the building and back: a lift ride, or the stairs floor by floor.
                let walking = s.walking(of: b)
                clock += b.lifts > 0 ? walking.liftRoundTrip(toFloor: b.floors) : Double(b.floors - 1) * walking.stairsSecondsPerFloor * 2
                let households = s.doorToDoorHouseholds(b)
                for h in 0..<households {
                    guard clock < team.end else { break stop }
                    let sampled = clock
                    clock += visit.sample(&stream)
                    done += 1
                    persons += perHousehold
                    let people = max(1, Int(persons.rounded(.down)))
                    persons -= Double(people)
                    if b.sealed {
                        tubes.append((sampled, people))                    // one household per tube
                    } else if h < b.quarantinedHouseholds {
                        for _ in 0..<people { tubes.append((sampled, 1)) } // one person per tube
                    } else {
                        for _ in 0..<people {                              // bed-ridden: pooled
                            if pooled == nil { pooled = (sampled, 0) }
                            pooled!.samples += 1
                            if pooled!.samples == pool { tubes.append(pooled!); pooled = nil }
                        }
                    }
                }
            }
            if let p = pooled { tubes.append(p) }
            clock += DoorToDoorRun.walkSeconds(from: position, to: nil, handoff: s.sites[handoff], s) * weather.travelFactor(at: clock)
            return TeamResult(households: done, handoffTime: clock, handoffSite: handoff, tubes: tubes)
        }
    }

    /// Buildings in the given order, or nearest-next from the hand-off site.
    static func order(_ team: DoorToDoorTeam, _ s: Scenario) -> [Building] {
        let listed = team.buildings.compactMap { s.buildingIndex($0).map { s.buildings[$0] } }
        guard team.order == .nearest, let handoff = s.siteIndex(team.handoff) else { return listed }
        var left = listed, out: [Building] = []
        var at: Building?
        while !left.isEmpty {
            let k = left.indices.min { walkSeconds(from: at, to: left[$0], handoff: s.sites[handoff], s) < walkSeconds(from: at, to: left[$1], handoff: s.sites[handoff], s) }!
            at = left.remove(at: k)
            out.append(at!)
        }
        return out
    }

    /// Walking between two buildings (nil: the hand-off site): by positions, else through the
    /// hand-off site using the buildings' walking times to it.
    static func walkSeconds(from a: Building?, to b: Building?, handoff: Site, _ s: Scenario) -> Double {
        func toSite(_ x: Building?) -> Double { x.flatMap { s.walkingSeconds(building: $0, site: handoff) } ?? 0 }
        if let a, let b, let p = a.position, let q = b.position {
            let walking = s.walking(of: b)
            return p.distance(to: q) * walking.detourFactor / walking.speedMetresPerMinute * 60
        }
        if a?.id == b?.id { return 0 }
        return toSite(a) + toSite(b)
    }
}
