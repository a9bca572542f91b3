import Foundation
import Reports
import Scenario

/// Progress on stderr for runs that take more than a second; silent otherwise.
final class Progress: @unchecked Sendable {
    private let total: Int
    private var done = 0
    private var shown = false
    private let start = Date()
    private var lastPrint = Date()
    private let lock = NSLock()
    private let words: Wording

    init(total: Int, language: Language) { self.total = total; words = Wording(language) }

    func step() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastPrint) > 0.5 || done == total else { return }
        lastPrint = now
        shown = true
        FileHandle.standardError.write(Data(("\r" + words(.progressSimulating, done, total)).utf8))
    }

    /// Progress of a run that counts up to `done` replications (in batches).
    func report(_ done: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(start) > 1 else { return }
        shown = true
        FileHandle.standardError.write(Data(("\r" + words(.progressComparing, done)).utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
