import Scenario
import SimKit

// Swab teams at their stations: arrival and set-up, standing limit and breaks (shorter in
// heat), handover to a relief after the resident in hand, shift end.
extension RoundState {
    @inline(__always)
    func station(of team: Int) -> Int { round.stationBase[teams[team].site] + teams[team].slot }

    mutating func teamReady(_ t: Int, now: Double) {
        if groups.over[round.siteGroup[teams[t].site]] { crews.teamState[t] = .gone; return }
        let g = station(of: t)
        let current = Int(crews.stationTeam[g])
        if current >= 0 && teams[t].relieves != current {
            // Only a relief takes over a staffed station; a team arriving after its own relief is not needed.
            crews.teamState[t] = .gone
            return
        }
        staffEvents.schedule(at: max(now, teams[t].shiftEnd), kind: EventKind.shiftEnd.rawValue, entity: Int32(t))
        if current < 0 {
            activate(t, station: g, now: now)
        } else if crews.stationResident[g] < 0 {
            leave(current, now: now)
            activate(t, station: g, now: now)
        } else {
            // The outgoing team finishes the resident in hand, then hands over.
            crews.stationAfter[g] = .handOver
            crews.stationIncoming[g] = Int32(t)
            crews.teamState[t] = .travelling
        }
        startSwabs(site: teams[t].site, now: now)
    }

    mutating func activate(_ t: Int, station g: Int, now: Double) {
        crews.stationTeam[g] = Int32(t)
        crews.stationAfter[g] = .carryOn
        crews.teamState[t] = .working
        crews.teamWorkStart[t] = now
        crews.teamLimit[t] = teams[t].standingLimitSeconds * weather.standingLimitFactor(at: now)
        // A planned break before the limit comes first (plans stagger breaks across a site).
        if let planned = teams[t].plannedBreaks.first(where: { $0 > now }), planned - now < crews.teamLimit[t] {
            crews.teamLimit[t] = planned - now
        }
        updateStaffed(site: teams[t].site, now: now)
        staffEvents.schedule(at: now + crews.teamLimit[t], kind: EventKind.standingLimit.rawValue, entity: Int32(t))
    }

    mutating func endSpan(_ t: Int, now: Double) {
        let span = now - crews.teamWorkStart[t]
        crews.teamActive[t] += span
        if span > tally.longestSpan { tally.longestSpan = span }
        if span > tally.longestSpanOfTeam[t] { tally.longestSpanOfTeam[t] = span }
        let g = station(of: t)
        crews.stationTeam[g] = -1
        crews.stationAfter[g] = .carryOn
        updateStaffed(site: teams[t].site, now: now)
    }

    mutating func startBreak(_ t: Int, now: Double) {
        endSpan(t, now: now)
        crews.teamState[t] = .onBreak
        staffEvents.schedule(at: now + teams[t].breakSeconds, kind: EventKind.breakEnd.rawValue, entity: Int32(t))
    }

    /// The team leaves its station for good; its open tube is sealed.
    mutating func leave(_ t: Int, now: Double) {
        endSpan(t, now: now)
        crews.teamState[t] = .gone
        tally.overtime[t] += max(0, now - teams[t].shiftEnd)
        sealTube(station: station(of: t), now: now)
    }

    /// The group's last resident is done: every team of it at a station leaves, teams on break
    /// do not return, open tubes are sealed.
    mutating func standDown(group: Int, now: Double) {
        groups.over[group] = true
        for t in round.groupTeams[group] {
            if crews.teamState[t] == .working && crews.stationTeam[station(of: t)] == Int32(t) { leave(t, now: now) }
            crews.teamState[t] = .gone
        }
        for s in round.groupSites[group] {
            for g in round.stationBase[s]..<round.stationBase[s + 1] { sealTube(station: g, now: now) }
        }
    }

    /// Staffed stations that the plan has open, for the utilisation series.
    mutating func updateStaffed(site: Int, now: Double) {
        let lo = round.stationBase[site], hi = round.stationBase[site + 1]
        var n = 0
        var g = lo
        while g < hi && g - lo < capacity.stationsOpen[site] {
            if crews.stationTeam[g] >= 0 { n += 1 }
            g += 1
        }
        tally.levels.set(Level.stationsStaffed(site), to: Double(n), at: now)
    }
}
