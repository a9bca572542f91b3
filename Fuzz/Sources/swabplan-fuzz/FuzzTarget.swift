import Foundation
import ZIPFoundation
import Reports
import Scenario
import SiteModel

/// One libFuzzer input: a scenario file's text, a buildings workbook (an input starting with
/// `PK`, a ZIP), or a worksheet's XML (starting with `<`, packed into a workbook here, since
/// a mutated ZIP mostly fails its checksums). Whatever it holds, loading must end in a
/// scenario or in positioned errors; a scenario that loads (and is small enough for a quick
/// run) must simulate two replications without a trap, and its summary must hold no NaN.
/// Buildings CSV files are looked for next to the bundled scenarios.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if bytes.starts(with: Array("SWABPLAN PART".utf8)) { return fuzzPart([UInt8](bytes)) }
    if bytes.starts(with: Array("SWABPLAN GROUPS".utf8)) { return fuzzGroupPart([UInt8](bytes)) }
    if bytes.starts(with: [0x50, 0x4B]) { return fuzzWorkbook(bytes) }
    if bytes.first == UInt8(ascii: "<") { return fuzzWorkbook(FuzzWorkbook.wrap(sheet: bytes)) }
    guard let text = String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8) else { return 0 }
    fuzzEditing(text)
    let scenario: Scenario
    do {
        scenario = try ScenarioLoader.parse(text, file: "fuzz.yaml", directory: FuzzSettings.scenarios)
    } catch let e as ScenarioErrors {
        for err in e.errors where err.line < 0 || err.column < 0 || err.message.isEmpty {
            fatalError("error without a position or a message: \(err)")
        }
        return 0
    } catch {
        fatalError("loader threw something that is not ScenarioErrors: \(error)")
    }
    fuzzWriting(scenario)
    // Small caps keep an execution in milliseconds; the ranges are the loader's job.
    guard scenario.totalResidents <= 20_000, scenario.sites.count <= 200, scenario.buildings.count <= 2_000 else { return 0 }
    let plan = scenario.effectivePlan
    let result = Experiment.run(try! CompiledRound(scenario: scenario, plan: plan), replications: 2, seed: 1, jobs: 1)
    let json = Summary.json(result).rendered()
    // Numbers only: a scenario's name may well contain "nan" (Panjiayuan Nanli does).
    if json.contains("\"mean\": null") { fatalError("NaN in summary.json:\n\(json)") }
    for m in result.metrics where !m.interval.mean.isFinite { fatalError("\(m.name.rawValue) is \(m.interval.mean)") }
    return 0
}

/// `ScenarioWriter` on a scenario it holds whole (nothing `unwritten`, buildings in the file
/// itself): the text it writes loads, holds the same round, sites, buildings, staff, service,
/// arrivals, targets and plan, and is written again the same.
func fuzzWriting(_ s: Scenario) {
    guard ScenarioWriter.unwritten(s).isEmpty, s.sourceFiles.count == 1 else { return }
    let text = ScenarioWriter.yaml(s)
    let back: Scenario
    do { back = try ScenarioLoader.parse(text, file: "written.yaml") } catch { fatalError("the written scenario does not load: \(error)\n\(text)") }
    func same(_ what: String, _ a: String, _ b: String) { if a != b { fatalError("\(what) changed when written:\n\(a)\n\(b)\n\(text)") } }
    same("the round", "\(s.round)", "\(back.round)")
    same("the sites", "\(s.sites)", "\(back.sites)")
    same("the buildings", "\(s.buildings.map { ($0.id, $0.name, $0.nameEn ?? "", $0.residents, $0.floors, $0.lifts, $0.liftsOutOfOrder, $0.elderlyShare, $0.noSmartphoneShare, $0.position.map { "\($0)" } ?? "", $0.walkMinutes.sorted { $0.key < $1.key }.map { "\($0)" }) })",
         "\(back.buildings.map { ($0.id, $0.name, $0.nameEn ?? "", $0.residents, $0.floors, $0.lifts, $0.liftsOutOfOrder, $0.elderlyShare, $0.noSmartphoneShare, $0.position.map { "\($0)" } ?? "", $0.walkMinutes.sorted { $0.key < $1.key }.map { "\($0)" }) })")
    same("the staff", "\(s.staff)", "\(back.staff)")
    same("the service", "\(s.service)", "\(back.service)")
    same("the arrivals", "\(s.arrivals)", "\(back.arrivals)")
    same("the targets", "\(s.targets)", "\(back.targets)")
    if s.plan != back.plan { fatalError("the plan changed when written:\n\(text)") }
    same("the text", text, ScenarioWriter.yaml(back))
}

/// The workbench's editor on any text: its tables, or an error, never a trap; a value on one
/// line edited in place reads back as typed, where it was; the CSV reader the same.
func fuzzEditing(_ text: String) {
    _ = try? CSVEditing.table(text)
    guard let tables = try? SourceEditing.tables(text, file: "fuzz.yaml") else { return }
    let cells = tables.flatMap { $0.rows.flatMap { $0.values } }.filter { $0.line == $0.endLine }.prefix(4)
    for c in cells {
        let typed = c.value + "x"
        guard let edited = try? SourceEditing.applying([.init(line: c.line, column: c.column, old: c.value, new: typed)], to: text, file: "fuzz.yaml") else { continue }
        guard let again = try? SourceEditing.tables(edited, file: "fuzz.yaml") else { fatalError("an edit left text the editor cannot read:\n\(edited)") }
        // An empty value gains a space before it (`key: x`), so it may start one column on.
        let back = again.flatMap { $0.rows.flatMap { $0.values } }.first { $0.line == c.line && ($0.column == c.column || (c.value.isEmpty && $0.column == c.column + 1)) }
        if back?.value != typed { fatalError("edited `\(c.value)` to `\(typed)`, read back `\(back?.value ?? "nothing")`:\n\(edited)") }
    }
}

/// A workbook read must end in buildings or in errors with a message, never a trap or a hang.
func fuzzWorkbook(_ data: Data) -> CInt {
    do {
        let buildings = try ScenarioLoader.buildings(workbook: data, file: "fuzz.xlsx", compounds: ["c1"])
        for b in buildings where b.id.isEmpty || b.residents < 0 || b.floors < 1 { fatalError("invalid building read: \(b)") }
    } catch let e as ScenarioErrors {
        for err in e.errors where err.message.isEmpty { fatalError("error without a message: \(err)") }
    } catch {
        fatalError("workbook reader threw something that is not ScenarioErrors: \(error)")
    }
    return 0
}

/// A shard's partial result (`swabplan merge` reads them): its checksum is set right first, so
/// that the mutations reach the decoder instead of failing the checksum; decoding must end in a
/// part whose counts fit its shard, or in an error, never a trap or a huge allocation.
func fuzzPart(_ input: [UInt8]) -> CInt {
    var bytes = input
    if bytes.count >= 8 {
        var sum = Checksum.fnv1a(bytes[..<(bytes.count - 8)])
        for i in 0..<8 { bytes[bytes.count - 8 + i] = UInt8(truncatingIfNeeded: sum); sum >>= 8 }
    }
    guard let part = try? PartialResult(decoding: bytes) else { return 0 }
    let range = part.run.range(shard: part.shard)
    if part.results.count != range.count || part.shard < 1 || part.shard > part.run.shards {
        fatalError("a part that does not fit its shard was accepted: shard \(part.shard) of \(part.run.shards), \(part.results.count) replications")
    }
    return 0
}

/// A shard's site groups (`simulate --shard-by site-groups`), checksum set right as above, read
/// against the round of `seeds/groups-district.yaml` (two sites, two groups): every replication
/// must decode to figures of that round's shape, or throw; never a trap.
func fuzzGroupPart(_ input: [UInt8]) -> CInt {
    var bytes = input
    if bytes.count >= 8 {
        var sum = Checksum.fnv1a(bytes[..<(bytes.count - 8)])
        for i in 0..<8 { bytes[bytes.count - 8 + i] = UInt8(truncatingIfNeeded: sum); sum >>= 8 }
    }
    guard let part = try? GroupPartialResult(decoding: bytes), let round = FuzzSettings.groupsRound else { return 0 }
    if part.shard < 1 || part.shard > part.run.shards || part.groups.isEmpty || part.groups.count > part.groupCount {
        fatalError("a group part that does not fit its shard was accepted: shard \(part.shard) of \(part.run.shards), groups \(part.groups) of \(part.groupCount)")
    }
    if (try? part.check(against: round)) != nil, part.groupCount == round.siteGroupCount, part.groups == Array(0..<part.groupCount),
       let merged = try? round.mergeGroups([part]), merged.count != part.run.replications {
        fatalError("merged \(merged.count) replications of \(part.run.replications)")
    }
    return 0
}

/// A worksheet's XML in a minimal workbook with a few shared strings.
enum FuzzWorkbook {
    static let parts: [(String, String)] = [
        ("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/sharedStrings.xml", #"<sst><si><t>id</t></si><si><t>residents</t></si><si><t>floors</t></si><si><t>1号楼</t></si></sst>"#),
    ]

    static func wrap(sheet: Data) -> Data {
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return Data() }
        for (path, data) in parts.map({ ($0.0, Data($0.1.utf8)) }) + [("xl/worksheets/sheet1.xml", sheet)] {
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}

enum FuzzSettings {
    static let scenarios: String = ProcessInfo.processInfo.environment["SWABPLAN_SCENARIOS"] ?? "Scenarios"
    /// The round the seed group parts were written from (Fuzz/seeds/groups-district.yaml).
    static let groupsRound: CompiledRound? = {
        let path = (scenarios as NSString).appendingPathComponent("../Fuzz/seeds/groups-district.yaml")
        guard let s = try? ScenarioLoader.load(path: path) else { return nil }
        return try? CompiledRound(scenario: s, plan: s.effectivePlan)
    }()
}

// SwiftPM links an executable with `main` aliased to this entry point; hand over to
// libFuzzer's driver, which then calls `fuzz` for every input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("swabplan_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args, { data, size in fuzz(data, size) })
}
