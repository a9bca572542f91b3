import Foundation
import XCTest
import Scenario

/// Where the repository's files are, for every test target: the bundled scenarios, the
/// malformed corpus, the fixtures. Found from this file's own path, so tests run from any
/// working folder.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under the repository.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A bundled scenario: `Scenarios/NAME`.
    public static func scenario(_ name: String) -> String { path("Scenarios/" + name) }

    /// A file of the malformed-scenario corpus.
    public static func malformed(_ name: String) -> String { path("Tests/ScenarioTests/Malformed/" + name) }
}

extension XCTestCase {
    /// A fresh folder under the system's temporary folder, removed when the test ends. Not
    /// created unless `create` (a command's `--out` must often not exist yet).
    public func temporaryFolder(_ prefix: String = "swabplan-test", create: Bool = true) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        if create { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// The bundled scenarios as loaded, for tests that need a real community.
public enum Fixtures {
    /// Panjiayuan Nanli: 33 buildings, 7,300 residents, four sites, its own hand plan.
    public static func panjiayuan() throws -> Scenario { try ScenarioLoader.load(path: Repository.scenario("panjiayuan-nanli.yaml")) }

    /// The smallest bundled scenario: two sites.
    public static func twoSites() throws -> Scenario { try ScenarioLoader.load(path: Repository.scenario("small/two-sites.yaml")) }
}
