/// What a phrase's slot takes (`Phrase.slots`): a text (a name, a time or a figure already
/// formatted), or a count, a whole number (people, teams, desks, replications), so that no
/// count is ever written with a fraction ("0.0名居民").
public enum SlotKind: Sendable, Equatable {
    case text, count
}

/// A value that fills a phrase's slot. Only texts and whole numbers do: a `Double` must be
/// formatted first (`Format.fixed`, `ClockTime.format`), or counted (`Int(x.rounded())`).
public protocol PhraseSlot {
    var slotKind: SlotKind { get }
    var slotText: String { get }
}

extension String: PhraseSlot {
    public var slotKind: SlotKind { .text }
    public var slotText: String { self }
}

extension Substring: PhraseSlot {
    public var slotKind: SlotKind { .text }
    public var slotText: String { String(self) }
}

extension Int: PhraseSlot {
    public var slotKind: SlotKind { .count }
    public var slotText: String { String(self) }
}

extension UInt64: PhraseSlot {
    public var slotKind: SlotKind { .count }
    public var slotText: String { String(self) }
}

