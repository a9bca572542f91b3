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
        }
    }

    /// Residents who left for good (after `run()`), by the building of the call-up that called
    /// them.
    func gaveUpPerBuilding() -> [Int] {
        let s = round.scenario
        let buildingOf = round.plan.callUps.map { s.buildingIndex($0.building) ?? -1 }
        var counts = Array(repeating: 0, count: s.buildings.count)
        for r in arrivals.indices where log.stage[r] == .away {
            let call = Int(arrivals[r].callUp)
            if call >= 0, buildingOf[call] >= 0 { counts[buildingOf[call]] += 1 }
        }
        return counts
    }

    mutating func result() -> ReplicationResult {
        let end = max(tally.lastSwab, round.opening)
        var m = Array(repeating: 0.0, count: MetricName.allCases.count)
        func put(_ name: MetricName, _ v: Double) { m[MetricName.index[name]!] = v }
        let n = Double(tally.timeInSystem.count)
        put(.waitRegistrationMinutes, tally.waitRegistration.mean)
        put(.waitSwabMinutes, tally.waitSwab.mean)
        put(.timeInSystemMinutes, tally.timeInSystem.mean)
        put(.timeInSystemP50Minutes, tally.timeInSystemSample.quantile(0.5) ?? 0)
        put(.timeInSystemP90Minutes, tally.timeInSystemSample.quantile(0.9) ?? 0)
        put(.timeInSystemP95Minutes, tally.timeInSystemSample.quantile(0.95) ?? 0)
        put(.timeInSystemMaxMinutes, tally.timeInSystem.count > 0 ? tally.timeInSystem.max : 0)
        put(.shareWaitingOver20Minutes, n > 0 ? Double(tally.over20) / n : 0)
        put(.shareWaitingOver60Minutes, n > 0 ? Double(tally.over60) / n : 0)
        put(.finishTimeMinutesAfterOpening, (end - round.opening) / 60)
        put(.finishedByDeadline, tally.swabbed + tally.gaveUp == arrivals.count && end <= round.deadline ? 1 : 0)
        put(.residentsSwabbed, Double(tally.swabbed))
        put(.residentsNotSwabbed, Double(arrivals.count - tally.swabbed - tally.gaveUp))
        put(.residentsGaveUp, Double(tally.gaveUp))
        put(.returnersTimeAwayMinutes, tally.returnersTimeAway.mean)
        // Busy and open desk time closed at one moment, after the last change of either (a
        // resident still registering after the last swab, a site where nobody is tally.swabbed).
        let close = max(end, tally.desksBusyLevel.lastChange, tally.desksOpenLevel.lastChange)
        tally.desksBusyLevel.set(tally.desksBusyLevel.level, at: close)
        tally.desksOpenLevel.set(tally.desksOpenLevel.level, at: close)
        put(.registrationDeskUtilisation, tally.desksOpenLevel.area > 0 ? tally.desksBusyLevel.area / tally.desksOpenLevel.area : 0)
        var active = 0.0, busy = 0.0
        for t in teams.indices {
            active += crews.teamActive[t] + (crews.teamState[t] == .working ? max(0, end - crews.teamWorkStart[t]) : 0)
            busy += crews.teamBusy[t]
        }
        put(.swabTeamUtilisation, active > 0 ? min(1, busy / active) : 0)
        put(.longestStandingMinutes, tally.longestSpan / 60)
        put(.overtimeTeamMinutes, tally.overtime / 60)

        // Weather: minutes each site stood paused while it had residents to swab.
        var lost = 0.0
        for s in 0..<siteCount {
            var pausedSince: Double?
            for c in siteChanges where c.site == s {
                let paused = c.registrationSpeed == 0 || c.swabSpeed == 0
                if paused && pausedSince == nil { pausedSince = c.time }
                if !paused, let from = pausedSince {
                    lost += max(0, min(c.time, tally.lastSwabAtSite[s]) - max(from, round.opening))
                    pausedSince = nil
                }
            }
            if let from = pausedSince { lost += max(0, tally.lastSwabAtSite[s] - max(from, round.opening)) }
        }
        put(.minutesLostToWeather, lost / 60)

        // Tubes and the lab.
        put(.sampleAgeAtLabMeanMinutes, tally.sampleAge.mean)
        put(.sampleAgeAtLabP95Minutes, tally.sampleAgeSample.quantile(0.95) ?? 0)
        put(.sampleAgeAtLabMaxMinutes, tally.sampleAge.count > 0 ? tally.sampleAge.max : 0)
        put(.shareSamplesOverAgeLimit, tally.sampleAge.count > 0 ? Double(tally.samplesOverLimit) / Double(tally.sampleAge.count) : 0)
        put(.tubesUncollected, Double(tubesLeft))
        put(.tubesOverBoxCapacity, Double(tally.tubesOverBox))
        put(.courierRuns, Double(tally.courierRuns))
        put(.courierDistanceKm, tally.courierKilometres)

        // Door-to-door.
        put(.doorToDoorHouseholdsDone, Double(doorToDoor.teams.reduce(0) { $0 + $1.households }))
        put(.doorToDoorFinishMinutesAfterOpening, ((doorToDoor.teams.map(\.handoffTime).max() ?? round.opening) - round.opening) / 60)
        put(.doorToDoorTubes, Double(doorToDoor.teams.reduce(0) { $0 + $1.tubes.count }))

        tally.levels.finish(at: end)
        if tally.swabbed + tally.gaveUp < arrivals.count {
            // Residents still in a line when the last team left wait to the end of the record.
            let stop = max(events.now, staffEvents.now)
            for r in arrivals.indices {
                let site = Int(arrivals[r].site)
                switch log.stage[r] {
                case .waitingRegistration: tally.levels.addInterval(Level.registrationQueue(site), from: log.joinedLine[r], to: stop)
                case .waitingSwab: tally.levels.addInterval(Level.swabQueue(site), from: log.swabQueued[r], to: stop)
                default: break
                }
            }
        }
        var series: [SiteSeries] = []
        for s in 0..<siteCount {
            series.append(SiteSeries(registrationQueue: tally.levels.averages(of: Level.registrationQueue(s)),
                                     swabQueue: tally.levels.averages(of: Level.swabQueue(s)),
                                     stationsBusy: tally.levels.averages(of: Level.stationsBusy(s)),
                                     stationsStaffed: tally.levels.averages(of: Level.stationsStaffed(s)),
                                     paused: tally.levels.averages(of: Level.paused(s)),
                                     swabbed: tally.swabbedAtSite[s]))
        }
        var result = ReplicationResult(metrics: m, sites: series, events: taken)
        if recordDetail {
            let w = ReplicationResult.Detail.histogramMinutes
            func histogram(_ values: [Double]) -> [Int] {
                var h = Array(repeating: 0, count: 80)
                for v in values { h[Int(min(79, max(0, (v / w).isNaN ? 79 : v / w)))] += 1 }
                return h
            }
            result.detail = ReplicationResult.Detail(
                callUps: callUpWaits.indices.map { i in
                    let n = callUpWaits[i].count
                    let mean = n > 0 ? callUpWaits[i].values.reduce(0, +) / Double(n) : 0
                    return (n, mean, callUpWaits[i].quantile(0.5) ?? 0, callUpWaits[i].quantile(0.9) ?? 0, callUpWaits[i].quantile(0.95) ?? 0)
                },
                timeInSystem: histogram(tally.timeInSystemSample.values), sampleAge: histogram(tally.sampleAgeSample.values),
                courierRuns: fleet.log, gaveUpPerBuilding: gaveUpPerBuilding())
        }
        return result
    }
}
