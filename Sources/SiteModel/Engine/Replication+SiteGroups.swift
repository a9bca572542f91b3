import Scenario
import SimKit

/// One site group's run, its figures still open at its own end (`OpenFigures`): closed with the
/// other groups' at the whole round's end, in this process or, shipped in a
/// `GroupPartialResult`, in another.
struct GroupOutcome {
    var open: OpenFigures
    /// The group's run without the weather, in its local site indices.
    var dry: DryFigures?
}

extension CompiledRound {
    /// Each site group as a round of its own on its share of the residents, then the figures
    /// placed at their global indices and closed at the whole round's end.
    func simulateApart(_ split: SiteGroupSplit, arrivals: inout [Arrival], dryArrivals: inout [Arrival]?, weather: WeatherDraw,
                       doorToDoor: DoorToDoorRun, options: RunOptions, jobs: Int) -> (RoundFigures, DryFigures?) {
        let outcomes = runGroups(split, Array(split.groups.indices), arrivals: &arrivals, dryArrivals: &dryArrivals, weather: weather,
                                 doorToDoor: doorToDoor, options: options, jobs: jobs)
        return closeGroups(split, outcomes, recordDetail: options.recordDetail)
    }

    /// The groups `groups` (indices into `split.groups`) run apart on up to `jobs` threads, in
    /// that order; the other groups' residents are set aside unrun.
    func runGroups(_ split: SiteGroupSplit, _ groups: [Int], arrivals: inout [Arrival], dryArrivals: inout [Arrival]?,
                   weather: WeatherDraw, doorToDoor: DoorToDoorRun, options: RunOptions, jobs: Int) -> [GroupOutcome] {
        // `arrivals` come in draw order: each group sorts its own share.
        let groupArrivals = split.partition(arrivals, siteGroup: siteGroup)
        let groupDry = dryArrivals.map { split.partition($0, siteGroup: siteGroup) }
        arrivals = []; dryArrivals = nil // the groups hold them now
        let groupDoorToDoor = split.partition(doorToDoor, siteGroup: siteGroup)
        let tubesOn = scenario.logistics.lab != nil
        let runs = Replications.run(count: groups.count, jobs: jobs) { k -> GroupOutcomeBox in
            let g = groups[k]
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
            let open = state.openFigures()
            var dryFigures: DryFigures?
            if var dry {
                dry.run()
                dryFigures = DryFigures(dry)
            }
            return GroupOutcomeBox(outcome: GroupOutcome(open: open, dry: dryFigures))
        }
        return runs.map(\.outcome)
    }

    /// Every group's outcome (in group order) closed at the whole round's end (the latest
    /// group's) and placed at the global indices.
    func closeGroups(_ split: SiteGroupSplit, _ outcomes: [GroupOutcome], recordDetail: Bool) -> (RoundFigures, DryFigures?) {
        precondition(outcomes.count == split.groups.count, "every group's outcome, in order")
        let end = outcomes.map(\.open.end).max() ?? opening
        let stop = outcomes.map(\.open.stop).max() ?? opening
        let deskClose = max(end, outcomes.map(\.open.lastDeskChange).max() ?? end)
        var figures = RoundFigures(self, end: end)
        if recordDetail {
            figures.recordDetail = true
            figures.callUpWaits = Array(repeating: QuantileSample(), count: callUpBuildings.count)
        }
        var dry = DryFigures(timeInSystem: Array(repeating: Tally(), count: sites.count), gaveUp: Array(repeating: 0, count: sites.count))
        for (g, outcome) in outcomes.enumerated() {
            let group = split.groups[g]
            figures.add(outcome.open.closed(end: end, stop: stop, deskClose: deskClose),
                        sites: group.sites, teams: group.teams, couriers: group.couriers, callUps: group.callUps)
            if let d = outcome.dry {
                for (l, t) in d.timeInSystem.enumerated() { dry.timeInSystem[group.sites[l]] = t }
                for (l, n) in d.gaveUp.enumerated() { dry.gaveUp[group.sites[l]] = n }
                dry.events += d.events
            }
        }
        return (figures, outcomes.contains { $0.dry != nil } ? dry : nil)
    }
}

/// A site group's outcome, handed from the thread that ran it.
private struct GroupOutcomeBox: @unchecked Sendable {
    var outcome: GroupOutcome
}
