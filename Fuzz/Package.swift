// swift-tools-version:6.0
// libFuzzer target over the scenario loader (YAML, and buildings workbooks) and a
// 2-replication simulation. A package of its
// own so that the main build never links a fuzzer runtime. Run with Fuzz/run.sh.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which is whatever the clone is called.
let main = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "SwabPlanFuzz",
    dependencies: [.package(path: ".."), .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20")],
    targets: [
        .executableTarget(name: "swabplan-fuzz", dependencies: [
            .product(name: "Scenario", package: main),
            .product(name: "SiteModel", package: main),
            .product(name: "Reports", package: main),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ]
)
