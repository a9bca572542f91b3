import Foundation
import Scenario
import SimKit
import SiteModel

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network). Targets
/// first, then bottleneck warnings in plain words, the figures with intervals, and the charts.
enum ReportPage {
    static func html(_ r: ExperimentResult, changes: ChangeNote? = nil, sensitivity: Sensitivity? = nil) -> String {
        let s = r.scenario
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>\(HTML.escape(s.name)): testing round report</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:820px;padding:16px;color:#222}
        h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;font-size:13px;width:100%}td,th{padding:3px 6px;border-bottom:1px solid #eee;text-align:right}
        td:first-child,th:first-child{text-align:left}.met{color:#17692b;font-weight:bold}.missed{color:#b3261e;font-weight:bold}
        .warn{background:#fff4e5;border-left:4px solid #e8a33d;padding:6px 10px;margin:6px 0}.muted{color:#666;font-size:12px}
        figure{margin:14px 0;overflow-x:auto}figcaption{font-size:12px;color:#555}
        @media (max-width:600px){figure svg{min-width:700px}body{padding:10px}}
        @page{size:A4;margin:14mm}
        @media print{body{max-width:none;padding:0}figure{break-inside:avoid;page-break-inside:avoid;overflow:visible}figure svg{min-width:0}h2{break-after:avoid;page-break-after:avoid}.warn{break-inside:avoid}}
        </style></head><body>
        <h1>\(HTML.escape(s.name))</h1>
        <p class="muted">\(HTML.escape(s.round.date)), \(ClockTime.format(s.round.opening))-\(ClockTime.format(s.round.deadline)); plan: \(HTML.escape(r.plan.origin)); \(r.replications) replications, seed \(r.seed); every figure is a mean with its 95% interval.</p>

        """
        let checks = TargetCheck.evaluate(r)
        h += "<p class=\"\(checks.allSatisfy(\.met) ? "met" : "missed")\" style=\"font-size:16px\">\(HTML.escape(TargetCheck.verdict(checks, s)))</p>\n"
        h += targets(r)
        if let changes { h += changeSection(changes) }
        h += warnings(r)
        if let sensitivity { h += sensitivitySection(r, sensitivity) }
        for site in r.sites.indices { h += "<figure>" + queueChart(r, site) + "<figcaption>Mean people waiting (lines) with the 95% band across replications; shaded: forecast weather (grey wind, blue rain, orange heat).</figcaption></figure>\n" }
        h += "<figure>" + timeInSystemChart(r) + "<figcaption>Share of residents by time from arrival to swab done, all replications.</figcaption></figure>\n"
        h += "<figure>" + staffTimeline(r) + "<figcaption>Planned staff timeline: bus ride (grey), set-up (light green), work (green), planned breaks (orange); community workers by role.</figcaption></figure>\n"
        if s.logistics.lab != nil {
            h += "<figure>" + sampleAgeChart(r) + "<figcaption>Share of samples by age at the lab; dashed: the age limit.</figcaption></figure>\n"
        }
        h += figures(r)
        h += "<p class=\"muted\">Made by swabplan publish from \(HTML.escape(s.sourcePath)).</p>\n</body></html>\n"
        return h
    }

    /// What the published plan does differently from the scenario's own, and what that buys.
    static func changeSection(_ c: ChangeNote) -> String {
        var h = "<h2>What this plan changes</h2><p>Compared with the plan in the scenario file (\(c.replications) replications of each, the same residents and weather):</p><ul>"
        for e in c.effects { h += "<li><b>\(HTML.escape(e))</b></li>" }
        for line in c.lines { h += "<li>\(HTML.escape(line))</li>" }
        return h + "</ul>\n"
    }

    /// The plan's p95 and finish if service or turn-out differ from the scenario's figures.
    static func sensitivitySection(_ r: ExperimentResult, _ x: Sensitivity) -> String {
        let opening = r.scenario.round.opening
        var h = "<h2>What if</h2><p>The same plan, residents and weather (\(x.replications) replications each), with one figure changed; change from the plan as simulated, with its 95% interval:</p>"
        h += "<table><tr><th>if</th><th>p95 time in system (min)</th><th>change</th><th>last swab</th><th>change (min)</th></tr>"
        h += "<tr><td>as in the scenario</td><td>\(Format.fixed(r[.timeInSystemP95Minutes].mean, 1))</td><td></td><td>\(ClockTime.format(opening + r[.finishTimeMinutesAfterOpening].mean * 60))</td><td></td></tr>"
        func signed(_ c: ConfidenceInterval) -> String { (c.mean > 0 ? "+" : "") + Format.fixed(c.mean, 1) + " ± " + Format.fixed(c.halfWidth, 1) }
        for row in x.rows {
            h += "<tr><td>\(HTML.escape(row.label))</td><td>\(Format.fixed(row.p95.mean, 1))</td><td>\(signed(row.p95Change))</td>"
            h += "<td>\(ClockTime.format(opening + row.finish.mean * 60))</td><td>\(signed(row.finishChange))</td></tr>"
        }
        return h + "</table>\n"
    }

    static func targets(_ r: ExperimentResult) -> String {
        let checks = TargetCheck.evaluate(r)
        guard !checks.isEmpty else { return "<h2>Targets</h2><p>The scenario sets no targets.</p>\n" }
        var h = "<h2>Targets</h2><table><tr><th>target</th><th>simulated</th><th></th></tr>"
        for c in checks {
            h += "<tr><td>\(HTML.escape(c.plain(r.scenario)))</td>"
            h += "<td>\(HTML.escape(c.plainFigure(r.scenario)))</td>"
            h += c.met ? "<td class=\"met\">met</td></tr>" : "<td class=\"missed\">missed</td></tr>"
            if !c.met, let behind = behindMiss(r, c) { h += "<tr><td colspan=\"3\" class=\"muted\">\(HTML.escape(behind))</td></tr>" }
        }
        return h + "</table>\n"
    }

    /// The call-up windows behind a missed waiting target: those whose residents wait longest
    /// at the 95th percentile, worst first, with where they are called.
    static func behindMiss(_ r: ExperimentResult, _ c: TargetCheck) -> String? {
        let waiting: Set<MetricName> = [.timeInSystemMinutes, .timeInSystemP50Minutes, .timeInSystemP90Minutes, .timeInSystemP95Minutes,
                                        .shareWaitingOver20Minutes, .shareWaitingOver60Minutes, .waitRegistrationMinutes, .waitSwabMinutes]
        guard waiting.contains(c.target.metric) else { return nil }
        let s = r.scenario, plan = r.plan
        let d = ScheduleFiles.details(r)
        guard !d.isEmpty else { return nil }
        let worst = plan.callUps.indices.map { i in (i, Tally(d.filter { $0.callUps[i].swabbed > 0 }.map { $0.callUps[i].p95Wait }).mean) }
            .filter { $0.1.isFinite && $0.1 >= 20 }.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(5)
        guard !worst.isEmpty else { return nil }
        return "Behind it: " + worst.map { i, w in
            let call = plan.callUps[i]
            let b = s.buildingIndex(call.building).map { s.buildings[$0].name } ?? call.building
            let site = s.siteIndex(call.site).map { s.sites[$0].name } ?? call.site
            return "\(b)\(call.floors.map { " floors \($0.lowerBound)\u{2013}\($0.upperBound)" } ?? "") called \(call.window.description) to \(site): 1 in 20 waits over \(Int(w.rounded())) minutes"
        }.joined(separator: "; ") + " (schedule.csv has every window)."
    }

    /// Plain words for where the round is stuck: spells of at least 30 minutes (gaps of one
    /// 15-minute bin bridged) in which a line holds ten or more people on average, not while the
    /// weather has the site paused. The swab line is the bottleneck when its stations are over
    /// 90% busy; the registration line when swab stations stand partly idle. Longest queues first.
    static func bottlenecks(_ r: ExperimentResult) -> [(peak: Double, text: String)] {
        var out: [(peak: Double, text: String)] = []
        let origin = r.scenario.round.opening, w = CompiledRound.binSeconds
        for site in r.sites {
            let bins = min(r.activeBins, site.swabQueue.count)
            func spells(_ hot: (Int) -> Bool) -> [Range<Int>] {
                var result: [Range<Int>] = []
                for b in 0..<bins where hot(b) {
                    if let last = result.last, b - last.upperBound <= 1 { result[result.count - 1] = last.lowerBound..<(b + 1) }
                    else { result.append(b..<(b + 1)) }
                }
                return result.filter { $0.count >= 2 }
            }
            let calm = { (b: Int) in site.paused[b] < 0.2 }
            let when = { (x: Range<Int>) in "from \(ClockTime.format(origin + Double(x.lowerBound) * w)) to \(ClockTime.format(origin + Double(x.upperBound) * w))" }
            for x in spells({ site.swabQueue[$0].mean >= 10 && site.utilisation[$0] >= 0.9 && calm($0) }) {
                let peak = x.map { site.swabQueue[$0].mean }.max() ?? 0
                out.append((peak, "\(site.site.name)'s swab line is the bottleneck \(when(x)) (up to \(Int(peak.rounded())) waiting): " + advice(r, site: site.site.id, from: origin + Double(x.lowerBound) * w, to: origin + Double(x.upperBound) * w, swab: true)))
            }
            for x in spells({ site.registrationQueue[$0].mean >= 10 && site.utilisation[$0] < 0.85 && calm($0) }) {
                let peak = x.map { site.registrationQueue[$0].mean }.max() ?? 0
                out.append((peak, "\(site.site.name)'s registration line is the bottleneck \(when(x)) (up to \(Int(peak.rounded())) waiting) while swab stations stand partly idle: " + advice(r, site: site.site.id, from: origin + Double(x.lowerBound) * w, to: origin + Double(x.upperBound) * w, swab: false)))
            }
        }
        return out.sorted { $0.peak > $1.peak }
    }

    /// Advice a planner can follow for a spell at a site: open a desk or station only where
    /// one stands closed and someone is free to run it (a desk: a registrar or worker not at
    /// another desk or with a door-to-door team; a station: a team's free slot); otherwise move
    /// the call-ups that feed the spell, named with their windows, to a later window or to the
    /// site least busy then.
    static func advice(_ r: ExperimentResult, site id: String, from: Double, to: Double, swab: Bool) -> String {
        let s = r.scenario, plan = r.plan
        guard let si = s.siteIndex(id) else { return "call fewer residents then." }
        let site = s.sites[si]
        if swab {
            if let st = s.staffing(site: id, at: from, plan: plan), st.stations < TeamRoster(scenario: s, plan: plan).slotsPerSite[si] {
                return "open the stations the plan closes then (staffing: \(st.stations) open at \(ClockTime.format(from)))."
            }
        } else {
            let open = s.desksOpen(site: id, at: from, plan: plan)
            let allOpen = s.sites.reduce(0) { $0 + s.desksOpen(site: $1.id, at: from, plan: plan) }
            let escorts = s.doorToDoorTeams(under: plan).filter { $0.start <= from && from < $0.end }.count
            let spare = s.staff.registrars + s.staff.communityWorkers - allOpen - escorts
            if open < site.registrationDesks && spare > 0 {
                return "open another desk (\(open) of \(site.registrationDesks) are open, and \(spare) of the staff are free then)."
            }
        }
        // The call-ups that feed the spell: windows at this site from half an hour before it.
        let feeding = plan.callUps.filter { $0.site == id && $0.window.end > from - 1800 && $0.window.start < to }
        let names = feeding.prefix(4).map { c -> String in
            let b = s.buildingIndex(c.building).map { s.buildings[$0].name } ?? c.building
            return b + (c.floors.map { " floors \($0.lowerBound)-\($0.upperBound)" } ?? "") + " " + c.window.description
        }
        let bins = r.sites.first.map { _ in (Int((from - s.round.opening) / CompiledRound.binSeconds), Int((to - s.round.opening) / CompiledRound.binSeconds)) } ?? (0, 0)
        let quiet = r.sites.indices.filter { $0 != si }.min { a, b in
            func load(_ k: Int) -> Double {
                let u = r.sites[k].utilisation
                let lo = min(max(0, bins.0), u.count), hi = min(max(lo, bins.1), u.count)
                return hi > lo ? u[lo..<hi].reduce(0, +) / Double(hi - lo) : 1
            }
            return load(a) < load(b)
        }
        let reason = swab ? "every station with a team is working" : "every desk is open or nobody is free to open another"
        let where_ = quiet.map { " or to \(s.sites[$0].name)" } ?? ""
        guard !names.isEmpty else { return "\(reason); the line comes from residents who ignore their call-up: say the call-up time clearly in the notices." }
        // Near the deadline there is no later window to move to.
        let when = to > s.round.deadline - 1800 ? "an earlier" : "a later"
        return "\(reason); move some of the call-ups feeding it to \(when) window\(where_): " + names.joined(separator: "; ") + (feeding.count > 4 ? "; and \(feeding.count - 4) more" : "") + " (or let `swabplan optimize` do it)."
    }

    static func warnings(_ r: ExperimentResult) -> String {
        let spells = bottlenecks(r)
        var w = spells.prefix(6).map(\.text)
        if spells.count > 6 { w.append("… and \(spells.count - 6) shorter spells of ten or more waiting (see the charts).") }
        let lost = r[.minutesLostToWeather]
        if MetricName.minutesLostToWeather.applies(to: r.scenario, plan: r.plan) && lost.mean > 0 {
            var driven = ""
            if MetricName.residentsGaveUpToWeather.applies(to: r.scenario, plan: r.plan) && r[.residentsGaveUpToWeather].mean >= 0.5 {
                driven = ", and drives \(Int(r[.residentsGaveUpToWeather].mean.rounded())) residents away"
            }
            w.append("The weather stops the sites for \(Int(lost.mean.rounded())) site-minutes on average, costing each resident \(Format.fixed(r[.weatherCostMinutes].mean, 1)) minutes\(driven): shaded on the charts (grey wind, blue rain, orange heat).")
        }
        w += SummaryTable.warnings(r)
        guard !w.isEmpty else { return "<h2>Warnings</h2><p>No line stays at ten or more people for half an hour.</p>\n" }
        return "<h2>Warnings</h2>" + w.map { "<div class=\"warn\">\(HTML.escape($0))</div>" }.joined() + "\n"
    }

    static func figures(_ r: ExperimentResult) -> String {
        var h = "<h2>All figures</h2><table><tr><th>metric</th><th>mean</th><th>95% ±</th><th>unit</th><th>n</th></tr>"
        for m in r.metrics {
            let d = Format.decimals(m.name, mean: m.interval.mean)
            h += "<tr><td>\(HTML.escape(m.name.label))</td><td>\(Format.fixed(m.interval.mean, d))</td><td>\(m.interval.halfWidth.isFinite ? Format.fixed(m.interval.halfWidth, d) : "n/a")</td><td>\(m.name.unit)</td><td>\(m.interval.count)</td></tr>"
        }
        return h + "</table>\n"
    }

    static func timeRange(_ r: ExperimentResult) -> ClosedRange<Double> {
        let end = r.scenario.round.opening + Double(max(r.activeBins, 1)) * CompiledRound.binSeconds
        return r.scenario.round.opening...max(end, r.scenario.round.deadline)
    }

    static func shadeWeather(_ chart: inout SVGChart, _ s: Scenario) {
        for w in s.logistics.weather.forecast {
            let colour = w.kind == .rain ? "#4a7bd0" : (w.kind == .wind ? "#8a8a8a" : "#e07b39")
            chart.shade(w.window.start, w.window.end, colour: colour, label: "\(w.severity.rawValue) \(w.kind.rawValue) \(w.window.description)")
        }
    }

    static func queueChart(_ r: ExperimentResult, _ i: Int) -> String {
        let site = r.sites[i]
        let bins = min(r.activeBins, site.swabQueue.count)
        let xs = (0..<bins).map { r.scenario.round.opening + (Double($0) + 0.5) * CompiledRound.binSeconds }
        let top = (0..<bins).map { max(site.registrationQueue[$0].upper, site.swabQueue[$0].upper) }.filter(\.isFinite).max() ?? 1
        var c = SVGChart(title: "\(site.site.name): people waiting", x: timeRange(r), y: 0...max(1, top * 1.1))
        shadeWeather(&c, r.scenario)
        c.band(xs, lower: (0..<bins).map { site.registrationQueue[$0].lower }, upper: (0..<bins).map { site.registrationQueue[$0].upper }, colour: "#1f5fa8")
        c.line(xs, (0..<bins).map { site.registrationQueue[$0].mean }, colour: "#1f5fa8", label: "registration line")
        c.band(xs, lower: (0..<bins).map { site.swabQueue[$0].lower }, upper: (0..<bins).map { site.swabQueue[$0].upper }, colour: "#c2410c")
        c.line(xs, (0..<bins).map { site.swabQueue[$0].mean }, colour: "#c2410c", label: "swab line")
        c.vertical(r.scenario.round.deadline, colour: "#b3261e", label: "deadline")
        c.body.append("<text x=\"560\" y=\"16\" font-size=\"11\" fill=\"#1f5fa8\">— registration</text><text x=\"660\" y=\"16\" font-size=\"11\" fill=\"#c2410c\">— swab</text>")
        return c.render(timeAxis: true, xLabel: "clock time", yLabel: "people")
    }

    static func histogram(_ counts: [[Int]], title: String, xLabel: String, limit: Double?) -> String {
        let bins = counts.first?.count ?? 0
        var total = Array(repeating: 0.0, count: bins)
        for c in counts { for (k, v) in c.enumerated() { total[k] += Double(v) } }
        let sum = max(total.reduce(0, +), 1)
        let shares = total.map { $0 / sum }
        // Every bin up to the longest (the last bin holds everything beyond the scale).
        let last = (shares.lastIndex { $0 > 0 } ?? 0) + 1
        let w = ReplicationResult.Detail.histogramMinutes
        let maxX = max(Double(last) * w, (limit ?? 0) + w)
        var c = SVGChart(title: title, x: 0...maxX, y: 0...max(0.01, (shares.max() ?? 0) * 1.1), height: 200)
        c.bars((0..<last).map { Double($0) * w }, width: w, Array(shares[0..<last]), colour: "#3b7d4f")
        if let limit { c.vertical(limit, colour: "#b3261e", label: "limit \(Int(limit)) min") }
        return c.render(timeAxis: false, xLabel: xLabel, yLabel: "share")
    }

    static func timeInSystemChart(_ r: ExperimentResult) -> String {
        histogram(r.runs.compactMap { $0.detail?.timeInSystem }, title: "Time from arrival to swab done", xLabel: "minutes", limit: nil)
    }

    static func sampleAgeChart(_ r: ExperimentResult) -> String {
        histogram(r.runs.compactMap { $0.detail?.sampleAge }, title: "Sample age at the lab", xLabel: "minutes",
                  limit: (r.scenario.logistics.lab?.sampleAgeLimitSeconds ?? 0) / 60)
    }

    static func staffTimeline(_ r: ExperimentResult) -> String {
        let s = r.scenario
        let roster = TeamRoster(scenario: s, plan: r.plan)
        let workers = Array(Set(r.plan.roles.map(\.worker))).sorted { ($0.count, $0) < ($1.count, $1) }
        let rows = roster.teams.count + workers.count
        let start = min(s.staff.cohorts.map(\.departsDepot).min() ?? s.round.opening, s.round.opening)
        // Up to the round's end as simulated: shifts and breaks after the last swab are not drawn.
        let end = timeRange(r).upperBound
        var c = SVGChart(title: "Staff timeline", x: start...end, y: 0...1, height: max(176, 56 + Double(rows) * 14))
        c.left = 118 // room for the row labels
        let colours: [WorkerRole: String] = [.registration: "#1f5fa8", .marshal: "#7e57c2", .doorToDoor: "#ad1457", .dataDesk: "#00897b"]
        var keys: [(colour: String, label: String)] = [("#bbbbbb", "bus"), ("#a7d7b0", "set-up"), ("#2e8b57", "swabbing"), ("#f0a030", "break")]
        let used = Set(r.plan.roles.map(\.role))
        keys += WorkerRole.allCases.filter { used.contains($0) }.map { (colours[$0]!, $0.rawValue.replacingOccurrences(of: "_", with: " ")) }
        c.legend(keys)
        shadeWeather(&c, s)
        let ends = roster.workEnds
        for (t, team) in roster.teams.enumerated() {
            let cohort = s.staff.cohorts[team.cohort]
            c.rowLabel("\(cohort.id) \(team.number) · \(s.sites[team.site].id)", row: t, rows: rows)
            c.rect(x0: cohort.departsDepot, x1: team.arrivesAtSite, row: t, rows: rows, colour: "#bbbbbb", label: "bus")
            c.rect(x0: team.arrivesAtSite, x1: team.readyAt, row: t, rows: rows, colour: "#a7d7b0", label: "set-up")
            let stop = ends[t]
            var t0 = team.readyAt
            for pause in team.breaks(until: stop) + [ClockWindow(start: stop, end: stop)] where t0 < stop {
                let b = min(stop, pause.start)
                c.rect(x0: t0, x1: b, row: t, rows: rows, colour: "#2e8b57", label: "work \(ClockTime.format(t0))-\(ClockTime.format(b))")
                guard b < stop else { break }
                c.rect(x0: b, x1: min(stop, pause.end), row: t, rows: rows, colour: "#f0a030", label: "break")
                t0 = pause.end
            }
        }
        for (k, w) in workers.enumerated() {
            let row = roster.teams.count + k
            c.rowLabel(w, row: row, rows: rows)
            for role in r.plan.roles where role.worker == w {
                c.rect(x0: role.period.start, x1: role.period.end, row: row, rows: rows, colour: colours[role.role] ?? "#999",
                       label: "\(role.role.rawValue) \(role.period.description)")
            }
        }
        return c.render(timeAxis: true, xLabel: "clock time", yLabel: "", yTicks: false)
    }
}
