import Foundation
import Reports
import Scenario
import XCTest
import TestSupport

/// The wording tables: every phrase in both languages, with the same declared slots; every
/// metric and unit named in Chinese.
final class WordingTests: XCTestCase {
    func slots(_ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "\\{[0-9]+\\}")
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }.sorted()
    }

    /// Both tables use the same slots of each phrase, all of them declared (`Phrase.slots`), the
    /// last declared one used (a language may leave out one before it, as the English date
    /// leaves out the month's number).
    func testEveryPhraseIsInBothLanguagesWithTheDeclaredSlots() {
        let en = Wording(.en), zh = Wording(.zh)
        for p in Phrase.allCases {
            let e = en.template(p), z = zh.template(p)
            XCTAssertEqual(slots(e), slots(z), "\(p): the English and Chinese wordings take different slots")
            let used = Set(slots(e).map { Int($0.dropFirst().dropLast())! })
            XCTAssertTrue(used.isSubset(of: Set(p.slots.indices.map { $0 + 1 })) && (used.isEmpty || used.contains(p.slots.count)),
                          "\(p) declares \(p.slots.count) slots; its tables use \(used.sorted())")
            if p.rawValue.hasPrefix("csv") || p.rawValue.hasSuffix("Columns") {
                XCTAssertEqual(en.columns(p).count, zh.columns(p).count, "\(p): different column counts")
            }
        }
        XCTAssertEqual(Wording.missing(.en), [])
        XCTAssertEqual(Wording.missing(.zh), [])
    }

    func testEveryMetricAndUnitHasAChineseName() {
        let zh = Wording(.zh)
        for m in MetricName.allCases {
            XCTAssertNotEqual(zh.metric(m), Wording(.en).metric(m), "\(m) has no Chinese label")
            XCTAssertNotEqual(zh.unit(m), m.unit, "\(m)'s unit has no Chinese name")
        }
    }

    func testSlotsAreFilledInTheLanguagesOrder() {
        XCTAssertEqual(Wording(.en)(.dropItem, 2, "S1", 3), "2 at S1 (was 3)")
        XCTAssertEqual(Wording(.zh)(.dropItem, 2, "S1", 3), "S12组（原3组）")
        XCTAssertEqual(Wording(.zh).floors(4...6), "4\u{2013}6层")
        XCTAssertEqual(Wording(.en).floors(3...3), "floor 3")
        // A name that looks like a slot stays a name.
        XCTAssertEqual(Wording(.en)(.dropItem, 2, "{3}", 3), "2 at {3} (was 3)")
        XCTAssertEqual(Wording(.zh)(.changeDrops, "{2}", "x"), "{2}各采样点的组数改为：x")
    }
}

/// Names as the scenario gives them, in the language asked for.
final class WordingNameTests: XCTestCase {
    func testCohortsCompoundsSitesAndBuildingsAreNamedPerLanguage() throws {
        let s = try Fixtures.panjiayuan()
        let zh = Wording(.zh), en = Wording(.en)
        let roster = TeamRoster(scenario: s)
        XCTAssertEqual(zh.team(roster, 0, s), "早班第1组")
        XCTAssertEqual(en.team(roster, 0, s), "morning shift team 1")
        XCTAssertEqual(zh.siteName("S17", s), "十七号院采样点")
        XCTAssertEqual(en.siteName("S17", s), "No. 17 compound sampling point")
        XCTAssertEqual(zh.buildingName("B13", s), "13号楼")
        XCTAssertEqual(en.buildingName("B13", s), "Building 13")
        XCTAssertEqual(zh.name(s), "潘家园南里社区 2022年5月6日")
        XCTAssertEqual(en.name(s), "Panjiayuan Nanli, 6 May 2022")
        XCTAssertEqual(zh.date(s.round.date), "2022年5月6日（周五）")
        XCTAssertEqual(en.date(s.round.date), "Friday 6 May 2022")
    }
}
