/// A problem in a scenario, plan or CSV file, reported the way compilers do:
/// `FILE:LINE:COLUMN: error: KEY.PATH: what is wrong; what a valid value looks like`.
public struct ScenarioError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable { case badData, missingFile }
    public var file: String
    public var line: Int
    public var column: Int
    public var keyPath: String
    public var message: String
    public var kind: Kind

    public init(file: String, line: Int, column: Int, keyPath: String, message: String, kind: Kind = .badData) {
        self.file = file; self.line = line; self.column = column
        self.keyPath = keyPath; self.message = message; self.kind = kind
    }

    public var description: String {
        // A file that cannot be read has no position in it.
        (line >= 1 ? "\(file):\(line):\(column): error: " : "\(file): error: ") + (keyPath.isEmpty ? "" : "\(keyPath): ") + message
    }

    /// The description followed by the offending source line and a caret under the column.
    public func rendered(source: String?) -> String {
        guard let source, line >= 1 else { return description }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return description }
        let text = lines[line - 1].filter { $0 != "\r" }
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return description + "\n" + text + "\n" + caret
    }
}

/// All the problems found in one load, in file order; thrown when there is at least one.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ScenarioError]
    public init(_ errors: [ScenarioError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
    /// A missing file outranks bad data: nothing else could be checked.
    public var isMissingFile: Bool { errors.contains { $0.kind == .missingFile } }
}

