// SPDX-License-Identifier: GPL-3.0-or-later
//
// A time limit returns the best plan found so far, with an honest status and gap. A stub backend
// plays a master solve that stops early (as GLPK does at tm_lim) with only the offered start.

import ConnplanCore
import ConnplanPlanner
import MILP
import TestSupport
import XCTest

/// Returns the offered start as a feasible, unproven solution (or nothing), never a bound.
struct StoppedEarlySolver: MILPSolver {
    func solve(_ model: Model, options: SolveOptions) throws -> Solution {
        guard let start = options.initialSolution else {
            return Solution(status: .noSolutionWithinTimeLimit, objectiveValue: nil, bestBound: nil, relativeGap: nil, values: [], seconds: 0)
        }
        return Solution(status: .feasible, objectiveValue: model.objective.evaluate(start), bestBound: nil, relativeGap: nil,
                        values: start, seconds: 0)
    }
}

final class TimeLimitTests: XCTestCase {
    func testStoppedSearchReturnsTheHeuristicPlanUnproven() throws {
        let standards = try Standards.load()
        var checked = 0
        for seed in UInt64(0)..<60 {
            let s = RandomScenarios.small(seed: seed, utility: .water, standards: standards)
            guard let optimal = try RoutePlanner(scenario: s).plan().plan else { continue }
            let r = try RoutePlanner(scenario: s, options: PlannerOptions(timeLimitSeconds: 5), solver: StoppedEarlySolver(), backendName: "stub").plan()
            guard let plan = r.plan else {
                XCTAssertEqual(r.status, .noSolutionWithinTimeLimit, "seed \(seed)")
                continue
            }
            XCTAssertEqual(r.status, .feasible, "seed \(seed): an unproven plan must not be called optimal")
            XCTAssertGreaterThan(r.solver.relativeGap ?? 0, 0, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(plan.costs.totalFen, optimal.costs.totalFen, "seed \(seed)")
            XCTAssertEqual(PlanChecker.check(plan, scenario: s), [], "seed \(seed)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20, "the construction heuristic should find most random plans")
    }
}
