extension ScenarioLoader {
    static let planningKeys = ["extra_walk_minutes", "max_bands_low_rise", "max_bands_high_rise", "low_rise_floors", "band_order",
                               "min_window_minutes", "grid_minutes", "site_cap_per_10_minutes", "buildings"]
    static let buildingRuleKeys = ["site", "max_bands", "band_order", "extra_walk_minutes", "min_window_minutes"]
    /// Grids a clock hour divides into (a window on a 7-minute grid is not one anyone posts).
    static let gridChoices = [5, 10, 15, 20, 30, 60]

    /// The `planning` section: the rules a posted call-up list keeps (defaults in
    /// `PlanningRules`, ranges and reasons in Scenarios/README.md).
    static func readPlanning(_ r: YAMLReader, _ node: Node?, scenario s: Scenario) -> PlanningRules {
        var rules = PlanningRules()
        guard let node, let f = r.mapping(node, "planning", optional: planningKeys) else { return rules }
        rules.extraWalkMinutes = f.double("extra_walk_minutes", default: rules.extraWalkMinutes, in: 0...60) ?? rules.extraWalkMinutes
        rules.maxBandsLowRise = f.int("max_bands_low_rise", default: rules.maxBandsLowRise, min: 1, max: 20) ?? rules.maxBandsLowRise
        rules.maxBandsHighRise = f.int("max_bands_high_rise", default: rules.maxBandsHighRise, min: 1, max: 20) ?? rules.maxBandsHighRise
        rules.lowRiseFloors = f.int("low_rise_floors", default: rules.lowRiseFloors, min: 1, max: Limits.maxFloors) ?? rules.lowRiseFloors
        if let order = readBandOrder(r, f, "band_order") { rules.bandOrder = order }
        rules.minWindowMinutes = f.int("min_window_minutes", default: rules.minWindowMinutes, min: 5, max: 240) ?? rules.minWindowMinutes
        if let n = f["grid_minutes"], let g = r.int(n, f.path("grid_minutes"), min: 1, max: 60) {
            if gridChoices.contains(g) { rules.gridMinutes = g } else {
                r.fail(n, f.path("grid_minutes"), "a \(g)-minute grid does not divide the hour; expected one of " + gridChoices.map(String.init).joined(separator: ", "))
            }
        }
        if rules.minWindowMinutes % rules.gridMinutes != 0 {
            r.fail(f["min_window_minutes"] ?? node, f.path("min_window_minutes"),
                   "\(rules.minWindowMinutes) minutes is not a whole number of \(rules.gridMinutes)-minute grid steps; give a multiple of \(rules.gridMinutes)")
        }
        rules.siteCapPer10Minutes = f.int("site_cap_per_10_minutes", min: 1, max: 1_000_000)
        if let b = f["buildings"], case .mapping(let m) = b {
            for (key, value) in m {
                guard case .scalar(let k) = key else { continue }
                let path = f.path("buildings") + "." + k.string
                guard let bi = s.buildingIndex(k.string) else {
                    r.fail(key, path, "no building `\(k.string)` in the scenario" + (YAMLReader.closest(k.string, in: s.buildings.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""))
                    continue
                }
                guard let g = r.mapping(value, path, optional: buildingRuleKeys) else { continue }
                var own = PlanningRules.BuildingRules()
                if let site = g.identifier("site") {
                    if s.siteIndex(site) == nil { r.fail(g["site"], g.path("site"), "no site `\(site)` in the scenario; expected one of: " + s.sites.prefix(12).map(\.id).joined(separator: ", ")) }
                    else if s.walkingSeconds(building: s.buildings[bi], site: s.sites[s.siteIndex(site)!]) == nil {
                        r.fail(g["site"], g.path("site"), "building `\(k.string)` has no walking time to `\(site)`; give it one, or pin another site")
                    } else { own.site = site }
                }
                own.maxBands = g.int("max_bands", min: 1, max: 20)
                own.bandOrder = readBandOrder(r, g, "band_order")
                own.extraWalkMinutes = g.double("extra_walk_minutes", in: 0...60)
                own.minWindowMinutes = g.int("min_window_minutes", min: 5, max: 240)
                if let m = own.minWindowMinutes, m % rules.gridMinutes != 0 {
                    r.fail(g["min_window_minutes"], g.path("min_window_minutes"), "\(m) minutes is not a whole number of \(rules.gridMinutes)-minute grid steps; give a multiple of \(rules.gridMinutes)")
                }
                rules.buildings[k.string] = own
            }
        } else if let b = f["buildings"] {
            r.fail(b, f.path("buildings"), "expected a mapping of building ids to their rules, e.g. {B3: {site: S1, max_bands: 1}}, found \(YAMLReader.kind(b))")
        }
        return rules
    }

    static func readBandOrder(_ r: YAMLReader, _ f: Fields, _ key: String) -> PlanningRules.BandOrder? {
        guard let n = f[key], let text = r.string(n, f.path(key)) else { return nil }
        guard let order = PlanningRules.BandOrder(rawValue: text) else {
            r.fail(n, f.path(key), "unknown band order `\(text)`; expected one of: " + PlanningRules.BandOrder.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return order
    }
}
