import Foundation
import Reports

/// The folder the workbench serves: its scenarios, and what it keeps beside them (runs, the
/// versions a save replaced) under `.swabplan/`. Every path a request names is confined to it:
/// relative, no `..`, no hidden part, and still inside once symbolic links are resolved.
public struct Workspace: Sendable {
    public let root: String

    /// `folder` resolved (symbolic links and all) once, so that confinement compares like with like.
    public init(_ folder: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkspaceError.notAFolder(folder)
        }
        root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Where the workbench keeps its own files.
    public var keep: String { root + "/.swabplan" }
    public var runsFolder: String { keep + "/runs" }

    /// The absolute path of `relative` inside the workspace; nil when it names anything else.
    public func path(_ relative: String) -> String? {
        guard !relative.isEmpty, relative.count < 400, !relative.hasPrefix("/"), !relative.contains("\\"),
              !relative.contains("\0") else { return nil }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".") }) else { return nil }
        let full = root + "/" + relative
        // A link inside the workspace must not lead out of it (the file itself, or a folder on
        // the way); a path not yet written is checked by the folder it would be written in.
        let resolved = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
        guard resolved == root || resolved.hasPrefix(root + "/") else { return nil }
        return full
    }

    /// The scenario files: `.yaml` files at the top and one folder down (not plans or states,
    /// which are told apart by their first keys), sorted.
    public func scenarios() -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        func add(_ folder: String, prefix: String) {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let rel = prefix + name
                var isFolder: ObjCBool = false
                guard fm.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if prefix.isEmpty { add(folder + "/" + name, prefix: rel + "/") }
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml"), let full = path(rel), Workspace.looksLikeScenario(full) {
                    out.append(rel)
                }
            }
        }
        add(root, prefix: "")
        return out
    }

    /// A scenario file has `round`, `buildings` or `sites` among its top-level keys (in its first
    /// 64 KB, long comments and all); plans
    /// (`call_ups`) and morning states (`at`) do not.
    static func looksLikeScenario(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 1 << 16), as: UTF8.self)
        return head.split(separator: "\n").contains { line in
            line.hasPrefix("round:") || line.hasPrefix("buildings:") || line.hasPrefix("sites:")
        }
    }

    /// A new file name beside `relative` that nothing uses yet: `name-what-if.yaml`, then
    /// `name-what-if-2.yaml`, ...
    public func freeName(beside relative: String, suffix: String) -> String {
        let base = relative.hasSuffix(".yaml") ? String(relative.dropLast(5)) : relative
        var k = 1
        while true {
            let candidate = base + "-" + suffix + (k == 1 ? "" : "-\(k)") + ".yaml"
            if let full = path(candidate), !FileManager.default.fileExists(atPath: full) { return candidate }
            k += 1
        }
    }

    /// Writes `text` to `relative` atomically; the version it replaces is kept first under
    /// `.swabplan/history/` (numbered), so a save can be undone.
    public func save(_ text: String, to relative: String) throws {
        try save(bytes: Data(text.utf8), to: relative)
    }

    /// `save` for a file's bytes as uploaded (a workbook).
    public func save(bytes: Data, to relative: String) throws {
        guard let full = path(relative) else { throw WorkspaceError.outside(relative) }
        let fm = FileManager.default
        if fm.fileExists(atPath: full) {
            let history = keep + "/history"
            try fm.createDirectory(atPath: history, withIntermediateDirectories: true)
            let flat = relative.replacingOccurrences(of: "/", with: "__")
            var k = 1
            while fm.fileExists(atPath: history + "/\(flat).\(k)") { k += 1 }
            try fm.copyItem(atPath: full, toPath: history + "/\(flat).\(k)")
        }
        try AtomicFile.write(bytes: [UInt8](bytes), to: full)
    }

    /// The folder a scenario's saved plans go in: `STEM-plans/` beside it.
    public func planFolder(for scenario: String) -> String {
        let stem = scenario.hasSuffix(".yaml") ? String(scenario.dropLast(5)) : scenario
        return stem + "-plans"
    }

    /// A scenario's saved plans, relative to the workspace, sorted.
    public func plans(for scenario: String) -> [String] {
        let folder = planFolder(for: scenario)
        guard let full = path(folder), let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }.filter { path($0) != nil }
    }

    /// A plan name a planner may give: letters (Chinese too), digits, `-` and `_`, 1 to 40.
    public static func validPlanName(_ name: String) -> Bool {
        (1...40).contains(name.count) && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Puts back the version of `relative` its last save replaced (each undo goes one further
    /// back); nothing when there is none.
    public func restoreLast(_ relative: String) throws {
        guard let full = path(relative) else { throw WorkspaceError.outside(relative) }
        let history = keep + "/history", flat = relative.replacingOccurrences(of: "/", with: "__")
        var k = 1
        while FileManager.default.fileExists(atPath: history + "/\(flat).\(k + 1)") { k += 1 }
        let last = history + "/\(flat).\(k)"
        guard let text = try? String(contentsOfFile: last, encoding: .utf8) else { return }
        try AtomicFile.write(text, to: full)
        try FileManager.default.removeItem(atPath: last)
    }

    /// Whether `relative` names a file that is there.
    public func exists(_ relative: String) -> Bool { path(relative).map { FileManager.default.fileExists(atPath: $0) } ?? false }
}

public enum WorkspaceError: Error, CustomStringConvertible {
    case notAFolder(String)
    case outside(String)
    public var description: String {
        switch self {
        case .notAFolder(let f): return "\(f) is not a folder; give the folder of scenarios to serve"
        case .outside(let p): return "`\(p)` is not a file inside the workspace"
        }
    }
}
