// swift-tools-version: 6.0
// connplan: plans gas and water connections for old residential compounds.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "connplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "connplan", targets: ["connplan"]),
        .library(name: "ConnplanCore", targets: ["ConnplanCore"]),
        .library(name: "ConnplanPlanner", targets: ["ConnplanPlanner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // GLPK 5 (GPL-3). Debian ships no pkg-config file, so the module map links it by name.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        // libxlsxwriter (BSD-2), for the spreadsheets finance staff open. Has a pkg-config file.
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // The only module that imports CXLSXWriter: a small workbook API.
        .target(name: "XLSXWriter", dependencies: ["CXLSXWriter"]),
        // Solver-neutral MILP model: variables, linear constraints, objective, LP/MPS writers.
        .target(name: "MILP"),
        // The only module that imports CGLPK.
        .target(name: "GLPKBackend", dependencies: ["MILP", "CGLPK"]),
        // Domain model, scenario loading and validation, hydraulics, independent checks.
        .target(
            name: "ConnplanCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Standards")]
        ),
        // Route and diameter optimisation (MILP + exact hydraulic cuts).
        .target(name: "ConnplanPlanner", dependencies: ["ConnplanCore", "MILP", "GLPKBackend"]),
        // Works schedule: tasks from a plan, crews and calendar, time-indexed MILP and priority-rule heuristic.
        .target(name: "ConnplanSchedule", dependencies: ["ConnplanCore", "ConnplanPlanner", "MILP"]),
        // Cost-share plan: who pays what, per household, reconciled to the fen (GLPK LP, leximin).
        .target(name: "ConnplanFinance", dependencies: ["ConnplanCore", "ConnplanPlanner", "MILP", "GLPKBackend"]),
        // Every connection option side by side: per-source plans, consent what-ifs, the safe plan,
        // neighbour impact (independent planner runs in parallel; the caller supplies the solver).
        .target(name: "ConnplanCompare", dependencies: ["ConnplanCore", "ConnplanPlanner", "MILP"]),
        // Output formats for each user (text, JSON, ...).
        .target(name: "ConnplanExport", dependencies: ["ConnplanCore", "ConnplanPlanner", "ConnplanFinance", "ConnplanCompare", "ConnplanSchedule", "XLSXWriter"]),
        // The HTML report (one self-contained file: inline CSS and SVG, no scripts), built from sections.
        .target(name: "ConnplanReport", dependencies: ["ConnplanCore", "ConnplanPlanner", "ConnplanFinance", "ConnplanCompare", "ConnplanSchedule", "ConnplanExport"]),
        .executableTarget(
            name: "connplan",
            dependencies: [
                "ConnplanCore", "ConnplanPlanner", "ConnplanFinance", "ConnplanExport", "ConnplanReport", "MILP",
                "ConnplanCompare", "ConnplanSchedule", "GLPKBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark harness (run as `swift run -c release connplan-bench`), not a test.
        .executableTarget(
            name: "connplan-bench",
            dependencies: [
                "ConnplanCore", "ConnplanPlanner", "MILP", "GLPKBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/connplan-bench"
        ),
        .target(name: "TestSupport", dependencies: ["ConnplanCore", "ConnplanPlanner", "MILP"], path: "Tests/TestSupport"),
        .testTarget(name: "MILPTests", dependencies: ["MILP"]),
        .testTarget(name: "XLSXWriterTests", dependencies: ["XLSXWriter"]),
        .testTarget(name: "GLPKBackendTests", dependencies: ["GLPKBackend", "MILP"]),
        .testTarget(name: "ConnplanCoreTests", dependencies: ["ConnplanCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConnplanPlannerTests", dependencies: ["ConnplanPlanner", "ConnplanCore", "TestSupport", "MILP", "GLPKBackend"], exclude: ["Fixtures"]),
        .testTarget(name: "ConnplanCLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "ConnplanScheduleTests", dependencies: ["ConnplanSchedule", "ConnplanPlanner", "ConnplanCore", "TestSupport", "MILP", "GLPKBackend"]),
        .testTarget(name: "ConnplanFinanceTests", dependencies: ["ConnplanFinance", "ConnplanPlanner", "ConnplanCore", "TestSupport"]),
        .testTarget(
            name: "ConnplanCompareTests",
            dependencies: ["ConnplanCompare", "ConnplanPlanner", "ConnplanCore", "ConnplanExport", "TestSupport", "MILP", "GLPKBackend"]),
        .testTarget(
            name: "ConnplanExportTests", dependencies: ["ConnplanExport", "ConnplanPlanner", "ConnplanCore", "TestSupport"],
            exclude: ["Snapshots"]),
        .testTarget(name: "ConnplanReportTests", dependencies: ["ConnplanReport", "ConnplanFinance", "ConnplanPlanner", "ConnplanCore", "TestSupport"]),
    ]
)
