/// Which plan a command runs: the scenario's own (`scenario`, also when none is named: its
/// `plan` section, else the baseline), the baseline (`baseline`: everyone called at the
/// opening to the nearest site) or a plan file. As written on a command line and in a shard's
/// record of its run (`text`).
public enum PlanChoice: Sendable, Hashable, CustomStringConvertible {
    case scenario
    case baseline
    case file(String)

    /// `scenario`, `baseline`, or a path.
    public init(_ text: String) {
        switch text {
        case "scenario": self = .scenario
        case "baseline": self = .baseline
        default: self = .file(text)
        }
    }

    /// As it is written: `scenario`, `baseline` or the path.
    public var text: String {
        switch self {
        case .scenario: return "scenario"
        case .baseline: return "baseline"
        case .file(let path): return path
        }
    }

    public var description: String { text }

    /// The plan file's path, if the choice is a file.
    public var path: String? { if case .file(let p) = self { return p } else { return nil } }

    /// The plan for `s`: its own (else the baseline), the baseline, or the file read against
    /// it (its problems thrown as `ScenarioErrors`, with positions).
    public func plan(for s: Scenario) throws -> Plan {
        switch self {
        case .scenario: return s.effectivePlan
        case .baseline: return s.baselinePlan()
        case .file(let path): return try ScenarioLoader.loadPlan(path: path, for: s)
        }
    }
}
