import Foundation
import Scenario
import SimKit
import SiteModel

/// The published schedule: site timetables by call-up window, team and worker rosters, courier
/// runs and building notices, from the plan and the simulated figures.
enum ScheduleFiles {
    static func details(_ r: ExperimentResult) -> [ReplicationResult.Detail] { r.runs.compactMap(\.detail) }

    /// One row per site and call-up window.
    static func schedule(_ r: ExperimentResult, _ w: Wording) -> String {
        let s = r.scenario, plan = r.plan
        let d = details(r)
        var csv = CSVDocument(header: w.columns(.csvSchedule))
        let order = plan.callUps.indices.sorted {
            let a = plan.callUps[$0], b = plan.callUps[$1]
            return (s.siteIndex(a.site) ?? 0, a.window.start, $0) < (s.siteIndex(b.site) ?? 0, b.window.start, $1)
        }
        let stationsAt = TeamRoster(scenario: s, plan: plan).slotsPerSite
        for i in order {
            let c = plan.callUps[i]
            guard let si = s.siteIndex(c.site) else { continue }
            let site = s.sites[si]
            let swabbed = Tally(d.map { Double($0.callUps[i].swabbed) })
            let mean = Tally(d.filter { $0.callUps[i].swabbed > 0 }.map { $0.callUps[i].meanWait })
            let p95 = Tally(d.filter { $0.callUps[i].swabbed > 0 }.map { $0.callUps[i].p95Wait })
            let stations = s.staffing(site: site.id, at: c.window.start, plan: plan)?.stations ?? stationsAt[si]
            csv.append([.text(w.name(site)), .text(w.compoundName(site.compound, s)),
                        .text(c.window.description), .text(w.buildingName(c.building, s)),
                        // An en dash: Excel reads "1-3" as the 3rd of January.
                        .text(c.floors.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)\u{2013}\($0.upperBound)" } ?? w(.allFloors)),
                        .number(swabbed.mean, decimals: 0), .integer(s.desksOpen(site: site.id, at: c.window.start, plan: plan)),
                        .integer(stations), .number(mean.mean, decimals: 1), .number(p95.mean, decimals: 1)])
        }
        return csv.text
    }

    /// Residents expected to give up and not come back, per building: the door-to-door list
    /// after the round. Mean with its 95% half-width, and the 95th percentile over replications
    /// (what to be ready for); buildings where nobody gave up in any replication are left out.
    static func followUp(_ r: ExperimentResult, _ w: Wording) -> String {
        let s = r.scenario
        let d = details(r)
        var csv = CSVDocument(header: w.columns(.csvFollowUp))
        for (bi, b) in s.buildings.enumerated() {
            var counts = QuantileSample()
            for x in d { counts.add(Double(x.gaveUpPerBuilding[bi])) }
            let tally = Tally(counts.values)
            guard tally.max > 0 else { continue }
            let ci = ConfidenceInterval(tally)
            csv.append([.text(b.id), .text(w.name(b)), .text(w.compoundName(b.compound, s)),
                        // People are counted whole; the half-width is a statistic and keeps a decimal.
                        .number(ci.mean, decimals: 0), .number(Summary.finite(ci.halfWidth), decimals: 1),
                        .number(counts.quantile(0.95) ?? 0, decimals: 0)])
        }
        return csv.text
    }

    /// Planned shifts: each swab team and each community worker's roles, with breaks and relief.
    static func rosters(_ r: ExperimentResult, _ w: Wording) -> String {
        let s = r.scenario
        let roster = TeamRoster(scenario: s, plan: r.plan)
        var csv = CSVDocument(header: w.columns(.csvRosters))
        let ends = roster.workEnds, relievedBy = roster.relievedBy
        for (t, team) in roster.teams.enumerated() {
            let cohort = s.staff.cohorts[team.cohort]
            let name = w.team(roster, t, s)
            let end = ends[t]
            let breaks = team.breaks(until: end).map(\.description)
            let reliefName = relievedBy[t].map { w(.reliefAt, w.team(roster, $0, s), ClockTime.format(roster.teams[$0].readyAt)) } ?? ""
            csv.append([.text(name), .text(w.name(cohort)), .text(w(.roleSwabTeam)), .text(w.name(s.sites[team.site])), .integer(team.slot + 1),
                        .text(ClockTime.format(cohort.departsDepot)), .text(ClockTime.format(team.arrivesAtSite)),
                        .text(ClockTime.format(team.readyAt)), .text(ClockTime.format(end)),
                        .text(w.list(breaks)), .text(reliefName)])
        }
        for role in r.plan.roles.sorted(by: { ($0.worker.count, $0.worker, $0.period.start) < ($1.worker.count, $1.worker, $1.period.start) }) {
            csv.append([.text(role.worker), .text(""), .text(w.role(role.role)),
                        .text(role.site.map { w.siteName($0, s) } ?? ""), .text(""), .text(""), .text(""),
                        .text(ClockTime.format(role.period.start)), .text(w.periodEnd(role.period)), .text(""), .text("")])
        }
        return csv.text
    }

    /// Each courier's runs: when they leave (mean over replications, for on-demand couriers),
    /// the stops with dry-weather arrival times, the return to the lab, the tubes they carry.
    static func courierRuns(_ r: ExperimentResult, _ w: Wording) -> String {
        var csv = CSVDocument(header: w.columns(.csvCourierRuns))
        for run in plannedRuns(r) {
            csv.append([.text(run.courier), .integer(run.number), .text(ClockTime.format(run.departs)),
                        .text(w.list(run.stops.map { "\(w.siteName($0.site, r.scenario)) \(ClockTime.format($0.at))" })),
                        .text(ClockTime.format(run.back)), .number(run.tubes, decimals: 0), .number(run.share, decimals: 2)])
        }
        return csv.text
    }

    /// Each courier's runs as the replications made them: mean departure, the stops at
    /// dry-weather times, the return, the tubes carried, the share of replications with the run.
    static func plannedRuns(_ r: ExperimentResult) -> [(courier: String, number: Int, departs: Double, stops: [(site: String, at: Double)],
                                                        back: Double, tubes: Double, share: Double)] {
        let s = r.scenario
        let d = details(r)
        var out: [(courier: String, number: Int, departs: Double, stops: [(site: String, at: Double)], back: Double, tubes: Double, share: Double)] = []
        for (ci, c) in s.logistics.couriers.fleet.enumerated() {
            let runs = d.map { $0.courierRuns.indices.contains(ci) ? $0.courierRuns[ci] : [] }
            let most = runs.map(\.count).max() ?? 0
            for k in 0..<most {
                let these = runs.compactMap { $0.indices.contains(k) ? $0[k] : nil }
                let departs = Tally(these.map(\.departs)).mean
                var clock = departs
                var stops: [(site: String, at: Double)] = []
                var previous = "lab"
                for site in c.route {
                    clock += (s.courierMinutes(previous, site) ?? 0) * 60
                    stops.append((site, clock))
                    previous = site
                }
                clock += (s.courierMinutes(previous, "lab") ?? 0) * 60
                out.append((c.id, k + 1, departs, stops, clock, Tally(these.map { Double($0.tubes) }).mean, Double(these.count) / Double(max(d.count, 1))))
            }
        }
        return out
    }

    /// One notice per building and one per compound (all its buildings' call-ups in time
    /// order), in each notice language: when and where, the wait said honestly (typical and at
    /// busy moments, from the median and the 90th percentile), what to do when the slot is
    /// missed, a pop-up or yellow health code, the rules before a swab, rain or heat in the
    /// forecast, and who issues the notice with a phone to call.
    /// One notice per building called (and per compound); with `changedSince`, only for the
    /// buildings whose call-ups differ from that plan's, each saying it replaces the earlier one.
    static func notices(_ r: ExperimentResult, changedSince earlier: Plan? = nil, _ p: PublicationSettings) -> [(path: String, text: String)] {
        let s = r.scenario, plan = r.plan
        let d = details(r)
        // Typical and busy-moment waits per call-up, over replications where anyone came.
        func wait(_ i: Int, _ q: (ReplicationResult.Detail) -> Double) -> Int {
            Int(Tally(d.filter { $0.callUps[i].swabbed > 0 }.map(q)).mean.rounded())
        }
        let typical = plan.callUps.indices.map { i in wait(i) { $0.callUps[i].p50Wait } }
        let busy = plan.callUps.indices.map { i in max(typical[i], wait(i) { $0.callUps[i].p90Wait }) }
        // Catch-up at each site: from its last call-up window's end to the deadline (the last
        // half hour when that leaves less than ten minutes).
        var lastEnd: [String: Double] = [:]
        for c in plan.callUps { lastEnd[c.site] = max(lastEnd[c.site] ?? 0, c.window.end) }
        func catchUp(_ site: String) -> ClockWindow {
            let from = lastEnd[site] ?? s.round.opening
            return s.round.deadline - from >= 600 ? ClockWindow(start: from, end: s.round.deadline)
                : ClockWindow(start: s.round.deadline - 1800, end: s.round.deadline)
        }
        // One line a spell (a morning's new rain over a forecast one says it once).
        var said = Set<String>()
        let spells = s.logistics.weather.forecast.filter {
            ($0.kind == .rain || $0.kind == .heat) && $0.window.overlaps(s.round.window) && said.insert("\($0.kind)\($0.window.description)").inserted
        }
        // Each notice language names places as the scenario gives them in it (`name_en` in English).
        // What each building's earlier notice said (its call-ups in the earlier plan).
        var earlierOf: [String: [CallUp]] = [:]
        for c in earlier?.callUps ?? [] { earlierOf[c.building, default: []].append(c) }
        func same(_ a: [CallUp], _ b: [CallUp]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.site == $1.site && $0.window == $1.window && $0.floors == $1.floors }
        }
        // The low floors the scenario sends down the stairs (`walking.stairs_up_to_floor`) are told so.
        let walkers = s.walking.stairsUpToFloor
        func liftsToSpare(_ b: Building) -> Bool { walkers > 1 && b.lifts > 0 && b.floors > 1 }
        func body(_ words: Wording, header: String, calls: [(Int, CallUp)], label: (CallUp) -> String, atHome: Bool,
                  stairs: Bool, replaces: [CallUp] = [], liftsDown: Int = 0) -> String {
            var lines = [header]
            if earlier != nil {
                let said = replaces.map { label($0) + " " + ClockTime.format($0.window.start) + "-" + ClockTime.format($0.window.end) + " " + words.siteName($0.site, s) }
                lines.append(words(.noticeReplaces, said.joined(separator: words.language == .zh ? "；" : "; ")))
            }
            for (i, c) in calls {
                lines.append(words.noticeCallUp(label(c), words.siteName(c.site, s), words.noticeDate(s.round.date), ClockTime.format(c.window.start),
                                                ClockTime.format(c.window.end), typical[i], busy[i]))
            }
            for site in calls.map(\.1.site).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
                let w = catchUp(site)
                lines.append(words(.noticeCatchUp, words.siteName(site, s), ClockTime.format(w.start), ClockTime.format(w.end)))
            }
            lines += [words(.noticeRules), words(.noticeBring), words.noticeHealthCode(p.contact), words(.noticePriorityLane)]
            if liftsDown > 0 { lines.append(words(.noticeLiftsDown, liftsDown)) }
            if stairs {
                lines.append(words(.noticeStairs, walkers == 2 ? words(.stairsFloorTwo) : words(.stairsFloors, walkers), walkers + 1))
            }
            for spell in spells {
                lines.append(words(spell.kind == .rain ? .noticeRain : .noticeHeat, ClockTime.format(spell.window.start), ClockTime.format(spell.window.end)))
            }
            if atHome { lines.append(words(.noticeAtHome)) }
            if let footer = words.noticeFooter(p.issuer(in: words.language), p.contact) { lines.append(footer) }
            return lines.joined(separator: "\n")
        }
        // Call-ups by building, once (a district has tens of thousands of both).
        var callsOf: [String: [(Int, CallUp)]] = [:]
        for (i, c) in plan.callUps.enumerated() { callsOf[c.building, default: []].append((i, c)) }
        // A building's bands in the order residents are called (the planning rules keep that in
        // floor order too).
        for k in callsOf.keys { callsOf[k]!.sort { ($0.1.window.start, $0.0) < ($1.1.window.start, $1.0) } }
        let languages = p.noticeLanguages.map(Wording.init)
        var names = SafeName.Unique()
        let changed = Set(s.buildings.map(\.id).filter { !same(callsOf[$0]?.map(\.1) ?? [], earlierOf[$0] ?? []) })
        var out: [(path: String, text: String)] = s.buildings.compactMap { b in
            let calls = callsOf[b.id] ?? []
            let atHome = s.doorToDoorHouseholds(b) > 0
            guard !calls.isEmpty || atHome else { return nil }
            guard earlier == nil || changed.contains(b.id) else { return nil }
            let parts = languages.map { words in
                body(words, header: words(.noticeHeader, words.name(b)), calls: calls, label: { words.noticeFloors($0.floors) }, atHome: atHome,
                     stairs: liftsToSpare(b), replaces: earlierOf[b.id] ?? [], liftsDown: b.liftsOutOfOrder)
            }
            return ("notices/" + names.claim(SafeName.file(b.id)) + ".txt", parts.joined(separator: "\n\n") + "\n")
        }
        // One notice per compound, for its WeChat group: every call-up of its buildings in time order.
        var buildingsOf: [String: [Building]] = [:]
        for b in s.buildings { buildingsOf[b.compound, default: []].append(b) }
        for compound in s.compounds {
            // With an earlier plan: the compound's changed buildings only.
            let here = (buildingsOf[compound.id] ?? []).filter { earlier == nil || changed.contains($0.id) }
            let calls = here.flatMap { callsOf[$0.id] ?? [] }.sorted { ($0.1.window.start, $0.0) < ($1.1.window.start, $1.0) }
            let atHome = here.contains { s.doorToDoorHouseholds($0) > 0 }
            guard !calls.isEmpty || atHome else { continue }
            let parts = languages.map { words in
                body(words, header: words(.noticeHeader, words.name(compound)), calls: calls,
                     label: { c in words.buildingName(c.building, s) + words(.noticeFloorSeparator) + words.noticeFloors(c.floors) }, atHome: atHome,
                     stairs: here.contains(where: liftsToSpare), replaces: here.flatMap { earlierOf[$0.id] ?? [] })
            }
            out.append(("notices/compound-" + names.claim(SafeName.file(compound.id)) + ".txt", parts.joined(separator: "\n\n") + "\n"))
        }
        return out
    }
}

/// A `YYYY-MM-DD` date's month, day and weekday (0 = Sunday), by the Gregorian calendar.
struct NoticeDate {
    var month: Int, day: Int, weekday: Int
    init?(_ iso: String) {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, (1...12).contains(p[1]), (1...31).contains(p[2]) else { return nil }
        // Zeller-style day count (Sakamoto's method).
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = p[1] < 3 ? p[0] - 1 : p[0]
        weekday = (y + y / 4 - y / 100 + y / 400 + t[p[1] - 1] + p[2]) % 7
        month = p[1]; day = p[2]
    }
}
