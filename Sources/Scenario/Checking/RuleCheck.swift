/// A way a call-up list breaks the planning rules (`PlanningRules`): what a street office
/// would refuse to post. The index is the call-up's in the plan.
public struct RuleViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case twoSites = "two-sites", reach, pinnedSite = "pinned-site", bands, order, overlap, short, grid, cap
    }
    public var kind: Kind
    public var callUp: Int
    public var message: String
    public var description: String { "call_ups[\(callUp)]: \(message)" }
}

/// Reads a plan's call-ups as a street office would, against the scenario's planning rules:
/// one site a building, a site its residents reach (own compound, or a short walk past the
/// nearest), a few bands of floors called in floor order, windows that follow one another, no
/// window shorter than the rules allow, windows on the clock grid, and the cap on residents
/// called to a site per 10 minutes. A plan that breaks them still simulates (a hand plan may);
/// `validate` warns, and the optimiser and re-plan never write one.
///
///     let found = RuleCheck.violations(scenario, plan)
public enum RuleCheck {
    public static func violations(_ s: Scenario, _ plan: Plan) -> [RuleViolation] {
        guard s.planning.tiesBands else { return [] } // `PlanningRules.unruled`: no rules to break
        let staffed = TeamRoster(scenario: s, plan: plan).slotsPerSite
        let rules = s.planning
        var out: [RuleViolation] = []
        var byBuilding: [Int: [Int]] = [:]
        for (i, c) in plan.callUps.enumerated() {
            guard let bi = s.buildingIndex(c.building) else { continue }
            byBuilding[bi, default: []].append(i)
        }
        for bi in byBuilding.keys.sorted() {
            let b = s.buildings[bi], calls = byBuilding[bi]!
            let first = plan.callUps[calls[0]]
            if let other = calls.first(where: { plan.callUps[$0].site != first.site }) {
                out.append(RuleViolation(kind: .twoSites, callUp: other,
                                         message: "building `\(b.id)` is called to `\(first.site)` and to `\(plan.callUps[other].site)`; call a building at one site"))
            }
            if let pin = rules.pinnedSite(b), let bad = calls.first(where: { plan.callUps[$0].site != pin }) {
                out.append(RuleViolation(kind: .pinnedSite, callUp: bad,
                                         message: "building `\(b.id)` is pinned to `\(pin)` (planning.buildings.\(b.id).site) but called to `\(plan.callUps[bad].site)`"))
            } else {
                let allowed = Set(s.allowedSites(bi, staffed: staffed) { s.walkingSeconds(building: s.buildings[$0], site: s.sites[$1]) })
                for i in calls {
                    guard let si = s.siteIndex(plan.callUps[i].site), !allowed.contains(si), !allowed.isEmpty else { continue }
                    let walk = s.walkingSeconds(building: b, site: s.sites[si]).map { String(format: "%.0f", $0 / 60) } ?? "?"
                    out.append(RuleViolation(kind: .reach, callUp: i,
                                             message: "building `\(b.id)` is called to `\(s.sites[si].id)`, \(walk) min away, outside its compound and more than \(Int(rules.extraWalkSeconds(b) / 60)) min past its nearest staffed site; call it to one of: " + allowed.sorted().map { s.sites[$0].id }.joined(separator: ", ")))
                    break
                }
            }
            let limit = rules.maxBands(b)
            if calls.count > limit {
                out.append(RuleViolation(kind: .bands, callUp: calls[limit],
                                         message: "building `\(b.id)` (\(b.floors) floors) is called in \(calls.count) bands; call it in at most \(limit)"))
            }
            // In the order residents are called: by window start.
            let timed = calls.sorted { (plan.callUps[$0].window.start, $0) < (plan.callUps[$1].window.start, $1) }
            let lows = timed.map { (plan.callUps[$0].floors ?? 1...b.floors).lowerBound }
            let topDown = rules.topDown(b)
            if lows != (topDown ? lows.sorted(by: >) : lows.sorted()) {
                let said = timed.map { plan.callUps[$0].floors.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "all" }.joined(separator: ", ")
                out.append(RuleViolation(kind: .order, callUp: timed[0],
                                         message: "building `\(b.id)`'s floors are called \(said); call its bands \(topDown ? "from the top floor down" : "from the ground floor up"), one after another"))
            }
            for (x, y) in zip(timed, timed.dropFirst()) where plan.callUps[y].window.start < plan.callUps[x].window.end {
                out.append(RuleViolation(kind: .overlap, callUp: y,
                                         message: "building `\(b.id)`'s windows \(plan.callUps[x].window.description) and \(plan.callUps[y].window.description) overlap; start each band when the one before ends"))
            }
            let shortest = rules.minWindowSeconds(b)
            for i in calls where plan.callUps[i].window.duration < shortest - 0.5 {
                out.append(RuleViolation(kind: .short, callUp: i,
                                         message: "window \(plan.callUps[i].window.description) of building `\(b.id)` is \(Int(plan.callUps[i].window.duration / 60)) min; give a window of at least \(Int(shortest / 60)) min"))
            }
            for i in calls where !rules.onGrid(plan.callUps[i].window.start) || !rules.onGrid(plan.callUps[i].window.end) {
                out.append(RuleViolation(kind: .grid, callUp: i,
                                         message: "window \(plan.callUps[i].window.description) is off the \(rules.gridMinutes)-minute grid; start and end it on the grid (e.g. 08:05, 08:10)"))
            }
        }
        out += capViolations(s, plan)
        return out
    }

    /// The violations a search could have avoided: those of call-ups the planner did not pin
    /// (a pinned call-up is the planner's own choice, kept as written).
    public static func unpinnedViolations(_ s: Scenario, _ plan: Plan) -> [RuleViolation] {
        violations(s, plan).filter { !plan.callUps[$0.callUp].pinned }
    }

    /// Residents a call-up brings per 10 minutes of clock time, by site and bin (its residents
    /// who come to a site, spread evenly over its window), when the rules set a cap.
    public static func capViolations(_ s: Scenario, _ plan: Plan) -> [RuleViolation] {
        guard let cap = s.planning.siteCapPer10Minutes else { return [] }
        var load: [Int: [Int: (Double, Int)]] = [:]
        for (i, c) in plan.callUps.enumerated() {
            guard let si = s.siteIndex(c.site), let bi = s.buildingIndex(c.building) else { continue }
            for (bin, n) in per10Minutes(calledResidents(s, c, building: s.buildings[bi]), c.window) {
                let was = load[si, default: [:]][bin] ?? (0, i)
                load[si, default: [:]][bin] = (was.0 + n, was.1)
            }
        }
        var out: [RuleViolation] = []
        for si in load.keys.sorted() {
            guard let (bin, (n, i)) = load[si]!.sorted(by: { $0.key < $1.key }).first(where: { $0.value.0 > Double(cap) + 0.5 }) else { continue }
            out.append(RuleViolation(kind: .cap, callUp: i,
                                     message: "about \(Int(n.rounded())) residents are called to `\(s.sites[si].id)` in \(ClockTime.format(Double(bin) * 600))-\(ClockTime.format(Double(bin + 1) * 600)); the cap is \(cap) per 10 minutes (planning.site_cap_per_10_minutes)"))
        }
        return out
    }

    /// A call-up's residents who come to a site: its floors' share of those not swabbed at home.
    public static func calledResidents(_ s: Scenario, _ c: CallUp, building b: Building) -> Double {
        let floors = c.floors ?? 1...b.floors
        return Double(b.residents - s.doorToDoorResidents(b)) * Double(floors.count) / Double(max(b.floors, 1))
    }

    /// `people` spread evenly over `window`, per 10-minute clock bin.
    public static func per10Minutes(_ people: Double, _ window: ClockWindow) -> [(bin: Int, residents: Double)] {
        let length = window.duration
        guard length > 0, people > 0 else { return [] }
        var out: [(Int, Double)] = []
        var bin = Int((window.start / 600).rounded(.down))
        while Double(bin) * 600 < window.end {
            let a = max(window.start, Double(bin) * 600), e = min(window.end, Double(bin + 1) * 600)
            if e > a { out.append((bin, people * (e - a) / length)) }
            bin += 1
        }
        return out
    }
}
