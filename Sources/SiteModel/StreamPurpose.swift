/// What a random stream is for. With the replication and an entity (a building, a team), the
/// purpose keys the stream, so adding a new kind of randomness never shifts an existing one.
enum StreamPurpose: UInt64 {
    /// Turnout, resident attributes, arrival moments (one stream per building).
    case residents = 1
    /// Registration and swab times (one stream per building, drawn per resident).
    case service = 2
}
