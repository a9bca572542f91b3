import Scenario
import SimKit
import SiteModel

/// What `simulate` and `publish` say of a street round: the street's table (every metric over
/// all its residents), then one line a community; in JSON, the street's summary with each
/// community's beside it.
public enum StreetSummary {
    public static func table(_ r: StreetResult, _ w: Wording) -> String {
        var out = SummaryTable.render(r.street, w)
        out += "\n" + w(.streetCommunities) + "\n"
        let rows: [[String]] = r.communities.map { c in
            let checks = TargetCheck.evaluate(c)
            let last = c.scenario.round.opening + c[.finishTimeMinutesAfterOpening].mean * 60
            return [w.name(c.scenario), Format.fixed(c[.residentsSwabbed].mean, 0),
                    Format.fixed(c[.timeInSystemP95Minutes].mean, 1) + " ± " + Format.fixed(c[.timeInSystemP95Minutes].halfWidth, 1),
                    ClockTime.format(last), "\(checks.filter(\.met).count)/\(checks.count)"]
        }
        out += SummaryTable.table(header: w.columns(.streetColumns), rows: rows, rightAligned: [1, 2, 3, 4]).joined(separator: "\n") + "\n"
        return out
    }

    /// `summary.json` of a street: the street's own keys, and `communities`: [{id, summary}].
    public static func json(_ r: StreetResult) -> JSON {
        guard case .object(var fields) = Summary.json(r.street) else { return Summary.json(r.street) }
        fields.append(("communities", .array(zip(r.street.scenario.communities, r.communities).map { c, result in
            .object([("id", .string(c.id)), ("summary", Summary.json(result))])
        })))
        return .object(fields)
    }

    /// Every target of the street and of each community.
    public static func checks(_ r: StreetResult) -> [TargetCheck] {
        TargetCheck.evaluate(r.street) + r.communities.flatMap { TargetCheck.evaluate($0) }
    }
}
