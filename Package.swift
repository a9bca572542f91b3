// swift-tools-version:6.0
import PackageDescription

/// Release builds keep Swift's bounds and overflow checks everywhere: `-Ounchecked` bought 1-3%
/// and turned a missed check into silent memory corruption. Raw pointers are used where a hot
/// loop or a C library needs them, each behind a small type or a single function:
/// - the engine's storage: `Slab`, `EventList`, `BucketSort` (accesses checked with
///   `precondition`) and `Replications`' result slots (SimKit);
/// - scratch buffers of the lift queue in `Residents`, and `SiteGroups`' arrival array
///   filled in place (SiteModel);
/// - calls into C: GSL's generator state (`RandomStream`), zlib (`ZipArchive`), libyaml
///   (`YAMLComposer`), the UTF-16 and GB18030 decoders (`TextDecoding`);
/// - `withUnsafe...BufferPointer` reads in `Quantiles` and the shard format (`PartialResult`).

/// The engine, the round and the planner are optimised in debug builds too: the tests check the
/// simulation against queueing theory and run the optimiser, thousands of replications that
/// take ten times as long unoptimised. Bounds and overflow checks stay on (`-O`, not
/// `-Ounchecked`); only `assert` is compiled out, as in release.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "SwabPlan",
    platforms: [.macOS(.v13)],
    // MARK: Public products
    products: [
        .executable(name: "swabplan", targets: ["swabplan"]),
        .executable(name: "swabplan-bench", targets: ["swabplan-bench"]),
        .library(name: "SimKit", targets: ["SimKit"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "SiteModel", targets: ["SiteModel"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Only to write test workbooks: SwabPlan reads them with its own checked ZipArchive.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The workbench's web server (`swabplan serve`): its main target pulls in no TLS,
        // crypto or HTTP client (its testing target does, for the route tests only).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    // MARK: Implementation
    // Data flows one way: scenario -> plan -> simulation -> results -> reports. Each target
    // imports only those listed before it here:
    //   SimKit (the engine, random streams, statistics)
    //   Scenario (the model, its files and checks, the district generator)
    //   SiteModel (the round compiled and simulated, experiments, shard formats)
    //   Planner (optimise, re-plan, compare, advice, what-ifs)
    //   Reports (formatting only: tables, pages, notices, in a chosen wording)
    //   Workbench (the browser front end: pages, runs, the workspace's files)
    //   swabplan (the CLI) and swabplan-bench.
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .target(name: "SimKit", dependencies: ["CGSL"], swiftSettings: optimisedInDebug),
        // zlib's inflate for the deflated parts of an .xlsx workbook (zlib1g-dev).
        .systemLibrary(name: "CInflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The YAML composer reads libyaml's events through Yams's `CYaml` target, which Yams
        // builds but does not export as a product: only `YAMLComposer.swift` imports it
        // (`internal import`), so the rest of the package sees Yams's product alone.
        .target(name: "Scenario", dependencies: [.product(name: "Yams", package: "Yams"), "CInflate", "SimKit"]),
        .target(name: "SiteModel", dependencies: ["SimKit", "Scenario"], swiftSettings: optimisedInDebug),
        // CBC (COIN-OR branch and cut) for the optimiser's call-up MILP, through its C interface.
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        .target(name: "Planner", dependencies: ["SimKit", "Scenario", "SiteModel", "CCbc"], swiftSettings: optimisedInDebug),
        // Atomic folder swap (renameat2 RENAME_EXCHANGE on Linux) for publish --force.
        .target(name: "CFileSwap"),
        .target(name: "Reports", dependencies: ["SimKit", "Scenario", "SiteModel", "Planner", "CFileSwap"]),
        .target(name: "Workbench", dependencies: [
            "SimKit", "Scenario", "SiteModel", "Planner", "Reports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .executableTarget(name: "swabplan", dependencies: [
            "Scenario", "SiteModel", "Planner", "Reports", "Workbench",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "swabplan-bench", dependencies: ["SimKit", "Scenario", "SiteModel", "Planner"]),
        // Paths, temporary folders and fixtures every test target shares.
        .target(name: "TestSupport", dependencies: ["Scenario"], path: "Tests/TestSupport"),
        .testTarget(name: "SimKitTests", dependencies: ["SimKit"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    resources: [.copy("Malformed"), .copy("base-valid.yaml.txt"), .copy("Workbooks")]),
        .testTarget(name: "SiteModelTests", dependencies: ["SiteModel", "SimKit", "Scenario", "TestSupport"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "SiteModel", "Scenario", "SimKit", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["swabplan", "Reports", "TestSupport"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "WorkbenchTests", dependencies: [
            "Workbench", "SiteModel", "Scenario", "Reports", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
