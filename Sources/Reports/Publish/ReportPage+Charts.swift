import Foundation
import Scenario
import SimKit
import SiteModel

/// The report's charts: queues per site, time in system, the staff timeline, sample age.
extension ReportPage {
    static func timeRange(_ r: ExperimentResult) -> ClosedRange<Double> {
        let end = r.scenario.round.opening + Double(max(r.activeBins, 1)) * CompiledRound.binSeconds
        return r.scenario.round.opening...max(end, r.scenario.round.deadline)
    }

    static func shadeWeather(_ chart: inout SVGChart, _ s: Scenario, _ w: Wording) {
        for spell in s.logistics.weather.forecast {
            let colour = spell.kind == .rain ? "#4a7bd0" : (spell.kind == .wind ? "#8a8a8a" : "#e07b39")
            chart.shade(spell.window.start, spell.window.end, colour: colour, label: w.weather(spell.kind, spell.severity, spell.window))
        }
    }

    /// A site's queues drawn twice: at a laptop's width and at a phone's, so that a phone shows
    /// the whole morning at a readable size (the page's style shows the one that fits).
    static func queueCharts(_ r: ExperimentResult, _ i: Int, _ w: Wording) -> String {
        queueChart(r, i, w, width: 760, cssClass: "wide") + queueChart(r, i, w, width: 380, cssClass: "narrow")
    }

    static func queueChart(_ r: ExperimentResult, _ i: Int, _ w: Wording, width: Double = 760, cssClass: String? = nil) -> String {
        let site = r.sites[i]
        let bins = min(r.activeBins, site.swabQueue.count)
        let xs = (0..<bins).map { r.scenario.round.opening + (Double($0) + 0.5) * CompiledRound.binSeconds }
        let top = (0..<bins).map { max(site.registrationQueue[$0].upper, site.swabQueue[$0].upper) }.filter(\.isFinite).max() ?? 1
        var c = SVGChart(title: w(.chartPeopleWaiting, w.name(site.site)), x: timeRange(r), y: 0...max(1, top * 1.1), width: width)
        c.cssClass = cssClass
        // On a narrow chart the key goes on a line of its own under the title.
        let narrow = width < 600
        if narrow { c.top = 42 }
        shadeWeather(&c, r.scenario, w)
        c.band(xs, lower: (0..<bins).map { site.registrationQueue[$0].lower }, upper: (0..<bins).map { site.registrationQueue[$0].upper }, colour: "#1f5fa8")
        c.line(xs, (0..<bins).map { site.registrationQueue[$0].mean }, colour: "#1f5fa8", label: w(.registrationLine))
        c.band(xs, lower: (0..<bins).map { site.swabQueue[$0].lower }, upper: (0..<bins).map { site.swabQueue[$0].upper }, colour: "#c2410c")
        c.line(xs, (0..<bins).map { site.swabQueue[$0].mean }, colour: "#c2410c", label: w(.swabLine))
        c.vertical(r.scenario.round.deadline, colour: "#b3261e", label: w(.deadline))
        // The finish target, and the site's call-up windows along the bottom (lanes by turns).
        let s = r.scenario
        if let finish = s.targets.filter({ $0.metric == .finishTimeMinutesAfterOpening && $0.bound == .atMost }).map(\.value).min(),
           abs(s.round.opening + finish * 60 - s.round.deadline) > 60 {
            c.vertical(s.round.opening + finish * 60, colour: "#7a1fa2", label: w(.targetFinishLine, ClockTime.format(s.round.opening + finish * 60)))
        }
        let windows = r.plan.callUps.filter { $0.site == site.site.id }.sorted { ($0.window.start, $0.building) < ($1.window.start, $1.building) }
        for (k, call) in windows.enumerated() {
            c.strip(call.window.start, call.window.end, lane: k % 3, colour: "#555555",
                    label: w.building(w.buildingName(call.building, s), floors: call.floors) + " " + call.window.description)
        }
        let (keyX, keyY) = narrow ? (c.left, 32.0) : (width - 200, 16.0)
        c.body.append("<text x=\"\(SVGChart.f(keyX))\" y=\"\(SVGChart.f(keyY))\" font-size=\"11\" fill=\"#1f5fa8\">\(HTML.escape(w(.legendRegistration)))</text>"
                      + "<text x=\"\(SVGChart.f(keyX + 100))\" y=\"\(SVGChart.f(keyY))\" font-size=\"11\" fill=\"#c2410c\">\(HTML.escape(w(.legendSwab)))</text>")
        return c.render(timeAxis: true, xLabel: w(.clockTime), yLabel: w(.people))
    }

    static func histogram(_ counts: [[Int]], title: String, limit: Double?, _ w: Wording) -> String {
        let bins = counts.first?.count ?? 0
        var total = Array(repeating: 0.0, count: bins)
        for c in counts { for (k, v) in c.enumerated() { total[k] += Double(v) } }
        let sum = max(total.reduce(0, +), 1)
        let shares = total.map { $0 / sum }
        // Every bin up to the longest (the last bin holds everything beyond the scale).
        let last = (shares.lastIndex { $0 > 0 } ?? 0) + 1
        let width = ReplicationResult.Detail.histogramMinutes
        let maxX = max(Double(last) * width, (limit ?? 0) + width)
        var c = SVGChart(title: title, x: 0...maxX, y: 0...max(0.01, (shares.max() ?? 0) * 1.1), height: 200)
        c.bars((0..<last).map { Double($0) * width }, width: width, Array(shares[0..<last]), colour: "#3b7d4f")
        if let limit { c.vertical(limit, colour: "#b3261e", label: w(.limitMinutes, Int(limit))) }
        return c.render(timeAxis: false, xLabel: w(.minutes), yLabel: w(.share))
    }

    static func timeInSystemChart(_ r: ExperimentResult, _ w: Wording) -> String {
        return histogram(r.runs.compactMap { $0.detail?.timeInSystem }, title: w(.chartTimeInSystem), limit: nil, w)
    }

    static func sampleAgeChart(_ r: ExperimentResult, _ w: Wording) -> String {
        return histogram(r.runs.compactMap { $0.detail?.sampleAge }, title: w(.chartSampleAge),
                         limit: (r.scenario.logistics.lab?.sampleAgeLimitSeconds ?? 0) / 60, w)
    }

    static func staffTimeline(_ r: ExperimentResult, _ w: Wording) -> String {
        let s = r.scenario
        let roster = TeamRoster(scenario: s, plan: r.plan)
        let workers = Array(Set(r.plan.roles.map(\.worker))).sorted { ($0.count, $0) < ($1.count, $1) }
        let rows = roster.teams.count + workers.count
        let start = min(s.staff.cohorts.map(\.departsDepot).min() ?? s.round.opening, s.round.opening)
        // Up to the round's end as simulated: shifts and breaks after the last swab are not drawn.
        let end = timeRange(r).upperBound
        var c = SVGChart(title: w(.chartStaff), x: start...end, y: 0...1, height: max(176, 56 + Double(rows) * 14))
        let labels = roster.teams.indices.map { "\(w.team(roster, $0, s)) · \(w.name(s.sites[roster.teams[$0].site]))" }
        // Room for the longest row label (about 6 px a Latin letter and 10 a Chinese character at
        // its size): a cohort's Chinese team and site names ran past the chart's left edge.
        let longest = (labels + workers).map { $0.reduce(0.0) { $0 + (DisplayWidth.of($1) == 2 ? 10 : 6) } }.max() ?? 0
        c.left = min(300, max(118, longest + 8))
        let colours: [WorkerRole: String] = [.registration: "#1f5fa8", .marshal: "#7e57c2", .doorToDoor: "#ad1457", .dataDesk: "#00897b"]
        var keys: [(colour: String, label: String)] = [("#bbbbbb", w(.bus)), ("#a7d7b0", w(.setUp)), ("#2e8b57", w(.swabbing)), ("#f0a030", w(.breakTime))]
        let used = Set(r.plan.roles.map(\.role))
        keys += WorkerRole.allCases.filter { used.contains($0) }.map { (colours[$0]!, w.role($0)) }
        c.legend(keys)
        shadeWeather(&c, s, w)
        let ends = roster.workEnds
        for (t, team) in roster.teams.enumerated() {
            let cohort = s.staff.cohorts[team.cohort]
            c.rowLabel(labels[t], row: t, rows: rows)
            c.rect(x0: cohort.departsDepot, x1: team.arrivesAtSite, row: t, rows: rows, colour: "#bbbbbb", label: w(.bus))
            c.rect(x0: team.arrivesAtSite, x1: team.readyAt, row: t, rows: rows, colour: "#a7d7b0", label: w(.setUp))
            let stop = ends[t]
            var t0 = team.readyAt
            for pause in team.breaks(until: stop) + [ClockWindow(start: stop, end: stop)] where t0 < stop {
                let b = min(stop, pause.start)
                c.rect(x0: t0, x1: b, row: t, rows: rows, colour: "#2e8b57", label: w(.workSpan, ClockTime.format(t0), ClockTime.format(b)))
                guard b < stop else { break }
                c.rect(x0: b, x1: min(stop, pause.end), row: t, rows: rows, colour: "#f0a030", label: w(.breakTime))
                t0 = pause.end
            }
        }
        for (k, worker) in workers.enumerated() {
            let row = roster.teams.count + k
            c.rowLabel(worker, row: row, rows: rows)
            for role in r.plan.roles where role.worker == worker {
                c.rect(x0: role.period.start, x1: role.period.end, row: row, rows: rows, colour: colours[role.role] ?? "#999",
                       label: "\(w.role(role.role)) \(w.period(role.period))")
            }
        }
        return c.render(timeAxis: true, xLabel: w(.clockTime), yLabel: "", yTicks: false)
    }
}
