import Scenario
import SimKit
import SiteModel
import Planner

/// The round's diagnosis and its checked advice (`CheckedAdvice`) in the planner's language,
/// for the report and the terminal alike.
public enum AdviceText {
    /// The spells of the round's one diagnosis in words, each with why the plan's own staff
    /// cannot simply take it (every desk open, nobody with slack anywhere, every team working).
    public static func spellLines(_ r: ExperimentResult, _ advice: CheckedAdvice?, _ w: Wording) -> [String] {
        let s = r.scenario
        let diagnosis = advice?.diagnosis ?? Diagnosis(r)
        return diagnosis.spells.enumerated().map { k, x in
            let site = s.siteIndex(x.site).map { w.name(s.sites[$0]) } ?? x.site
            let reason: String
            if x.swab { reason = w(.reasonSwab) } else if let advice, k < advice.allDesksOpen.count {
                reason = advice.allDesksOpen[k] ? w(.reasonAllDesksOpen) : (advice.noSlack ? w(.reasonNoSlack) : w(.reasonDeskClosed))
            } else { reason = w(.reasonDeskClosed) }
            return w(x.swab ? .bottleneckSwab : .bottleneckRegistration, site, ClockTime.format(x.from), ClockTime.format(x.to),
                     Int(x.peak.rounded()), reason)
        }
    }

    /// Each piece of checked advice with its effect: what it does to p95 and the mean.
    public static func adviceLines(_ r: ExperimentResult, _ advice: CheckedAdvice, _ w: Wording) -> [String] {
        let s = r.scenario
        var out: [String] = []
        if !advice.items.isEmpty { out.append(w(.adviceChecked, advice.replications)) }
        for item in advice.items.prefix(5) {
            out.append(w(.adviceItem, action(item.action, s, w), Format.fixed(item.p95Change.mean, 1), Format.fixed(item.p95Change.halfWidth, 1),
                         Format.fixed(item.meanChange.mean, 1), Format.fixed(item.meanChange.halfWidth, 1)))
        }
        if advice.items.isEmpty && !advice.diagnosis.spells.isEmpty {
            out.append(w(.adviceNoneHelps, advice.triedWithoutEffect) + (r.plan.isOptimised ? "" : w(.optimizeHint)))
        }
        return out
    }

    static func action(_ a: CheckedAdvice.Action, _ s: Scenario, _ w: Wording) -> String {
        let t = ClockTime.format
        switch a {
        case .openDesk(let site, let from, let to): return w(.actionOpenDesk, w.siteName(site, s), t(from), t(to))
        case .moveDesk(let a, let b, let from, let to): return w(.actionMoveDesk, w.siteName(a, s), w.siteName(b, s), t(from), t(to))
        case .openStations(let site, let from, let to): return w(.actionOpenStations, w.siteName(site, s), t(from), t(to))
        case .moveBuilding(let b, let from, let to): return w(.actionMoveBuilding, w.buildingName(b, s), w.siteName(from, s), w.siteName(to, s))
        case .shiftCallUp(let b, let floors, let from, let to):
            return w(.actionShiftCallUp, w.building(w.buildingName(b, s), floors: floors), from.description, to.description)
        }
    }

}
