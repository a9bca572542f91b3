import Scenario
import SimKit

extension RoundState {
    /// Still in the registration line when everything stopped: they left when their patience
    /// ran out (the end of `run()`).
    mutating func residentsStillWaitingGaveUp() {
        guard patienceOn else { return }
        for r in arrivals.indices where log.stage[r] == .waitingRegistration && arrivals[r].patienceSeconds.isFinite {
            log.stage[r] = .away
            gaveUp += 1
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
        let end = max(lastSwab, round.opening)
        var m = Array(repeating: 0.0, count: MetricName.allCases.count)
        func put(_ name: MetricName, _ v: Double) { m[MetricName.index[name]!] = v }
        let n = Double(timeInSystem.count)
        put(.waitRegistrationMinutes, waitRegistration.mean)
        put(.waitSwabMinutes, waitSwab.mean)
        put(.timeInSystemMinutes, timeInSystem.mean)
        put(.timeInSystemP50Minutes, timeInSystemSample.quantile(0.5) ?? 0)
        put(.timeInSystemP90Minutes, timeInSystemSample.quantile(0.9) ?? 0)
        put(.timeInSystemP95Minutes, timeInSystemSample.quantile(0.95) ?? 0)
        put(.timeInSystemMaxMinutes, timeInSystem.count > 0 ? timeInSystem.max : 0)
        put(.shareWaitingOver20Minutes, n > 0 ? Double(over20) / n : 0)
        put(.shareWaitingOver60Minutes, n > 0 ? Double(over60) / n : 0)
        put(.finishTimeMinutesAfterOpening, (end - round.opening) / 60)
        put(.finishedByDeadline, swabbed + gaveUp == arrivals.count && end <= round.deadline ? 1 : 0)
        put(.residentsSwabbed, Double(swabbed))
        put(.residentsNotSwabbed, Double(arrivals.count - swabbed - gaveUp))
        put(.residentsGaveUp, Double(gaveUp))
        put(.returnersTimeAwayMinutes, returnersTimeAway.mean)
        // Busy and open desk time closed at one moment, after the last change of either (a
        // resident still registering after the last swab, a site where nobody is swabbed).
        let close = max(end, desksBusyLevel.lastChange, desksOpenLevel.lastChange)
        desksBusyLevel.set(desksBusyLevel.level, at: close)
        desksOpenLevel.set(desksOpenLevel.level, at: close)
        put(.registrationDeskUtilisation, desksOpenLevel.area > 0 ? desksBusyLevel.area / desksOpenLevel.area : 0)
        var active = 0.0, busy = 0.0
        for t in teams.indices {
            active += crews.teamActive[t] + (crews.teamState[t] == .working ? max(0, end - crews.teamWorkStart[t]) : 0)
            busy += crews.teamBusy[t]
        }
        put(.swabTeamUtilisation, active > 0 ? min(1, busy / active) : 0)
        put(.longestStandingMinutes, longestSpan / 60)
        put(.overtimeTeamMinutes, overtime / 60)

        // Weather: minutes each site stood paused while it had residents to swab.
        var lost = 0.0
        for s in 0..<siteCount {
            var pausedSince: Double?
            for c in siteChanges where c.site == s {
                let paused = c.registrationSpeed == 0 || c.swabSpeed == 0
                if paused && pausedSince == nil { pausedSince = c.time }
                if !paused, let from = pausedSince {
                    lost += max(0, min(c.time, lastSwabAtSite[s]) - max(from, round.opening))
                    pausedSince = nil
                }
            }
            if let from = pausedSince { lost += max(0, lastSwabAtSite[s] - max(from, round.opening)) }
        }
        put(.minutesLostToWeather, lost / 60)

        // Tubes and the lab.
        put(.sampleAgeAtLabMeanMinutes, sampleAge.mean)
        put(.sampleAgeAtLabP95Minutes, sampleAgeSample.quantile(0.95) ?? 0)
        put(.sampleAgeAtLabMaxMinutes, sampleAge.count > 0 ? sampleAge.max : 0)
        put(.shareSamplesOverAgeLimit, sampleAge.count > 0 ? Double(samplesOverLimit) / Double(sampleAge.count) : 0)
        put(.tubesUncollected, Double(tubesLeft))
        put(.tubesOverBoxCapacity, Double(tubesOverBox))
        put(.courierRuns, Double(courierRuns))
        put(.courierDistanceKm, courierKilometres)

        // Door-to-door.
        put(.doorToDoorHouseholdsDone, Double(doorToDoor.teams.reduce(0) { $0 + $1.households }))
        put(.doorToDoorFinishMinutesAfterOpening, ((doorToDoor.teams.map(\.handoffTime).max() ?? round.opening) - round.opening) / 60)
        put(.doorToDoorTubes, Double(doorToDoor.teams.reduce(0) { $0 + $1.tubes.count }))

        levels.finish(at: end)
        if swabbed + gaveUp < arrivals.count {
            // Residents still in a line when the last team left wait to the end of the record.
            let stop = max(events.now, staffEvents.now)
            for r in arrivals.indices {
                let site = Int(arrivals[r].site)
                switch log.stage[r] {
                case .waitingRegistration: levels.addInterval(Level.registrationQueue(site), from: log.joinedLine[r], to: stop)
                case .waitingSwab: levels.addInterval(Level.swabQueue(site), from: log.swabQueued[r], to: stop)
                default: break
                }
            }
        }
        var series: [SiteSeries] = []
        for s in 0..<siteCount {
            series.append(SiteSeries(registrationQueue: levels.averages(of: Level.registrationQueue(s)),
                                     swabQueue: levels.averages(of: Level.swabQueue(s)),
                                     stationsBusy: levels.averages(of: Level.stationsBusy(s)),
                                     stationsStaffed: levels.averages(of: Level.stationsStaffed(s)),
                                     paused: levels.averages(of: Level.paused(s)),
                                     swabbed: swabbedAtSite[s]))
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
                    return (n, mean, callUpWaits[i].quantile(0.95) ?? 0)
                },
                timeInSystem: histogram(timeInSystemSample.values), sampleAge: histogram(sampleAgeSample.values),
                courierRuns: courierLog, gaveUpPerBuilding: gaveUpPerBuilding())
        }
        return result
    }
}
