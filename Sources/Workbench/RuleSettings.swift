import Foundation
import Scenario

/// The planning rules an optimisation from the browser runs under: the scenario's own, as
/// the optimise form shows them, changed for this run only (the file is not touched). Ranges
/// as the loader's `planning` section has them.
struct RuleSettings: Codable, Sendable, Equatable {
    var minWindowMinutes: Int
    var gridMinutes: Int
    var maxBandsLowRise: Int
    var maxBandsHighRise: Int
    var extraWalkMinutes: Double
    var siteCapPer10Minutes: Int?

    init(_ r: PlanningRules) {
        minWindowMinutes = r.minWindowMinutes; gridMinutes = r.gridMinutes; maxBandsLowRise = r.maxBandsLowRise
        maxBandsHighRise = r.maxBandsHighRise; extraWalkMinutes = r.extraWalkMinutes; siteCapPer10Minutes = r.siteCapPer10Minutes
    }

    func applied(to s: Scenario) -> Scenario {
        var s = s
        s.planning.minWindowMinutes = minWindowMinutes; s.planning.gridMinutes = gridMinutes
        s.planning.maxBandsLowRise = maxBandsLowRise; s.planning.maxBandsHighRise = maxBandsHighRise
        s.planning.extraWalkMinutes = extraWalkMinutes; s.planning.siteCapPer10Minutes = siteCapPer10Minutes
        return s
    }

    /// Grids that divide the hour.
    static let grids = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60]

    /// The form's fields over `base`; a value out of range is a problem in both languages.
    static func read(_ form: Form, over base: RuleSettings) -> Result<RuleSettings, RunForm.Problem> {
        var r = base
        func int(_ key: String, _ range: ClosedRange<Int>) -> Int?? {
            guard let v = form[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return .some(nil) }
            guard let n = Int(v), range.contains(n) else { return nil }
            return .some(n)
        }
        func bad(_ zh: String, _ en: String) -> Result<RuleSettings, RunForm.Problem> { .failure(RunForm.Problem(zh: zh, en: en)) }
        guard let w = int("min_window", 5...240) else { return bad("最短时段应为5至240分钟", "the shortest window is 5 to 240 minutes") }
        guard let g = int("grid", 1...60), g.map(grids.contains) ?? true else { return bad("时段的整点间隔应能整除60分钟，如5或10", "the grid divides the hour, such as 5 or 10 minutes") }
        guard let lo = int("max_bands_low", 1...20), let hi = int("max_bands_high", 1...20) else { return bad("分批数应为1至20", "bands are 1 to 20") }
        guard let cap = int("cap", 1...1_000_000) else { return bad("每10分钟人数上限应为正整数，或空着", "the cap per 10 minutes is a whole number from 1, or empty") }
        if let w { r.minWindowMinutes = w }
        if let g { r.gridMinutes = g }
        if let lo { r.maxBandsLowRise = lo }
        if let hi { r.maxBandsHighRise = hi }
        r.siteCapPer10Minutes = cap
        if let v = form["extra_walk"]?.trimmingCharacters(in: .whitespaces), !v.isEmpty {
            guard let x = Double(v), x >= 0, x <= 60 else { return bad("多走的时间应为0至60分钟", "the extra walk is 0 to 60 minutes") }
            r.extraWalkMinutes = x
        }
        guard r.minWindowMinutes % r.gridMinutes == 0 else {
            return bad("最短时段应为整点间隔的整数倍", "the shortest window is a whole number of grid steps")
        }
        return .success(r)
    }
}
