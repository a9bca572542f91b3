/// The round's logistics beyond the queues: weather, tubes and couriers to the lab,
/// door-to-door swabbing, the data desk and residents who give up. Every part is optional; a
/// scenario without them simulates exactly as before.
public struct Logistics: Sendable {
    public var weather: Weather
    public var tubes: Tubes
    public var lab: Lab?
    public var couriers: Couriers
    public var doorToDoor: DoorToDoor
    public var dataDesk: DataDesk?
    public var patience: Patience?

    public static let none = Logistics(weather: .clear, tubes: .standard, lab: nil, couriers: Couriers(fleet: [], speedKmPerHour: 15, legs: [:]),
                                       doorToDoor: DoorToDoor(teams: [], visit: .lognormal(mean: 240, cv: 0.4), personsPerHousehold: 2.6),
                                       dataDesk: nil, patience: nil)
}

// MARK: Weather

public enum WeatherKind: String, Sendable, CaseIterable { case rain, wind, heat }
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case light, moderate, heavy
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// Light 0, moderate 1, heavy 2 (asked per resident in rain: no array lookup).
    public var rank: Int {
        switch self {
        case .light: return 0
        case .moderate: return 1
        case .heavy: return 2
        }
    }
}

/// A forecast window: this weather over this clock window, in every replication.
public struct WeatherWindow: Sendable, Hashable {
    public var kind: WeatherKind
    public var severity: Severity
    public var window: ClockWindow
    public init(kind: WeatherKind, severity: Severity, window: ClockWindow) { self.kind = kind; self.severity = severity; self.window = window }

    /// As `--weather` takes it (`WhatIf.weather` reads it back): "rain moderate 09:00-10:00".
    public var whatIfText: String { "\(kind.rawValue) \(severity.rawValue) \(window.description)" }
}

/// Random interruptions (gusts, showers): a Poisson stream of `perHour` episodes inside the
/// window, each lasting a random duration, drawn anew in every replication.
public struct WeatherInterruption: Sendable, Equatable {
    public var kind: WeatherKind
    public var severity: Severity
    public var perHour: Double
    public var duration: ServiceTime
    public var window: ClockWindow
}

/// Speed of registration and of swabbing under some weather at some cover: 1 is unaffected,
/// 0.8 is 20% slower, 0 is paused (the resident in hand is finished).
public struct CoverEffect: Sendable, Equatable {
    public var registration: Double
    public var swab: Double
    public init(registration: Double, swab: Double) { self.registration = registration; self.swab = swab }
    public static let unaffected = CoverEffect(registration: 1, swab: 1)
}

public struct Weather: Sendable, Equatable {
    public var forecast: [WeatherWindow]
    public var interruptions: [WeatherInterruption]
    /// Effect by "kind/severity/cover"; starts from `Weather.defaultEffects`.
    public var effects: [String: CoverEffect]
    /// Multiplies the standing limit of teams that start a span in heat.
    public var heatStandingLimitFactor: [Severity: Double]
    /// Multiplies walking and courier travel times in rain.
    public var rainTravelFactor: [Severity: Double]

    public var isClear: Bool { forecast.isEmpty && interruptions.isEmpty }

    public static func key(_ k: WeatherKind, _ s: Severity, _ c: Cover) -> String { "\(k.rawValue)/\(s.rawValue)/\(c.rawValue)" }

    public func effect(_ k: WeatherKind, _ s: Severity, _ c: Cover) -> CoverEffect {
        effects[Weather.key(k, s, c)] ?? .unaffected
    }

    /// Defaults from field reports (umbrellas blow over in moderate wind; rain stops an open
    /// table): ASSUMPTION, override per scenario under `weather.effects`.
    public static let defaultEffects: [String: CoverEffect] = {
        var t: [String: CoverEffect] = [:]
        func set(_ k: WeatherKind, _ c: Cover, _ light: (Double, Double), _ moderate: (Double, Double), _ heavy: (Double, Double)) {
            t[key(k, .light, c)] = CoverEffect(registration: light.0, swab: light.1)
            t[key(k, .moderate, c)] = CoverEffect(registration: moderate.0, swab: moderate.1)
            t[key(k, .heavy, c)] = CoverEffect(registration: heavy.0, swab: heavy.1)
        }
        set(.rain, .none, (0.8, 0.8), (0, 0), (0, 0))
        set(.rain, .umbrella, (0.9, 0.9), (0.7, 0.7), (0, 0))
        set(.rain, .tent, (1, 1), (1, 1), (0.8, 0.8))
        set(.wind, .none, (0.9, 0.9), (0.8, 0.8), (0, 0))
        set(.wind, .umbrella, (0.9, 0.9), (0, 0), (0, 0))
        set(.wind, .tent, (1, 1), (0.9, 0.9), (0, 0))
        return t
    }()

    public static let clear = Weather(forecast: [], interruptions: [], effects: defaultEffects,
                                      heatStandingLimitFactor: [.light: 0.9, .moderate: 0.75, .heavy: 0.5],
                                      rainTravelFactor: [.light: 1.1, .moderate: 1.25, .heavy: 1.5])
}

// MARK: Tubes, lab, couriers

public struct Tubes: Sendable, Equatable {
    /// Residents pooled in one tube at the sites (10-in-1 by default).
    public var poolSize: Int
    /// A partial tube is sealed this long after its first swab.
    public var maxHoldingSeconds: Double
    /// Tubes a site's cold box holds; more wait outside it (counted).
    public var boxCapacity: Int
    public static let standard = Tubes(poolSize: 10, maxHoldingSeconds: 30 * 60, boxCapacity: 60)
}

public struct Lab: Sendable {
    public var name: String
    public var position: Point?
    public var receiving: ClockWindow
    public var sampleAgeLimitSeconds: Double
}

public struct Courier: Sendable {
    public enum Mode: Sendable {
        /// Leaves the lab at these clock times (later if still out on the previous run).
        case fixed([Double])
        /// Checks every `checkSeconds` from `from` and leaves when a site on its route holds
        /// `tubes` sealed tubes or its oldest sample is `oldestSampleSeconds` old; after the last
        /// swab it makes a final sweep.
        case onDemand(tubes: Int, oldestSampleSeconds: Double, checkSeconds: Double, from: Double)
    }
    public var id: String
    public var capacityTubes: Int
    public var mode: Mode
    /// Places visited in order from the lab and back to it: site ids.
    public var route: [String]
}

public struct Couriers: Sendable {
    public var fleet: [Courier]
    public var speedKmPerHour: Double
    /// Minutes between two places ("lab" or a site id), either way; other legs come from
    /// positions and the speed.
    public var legs: [String: Double]
    public static func legKey(_ a: String, _ b: String) -> String { a < b ? a + "|" + b : b + "|" + a }
}

// MARK: Door-to-door

public struct DoorToDoorTeam: Sendable {
    public enum Order: String, Sendable, CaseIterable { case given, nearest }
    public var id: String
    public var start: Double
    public var end: Double
    public var buildings: [String]
    public var order: Order
    /// The site whose box takes the team's tubes (and where it starts).
    public var handoff: String
}

public struct DoorToDoor: Sendable {
    public var teams: [DoorToDoorTeam]
    /// Time at one household's door (PPE check, swab, labels).
    public var visit: ServiceTime
    public var personsPerHousehold: Double
}

// MARK: Data desk

public struct DataList: Sendable {
    public var name: String
    public var arrives: Double
    public var items: Int
    public var deadlineSeconds: Double
}

public struct DataDesk: Sendable {
    public var item: ServiceTime
    public var lists: [DataList]
}

// MARK: Residents who give up

public struct Patience: Sendable {
    /// How long a resident waits in the registration line before leaving.
    public var patience: ServiceTime
    /// Multiplies patience while it rains.
    public var rainFactor: Double
    /// Share of those who leave that come back, after `comeBackAfter`.
    public var comeBackShare: Double
    public var comeBackAfter: ServiceTime
}

// MARK: Worker roles

public enum WorkerRole: String, Sendable, CaseIterable {
    case registration, marshal, doorToDoor = "door_to_door", dataDesk = "data_desk"
}

/// One community worker's role over a period (a plan may give a worker several periods).
public struct RoleAssignment: Sendable, Hashable {
    public var worker: String
    public var period: ClockWindow
    public var role: WorkerRole
    /// For registration and marshal: the site.
    public var site: String?

    public init(worker: String, period: ClockWindow, role: WorkerRole, site: String? = nil) {
        self.worker = worker; self.period = period; self.role = role; self.site = site
    }
}

extension Scenario {
    /// Position of a courier stop: "lab" or a site id.
    func place(_ id: String) -> Point? {
        id == "lab" ? logistics.lab?.position : siteIndex(id).flatMap { sites[$0].position }
    }

    /// Courier minutes between two places (dry weather): a listed leg, else the distance at the
    /// couriers' speed; nil when neither is known.
    public func courierMinutes(_ a: String, _ b: String) -> Double? {
        if a == b { return 0 }
        if let m = logistics.couriers.legs[Couriers.legKey(a, b)] { return m }
        return courierKilometres(a, b).map { $0 / logistics.couriers.speedKmPerHour * 60 }
    }

    /// Kilometres between two places: by positions (times the walking detour factor), else from
    /// a listed leg's minutes at the couriers' speed.
    public func courierKilometres(_ a: String, _ b: String) -> Double? {
        if a == b { return 0 }
        if let p = place(a), let q = place(b) { return p.distance(to: q) * walking.detourFactor / 1000 }
        return logistics.couriers.legs[Couriers.legKey(a, b)].map { $0 / 60 * logistics.couriers.speedKmPerHour }
    }
}
