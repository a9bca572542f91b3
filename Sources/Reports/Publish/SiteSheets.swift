import Scenario
import SimKit
import SiteModel

/// `site-sheets.html`: one printable A4 page per site for the people who run it: the timetable
/// by building (window, floors, residents expected, typical and busy-moment wait), the teams
/// with their hours, breaks and relief, the desks open, the courier pick-ups, and the
/// door-to-door teams that hand their tubes over there.
enum SiteSheets {
    static func html(_ r: ExperimentResult) -> String {
        let s = r.scenario, plan = r.plan
        let d = ScheduleFiles.details(r)
        let roster = TeamRoster(scenario: s, plan: plan)
        var h = """
        <!DOCTYPE html>
        <html lang="zh"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(HTML.escape(s.name)): site sheets</title>
        <style>
        body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:820px;padding:12px;color:#222;font-size:13px}
        h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:14px 0 4px;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;width:100%}td,th{padding:2px 5px;border-bottom:1px solid #eee;text-align:left}
        section{margin-bottom:28px}.muted{color:#666;font-size:11px}
        @page{size:A4;margin:12mm}
        @media print{body{max-width:none;padding:0}section{break-after:page;page-break-after:always;margin:0}section:last-child{break-after:auto}}
        </style></head><body>

        """
        func wait(_ i: Int, _ q: (ReplicationResult.Detail) -> Double) -> Double {
            Tally(d.filter { $0.callUps[i].swabbed > 0 }.map(q)).mean
        }
        let end = roster.workEnds, relievedBy = roster.relievedBy
        let runs = ScheduleFiles.plannedRuns(r)
        for (si, site) in s.sites.enumerated() {
            h += "<section><h1>\(HTML.escape(site.name))</h1>"
            h += "<p class=\"muted\">\(HTML.escape(s.name)), \(HTML.escape(s.round.date)) \(ClockTime.format(s.round.opening))-\(ClockTime.format(s.round.deadline))</p>"
            // Timetable.
            let calls = plan.callUps.indices.filter { plan.callUps[$0].site == site.id }.sorted { (plan.callUps[$0].window.start, $0) < (plan.callUps[$1].window.start, $1) }
            h += "<h2>Timetable</h2><table><tr><th>window</th><th>building</th><th>floors</th><th>residents</th><th>wait, typical / busy (min)</th></tr>"
            for i in calls {
                let c = plan.callUps[i]
                let b = s.buildingIndex(c.building).map { s.buildings[$0].name } ?? c.building
                let swabbed = Tally(d.map { Double($0.callUps[i].swabbed) }).mean
                h += "<tr><td>\(c.window.description)</td><td>\(HTML.escape(b))</td><td>\(c.floors.map { "\($0.lowerBound)\u{2013}\($0.upperBound)" } ?? "all")</td>"
                h += "<td>\(Format.fixed(swabbed, 0))</td><td>\(Format.fixed(wait(i) { $0.callUps[i].p50Wait }, 0)) / \(Format.fixed(wait(i) { $0.callUps[i].p90Wait }, 0))</td></tr>"
            }
            if calls.isEmpty { h += "<tr><td colspan=\"5\">No call-ups here.</td></tr>" }
            h += "</table>"
            // Teams.
            h += "<h2>Swab teams</h2><table><tr><th>team</th><th>station</th><th>ready</th><th>until</th><th>breaks</th></tr>"
            for t in roster.teams.indices where roster.teams[t].site == si {
                let team = roster.teams[t]
                let until = relievedBy[t].map { "\(ClockTime.format(end[t])) (relieved by \(roster.name($0, s)))" } ?? ClockTime.format(end[t])
                h += "<tr><td>\(HTML.escape(roster.name(t, s)))</td><td>\(team.slot + 1)</td><td>\(ClockTime.format(team.readyAt))</td><td>\(HTML.escape(until))</td>"
                h += "<td>\(team.breaks(until: min(end[t], s.round.deadline)).map(\.description).joined(separator: ", "))</td></tr>"
            }
            h += "</table>"
            // Desks.
            let periods = plan.staffing.filter { $0.site == site.id }.sorted { $0.period.start < $1.period.start }
            h += "<h2>Registration desks</h2><p>" + (periods.isEmpty ? "All \(site.registrationDesks) desks open throughout."
                : periods.map { "\($0.period.description): \($0.desks) desks, \($0.stations) stations" }.joined(separator: "; ") + "; otherwise all \(site.registrationDesks) desks.") + "</p>"
            let workers = plan.roles.filter { $0.site == site.id }.sorted { ($0.period.start, $0.worker) < ($1.period.start, $1.worker) }
            if !workers.isEmpty {
                h += "<p>Community workers here: " + workers.map { "\($0.worker) \($0.role.rawValue.replacingOccurrences(of: "_", with: " ")) \($0.period.description)" }.joined(separator: "; ") + "</p>"
            }
            // Couriers: the clock times they reach this site (dry weather).
            let pickups = runs.compactMap { run in run.stops.first { $0.site == site.id }.map { "\(run.courier) about \(ClockTime.format($0.at))" } }
            h += "<h2>Courier pick-ups</h2><p>" + (pickups.isEmpty ? "None." : pickups.joined(separator: ", ")) + "</p>"
            let handing = s.doorToDoorTeams(under: plan).filter { $0.handoff == site.id }
            if !handing.isEmpty {
                h += "<h2>Door-to-door teams handing over here</h2><p>" + handing.map { "\(HTML.escape($0.id)) (\($0.buildings.count) buildings, from \(ClockTime.format($0.start)))" }.joined(separator: ", ") + "</p>"
            }
            h += "</section>\n"
        }
        return h + "</body></html>\n"
    }
}
