import Foundation
import Scenario
import SimKit
import SiteModel

/// The published schedule: site timetables by call-up window, team and worker rosters, courier
/// runs and building notices, from the plan and the simulated figures.
enum ScheduleFiles {
    static func details(_ r: ExperimentResult) -> [ReplicationResult.Detail] { r.runs.compactMap(\.detail) }

    /// One row per site and call-up window.
    static func schedule(_ r: ExperimentResult) -> String {
        let s = r.scenario, plan = r.plan, w = Wording(s.language)
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

    static func stationCount(_ s: Scenario) -> [Int] { TeamRoster(scenario: s).slotsPerSite }

    /// Residents expected to give up and not come back, per building: the door-to-door list
    /// after the round. Mean with its 95% half-width, and the 95th percentile over replications
    /// (what to be ready for); buildings where nobody gave up in any replication are left out.
    static func followUp(_ r: ExperimentResult) -> String {
        let s = r.scenario, w = Wording(s.language)
        let d = details(r)
        var csv = CSVDocument(header: w.columns(.csvFollowUp))
        for (bi, b) in s.buildings.enumerated() {
            var counts = QuantileSample()
            for x in d { counts.add(Double(x.gaveUpPerBuilding[bi])) }
            let tally = Tally(counts.values)
            guard tally.max > 0 else { continue }
            let ci = ConfidenceInterval(tally)
            csv.append([.text(b.id), .text(w.name(b)), .text(w.compoundName(b.compound, s)),
                        .number(ci.mean, decimals: 1), .number(Summary.finite(ci.halfWidth), decimals: 1),
                        .number(counts.quantile(0.95) ?? 0, decimals: 0)])
        }
        return csv.text
    }

    /// Planned shifts: each swab team and each community worker's roles, with breaks and relief.
    static func rosters(_ r: ExperimentResult) -> String {
        let s = r.scenario, w = Wording(s.language)
        let roster = TeamRoster(scenario: s, plan: r.plan)
        var csv = CSVDocument(header: w.columns(.csvRosters))
        let ends = roster.workEnds, relievedBy = roster.relievedBy
        for (t, team) in roster.teams.enumerated() {
            let cohort = s.staff.cohorts[team.cohort]
            let name = w.team(roster, t, s)
            let end = ends[t]
            let breaks = team.breaks(until: end).map(\.description)
            let reliefName = relievedBy[t].map { w(.reliefAt, w.team(roster, $0, s), ClockTime.format(roster.teams[$0].readyAt)) } ?? ""
            csv.append([.text(name), .text(cohort.id), .text(w(.roleSwabTeam)), .text(w.name(s.sites[team.site])), .integer(team.slot + 1),
                        .text(ClockTime.format(cohort.departsDepot)), .text(ClockTime.format(team.arrivesAtSite)),
                        .text(ClockTime.format(team.readyAt)), .text(ClockTime.format(end)),
                        .text(w.list(breaks)), .text(reliefName)])
        }
        for role in r.plan.roles.sorted(by: { ($0.worker.count, $0.worker, $0.period.start) < ($1.worker.count, $1.worker, $1.period.start) }) {
            csv.append([.text(role.worker), .text(""), .text(w.role(role.role)),
                        .text(role.site.map { w.siteName($0, s) } ?? ""), .text(""), .text(""), .text(""),
                        .text(ClockTime.format(role.period.start)), .text(ClockTime.format(role.period.end)), .text(""), .text("")])
        }
        return csv.text
    }

    /// Each courier's runs: when they leave (mean over replications, for on-demand couriers),
    /// the stops with dry-weather arrival times, the return to the lab, the tubes they carry.
    static func courierRuns(_ r: ExperimentResult) -> String {
        let w = Wording(r.scenario.language)
        var csv = CSVDocument(header: w.columns(.csvCourierRuns))
        for run in plannedRuns(r) {
            csv.append([.text(run.courier), .integer(run.number), .text(ClockTime.format(run.departs)),
                        .text(w.list(run.stops.map { "\(w.siteName($0.site, r.scenario)) \(ClockTime.format($0.at))" })),
                        .text(ClockTime.format(run.back)), .number(run.tubes, decimals: 1), .number(run.share, decimals: 2)])
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

    /// One short notice per building, in the scenario's languages.
    /// One notice per building and one per compound (all its buildings' call-ups in time
    /// order), in each notice language: when and where, the wait said honestly (typical and at
    /// busy moments, from the median and the 90th percentile), what to do when the slot is
    /// missed, a pop-up or yellow health code, the rules before a swab, rain or heat in the
    /// forecast, and who issues the notice with a phone to call.
    static func notices(_ r: ExperimentResult) -> [(path: String, text: String)] {
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
        let spells = s.logistics.weather.forecast.filter { ($0.kind == .rain || $0.kind == .heat) && $0.window.overlaps(s.round.window) }
        // English notices use the English names where the scenario gives them (`name_en`).
        func siteNameIn(_ id: String, _ en: Bool) -> String { s.siteIndex(id).map { en ? (s.sites[$0].nameEn ?? s.sites[$0].name) : s.sites[$0].name } ?? id }
        func buildingName(_ b: Building, _ en: Bool) -> String { en ? (b.nameEn ?? b.name) : b.name }
        func body(_ words: NoticeWording, en: Bool, header: String, calls: [(Int, CallUp)], label: (CallUp) -> String, atHome: Bool) -> String {
            func siteName(_ id: String) -> String { siteNameIn(id, en) }
            var lines = [header]
            for (i, c) in calls {
                lines.append(words.callUp(label(c), siteName(c.site), words.date(s.round.date), ClockTime.format(c.window.start),
                                          ClockTime.format(c.window.end), typical[i], busy[i]))
            }
            for site in calls.map(\.1.site).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
                let w = catchUp(site)
                lines.append(words.catchUp(siteName(site), ClockTime.format(w.start), ClockTime.format(w.end)))
            }
            lines += [words.rules, words.bring, words.healthCode(s.noticeContact), words.priorityLane]
            for spell in spells { lines.append(words.weather(spell.kind, ClockTime.format(spell.window.start), ClockTime.format(spell.window.end))) }
            if atHome { lines.append(words.atHome) }
            if let footer = words.footer(s.noticeIssuer, s.noticeContact) { lines.append(footer) }
            return lines.joined(separator: "\n")
        }
        var names = SafeName.Unique()
        var out: [(path: String, text: String)] = s.buildings.compactMap { b in
            let calls = plan.callUps.enumerated().filter { $0.element.building == b.id }.map { ($0.offset, $0.element) }
            let atHome = s.doorToDoorHouseholds(b) > 0
            guard !calls.isEmpty || atHome else { return nil }
            let parts = s.noticeLanguages.map { lang -> String in
                let words = lang == "zh" ? NoticeWording.chinese : NoticeWording.english
                return body(words, en: lang != "zh", header: words.header(buildingName(b, lang != "zh")), calls: calls, label: { words.floors($0.floors) }, atHome: atHome)
            }
            return ("notices/" + names.claim(SafeName.file(b.id)) + ".txt", parts.joined(separator: "\n\n") + "\n")
        }
        // One notice per compound, for its WeChat group: every call-up of its buildings in time order.
        let buildingOf = Dictionary(s.buildings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for compound in s.compounds {
            let calls = plan.callUps.enumerated().filter { buildingOf[$0.element.building]?.compound == compound.id }
                .sorted { ($0.element.window.start, $0.offset) < ($1.element.window.start, $1.offset) }.map { ($0.offset, $0.element) }
            let atHome = s.buildings.contains { $0.compound == compound.id && s.doorToDoorHouseholds($0) > 0 }
            guard !calls.isEmpty || atHome else { continue }
            let parts = s.noticeLanguages.map { lang -> String in
                let words = lang == "zh" ? NoticeWording.chinese : NoticeWording.english
                let en = lang != "zh"
                return body(words, en: en, header: words.header(en ? (compound.nameEn ?? compound.name) : compound.name), calls: calls,
                            label: { c in (buildingOf[c.building].map { buildingName($0, en) } ?? c.building) + words.separator + words.floors(c.floors) }, atHome: atHome)
            }
            out.append(("notices/compound-" + names.claim(SafeName.file(compound.id)) + ".txt", parts.joined(separator: "\n\n") + "\n"))
        }
        return out
    }
}

/// The sentences of a notice in one language.
struct NoticeWording: Sendable {
    var header: @Sendable (_ who: String) -> String
    var floors: @Sendable (_ floors: ClosedRange<Int>?) -> String
    var separator: String
    var date: @Sendable (_ iso: String) -> String
    var callUp: @Sendable (_ who: String, _ site: String, _ date: String, _ from: String, _ to: String, _ typical: Int, _ busy: Int) -> String
    var catchUp: @Sendable (_ site: String, _ from: String, _ to: String) -> String
    var rules: String
    var bring: String
    var healthCode: @Sendable (_ contact: String?) -> String
    var priorityLane: String
    var weather: @Sendable (_ kind: WeatherKind, _ from: String, _ to: String) -> String
    var atHome: String
    var footer: @Sendable (_ issuer: String?, _ contact: String?) -> String?

    static let chinese = NoticeWording(
        header: { "【核酸检测通知】\($0)的居民：" },
        floors: { f in f.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)层" : "\($0.lowerBound)至\($0.upperBound)层" } ?? "全体" },
        separator: "",
        date: { iso in NoticeDate(iso).map { "\($0.month)月\($0.day)日（周\(["日", "一", "二", "三", "四", "五", "六"][$0.weekday])）" } ?? iso },
        callUp: { who, site, date, from, to, typical, busy in
            "\(who)居民请于\(date)\(from)至\(to)到\(site)采样。" + (typical < 1 ? "一般无需排队" : "一般排队约\(typical)分钟")
                + (busy > typical ? "，人多时可能要\(busy)分钟。" : "。")
        },
        catchUp: { site, from, to in "错过时间的居民请于\(from)至\(to)到\(site)补采。" },
        rules: "采样前30分钟内请勿进食、吸烟、饮酒；采样后请立即离开，不要聚集。",
        bring: "请携带身份证和手机健康码，全程佩戴口罩，保持一米距离。",
        healthCode: { contact in "健康码弹窗或黄码的居民请勿到现场排队，请联系社区" + (contact.map { "（\($0)）" } ?? "") + "安排单独采样。" },
        priorityLane: "老人和行动不便的居民可走优先通道。",
        weather: { kind, from, to in kind == .rain ? "天气预报\(from)至\(to)有雨，请带好雨具。" : "天气预报\(from)至\(to)气温较高，请注意防暑。" },
        atHome: "居家隔离和卧床的居民请在家等候，采样人员将上门采样。",
        footer: { issuer, contact in
            guard issuer != nil || contact != nil else { return nil }
            return [issuer, contact.map { "联系电话：\($0)" }].compactMap { $0 }.joined(separator: "　")
        })

    static let english = NoticeWording(
        header: { "Testing notice for the residents of \($0):" },
        floors: { f in f.map { $0.lowerBound == $0.upperBound ? "floor \($0.lowerBound)" : "floors \($0.lowerBound)-\($0.upperBound)" } ?? "all floors" },
        separator: ", ",
        date: { iso in NoticeDate(iso).map { "\(["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][$0.weekday]) \($0.day) \(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][$0.month - 1])" } ?? iso },
        callUp: { who, site, date, from, to, typical, busy in
            "Residents of \(who): please come to \(site) on \(date) between \(from) and \(to). " + (typical < 1 ? "Usually no wait" : "Typical wait about \(typical) minute\(typical == 1 ? "" : "s")")
                + (busy > typical ? "; at busy moments up to \(busy) minutes." : ".")
        },
        catchUp: { site, from, to in "If you miss your time, come to \(site) between \(from) and \(to)." },
        rules: "Do not eat, smoke or drink for 30 minutes before the swab; leave straight after it, do not gather.",
        bring: "Bring your ID card and your phone with the health code; wear a mask and keep one metre apart.",
        healthCode: { contact in "If your health code shows a pop-up or is yellow, do not queue: call the community" + (contact.map { " (\($0))" } ?? "") + " to arrange a separate test." },
        priorityLane: "Elderly residents and those with limited mobility may use the priority lane.",
        weather: { kind, from, to in kind == .rain ? "Rain is forecast from \(from) to \(to): bring an umbrella." : "Heat is forecast from \(from) to \(to): bring water and keep in the shade." },
        atHome: "Quarantined and bed-ridden residents: please stay at home; a team will come to your door.",
        footer: { issuer, contact in
            guard issuer != nil || contact != nil else { return nil }
            return [issuer, contact.map { "Contact: \($0)" }].compactMap { $0 }.joined(separator: "; ")
        })
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
