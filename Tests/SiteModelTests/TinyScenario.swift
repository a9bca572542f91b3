import Scenario
@testable import SiteModel

/// Builds small scenarios from YAML pieces, so each test says only what matters to it.
enum Tiny {
    static func yaml(opening: String = "07:00", deadline: String = "12:00",
                     buildings: String, sites: String = "  - {id: S1, registration_desks: 1, swab_stations: 1}",
                     cohorts: String, service: String, arrivals: String = "  turnout_share: 1\n  ignore_call_up_share: 0\n  spread: even",
                     plan: String? = nil, extra: String = "") -> String {
        """
        name: tiny
        round: {date: 2022-05-06, opening: "\(opening)", deadline: "\(deadline)"}
        buildings:
        \(buildings)
        sites:
        \(sites)
        staff:
          registrars: 4
          cohorts:
        \(cohorts)
        service:
        \(service)
        arrivals:
        \(arrivals)
        \(plan.map { "plan:\n" + $0 } ?? "")
        \(extra)
        """
    }

    static func scenario(_ text: String) throws -> Scenario {
        try ScenarioLoader.parse(text, file: "tiny.yaml")
    }

    static func run(_ text: String, seed: UInt64 = 1, replication: Int = 0) throws -> ReplicationResult {
        let s = try scenario(text)
        return try! CompiledRound(scenario: s, plan: s.effectivePlan).simulate(seed: seed, replication: replication)
    }

    /// Registration takes no time; every swab takes `swabSeconds`.
    static func instantRegistration(swabSeconds: Int) -> String {
        """
          registration: {distribution: deterministic, mean_seconds: 0}
          swab: {distribution: deterministic, mean_seconds: \(swabSeconds)}
        """
    }

    static let deterministic = """
          registration: {distribution: deterministic, mean_seconds: 60}
          swab: {distribution: deterministic, mean_seconds: 30}
        """
}
