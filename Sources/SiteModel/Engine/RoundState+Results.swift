import Scenario
import SimKit

extension RoundState {
    /// Still in the registration line when everything stopped: they left when their patience
    /// ran out (the end of `run()`).
    mutating func residentsStillWaitingGaveUp() {
        guard patienceOn else { return }
        for r in arrivals.indices where log.stage[r] == .waitingRegistration && arrivals[r].patienceSeconds.isFinite {
            log.stage[r] = .away
            tally.gaveUp += 1
            tally.gaveUpAtSite[Int(arrivals[r].site)] += 1
        }
    }

    /// Residents who left for good (after `run()`), by the building of the call-up that called
    /// them: (building, residents) for each building with any.
    func gaveUpByBuilding() -> [(building: Int, residents: Int)] {
        let buildingOf = round.callUpBuildings
        var counts: [Int: Int] = [:]
        for r in arrivals.indices where log.stage[r] == .away {
            let call = Int(arrivals[r].callUp)
            if call >= 0, buildingOf[call] >= 0 { counts[buildingOf[call], default: 0] += 1 }
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// What the figures need of the residents' records and the lines, taken before they are let
    /// go (a site group's figures wait for every group's end).
    func leftoversOfResidents() -> ResidentLeftovers {
        var waiting: [(level: Int, since: Double)] = []
        if tally.swabbed + tally.gaveUp < arrivals.count {
            for r in arrivals.indices {
                let site = Int(arrivals[r].site)
                switch log.stage[r] {
                case .waitingRegistration: waiting.append((Level.registrationQueue(site), log.joinedLine[r]))
                case .waitingSwab: waiting.append((Level.swabQueue(site), log.swabQueued[r]))
                default: break
                }
            }
        }
        var left = ResidentLeftovers(residents: arrivals.count, tubesLeft: tubesLeft, stop: max(events.now, staffEvents.now),
                                     stillWaiting: waiting, gaveUpByBuilding: recordDetail ? gaveUpByBuilding() : [])
        if tagsSamples {
            left.residentsAtSite = Array(repeating: 0, count: siteCount)
            for a in arrivals { left.residentsAtSite[Int(a.site)] += 1 }
            left.tubesLeftAtSite = (0..<siteCount).map { boxCount($0) }
            for g in 0..<tubes.stationTubeCount.count where tubes.stationTubeCount[g] > 0 { left.tubesLeftAtSite[round.stationSite[g]] += 1 }
        }
        return left
    }

    /// Lets go of every per-resident array once the run is over, keeping what the figures need.
    mutating func releaseResidents() {
        leftovers = leftoversOfResidents()
        arrivals = []
        lines = Lines(queue: Slab(repeating: 0, count: 1), queueHead: Slab(repeating: 0, count: 1), queueTail: Slab(repeating: 0, count: 1),
                      queueJoined: Slab(repeating: 0, count: 1), queuePosition: Slab(repeating: 0, count: 1))
        log = ResidentLog(joinedLine: Slab(repeating: 0, count: 1), swabQueued: Slab(repeating: 0, count: 1), swabStarted: Slab(repeating: 0, count: 1),
                          stage: Slab(repeating: .done, count: 1), registrationWait: Slab(repeating: 0, count: 1), cameBack: Slab(repeating: false, count: 1))
        tubes = TubeBoxes(stations: 1, tubes: 0, residentsPerSite: [], extra: 0)
        events = EventList(capacity: 1)
        staffEvents = EventList(capacity: 1)
    }

    /// When the last resident was swabbed (the opening if nobody was).
    var end: Double { max(tally.lastSwab, round.opening) }
    /// The time of the last event taken.
    var stop: Double { leftovers?.stop ?? max(events.now, staffEvents.now) }
    /// The last change of a registration desk, busy or open.
    var lastDeskChange: Double {
        var t = -Double.infinity
        for s in 0..<siteCount { t = max(t, tally.desksBusy[s].lastChange, tally.desksOpen[s].lastChange) }
        return t
    }

    /// The replication's metrics, when this state is the whole round.
    mutating func closedFigures() -> RoundFigures {
        figures(end: end, stop: stop, deskClose: max(end, lastDeskChange))
    }

    /// This state's figures in its own indices, closed at the whole round's `end` (last swab),
    /// `stop` (last event) and `deskClose` (when desk time is closed): for a site group these
    /// are the round's, not the group's own.
    mutating func figures(end: Double, stop: Double, deskClose: Double) -> RoundFigures {
        openFigures().closed(end: end, stop: stop, deskClose: deskClose)
    }

    /// Everything the figures need, taken at this state's own end: closed later at the whole
    /// round's (`OpenFigures.closed`), in this process or, shipped, in another. The levels are
    /// handed over, not copied: the state is done with.
    mutating func openFigures() -> OpenFigures {
        var f = RoundFigures(round, end: end)
        let left = leftovers ?? leftoversOfResidents()
        f.residents = left.residents
        f.swabbed = tally.swabbed; f.gaveUp = tally.gaveUp
        f.over20 = tally.over20; f.over60 = tally.over60
        f.longestSpan = tally.longestSpan
        f.tubesOverBox = tally.tubesOverBox; f.tubesLeft = left.tubesLeft
        f.courierRuns = tally.courierRuns; f.samplesOverLimit = tally.samplesOverLimit
        f.events = taken
        f.timeInSystemSample = tally.timeInSystemSample
        f.sampleAgeSample = tally.sampleAgeSample
        f.timeInSystemSampleSite = tally.timeInSystemSampleSite
        f.sampleAgeSampleCourier = tally.sampleAgeSampleCourier
        var workingSince = Array(repeating: Double.nan, count: teams.count)
        for t in teams.indices {
            f.teams[t] = RoundFigures.TeamFigures(active: crews.teamActive[t], busy: crews.teamBusy[t], overtime: tally.overtime[t],
                                                  longestSpan: tally.longestSpanOfTeam[t])
            if crews.teamState[t] == .working { workingSince[t] = crews.teamWorkStart[t] }
        }
        for c in f.couriers.indices {
            f.couriers[c] = RoundFigures.CourierFigures(kilometres: tally.courierKilometres[c], sampleAge: tally.sampleAge[c],
                                                        runs: recordDetail ? fleet.log[c] : [],
                                                        runCount: tally.courierRunsOf[c], samplesOverLimit: tally.samplesOverLimitOf[c])
        }
        let lost = lostToWeather()
        for s in 0..<siteCount {
            f.sites[s] = RoundFigures.SiteFigures(
                waitRegistration: tally.waitRegistration[s], waitSwab: tally.waitSwab[s], timeInSystem: tally.timeInSystem[s],
                returnersTimeAway: tally.returnersTimeAway[s], desksBusyArea: 0, desksOpenArea: 0,
                lastSwab: tally.lastSwabAtSite[s], lostToWeatherSeconds: lost[s],
                residents: s < left.residentsAtSite.count ? left.residentsAtSite[s] : 0, gaveUp: tally.gaveUpAtSite[s],
                over20: tally.over20AtSite[s], over60: tally.over60AtSite[s], tubesOverBox: tally.tubesOverBoxAtSite[s],
                tubesLeft: s < left.tubesLeftAtSite.count ? left.tubesLeftAtSite[s] : 0,
                series: SiteSeries(registrationQueue: [], swabQueue: [], stationsBusy: [], stationsStaffed: [], paused: [],
                                   swabbed: tally.swabbedAtSite[s]))
        }
        if recordDetail {
            f.recordDetail = true
            f.callUpWaits = callUpWaits
            f.gaveUpByBuilding = left.gaveUpByBuilding
        }
        return OpenFigures(figures: f, workingSince: workingSince, levels: tally.levels, stillWaiting: left.stillWaiting,
                           desksBusy: (0..<siteCount).map { tally.desksBusy[$0] }, desksOpen: (0..<siteCount).map { tally.desksOpen[$0] },
                           end: end, stop: stop, lastDeskChange: lastDeskChange)
    }

    /// Seconds each site stood paused by the weather while it had residents to swab: one pass
    /// over the weather's changes (a scan per site was sites x changes, quadratic in a city).
    func lostToWeather() -> [Double] {
        var lost = Array(repeating: 0.0, count: siteCount)
        var pausedSince = [Double?](repeating: nil, count: siteCount)
        for c in siteChanges {
            let s = c.site
            let paused = c.registrationSpeed == 0 || c.swabSpeed == 0
            if paused && pausedSince[s] == nil { pausedSince[s] = c.time }
            if !paused, let from = pausedSince[s] {
                lost[s] += max(0, min(c.time, tally.lastSwabAtSite[s]) - max(from, round.opening))
                pausedSince[s] = nil
            }
        }
        for s in 0..<siteCount { if let from = pausedSince[s] { lost[s] += max(0, tally.lastSwabAtSite[s] - max(from, round.opening)) } }
        return lost
    }
}
