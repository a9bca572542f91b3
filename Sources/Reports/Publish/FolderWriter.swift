import CFileSwap
import Foundation

/// Writes a set of files as one folder, all or nothing: everything goes into a temporary folder
/// beside the target, which then takes the target's place in one step. Only a folder SwabPlan
/// published before (it holds `markerName`) is ever replaced, and only when asked (`replace`):
/// the current folder, its ancestors, a regular file and any other folder are refused untouched.
///
///     try FolderWriter.write([("report.html", html)], to: "round-0506", replace: true)
public enum FolderWriter {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case exists(String)
        case refused(String, String)
        case unsafePath(String)
        case io(String)
        public var description: String {
            switch self {
            case .exists(let p): return "\(p) already exists; use --force to replace it"
            case .refused(let p, let why): return "refusing to write to `\(p)`: \(why)"
            case .unsafePath(let p): return "refusing to write `\(p)` outside the output folder"
            case .io(let m): return m
            }
        }
    }

    /// The file that marks a folder as a SwabPlan publication, which `--force` may replace.
    public static let markerName = ".swabplan-publication"

    /// Steps of a replace, where a test can make the write fail as a kill would.
    enum Step { case staged, swapped }

    /// `files` maps a relative path (made of safe names) to its text.
    public static func write(_ files: [(path: String, text: String)], to folder: String, replace: Bool) throws {
        try write(files, to: folder, replace: replace, failAfter: nil)
    }

    static func write(_ files: [(path: String, text: String)], to folder: String, replace: Bool, failAfter: Step?) throws {
        let fm = FileManager.default
        let target = try checkedTarget(folder)
        let parent = target.deletingLastPathComponent()
        sweep(parent: parent, name: target.lastPathComponent)
        let exists = try preflight(folder, replace: replace)
        for f in files where f.path.hasPrefix("/") || f.path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            throw Failure.unsafePath(f.path)
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(pid)")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for f in files + [(markerName, "Published by swabplan publish. `swabplan publish --force` replaces only folders holding this file.\n")] {
                let url = staging.appendingPathComponent(f.path)
                guard url.standardizedFileURL.path.hasPrefix(staging.standardizedFileURL.path + "/") else { throw Failure.unsafePath(f.path) }
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(f.text.utf8).write(to: url)
            }
            if failAfter == .staged { throw Failure.io("injected failure after staging") }
            if exists {
                // One atomic exchange: at every moment `target` holds a whole publication.
                if cfileswap_exchange(staging.path, target.path) != 0 {
                    // No exchange here (another kernel or file system): two renames, with the
                    // old folder kept under a name `sweep` restores if we die between them.
                    let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
                    try rename(target, old)
                    do { try rename(staging, target) } catch { try? rename(old, target); throw error }
                    if failAfter == .swapped { throw Failure.io("injected failure after the swap") }
                    try? fm.removeItem(at: old)
                    return
                }
                if failAfter == .swapped { throw Failure.io("injected failure after the swap") }
                try? fm.removeItem(at: staging) // now the old publication
            } else {
                try rename(staging, target)
            }
        } catch let f as Failure {
            if failAfter == nil { try? fm.removeItem(at: staging) }
            throw f
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure.io("cannot write \(folder): \(Self.describe(error))")
        }
    }

    /// Checks, before any work, that `folder` may be written: a new path, or with `replace` an
    /// earlier publication. Returns whether it exists.
    @discardableResult
    public static func preflight(_ folder: String, replace: Bool) throws -> Bool {
        let fm = FileManager.default
        let target = try checkedTarget(folder)
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: target.path, isDirectory: &isDir) else { return false }
        guard isDir.boolValue else { throw Failure.refused(folder, "it is a file, not a folder; give a folder path") }
        guard replace else { throw Failure.exists(folder) }
        guard fm.fileExists(atPath: target.appendingPathComponent(markerName).path) else {
            throw Failure.refused(folder, "it is a folder SwabPlan did not publish (no \(markerName) in it); give a new folder or an earlier publication")
        }
        return true
    }

    /// The target as an absolute path, after refusing what must never be replaced.
    static func checkedTarget(_ folder: String) throws -> URL {
        let trimmed = folder.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw Failure.refused(folder, "the path is empty (an unset variable?); give a folder path") }
        let last = (trimmed as NSString).lastPathComponent
        guard last != "." && last != ".." && trimmed != "/" else {
            throw Failure.refused(folder, "it names the current folder or a parent; give a new folder path")
        }
        let target = URL(fileURLWithPath: trimmed).standardizedFileURL
        let resolved = target.resolvingSymlinksInPath().path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        if cwd == resolved || cwd.hasPrefix(resolved.hasSuffix("/") ? resolved : resolved + "/") {
            throw Failure.refused(folder, "it is the current folder or one of its ancestors; give a new folder path")
        }
        return target
    }

    /// Removes temporary folders that a killed run left beside `name`, and puts back an old
    /// publication that a kill between two renames left aside.
    static func sweep(parent: URL, name: String) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for e in entries.sorted() {
            for kind in ["tmp", "old"] {
                let prefix = ".\(name).\(kind)-"
                guard e.hasPrefix(prefix), let pid = Int32(e.dropFirst(prefix.count)), cfileswap_alive(pid) == 0 else { continue }
                let url = parent.appendingPathComponent(e)
                let target = parent.appendingPathComponent(name)
                if kind == "old" && !fm.fileExists(atPath: target.path) {
                    try? rename(url, target)
                } else {
                    try? fm.removeItem(at: url)
                }
            }
        }
    }

    static func rename(_ from: URL, _ to: URL) throws {
        if Foundation.rename(from.path, to.path) != 0 {
            throw Failure.io("cannot move \(from.path) to \(to.path): " + String(cString: strerror(cfileswap_errno())))
        }
    }

    /// An error in words: the POSIX reason where Foundation wraps one.
    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let f = error as? Failure { return f.description }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "the disk is full"
        case .fileNoSuchFile, .fileWriteInvalidFileName: return "no such folder"
        case .fileWriteVolumeReadOnly: return "the disk is read-only"
        default: return ns.localizedDescription
        }
    }
}
