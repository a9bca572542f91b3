import Scenario
import SimKit

/// A street's round run many times as one simulation (shared lab, couriers, bus pool, weather),
/// with every replication's figures also split by community: each community's metrics are
/// those of its own residents, sites, teams and door-to-door teams in the same run, its data
/// desk and worker hours its own (`Community`). Folded in replication order, so the same seed
/// gives the same figures on any number of threads.
public struct StreetResult: Sendable {
    public let street: ExperimentResult
    /// In the street file's order, each with its own scenario and plan (its own ids).
    public let communities: [ExperimentResult]
}

public enum StreetExperiment {
    public static func run(_ round: CompiledRound, replications: Int, seed: UInt64, jobs: Int, options: RunOptions = .standard,
                           progress: (@Sendable () -> Void)? = nil) throws -> StreetResult {
        _ = GSLSetup.errorsOff
        let round = round.withSiteGroups()
        let parts = try round.scenario.communities.map { try CommunityPart(street: round, $0) }
        let groupJobs = Experiment.groupJobs(jobs: jobs, replications: replications)
        var street: [ReplicationResult] = []
        var communities = Array(repeating: [ReplicationResult](), count: parts.count)
        Replications.fold(count: replications, jobs: jobs, { r -> [ReplicationResult] in
            var outcome = round.run(seed: seed, replication: r, options: options, draws: nil, groupJobs: groupJobs)
            // Split before the street's metrics: a quantile reorders the samples the split reads.
            var each = parts.enumerated().map { k, part in part.result(outcome, population: k, seed: seed, replication: r) }
            each.insert(round.finish(&outcome.figures, dry: outcome.dry, liftWait: outcome.lifts.summary(), doorToDoor: outcome.doorToDoor,
                                     seed: seed, replication: r), at: 0)
            progress?()
            return each
        }, into: { _, results in
            street.append(results[0])
            for k in parts.indices { communities[k].append(results[k + 1]) }
        })
        return StreetResult(street: ExperimentResult(round: round, seed: seed, runs: street),
                            communities: parts.indices.map { ExperimentResult(round: parts[$0].round, seed: seed, runs: communities[$0]) })
    }
}

/// Where one community sits in the street's compiled round, and its own compiled round (its
/// data desk, roles and which metrics apply).
struct CommunityPart: Sendable {
    let community: Community
    let round: CompiledRound
    let teams: [Int]
    let couriers: [Int]

    init(street: CompiledRound, _ c: Community) throws {
        community = c
        round = try CompiledRound(scenario: c.scenario, plan: c.plan)
        teams = street.teams.indices.filter { c.sites.contains(street.teams[$0].site) }
        // Its own couriers, else the street's that call at its sites (their figures whole).
        couriers = c.couriers.isEmpty
            ? street.couriers.indices.filter { street.couriers[$0].stops.contains { c.sites.contains($0) } }
            : Array(c.couriers)
    }

    func result(_ outcome: RoundOutcome, population k: Int, seed: UInt64, replication: Int) -> ReplicationResult {
        let c = community
        var figures = outcome.figures.community(sites: c.sites, teams: teams, couriers: couriers, callUps: c.callUps,
                                                buildings: c.buildings, deadline: c.scenario.round.deadline)
        let doorToDoor = DoorToDoorRun(teams: Array(outcome.doorToDoor.teams[c.doorToDoorTeams]))
        var lifts = outcome.lifts.of(k)
        return round.finish(&figures, dry: outcome.dry?.sites(c.sites), liftWait: lifts.summary(), doorToDoor: doorToDoor,
                            seed: seed, replication: replication)
    }
}
