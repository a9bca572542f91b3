import Foundation
import Scenario
import SiteModel

/// A synthetic district for scale figures (`DistrictGenerator`): 105 residents a building on
/// average, a site per 80 buildings, a cohort of swab teams per ten sites; no plan (the
/// baseline calls each building to its nearest site). Written as YAML so that loading is
/// measured too.
enum District {
    static func yaml(buildings n: Int) -> String {
        let sites = max(1, n / 80)
        return DistrictGenerator(residents: 105 * n, buildings: n, sites: sites, cohorts: max(1, (sites + 9) / 10), seed: 1).yaml()
    }

    /// Load, compile and two replications of districts of each size, each step timed.
    static func bench(sizes: [Int], runs: Int) {
        for n in sizes {
            let text = yaml(buildings: n)
            var load: [Double] = [], modelTime: [Double] = [], compile: [Double] = [], two: [Double] = [], move: [Double] = []
            for _ in 0..<runs {
                var scenario: Scenario?
                load.append(Bench.seconds { scenario = try? ScenarioLoader.parse(text, file: "district.yaml") })
                guard let scenario else { print("district of \(n) buildings does not load"); return }
                var model: RoundModel?
                modelTime.append(Bench.seconds { model = RoundModel(scenario) })
                var round: CompiledRound?
                let plan = scenario.effectivePlan
                compile.append(Bench.seconds { round = try! CompiledRound(model: model!, plan: plan) })
                two.append(Bench.seconds { _ = Experiment.run(round!, replications: 2, seed: 7, jobs: 1) })
                // Re-evaluation after one call-up moves: the move in place, then what the
                // optimiser needs next (one replication is timed above, per half of `two`).
                var moved = round!
                let moves = 1000
                let sites = scenario.sites.map(\.id)
                move.append(Bench.seconds {
                    for k in 0..<moves {
                        let i = (k * 7919) % moved.plan.callUps.count
                        let c = moved.plan.callUps[i]
                        let to = sites[(sites.firstIndex(of: c.site)! + 1) % sites.count]
                        try? moved.moveCallUp(i, toSite: to, window: c.window)
                    }
                } / Double(moves))
            }
            print(String(format: "district %d buildings, %d sites (%.1f MB of YAML): load and validate %.2f s, round model %.3f s, plan check and compile %.3f s, two replications on one core %.2f s",
                         n, max(1, n / 80), Double(text.utf8.count) / 1e6, Bench.median(load), Bench.median(modelTime), Bench.median(compile), Bench.median(two)))
            print(String(format: "         one call-up moved in place: %.1f µs (compiling afresh: %.0f times longer)",
                         Bench.median(move) * 1e6, Bench.median(compile) / Bench.median(move)))
        }
    }
}
