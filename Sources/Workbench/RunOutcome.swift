import Foundation
import Reports
import Scenario
import SiteModel

/// What a finished run's page shows besides the report, worded in both languages when the run
/// ends (`outcome.json`): the targets with their figures, and the sites' peak waits.
struct RunOutcome: Codable, Sendable, KeptAsJSON {
    struct TargetLine: Codable, Sendable {
        var zh: String
        var en: String
        var figureZh: String
        var figureEn: String
        var met: Bool
    }
    var targets: [TargetLine]
    var sites: [SiteStatus]
    var siteNamesEn: [String]

    init(_ r: ExperimentResult) {
        let s = r.scenario
        let zh = Wording(.zh), en = Wording(.en)
        targets = TargetCheck.evaluate(r).map { c in
            TargetLine(zh: c.terminal(s, zh), en: c.terminal(s, en), figureZh: c.plainFigure(s, zh), figureEn: c.plainFigure(s, en), met: c.met)
        }
        sites = SiteStatus.of(r)
        siteNamesEn = s.sites.map { $0.nameEn ?? $0.name }
    }
}

/// The files of a run's publication, relative to its `publish/` folder, in the order written.
struct PublicationIndex: Codable, Sendable, KeptAsJSON {
    var files: [String]

    static func read(_ folder: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: folder + "/publish.json"),
              let index = try? JSONDecoder().decode(PublicationIndex.self, from: data) else { return [] }
        return index.files
    }
}

/// What a run keeps as JSON beside its report: sorted keys, one value a line, so the same run
/// writes the same bytes.
protocol KeptAsJSON: Encodable {}

extension KeptAsJSON {
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
