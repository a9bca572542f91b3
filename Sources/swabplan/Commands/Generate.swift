import ArgumentParser
import Foundation
import Scenario
import Reports

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic district scenario of a given size from a seed, for scale tests.",
        discussion: "Sites on a 400-metre grid, buildings around them, cohorts of swab teams serving neighbouring sites, no plan (the baseline). The same options and seed give the same file.")

    @Option(help: "Residents in all.") var residents = 1_000_000
    @Option(help: "Buildings.") var buildings = 10_000
    @Option(help: "Sampling sites.") var sites = 300
    @Option(help: "Cohorts of swab teams (each serves neighbouring sites).") var cohorts = 30
    @Option(help: "Seed of the layout and the building sizes.") var seed: UInt64 = 1
    @Flag(help: "A high-rise estate: every building a tower of 18 to 30 floors with one lift (two from 600 residents).") var towers = false
    @Option(help: "Where to write the scenario (YAML).") var out: String

    func validate() throws {
        if let p = DistrictGenerator(residents: residents, buildings: buildings, sites: sites, cohorts: cohorts, seed: seed).problem {
            throw ValidationError(p)
        }
    }

    func run() throws {
        let g = DistrictGenerator(residents: residents, buildings: buildings, sites: sites, cohorts: cohorts, seed: seed, towers: towers)
        try writing(out) { try AtomicFile.write(g.yaml(), to: out) }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        printError("wrote \(out): \(count(residents, "resident", "residents")) in \(count(buildings, "building", "buildings")), "
                   + "\(count(sites, "site", "sites")), \(count(cohorts, "cohort", "cohorts"))")
    }
}
