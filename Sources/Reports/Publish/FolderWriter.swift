import Foundation

/// Writes a set of files as one folder, all or nothing: everything goes into a temporary folder
/// beside the target, which is then renamed into place. An existing folder is replaced only when
/// asked (`replace`), and then only after the new one is complete.
public enum FolderWriter {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case unsafePath(String)
        case io(String)
        public var description: String {
            switch self {
            case .exists(let p): return "\(p) already exists; use --force to replace it"
            case .unsafePath(let p): return "refusing to write `\(p)` outside the output folder"
            case .io(let m): return m
            }
        }
    }

    /// `files` maps a relative path (made of safe names) to its text.
    public static func write(_ files: [(path: String, text: String)], to folder: String, replace: Bool) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDir)
        if exists && !replace { throw Failure.exists(folder) }
        for f in files where f.path.hasPrefix("/") || f.path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            throw Failure.unsafePath(f.path)
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(pid)")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for f in files {
                let url = staging.appendingPathComponent(f.path)
                guard url.standardizedFileURL.path.hasPrefix(staging.standardizedFileURL.path + "/") else { throw Failure.unsafePath(f.path) }
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(f.text.utf8).write(to: url)
            }
            if exists {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
                try fm.moveItem(at: target, to: old)
                try fm.moveItem(at: staging, to: target)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: target)
            }
        } catch let f as Failure {
            try? fm.removeItem(at: staging)
            throw f
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure.io("cannot write \(folder): \(error.localizedDescription)")
        }
    }
}
