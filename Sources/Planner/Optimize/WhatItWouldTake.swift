import Foundation
import Scenario
import SimKit
import SiteModel

/// When the chosen plan still misses a target: the cheapest additions that would meet it, each
/// run in the simulation on the same replications (common random numbers) as the plan without
/// it. Kinds of addition, each tried from the cheapest up and the first that meets every
/// missed target kept: swab teams added to a cohort at one of its stops (with a table each
/// where the site has none spare); a registration desk with its registrar at a site; low floors
/// of the towers sent down the stairs; a tent over an uncovered site when the forecast has
/// weather. For a missed finish target, the later finish the plan does keep (the time by which
/// 90% of the simulated mornings are done).
///
///     let w = try WhatItWouldTake.run(scenario, plan, missed: targets, seed: 1, jobs: 2)
public struct WhatItWouldTake: Sendable {
    public enum Addition: Sendable, Equatable {
        /// `count` more teams in cohort `cohort`, dropped at `site` (`tables`: stations added there too).
        case teams(cohort: String, site: String, count: Int, tables: Int)
        /// `count` more registration desks at `site`, each with a registrar.
        case desks(site: String, count: Int)
        /// Floors up to `floor` of every tower take the stairs.
        case stairs(upToFloor: Int)
        /// A tent over `site`.
        case tent(site: String)
    }

    public struct Answer: Sendable {
        public var addition: Addition
        /// Each missed target's metric under the addition, and the last swab's.
        public var figures: [(target: Target, interval: ConfidenceInterval)]
        public var finish: ConfidenceInterval
    }

    public var answers: [Answer]
    /// For a missed finish target: minutes after opening by which 90% of mornings are done
    /// under the plan as it is.
    public var laterFinishMinutes: Double?
    public var replications: Int
    /// Additions tried (each a full set of replications).
    public var tried: Int
    /// The time limit came before every kind was tried.
    public var stoppedByTimeLimit = false

    /// Share of mornings a finish is read at: the later finish is the time 90% keep.
    public static let finishQuantile = 0.9

    public static func run(_ s: Scenario, _ plan: Plan, missed: [Target], seed: UInt64, jobs: Int,
                           replications: Int = 30, shouldStop: () -> Bool = { false }) throws -> WhatItWouldTake {
        let base = Experiment.runs(try CompiledRound(scenario: s, plan: plan), replications: 0..<replications, seed: seed, jobs: jobs)
        var out = WhatItWouldTake(answers: [], laterFinishMinutes: nil, replications: replications, tried: 0)
        if missed.contains(where: { $0.metric == .finishTimeMinutesAfterOpening }) {
            let finishes = base.map { $0[.finishTimeMinutesAfterOpening] }.filter(\.isFinite).sorted()
            if !finishes.isEmpty {
                out.laterFinishMinutes = (finishes[min(finishes.count - 1, Int((Double(finishes.count) * finishQuantile).rounded(.up)) - 1)]
                                          / 5).rounded(.up) * 5
            }
        }
        guard !missed.isEmpty else { return out }
        search: for ladder in ladders(s, plan) {
            for addition in ladder {
                if shouldStop() { out.stoppedByTimeLimit = true; break search }
                guard let (v, p) = applied(addition, to: s, plan) else { continue }
                guard let round = try? CompiledRound(scenario: v, plan: p) else { continue }
                out.tried += 1
                let runs = Experiment.runs(round, replications: 0..<replications, seed: seed, jobs: jobs)
                let figures = missed.map { t in (t, ConfidenceInterval(Tally(runs.map { $0[t.metric] }.filter(\.isFinite)))) }
                guard figures.allSatisfy({ $0.0.isMet(by: $0.1.mean) }),
                      !runs.contains(where: { $0[.residentsNotSwabbed] > 0 }) || !missed.contains(where: { $0.metric.needsEveryoneSwabbed }) else { continue }
                out.answers.append(Answer(addition: addition, figures: figures,
                                          finish: ConfidenceInterval(Tally(runs.map { $0[.finishTimeMinutesAfterOpening] }.filter(\.isFinite)))))
                break
            }
        }
        return out
    }

    /// The additions to try, one ladder per kind and place, cheapest first; teams and desks at
    /// the three sites the plan calls most residents to.
    static func ladders(_ s: Scenario, _ plan: Plan) -> [[Addition]] {
        var out: [[Addition]] = []
        let roster = TeamRoster(scenario: s, plan: plan)
        var called = [Double](repeating: 0, count: s.sites.count)
        for c in plan.callUps {
            guard let si = s.siteIndex(c.site), let bi = s.buildingIndex(c.building) else { continue }
            called[si] += RuleCheck.calledResidents(s, c, building: s.buildings[bi])
        }
        let busiest = Set(s.sites.indices.sorted { (-called[$0], $0) < (-called[$1], $1) }.prefix(3))
        for c in s.staff.cohorts {
            let route = plan.drops.first { $0.cohort == c.id }?.route ?? c.route
            for stop in route {
                guard let si = s.siteIndex(stop.site), busiest.contains(si) else { continue }
                let spare = max(0, s.sites[si].swabStations - roster.slotsPerSite[si])
                out.append([1, 2, 4].map { k in .teams(cohort: c.id, site: stop.site, count: k, tables: max(0, k - spare)) })
            }
        }
        let staffed = roster.slotsPerSite
        for (si, site) in s.sites.enumerated() where staffed[si] > 0 && busiest.contains(si) {
            out.append([1, 2].map { .desks(site: site.id, count: $0) })
        }
        if s.buildings.contains(where: { $0.lifts > 0 && $0.floors > 3 }) {
            out.append([3, 5, 8].filter { $0 > s.walking.stairsUpToFloor }.map { .stairs(upToFloor: $0) })
        }
        if !s.logistics.weather.forecast.isEmpty {
            for (si, site) in s.sites.enumerated() where staffed[si] > 0 && (site.cover == .none || site.cover == .umbrella) {
                out.append([.tent(site: site.id)])
            }
        }
        return out
    }

    /// The scenario and plan with `a` made; nil where it cannot be (a cohort or site gone).
    static func applied(_ a: Addition, to s: Scenario, _ plan: Plan) -> (Scenario, Plan)? {
        var v = s, p = plan
        switch a {
        case .teams(let cohort, let site, let count, let tables):
            guard let ci = v.staff.cohorts.firstIndex(where: { $0.id == cohort }), let si = v.siteIndex(site) else { return nil }
            v.staff.cohorts[ci].teams += count
            guard let k = v.staff.cohorts[ci].route.firstIndex(where: { $0.site == site }) else { return nil }
            v.staff.cohorts[ci].route[k].teams += count
            if let d = p.drops.firstIndex(where: { $0.cohort == cohort }) {
                guard let j = p.drops[d].route.firstIndex(where: { $0.site == site }) else { return nil }
                p.drops[d].route[j].teams += count
            }
            v.sites[si].swabStations += tables
        case .desks(let site, let count):
            guard let si = v.siteIndex(site) else { return nil }
            v.sites[si].registrationDesks += count
            v.staff.registrars += count
            // Staffing periods that name the site open the new desks too.
            for j in p.staffing.indices where p.staffing[j].site == site { p.staffing[j].desks += count }
        case .stairs(let floor):
            v.walking.stairsUpToFloor = floor
        case .tent(let site):
            guard let si = v.siteIndex(site) else { return nil }
            v.sites[si].cover = .tent
        }
        guard PlanCheck.problems(v, p).isEmpty else { return nil }
        return (v, p)
    }
}
