import Foundation
import Planner
import Scenario

extension Wording {
    /// A planning run's note as the terminal prints it on stderr: the seconds since the run
    /// started, then what happened, in this wording's language.
    public func note(_ n: PlannerNote, _ s: Scenario) -> String {
        String(format: "[%6.1f s] ", n.seconds) + event(n.event, s)
    }

    public func event(_ e: PlannerEvent, _ s: Scenario) -> String {
        func surrogate(_ x: Double) -> String { Format.fixed(x, 2) }
        func objective(_ o: Objective?) -> String {
            guard let o else { return self(.progressMean) }
            return language == .en ? o.rawValue : metric(o.metric)
        }
        switch e {
        case .bounds(let b):
            let latest = b.groups.max { $0.earliestFinishMinutes < $1.earliestFinishMinutes }
            let finish = ClockTime.format(s.round.opening + (latest?.earliestFinishMinutes ?? 0).rounded(.up) * 60)
            return self(.progressBounds, b.groups.count, finish, latest?.label ?? "-", b.fewestTeams, b.teamsAvailable)
                + (b.impossible.isEmpty ? "" : self(.progressImpossible, list(b.impossible.map { impossible($0, s) })))
        case .clustersStarted(let clusters, let crossing): return self(.progressClusters, clusters, crossing)
        case .clustersMerged(let x): return self(.progressMerged, surrogate(x))
        case .searchRound(let o, let round, let x): return self(.progressSearchRound, objective(o), round, surrogate(x))
        case .searchDone(let o, let x, let n): return self(.progressSearchDone, objective(o), surrogate(x), n)
        case .milpSkipped(let callUps, let columns):
            return self(columns == nil ? .progressMILPSkipped : .progressMILPSkippedColumns, callUps, columns ?? 0,
                        CallUpMILP.largestProblem, CallUpMILP.largestColumns)
        case .milpTooSlow(let columns, let root, let seconds):
            return self(.progressMILPTooSlow, columns, Format.fixed(root, 0), Format.fixed(seconds, 0))
        case .milpStarted(let seconds, let nodes):
            return self(.progressMILPStarted, seconds.map { self(.progressSeconds, Format.fixed($0, 0)) } ?? self(.progressNodes, nodes ?? 0))
        case .milpDone(let r):
            return self(.progressMILPDone, r.columns, r.rows, r.nodes, Format.fixed(r.gap * 100, 1),
                        self(r.provenOptimal ? .progressProven : .progressAtLimit))
        case .staffingDone(let x): return self(.progressStaffing, surrogate(x))
        case .setAside(let source, let violation): return self(.progressSetAside, candidate(source, s), violation.description)
        case .verifying(let n): return self(.progressVerifying, n)
        case .selectionRound(let r, let left, let n): return self(.progressSelection, r, left, n)
        case .roles(let workers): return workers.map { self(.progressRoles, $0) } ?? self(.progressRolesLeft)
        case .chosen(let source, let r): return self(.progressChosen, candidate(source, s), r)
        case .comparing(let withOwn): return self(withOwn ? .progressComparingOwn : .progressComparingBaseline)
        case .whatItWouldTake: return self(.progressTake)
        case .replanCallUp(let building, let score, let n): return self(.progressReplanMoved, buildingName(building, s), Format.fixed(score, 3), n)
        case .replanTeam(let move, let score, let n): return self(.progressReplanTeam, teamMove(move, s), Format.fixed(score, 3), n)
        case .replanDesks(let move, let score, let n): return self(.progressReplanTeam, deskMove(move, s), Format.fixed(score, 3), n)
        }
    }
}
