import Planner
import Scenario
import SimKit

/// The changes a published plan makes to the scenario's own plan and their effect on time in
/// system and the finish (`PublishedChanges`, run in Planner), in the planner's words.
public struct ChangeNote: Sendable {
    public var lines: [String]
    public var effects: [String]
    public var replications: Int

    /// The changes and their effect (`PublishedChanges`) in the planner's words.
    public init(_ c: PublishedChanges, _ s: Scenario, _ w: Wording) {
        var effects: [String] = []
        for (metric, words) in [(MetricName.timeInSystemMinutes, Phrase.effectMean), (.timeInSystemP95Minutes, .effectP95),
                                (.finishTimeMinutesAfterOpening, .effectFinish)] {
            guard let d = c.comparison.difference(1, metric) else { continue }
            let x = d.interval
            // The finish reads as a clock time ("11:23 -> 11:16"), the change in minutes.
            let figure = { (m: Double) in Format.figure(metric, m, decimals: 1, opening: s.round.opening) }
            effects.append(w(Format.isClockTime(metric) ? .effectLineClock : .effectLine, w(words), figure(c.comparison.results[0][metric].mean),
                             figure(c.comparison.results[1][metric].mean), w(x.mean < 0 ? .down : .up), Format.fixed(abs(x.mean), 1),
                             Format.fixed(x.halfWidth, 1)))
        }
        self.effects = effects
        lines = c.changes.map { ChangeNote.words($0, s, w) }
        replications = c.comparison.replications
    }

    /// Changes in a planner's words, without their effect (a page that shows the figures beside).
    public static func describe(_ changes: [PlanChange], _ s: Scenario, _ w: Wording) -> [String] {
        changes.map { words($0, s, w) }
    }

    /// One change in a planner's words.
    static func words(_ change: PlanChange, _ s: Scenario, _ w: Wording) -> String {
        func building(_ id: String, _ floors: ClosedRange<Int>?) -> String {
            w.building(w.buildingName(id, s), floors: floors)
        }
        func site(_ id: String) -> String { w.siteName(id, s) }
        switch change {
        case .moved(let moves):
            let items = moves.prefix(12).map { m in
                m.fromSite == m.toSite ? w(.moveWindow, building(m.building, m.floors), m.from.description, m.to.description)
                    : w(.moveSite, building(m.building, m.floors), site(m.fromSite), site(m.toSite), m.from.description, m.to.description)
            }
            return w(.changeMoved, moves.count, w.list(items) + (moves.count > 12 ? w(.moreInSchedule, moves.count - 12) : ""))
        case .recut(let buildings):
            let items = buildings.prefix(6).map { b in
                // One site for every part (the usual case): name it once.
                if let only = b.parts.first?.site, b.parts.allSatisfy({ $0.site == only }) {
                    return w(.recutItemAt, building(b.building, nil), site(only), w.enumerate(b.parts.map { w(.partWindow, w.floors($0.floors), $0.window.description) }))
                }
                return w(.recutItem, building(b.building, nil), w.enumerate(b.parts.map { w(.partItem, w.floors($0.floors), $0.window.description, site($0.site)) }))
            }
            return w(.changeRecut, buildings.count, w.list(items) + (buildings.count > 6 ? w(.moreBuildings, buildings.count - 6) : ""))
        case .added(let n): return w(.changeAdded, n)
        case .breaksPlanned(let breaks):
            return w(.changeBreaks, w.enumerate(breaks.prefix(10).map { w(.breakItem, w.teamName($0.cohort, $0.team, s), ClockTime.format($0.at)) })
                     + (breaks.count > 10 ? "…" : ""))
        case .drops(let cohort, let drops):
            return w(.changeDrops, s.staff.cohorts.first { $0.id == cohort }.map(w.name) ?? cohort, w.enumerate(drops.map { w(.dropItem, $0.now, site($0.site), $0.was) }))
        case .handovers: return w(.changeHandovers)
        case .staffing: return w(.changeStaffing)
        case .courierTimetable: return w(.changeCourier)
        case .doorToDoorLists: return w(.changeDoorToDoor)
        case .deskMoves(let moves): return w(.changeDeskMoves, w.enumerate(moves.map { w.deskMove($0, s) }))
        }
    }
}
