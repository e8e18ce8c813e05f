// SPDX-License-Identifier: GPL-3.0-or-later
//
// Plans to export: the bundled scenarios and seeded random ones (TestSupport.RandomScenarios).

import ConnplanCore
import ConnplanPlanner
import Foundation
import TestSupport
import XCTest

enum ExportFixtures {
    static let compound79 = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gas.yaml").path
    static let compound79GIS = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gis/compound-79-gis.yaml").path
    static let shifo = CLIRunner.packageRoot.appendingPathComponent("scenarios/shifo-water.yaml").path

    /// The optimal plan of a scenario file.
    static func plan(_ path: String) throws -> (scenario: Scenario, plan: Plan) {
        let scenario = try ScenarioLoader.load(path: path).scenario
        let result = try RoutePlanner(scenario: scenario, options: PlannerOptions()).plan()
        let plan = try XCTUnwrap(result.plan, "\(path) has no plan: \(result.status)")
        return (scenario, plan)
    }

    /// The optimal plans of the random scenarios of `utility` that have one.
    static func randomPlans(_ utility: Utility, seeds: Range<UInt64>) throws -> [(seed: UInt64, scenario: Scenario, plan: Plan)] {
        let standards = try Standards.load()
        var out: [(UInt64, Scenario, Plan)] = []
        for seed in seeds {
            let scenario = RandomScenarios.small(seed: seed, utility: utility, standards: standards)
            if let plan = try RoutePlanner(scenario: scenario, options: PlannerOptions()).plan().plan {
                out.append((seed, scenario, plan))
            }
        }
        return out
    }

    /// A new empty directory, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}
