import Foundation

/// The physical range of every number a scenario or plan file may hold. Validation enforces
/// them with a positioned error; `Scenarios/README.md` documents them. They keep every clock
/// time of a round inside a few days, so no sum, bin index or event time can overflow.
public enum Limits {
    /// Any duration in minutes (set-up, standing limit, travel, walking, holding, deadlines):
    /// at most a day.
    public static let maxMinutes = 1440.0
    /// A line of notice text (the issuer, a contact phone), in characters.
    public static let maxNoticeText = 100
    /// A name (compound, site, building, cohort), in characters, on one line: it goes into
    /// notices, CSV cells and chart labels.
    public static let maxName = 100

    /// Why a name cannot be used, or nil: empty, too long, or not on one line.
    public static func nameProblem(_ text: String) -> String? {
        isOneLine(text, atMost: maxName) ? nil : "expected a name of 1 to \(maxName) characters on one line"
    }

    /// Text of 1 to `atMost` characters (spaces at its ends aside) with no line break or other
    /// control character: what a name, an issuer or a phone number must be.
    public static func isOneLine(_ text: String, atMost: Int) -> Bool {
        let clean = text.trimmingCharacters(in: .whitespaces)
        return !clean.isEmpty && clean.count <= atMost
            && !clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }
    /// Any duration in seconds (service, visit, patience, weather spell, lift round trip).
    public static let maxSeconds = 86_400.0
    /// Repeating intervals (courier `every_minutes`, `check_minutes`): at least a minute.
    public static let minIntervalMinutes = 1.0
    /// A coefficient of variation is 0 (no variation) or inside the range the samplers handle.
    public static let cv: ClosedRange<Double> = 0.01...10
    /// Multipliers of service time (elderly, no smartphone).
    public static let serviceFactor: ClosedRange<Double> = 0.1...10
    /// Coordinates on the community's grid, metres either side of its origin.
    public static let coordinateMetres = 1_000_000.0
    public static let walkingSpeedMetresPerMinute: ClosedRange<Double> = 10...300
    public static let detourFactor: ClosedRange<Double> = 1...5
    public static let stairsSecondsPerFloor: ClosedRange<Double> = 0...600
    public static let liftRoundTripSeconds: ClosedRange<Double> = 5...3600
    /// A car's travel per floor: a fast lift 1 s, a slow goods lift a few; a minute is absurd.
    public static let liftSecondsPerFloor: ClosedRange<Double> = 0...60
    public static let courierKmPerHour: ClosedRange<Double> = 1...200
    /// Counts, sized for a city of 21 million planned as one scenario (Beijing, 2022). Sites:
    /// the guideline's one site per 2,000 residents gives about 11,000; they are indexed by a
    /// 16-bit number in the resident record.
    public static let maxSites = 12_000
    public static let maxBuildings = 1_000_000
    public static let maxResidentsPerBuilding = 100_000
    public static let maxResidents = 30_000_000
    public static let maxFloors = 200
    /// Floors of all buildings together (each is a call-up slot in the compiled plan).
    public static let maxFloorsInAll = 5_000_000
    /// Entries of lists that each add events to every replication.
    public static let maxWeatherEntries = 100
    /// Couriers: one per site at most (a route visits at least one). A city of 11,000 sites
    /// at four sites a route needs about 2,900, so the cap is the site cap, not a guess at
    /// route length.
    public static let maxCouriers = maxSites
    public static let maxDepartures = 1_440
    public static let maxEmpiricalValues = 100_000
    public static let maxTubes = 100_000
    /// Items of all verification lists together: Panjiayuan's lists hold 550 items for 7,300
    /// residents (7.5%), so a city of 21 million at that ratio has 1.6 million; twice that fits.
    public static let maxDataItems = 3_000_000
    /// Registrars, and community workers, in one scenario: Beijing's 3,400 or so communities
    /// at 10 to 16 workers each (the field notes) are about 50,000.
    public static let maxWorkers = 50_000
    /// Swab teams of one cohort (one bus convoy), and desks or stations of one site.
    public static let maxTeamsPerCohort = 10_000
    /// Ids of buildings, sites, compounds, cohorts, couriers and teams: they name files.
    public static let maxIDLength = 64
}

/// The one rule for ids in YAML and CSV (buildings, sites, compounds, cohorts, couriers,
/// teams): they name files in a publication, so they must be safe and short as file names on
/// every system a planner copies them to.
public enum ScenarioID {
    /// What is wrong with `id`, or nil when it is a valid id.
    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "an id cannot be empty" }
        // Most ids are short ASCII (B12, S3): checked byte by byte, without Unicode properties.
        if id.utf8.count <= Limits.maxIDLength, id.utf8.first != UInt8(ascii: "."),
           id.utf8.allSatisfy({ isASCIIIDByte($0) }) { return nil }
        if id.count > Limits.maxIDLength {
            return "`\(id.prefix(20))...` is \(id.count) characters; an id has at most \(Limits.maxIDLength) (put the long form in `name`)"
        }
        let ok = id.allSatisfy { c in (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") && !c.isWhitespace }
        if !ok || id.hasPrefix(".") {
            return "`\(id)` is not a valid id; use letters (any script), digits, `-`, `_` or `.`, not starting with `.` (no spaces or `/`)"
        }
        return nil
    }

    private static func isASCIIIDByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): return true
        default: return false
        }
    }
}
