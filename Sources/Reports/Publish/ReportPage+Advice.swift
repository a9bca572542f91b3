import Foundation
import Scenario
import SimKit
import SiteModel

/// The report's warnings: where a line is stuck, and advice a planner can follow.
extension ReportPage {
    /// The call-up windows behind a missed waiting target: those whose residents wait longest
    /// at the 95th percentile, worst first, with where they are called.
    static func behindMiss(_ r: ExperimentResult, _ c: TargetCheck) -> String? {
        let waiting: Set<MetricName> = [.timeInSystemMinutes, .timeInSystemP50Minutes, .timeInSystemP90Minutes, .timeInSystemP95Minutes,
                                        .shareWaitingOver20Minutes, .shareWaitingOver60Minutes, .waitRegistrationMinutes, .waitSwabMinutes]
        guard waiting.contains(c.target.metric) else { return nil }
        let s = r.scenario, plan = r.plan, w = Wording(s.language)
        let d = ScheduleFiles.details(r)
        guard !d.isEmpty else { return nil }
        let worst = plan.callUps.indices.map { i in (i, Tally(d.filter { $0.callUps[i].swabbed > 0 }.map { $0.callUps[i].p95Wait }).mean) }
            .filter { $0.1.isFinite && $0.1 >= 20 }.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(5)
        guard !worst.isEmpty else { return nil }
        return w(.behindIt, w.list(worst.map { i, wait in
            let call = plan.callUps[i]
            return w(.behindItem, callUpName(s, w, call), call.window.description, w.siteName(call.site, s), Int(wait.rounded()))
        }))
    }

    static func callUpName(_ s: Scenario, _ w: Wording, _ c: CallUp) -> String {
        w.building(w.buildingName(c.building, s), floors: c.floors)
    }


    /// Plain words for where the round is stuck: spells of at least 30 minutes (gaps of one
    /// 15-minute bin bridged) in which a line holds ten or more people on average, not while the
    /// weather has the site paused. The swab line is the bottleneck when its stations are over
    /// 90% busy; the registration line when swab stations stand partly idle. Longest queues first.
    static func bottlenecks(_ r: ExperimentResult) -> [(peak: Double, text: String)] {
        let w = Wording(r.scenario.language)
        var out: [(peak: Double, text: String)] = []
        let origin = r.scenario.round.opening, bin = CompiledRound.binSeconds
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
            for (swab, queue) in [(true, site.swabQueue), (false, site.registrationQueue)] {
                let hot: (Int) -> Bool = swab ? { queue[$0].mean >= 10 && site.utilisation[$0] >= 0.9 && calm($0) }
                                              : { queue[$0].mean >= 10 && site.utilisation[$0] < 0.85 && calm($0) }
                for x in spells(hot) {
                    let peak = x.map { queue[$0].mean }.max() ?? 0
                    let from = origin + Double(x.lowerBound) * bin, to = origin + Double(x.upperBound) * bin
                    out.append((peak, w(swab ? .bottleneckSwab : .bottleneckRegistration, w.name(site.site), ClockTime.format(from), ClockTime.format(to),
                                        Int(peak.rounded()), advice(r, site: site.site.id, from: from, to: to, swab: swab))))
                }
            }
        }
        return out.sorted { $0.peak > $1.peak }
    }

    /// Advice a planner can follow for a spell at a site: open a desk or station only where
    /// one stands closed and someone is free to run it (a desk: a registrar or worker not at
    /// another desk or with a door-to-door team; a station: a team's free slot); otherwise move
    /// the call-ups that feed the spell, named with their windows, to a later window (an
    /// earlier one near the deadline) or to the site least busy then.
    static func advice(_ r: ExperimentResult, site id: String, from: Double, to: Double, swab: Bool) -> String {
        let s = r.scenario, plan = r.plan, w = Wording(s.language)
        guard let si = s.siteIndex(id) else { return w(.adviceCallFewer) }
        let site = s.sites[si]
        if swab {
            if let st = s.staffing(site: id, at: from, plan: plan), st.stations < TeamRoster(scenario: s, plan: plan).slotsPerSite[si] {
                return w(.adviceOpenStations, st.stations, ClockTime.format(from))
            }
        } else {
            let open = s.desksOpen(site: id, at: from, plan: plan)
            let allOpen = s.sites.reduce(0) { $0 + s.desksOpen(site: $1.id, at: from, plan: plan) }
            let escorts = s.doorToDoorTeams(under: plan).filter { $0.start <= from && from < $0.end }.count
            let spare = s.staff.registrars + s.staff.communityWorkers - allOpen - escorts
            if open < site.registrationDesks && spare > 0 { return w(.adviceOpenDesk, open, site.registrationDesks, spare) }
        }
        // The call-ups that feed the spell: windows at this site from half an hour before it.
        let feeding = plan.callUps.filter { $0.site == id && $0.window.end > from - 1800 && $0.window.start < to }
        let names = feeding.prefix(4).map { callUpName(s, w, $0) + " " + $0.window.description }
        let bins = (Int((from - s.round.opening) / CompiledRound.binSeconds), Int((to - s.round.opening) / CompiledRound.binSeconds))
        let quiet = r.sites.indices.filter { $0 != si }.min { a, b in
            func load(_ k: Int) -> Double {
                let u = r.sites[k].utilisation
                let lo = min(max(0, bins.0), u.count), hi = min(max(lo, bins.1), u.count)
                return hi > lo ? u[lo..<hi].reduce(0, +) / Double(hi - lo) : 1
            }
            return load(a) < load(b)
        }
        let reason = w(swab ? .reasonSwab : .reasonDesk)
        guard !names.isEmpty else { return w(.adviceNoFeeding, reason) }
        // Near the deadline there is no later window to move to.
        let when = w(to > s.round.deadline - 1800 ? .earlierWindow : .laterWindow)
        return w(.adviceMove, reason, when, quiet.map { w(.orToSite, w.name(s.sites[$0])) } ?? "", w.list(names),
                 feeding.count > 4 ? w(.andMore, feeding.count - 4) : "", plan.isOptimised ? "" : w(.optimizeHint))
    }

    static func warnings(_ r: ExperimentResult) -> String {
        let w = Wording(r.scenario.language)
        let spells = bottlenecks(r)
        var out = spells.prefix(6).map(\.text)
        if spells.count == 7 { out.append(w(.moreSpell)) } else if spells.count > 7 { out.append(w(.moreSpells, spells.count - 6)) }
        let lost = r[.minutesLostToWeather]
        if MetricName.minutesLostToWeather.applies(to: r.scenario, plan: r.plan) && lost.mean > 0 {
            var driven = ""
            if MetricName.residentsGaveUpToWeather.applies(to: r.scenario, plan: r.plan) && r[.residentsGaveUpToWeather].mean >= 0.5 {
                driven = w(.weatherDrivesAway, Int(r[.residentsGaveUpToWeather].mean.rounded()))
            }
            out.append(w(.weatherWarning, Int(lost.mean.rounded()), Format.fixed(r[.weatherCostMinutes].mean, 1), driven))
        }
        out += SummaryTable.warnings(r)
        let heading = "<h2>\(HTML.escape(w(.warningsHeading)))</h2>"
        guard !out.isEmpty else { return heading + "<p>\(HTML.escape(w(.noWarnings)))</p>\n" }
        // Each warning a sentence of its own (the terminal's start in lower case after "warning: ").
        return heading + out.map { "<div class=\"warn\">\(HTML.escape($0.prefix(1).uppercased() + $0.dropFirst()))</div>" }.joined() + "\n"
    }
}
