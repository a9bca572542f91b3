import ArgumentParser
import Foundation
import Planner
import Scenario

/// Exit codes from sysexits(3), so scripts can tell bad data from a missing file.
enum Exit {
    static let targetMissed = ExitCode(3)
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)

    /// The one mapping from what a command throws to what it says on stderr and the code it
    /// exits with (`SwabPlan.main`). Anything else (ArgumentParser's own errors, such as a help
    /// request, and exit codes) passes through to ArgumentParser.
    static func code(for error: Error) -> Error {
        switch error {
        case let e as InContext:
            for problem in e.problems.problems { printError("error: \(e.context): \(problem)") }
            return dataError
        case let e as PlanProblems:
            for problem in e.problems { printError("error: plan: \(problem)") }
            return dataError
        case let e as ScenarioErrors: return report(e)
        case let e as Selection.NothingPostable:
            printError("error: \(e)")
            return dataError
        case let e as CannotWrite:
            printError("error: " + (e.what.map { "cannot write \($0): " } ?? "") + "\(e.underlying)")
            return cannotCreate
        default: return error
        }
    }
}

/// Plan problems with where the plan came from ("plan FILE after the morning in STATE").
struct InContext: Error {
    var context: String
    var problems: PlanProblems
}

/// Runs `body`; the plan problems it throws are said in `context`.
func inContext<T>(_ context: String, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as PlanProblems { throw InContext(context: context, problems: e) }
}

/// An output that could not be written: exit 73, said as `cannot write WHAT: why` (or only why,
/// when the error names the file).
struct CannotWrite: Error {
    var what: String?
    var underlying: Error
}

/// Runs `body`, which writes an output; whatever it throws is `CannotWrite`.
@discardableResult
func writing<T>(_ what: String? = nil, _ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw CannotWrite(what: what, underlying: error) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
