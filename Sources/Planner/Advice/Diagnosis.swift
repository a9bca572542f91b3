import Scenario
import SimKit
import SiteModel

/// Where the whole round is stuck, read once from a simulated experiment: spells of at least
/// 30 minutes (gaps of one 15-minute bin bridged) in which a line holds ten or more people on
/// average, not while the weather has the site paused. The swab line is the bottleneck when its
/// stations are over 90% busy; the registration line when swab stations stand partly idle.
/// Longest queues first. Every line of advice comes from this one diagnosis (`CheckedAdvice`).
public struct Diagnosis: Sendable {
    public struct Spell: Sendable, Equatable {
        public var site: String
        public var from: Double
        public var to: Double
        /// Most people waiting, on average over replications, in a 15-minute bin of the spell.
        public var peak: Double
        /// The swab line (else registration).
        public var swab: Bool
    }

    public var spells: [Spell]

    public init(_ r: ExperimentResult) {
        var out: [Spell] = []
        let origin = r.scenario.round.opening, bin = CompiledRound.binSeconds
        for site in r.sites {
            let bins = min(r.activeBins, site.swabQueue.count)
            func spells(_ hot: (Int) -> Bool) -> [Range<Int>] {
                var result: [Range<Int>] = []
                for b in 0..<bins where hot(b) {
                    if let last = result.last, b - last.upperBound <= 1 { result[result.count - 1] = last.lowerBound..<(b + 1) }
                    else { result.append(b..<(b + 1)) }
                }
                return result.filter { $0.count >= 2 }
            }
            let calm = { (b: Int) in site.paused[b] < 0.2 }
            for (swab, queue) in [(true, site.swabQueue), (false, site.registrationQueue)] {
                let hot: (Int) -> Bool = swab ? { queue[$0].mean >= 10 && site.utilisation[$0] >= 0.9 && calm($0) }
                                              : { queue[$0].mean >= 10 && site.utilisation[$0] < 0.85 && calm($0) }
                for x in spells(hot) {
                    out.append(Spell(site: site.site.id, from: origin + Double(x.lowerBound) * bin, to: origin + Double(x.upperBound) * bin,
                                     peak: x.map { queue[$0].mean }.max() ?? 0, swab: swab))
                }
            }
        }
        spells = out.sorted { ($0.peak, $0.site) > ($1.peak, $1.site) }
    }
}
