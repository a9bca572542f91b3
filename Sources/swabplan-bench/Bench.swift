import Foundation
import SimKit

/// Throughput figures for SwabPlan, as medians of several runs. Build in release mode:
///     swift run -c release swabplan-bench
@main
struct Bench {
    static func main() {
        _ = GSLSetup.errorsOff
        let args = CommandLine.arguments
        let quick = args.contains("--quick")
        let runs = quick ? 3 : 5
        print("swabplan-bench: medians of \(runs) runs; \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(loadAverage())")
        engine(runs: runs, customers: quick ? 1_000_000 : 10_000_000)
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

    static func engine(runs: Int, customers: Int) {
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
    }
}
