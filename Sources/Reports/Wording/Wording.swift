import Scenario

/// Every word a planner reads in the report, the site sheets, the terminal and the CSV headers,
/// from one table per language (`Wording+English.swift`, `Wording+Chinese.swift`): code asks
/// for a `Phrase` and fills its numbered slots (`{1}`, `{2}`), so a sentence can put them in
/// the order its language wants. Each phrase's slots are typed (`Phrase.slots`): a text or a
/// count, never a bare `Double`. Building notices' sentences are in the same tables
/// (`Wording+Notices.swift`), chosen by each notice language.
public struct Wording: Sendable {
    public let language: Language
    let table: [Phrase: String]

    public init(_ language: Language) {
        self.language = language
        table = language == .zh ? Wording.chinese : Wording.english
    }

    /// The phrases a language's table lacks (a test asks for none; a missing one would fall
    /// back to English at run time).
    public static func missing(_ l: Language) -> [Phrase] {
        let table = l == .zh ? chinese : english
        return Phrase.allCases.filter { table[$0] == nil }
    }

    /// The phrase with `{1}`, `{2}`, ... replaced by the arguments, in one pass over the
    /// template: an argument's own text (a building named "{2}") is never read as a slot.
    public func callAsFunction(_ p: Phrase, _ args: any PhraseSlot...) -> String { self(p, arguments: args) }

    /// The phrase as its table writes it, its slots unfilled (for checks of the tables).
    public func template(_ p: Phrase) -> String { table[p] ?? Wording.english[p] ?? p.rawValue }

    /// The same with the arguments in an array.
    public func callAsFunction(_ p: Phrase, arguments args: [any PhraseSlot]) -> String {
        assert(args.map(\.slotKind) == p.slots, "\(p) takes \(p.slots), given \(args.map(\.slotKind))")
        let template = template(p)
        guard !args.isEmpty else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let k = Int(after[..<close]), k >= 1, k <= args.count {
                out += args[k - 1].slotText
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }

    /// A CSV header: the phrase's columns, separated by `|` in the table.
    public func columns(_ p: Phrase) -> [String] { template(p).split(separator: "|", omittingEmptySubsequences: false).map(String.init) }

    /// Items of a list in running text.
    public func list(_ items: [String]) -> String { items.joined(separator: self(.listSeparator)) }

    /// Short items named one after another ("c team 1, c team 2"; "c第1组、c第2组").
    public func enumerate(_ items: [String]) -> String { items.joined(separator: self(.enumerationSeparator)) }

    public func metric(_ m: MetricName) -> String { language == .zh ? (Wording.chineseMetrics[m] ?? Wording.englishMetric(m)) : Wording.englishMetric(m) }

    public func unit(_ m: MetricName) -> String { language == .zh ? (Wording.chineseUnits[m.unit] ?? m.unit) : m.unit }

    /// "floors 4–6", "floor 3", "all floors" (an en dash: a spreadsheet reads "4-6" as a date).
    public func floors(_ f: ClosedRange<Int>?) -> String {
        guard let f else { return self(.allFloors) }
        return f.lowerBound == f.upperBound ? self(.floorSingle, f.lowerBound) : self(.floorsRange, f.lowerBound, f.upperBound)
    }

    /// A building, with the floors called when a call-up takes only some.
    public func building(_ name: String, floors f: ClosedRange<Int>?) -> String {
        f == nil ? name : self(.buildingFloors, name, floors(f))
    }

    // Names as the scenario gives them: the English one (`name_en`) in English where there is one.
    public func name(_ s: Scenario) -> String { language == .en ? (s.nameEn ?? s.name) : s.name }
    public func name(_ x: Site) -> String { language == .en ? (x.nameEn ?? x.name) : x.name }
    public func name(_ x: Building) -> String { language == .en ? (x.nameEn ?? x.name) : x.name }
    public func name(_ x: Compound) -> String { language == .en ? (x.nameEn ?? x.name) : x.name }
    public func siteName(_ id: String, _ s: Scenario) -> String { s.siteIndex(id).map { name(s.sites[$0]) } ?? id }
    public func buildingName(_ id: String, _ s: Scenario) -> String { s.buildingIndex(id).map { name(s.buildings[$0]) } ?? id }
    public func compoundName(_ id: String, _ s: Scenario) -> String { s.compounds.first { $0.id == id }.map { name($0) } ?? id }

    public func role(_ r: WorkerRole) -> String {
        switch r {
        case .registration: return self(.roleRegistration)
        case .marshal: return self(.roleMarshal)
        case .doorToDoor: return self(.roleDoorToDoor)
        case .dataDesk: return self(.roleDataDesk)
        }
    }

    /// A worker's role period. A plan's period to the day's end (24:00) is the data desk after
    /// the round, which works until its data are done: it reads so, not as a shift to midnight.
    public func period(_ p: ClockWindow) -> String {
        p.untilDone ? self(.periodUntilDone, ClockTime.format(p.start)) : p.description
    }

    /// The end of a role period, as `period` says it.
    public func periodEnd(_ p: ClockWindow) -> String {
        p.untilDone ? self(.untilDone) : ClockTime.format(p.end)
    }

    public func weather(_ kind: WeatherKind, _ severity: Severity, _ window: ClockWindow) -> String {
        let k: Phrase = kind == .rain ? .weatherRain : (kind == .wind ? .weatherWind : .weatherHeat)
        let v: Phrase = severity == .light ? .severityLight : (severity == .moderate ? .severityModerate : .severityHeavy)
        return self(.weatherSpell, self(v), self(k), window.description)
    }

    /// A round's date as people write it: "2022年5月6日（周五）", "Friday 6 May 2022".
    public func date(_ iso: String) -> String {
        guard let d = NoticeDate(iso), let year = iso.split(separator: "-").first else { return iso }
        return self(.dateLong, year, d.month, d.day, self(Wording.weekdays[d.weekday]), self(Wording.months[d.month - 1]))
    }

    static let weekdays: [Phrase] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
    static let months: [Phrase] = [.january, .february, .march, .april, .may, .june, .july, .august, .september, .october, .november, .december]

    /// A cohort by the name the scenario gives it (`name`, `name_en`), else its id.
    public func name(_ c: Cohort) -> String { (language == .en ? (c.nameEn ?? c.name) : c.name) ?? c.id }

    /// Team `number` of a cohort ("morning team 2", "早班第2组").
    public func teamName(_ cohort: String, _ number: Int, _ s: Scenario) -> String {
        self(.teamName, s.staff.cohorts.first { $0.id == cohort }.map(name) ?? cohort, number)
    }

    /// Team `t` of a roster by its cohort and number.
    public func team(_ roster: TeamRoster, _ t: Int, _ s: Scenario) -> String {
        self(.teamName, name(s.staff.cohorts[roster.teams[t].cohort]), roster.teams[t].number)
    }
}
