import CFileSwap
import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (rename is atomic on one file system).
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ text: String, to path: String) throws {
        try write([(path, text)])
    }

    /// Binary content (a shard's partial result).
    public static func write(bytes: [UInt8], to path: String) throws {
        try write(contents: [(path, Data(bytes))])
    }

    /// Writes several files, all or none: every file is staged first; then each is renamed into
    /// place, and if one rename fails those already moved are put back as they were.
    public static func write(_ files: [(path: String, text: String)]) throws {
        try write(contents: files.map { ($0.path, Data($0.text.utf8)) })
    }

    static func write(contents files: [(path: String, data: Data)]) throws {
        let fm = FileManager.default
        let pid = ProcessInfo.processInfo.processIdentifier
        var staged: [(tmp: String, target: String, backup: String?)] = []
        func cleanUp() {
            for s in staged {
                unlink(s.tmp)
                if let b = s.backup { unlink(b) }
            }
        }
        for f in files {
            let url = URL(fileURLWithPath: f.path)
            let dir = url.deletingLastPathComponent()
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
                cleanUp()
                throw Failure(description: "cannot write \(f.path): a folder of that name is in the way")
            }
            do {
                try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            } catch {
                cleanUp()
                throw Failure(description: "cannot create the folder \(dir.path): \(FolderWriter.describe(error))")
            }
            let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(pid).tmp").path
            // A hard link keeps the previous version, to put back if a later rename fails.
            let backup = dir.appendingPathComponent(".\(url.lastPathComponent).\(pid).bak").path
            unlink(backup)
            let hasOld = fm.fileExists(atPath: url.path) && link(url.path, backup) == 0
            staged.append((tmp, url.path, hasOld ? backup : nil))
            if !fm.createFile(atPath: tmp, contents: f.data) {
                cleanUp()
                throw Failure(description: "cannot write \(f.path): \(String(cString: strerror(cfileswap_errno()))) (in \(dir.path))")
            }
        }
        for (i, s) in staged.enumerated() where Foundation.rename(s.tmp, s.target) != 0 {
            let why = String(cString: strerror(cfileswap_errno()))
            for done in staged[..<i] {
                if let b = done.backup { _ = Foundation.rename(b, done.target) } else { unlink(done.target) }
            }
            cleanUp()
            throw Failure(description: "cannot write \(s.target): \(why); nothing was changed")
        }
        for s in staged { if let b = s.backup { unlink(b) } }
    }
}
