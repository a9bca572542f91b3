/// What loads but leaves residents without service: a site with no swab team for a while
/// when its call-ups bring residents (a shift that ends before its relief is ready), and a
/// call-up to a site whose staffing opens no registration desk in its window. `validate` warns
/// of each at file:line:column.
public struct Gap: Sendable, Equatable, CustomStringConvertible {
    /// The key path the warning points at (`staff.cohorts[0].shift_end`, `call_ups[3]`).
    public var keyPath: String
    public var message: String
    public var description: String { "\(keyPath): \(message)" }
}

public enum GapCheck {
    public static func gaps(_ s: Scenario, _ plan: Plan) -> [Gap] {
        teamGaps(s, plan) + deskGaps(s, plan)
    }

    /// Per site: when its call-ups bring residents (from the first window's start to the last
    /// one's end), the spans with no team at work, each team at work from when it is ready to
    /// its shift's end or its relief's arrival. Breaks are left out: staggering them is the plan's.
    static func teamGaps(_ s: Scenario, _ plan: Plan) -> [Gap] {
        let roster = TeamRoster(scenario: s, plan: plan)
        var until = roster.teams.map(\.shiftEnd)
        for t in roster.teams { if let r = t.relieves { until[r] = min(until[r], t.readyAt) } }
        var out: [Gap] = []
        for (si, site) in s.sites.enumerated() {
            let calls = plan.callUps.filter { $0.site == site.id }
            guard let first = calls.map(\.window.start).min(), let last = calls.map(\.window.end).max() else { continue }
            let spans = roster.teams.indices.filter { roster.teams[$0].site == si }
                .map { (from: roster.teams[$0].readyAt, to: until[$0], team: $0) }.filter { $0.to > $0.from }
                .sorted { ($0.from, $0.to) < ($1.from, $1.to) }
            guard let start = spans.first?.from else { continue }
            var covered = max(start, first)
            var lastTeam = spans[0].team
            for sp in spans {
                if sp.from > covered && covered < last {
                    let gap = min(sp.from, last) - covered
                    let cohort = s.staff.cohorts[roster.teams[lastTeam].cohort]
                    let k = s.staff.cohorts.firstIndex { $0.id == cohort.id }!
                    out.append(Gap(keyPath: "staff.cohorts[\(k)].shift_end",
                                   message: "\(site.id) has no swab team from \(ClockTime.format(covered)) to \(ClockTime.format(min(sp.from, last))) (\(Int((gap / 60).rounded())) min) while its call-ups bring residents: cohort `\(cohort.id)` ends its shift before the next team is ready; end the shift later or bring the relief earlier"))
                }
                if sp.to > covered { covered = sp.to; lastTeam = sp.team }
            }
            if covered < last {
                let cohort = s.staff.cohorts[roster.teams[lastTeam].cohort]
                let k = s.staff.cohorts.firstIndex { $0.id == cohort.id }!
                out.append(Gap(keyPath: "staff.cohorts[\(k)].shift_end",
                               message: "\(site.id) has no swab team from \(ClockTime.format(covered)) while call-ups bring residents until \(ClockTime.format(last)) (\(Int(((last - covered) / 60).rounded())) min): cohort `\(cohort.id)` ends its shift first; end it later or call those buildings earlier"))
            }
        }
        return out
    }

    /// Call-ups whose window meets a staffing period of its site that opens no desk.
    static func deskGaps(_ s: Scenario, _ plan: Plan) -> [Gap] {
        var out: [Gap] = []
        for (i, c) in plan.callUps.enumerated() {
            let closed = plan.staffing.filter { $0.site == c.site && $0.desks == 0 && $0.period.overlaps(c.window) }
            guard let p = closed.first else { continue }
            let from = max(p.period.start, c.window.start), to = min(p.period.end, c.window.end)
            out.append(Gap(keyPath: "call_ups[\(i)]",
                           message: "\(c.site) opens no registration desk from \(ClockTime.format(from)) to \(ClockTime.format(to)) (\(Int(((to - from) / 60).rounded())) min) while this call-up brings residents; give it a desk in that period (staffing) or move the call-up"))
        }
        return out
    }
}
