import Scenario
import SimKit
import SiteModel

/// Advice a planner can follow, from one diagnosis of the whole round (`Diagnosis`), each piece
/// tried as a what-if in the simulation on the same replications as the plan (common random
/// numbers) and kept only when it shortens the 95th percentile of time in system beyond doubt
/// (its paired 95% interval below zero) without delaying the last swab beyond doubt by more than
/// a minute. Pieces, for each spell, longest queue first:
/// - a registration line: open a desk the plan's staffing keeps closed when someone is free
///   anywhere (registrars and community workers not at a desk nor escorting a door-to-door
///   team); else move a desk, with its person, from a site with no line then;
/// - a swab line: open the stations the plan's staffing closes while their teams are there;
/// - either: move the building that feeds the spell most to the site least busy then (one
///   its residents may use under the planning rules; never back along a move already advised),
///   or its call-up half an hour later (earlier near the deadline), its other bands pushed
///   along so that they still follow one another.
public struct CheckedAdvice: Sendable {
    public enum Action: Sendable, Equatable {
        case openDesk(site: String, from: Double, to: Double)
        case moveDesk(fromSite: String, toSite: String, from: Double, to: Double)
        case openStations(site: String, from: Double, to: Double)
        case moveBuilding(building: String, fromSite: String, toSite: String)
        case shiftCallUp(building: String, floors: ClosedRange<Int>?, from: ClockWindow, to: ClockWindow)
    }

    public struct Item: Sendable {
        public var spell: Diagnosis.Spell
        public var action: Action
        /// Paired differences, advice minus plan: p95 and mean time in system, last swab (minutes).
        public var p95Change: ConfidenceInterval
        public var meanChange: ConfidenceInterval
        public var finishChange: ConfidenceInterval
    }

    public var diagnosis: Diagnosis
    public var items: [Item]
    /// Tried and not shown: they did not help beyond doubt.
    public var triedWithoutEffect: Int
    public var replications: Int
    /// Per spell (same order as the diagnosis): whether every desk of the site is open then,
    /// and whether nobody anywhere has slack to run another (no one free, no site with a desk
    /// idle).
    public var allDesksOpen: [Bool]
    public var noSlack: Bool

    public static func run(_ base: ExperimentResult, jobs: Int, replications: Int = 40) throws -> CheckedAdvice {
        let s = base.scenario, plan = base.plan
        let diagnosis = Diagnosis(base)
        // A district's replication takes seconds: fewer of them (at least 10) per what-if.
        let affordable = max(10, 2_000_000 / max(s.totalResidents, 1))
        let n = min(replications, base.runs.count, affordable)
        let model = RoundModel(s)
        var candidates: [(Diagnosis.Spell, Action, Plan)] = []
        var resited = Set<String>() // "from>to" pairs already advised
        var allOpen: [Bool] = []
        var anySlack = false
        func add(_ spell: Diagnosis.Spell, _ a: Action, _ p: Plan?) {
            guard let p, PlanCheck.problems(s, p).isEmpty, RuleCheck.violations(s, p).count <= RuleCheck.violations(s, plan).count,
                  !candidates.contains(where: { $0.1 == a }) else { return }
            candidates.append((spell, a, p))
        }
        for spell in diagnosis.spells.prefix(6) {
            guard let si = s.siteIndex(spell.site) else { allOpen.append(true); continue }
            let open = s.desksOpen(site: spell.site, at: spell.from, plan: plan)
            allOpen.append(open >= s.sites[si].registrationDesks)
            if spell.swab {
                let teams = TeamRoster(scenario: s, plan: plan).slotsPerSite[si]
                if let st = s.staffing(site: spell.site, at: spell.from, plan: plan), st.stations < teams {
                    add(spell, .openStations(site: spell.site, from: spell.from, to: spell.to),
                        restaffed(plan, s, site: spell.site, from: spell.from, to: spell.to) { ($0.desks, teams) })
                }
            } else if open < s.sites[si].registrationDesks {
                let free = freePeople(s, plan, at: spell.from)
                if free > 0 {
                    anySlack = true
                    add(spell, .openDesk(site: spell.site, from: spell.from, to: spell.to),
                        restaffed(plan, s, site: spell.site, from: spell.from, to: spell.to) { ($0.desks + 1, $0.stations) })
                } else if let idle = idleDeskSite(base, s, plan, except: spell.site, from: spell.from, to: spell.to) {
                    anySlack = true
                    var p = restaffed(plan, s, site: spell.site, from: spell.from, to: spell.to) { ($0.desks + 1, $0.stations) }
                    p = p.flatMap { restaffed($0, s, site: idle, from: spell.from, to: spell.to) { ($0.desks - 1, $0.stations) } }
                    add(spell, .moveDesk(fromSite: idle, toSite: spell.site, from: spell.from, to: spell.to), p)
                }
            }
            // The building feeding the spell most: its residents called in the half hour before
            // it and during it.
            let feeding = plan.callUps.indices.filter { i in
                let c = plan.callUps[i]
                return c.site == spell.site && c.window.end > spell.from - 1800 && c.window.start < spell.to && !c.pinned
            }
            let called = { (i: Int) -> Double in
                let c = plan.callUps[i]
                return s.buildingIndex(c.building).map { RuleCheck.calledResidents(s, c, building: s.buildings[$0]) } ?? 0
            }
            guard let top = feeding.max(by: { (called($0), -$0) < (called($1), -$1) }) else { continue }
            let c = plan.callUps[top]
            let mine = plan.callUps.indices.filter { plan.callUps[$0].building == c.building }
            if let quiet = quietestSite(base, s, plan, building: c.building, except: spell.site, from: spell.from, to: spell.to),
               !resited.contains("\(quiet)>\(spell.site)"), mine.allSatisfy({ !plan.callUps[$0].pinned }) {
                var p = plan
                for j in mine { p.callUps[j].site = quiet }
                let before = candidates.count
                add(spell, .moveBuilding(building: c.building, fromSite: spell.site, toSite: quiet), p)
                if candidates.count > before { resited.insert("\(spell.site)>\(quiet)") }
            }
            let later = spell.to < s.round.deadline - 1800
            let shift = later ? 1800.0 : -1800
            let group = mine.sorted { (plan.callUps[$0].window.start, $0) < (plan.callUps[$1].window.start, $1) }
            let to = (start: c.window.start + shift, end: c.window.end + shift)
            if to.start >= s.round.opening, to.end <= s.round.deadline,
               let moved = BandLayout.pushed(group.map { (plan.callUps[$0].window.start, plan.callUps[$0].window.end) },
                                             pinned: group.map { plan.callUps[$0].pinned }, moving: group.firstIndex(of: top)!, to: to,
                                             earliest: s.round.opening, latest: s.round.deadline) {
                var p = plan
                for (j, w) in zip(group, moved) { p.callUps[j].window = ClockWindow(start: w.start, end: w.end) }
                add(spell, .shiftCallUp(building: c.building, floors: c.floors, from: c.window, to: ClockWindow(start: to.start, end: to.end)), p)
            }
        }
        // Each piece on the plan's own replications; at most `largest` of them.
        if candidates.count > CheckedAdvice.largest { candidates = Array(candidates.prefix(CheckedAdvice.largest)) }
        let baseRuns = Array(base.runs.prefix(n))
        let rounds = try candidates.map { try CompiledRound(model: model, plan: $0.2) }
        let runs = rounds.isEmpty ? [] : Experiment.runs(rounds, replications: 0..<n, seed: base.seed, jobs: jobs)
        var items: [Item] = []
        for (k, (spell, action, _)) in candidates.enumerated() {
            func change(_ m: MetricName) -> ConfidenceInterval {
                ConfidenceInterval(Tally(zip(runs[k], baseRuns).map { $0[m] - $1[m] }.filter(\.isFinite)))
            }
            let p95 = change(.timeInSystemP95Minutes), finish = change(.finishTimeMinutesAfterOpening)
            guard p95.upper < 0, finish.lower <= 1 else { continue }
            items.append(Item(spell: spell, action: action, p95Change: p95, meanChange: change(.timeInSystemMinutes), finishChange: finish))
        }
        items.sort { ($0.p95Change.mean, $0.spell.peak) < ($1.p95Change.mean, $1.spell.peak) }
        let noSlack = !anySlack && freePeople(s, plan, at: s.round.opening) <= 0
        return CheckedAdvice(diagnosis: diagnosis, items: items, triedWithoutEffect: candidates.count - items.count,
                             replications: n, allDesksOpen: allOpen, noSlack: noSlack)
    }

    /// Most pieces of advice tried in the simulation (the longest queues' first).
    static let largest = 8

    /// Registrars and community workers at no desk and with no door-to-door team at `t`.
    static func freePeople(_ s: Scenario, _ plan: Plan, at t: Double) -> Int {
        let desks = s.sites.reduce(0) { $0 + s.desksOpen(site: $1.id, at: t, plan: plan) }
        let escorts = s.doorToDoorTeams(under: plan).filter { $0.start <= t && t < $0.end }.count
        return s.staff.registrars + s.staff.communityWorkers - desks - escorts
    }

    /// The bins of the experiment's site series between two clock times.
    static func bins(_ r: ExperimentResult, _ from: Double, _ to: Double) -> Range<Int> {
        let o = r.scenario.round.opening, w = CompiledRound.binSeconds
        let lo = max(0, Int((from - o) / w)), hi = max(lo, Int(((to - o) / w).rounded(.up)))
        return lo..<hi
    }

    /// A site with two or more desks open and (almost) no registration line through the spell.
    static func idleDeskSite(_ r: ExperimentResult, _ s: Scenario, _ plan: Plan, except: String, from: Double, to: Double) -> String? {
        let range = bins(r, from, to)
        return r.sites.first { site in
            let q = site.registrationQueue
            return site.site.id != except && s.desksOpen(site: site.site.id, at: from, plan: plan) >= 2
                && range.allSatisfy { $0 < q.count && q[$0].mean < 1 }
        }?.site.id
    }

    /// Of the sites the building may use under the planning rules (other than `except`), the
    /// one whose swab stations are least busy through the spell.
    static func quietestSite(_ r: ExperimentResult, _ s: Scenario, _ plan: Plan, building: String, except: String,
                             from: Double, to: Double) -> String? {
        guard let bi = s.buildingIndex(building) else { return nil }
        let staffed = TeamRoster(scenario: s, plan: plan).slotsPerSite
        let allowed = s.allowedSites(bi, staffed: staffed) { s.walkingSeconds(building: s.buildings[$0], site: s.sites[$1]) }
        let range = bins(r, from, to)
        func load(_ si: Int) -> Double {
            let u = r.sites[si].utilisation
            let xs = range.filter { $0 < u.count }.map { u[$0] }
            return xs.isEmpty ? 1 : xs.reduce(0, +) / Double(xs.count)
        }
        return allowed.filter { s.sites[$0].id != except && load($0) < 0.85 }.min { (load($0), $0) < (load($1), $1) }.map { s.sites[$0].id }
    }

    /// The plan with `site`'s staffing over `from..<to` changed by `change` (desks, stations),
    /// the rest of its periods as they were (a site with no period there opens everything it
    /// has); nil when that leaves a count out of the site's range.
    static func restaffed(_ plan: Plan, _ s: Scenario, site: String, from: Double, to: Double,
                          _ change: (Staffing) -> (Int, Int)) -> Plan? {
        guard let si = s.siteIndex(site) else { return nil }
        let full = Staffing(site: site, period: s.round.window, desks: s.sites[si].registrationDesks, stations: s.sites[si].swabStations)
        let mine = plan.staffing.filter { $0.site == site }
        let a = max(from, s.round.opening), b = min(to, s.round.deadline)
        guard b > a else { return nil }
        var cuts = Set([a, b])
        for st in mine { cuts.insert(st.period.start); cuts.insert(st.period.end) }
        let times = cuts.sorted()
        var out: [Staffing] = []
        for (x, y) in zip(times, times.dropFirst()) {
            let covering = mine.first { $0.period.start <= x && y <= $0.period.end }
            let inside = a <= x && y <= b
            guard covering != nil || inside else { continue }
            var st = covering ?? full
            st.period = ClockWindow(start: x, end: y)
            if inside {
                let (d, k) = change(st)
                guard d >= 0, d <= s.sites[si].registrationDesks, k >= 0, k <= s.sites[si].swabStations else { return nil }
                st.desks = d; st.stations = k
            }
            if let last = out.last, last.period.end == x, last.desks == st.desks, last.stations == st.stations {
                out[out.count - 1].period = ClockWindow(start: last.period.start, end: y)
            } else { out.append(st) }
        }
        var p = plan
        p.staffing = plan.staffing.filter { $0.site != site } + out
        return p
    }
}
