import Foundation

/// One simulation run of a scenario in the workspace, as kept on disk
/// (`.swabplan/runs/ID/run.json`) beside what it wrote (the publication's files): so a run can
/// be opened again after the server restarts, with the seed and plan it ran.
public struct RunRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case queued, running, done, failed, cancelled }
    public var id: String
    /// The scenario file, relative to the workspace.
    public var scenario: String
    public var replications: Int
    public var seed: UInt64
    /// `scenario` (its own plan) or `baseline`.
    public var plan: String
    public var status: Status
    /// Replications done so far.
    public var done: Int
    /// Why a failed run failed, in the loader's or the model's words.
    public var error: String?
    /// When it was asked for, ISO 8601 (for the list; never in any figure).
    public var requested: String

    public var finished: Bool { status == .done || status == .failed || status == .cancelled }
}
