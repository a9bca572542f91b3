/// A scenario as a scenario file, for scenarios made in code (`ScenarioBuilder`,
/// `DistrictGenerator`): the round, compounds, sites, buildings, staff, service, arrivals,
/// targets and the plan, each in the keys the loader reads, one site or building a line.
/// Values the loader would take by default are left out where a file usually leaves them out
/// (names equal to ids, no compound, no cover, the spread, the service factors). What a
/// builder cannot set (walking, weather, logistics, the planning rules, the language and
/// notices) is not written, so the file reads back with the format's defaults for those
/// sections (`unwritten` names any that differ).
///
///     let text = ScenarioWriter.yaml(builder.scenario)
public enum ScenarioWriter {
    public static func yaml(_ s: Scenario) -> String {
        var out = "version: 1\nname: \(PlanWriter.quoted(s.name))\n"
        if let en = s.nameEn { out += "name_en: \(PlanWriter.quoted(en))\n" }
        out += "round: {date: \(plainOrQuoted(s.round.date)), opening: \(clock(s.round.opening)), deadline: \(clock(s.round.deadline))}\n"
        if !s.compounds.isEmpty {
            out += "compounds:\n"
            for c in s.compounds { out += "  - {" + (["id: " + plainOrQuoted(c.id)] + names(c.name, c.nameEn, id: c.id)).joined(separator: ", ") + "}\n" }
        }
        out += "sites:\n"
        for x in s.sites {
            var f = ["id: " + plainOrQuoted(x.id)]
            f += names(x.name, x.nameEn, id: x.id)
            if !x.compound.isEmpty { f.append("compound: " + plainOrQuoted(x.compound)) }
            if x.cover != .none { f.append("cover: " + x.cover.rawValue) }
            f += ["registration_desks: \(x.registrationDesks)", "swab_stations: \(x.swabStations)"]
            f += position(x.position)
            out += "  - {" + f.joined(separator: ", ") + "}\n"
        }
        out += "buildings:\n"
        for b in s.buildings {
            var f = ["id: " + plainOrQuoted(b.id)]
            f += names(b.name, b.nameEn, id: b.id)
            if !b.compound.isEmpty { f.append("compound: " + plainOrQuoted(b.compound)) }
            // The file counts lifts out of order among the lifts; the model counts working ones.
            f += ["residents: \(b.residents)", "floors: \(b.floors)", "lifts: \(b.lifts + b.liftsOutOfOrder)"]
            if b.liftsOutOfOrder > 0 { f.append("lifts_out_of_order: \(b.liftsOutOfOrder)") }
            f.append("elderly_share: " + number(b.elderlyShare))
            if b.noSmartphoneShare > 0 { f.append("no_smartphone_share: " + number(b.noSmartphoneShare)) }
            if b.quarantinedHouseholds > 0 { f.append("quarantined_households: \(b.quarantinedHouseholds)") }
            if b.bedriddenHouseholds > 0 { f.append("bedridden_households: \(b.bedriddenHouseholds)") }
            if b.sealed { f.append("sealed: true") }
            f += position(b.position)
            if !b.walkMinutes.isEmpty {
                f.append("walk_minutes: {" + b.walkMinutes.sorted { $0.key < $1.key }
                    .map { plainOrQuoted($0.key) + ": " + number($0.value) }.joined(separator: ", ") + "}")
            }
            out += "  - {" + f.joined(separator: ", ") + "}\n"
        }
        out += "staff:\n  registrars: \(s.staff.registrars)\n  community_workers: \(s.staff.communityWorkers)\n  cohorts:\n"
        for c in s.staff.cohorts {
            out += "    - id: \(plainOrQuoted(c.id))\n"
            if let n = c.name { out += "      name: \(PlanWriter.quoted(n))\n" }
            if let n = c.nameEn { out += "      name_en: \(PlanWriter.quoted(n))\n" }
            out += "      teams: \(c.teams)\n      departs_depot: \(clock(c.departsDepot))\n"
            out += "      setup_minutes: \(number(c.setupSeconds / 60))\n      standing_limit_minutes: \(number(c.standingLimitSeconds / 60))\n"
            out += "      break_minutes: \(number(c.breakSeconds / 60))\n      shift_end: \(clock(c.shiftEnd))\n"
            if let r = c.relieves { out += "      relieves: \(plainOrQuoted(r))\n" }
            out += "      route:\n"
            for stop in c.route {
                out += "        - {site: \(plainOrQuoted(stop.site)), travel_minutes: \(number(stop.travelSeconds / 60)), teams: \(stop.teams)}\n"
            }
        }
        out += "service:\n  registration: \(service(s.service.registration))\n  swab: \(service(s.service.swab))\n"
        if s.service.elderlyFactor != Service.standard.elderlyFactor { out += "  elderly_factor: \(number(s.service.elderlyFactor))\n" }
        if s.service.noSmartphoneFactor != Service.standard.noSmartphoneFactor {
            out += "  no_smartphone_factor: \(number(s.service.noSmartphoneFactor))\n"
        }
        let a = s.arrivals
        out += "arrivals:\n  turnout_share: \(number(a.turnoutShare))\n  ignore_call_up_share: \(number(a.ignoreCallUpShare))\n"
        out += "  walk_in_window: \(PlanWriter.quoted(a.walkInWindow.description))\n"
        if a.spread == .frontLoaded { out += "  front_loading: \(number(a.frontLoading))\n" } else { out += "  spread: \(a.spread.rawValue)\n" }
        out += "  baseline_call_up_minutes: \(number(a.baselineWindowSeconds / 60))\n"
        if !s.targets.isEmpty {
            out += "targets:\n"
            for t in s.targets {
                let at = s.round.opening + t.value * 60
                if t.metric == .finishTimeMinutesAfterOpening, t.bound == .atMost, at == (at / 60).rounded() * 60 {
                    out += "  - finish_by: \(clock(at))\n"
                } else {
                    out += "  - metric: \(t.metric.rawValue)\n    \(t.bound.rawValue): \(number(t.value))\n"
                }
            }
        }
        if let plan = s.plan {
            out += "plan:\n" + PlanWriter.yaml(plan).split(separator: "\n").dropFirst().map { "  " + $0 + "\n" }.joined()
        }
        return out
    }

    /// The sections of `s` this writer leaves out that differ from what a file without them
    /// gives (so that a caller can refuse to write a scenario that would not read back as itself).
    public static func unwritten(_ s: Scenario) -> [String] {
        var out: [String] = []
        if s.walking != .standard { out.append("walking") }
        // Effects and factors too: a clear morning with its own effects is not the default.
        if s.logistics.weather != .clear { out.append("weather") }
        let l = s.logistics
        if l.lab != nil || !l.couriers.fleet.isEmpty || !l.doorToDoor.teams.isEmpty || l.dataDesk != nil || l.patience != nil || l.tubes != .standard {
            out.append("logistics")
        }
        if s.planning != PlanningRules() { out.append("planning") }
        if s.everyMorningShare != 0.9 { out.append("every_morning_share") }
        var publishing = s.publishing
        if publishing.language != Publishing().language { out.append("language") }
        publishing.language = Publishing().language
        if publishing != Publishing() { out.append("notices") }
        return out
    }

    static func clock(_ t: Double) -> String { PlanWriter.quoted(ClockTime.format(t)) }

    static func number(_ x: Double) -> String { PlanWriter.number(x) }

    static func names(_ name: String, _ nameEn: String?, id: String) -> [String] {
        (name == id ? [] : ["name: " + PlanWriter.quoted(name)]) + (nameEn.map { ["name_en: " + PlanWriter.quoted($0)] } ?? [])
    }

    static func position(_ p: Point?) -> [String] {
        guard let p else { return [] }
        return ["x_metres: " + number(p.x), "y_metres: " + number(p.y)]
    }

    static func service(_ t: ServiceTime) -> String {
        switch t {
        case .deterministic(let x): return "{distribution: deterministic, mean_seconds: \(number(x))}"
        case .exponential(let m): return "{distribution: exponential, mean_seconds: \(number(m))}"
        case .lognormal(let m, let cv): return "{distribution: lognormal, mean_seconds: \(number(m)), cv: \(number(cv))}"
        case .gamma(let m, let cv): return "{distribution: gamma, mean_seconds: \(number(m)), cv: \(number(cv))}"
        case .uniform(let a, let b): return "{distribution: uniform, min_seconds: \(number(a)), max_seconds: \(number(b))}"
        case .triangular(let a, let c, let b):
            return "{distribution: triangular, min_seconds: \(number(a)), mode_seconds: \(number(c)), max_seconds: \(number(b))}"
        case .empirical(let xs): return "{distribution: empirical, values_seconds: [" + xs.map(number).joined(separator: ", ") + "]}"
        }
    }

    /// A text plain where YAML reads it back as the same text (an id such as `S1`, a date),
    /// else double-quoted.
    static func plainOrQuoted(_ text: String) -> String {
        let words: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        let first = text.unicodeScalars.first
        let plain = first.map { ("A"..."Z").contains($0) || ("a"..."z").contains($0) } ?? false
            && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
            && !words.contains(text.lowercased())
        let date = text.count == 10 && text.unicodeScalars.enumerated().allSatisfy { i, u in (i == 4 || i == 7) ? u == "-" : ("0"..."9").contains(u) }
        return plain || date ? text : PlanWriter.quoted(text)
    }
}
