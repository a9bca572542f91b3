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
        let s = r.scenario, plan = r.plan
        let d = details(r)
        var csv = CSVDocument(header: ["site", "compound", "window", "building", "floors", "expected_residents",
                                       "desks_open", "stations_open", "expected_wait_mean_minutes", "expected_wait_p95_minutes"])
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
            csv.append([.text(site.name), .text(s.compounds.first { $0.id == site.compound }?.name ?? site.compound),
                        .text(c.window.description), .text(s.buildings[s.buildingIndex(c.building)!].name),
                        .text(c.floors.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "all"),
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
        let s = r.scenario
        let d = details(r)
        var csv = CSVDocument(header: ["building", "name", "compound", "expected_residents_to_visit", "half_width_95", "p95_over_replications"])
        for (bi, b) in s.buildings.enumerated() {
            var counts = QuantileSample()
            for x in d { counts.add(Double(x.gaveUpPerBuilding[bi])) }
            let tally = Tally(counts.values)
            guard tally.max > 0 else { continue }
            let ci = ConfidenceInterval(tally)
            csv.append([.text(b.id), .text(b.name), .text(s.compounds.first { $0.id == b.compound }?.name ?? b.compound),
                        .number(ci.mean, decimals: 1), .number(Summary.finite(ci.halfWidth), decimals: 1),
                        .number(counts.quantile(0.95) ?? 0, decimals: 0)])
        }
        return csv.text
    }

    /// Planned shifts: each swab team and each community worker's roles, with breaks and relief.
    static func rosters(_ r: ExperimentResult) -> String {
        let s = r.scenario
        let roster = TeamRoster(scenario: s, plan: r.plan)
        var csv = CSVDocument(header: ["who", "cohort", "role", "site", "station", "bus_departs", "arrives", "starts", "ends", "breaks", "relieved_by"])
        var numbers: [Int: Int] = [:]
        for (t, team) in roster.teams.enumerated() {
            let cohort = s.staff.cohorts[team.cohort]
            numbers[team.cohort, default: 0] += 1
            let name = "\(cohort.id) team \(numbers[team.cohort]!)"
            let relief = roster.teams.firstIndex { $0.relieves == t }
            let end = relief.map { min(team.shiftEnd, roster.teams[$0].readyAt) } ?? team.shiftEnd
            let breaks = team.breaks(until: end).map(\.description)
            let reliefName = relief.map { k -> String in
                let c = roster.teams[k].cohort
                let n = roster.teams[..<k].filter { $0.cohort == c }.count + 1
                return "\(s.staff.cohorts[c].id) team \(n) at \(ClockTime.format(roster.teams[k].readyAt))"
            } ?? ""
            csv.append([.text(name), .text(cohort.id), .text("swab team"), .text(s.sites[team.site].name), .integer(team.slot + 1),
                        .text(ClockTime.format(cohort.departsDepot)), .text(ClockTime.format(team.arrivesAtSite)),
                        .text(ClockTime.format(team.readyAt)), .text(ClockTime.format(end)),
                        .text(breaks.joined(separator: "; ")), .text(reliefName)])
        }
        for role in r.plan.roles.sorted(by: { ($0.worker.count, $0.worker, $0.period.start) < ($1.worker.count, $1.worker, $1.period.start) }) {
            csv.append([.text(role.worker), .text(""), .text(role.role.rawValue.replacingOccurrences(of: "_", with: " ")),
                        .text(role.site.flatMap { id in s.siteIndex(id).map { s.sites[$0].name } } ?? ""), .text(""), .text(""), .text(""),
                        .text(ClockTime.format(role.period.start)), .text(ClockTime.format(role.period.end)), .text(""), .text("")])
        }
        return csv.text
    }

    /// Each courier's runs: when they leave (mean over replications, for on-demand couriers),
    /// the stops with dry-weather arrival times, the return to the lab, the tubes they carry.
    static func courierRuns(_ r: ExperimentResult) -> String {
        let s = r.scenario
        let d = details(r)
        var csv = CSVDocument(header: ["courier", "run", "departs", "stops", "back_at_lab", "expected_tubes", "share_of_replications"])
        for (ci, c) in s.logistics.couriers.fleet.enumerated() {
            let runs = d.map { $0.courierRuns.indices.contains(ci) ? $0.courierRuns[ci] : [] }
            let most = runs.map(\.count).max() ?? 0
            for k in 0..<most {
                let these = runs.compactMap { $0.indices.contains(k) ? $0[k] : nil }
                let departs = Tally(these.map(\.departs)).mean
                var clock = departs
                var stops: [String] = []
                var previous = "lab"
                for site in c.route {
                    clock += (s.courierMinutes(previous, site) ?? 0) * 60
                    stops.append("\(site) \(ClockTime.format(clock))")
                    previous = site
                }
                clock += (s.courierMinutes(previous, "lab") ?? 0) * 60
                csv.append([.text(c.id), .integer(k + 1), .text(ClockTime.format(departs)), .text(stops.joined(separator: "; ")),
                            .text(ClockTime.format(clock)), .number(Tally(these.map { Double($0.tubes) }).mean, decimals: 1),
                            .number(Double(these.count) / Double(max(d.count, 1)), decimals: 2)])
            }
        }
        return csv.text
    }

    /// One short notice per building, in the scenario's languages.
    static func notices(_ r: ExperimentResult) -> [(path: String, text: String)] {
        let s = r.scenario, plan = r.plan
        let d = details(r)
        // Expected wait per call-up, computed once for every language.
        let waits = plan.callUps.indices.map { i in Int(Tally(d.map { $0.callUps[i].meanWait }).mean.rounded()) }
        var names = SafeName.Unique()
        return s.buildings.compactMap { b in
            let calls = plan.callUps.enumerated().filter { $0.element.building == b.id }
            let atHome = s.doorToDoorHouseholds(b) > 0
            guard !calls.isEmpty || atHome else { return nil }
            let parts = s.noticeLanguages.map { lang -> String in
                let words = lang == "zh" ? NoticeWording.chinese : NoticeWording.english
                var lines = [words.header(b.name)]
                for (i, c) in calls {
                    lines.append(words.callUp(c.floors, s.sites[s.siteIndex(c.site)!].name, s.round.date,
                                              ClockTime.format(c.window.start), ClockTime.format(c.window.end), waits[i]))
                }
                lines += [words.bring, words.priorityLane]
                if atHome { lines.append(words.atHome) }
                return lines.joined(separator: "\n")
            }
            return ("notices/" + names.claim(SafeName.file(b.id)) + ".txt", parts.joined(separator: "\n\n") + "\n")
        }
    }
}

/// The sentences of a building notice in one language.
struct NoticeWording: Sendable {
    var header: @Sendable (_ building: String) -> String
    var callUp: @Sendable (_ floors: ClosedRange<Int>?, _ site: String, _ date: String, _ from: String, _ to: String, _ waitMinutes: Int) -> String
    var bring: String
    var priorityLane: String
    var atHome: String

    static let chinese = NoticeWording(
        header: { "【核酸检测通知】\($0)的居民：" },
        callUp: { floors, site, date, from, to, wait in
            let who = floors.map { "\($0.lowerBound)-\($0.upperBound)层" } ?? "全体"
            return "\(who)居民请于\(date) \(from)至\(to)到\(site)采样（预计排队约\(wait)分钟）。"
        },
        bring: "请携带身份证和手机健康码，全程佩戴口罩，保持一米距离。",
        priorityLane: "老人和行动不便的居民可走优先通道。",
        atHome: "居家隔离和卧床的居民请在家等候，采样人员将上门采样。")

    static let english = NoticeWording(
        header: { "Testing notice for the residents of \($0):" },
        callUp: { floors, site, date, from, to, wait in
            let who = floors.map { "floors \($0.lowerBound)-\($0.upperBound)" } ?? "all floors"
            return "Residents of \(who): please come to \(site) on \(date) between \(from) and \(to) (expected wait about \(wait) minutes)."
        },
        bring: "Bring your ID card and your phone with the health code; wear a mask and keep one metre apart.",
        priorityLane: "Elderly residents and those with limited mobility may use the priority lane.",
        atHome: "Quarantined and bed-ridden residents: please stay at home; a team will come to your door.")
}
