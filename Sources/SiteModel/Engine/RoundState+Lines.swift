import Scenario
import SimKit

// The registration and swab lines of each site: FIFO with a priority lane, weather pauses and
// slow-downs, residents who give up.
extension RoundState {
    @inline(__always)
    mutating func enqueue(_ r: Int, lane: Int) {
        lines.queue[lines.queueTail[lane]] = Int32(r)
        lines.queueTail[lane] += 1
    }

    mutating func joinRegistration(_ r: Int, now: Double) {
        let site = Int(arrivals[r].site)
        log.joinedLine[r] = now
        log.stage[r] = .waitingRegistration
        let lane = site * 4 + (arrivals[r].priority ? 0 : 1)
        lines.queuePosition[r] = lines.queueTail[lane]
        lines.queueJoined[lines.queueTail[lane]] = now
        enqueue(r, lane: lane)
        startRegistrations(site: site, now: now)
    }

    /// The next resident of a line: the priority lane first, then first come first served.
    ///
    /// Residents who give up are found here, lazily: under FIFO a resident's leaving changes
    /// nothing for anyone until the line reaches them, so when the line reaches a resident whose
    /// patience ran out, they left at `joined + patience` and are skipped. This is exact and
    /// costs no event per resident.
    @inline(__always)
    mutating func dequeue(priorityLane lane: Int, now: Double) -> Int? {
        let registration = patienceOn && lane % 4 == 0
        var l = lane
        while l <= lane + 1 {
            guard lines.queueHead[l] < lines.queueTail[l] else { l += 1; continue }
            let position = lines.queueHead[l]
            let r = Int(lines.queue[position])
            lines.queueHead[l] += 1
            guard registration else { return r }
            guard lines.queuePosition[r] == position, log.stage[r] == .waitingRegistration else { continue }
            let leftAt = log.joinedLine[r] + arrivals[r].patienceSeconds
            if leftAt < now {
                residentLeft(r, at: leftAt, now: now, lane: l)
                continue
            }
            return r
        }
        return nil
    }

    mutating func startRegistrations(site: Int, now: Double) {
        let speed = capacity.registrationSpeed[site]
        guard speed > 0 else { return }
        while capacity.desksBusy[site] < capacity.desksOpen[site], let r = dequeue(priorityLane: site * 4, now: now) {
            capacity.desksBusy[site] += 1
            tally.desksBusy[site].set(tally.desksBusy[site].level + 1, at: now)
            if recordSeries { tally.levels.addInterval(Level.registrationQueue(site), from: log.joinedLine[r], to: now) }
            // From the arrival that ends in a swab: a returner's visit starts at the return.
            log.registrationWait[r] = now - log.joinedLine[r]
            log.stage[r] = .registering
            events.schedule(at: now + arrivals[r].registrationSeconds / speed, kind: EventKind.registrationDone.rawValue, entity: Int32(r))
        }
    }

    /// A resident whose patience ran out at `leftAt` left the registration line; they may come
    /// back once (before the deadline), else they are counted for door-to-door.
    mutating func residentLeft(_ r: Int, at leftAt: Double, now: Double, lane: Int) {
        let site = Int(arrivals[r].site)
        if recordSeries { tally.levels.addInterval(Level.registrationQueue(site), from: log.joinedLine[r], to: leftAt) }
        log.stage[r] = .away
        lines.queuePosition[r] = -1
        let back = leftAt + arrivals[r].comeBackSeconds
        if !log.cameBack[r] && back <= round.deadline {
            log.cameBack[r] = true
            if back >= now {
                events.schedule(at: back, kind: EventKind.residentReturns.rawValue, entity: Int32(r))
            } else {
                rejoinInThePast(r, at: back, lane: lane)
            }
        } else {
            tally.gaveUp += 1
            tally.gaveUpAtSite[site] += 1
            _ = settled(site: site, now: now)
        }
    }

    /// A resident found (late) to have come back at `time`, before now: they stand behind
    /// everyone who joined before `time`, so they are slotted into the line there.
    mutating func rejoinInThePast(_ r: Int, at time: Double, lane: Int) {
        var p = lines.queueHead[lane]
        while p < lines.queueTail[lane] && lines.queueJoined[p] <= time { p += 1 }
        var q = lines.queueTail[lane]
        while q > p {
            let moved = Int(lines.queue[q - 1])
            lines.queue[q] = lines.queue[q - 1]
            lines.queueJoined[q] = lines.queueJoined[q - 1]
            if lines.queuePosition[moved] == q - 1 { lines.queuePosition[moved] = q }
            q -= 1
        }
        lines.queueTail[lane] += 1
        lines.queue[p] = Int32(r)
        lines.queueJoined[p] = time
        lines.queuePosition[r] = p
        log.joinedLine[r] = time
        log.stage[r] = .waitingRegistration
    }

    /// A station that can take the next resident: staffed, idle, open under the plan, and whose
    /// team is not about to stop.
    @inline(__always)
    func freeStation(site: Int) -> Int? {
        let lo = round.stationBase[site]
        let hi = min(round.stationBase[site + 1], lo &+ min(capacity.stationsOpen[site], Int.max - lo))
        var g = lo
        while g < hi {
            if crews.stationTeam[g] >= 0 && crews.stationResident[g] < 0 && crews.stationAfter[g] == .carryOn { return g }
            g += 1
        }
        return nil
    }

    mutating func startSwabs(site: Int, now: Double) {
        let speed = capacity.swabSpeed[site]
        guard speed > 0 else { return }
        let lane = site * 4 + 2
        while lines.queueHead[lane] < lines.queueTail[lane] || lines.queueHead[lane + 1] < lines.queueTail[lane + 1], let g = freeStation(site: site) {
            guard let r = dequeue(priorityLane: lane, now: now) else { return }
            if recordSeries { tally.levels.addInterval(Level.swabQueue(site), from: log.swabQueued[r], to: now) }
            crews.stationResident[g] = Int32(r)
            log.stage[r] = .swabbing
            log.swabStarted[r] = now
            events.schedule(at: now + arrivals[r].swabSeconds / speed, kind: EventKind.swabDone.rawValue, entity: Int32(g))
        }
    }

    mutating func swabDone(station g: Int, now: Double) {
        let r = Int(crews.stationResident[g])
        let a = arrivals[r]
        let site = Int(a.site)
        crews.stationResident[g] = -1
        let t = Int(crews.stationTeam[g])
        crews.teamBusy[t] += now - log.swabStarted[r]
        tally.swabbed += 1
        tally.swabbedAtSite[site] += 1
        tally.lastSwab = now
        tally.lastSwabAtSite[site] = now
        log.stage[r] = .done
        if recordSeries { tally.levels.addInterval(Level.stationsBusy(site), from: log.swabStarted[r], to: now) }
        addToTube(station: g, now: now)
        if a.time >= options.statisticsFrom && !a.untallied {
            let wReg = log.registrationWait[r]
            let wSwab = log.swabStarted[r] - log.swabQueued[r]
            // A returner is timed from the return; the time away is a figure of its own.
            let visitStart = log.joinedLine[r]
            let tis = now - visitStart
            if log.cameBack[r] { tally.returnersTimeAway[site].add((visitStart - a.time) / 60) }
            tally.waitRegistration[site].add(wReg / 60)
            tally.waitSwab[site].add(wSwab / 60)
            tally.timeInSystem[site].add(tis / 60)
            if recordSeries {
                tally.timeInSystemSample.add(tis / 60)
                if tagsSamples { tally.timeInSystemSampleSite.append(Int32(site)) }
            }
            if recordDetail && a.callUp >= 0 { callUpWaits[Int(a.callUp)].add((wReg + wSwab) / 60) }
            if wReg + wSwab > 20 * 60 { tally.over20 += 1; tally.over20AtSite[site] += 1 }
            if wReg + wSwab > 60 * 60 { tally.over60 += 1; tally.over60AtSite[site] += 1 }
        }
        if settled(site: site, now: now) { return }
        switch crews.stationAfter[g] {
        case .carryOn: break
        case .takeBreak: startBreak(t, now: now)
        case .leave: leave(t, now: now)
        case .handOver:
            let incoming = Int(crews.stationIncoming[g])
            leave(t, now: now)
            activate(incoming, station: g, now: now)
        }
        startSwabs(site: site, now: now)
    }

    /// One more resident of the site's group is swabbed or gone for good; when that was the
    /// group's last, its teams stand down (true).
    @inline(__always)
    mutating func settled(site: Int, now: Double) -> Bool {
        let g = round.siteGroup[site]
        groups.settled[g] += 1
        guard groups.settled[g] == groups.residents[g] else { return false }
        standDown(group: g, now: now)
        return true
    }
}
