import Foundation
import Scenario
import SimKit
import SiteModel

/// Each site's state over the morning in the words Shenzhen's 2022 site map used: 畅通 (clear)
/// under 25 minutes' wait, 忙碌 (busy) from 25, 拥堵 (congested) from 50. The wait of a
/// quarter hour is estimated from the mean lines then by Little's law: the people in both lines
/// over the rate they leave them (busy stations over the mean swab time; what leaves the swab
/// line has left the registration line before it).
public struct SiteStatus: Sendable, Codable, Equatable {
    public enum Level: String, Codable, Sendable { case clear, busy, congested }
    public var site: String
    public var name: String
    /// Estimated wait (minutes) per quarter hour from the opening.
    public var waits: [Double]
    public var peakWait: Double { waits.max() ?? 0 }

    public static func level(_ wait: Double) -> Level { wait >= 50 ? .congested : (wait >= 25 ? .busy : .clear) }

    public static func of(_ r: ExperimentResult) -> [SiteStatus] {
        let s = r.scenario
        let swab = Distribution(s.service.swab).mean / 60
        let bins = max(1, r.activeBins)
        return r.sites.map { site in
            let waits = (0..<min(bins, site.registrationQueue.count, site.stationsBusy.count)).map { b -> Double in
                let people = site.registrationQueue[b].mean + site.swabQueue[b].mean
                // A site with no one swabbing and hardly anyone in line waits for nothing; with
                // people in line and no one swabbing (a pause), as if one station worked.
                let rate = max(site.stationsBusy[b], people < 0.5 ? 1 : 0.25) / swab
                return (people / rate * 10).rounded() / 10
            }
            return SiteStatus(site: site.site.id, name: site.site.name, waits: waits)
        }
    }
}

