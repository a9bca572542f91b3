import Foundation
import Scenario
import SimKit
import SiteModel
import Planner

/// Everything `swabplan publish` writes, as relative paths and texts (written by `FolderWriter`).
public enum Publication {
    /// Needs an experiment run with `RunOptions.recordDetail`.
    public static func files(_ r: ExperimentResult, changes: ChangeNote? = nil, sensitivity: Sensitivity? = nil,
                             advice: CheckedAdvice? = nil, _ p: PublicationSettings) -> [(path: String, text: String)] {
        let w = p.words
        var files: [(path: String, text: String)] = [
            ("schedule.csv", ScheduleFiles.schedule(r, w)),
            ("rosters.csv", ScheduleFiles.rosters(r, w)),
            ("report.html", ReportPage.html(r, changes: changes, sensitivity: sensitivity, advice: advice, w)),
            ("site-sheets.html", SiteSheets.html(r, w)),
            ("summary.json", Summary.json(r).rendered() + "\n"),
            ("sites.csv", Summary.sitesCSV(r, w)),
        ]
        if !r.scenario.logistics.couriers.fleet.isEmpty { files.append(("courier-runs.csv", ScheduleFiles.courierRuns(r, w))) }
        if MetricName.residentsGaveUp.applies(to: r.scenario, plan: r.plan) { files.append(("follow-up.csv", ScheduleFiles.followUp(r, w))) }
        let notices = ScheduleFiles.notices(r, p)
        files += notices
        files.append(("README.md", readme(r, files: files.map(\.path), p)))
        return files
    }

    /// The report page alone, in `p`'s language (a page that shows it in either language).
    public static func report(_ r: ExperimentResult, _ p: PublicationSettings) -> String { ReportPage.html(r, p.words) }

    /// What a re-plan re-issues: notices only for the buildings whose call-ups differ from the
    /// `earlier` plan (each saying it replaces the earlier notice), the site sheets and the site
    /// timetables, the summary, and a README that says so.
    public static func changes(_ r: ExperimentResult, since earlier: Plan, state: MorningState? = nil, _ p: PublicationSettings) -> [(path: String, text: String)] {
        let w = p.words
        var files: [(path: String, text: String)] = [
            ("schedule.csv", ScheduleFiles.schedule(r, w)),
            ("site-sheets.html", SiteSheets.html(r, state: state, w)),
            ("summary.json", Summary.json(r).rendered() + "\n"),
        ]
        // Teams' breaks or drops changed: the rosters are re-issued too.
        let teamsChanged = r.plan.breaks != earlier.breaks || r.plan.drops != earlier.drops || r.plan.handovers != earlier.handovers
        if teamsChanged { files.append(("rosters.csv", ScheduleFiles.rosters(r, w))) }
        files += ScheduleFiles.notices(r, changedSince: earlier, p)
        let notices = files.filter { $0.path.hasPrefix("notices/") }.count
        var readme = ["# " + Markdown.escape(w(.readmeTitle, w.name(r.scenario))), "",
                      w(.readmeChanges, Markdown.escape(r.plan.origin), Markdown.escape(earlier.origin), notices), ""]
        if teamsChanged { readme += ["`rosters.csv`: " + w(.aboutRosters), ""] }
        // People sent to open desks elsewhere: a phone call to both sites' leads, not a notice.
        let sent = r.plan.deskMoves.filter { !earlier.deskMoves.contains($0) }
        if !sent.isEmpty { readme += [w(.replanDesksMoved)] + sent.map { "- " + Markdown.escape(w.deskMove($0, r.scenario)) } + [""] }
        files.append(("README.md", readme.joined(separator: "\n") + "\n"))
        return files
    }

    static func readme(_ r: ExperimentResult, files: [String], _ p: PublicationSettings) -> String {
        let w = p.words
        let about: [String: Phrase] = [
            "schedule.csv": .aboutSchedule, "site-sheets.html": .aboutSiteSheets, "rosters.csv": .aboutRosters,
            "courier-runs.csv": .aboutCourierRuns, "follow-up.csv": .aboutFollowUp, "report.html": .aboutReport,
            "summary.json": .aboutSummary, "sites.csv": .aboutSites,
        ]
        let columns = w.columns(.readmeColumns)
        var lines = ["# " + Markdown.escape(w(.readmeTitle, w.name(r.scenario))), "",
                     w(.readmePlan, Markdown.escape(r.plan.origin), r.replications, r.seed), "",
                     "| \(columns[0]) | \(columns[1]) |", "| --- | --- |"]
        for f in files where !f.hasPrefix("notices/") { lines.append("| `\(f)` | \(about[f].map { w($0) } ?? "") |") }
        let notices = files.filter { $0.hasPrefix("notices/") }.count
        if notices > 0 { lines.append("| `notices/` | \(w(.readmeNotices, notices, p.noticeLanguages.map(\.rawValue).joined(separator: ", "))) |") }
        return lines.joined(separator: "\n") + "\n"
    }
}
