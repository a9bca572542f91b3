import Foundation

/// Loads and validates scenario and plan files. Nothing is returned unless the whole file is
/// valid; all problems found are thrown together as `ScenarioErrors`, in the order read.
///
///     let scenario = try ScenarioLoader.load(path: "Scenarios/panjiayuan-nanli.yaml")
public enum ScenarioLoader {
    static let topKeys = ["version", "name", "name_en", "round", "compounds", "buildings", "sites", "walking",
                          "staff", "service", "arrivals", "plan", "targets", "planning", "every_morning_share",
                          "weather", "tubes", "lab", "couriers", "door_to_door", "data_desk", "notices", "language"]

    /// Larger files are not scenarios a person wrote (a district of a million buildings in CSV
    /// is about 60 MB).
    static let maxFileBytes = 256_000_000

    public static func load(path: String) throws -> Scenario {
        let text = try readText(path)
        return try parse(text, file: path, directory: (path as NSString).deletingLastPathComponent)
    }

    /// Parses scenario text; `directory` is where a buildings CSV file is looked for.
    public static func parse(_ text: String, file: String, directory: String = ".") throws -> Scenario {
        let r = YAMLReader(file: file)
        // A street file lists community scenarios instead (`StreetLoader`).
        guard let root = r.compose(text) else { throw ScenarioErrors(r.errors) }
        if case .mapping = root, root["street"] != nil {
            return try StreetLoader.parse(r, root: root, file: file, directory: directory)
        }
        guard let top = r.mapping(root, "", required: ["name", "round", "buildings", "sites", "staff"], optional: topKeys)
        else { throw ScenarioErrors(r.errors) }
        var csvErrors: [ScenarioError] = []
        if let v = top["version"], let n = r.int(v, "version", min: 1, max: 1) { _ = n }
        let name = top.string("name") ?? ""
        let round = top["round"].flatMap { readRound(r, $0) }
        let compounds = readList(r, top, "compounds", what: "compound") { readCompound(r, $0, $1) }
        // Sites before buildings (whatever the order in the file), so a building's walking
        // times can name them.
        let compoundIDs = KnownIDs(compounds.map(\.id))
        let sites = readList(r, top, "sites", nonEmpty: true, what: "site") { readSite(r, $0, $1, compounds: compoundIDs) }
        // Ids of every site entry, valid or not, so that one bad site does not make each
        // reference to it a second error.
        let siteIDs = KnownIDs(declaredIDs(top["sites"]))
        if sites.count > Limits.maxSites {
            r.fail(top["sites"], "sites", "\(sites.count) sites; SwabPlan takes at most \(Limits.maxSites) in one scenario (split the district)")
        }
        var buildings: [Building] = []
        let errorsBefore = r.errors.count
        if let b = top["buildings"] {
            buildings = readBuildings(r, b, "buildings", compounds: compoundIDs, siteIDs: siteIDs, directory: directory, csvErrors: &csvErrors)
        }
        // A missing buildings file is the one problem to report: every reference to a building
        // would be a second, misleading error.
        if let missing = r.errors.first(where: { $0.kind == .missingFile }) { throw ScenarioErrors([missing]) }
        // So is a buildings file (or sheet) with errors: report them and what came before.
        if case .mapping? = top["buildings"], !csvErrors.isEmpty || r.errors.count > errorsBefore {
            throw ScenarioErrors(csvErrors + r.errors)
        }
        if buildings.count > Limits.maxBuildings {
            r.fail(top["buildings"], "buildings", "\(buildings.count) buildings; SwabPlan takes at most \(Limits.maxBuildings) in one scenario")
        }
        let floors = buildings.reduce(0) { $0 + $1.floors }
        if floors > Limits.maxFloorsInAll {
            r.fail(top["buildings"], "buildings", "\(floors) floors in all; SwabPlan takes at most \(Limits.maxFloorsInAll) in one scenario")
        }
        let residents = buildings.reduce(0) { $0 + $1.residents }
        if residents > Limits.maxResidents {
            r.fail(top["buildings"], "buildings", "\(residents) residents in all; SwabPlan takes at most \(Limits.maxResidents) in one scenario")
        }
        let walking = readWalking(r, top["walking"])
        let staff = top["staff"].flatMap { readStaff(r, $0, siteIDs: siteIDs) }
        let service = readService(r, top["service"])
        var patience: Patience?
        let arrivals = round.flatMap { readArrivals(r, top["arrivals"], round: $0, patience: &patience) }
        let logistics = round.map { readLogistics(r, top, round: $0, siteIDs: siteIDs, buildingIDs: KnownIDs(buildings.map(\.id))) }
        let targets = top.list("targets").map { $0.compactMap { readTarget(r, $0.0, $0.1, round: round) } } ?? []
        var language = Language.en
        if let node = top["language"], let text = r.string(node, "language") {
            if let l = Language(rawValue: text) { language = l }
            else { r.fail(node, "language", "unknown language `\(text)`; expected zh (Chinese) or en (English)") }
        }

        var scenario: Scenario?
        if r.errors.isEmpty && csvErrors.isEmpty, let round, let staff, let service, let arrivals {
            scenario = Scenario(name: name, sourcePath: file, round: round, compounds: compounds, buildings: buildings,
                                sites: sites, walking: walking, staff: staff, service: service, arrivals: arrivals,
                                plan: nil, targets: targets)
            scenario!.logistics = logistics ?? .none
            scenario!.logistics.patience = patience
            checkWalkingReachable(r, top["buildings"]!, scenario!)
            checkSlots(r, top["staff"]!, scenario!)
            checkDoorToDoor(r, top, scenario!)
            checkCouriers(r, top, scenario!)
            scenario!.publishing.language = language
            scenario!.planning = readPlanning(r, top["planning"], scenario: scenario!)
            for k in scenario!.staff.cohorts.indices {
                let path = "cohorts[\(k)].shift_end"
                let node = r.node(at: path, in: top["staff"]!)
                let line = node.mark?.line ?? 1
                scenario!.keyPositions["staff." + path] = SourcePosition(file: file, line: line, column: r.displayColumn(line, node.mark?.column ?? 1))
            }
            scenario!.everyMorningShare = top.double("every_morning_share", default: 0.9, in: 0.5...1) ?? 0.9
            scenario!.sourceFiles = [file] + r.filesRead
            scenario!.nameEn = top.name("name_en")
            if let n = top["notices"], let f = r.mapping(n, "notices", optional: ["languages", "issuer", "issuer_en", "contact"]) {
                for key in ["issuer", "issuer_en", "contact"] {
                    guard let node = f[key], let text = f.string(key) else { continue }
                    let clean = text.trimmingSpaces
                    if !Limits.isOneLine(clean, atMost: Limits.maxNoticeText) {
                        r.fail(node, f.path(key), "expected a line of text of 1 to \(Limits.maxNoticeText) characters (no line breaks)")
                    } else {
                        switch key {
                        case "issuer": scenario!.publishing.issuer = clean
                        case "issuer_en": scenario!.publishing.issuerEn = clean
                        default: scenario!.publishing.contact = clean
                        }
                    }
                }
                var langs: [Language] = []
                for (node, path) in f.list("languages", nonEmpty: true) ?? [] {
                    guard let l = r.string(node, path) else { continue }
                    if let language = Language(rawValue: l) { langs.append(language) } else { r.fail(node, path, "unknown language `\(l)`; expected zh or en") }
                }
                if !langs.isEmpty { scenario!.publishing.noticeLanguages = langs }
            }
            if let p = top["plan"] {
                scenario!.plan = readPlan(r, p, "plan", scenario: scenario!, origin: file)
            } else {
                let baseline = scenario!.baselinePlan()
                checkBaselineSitesStaffed(r, top["staff"]!, scenario!, plan: baseline)
                checkRegistrationStaff(r, top["staff"]!, scenario!, plan: baseline, path: "staff")
                // Whatever else the baseline breaks: the simulation takes only a checked plan.
                if r.errors.isEmpty {
                    for p in PlanCheck.problems(scenario!, baseline) {
                        r.fail(root, "", "the baseline plan (every building called at opening to its nearest site) breaks a plan rule: \(p); add a `plan`")
                    }
                }
            }
        }
        let all = csvErrors + r.errors
        guard all.isEmpty, let scenario else { throw ScenarioErrors(all) }
        return scenario
    }

    /// Loads a plan file (top-level `call_ups` and `staffing`) and checks it against `scenario`.
    public static func loadPlan(path: String, for scenario: Scenario) throws -> Plan {
        let text = try readText(path)
        return try parsePlan(text, file: path, for: scenario)
    }

    public static func parsePlan(_ text: String, file: String, for scenario: Scenario) throws -> Plan {
        let r = YAMLReader(file: file)
        guard let root = r.compose(text) else { throw ScenarioErrors(r.errors) }
        let plan = readPlan(r, root, "", scenario: scenario, origin: file)
        guard r.errors.isEmpty, let plan else { throw ScenarioErrors(r.errors) }
        return plan
    }

    static func readText(_ path: String) throws -> String {
        let data = try readData(path)
        guard let text = TextDecoding.decode(data) else {
            throw ScenarioErrors([ScenarioError(file: path, line: 1, column: 1, keyPath: "",
                                                message: "the file is neither UTF-8 nor GB18030 text; save it as UTF-8 (in Excel: CSV UTF-8)")])
        }
        return text
    }

    /// Buildings from a workbook's bytes (the first sheet, or `sheet`), as a scenario's
    /// `buildings: {file: X.xlsx}` reads them: for tools that hold the bytes, and the fuzzer.
    public static func buildings(workbook data: Data, file: String, sheet: String? = nil, compounds: [String] = []) throws -> [Building] {
        do {
            let (name, table) = try BuildingsXLSX.table(data: data, file: file, sheet: sheet)
            return try BuildingsCSV.buildings(table, .init(path: file, sheet: name), compounds: KnownIDs(compounds))
        } catch let e as BuildingsXLSX.NoSuchSheet {
            throw ScenarioErrors([ScenarioError(file: file, line: 0, column: 0, keyPath: "", message: e.message)])
        }
    }

    /// The names of a workbook's sheets in order; empty when it is not a workbook SwabPlan reads.
    public static func workbookSheets(_ data: Data) -> [String] {
        guard let archive = try? ZipArchive(data), let workbook = try? archive.data("xl/workbook.xml", limit: BuildingsXLSX.maxPartBytes),
              let sheets = try? SpreadsheetXML.sheets(workbook) else { return [] }
        return sheets.map(\.name)
    }

    /// A file's bytes, or why there are none (missing, a folder, unreadable, too large).
    static func readData(_ path: String) throws -> Data {
        func missing(_ message: String) -> ScenarioErrors {
            ScenarioErrors([ScenarioError(file: path, line: 0, column: 0, keyPath: "", message: message, kind: .missingFile)])
        }
        var isFolder: ObjCBool = false
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw missing("no such file") }
        if isFolder.boolValue { throw missing("is a folder, not a file; give the path of a file") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw missing("cannot read the file (permission denied?); check its permissions")
        }
        guard data.count <= maxFileBytes else {
            throw ScenarioErrors([ScenarioError(file: path, line: 1, column: 1, keyPath: "",
                                                message: "the file is \(data.count / 1_000_000) MB; SwabPlan reads files of at most \(maxFileBytes / 1_000_000) MB")])
        }
        return data
    }

    /// The `id` of each mapping in a list, as written.
    static func declaredIDs(_ node: Node?) -> [String] {
        guard case .sequence(let items)? = node else { return [] }
        return items.compactMap { item in
            if case .mapping(let m) = item { return m["id"]?.string } else { return nil }
        }
    }

    /// Reads a list of items with ids, reporting a repeated id where it repeats.
    static func readList<T: Identified>(_ r: YAMLReader, _ fields: Fields, _ key: String, nonEmpty: Bool = false,
                                        what: String, _ item: (Node, String) -> T?) -> [T] {
        var seen = Set<String>()
        var out: [T] = []
        for (node, path) in fields.list(key, nonEmpty: nonEmpty) ?? [] {
            guard let t = item(node, path) else { continue }
            if !seen.insert(t.id).inserted {
                r.fail(node, path, "\(what) id `\(t.id)` is used twice; ids must be unique")
                continue
            }
            out.append(t)
        }
        return out
    }
}

protocol Identified { var id: String { get } }
extension Compound: Identified {}
extension Building: Identified {}
extension Site: Identified {}
extension Cohort: Identified {}
