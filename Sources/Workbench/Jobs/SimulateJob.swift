import Foundation
import Planner
import Reports
import Scenario
import SiteModel

extension RunQueue {
    /// A simulation as `swabplan publish` runs it (the same seed gives the CLI's figures): the
    /// replications with detail, the report in both languages, the summary, the sites' states.
    func simulate(_ r: RunRecord, _ s: Scenario, cancel: Cancellation) throws {
        let used = try plan(r.plan, s)
        // The plan as it ran, kept with the run: a saved plan changed later leaves this run as it was.
        try AtomicFile.write(PlanWriter.yaml(used), to: folder(r.id) + "/plan-used.yaml")
        let round = try CompiledRound(scenario: s, plan: used)
        var options = RunOptions.standard
        options.recordDetail = true
        let result = Experiment.run(round, replications: r.replications, seed: r.seed, jobs: jobs, options: options,
                                    progress: replicationProgress(r.id, total: r.replications), stop: { cancel.isCancelled })
        if cancel.isCancelled { throw CancellationError() }
        let dir = folder(r.id)
        // The whole publication as `swabplan publish` writes it (the scenario's own language
        // and notice languages), to preview, download as a zip or write as a folder; the report
        // also in both languages for the page.
        let publication = Publication.files(result, PublicationSettings(s))
        var out = publication.filter { ["summary.json", "sites.csv"].contains($0.path) }.map { (dir + "/" + $0.path, $0.text) }
        out.append((dir + "/report.html", Publication.report(result, PublicationSettings(s, language: .zh))))
        out.append((dir + "/report-en.html", Publication.report(result, PublicationSettings(s, language: .en))))
        out.append((dir + "/outcome.json", RunOutcome(result).json))
        out += try kept(publication, in: dir)
        try AtomicFile.write(out)
    }

    /// A publication's files under the run's `publish/` (its folders made) and their index.
    func kept(_ publication: [(path: String, text: String)], in dir: String) throws -> [(path: String, text: String)] {
        for folder in Set(publication.map { (dir + "/publish/" + $0.path as NSString).deletingLastPathComponent }) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        return publication.map { (dir + "/publish/" + $0.path, $0.text) } + [(dir + "/publish.json", PublicationIndex(files: publication.map(\.path)).json)]
    }
}
