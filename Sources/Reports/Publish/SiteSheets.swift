import Scenario
import SimKit
import SiteModel

/// `site-sheets.html`: one printable A4 page per site for the people who run it, in the
/// scenario's language: the timetable by building (window, floors, residents expected, typical
/// and busy-moment wait), the teams with their hours, breaks and relief, the desks open, the
/// courier pick-ups, and the door-to-door teams that hand their tubes over there.
enum SiteSheets {
    static let style = """
    body{padding:12px;font-size:13px}
    h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:14px 0 4px;border-bottom:1px solid #ccc}
    td,th{padding:2px 5px;border-bottom:1px solid #eee;text-align:left}
    section{margin-bottom:28px}.muted{font-size:11px}
    .timetable td,.teams td:nth-child(-n+3){white-space:nowrap}.scroll{overflow-x:auto}
    @page{size:A4;margin:12mm}
    @media print{body{font-size:11px;padding:0}h1{font-size:17px}h2{font-size:13px;margin:7px 0 2px}td,th{padding:1px 4px}
    section{break-after:page;page-break-after:always;margin:0}section:last-child{break-after:auto}p{margin:3px 0}}
    """

    /// `state`: the morning as it stands, for sheets re-issued after a re-plan: the desks and
    /// teams the command post reported replace the plan's from its time on.
    static func html(_ r: ExperimentResult, state: MorningState? = nil, _ w: Wording) -> String {
        let s = r.scenario, plan = r.plan
        // Registrars numbered across the sites in order, as many at each as its desks open at
        // most (the plan's staffing, else all it has), so each sheet names who runs its desks.
        var registrarsAt: [Range<Int>] = []
        var next = 1
        for site in s.sites {
            let periods = plan.staffing.filter { $0.site == site.id }
            let most = periods.isEmpty ? site.registrationDesks : periods.map(\.desks).max()!
            let k = max(0, min(most, s.staff.registrars - next + 1))
            registrarsAt.append(next..<(next + k))
            next += k
        }
        let d = ScheduleFiles.details(r)
        let roster = TeamRoster(scenario: s, plan: plan)
        var h = PageStyle.head(w.language, title: w(.sheetsTitle, w.name(s)), style: style)
        func wait(_ i: Int, _ q: (ReplicationResult.Detail) -> Double) -> Double {
            Tally(d.filter { $0.callUps[i].swabbed > 0 }.map(q)).mean
        }
        func heading(_ p: Phrase) -> String { "<h2>\(HTML.escape(w(p)))</h2>" }
        func header(_ p: Phrase) -> String { ReportPage.row(w.columns(p).map(HTML.escape), header: true) }
        let end = roster.workEnds, relievedBy = roster.relievedBy
        let runs = ScheduleFiles.plannedRuns(r)
        let doorToDoor = s.doorToDoorTeams(under: plan)
        // The round's name, and its date only when the name does not say it already (a sheet
        // shows the date once).
        let name = w.name(s)
        let named = NoticeDate(s.round.date).map { d in
            [s.round.date, "\(d.month)月\(d.day)日", "\(d.day) \(w(Wording.months[d.month - 1]))"].contains { name.contains($0) }
        } ?? false
        let meta = named ? w(.sheetMetaNamed, name, ClockTime.format(s.round.opening), ClockTime.format(s.round.deadline))
            : w(.sheetMeta, name, w.date(s.round.date), ClockTime.format(s.round.opening), ClockTime.format(s.round.deadline))
        // Call-ups by site, in time order, once (a district has hundreds of sites).
        var callsAt: [String: [Int]] = [:]
        for i in plan.callUps.indices { callsAt[plan.callUps[i].site, default: []].append(i) }
        for (si, site) in s.sites.enumerated() {
            h += "<section><h1>\(HTML.escape(w.name(site)))</h1>"
            h += "<p class=\"muted\">\(HTML.escape(meta))</p>"
            // Timetable.
            let calls = (callsAt[site.id] ?? []).sorted { (plan.callUps[$0].window.start, $0) < (plan.callUps[$1].window.start, $1) }
            h += heading(.sheetTimetable) + "<div class=\"scroll\"><table class=\"timetable\">" + header(.timetableColumns)
            for i in calls {
                let c = plan.callUps[i]
                let b = w.buildingName(c.building, s)
                let swabbed = Tally(d.map { Double($0.callUps[i].swabbed) }).mean
                h += ReportPage.row([c.window.description, HTML.escape(b), HTML.escape(w.floors(c.floors)), Format.fixed(swabbed, 0),
                                     "\(Format.fixed(wait(i) { $0.callUps[i].p50Wait }, 0)) / \(Format.fixed(wait(i) { $0.callUps[i].p90Wait }, 0))"])
            }
            if calls.isEmpty { h += "<tr><td colspan=\"5\">\(HTML.escape(w(.noCallUps)))</td></tr>" }
            h += "</table></div>"
            // Teams.
            h += heading(.sheetTeams) + "<table class=\"teams\">" + header(.teamColumns)
            for t in roster.teams.indices where roster.teams[t].site == si {
                let team = roster.teams[t]
                let until = relievedBy[t].map { w(.relievedBy, ClockTime.format(end[t]), w.team(roster, $0, s)) } ?? ClockTime.format(end[t])
                h += ReportPage.row([HTML.escape(w.team(roster, t, s)), String(team.slot + 1), ClockTime.format(team.readyAt), HTML.escape(until),
                                     w.enumerate(team.breaks(until: min(end[t], s.round.deadline)).map(\.description))])
            }
            h += "</table>"
            // Desks.
            let periods = plan.staffing.filter { $0.site == site.id }.sorted { $0.period.start < $1.period.start }
            h += heading(.sheetDesks) + "<p>" + HTML.escape(periods.isEmpty ? w(.desksAllOpen, site.registrationDesks)
                : w.list(periods.map { w(.deskPeriod, $0.period.description, $0.desks, $0.stations) }) + w(.desksOtherwise, site.registrationDesks)) + "</p>"
            if !registrarsAt[si].isEmpty {
                let range = registrarsAt[si]
                h += "<p>" + HTML.escape(range.count == 1 ? w(.registrarHere, range.lowerBound) : w(.registrarsHere, range.lowerBound, range.upperBound - 1)) + "</p>"
            }
            // People coming to open desks here, or leaving for another site's.
            let moves = plan.deskMoves.filter { $0.to == site.id || $0.from == site.id }.sorted { $0.at < $1.at }
            if !moves.isEmpty { h += "<p>" + HTML.escape(w.list(moves.map { w.deskMove($0, s) })) + "</p>" }
            if let state {
                // What the morning has changed here since the plan.
                var said: [String] = []
                if let n = state.desks[site.id] { said.append(w(.stateDesks, ClockTime.format(state.at), n)) }
                for gone in state.goneTeams {
                    guard let t = roster.index(cohort: gone.cohort, number: gone.team), roster.teams[t].site == si else { continue }
                    said.append(w(.stateTeamGone, w.team(roster, t, s), ClockTime.format(state.at)))
                }
                for (c, late) in state.lateCohorts.sorted(by: { $0.key < $1.key })
                where roster.teams.contains(where: { s.staff.cohorts[$0.cohort].id == c && $0.site == si }) {
                    said.append(w(.stateLate, s.staff.cohorts.first { $0.id == c }.map(w.name) ?? c, Int((late / 60).rounded())))
                }
                if !said.isEmpty { h += "<p><strong>" + HTML.escape(w(.stateOnSheet, ClockTime.format(state.at)) + w.list(said)) + "</strong></p>" }
            }
            let workers = plan.roles.filter { $0.site == site.id }.sorted { ($0.period.start, $0.worker) < ($1.period.start, $1.worker) }
            if !workers.isEmpty {
                h += "<p>" + HTML.escape(w(.workersHere, w.list(workers.map { w(.workerItem, $0.worker, w.role($0.role), w.period($0.period)) }))) + "</p>"
            }
            // Couriers: the clock times they reach this site (dry weather).
            let pickups = runs.compactMap { run in run.stops.first { $0.site == site.id }.map { w(.pickupAbout, run.courier, ClockTime.format($0.at)) } }
            h += heading(.sheetCouriers) + "<p>" + HTML.escape(pickups.isEmpty ? w(.none) : w.enumerate(pickups)) + "</p>"
            let handing = doorToDoor.filter { $0.handoff == site.id }
            if !handing.isEmpty {
                h += heading(.sheetDoorToDoor) + "<p>" + HTML.escape(w.enumerate(handing.map { w(.doorToDoorItem, $0.id, $0.buildings.count, ClockTime.format($0.start)) })) + "</p>"
            }
            h += "</section>\n"
        }
        return h + "</body></html>\n"
    }
}
