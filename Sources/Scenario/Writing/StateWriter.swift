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
        // The examples name this scenario's own cohorts and sites, so they can be uncommented as
        // they stand.
        let cohorts = s.staff.cohorts.map(\.id)
        let late = cohorts.last ?? "relief", gone = cohorts.first ?? "morning"
        let site = s.sites.first.map { $0.id } ?? "S1"
        let desks = max(1, (s.sites.first?.registrationDesks ?? 2) - 1)
        let rain = ClockWindow(start: state.at, end: min(state.at + 2400, 86_340))
        out.append("# teams: [{cohort: \(late), late_minutes: 30}, {cohort: \(gone), team: 1, gone: true}]")
        out.append("# desks: {\(site): \(desks)}")
        out.append("# weather: [{kind: rain, severity: heavy, window: \"\(rain.description)\"}]")
        return out.joined(separator: "\n") + "\n"
    }
}
