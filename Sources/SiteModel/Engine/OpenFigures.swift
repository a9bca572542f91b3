import Scenario
import SimKit

/// A round's (or a site group's) figures at its own end, before they are closed at the whole
/// round's: what still runs to the end is kept open (the span a team is working, every level's
/// record, the residents still in a line, the desks' time). Closed in the process that ran the
/// group, or shipped to another (`GroupPartialResult`) and closed there to the same bits.
struct OpenFigures {
    /// Closed but for the teams' open spans, the desks' areas and the sites' series.
    var figures: RoundFigures
    /// Per team: the start of the span it is still working at the end (NaN: none).
    var workingSince: [Double]
    var levels: BinnedLevels
    var stillWaiting: [(level: Int, since: Double)]
    var desksBusy: [TimeWeighted]
    var desksOpen: [TimeWeighted]
    /// This part's own last swab, last event and last desk change: the whole round's are the
    /// largest over its parts.
    var end: Double
    var stop: Double
    var lastDeskChange: Double

    /// The figures closed at the whole round's `end` (last swab), `stop` (last event) and
    /// `deskClose` (when desk time is closed).
    func closed(end: Double, stop: Double, deskClose: Double) -> RoundFigures {
        var f = figures
        f.end = end
        for t in f.teams.indices {
            f.teams[t].active = f.teams[t].active + (workingSince[t].isNaN ? 0 : max(0, end - workingSince[t]))
        }
        var levels = self.levels
        levels.finish(at: end)
        // Residents still in a line when the last team left wait to the end of the record.
        for w in stillWaiting { levels.addInterval(w.level, from: w.since, to: stop) }
        for s in f.sites.indices {
            var busy = desksBusy[s], open = desksOpen[s]
            busy.set(busy.level, at: deskClose)
            open.set(open.level, at: deskClose)
            f.sites[s].desksBusyArea = busy.area
            f.sites[s].desksOpenArea = open.area
            f.sites[s].series = SiteSeries(registrationQueue: levels.averages(of: Level.registrationQueue(s)),
                                           swabQueue: levels.averages(of: Level.swabQueue(s)),
                                           stationsBusy: levels.averages(of: Level.stationsBusy(s)),
                                           stationsStaffed: levels.averages(of: Level.stationsStaffed(s)),
                                           paused: levels.averages(of: Level.paused(s)),
                                           swabbed: f.sites[s].series.swabbed)
        }
        return f
    }
}
