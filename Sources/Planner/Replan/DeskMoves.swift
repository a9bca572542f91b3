import Scenario

/// What a re-plan may do about registration desks at a morning state's time: send people who
/// staff desks at a site with a short line (or work the data desk) to a site short of desks or
/// with a long line, where they open desks it has standing empty. Each candidate is a whole
/// plan (the plan's desk moves with one more); the compile checks it (`PlanCheck`).
enum DeskMoves {
    /// Minutes a worker takes to reach a site from the data desk (whose place is not given),
    /// and at least from another site (hand over the desk, walk, set up).
    static let fromDataDeskMinutes = 15.0
    static let leastMinutes = 10.0

    static func candidates(_ plan: Plan, scenario s: Scenario, state: MorningState, short: Set<String>) -> [(Plan, DeskMove)] {
        // Desks someone works at `at`, site by site: the plan's (with its earlier moves) under
        // the state's cap.
        func working(_ si: Int) -> Int {
            let id = s.sites[si].id
            var n = s.desksOpen(site: id, at: state.at, plan: plan)
            for m in plan.deskMoves where m.at <= state.at { n += (m.to == id ? m.desks : 0) - (m.from == id ? m.desks : 0) }
            n = min(s.sites[si].registrationDesks, max(0, n))
            return min(n, state.desks[id] ?? n)
        }
        // Moved in after `at` already (by an earlier step of this re-plan).
        func coming(_ id: String) -> Int { plan.deskMoves.filter { $0.at > state.at && $0.to == id }.reduce(0) { $0 + $1.desks } - plan.deskMoves.filter { $0.at > state.at && $0.from == id }.reduce(0) { $0 + $1.desks } }
        var out: [(Plan, DeskMove)] = []
        for (ti, site) in s.sites.enumerated() where short.contains(site.id) {
            let room = site.registrationDesks - working(ti) - coming(site.id)
            guard room > 0 else { continue }
            var donors: [(String, Int, Double)] = []
            for (fi, other) in s.sites.enumerated() where fi != ti && !short.contains(other.id) {
                // A donor keeps a desk of its own.
                let spare = working(fi) + coming(other.id) - 1
                guard spare > 0 else { continue }
                donors.append((other.id, spare, walkMinutes(s, from: fi, to: ti)))
            }
            let onDataDesk = dataDeskWorkers(plan, scenario: s, at: state.at)
            if onDataDesk > 0 { donors.append((DeskMove.dataDesk, onDataDesk, fromDataDeskMinutes)) }
            for (from, spare, minutes) in donors {
                let earliest = (state.at + max(minutes, leastMinutes) * 60) / 300
                let first = earliest.rounded(.up) * 300
                for at in [first, first + 1800] where at < s.round.deadline {
                    for n in Set([1, min(room, spare)]).sorted() {
                        let move = DeskMove(at: at, from: from, to: site.id, desks: n)
                        var p = plan
                        p.deskMoves.append(move)
                        out.append((p, move))
                    }
                }
            }
        }
        return out
    }

    /// Community workers on the data desk at `t` not already moved off it.
    static func dataDeskWorkers(_ plan: Plan, scenario s: Scenario, at t: Double) -> Int {
        max(0, s.dataDeskWorkers(at: t, plan: plan) - plan.deskMoves.filter(\.fromDataDesk).reduce(0) { $0 + $1.desks })
    }

    /// Walking minutes between two sites (straight line times the detour factor), or the data
    /// desk's when a position is missing.
    static func walkMinutes(_ s: Scenario, from a: Int, to b: Int) -> Double {
        guard let p = s.sites[a].position, let q = s.sites[b].position else { return fromDataDeskMinutes }
        return p.distance(to: q) * s.walking.detourFactor / s.walking.speedMetresPerMinute
    }
}
