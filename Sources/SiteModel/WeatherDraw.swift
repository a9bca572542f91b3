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

    private(set) var episodes: [Episode]
    let weather: Weather
    /// Rain and heat episodes apart: walking times ask about rain once per resident.
    private(set) var rain: [Episode] = []
    private(set) var heat: [Episode] = []

    static func clear(_ w: Weather) -> WeatherDraw { WeatherDraw(episodes: [], weather: w) }

    init(episodes: [Episode], weather: Weather) {
        self.episodes = episodes
        self.weather = weather
        split()
    }

    private mutating func split() {
        rain = episodes.filter { $0.kind == .rain }
        heat = episodes.filter { $0.kind == .heat }
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

    /// The worst severity of `kind` in force at `t`.
    func severity(_ kind: WeatherKind, at t: Double) -> Severity? {
        var worst: Severity?
        let list = kind == .rain ? rain : (kind == .heat ? heat : episodes)
        for e in list where e.kind == kind && e.start <= t && t < e.end {
            if worst == nil || e.severity > worst! { worst = e.severity }
        }
        return worst
    }

    /// Travel times (walking, couriers) multiply by this in rain.
    func travelFactor(at t: Double) -> Double {
        guard !rain.isEmpty, let s = severity(.rain, at: t) else { return 1 }
        return weather.rainTravelFactor[s] ?? 1
    }

    /// A team starting a span in heat has a shorter standing limit.
    func standingLimitFactor(at t: Double) -> Double {
        guard !heat.isEmpty, let s = severity(.heat, at: t) else { return 1 }
        return weather.heatStandingLimitFactor[s] ?? 1
    }

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
