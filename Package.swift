// swift-tools-version:6.0
import PackageDescription

/// Release builds keep Swift's bounds and overflow checks everywhere: `-Ounchecked` bought 1-3%
/// and turned a missed check into silent memory corruption. The few unsafe buffers live in
/// `Slab`, `EventList` and `BucketSort`, whose accesses are checked with `precondition`.

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
    ],
    // MARK: Implementation
    // Data flows one way: Scenario -> SiteModel -> Reports -> swabplan. No target imports one to its right.
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        .target(name: "SimKit", dependencies: ["CGSL"]),
        // zlib's inflate for the deflated parts of an .xlsx workbook (zlib1g-dev).
        .systemLibrary(name: "CInflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Scenario", dependencies: [.product(name: "Yams", package: "Yams"), "CInflate"]),
        .target(name: "SiteModel", dependencies: ["SimKit", "Scenario"]),
        // CBC (COIN-OR branch and cut) for the optimiser's call-up MILP, through its C interface.
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        .target(name: "Planner", dependencies: ["SimKit", "Scenario", "SiteModel", "CCbc"]),
        // Atomic folder swap (renameat2 RENAME_EXCHANGE on Linux) for publish --force.
        .target(name: "CFileSwap"),
        .target(name: "Reports", dependencies: ["SimKit", "Scenario", "SiteModel", "Planner", "CFileSwap"]),
        .executableTarget(name: "swabplan", dependencies: [
            "Scenario", "SiteModel", "Planner", "Reports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "swabplan-bench", dependencies: ["SimKit", "Scenario", "SiteModel", "Planner"]),
        .testTarget(name: "SimKitTests", dependencies: ["SimKit"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    resources: [.copy("Malformed"), .copy("base-valid.yaml.txt"), .copy("Workbooks")]),
        .testTarget(name: "SiteModelTests", dependencies: ["SiteModel", "SimKit", "Scenario", "Planner"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "SiteModel", "Scenario", "SimKit"]),
        .testTarget(name: "CLITests", dependencies: ["swabplan", "Reports"], exclude: ["Golden", "Fixtures"]),
    ]
)
