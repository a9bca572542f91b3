import Scenario
import SimKit

/// The site groups one shard of a run by site groups computed (`simulate --shard K/N
/// --shard-by site-groups`), every replication's, with what identifies the run: the groups'
/// figures open at their own ends (`OpenFigures`), each number as its bit pattern, so `merge`
/// closes them at the whole round's end to exactly the figures of one process.
///
/// Layout: a magic line, the run's fields, the shard, the number of site groups and this
/// shard's groups, then per replication its byte length, the lift waits of the buildings it
/// drew (building by building) and each of its groups' figures; last, an FNV-1a 64-bit checksum of everything before it. Replications
/// are written as they finish and read one at a time, so neither side holds them all decoded.
public struct GroupPartialResult: Sendable {
    public let run: ShardedRun
    /// 1-based, as `--shard K/N` says it.
    public let shard: Int
    /// The round's number of site groups, and this shard's (ascending).
    public let groupCount: Int
    public let groups: [Int]
    private let bytes: [UInt8]
    /// Each replication's bytes.
    private let blocks: [Range<Int>]

    static let magic = Array("SWABPLAN GROUPS 2\n".utf8)

    /// Whether `bytes` start like a part of this kind (`merge` takes either kind).
    public static func isOne(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// Writes a shard's part replication by replication.
    public struct Writer {
        private var w = ByteWriter()
        private let groups: Int
        public init(run: ShardedRun, shard: Int, groupCount: Int, groups: [Int]) {
            self.groups = groups.count
            w.bytes(GroupPartialResult.magic)
            run.encode(&w)
            w.int(shard); w.int(groupCount)
            w.int(groups.count); for g in groups { w.int(g) }
        }

        /// The next replication (in order, from the first).
        public mutating func add(_ r: GroupReplication) {
            precondition(r.outcomes.count == groups, "one outcome per group of the shard")
            var b = ByteWriter()
            let l = r.liftWaits
            b.int(l.buildings.count); for (x, e) in zip(l.buildings, l.ends) { b.int(x); b.int(e) }
            b.doubles(l.waits)
            for o in r.outcomes { b.outcome(o) }
            w.int(b.out.count)
            w.bytes(b.out)
        }

        public func finished() -> [UInt8] {
            var out = w
            out.uint(Checksum.fnv1a(w.out))
            return out.out
        }
    }

    public init(decoding bytes: [UInt8]) throws(PartialResult.DecodingError) {
        guard GroupPartialResult.isOne(bytes) else { throw .notAPart }
        guard bytes.count >= GroupPartialResult.magic.count + 8 else { throw .damaged }
        let body = bytes[..<(bytes.count - 8)]
        var tail = ByteReader(bytes[(bytes.count - 8)...])
        guard let stored = tail.uint(), stored == Checksum.fnv1a(body) else { throw .damaged }
        var r = ByteReader(body.dropFirst(GroupPartialResult.magic.count))
        guard let run = ShardedRun(decoding: &r, maxShards: Limits.maxSites) else { throw .malformed("its header is unreadable") }
        guard let shard = r.int(), (1...run.shards).contains(shard) else { throw .malformed("no valid shard number") }
        guard let groupCount = r.int(), groupCount >= run.shards, groupCount <= Limits.maxSites,
              let n = r.count(of: 8), n >= 1, n <= groupCount else { throw .malformed("no valid site groups") }
        var groups: [Int] = []
        for _ in 0..<n {
            guard let g = r.int(), (0..<groupCount).contains(g), g > (groups.last ?? -1) else { throw .malformed("no valid site groups") }
            groups.append(g)
        }
        var blocks: [Range<Int>] = []
        var at = bytes.count - 8 - r.remaining
        while !r.isAtEnd {
            guard let length = r.count(of: 1), r.skip(length) else { throw .malformed("a replication is cut short") }
            blocks.append(at + 8 ..< at + 8 + length)
            at += 8 + length
        }
        guard blocks.count == run.replications else { throw .malformed("it holds \(blocks.count) replications, not the run's \(run.replications)") }
        self.run = run; self.shard = shard; self.groupCount = groupCount; self.groups = groups
        self.bytes = bytes; self.blocks = blocks
    }

    /// Replication `replication`'s groups, each checked against the round's group it claims to
    /// be (its sites, teams, couriers and series bins).
    func replication(_ replication: Int, split: SiteGroupSplit, buildingCount: Int) throws(PartialResult.DecodingError) -> GroupReplication {
        var r = ByteReader(bytes[blocks[replication]])
        var buildings: [Int] = [], ends: [Int] = []
        guard let n = r.count(of: 16), n <= buildingCount else { throw .malformed("replication \(replication + 1) is unreadable") }
        for _ in 0..<n {
            guard let b = r.int(), (0..<buildingCount).contains(b), let e = r.int() else { throw .malformed("replication \(replication + 1) is unreadable") }
            buildings.append(b); ends.append(e)
        }
        guard let waits = r.doubles(), let liftWaits = LiftWaitsByBuilding(buildings: buildings, ends: ends, waits: waits) else {
            throw .malformed("replication \(replication + 1)'s lift waits are unreadable")
        }
        var outcomes: [GroupOutcome] = []
        for g in groups {
            guard let o = r.outcome(of: split.groups[g].round) else {
                throw .malformed("replication \(replication + 1), site group \(g + 1) does not fit the scenario's")
            }
            outcomes.append(o)
        }
        guard r.isAtEnd else { throw .malformed("bytes left over in replication \(replication + 1)") }
        return GroupReplication(liftWaits: liftWaits, outcomes: outcomes)
    }
}

public extension GroupPartialResult {
    /// Every replication read against `round`'s site groups: throws what `merge` would.
    func check(against round: CompiledRound) throws(PartialResult.DecodingError) {
        let split = round.siteGroupSplit?.split ?? SiteGroupSplit(round)
        guard groupCount == split.groups.count, groups.allSatisfy({ $0 < split.groups.count }) else {
            throw .malformed("it splits the round into \(groupCount) site groups, the scenario into \(split.groups.count)")
        }
        for r in 0..<run.replications { _ = try replication(r, split: split, buildingCount: round.buildings.count) }
    }
}

public extension CompiledRound {
    /// The replications of a run by site groups from all its parts (each group in exactly one):
    /// every replication closed as one process closes it. Throws when a part does not fit.
    func mergeGroups(_ parts: [GroupPartialResult]) throws(PartialResult.DecodingError) -> [ReplicationResult] {
        guard let run = parts.first?.run else { return [] }
        let split = siteGroupSplit?.split ?? SiteGroupSplit(self)
        var owner = Array(repeating: -1, count: split.groups.count)
        for (p, part) in parts.enumerated() {
            guard part.groupCount == split.groups.count else { throw .malformed("it splits the round into \(part.groupCount) site groups, the scenario into \(split.groups.count)") }
            for g in part.groups { owner[g] = p }
        }
        if let g = owner.firstIndex(of: -1) { throw .malformed("site group \(g + 1) is in none of the parts") }
        return try (0..<run.replications).map { r throws(PartialResult.DecodingError) in
            var outcomes: [GroupOutcome?] = Array(repeating: nil, count: split.groups.count)
            var lifts: [LiftWaitsByBuilding] = []
            for part in parts {
                let rep = try part.replication(r, split: split, buildingCount: buildings.count)
                lifts.append(rep.liftWaits)
                for (g, o) in zip(part.groups, rep.outcomes) { outcomes[g] = o }
            }
            let liftWait = try LiftWaitsByBuilding.merged(lifts, replication: r)
            return closeGroups(outcomes.map { $0! }, liftWait: liftWait, seed: run.seed, replication: r)
        }
    }
}

extension ByteWriter {
    mutating func double(_ x: Double) { uint(x.bitPattern) }

    mutating func tally(_ t: Tally) {
        let f = t.fields
        int(f.count); for x in f.numbers { double(x) }
    }

    mutating func outcome(_ o: GroupOutcome) {
        let f = o.open.figures
        for n in [f.residents, f.swabbed, f.gaveUp, f.over20, f.over60, f.tubesOverBox, f.tubesLeft, f.courierRuns, f.samplesOverLimit, f.events] { int(n) }
        double(f.longestSpan)
        int(f.sites.count)
        for s in f.sites {
            for t in [s.waitRegistration, s.waitSwab, s.timeInSystem, s.returnersTimeAway] { tally(t) }
            double(s.lastSwab); double(s.lostToWeatherSeconds)
            for n in [s.residents, s.gaveUp, s.over20, s.over60, s.tubesOverBox, s.tubesLeft, s.series.swabbed] { int(n) }
        }
        int(f.teams.count)
        for t in f.teams { for x in [t.active, t.busy, t.overtime, t.longestSpan] { double(x) } }
        int(f.couriers.count)
        for c in f.couriers { double(c.kilometres); tally(c.sampleAge); int(c.runCount); int(c.samplesOverLimit) }
        doubles(f.timeInSystemSample.values); doubles(f.sampleAgeSample.values)
        doubles(o.open.workingSince)
        let l = o.open.levels.fields
        double(l.origin); double(l.width); int(l.bins)
        doubles(l.area); doubles(l.level); doubles(l.lastChange); doubles(l.bin.map { Double($0) }); doubles(l.binEnd)
        int(o.open.stillWaiting.count)
        for w in o.open.stillWaiting { int(w.level); double(w.since) }
        for desks in [o.open.desksBusy, o.open.desksOpen] { int(desks.count); for d in desks { for x in d.fields { double(x) } } }
        double(o.open.end); double(o.open.stop); double(o.open.lastDeskChange)
        if let dry = o.dry {
            int(1); int(dry.timeInSystem.count)
            for t in dry.timeInSystem { tally(t) }
            for n in dry.gaveUp { int(n) }
        } else {
            int(0)
        }
    }
}

extension ByteReader {
    mutating func double() -> Double? { uint().map { Double(bitPattern: $0) } }

    mutating func tally() -> Tally? {
        guard let n = int() else { return nil }
        var x: [Double] = []
        for _ in 0..<5 { guard let v = double() else { return nil }; x.append(v) }
        return Tally(count: n, numbers: x)
    }

    mutating func ints(_ n: Int) -> [Int]? {
        var xs: [Int] = []
        for _ in 0..<n { guard let v = int() else { return nil }; xs.append(v) }
        return xs
    }

    /// A group's outcome, if it has the shape of `round`'s (nil, never a trap, otherwise).
    mutating func outcome(of round: CompiledRound) -> GroupOutcome? {
        guard let counts = ints(10), let longestSpan = double() else { return nil }
        var f = RoundFigures(round, end: round.opening)
        (f.residents, f.swabbed, f.gaveUp, f.over20, f.over60) = (counts[0], counts[1], counts[2], counts[3], counts[4])
        (f.tubesOverBox, f.tubesLeft, f.courierRuns, f.samplesOverLimit, f.events) = (counts[5], counts[6], counts[7], counts[8], counts[9])
        f.longestSpan = longestSpan
        guard int() == round.sites.count else { return nil }
        for s in f.sites.indices {
            guard let a = tally(), let b = tally(), let c = tally(), let d = tally(), let lastSwab = double(), let lost = double(),
                  let n = ints(7) else { return nil }
            var x = RoundFigures.SiteFigures(waitRegistration: a, waitSwab: b, timeInSystem: c, returnersTimeAway: d)
            x.lastSwab = lastSwab; x.lostToWeatherSeconds = lost
            (x.residents, x.gaveUp, x.over20, x.over60, x.tubesOverBox, x.tubesLeft) = (n[0], n[1], n[2], n[3], n[4], n[5])
            x.series.swabbed = n[6]
            f.sites[s] = x
        }
        guard int() == round.teams.count else { return nil }
        for t in f.teams.indices {
            guard let a = double(), let b = double(), let c = double(), let d = double() else { return nil }
            f.teams[t] = RoundFigures.TeamFigures(active: a, busy: b, overtime: c, longestSpan: d)
        }
        guard int() == round.couriers.count else { return nil }
        for c in f.couriers.indices {
            guard let km = double(), let age = tally(), let runs = int(), let over = int() else { return nil }
            f.couriers[c] = RoundFigures.CourierFigures(kilometres: km, sampleAge: age, runCount: runs, samplesOverLimit: over)
        }
        guard let times = doubles(), let ages = doubles(), let workingSince = doubles(), workingSince.count == round.teams.count else { return nil }
        f.timeInSystemSample = QuantileSample(values: times)
        f.sampleAgeSample = QuantileSample(values: ages)
        let levelCount = Level.perSite * round.sites.count
        guard let origin = double(), origin == round.opening, let width = double(), width == CompiledRound.binSeconds,
              let bins = int(), bins == RoundState.seriesBins(round),
              let area = doubles(), let level = doubles(), let lastChange = doubles(), let bin = doubles(), let binEnd = doubles(),
              level.count == levelCount, bin.allSatisfy({ $0 >= 0 && $0 <= Double(bins) }),
              let levels = BinnedLevels(fields: .init(origin: origin, width: width, bins: bins, area: area, level: level, lastChange: lastChange,
                                                       bin: bin.map { Int($0) }, binEnd: binEnd)),
              let waiting = count(of: 16) else { return nil }
        var stillWaiting: [(level: Int, since: Double)] = []
        for _ in 0..<waiting {
            guard let l = int(), (0..<levelCount).contains(l), let since = double() else { return nil }
            stillWaiting.append((l, since))
        }
        var desks: [[TimeWeighted]] = []
        for _ in 0..<2 {
            guard int() == round.sites.count else { return nil }
            var these: [TimeWeighted] = []
            for _ in 0..<round.sites.count {
                var x: [Double] = []
                for _ in 0..<5 { guard let v = double() else { return nil }; x.append(v) }
                guard let d = TimeWeighted(fields: x) else { return nil }
                these.append(d)
            }
            desks.append(these)
        }
        guard let end = double(), let stop = double(), let lastDeskChange = double(), let hasDry = int() else { return nil }
        var dry: DryFigures?
        if hasDry == 1 {
            guard int() == round.sites.count else { return nil }
            var times: [Tally] = []
            for _ in 0..<round.sites.count { guard let t = tally() else { return nil }; times.append(t) }
            guard let gaveUp = ints(round.sites.count) else { return nil }
            dry = DryFigures(timeInSystem: times, gaveUp: gaveUp)
        } else if hasDry != 0 {
            return nil
        }
        f.end = end
        let open = OpenFigures(figures: f, workingSince: workingSince, levels: levels, stillWaiting: stillWaiting,
                               desksBusy: desks[0], desksOpen: desks[1], end: end, stop: stop, lastDeskChange: lastDeskChange)
        return GroupOutcome(open: open, dry: dry)
    }
}
