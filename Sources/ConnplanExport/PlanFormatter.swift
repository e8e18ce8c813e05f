// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import ConnplanPlanner

/// What a plan output needs: the scenario, the planning result, and whether to print timings.
public struct PlanReport: Sendable {
    public var scenario: Scenario
    public var result: PlanningResult
    public var warnings: [Finding]
    /// Leave out wall-clock figures so that the same input gives the same bytes.
    public var reproducible: Bool
    public init(scenario: Scenario, result: PlanningResult, warnings: [Finding] = [], reproducible: Bool = false) {
        self.scenario = scenario
        self.result = result
        self.warnings = warnings
        self.reproducible = reproducible
    }
}

/// One output format of `connplan plan`. One type per format.
public protocol PlanFormatter {
    func format(_ report: PlanReport) -> String
}
