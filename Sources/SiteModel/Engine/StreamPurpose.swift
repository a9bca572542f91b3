/// What a random stream is for. With the replication and an entity (a building, a team), the
/// purpose keys the stream, so adding a new kind of randomness never shifts an existing one.
struct StreamPurpose {
    let rawValue: UInt64
    static func custom(_ v: UInt64) -> StreamPurpose { StreamPurpose(rawValue: v) }
    /// Turnout, resident attributes, arrival moments (one stream per building).
    static let residents = StreamPurpose(rawValue: 1)
    /// Registration and swab times (one stream per building, drawn per resident).
    static let service = StreamPurpose(rawValue: 2)
}

extension StreamPurpose {
    // Logistics streams (separate purposes, so a round without them draws exactly as before).
    /// Interruptions: one stream per interruption entry.
    static let weather = StreamPurpose.custom(3)
    static let patience = StreamPurpose.custom(4)
    static let doorToDoor = StreamPurpose.custom(5)
    static let dataDesk = StreamPurpose.custom(6)
    /// People already in line in a round simulated from a morning state: one stream per site.
    static let morningQueue = StreamPurpose.custom(7)
}
