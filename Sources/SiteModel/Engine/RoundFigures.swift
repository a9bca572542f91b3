import Scenario
import SimKit

/// What one replication measured, by site, team, courier and call-up in the scenario's and the
/// plan's order, closed at the end of the whole round: the one form the metrics are computed
/// from, whether the round ran as one event loop or as independent site groups (each group's
/// figures are placed at their global indices, then the metrics fold them in the same order).
struct RoundFigures {
    struct SiteFigures {
        var waitRegistration = Tally()
        var waitSwab = Tally()
        var timeInSystem = Tally()
        var returnersTimeAway = Tally()
        var desksBusyArea = 0.0
        var desksOpenArea = 0.0
        var lastSwab = 0.0
        var lostToWeatherSeconds = 0.0
        /// Residents who came, left for good, waited over 20 and 60 minutes; tubes over a box's
        /// capacity and left at the end (`residents` and `tubesLeft` only in a street).
        var residents = 0, gaveUp = 0, over20 = 0, over60 = 0, tubesOverBox = 0, tubesLeft = 0
        var series = SiteSeries(registrationQueue: [], swabQueue: [], stationsBusy: [], stationsStaffed: [], paused: [], swabbed: 0)
    }

    struct TeamFigures {
        var active = 0.0
        var busy = 0.0
        var overtime = 0.0
        var longestSpan = 0.0
    }

    struct CourierFigures {
        var kilometres = 0.0
        var sampleAge = Tally()
        var runs: [(departs: Double, tubes: Int)] = []
        var runCount = 0
        var samplesOverLimit = 0
    }

    var opening: Double
    var deadline: Double
    var end: Double
    var residents = 0
    var swabbed = 0
    var gaveUp = 0
    var over20 = 0, over60 = 0
    var longestSpan = 0.0
    var tubesOverBox = 0
    var tubesLeft = 0
    var courierRuns = 0
    var samplesOverLimit = 0
    var events = 0
    var sites: [SiteFigures]
    var teams: [TeamFigures]
    var couriers: [CourierFigures]
    var timeInSystemSample = QuantileSample()
    var sampleAgeSample = QuantileSample()
    /// In a street: the site of each time-in-system sample, the courier of each sample-age one.
    var timeInSystemSampleSite: [Int32] = []
    var sampleAgeSampleCourier: [Int32] = []
    /// With `recordDetail`: per call-up waits, and per building residents who gave up.
    var callUpWaits: [QuantileSample] = []
    var gaveUpByBuilding: [(building: Int, residents: Int)] = []
    var buildings = 0
    var recordDetail = false

    init(opening: Double, deadline: Double, end: Double, sites: Int, teams: Int, couriers: Int) {
        self.opening = opening; self.deadline = deadline; self.end = end
        self.sites = Array(repeating: SiteFigures(), count: sites)
        self.teams = Array(repeating: TeamFigures(), count: teams)
        self.couriers = Array(repeating: CourierFigures(), count: couriers)
    }

    init(_ round: CompiledRound, end: Double) {
        self.init(opening: round.opening, deadline: round.deadline, end: end,
                  sites: round.sites.count, teams: round.teams.count, couriers: round.couriers.count)
        buildings = round.scenario.buildings.count
    }

    /// Adds a site group's figures: its sites, teams, couriers and call-ups go to the global
    /// indices the maps give; counts add, samples join (a quantile does not depend on order).
    mutating func add(_ g: RoundFigures, sites siteMap: [Int], teams teamMap: [Int], couriers courierMap: [Int], callUps callUpMap: [Int]) {
        residents += g.residents; swabbed += g.swabbed; gaveUp += g.gaveUp
        over20 += g.over20; over60 += g.over60
        longestSpan = max(longestSpan, g.longestSpan)
        tubesOverBox += g.tubesOverBox; tubesLeft += g.tubesLeft; courierRuns += g.courierRuns
        samplesOverLimit += g.samplesOverLimit; events += g.events
        for (local, global) in siteMap.enumerated() { sites[global] = g.sites[local] }
        for (local, global) in teamMap.enumerated() { teams[global] = g.teams[local] }
        for (local, global) in courierMap.enumerated() { couriers[global] = g.couriers[local] }
        for x in g.timeInSystemSample.values { timeInSystemSample.add(x) }
        for x in g.sampleAgeSample.values { sampleAgeSample.add(x) }
        for s in g.timeInSystemSampleSite { timeInSystemSampleSite.append(Int32(siteMap[Int(s)])) }
        for c in g.sampleAgeSampleCourier { sampleAgeSampleCourier.append(Int32(courierMap[Int(c)])) }
        if recordDetail {
            for (local, global) in callUpMap.enumerated() where local < g.callUpWaits.count { callUpWaits[global] = g.callUpWaits[local] }
            gaveUpByBuilding += g.gaveUpByBuilding
        }
    }

    /// The metrics of the replication; every sum over sites, teams or couriers in their order.
    mutating func result(doorToDoor: DoorToDoorRun) -> ReplicationResult {
        var m = Array(repeating: 0.0, count: MetricName.allCases.count)
        func put(_ name: MetricName, _ v: Double) { m[MetricName.index[name]!] = v }
        var waitRegistration = Tally(), waitSwab = Tally(), timeInSystem = Tally(), returners = Tally()
        var busyArea = 0.0, openArea = 0.0, lost = 0.0
        for s in sites {
            waitRegistration.merge(s.waitRegistration)
            waitSwab.merge(s.waitSwab)
            timeInSystem.merge(s.timeInSystem)
            returners.merge(s.returnersTimeAway)
            busyArea += s.desksBusyArea
            openArea += s.desksOpenArea
            lost += s.lostToWeatherSeconds
        }
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
        put(.finishTimeMinutesAfterOpening, (end - opening) / 60)
        put(.finishedByDeadline, swabbed + gaveUp == residents && end <= deadline ? 1 : 0)
        put(.residentsSwabbed, Double(swabbed))
        put(.residentsNotSwabbed, Double(residents - swabbed - gaveUp))
        put(.residentsGaveUp, Double(gaveUp))
        put(.returnersTimeAwayMinutes, returners.mean)
        put(.registrationDeskUtilisation, openArea > 0 ? busyArea / openArea : 0)
        var active = 0.0, busy = 0.0, overtime = 0.0
        for t in teams { active += t.active; busy += t.busy; overtime += t.overtime }
        put(.swabTeamUtilisation, active > 0 ? min(1, busy / active) : 0)
        put(.longestStandingMinutes, longestSpan / 60)
        put(.overtimeTeamMinutes, overtime / 60)
        put(.minutesLostToWeather, lost / 60)

        var sampleAge = Tally(), kilometres = 0.0
        for c in couriers { sampleAge.merge(c.sampleAge); kilometres += c.kilometres }
        put(.sampleAgeAtLabMeanMinutes, sampleAge.mean)
        put(.sampleAgeAtLabP95Minutes, sampleAgeSample.quantile(0.95) ?? 0)
        put(.sampleAgeAtLabMaxMinutes, sampleAge.count > 0 ? sampleAge.max : 0)
        put(.shareSamplesOverAgeLimit, sampleAge.count > 0 ? Double(samplesOverLimit) / Double(sampleAge.count) : 0)
        put(.tubesUncollected, Double(tubesLeft))
        put(.tubesOverBoxCapacity, Double(tubesOverBox))
        put(.courierRuns, Double(courierRuns))
        put(.courierDistanceKm, kilometres)

        put(.doorToDoorHouseholdsDone, Double(doorToDoor.teams.reduce(0) { $0 + $1.households }))
        put(.doorToDoorFinishMinutesAfterOpening, ((doorToDoor.teams.map(\.handoffTime).max() ?? opening) - opening) / 60)
        put(.doorToDoorTubes, Double(doorToDoor.teams.reduce(0) { $0 + $1.tubes.count }))

        var result = ReplicationResult(metrics: m, sites: sites.map(\.series), events: events)
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
                timeInSystem: histogram(timeInSystemSample.values), sampleAge: histogram(sampleAgeSample.values),
                courierRuns: couriers.map(\.runs), gaveUpPerBuilding: perBuilding(gaveUpByBuilding))
        }
        return result
    }

    private func perBuilding(_ pairs: [(building: Int, residents: Int)]) -> [Int] {
        var counts = Array(repeating: 0, count: buildings)
        for p in pairs { counts[p.building] += p.residents }
        return counts
    }
}

extension RoundFigures {
    /// The figures of one community of a street: its sites, the teams and door-to-door teams
    /// that work there, the couriers that call there (a courier shared with another community
    /// brings its figures whole), its call-ups and buildings. Counts are summed over those,
    /// samples kept where they are tagged with them, the end is its own last swab.
    func community(sites: Range<Int>, teams: [Int], couriers: [Int], callUps: Range<Int>, buildings: Range<Int>, deadline: Double) -> RoundFigures {
        var f = RoundFigures(opening: opening, deadline: deadline, end: opening, sites: sites.count, teams: teams.count, couriers: couriers.count)
        f.recordDetail = recordDetail
        f.buildings = buildings.count
        f.events = events
        for (l, s) in sites.enumerated() {
            let x = self.sites[s]
            f.sites[l] = x
            f.residents += x.residents; f.swabbed += x.series.swabbed; f.gaveUp += x.gaveUp
            f.over20 += x.over20; f.over60 += x.over60
            f.tubesOverBox += x.tubesOverBox; f.tubesLeft += x.tubesLeft
            if x.series.swabbed > 0 { f.end = max(f.end, x.lastSwab) }
        }
        for (l, t) in teams.enumerated() { f.teams[l] = self.teams[t]; f.longestSpan = max(f.longestSpan, self.teams[t].longestSpan) }
        var courierLocal = [Int: Int]()
        for (l, c) in couriers.enumerated() {
            f.couriers[l] = self.couriers[c]
            f.courierRuns += self.couriers[c].runCount; f.samplesOverLimit += self.couriers[c].samplesOverLimit
            courierLocal[c] = l
        }
        for (k, x) in timeInSystemSample.values.enumerated() where sites.contains(Int(timeInSystemSampleSite[k])) { f.timeInSystemSample.add(x) }
        for (k, x) in sampleAgeSample.values.enumerated() where courierLocal[Int(sampleAgeSampleCourier[k])] != nil { f.sampleAgeSample.add(x) }
        if recordDetail {
            f.callUpWaits = callUps.map { callUpWaits[$0] }
            f.gaveUpByBuilding = gaveUpByBuilding.filter { buildings.contains($0.building) }.map { ($0.building - buildings.lowerBound, $0.residents) }
        }
        return f
    }
}
