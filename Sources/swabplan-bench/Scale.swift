import Foundation
import Planner
import Scenario
import SimKit
import SiteModel

/// District and city scale: a generated district of 3.5 million residents and a city of 21
/// million, each measured in a process of its own so its peak memory is its own (getrusage's
/// maximum resident set). Per size: load and validate, compile, then one replication with its
/// site groups on one thread and on every core, medians of `runs`.
///
///     swabplan-bench --only scale [--quick]
enum Scale {
    struct Size {
        var name: String
        var residents: Int, buildings: Int, sites: Int, cohorts: Int
        var generator: DistrictGenerator {
            DistrictGenerator(residents: residents, buildings: buildings, sites: sites, cohorts: cohorts, seed: 1)
        }
    }

    /// The guideline's one site per 2,500 residents; a cohort (bus) serving ten sites.
    static let sizes = [
        Size(name: "district", residents: 3_500_000, buildings: 35_000, sites: 1_400, cohorts: 140),
        Size(name: "city", residents: 21_000_000, buildings: 200_000, sites: 8_400, cohorts: 840),
    ]

    /// Runs each size in a child process (this executable, `--scale-size NAME`).
    static func bench(runs: Int) {
        for size in sizes {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            p.arguments = ["--scale-size", size.name, "--runs", "\(runs)"]
            let out = Pipe()
            p.standardOutput = out
            do { try p.run() } catch { print("scale   cannot start a child process: \(error)"); return }
            let text = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            print(String(decoding: text, as: UTF8.self), terminator: "")
            if p.terminationStatus != 0 { print("scale   \(size.name): the child process exited \(p.terminationStatus)") }
        }
    }

    /// One size, in this process.
    static func measure(_ name: String, runs: Int) {
        guard let size = sizes.first(where: { $0.name == name }) else { print("scale   no size \(name)"); return }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let text = size.generator.yaml()
        var scenario: Scenario?
        let load = Bench.seconds { scenario = try? ScenarioLoader.parse(text, file: "\(name).yaml") }
        guard let scenario else { print("scale   \(name) does not load"); return }
        var round: CompiledRound?
        let compile = Bench.seconds { round = try? CompiledRound(scenario: scenario, plan: scenario.effectivePlan) }
        guard let round else { print("scale   \(name): the baseline plan does not compile"); return }
        var one: [Double] = [], all: [Double] = [], swabbed = 0.0, events = 0
        for r in 0..<runs {
            one.append(Bench.seconds {
                let result = round.simulate(seed: 1, replication: r, groupJobs: 1)
                swabbed = result[.residentsSwabbed]; events = result.events
            })
            all.append(Bench.seconds { _ = round.simulate(seed: 1, replication: r, groupJobs: cores) })
        }
        print(String(format: "scale   %@, %.1f million residents, %d buildings, %d sites in %d site groups: load and validate %.2f s, compile %.2f s",
                     name, Double(size.residents) / 1e6, size.buildings, size.sites, round.siteGroupCount, load, compile))
        print(String(format: "        one replication (%.1f million swabbed, %.1f million events): %.2f s on one core (min %.2f), %.2f s on %d cores (min %.2f); peak memory %.0f MB",
                     swabbed / 1e6, Double(events) / 1e6, Bench.median(one), one.min()!, Bench.median(all), cores, all.min()!, peakMegabytes()))
    }

    /// The process's peak resident set so far (Linux reports kilobytes).
    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
