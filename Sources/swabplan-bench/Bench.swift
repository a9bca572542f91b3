import Foundation
import Scenario
import SimKit
import SiteModel

/// Throughput figures for SwabPlan, as medians of several runs. Build in release mode:
///     swift run -c release swabplan-bench [--quick] [--only engine|ratio|district|scale|optimizer|towers|rules|rule-parts] [--scenario FILE] [--plans-out DIR] [--seeds N]
@main
struct Bench {
    static func main() {
        _ = GSLSetup.errorsOff
        MemoryTuning.keepFreedMemory()
        let args = CommandLine.arguments
        let quick = args.contains("--quick")
        let runs = quick ? 3 : 5
        if let size = args.drop(while: { $0 != "--scale-size" }).dropFirst().first {
            let childRuns = args.drop(while: { $0 != "--runs" }).dropFirst().first.flatMap { Int($0) } ?? 3
            Scale.measure(size, runs: childRuns)
            return
        }
        print("swabplan-bench: medians of \(runs) runs; \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(loadAverage())")
        let only = args.drop(while: { $0 != "--only" }).dropFirst().first
        var engineNanoseconds: Double?
        if only == nil || only == "engine" || only == "ratio" { engineNanoseconds = engine(runs: runs, customers: quick ? 1_000_000 : 10_000_000) }
        if only == "scale" { Scale.bench(runs: 3); return }
        if only == "engine" { return }
        if only == "ratio" {
            let path = args.drop(while: { $0 != "--scenario" }).dropFirst().first ?? "Scenarios/panjiayuan-nanli.yaml"
            guard let s = try? ScenarioLoader.load(path: path) else { print("cannot load \(path)"); return }
            let perEvent = community(s, label: "all logistics", runs: runs, replications: quick ? 400 : 2000)
            ratio(perEvent, engineNanoseconds!)
            // The same round under a clear sky: no run without the weather, whose events (on
            // queues only) are cheaper than the round's own, so the stricter of the two figures.
            if !s.logistics.weather.isClear {
                var clear = s
                clear.logistics.weather.forecast = []
                clear.logistics.weather.interruptions = []
                ratio(community(clear, label: "all logistics, clear sky", runs: runs, replications: quick ? 400 : 2000), engineNanoseconds!)
            }
            return
        }
        if only == "district" || only == nil { District.bench(sizes: [10_000, 40_000], runs: quick ? 1 : 3) }
        if only == "district" { return }
        if only == "towers" { OptimizerBench.towers(runs: runs, plans: quick ? 20 : 40); return }
        if only == "rule-parts" {
            let path = args.drop(while: { $0 != "--scenario" }).dropFirst().first ?? "Scenarios/panjiayuan-nanli.yaml"
            if let s = try? ScenarioLoader.load(path: path) { OptimizerBench.ruleParts(s, timeLimit: 60) }
            return
        }
        if only == "rules" {
            let path = args.drop(while: { $0 != "--scenario" }).dropFirst().first ?? "Scenarios/panjiayuan-nanli.yaml"
            let plansOut = args.drop(while: { $0 != "--plans-out" }).dropFirst().first
            // The search's result varies with its seed as much as with the rules: `--seeds N`
            // prices them on seeds 1...N.
            let seeds = args.drop(while: { $0 != "--seeds" }).dropFirst().first.flatMap { UInt64($0) } ?? 1
            for seed in 1...max(1, seeds) {
                if let s = try? ScenarioLoader.load(path: path) { OptimizerBench.rulesPrice(s, timeLimit: 60, seed: seed, plansOut: plansOut) }
            }
            if plansOut == nil, let s = OptimizerBench.towerEstate { OptimizerBench.rulesPrice(s, timeLimit: 60) }
            return
        }
        if only == "optimizer" || only == nil {
            let path = args.drop(while: { $0 != "--scenario" }).dropFirst().first ?? "Scenarios/panjiayuan-nanli.yaml"
            OptimizerBench.run(path: path, runs: runs, plans: quick ? 20 : 40)
            OptimizerBench.towers(runs: runs, plans: quick ? 20 : 40)
            OptimizerBench.optimise(path: path, timeLimit: 60)
            if let s = try? ScenarioLoader.load(path: path) { OptimizerBench.rulesPrice(s, timeLimit: 60) }
            if let s = OptimizerBench.towerEstate { OptimizerBench.rulesPrice(s, timeLimit: 60) }
            if only == "optimizer" { return }
        }
        let path = args.drop(while: { $0 != "--scenario" }).dropFirst().first ?? "Scenarios/panjiayuan-nanli.yaml"
        let scenario: Scenario
        do { scenario = try ScenarioLoader.load(path: path) } catch {
            print("cannot load \(path): \(error)"); return
        }
        let replications = quick ? 400 : 2000
        // The queues alone (the first slice), then the round with all its logistics.
        var queues = scenario
        queues.logistics = .none
        queues.buildings = queues.buildings.map { b in
            var b = b
            b.quarantinedHouseholds = 0; b.bedriddenHouseholds = 0; b.sealed = false
            return b
        }
        community(queues, label: "queues only", runs: runs, replications: replications)
        let perEvent = community(scenario, label: "all logistics", runs: runs, replications: replications)
        if let engineNanoseconds { ratio(perEvent, engineNanoseconds) }
    }

    /// A community's cost per event against the engine's own (M/M/10): what the round's
    /// model adds to each event on top of the event list, the clock and the random streams.
    static func ratio(_ community: Double, _ engine: Double) {
        print(String(format: "ratio   a community event costs %.1f ns on one core, the engine's %.1f ns: %.2f×", community, engine, community / engine))
    }

    /// Returns nanoseconds an event on one core.
    @discardableResult
    static func community(_ scenario: Scenario, label: String, runs: Int, replications: Int) -> Double {
        let round = try! CompiledRound(scenario: scenario, plan: scenario.effectivePlan)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var all: [Double] = [], one: [Double] = [], draw: [Double] = []
        var events = 0, twinEvents = 0
        for _ in 0..<runs {
            all.append(Double(replications) / seconds { _ = Experiment.run(round, replications: replications, seed: 7, jobs: cores) })
            one.append(Double(replications / 4) / seconds {
                let r = Experiment.run(round, replications: replications / 4, seed: 7, jobs: 1)
                events = r.runs.reduce(0) { $0 + $1.events } / r.replications
                twinEvents = r.runs.reduce(0) { $0 + $1.eventsWithoutWeather } / r.replications
            })
            draw.append(Double(replications / 4) / seconds { _ = round.drawArrivalsOnly(seed: 7, count: replications / 4) })
        }
        print(String(format: "site    %@, %d residents, %@: %.0f replications/s on %d cores (min %.0f, max %.0f); %.0f/s on one core",
                     scenario.name, scenario.totalResidents, label, median(all), cores, all.min()!, all.max()!, median(one)))
        // With weather, a replication also runs the round without it from the weather's first
        // episode (the weather's cost): its loop takes those events too.
        print(String(format: "        one replication: %.2f ms, of which drawing residents %.2f ms; %d events, and %d more in the run without the weather (%.1f ns an event counting the round's alone)",
                     1000 / median(one), 1000 / median(draw), events, twinEvents, 1e9 / median(one) / Double(max(events, 1))))
        return 1e9 / median(one) / Double(max(events + twinEvents, 1))
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func seconds(_ body: () -> Void) -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }

    /// Returns nanoseconds an event.
    @discardableResult
    static func engine(runs: Int, customers: Int) -> Double {
        let model = MMcQueue(servers: 10, arrivalRate: 100, serviceRate: 12)
        var rates: [Double] = []
        var events = 0
        for r in 0..<runs {
            var result: MMcQueue.Result?
            let t = seconds { result = model.run(customers: customers, seed: 1, replication: UInt64(r)) }
            events = result!.events
            rates.append(Double(events) / t)
        }
        print(String(format: "engine  M/M/10 lambda 100/h mu 12/h, %d customers (%d events): %.1f million events/s (min %.1f, max %.1f)",
                     customers, events, median(rates) / 1e6, rates.min()! / 1e6, rates.max()! / 1e6))
        return 1e9 / median(rates)
    }
}
