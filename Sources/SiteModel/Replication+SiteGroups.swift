import Scenario
import SimKit

extension CompiledRound {
    /// Each site group as a round of its own on its share of the residents, then the figures
    /// placed at their global indices and closed at the whole round's end.
    func simulateApart(_ split: SiteGroupSplit, arrivals: inout [Arrival], dryArrivals: inout [Arrival]?, weather: WeatherDraw,
                       doorToDoor: DoorToDoorRun, options: RunOptions, jobs: Int) -> (RoundFigures, DryFigures?) {
        // `arrivals` come in draw order: each group sorts its own share.
        let groupArrivals = split.partition(arrivals, siteGroup: siteGroup)
        let groupDry = dryArrivals.map { split.partition($0, siteGroup: siteGroup) }
        arrivals = []; dryArrivals = nil // the groups hold them now
        let groupDoorToDoor = split.partition(doorToDoor, siteGroup: siteGroup)
        let tubesOn = scenario.logistics.lab != nil
        let runs = Replications.run(count: split.groups.count, jobs: jobs) { g -> GroupRun in
            let range = groupArrivals.offsets[g]..<groupArrivals.offsets[g + 1]
            var mine = Array(groupArrivals.flat[range])
            var mineDry = groupDry.map { Array($0.flat[$0.offsets[g]..<$0.offsets[g + 1]]) }
            BucketSort.sort(&mine, alongWith: &mineDry) { $0.time }
            var state = RoundState(round: split.groups[g].round, arrivals: mine, weather: weather,
                                   doorToDoor: groupDoorToDoor[g], tubesOn: tubesOn, options: options)
            state.start()
            var dry: RoundState?
            if let firstEpisode = weather.firstEpisodeStart, let mineDry {
                state.run(until: firstEpisode)
                dry = state.twinWithoutWeather(dryArrivals: mineDry)
            }
            state.run()
            // The figures wait for every group's end: keep only what they need.
            state.releaseResidents()
            var dryFigures: DryFigures?
            if var dry {
                dry.run()
                dryFigures = DryFigures(dry)
            }
            return GroupRun(state: state, dry: dryFigures)
        }
        let end = runs.map(\.state.end).max() ?? opening
        let stop = runs.map(\.state.stop).max() ?? opening
        let deskClose = max(end, runs.map(\.state.lastDeskChange).max() ?? end)
        var figures = RoundFigures(self, end: end)
        if options.recordDetail {
            figures.recordDetail = true
            figures.callUpWaits = Array(repeating: QuantileSample(), count: callUpBuildings.count)
        }
        var dry = DryFigures(timeInSystem: Array(repeating: Tally(), count: sites.count), gaveUp: Array(repeating: 0, count: sites.count))
        for (g, run) in runs.enumerated() {
            var state = run.state
            let group = split.groups[g]
            figures.add(state.figures(end: end, stop: stop, deskClose: deskClose),
                        sites: group.sites, teams: group.teams, couriers: group.couriers, callUps: group.callUps)
            if let d = run.dry {
                for (l, t) in d.timeInSystem.enumerated() { dry.timeInSystem[group.sites[l]] = t }
                for (l, n) in d.gaveUp.enumerated() { dry.gaveUp[group.sites[l]] = n }
            }
        }
        return (figures, runs.contains { $0.dry != nil } ? dry : nil)
    }
}

/// A site group's state after its run, handed from the thread that ran it.
private struct GroupRun: @unchecked Sendable {
    var state: RoundState
    var dry: DryFigures?
}
