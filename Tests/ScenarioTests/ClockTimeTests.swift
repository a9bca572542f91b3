import Testing
@testable import Scenario

@Suite("Clock times and windows")
struct ClockTimeTests {
    @Test("valid times parse to seconds since midnight",
          arguments: [("07:00", 25200.0), ("7:05", 25500), ("00:00", 0), ("24:00", 86400), ("23:59", 86340)])
    func parses(_ text: String, _ seconds: Double) {
        #expect(ClockTime.parse(text) == seconds)
    }

    @Test("invalid times are rejected", arguments: ["7h00", "24:01", "12:60", "12:5", "", "-1:00", "12:00:00", "ab:cd"])
    func rejects(_ text: String) {
        #expect(ClockTime.parse(text) == nil)
    }

    @Test func formatsRoundTrip() {
        for minutes in stride(from: 0, through: 1440, by: 7) {
            let s = Double(minutes * 60)
            #expect(ClockTime.parse(ClockTime.format(s)) == s)
        }
        #expect(ClockTime.format(25200 + 29) == "07:00")
        #expect(ClockTime.format(25200 + 31) == "07:01")
    }

    @Test func windows() {
        let w = ClockWindow(start: 100, end: 200)
        #expect(w.contains(100) && !w.contains(200))
        #expect(w.overlaps(ClockWindow(start: 199, end: 300)))
        #expect(!w.overlaps(ClockWindow(start: 200, end: 300)))
        #expect(w.duration == 100)
    }
}
