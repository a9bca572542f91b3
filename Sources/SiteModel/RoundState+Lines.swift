import Scenario
import SimKit

// The registration and swab lines of each site: FIFO with a priority lane, weather pauses and
// slow-downs, residents who give up.
extension RoundState {
    @inline(__always)
    mutating func enqueue(_ r: Int, lane: Int) {
        queue[queueTail[lane]] = Int32(r)
        queueTail[lane] += 1
    }

    mutating func joinRegistration(_ r: Int, now: Double) {
        let site = Int(arrivals[r].site)
        joinedLine[r] = now
        stage[r] = .waitingRegistration
        let lane = site * 4 + (arrivals[r].priority ? 0 : 1)
        queuePosition[r] = queueTail[lane]
        enqueue(r, lane: lane)
        if patienceOn && arrivals[r].patienceSeconds.isFinite {
            events.schedule(at: now + arrivals[r].patienceSeconds, kind: EventKind.patienceEnd.rawValue, entity: Int32(r))
        }
        startRegistrations(site: site, now: now)
    }

    /// The next resident of a line: the priority lane first, then first come first served.
    /// Entries of residents who left the registration line are skipped.
    @inline(__always)
    mutating func dequeue(priorityLane lane: Int) -> Int? {
        for l in lane...(lane + 1) {
            while queueHead[l] < queueTail[l] {
                let position = queueHead[l]
                let r = Int(queue[position])
                queueHead[l] += 1
                if !patienceOn || lane % 4 != 0 || queuePosition[r] == position { return r }
            }
        }
        return nil
    }

    mutating func startRegistrations(site: Int, now: Double) {
        let speed = registrationSpeed[site]
        guard speed > 0 else { return }
        while desksBusy[site] < desksOpen[site], let r = dequeue(priorityLane: site * 4) {
            desksBusy[site] += 1
            desksBusyLevel.set(desksBusyLevel.level + 1, at: now)
            levels.addInterval(Level.registrationQueue(site), from: joinedLine[r], to: now)
            registrationWait[r] = now - arrivals[r].time
            stage[r] = .registering
            events.schedule(at: now + arrivals[r].registrationSeconds / speed, kind: EventKind.registrationDone.rawValue, entity: Int32(r))
        }
    }

    /// A resident's patience ran out in the registration line: they leave, and may come back
    /// once (if before the deadline); the others are listed for door-to-door.
    mutating func patienceEnds(_ r: Int, now: Double) {
        guard stage[r] == .waitingRegistration, joinedLine[r] + arrivals[r].patienceSeconds == now else { return }
        let site = Int(arrivals[r].site)
        levels.addInterval(Level.registrationQueue(site), from: joinedLine[r], to: now)
        stage[r] = .away
        queuePosition[r] = -1
        let back = now + arrivals[r].comeBackSeconds
        if !cameBack[r] && back <= round.deadline {
            cameBack[r] = true
            events.schedule(at: back, kind: EventKind.residentReturns.rawValue, entity: Int32(r))
        } else {
            gaveUp += 1
            if swabbed + gaveUp == arrivals.count { standDown(now: now) }
        }
    }

    /// A station that can take the next resident: staffed, idle, open under the plan, and whose
    /// team is not about to stop.
    @inline(__always)
    func freeStation(site: Int) -> Int? {
        let lo = round.stationBase[site]
        let hi = min(round.stationBase[site + 1], lo &+ min(stationsOpen[site], Int.max - lo))
        var g = lo
        while g < hi {
            if stationTeam[g] >= 0 && stationResident[g] < 0 && stationAfter[g] == .carryOn { return g }
            g += 1
        }
        return nil
    }

    mutating func startSwabs(site: Int, now: Double) {
        let speed = swabSpeed[site]
        guard speed > 0 else { return }
        let lane = site * 4 + 2
        while queueHead[lane] < queueTail[lane] || queueHead[lane + 1] < queueTail[lane + 1], let g = freeStation(site: site) {
            guard let r = dequeue(priorityLane: lane) else { return }
            levels.addInterval(Level.swabQueue(site), from: swabQueued[r], to: now)
            stationResident[g] = Int32(r)
            stage[r] = .swabbing
            swabStarted[r] = now
            events.schedule(at: now + arrivals[r].swabSeconds / speed, kind: EventKind.swabDone.rawValue, entity: Int32(g))
        }
    }

    mutating func swabDone(station g: Int, now: Double) {
        let r = Int(stationResident[g])
        let a = arrivals[r]
        let site = Int(a.site)
        stationResident[g] = -1
        let t = Int(stationTeam[g])
        teamBusy[t] += now - swabStarted[r]
        swabbed += 1
        swabbedAtSite[site] += 1
        lastSwab = now
        lastSwabAtSite[site] = now
        stage[r] = .done
        levels.addInterval(Level.stationsBusy(site), from: swabStarted[r], to: now)
        addToTube(station: g, now: now)
        if a.time >= options.statisticsFrom {
            let wReg = registrationWait[r]
            let wSwab = swabStarted[r] - swabQueued[r]
            let tis = now - a.time
            waitRegistration.add(wReg / 60)
            waitSwab.add(wSwab / 60)
            timeInSystem.add(tis / 60)
            timeInSystemSample.add(tis / 60)
            if wReg + wSwab > 20 * 60 { over20 += 1 }
            if wReg + wSwab > 60 * 60 { over60 += 1 }
        }
        if swabbed + gaveUp == arrivals.count {
            standDown(now: now)
            return
        }
        switch stationAfter[g] {
        case .carryOn: break
        case .takeBreak: startBreak(t, now: now)
        case .leave: leave(t, now: now)
        case .handOver:
            let incoming = Int(stationIncoming[g])
            leave(t, now: now)
            activate(incoming, station: g, now: now)
        }
        startSwabs(site: site, now: now)
    }
}
