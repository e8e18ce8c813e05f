// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore
import Foundation
import TestSupport

/// Scenarios for the master's cut and heuristic tests: a 5×5 street grid written by
/// `connplan-bench --write-scenario` (Fixtures/grid-5x5-s1.yaml, issue 3's grid family) and
/// `count` small random networks, gas and water alternately, from `firstSeed` on.
enum PlannerFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: directory.appendingPathComponent(name).path).scenario
    }

    static func gridAndRandom(firstSeed: UInt64, count: UInt64) throws -> [Scenario] {
        let standards = try Standards.load()
        var scenarios = [try ScenarioLoader.load(path: directory.appendingPathComponent("grid-5x5-s1.yaml").path).scenario]
        for seed in UInt64(0)..<count {
            scenarios.append(RandomScenarios.small(seed: firstSeed + seed, utility: seed % 2 == 0 ? .gas : .water, standards: standards))
        }
        return scenarios
    }
}
