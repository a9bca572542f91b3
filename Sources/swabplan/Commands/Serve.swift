import ArgumentParser
import Foundation
import Workbench

/// `swabplan serve`: the planner's workbench in the browser, on the same library as the CLI.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the planner's workbench in the browser: the scenarios of a folder, runs with live progress, results with site states and the report.",
        discussion: "Listens on 127.0.0.1 unless --host says otherwise; any other host needs the token printed at start. Stop it with Ctrl-C.")

    @Argument(help: "The workspace: a folder of scenarios.")
    var folder = "Scenarios"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The address to listen on; anything but 127.0.0.1, localhost or ::1 requires the token printed at start.")
    var host = "127.0.0.1"

    @Flag(help: "Open the workbench in the default browser.")
    var open = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
    }

    func run() throws {
        let workspace: Workspace
        do { workspace = try Workspace(folder) } catch {
            printError("error: \(error)")
            throw Exit.noInput
        }
        var settings = Workbench.Settings(host: host, port: port)
        if !settings.isLoopback { settings.token = Serve.token() }
        let runs = RunQueue(workspace: workspace)
        let app = Workbench.application(workspace: workspace, runs: runs, settings: settings)
        let shown = host.contains(":") ? "[\(host)]" : host
        let url = "http://\(shown):\(port)/" + (settings.token.map { "?token=" + $0 } ?? "")
        printError("SwabPlan workbench: \(url)  (workspace \(workspace.root); Ctrl-C stops it)")
        if open { Serve.openBrowser(url) }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await app.runService() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            printError("error: the workbench stopped: \(error)")
            throw Exit.cannotCreate
        }
    }

    /// 128 random bits as hex.
    static func token() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", g.next() as UInt32) }.joined()
    }

    static func openBrowser(_ url: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xdg-open", url]
        try? p.run()
    }
}

private final class Outcome: @unchecked Sendable { var error: (any Error)? }
