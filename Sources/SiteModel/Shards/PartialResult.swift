import Scenario

/// The replications one shard of a run computed, with what identifies the run, as bytes that
/// merge into exactly the figures one process gives: every number is kept as its bit pattern.
///
///     let part = PartialResult(run: run, shard: 2, results: Experiment.runs(round, replications: run.range(shard: 2), ...))
///     let bytes = part.encoded()
///     let back = try PartialResult(decoding: bytes)   // the same value; damage is refused
///
/// Layout: a magic line, the run's fields, the shard, then per replication its metric vector,
/// its events and each site's five binned series and swab count; last, an FNV-1a 64-bit
/// checksum of everything before it (a file cut short or changed in transit fails it).
public struct PartialResult: Sendable {
    public var run: ShardedRun
    /// 1-based, as `--shard K/N` says it.
    public var shard: Int
    /// The replications of `run.range(shard:)`, in order.
    public var results: [ReplicationResult]

    public init(run: ShardedRun, shard: Int, results: [ReplicationResult]) {
        self.run = run; self.shard = shard; self.results = results
    }

    static let magic = Array("SWABPLAN PART 1\n".utf8)

    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        case notAPart
        case damaged
        case malformed(String)

        public var description: String {
            switch self {
            case .notAPart: return "not a SwabPlan partial result (written by `swabplan simulate --shard K/N`)"
            case .damaged: return "the file is damaged (its checksum does not match: cut short or changed since it was written); run that shard again"
            case .malformed(let what): return "the file is damaged (\(what)); run that shard again"
            }
        }
    }

    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.bytes(PartialResult.magic)
        run.encode(&w)
        w.int(shard)
        w.int(results.count)
        for r in results {
            w.int(r.events)
            w.doubles(r.metrics)
            w.int(r.sites.count)
            for s in r.sites {
                for series in [s.registrationQueue, s.swabQueue, s.stationsBusy, s.stationsStaffed, s.paused] { w.doubles(series) }
                w.int(s.swabbed)
            }
        }
        w.uint(Checksum.fnv1a(w.out))
        return w.out
    }

    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        guard bytes.count >= PartialResult.magic.count, Array(bytes.prefix(PartialResult.magic.count)) == PartialResult.magic else {
            throw .notAPart
        }
        guard bytes.count >= PartialResult.magic.count + 8 else { throw .damaged }
        let body = bytes[..<(bytes.count - 8)]
        var tail = ByteReader(bytes[(bytes.count - 8)...])
        guard let stored = tail.uint(), stored == Checksum.fnv1a(body) else { throw .damaged }
        var r = ByteReader(body.dropFirst(PartialResult.magic.count))
        guard let run = ShardedRun(decoding: &r) else { throw .malformed("its header is unreadable") }
        guard let shard = r.int(), (1...run.shards).contains(shard) else { throw .malformed("no valid shard number") }
        let range = run.range(shard: shard)
        guard let count = r.int(), count == range.count else { throw .malformed("it holds a different number of replications than its shard") }
        var results: [ReplicationResult] = []
        results.reserveCapacity(count)
        for _ in 0..<count {
            guard let events = r.int(), let metrics = r.doubles(), metrics.count == MetricName.allCases.count,
                  let siteCount = r.int(), siteCount >= 0, siteCount <= Limits.maxSites else { throw .malformed("a replication is unreadable") }
            var sites: [SiteSeries] = []
            for _ in 0..<siteCount {
                guard let reg = r.doubles(), let swab = r.doubles(), let busy = r.doubles(), let staffed = r.doubles(),
                      let paused = r.doubles(), let swabbed = r.int() else { throw .malformed("a site's series is unreadable") }
                sites.append(SiteSeries(registrationQueue: reg, swabQueue: swab, stationsBusy: busy, stationsStaffed: staffed,
                                        paused: paused, swabbed: swabbed))
            }
            results.append(ReplicationResult(metrics: metrics, sites: sites, events: events, detail: nil))
        }
        guard r.isAtEnd else { throw .malformed("bytes left over after the last replication") }
        self.init(run: run, shard: shard, results: results)
    }
}

/// What makes two shards parts of one run: the same inputs (by their fingerprint), the same
/// seed, the same number of replications split the same number of ways. The paths and options
/// are kept so `swabplan merge` can load the scenario again.
public struct ShardedRun: Sendable, Equatable {
    public var scenarioPath: String
    /// As given to `--plan`, or nil.
    public var plan: PlanChoice?
    /// `--weather` spells.
    public var weather: [WeatherWindow]
    public var language: Language
    /// FNV-1a 64 of every input file's bytes and the options above (`Checksum.fingerprint`).
    public var fingerprint: UInt64
    public var seed: UInt64
    public var replications: Int
    public var shards: Int

    public init(scenarioPath: String, plan: PlanChoice?, weather: [WeatherWindow], language: Language, fingerprint: UInt64,
                seed: UInt64, replications: Int, shards: Int) {
        self.scenarioPath = scenarioPath; self.plan = plan; self.weather = weather; self.language = language
        self.fingerprint = fingerprint; self.seed = seed; self.replications = replications; self.shards = shards
    }

    /// More than any run asks for (`simulate` takes at most 100,000); it keeps
    /// `k * replications` below overflow for a part read from a file.
    public static let maxReplications = 1_000_000

    /// Shard k's replications (1-based k): contiguous, sizes differing by at most one, together
    /// 0..<replications. Replication r is the same whichever shard (or process) runs it.
    public func range(shard k: Int) -> Range<Int> {
        (k - 1) * replications / shards ..< k * replications / shards
    }

    func encode(_ w: inout ByteWriter) {
        w.string(scenarioPath)
        w.int(plan == nil ? 0 : 1); w.string(plan?.text ?? "")
        w.int(weather.count); for s in weather { w.string(s.whatIfText) }
        w.string(language.rawValue)
        w.uint(fingerprint); w.uint(seed)
        w.int(replications); w.int(shards)
    }

    /// At most `maxShards` shards (default: one a replication).
    init?(decoding r: inout ByteReader, maxShards: Int? = nil) {
        guard let path = r.string(), let hasPlan = r.int(), let plan = r.string(), let n = r.int(), n >= 0, n <= 1000 else { return nil }
        var weather: [WeatherWindow] = []
        for _ in 0..<n {
            guard let s = r.string(), case .success(let spell) = WhatIf.weather(s) else { return nil }
            weather.append(spell)
        }
        guard let lang = r.string(), let language = Language(rawValue: lang), let fingerprint = r.uint(), let seed = r.uint(),
              let replications = r.int(), (1...ShardedRun.maxReplications).contains(replications),
              let shards = r.int(), shards >= 1, shards <= (maxShards ?? replications) else { return nil }
        self.init(scenarioPath: path, plan: hasPlan == 1 ? PlanChoice(plan) : nil, weather: weather, language: language,
                  fingerprint: fingerprint, seed: seed, replications: replications, shards: shards)
    }
}

/// FNV-1a, 64 bits: a checksum against damage in transit, not against an adversary.
public enum Checksum {
    public static func fnv1a<C: Collection>(_ bytes: C, start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
        var h = start
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// One number for a run's inputs: each file's length and bytes, then each option, in order.
    public static func fingerprint(files: [[UInt8]], options: [String]) -> UInt64 {
        var w = ByteWriter()
        for f in files { w.int(f.count); w.bytes(f) }
        for o in options { w.string(o) }
        return fnv1a(w.out)
    }
}

/// Little-endian fixed-width fields and length-prefixed strings and arrays.
struct ByteWriter {
    var out: [UInt8] = []
    mutating func bytes(_ b: [UInt8]) { out += b }
    mutating func uint(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v))) }
    mutating func string(_ s: String) { int(s.utf8.count); out += s.utf8 }
    mutating func doubles(_ xs: [Double]) {
        int(xs.count)
        for x in xs { uint(x.bitPattern) }
    }
}

/// Reads what `ByteWriter` wrote; nil (never a trap) when the bytes run out or a count is
/// larger than what is left.
struct ByteReader {
    private var bytes: ArraySlice<UInt8>
    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    var isAtEnd: Bool { bytes.isEmpty }
    var remaining: Int { bytes.count }
    /// Skips `n` bytes; false (nothing skipped) when fewer are left.
    mutating func skip(_ n: Int) -> Bool {
        guard n >= 0, n <= bytes.count else { return false }
        bytes = bytes.dropFirst(n)
        return true
    }

    mutating func uint() -> UInt64? {
        guard bytes.count >= 8 else { return nil }
        var v: UInt64 = 0
        for (i, b) in bytes.prefix(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        bytes = bytes.dropFirst(8)
        return v
    }
    mutating func int() -> Int? { uint().map { Int(Int64(bitPattern: $0)) } }
    mutating func count(of size: Int) -> Int? {
        guard let n = int(), n >= 0, n <= bytes.count / size else { return nil }
        return n
    }
    mutating func string() -> String? {
        guard let n = count(of: 1) else { return nil }
        defer { bytes = bytes.dropFirst(n) }
        return String(decoding: bytes.prefix(n), as: UTF8.self)
    }
    mutating func doubles() -> [Double]? {
        guard let n = count(of: 8) else { return nil }
        var xs: [Double] = []
        xs.reserveCapacity(n)
        for _ in 0..<n { xs.append(Double(bitPattern: uint()!)) }
        return xs
    }
}
