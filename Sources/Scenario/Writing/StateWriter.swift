/// A morning state as a state file (what `MorningStateLoader` reads back).
public enum StateWriter {
    public static func yaml(_ state: MorningState, scenario s: Scenario) -> String {
        var out = ["# The morning at \(ClockTime.format(state.at)): correct it with what the command post sees.",
                   "# Leave out what you do not know: it takes the plan's expected value.",
                   "at: \"\(ClockTime.format(state.at))\""]
        if case .started(let notice) = state.issued { out.append("notice_minutes: \(Int(notice / 60))   # call-ups starting before at + this are issued") }
        let bySite = s.sites.compactMap { x in state.swabbedBySite[x.id].map { "\(x.id): \($0)" } }
        if !bySite.isEmpty { out.append("swabbed:\n  sites: {\(bySite.joined(separator: ", "))}") }
        let queues = s.sites.compactMap { x in state.queues[x.id].map { "\(x.id): {registration: \($0.registration), swab: \($0.swab)}" } }
        if !queues.isEmpty { out.append("queues:\n" + queues.map { "  " + $0 }.joined(separator: "\n")) }
        let left = s.sites.compactMap { x in state.left[x.id].map { "\(x.id): \($0)" } }
        if !left.isEmpty { out.append("left: {\(left.joined(separator: ", "))}   # left the line, coming back") }
        out.append("# A site left out of `queues` or `left` takes the plan's expected lines at `at`.")
        out.append("# teams: [{cohort: relief, late_minutes: 30}, {cohort: morning, team: 3, gone: true}]")
        out.append("# desks: {S17: 2}")
        out.append("# weather: [{kind: rain, severity: heavy, window: \"09:40-10:20\"}]")
        return out.joined(separator: "\n") + "\n"
    }
}
