import Scenario

/// The sentences of a building notice, from the wording tables: a notice says floors, the date
/// and the wait as residents say them ("1至3层", "5月6日（周五）", "floors 1-3").
extension Wording {
    func noticeFloors(_ f: ClosedRange<Int>?) -> String {
        guard let f else { return self(.noticeAllFloors) }
        return f.lowerBound == f.upperBound ? self(.noticeFloor, f.lowerBound) : self(.noticeFloors, f.lowerBound, f.upperBound)
    }

    /// The round's day without the year: "5月6日（周五）", "Friday 6 May".
    func noticeDate(_ iso: String) -> String {
        guard let d = NoticeDate(iso) else { return iso }
        return self(.noticeDate, d.month, d.day, self(Wording.weekdays[d.weekday]), self(Wording.months[d.month - 1]))
    }

    /// When and where, and the wait said honestly: typical, and at busy moments when longer.
    func noticeCallUp(_ who: String, _ site: String, _ date: String, _ from: String, _ to: String, _ typical: Int, _ busy: Int) -> String {
        let wait = typical < 1 ? self(.noticeNoWait) : (typical == 1 ? self(.noticeWaitOneMinute) : self(.noticeWait, typical))
        return self(.noticeCallUp, who, site, date, from, to) + wait + (busy > typical ? self(.noticeBusy, busy) : self(.noticeEnd))
    }

    func noticeHealthCode(_ contact: String?) -> String {
        self(.noticeHealthCode, contact.map { self(.noticeContactInline, $0) } ?? "")
    }

    /// Who issues the notice and a phone to call, when the scenario gives them.
    func noticeFooter(_ issuer: String?, _ contact: String?) -> String? {
        guard issuer != nil || contact != nil else { return nil }
        return [issuer, contact.map { self(.noticeContact, $0) }].compactMap { $0 }.joined(separator: self(.noticeFooterSeparator))
    }
}
