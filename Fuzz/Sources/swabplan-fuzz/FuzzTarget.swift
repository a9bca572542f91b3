import Foundation
import Reports
import Scenario
import SiteModel

/// One libFuzzer input: a scenario file's text. Whatever it holds, loading must end in a
/// scenario or in positioned errors; a scenario that loads (and is small enough for a quick
/// run) must simulate two replications without a trap, and its summary must hold no NaN.
/// Buildings CSV files are looked for next to the bundled scenarios.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8) else { return 0 }
    let scenario: Scenario
    do {
        scenario = try ScenarioLoader.parse(text, file: "fuzz.yaml", directory: FuzzSettings.scenarios)
    } catch let e as ScenarioErrors {
        for err in e.errors where err.line < 0 || err.column < 0 || err.message.isEmpty {
            fatalError("error without a position or a message: \(err)")
        }
        return 0
    } catch {
        fatalError("loader threw something that is not ScenarioErrors: \(error)")
    }
    // Small caps keep an execution in milliseconds; the ranges are the loader's job.
    guard scenario.totalResidents <= 20_000, scenario.sites.count <= 200, scenario.buildings.count <= 2_000 else { return 0 }
    let plan = scenario.effectivePlan
    let result = Experiment.run(try! CompiledRound(scenario: scenario, plan: plan), replications: 2, seed: 1, jobs: 1)
    let json = Summary.json(result).rendered()
    // Numbers only: a scenario's name may well contain "nan" (Panjiayuan Nanli does).
    if json.contains("\"mean\": null") { fatalError("NaN in summary.json:\n\(json)") }
    for m in result.metrics where !m.interval.mean.isFinite { fatalError("\(m.name.rawValue) is \(m.interval.mean)") }
    return 0
}

enum FuzzSettings {
    static let scenarios: String = ProcessInfo.processInfo.environment["SWABPLAN_SCENARIOS"] ?? "Scenarios"
}

// SwiftPM links an executable with `main` aliased to this entry point; hand over to
// libFuzzer's driver, which then calls `fuzz` for every input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("swabplan_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args, { data, size in fuzz(data, size) })
}
