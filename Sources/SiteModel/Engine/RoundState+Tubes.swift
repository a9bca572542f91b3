import Scenario
import SimKit

// Tubes and the lab run: every k swabs at a station fill a tube; a partial tube is sealed at
// the holding limit or when its team leaves (the holding limit is applied when it matters, at
// the station's next swab or when a courier looks, rather than by an event per tube); sealed tubes wait in the site's cold box until a
// courier collects them and carries them to the lab. Door-to-door teams hand their tubes to a
// site's box. Only with a `lab` in the scenario (otherwise tubes are not tracked at all).
extension RoundState {
    mutating func scheduleLogistics() {
        guard tubesOn else { return }
        for (c, plan) in round.couriers.enumerated() {
            switch plan.courier.mode {
            case .fixed(let times):
                for t in times { staffEvents.schedule(at: t, kind: EventKind.courierDepart.rawValue, entity: Int32(c)) }
            case .onDemand(_, _, _, let from):
                staffEvents.schedule(at: from, kind: EventKind.courierCheck.rawValue, entity: Int32(c))
            }
        }
        for (i, team) in doorToDoor.teams.enumerated() {
            staffEvents.schedule(at: team.handoffTime, kind: EventKind.doorToDoorHandoff.rawValue, entity: Int32(i))
        }
    }

    @inline(__always)
    mutating func addToTube(station g: Int, now: Double) {
        guard tubesOn else { return }
        let rules = round.scenario.logistics.tubes
        if tubes.stationTubeCount[g] > 0 && tubes.stationTubeFirst[g] + rules.maxHoldingSeconds <= now { sealTube(station: g, now: now) }
        tubes.stationTubeCount[g] += 1
        if tubes.stationTubeCount[g] == 1 { tubes.stationTubeFirst[g] = now }
        if tubes.stationTubeCount[g] >= rules.poolSize { sealTube(station: g, now: now) }
    }

    /// Seals the open tubes of a site's stations whose holding limit has passed.
    mutating func sealDue(site: Int, now: Double) {
        let holding = round.scenario.logistics.tubes.maxHoldingSeconds
        for g in round.stationBase[site]..<round.stationBase[site + 1]
        where tubes.stationTubeCount[g] > 0 && tubes.stationTubeFirst[g] + holding <= now {
            sealTube(station: g, now: now)
        }
    }

    mutating func sealTube(station g: Int, now: Double) {
        guard tubesOn, tubes.stationTubeCount[g] > 0 else { return }
        putInBox(site: round.stationSite[g], first: tubes.stationTubeFirst[g], samples: tubes.stationTubeCount[g])
        tubes.stationTubeCount[g] = 0
    }

    mutating func putInBox(site: Int, first: Double, samples: Int) {
        if tubes.putInBox(site: site, first: first, samples: samples, capacity: round.sites[site].boxCapacity ?? round.scenario.logistics.tubes.boxCapacity) {
            tally.tubesOverBox += 1
            tally.tubesOverBoxAtSite[site] += 1
        }
    }

    mutating func doorToDoorHandsOff(_ team: Int, now: Double) {
        let t = doorToDoor.teams[team]
        for tube in t.tubes { putInBox(site: t.handoffSite, first: tube.first, samples: tube.samples) }
        groups.doorToDoorPending[round.siteGroup[t.handoffSite]] -= 1
    }

    func boxCount(_ site: Int) -> Int { tubes.boxCount(site) }

    /// Nothing is left for this courier, now or later.
    func courierDone(_ c: Int) -> Bool {
        groupSettled(courier: c) && round.couriers[c].stops.allSatisfy { boxCount($0) == 0 }
    }

    /// The courier's group has stood down and its door-to-door teams are all back.
    func groupSettled(courier c: Int) -> Bool {
        let g = round.couriers[c].stops.first.map { round.siteGroup[$0] } ?? 0
        return groups.over[g] && groups.doorToDoorPending[g] == 0
    }

    mutating func courierDeparts(_ c: Int, now: Double) {
        if fleet.state[c] == .out { fleet.pending[c] = true; return }
        if courierDone(c) { return }
        let plan = round.couriers[c]
        fleet.state[c] = .out
        fleet.stop[c] = 0
        fleet.departed[c] = now
        tally.courierRuns += 1
        tally.courierRunsOf[c] += 1
        tally.courierKilometres[c] += plan.legKilometres[0]
        staffEvents.schedule(at: now + plan.legSeconds[0] * weather.travelFactor(at: now), kind: EventKind.courierArrive.rawValue, entity: Int32(c))
    }

    mutating func courierArrives(_ c: Int, now: Double) {
        let plan = round.couriers[c]
        let leg = fleet.stop[c]
        if leg < plan.stops.count {
            // Collect the oldest tubes first, as many as the courier can carry.
            let site = plan.stops[leg]
            sealDue(site: site, now: now)
            while boxCount(site) > 0 && fleet.load[c].count < plan.courier.capacityTubes {
                fleet.load[c].append(tubes.boxes[site][tubes.boxHead[site]])
                tubes.boxHead[site] += 1
            }
            fleet.stop[c] = leg + 1
            tally.courierKilometres[c] += plan.legKilometres[leg + 1]
            staffEvents.schedule(at: now + plan.legSeconds[leg + 1] * weather.travelFactor(at: now),
                                 kind: EventKind.courierArrive.rawValue, entity: Int32(c))
            return
        }
        if recordDetail { fleet.log[c].append((fleet.departed[c], fleet.load[c].count)) }
        deliver(c, now: now)
        fleet.state[c] = .atLab
        if fleet.pending[c] {
            fleet.pending[c] = false
            courierDeparts(c, now: now)
        }
    }

    /// The lab receives inside its hours; a tube arriving after closing waits for the next day.
    mutating func deliver(_ c: Int, now: Double) {
        guard let lab = round.scenario.logistics.lab else { return }
        let received = now < lab.receiving.start ? lab.receiving.start
            : (now < lab.receiving.end ? now : lab.receiving.start + 86400)
        for tube in fleet.load[c] {
            let age = received - tubes.tubeFirst[Int(tube)]
            let samples = Int(tubes.tubeSamples[Int(tube)])
            for _ in 0..<samples {
                tally.sampleAge[c].add(age / 60)
                tally.sampleAgeSample.add(age / 60)
                if tagsSamples { tally.sampleAgeSampleCourier.append(Int32(c)) }
            }
            if age > lab.sampleAgeLimitSeconds { tally.samplesOverLimit += samples; tally.samplesOverLimitOf[c] += samples }
        }
        fleet.load[c].removeAll(keepingCapacity: true)
    }

    mutating func courierChecks(_ c: Int, now: Double) {
        guard case .onDemand(let fullBox, let oldest, let check, _) = round.couriers[c].courier.mode else { return }
        if fleet.state[c] == .atLab {
            let stops = round.couriers[c].stops
            for s in stops { sealDue(site: s, now: now) }
            let due = stops.contains { s in
                boxCount(s) >= fullBox || (boxCount(s) > 0 && now - tubes.tubeFirst[Int(tubes.boxes[s][tubes.boxHead[s]])] >= oldest)
            }
            // After the last swab, a final sweep of whatever is left.
            let sweep = groupSettled(courier: c) && stops.contains { boxCount($0) > 0 }
            if due || sweep { courierDeparts(c, now: now) }
        }
        if !(courierDone(c) && fleet.state[c] == .atLab) && now + check < 86400 {
            staffEvents.schedule(at: now + check, kind: EventKind.courierCheck.rawValue, entity: Int32(c))
        }
    }

    /// Tubes still in a box or open at a station when everything has stopped.
    var tubesLeft: Int {
        (0..<siteCount).reduce(0) { $0 + boxCount($1) } + (0..<tubes.stationTubeCount.count).filter { tubes.stationTubeCount[$0] > 0 }.count
    }
}
