import Foundation
import Scenario
import SimKit
import SiteModel

/// Everything `swabplan publish` writes, as relative paths and texts (written by `FolderWriter`).
public enum Publication {
    /// Needs an experiment run with `RunOptions.recordDetail`.
    public static func files(_ r: ExperimentResult, changes: ChangeNote? = nil, sensitivity: Sensitivity? = nil) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = [
            ("schedule.csv", ScheduleFiles.schedule(r)),
            ("rosters.csv", ScheduleFiles.rosters(r)),
            ("report.html", ReportPage.html(r, changes: changes, sensitivity: sensitivity)),
            ("site-sheets.html", SiteSheets.html(r)),
            ("summary.json", Summary.json(r).rendered() + "\n"),
            ("sites.csv", Summary.sitesCSV(r)),
        ]
        if !r.scenario.logistics.couriers.fleet.isEmpty { files.append(("courier-runs.csv", ScheduleFiles.courierRuns(r))) }
        if MetricName.residentsGaveUp.applies(to: r.scenario, plan: r.plan) { files.append(("follow-up.csv", ScheduleFiles.followUp(r))) }
        let notices = ScheduleFiles.notices(r)
        files += notices
        files.append(("README.md", readme(r, files: files.map(\.path))))
        return files
    }

    static func readme(_ r: ExperimentResult, files: [String]) -> String {
        let about: [String: String] = [
            "schedule.csv": "one row per site and call-up window: buildings and floors called, expected residents, desks and stations open, expected wait (mean and p95, minutes)",
            "site-sheets.html": "one printable A4 page per site: timetable by building with typical and busy-moment waits, swab teams with hours, breaks and relief, desks, courier pick-ups, door-to-door hand-overs",
            "rosters.csv": "each swab team (bus, arrival, start, end, planned breaks, relief) and each community worker's roles",
            "courier-runs.csv": "each courier run: departure, stops with dry-weather times, back at the lab, expected tubes",
            "follow-up.csv": "per building, residents expected to give up and not come back (mean, 95% half-width, 95th percentile over replications): the door-to-door list after the round",
            "report.html": "the report: targets, warnings, figures with 95% intervals, charts (open in any browser, no network needed)",
            "summary.json": "every metric: mean, 95% half-width, n, unit; the targets",
            "sites.csv": "per site and 15-minute bin: queue lengths with half-widths, swab-team utilisation, minutes paused by weather",
        ]
        var lines = ["# \(Markdown.escape(r.scenario.name)): published plan", "",
                     "Plan: \(Markdown.escape(r.plan.origin)). Simulated \(r.replications) times (seed \(r.seed)) by `swabplan publish`.", "",
                     "| file | what it holds |", "| --- | --- |"]
        for f in files where !f.hasPrefix("notices/") { lines.append("| `\(f)` | \(about[f] ?? "") |") }
        let notices = files.filter { $0.hasPrefix("notices/") }.count
        if notices > 0 { lines.append("| `notices/` | \(notices) building notices (\(r.scenario.noticeLanguages.joined(separator: " and "))) |") }
        return lines.joined(separator: "\n") + "\n"
    }
}
