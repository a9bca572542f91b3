import Foundation

/// One job of the workbench on a scenario of the workspace (a simulation, an optimisation, a
/// comparison of plans, a re-plan), as kept on disk (`.swabplan/runs/ID/run.json`) beside what
/// it wrote: what was asked, and how it went; so it can be opened again after the server
/// restarts, with the seed and plans it ran.
public struct RunRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case queued, running, done, failed, cancelled }
    public enum Kind: String, Codable, Sendable { case simulate, optimize, compare, replan }
    /// A progress note in both languages (the page shows the one it is read in).
    public struct Line: Codable, Sendable, Equatable {
        public var zh: String
        public var en: String
    }
    public var id: String
    /// What the page asked for (the morning's text is kept as `state.yaml` instead).
    public var asked: RunRequest
    /// A re-plan's morning: its clock time.
    public var at: String?
    public var status: Status
    /// Steps done so far, of `total` (replications, or seconds of an optimisation).
    public var done: Int
    public var total: Int
    /// The latest progress notes, oldest first.
    public var log: [Line]
    /// Why a failed run failed, in the loader's or the model's words.
    public var error: String?
    /// When it was asked for, ISO 8601 (for the list; never in any figure).
    public var requested: String

    public var kind: Kind { asked.kind }
    public var scenario: String { asked.scenario }
    public var replications: Int { asked.replications }
    public var seed: UInt64 { asked.seed }
    public var plans: [String] { asked.plans }
    public var timeLimit: Double? { asked.timeLimit }
    public var objective: String? { asked.objective }
    var rules: RuleSettings? { asked.rules }
    public var finished: Bool { status == .done || status == .failed || status == .cancelled }
    public var plan: String { plans.first ?? "scenario" }
}

/// What a page asks the queue to run.
public struct RunRequest: Codable, Sendable, Equatable {
    public var kind: RunRecord.Kind
    /// The scenario file, relative to the workspace.
    public var scenario: String
    public var replications: Int
    public var seed: UInt64
    /// The plans it runs: `scenario` (the scenario's own), `baseline`, or a saved plan file
    /// (relative to the workspace). One for a simulation, two to four for a comparison.
    public var plans: [String]
    /// An optimisation's or re-plan's time limit (seconds), and an optimisation's objective
    /// (nil for the scenario's own time target, or `mean`, `p95`, `share20`).
    public var timeLimit: Double?
    public var objective: String?
    /// A re-plan's morning state, as a state file's text (checked by the loader before it is asked).
    public var state: String?
    /// An optimisation's planning rules, where the form changed the scenario's for the run.
    var rules: RuleSettings?

    public init(kind: RunRecord.Kind = .simulate, scenario: String, replications: Int, seed: UInt64, plans: [String] = ["scenario"],
                timeLimit: Double? = nil, objective: String? = nil, state: String? = nil) {
        self.kind = kind; self.scenario = scenario; self.replications = replications; self.seed = seed; self.plans = plans
        self.timeLimit = timeLimit; self.objective = objective; self.state = state
    }
}
