import ArgumentParser
import Reports
import Scenario
import Foundation

/// The scenario file every planning command takes first.
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String
}

/// What a command prints on stdout.
enum OutputFormat: String, ExpressibleByArgument { case table, json }

/// `--format table|json`.
struct FormatOption: ParsableArguments {
    @Option(help: "What to print: table or json.")
    var format: OutputFormat = .table
}

/// The options every simulating command shares: which random numbers, how many threads.
struct StreamOptions: ParsableArguments {
    // `.unconditional` so that `--seed -1` reaches the parser below (and its message) instead
    // of being read as an unknown flag.
    @Option(parsing: .unconditional, help: "Master seed of the random streams (a whole number from 0 to 18446744073709551615).",
            transform: { text in
                guard let v = UInt64(text) else {
                    throw ValidationError("give a whole number from 0 to 18446744073709551615")
                }
                return v
            })
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Threads to run replications on; results do not depend on it. (default: all cores)")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be from 1 to 1024") }
    }

    var threads: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}

/// One cap on replications for every command: enough for any interval, small enough that the
/// per-replication tables fit in memory.
enum ReplicationLimit {
    static let most = 100_000

    static func check(_ n: Int, option: String = "--replications") throws {
        guard n >= 2 else { throw ValidationError("\(option) must be at least 2 (an interval needs two)") }
        guard n <= most else { throw ValidationError("\(option) must be at most \(most)") }
    }
}

/// `--weather "rain moderate 09:00-10:00"` (repeatable): a forecast spell added to the
/// scenario's for this run, a what-if without editing the file.
struct WhatIfOptions: ParsableArguments {
    @Option(name: .customLong("weather"), help: "Add a forecast spell for this run: \"KIND SEVERITY HH:MM-HH:MM\" (kind rain, wind or heat; severity light, moderate or heavy); repeatable.")
    var weather: [String] = []

    func validate() throws {
        for w in weather { if case .failure(let e) = WhatIf.weather(w) { throw ValidationError("--weather " + e.description) } }
    }

    /// The spells, read (`validate` has refused any that does not read).
    var spells: [WeatherWindow] { weather.compactMap { if case .success(let spell) = WhatIf.weather($0) { return spell } else { return nil } } }

    /// The scenario with the spells added.
    func apply(_ s: Scenario) -> Scenario {
        var s = s
        s.logistics.weather.forecast += spells
        return s
    }
}

extension Language: ExpressibleByArgument {}

/// `--plan scenario|baseline|FILE`.
extension PlanChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--language zh|en`: the language of the report, site sheets, terminal tables and CSV headers
/// for this run, whatever the scenario's `language` says. The scenario is not changed: the run's
/// `PublicationSettings` carry it.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the report, site sheets, terminal tables and CSV headers: zh or en. (default: the scenario's `language`, else en)")
    var language: Language?

    /// How this run publishes the scenario.
    func settings(_ s: Scenario) -> PublicationSettings { PublicationSettings(s, language: language) }

    /// The run's wording.
    func words(_ s: Scenario) -> Wording { settings(s).words }
}
