/// Changes to a scenario for a what-if run, without editing its file: a forecast spell added
/// (`--weather "rain moderate 09:00-10:00"`), service times scaled, turn-out scaled.
public enum WhatIf {
    /// "KIND SEVERITY HH:MM-HH:MM" -> a forecast spell; nil with the reason when it does not read.
    public static func weather(_ text: String) -> Result<WeatherWindow, WhatIfError> {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 3 else { return .failure(WhatIfError("`\(text)`: expected KIND SEVERITY HH:MM-HH:MM, e.g. \"rain moderate 09:00-10:00\"")) }
        guard let kind = WeatherKind(rawValue: parts[0]) else {
            return .failure(WhatIfError("`\(parts[0])` is not a kind of weather; expected one of: " + WeatherKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard let severity = Severity(rawValue: parts[1]) else {
            return .failure(WhatIfError("`\(parts[1])` is not a severity; expected one of: " + Severity.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard let window = ClockWindow.parse(parts[2]) else {
            return .failure(WhatIfError("`\(parts[2])` is not a window; expected HH:MM-HH:MM with the end after the start"))
        }
        return .success(WeatherWindow(kind: kind, severity: severity, window: window))
    }

    /// Every registration, or every swab, `factor` times as long (the same shape).
    public static func scaled(_ t: ServiceTime, by f: Double) -> ServiceTime {
        switch t {
        case .deterministic(let v): return .deterministic(v * f)
        case .exponential(let m): return .exponential(mean: m * f)
        case .lognormal(let m, let cv): return .lognormal(mean: m * f, cv: cv)
        case .gamma(let m, let cv): return .gamma(mean: m * f, cv: cv)
        case .uniform(let a, let b): return .uniform(min: a * f, max: b * f)
        case .triangular(let a, let c, let b): return .triangular(min: a * f, mode: c * f, max: b * f)
        case .empirical(let v): return .empirical(v.map { $0 * f })
        }
    }
}

public struct WhatIfError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
