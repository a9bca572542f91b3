import Scenario
import SimKit

/// The weather of one replication: the forecast windows plus the random interruptions drawn
/// from their own streams, so two plans compared see the same gusts and showers.
struct WeatherDraw: Sendable {
    struct Episode: Sendable {
        var kind: WeatherKind
        var severity: Severity
        var start: Double
        var end: Double
    }

    /// A change of a site's working speeds at `time` (0 = paused).
    struct SiteChange: Sendable {
        var time: Double
        var site: Int
        var registrationSpeed: Double
        var swabSpeed: Double
    }

    /// An episode of rain or heat with what it does to travel times or standing limits.
    struct Spell: Sendable {
        var start: Double
        var end: Double
        var severity: Int
        var factor: Double
    }

    private(set) var episodes: [Episode]
    let weather: Weather
    /// Rain and heat apart, with their factors looked up once: walking times ask about rain
    /// once or twice per resident.
    private(set) var rain: [Spell] = []
    private(set) var heat: [Spell] = []

    static func clear(_ w: Weather) -> WeatherDraw { WeatherDraw(episodes: [], weather: w) }

    init(episodes: [Episode], weather: Weather) {
        self.episodes = episodes
        self.weather = weather
        split()
    }

    private mutating func split() {
        func spells(_ kind: WeatherKind, _ factors: [Severity: Double]) -> [Spell] {
            episodes.filter { $0.kind == kind }.map { Spell(start: $0.start, end: $0.end, severity: $0.severity.rank, factor: factors[$0.severity] ?? 1) }
        }
        rain = spells(.rain, weather.rainTravelFactor)
        heat = spells(.heat, weather.heatStandingLimitFactor)
    }

    init(_ w: Weather, seed: UInt64, replication: UInt64) {
        weather = w
        episodes = w.forecast.map { Episode(kind: $0.kind, severity: $0.severity, start: $0.window.start, end: $0.window.end) }
        for (i, int) in w.interruptions.enumerated() {
            var stream = RandomStream(seed: seed, replication: replication, entity: UInt64(i), purpose: StreamPurpose.weather.rawValue)
            let duration = Distribution(int.duration).sampler
            var t = int.window.start
            let meanGap = 3600 / max(int.perHour, 1e-12)
            // A Poisson stream of episodes inside the window, each with its own duration.
            while int.perHour > 0 {
                t += -meanGap * log(stream.nextOpenDouble())
                guard t < int.window.end else { break }
                episodes.append(Episode(kind: int.kind, severity: int.severity, start: t, end: t + duration.sample(&stream)))
            }
        }
        split()
    }

    var isClear: Bool { episodes.isEmpty }

    /// When the weather first does anything (nil for a clear day).
    var firstEpisodeStart: Double? { episodes.map(\.start).min() }

    /// The factor of the worst spell in force at `t` (1 when none is).
    @inline(__always)
    private static func factor(_ spells: [Spell], at t: Double) -> Double {
        var worst = -1, factor = 1.0
        for s in spells where s.start <= t && t < s.end && s.severity > worst {
            worst = s.severity
            factor = s.factor
        }
        return factor
    }

    /// Whether it rains at `t`.
    func raining(at t: Double) -> Bool {
        rain.contains { $0.start <= t && t < $0.end }
    }

    /// Travel times (walking, couriers) multiply by this in rain.
    func travelFactor(at t: Double) -> Double { Self.factor(rain, at: t) }

    /// A team starting a span in heat has a shorter standing limit.
    func standingLimitFactor(at t: Double) -> Double { Self.factor(heat, at: t) }

    /// Each site's speeds at every moment they change: the slowest effect of the weather in force.
    func siteChanges(_ sites: [Site]) -> [SiteChange] {
        guard !episodes.isEmpty else { return [] }
        let moments = Set(episodes.flatMap { [$0.start, $0.end] }).sorted()
        var out: [SiteChange] = []
        for (si, site) in sites.enumerated() {
            var last = CoverEffect.unaffected
            for t in moments {
                var e = CoverEffect.unaffected
                for ep in episodes where ep.start <= t && t < ep.end {
                    let x = weather.effect(ep.kind, ep.severity, site.cover)
                    e.registration = min(e.registration, x.registration)
                    e.swab = min(e.swab, x.swab)
                }
                if e != last {
                    out.append(SiteChange(time: t, site: si, registrationSpeed: e.registration, swabSpeed: e.swab))
                    last = e
                }
            }
        }
        return out.sorted { ($0.time, $0.site) < ($1.time, $1.site) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
