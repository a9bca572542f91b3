import Foundation
import Planner
import Reports
import Scenario
import SiteModel
import SimKit

/// The workbench's runs: started from a request, run off the server's threads (a simulation is
/// seconds of CPU), one at a time per scenario with the others queued, each kept in the
/// workspace as it goes. A run belongs to the server, not to the page that asked for it: closing
/// the tab leaves it running. A failed run records its error; the server goes on serving.
public final class RunQueue: @unchecked Sendable {
    let workspace: Workspace
    /// Threads a run may use (the CLI's `--threads` default: every core).
    let jobs: Int
    private let lock = NSLock()
    private var records: [String: RunRecord] = [:]
    private var cancels: [String: Cancellation] = [:]
    /// Runs waiting, by scenario, in the order asked; the scenario's running one first.
    private var lines: [String: [String]] = [:]
    private var counter = 0

    public init(workspace: Workspace, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.workspace = workspace
        self.jobs = max(1, jobs)
        loadKept()
    }

    /// Asks for a run; it starts now, or when the scenario's earlier runs are done.
    public func submit(_ q: RunRequest) -> RunRecord {
        lock.lock()
        counter += 1
        let stamp = Self.stamp()
        let id = "\(stamp.compact)-\(counter)"
        let total = q.kind == .optimize || q.kind == .replan ? Int((q.timeLimit ?? 60).rounded()) : q.replications
        var asked = q
        asked.state = nil
        let record = RunRecord(id: id, asked: asked, at: nil, status: .queued, done: 0, total: total, log: [], error: nil, requested: stamp.iso)
        records[id] = record
        cancels[id] = Cancellation()
        lines[q.scenario, default: []].append(id)
        let first = lines[q.scenario]!.count == 1
        lock.unlock()
        keep(record)
        // A re-plan's morning, beside its record before it can start.
        if let state = q.state {
            try? AtomicFile.write(state, to: folder(id) + "/state.yaml")
        }
        if first { start(id) }
        return record
    }

    /// A simulation of one plan.
    public func submit(scenario: String, replications: Int, seed: UInt64, plan: String) -> RunRecord {
        submit(RunRequest(scenario: scenario, replications: replications, seed: seed, plans: [plan]))
    }

    public func record(_ id: String) -> RunRecord? { lock.lock(); defer { lock.unlock() }; return records[id] }

    /// The runs of a scenario (or all), newest first.
    public func list(scenario: String? = nil) -> [RunRecord] {
        lock.lock(); defer { lock.unlock() }
        return records.values.filter { scenario == nil || $0.scenario == scenario }.sorted { ($0.requested, $0.id) > ($1.requested, $1.id) }
    }

    /// Stops a queued or running run; nothing for one that ended.
    public func cancel(_ id: String) {
        lock.lock()
        cancels[id]?.cancel()
        var dequeued: RunRecord?
        if var r = records[id], r.status == .queued {
            r.status = .cancelled
            records[id] = r
            lines[r.scenario]?.removeAll { $0 == id }
            dequeued = r
        }
        lock.unlock()
        if let dequeued { keep(dequeued) }
    }

    /// The folder a run keeps its files in.
    public func folder(_ id: String) -> String { workspace.runsFolder + "/" + id }

    /// Waits until the run has ended (tests, and the CLI's equality check).
    public func wait(_ id: String, timeout: Double = 600) -> RunRecord? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let r = record(id), r.finished { return r }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return record(id)
    }

    func update(_ id: String, _ change: (inout RunRecord) -> Void) {
        lock.lock()
        guard var r = records[id] else { lock.unlock(); return }
        change(&r)
        records[id] = r
        lock.unlock()
        keep(r)
    }

    private func start(_ id: String) {
        update(id) { $0.status = .running }
        Thread.detachNewThread { [self] in
            self.execute(id)
            // The next of this scenario's runs.
            lock.lock()
            let scenario = records[id]?.scenario ?? ""
            lines[scenario]?.removeAll { $0 == id }
            let next = lines[scenario]?.first
            let idle = records.values.allSatisfy(\.finished)
            lock.unlock()
            if let next { start(next) }
            // Nothing left to run: what the runs kept goes back to the system.
            if idle { MemoryTuning.giveBackFreedMemory() }
        }
    }

    /// Runs the job by its kind; whatever it throws is the run's error.
    private func execute(_ id: String) {
        guard let r = record(id), let cancel = lock.withLock({ cancels[id] }) else { return }
        do {
            guard let path = workspace.path(r.scenario) else { throw WorkspaceError.outside(r.scenario) }
            let s = try ScenarioLoader.load(path: path)
            guard s.communities.isEmpty else { throw RunError.street }
            try FileManager.default.createDirectory(atPath: folder(id), withIntermediateDirectories: true)
            switch r.kind {
            case .simulate: try simulate(r, s, cancel: cancel)
            case .optimize: try optimize(r, s, cancel: cancel)
            case .compare: try compare(r, s, cancel: cancel)
            case .replan: try replan(r, s, cancel: cancel)
            }
            update(id) { $0.status = cancel.isCancelled ? .cancelled : .done; if !cancel.isCancelled { $0.done = $0.total } }
        } catch is CancellationError {
            update(id) { $0.status = .cancelled }
        } catch {
            update(id) { $0.status = .failed; $0.error = String(describing: error).replacingOccurrences(of: workspace.root + "/", with: "") }
        }
    }

    /// A progress note in both languages, the latest 200 kept.
    func note(_ id: String, zh: String, en: String) {
        update(id) { r in
            r.log.append(RunRecord.Line(zh: zh, en: en))
            if r.log.count > 200 { r.log.removeFirst(r.log.count - 200) }
        }
    }

    /// A plan by the name a run gives it: the scenario's own, the baseline, or a saved plan.
    func plan(_ name: String, _ s: Scenario) throws -> Plan {
        switch name {
        case "scenario": return s.effectivePlan
        case "baseline": return s.baselinePlan()
        default:
            guard let path = workspace.path(name) else { throw WorkspaceError.outside(name) }
            return try ScenarioLoader.loadPlan(path: path, for: s)
        }
    }

    /// Counts replications done into the record, about fifty times a run.
    func replicationProgress(_ id: String, total: Int) -> @Sendable () -> Void {
        let done = Counter()
        return { [self] in
            let n = done.next()
            if n % max(1, total / 50) == 0 || n == total { update(id) { $0.done = n } }
        }
    }

    /// run.json, atomically.
    func keep(_ r: RunRecord) {
        let dir = folder(r.id)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(r) else { return }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? AtomicFile.write(String(decoding: data, as: UTF8.self) + "\n", to: dir + "/run.json")
    }

    /// Runs kept from earlier sessions; one that was running when the server stopped did not
    /// finish.
    private func loadKept() {
        guard let ids = try? FileManager.default.contentsOfDirectory(atPath: workspace.runsFolder) else { return }
        for id in ids {
            guard let data = FileManager.default.contents(atPath: folder(id) + "/run.json"),
                  var r = try? JSONDecoder().decode(RunRecord.self, from: data) else { continue }
            if !r.finished { r.status = .failed; r.error = "the server stopped before this run finished; run it again" }
            records[r.id] = r
        }
    }

    static func stamp() -> (compact: String, iso: String) {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        let now = Date()
        let compact = f.string(from: now)
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return (compact, f.string(from: now))
    }
}

enum RunError: Error, CustomStringConvertible {
    case street
    var description: String { "a street file (several communities) runs from the command line for now: swabplan simulate FILE" }
}

/// Counts replications done, from several threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
