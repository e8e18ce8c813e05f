// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import ConnplanCore
import Foundation
import MILP
import TestSupport
import XCTest

/// The LP-guided plan offered at GLPK's heuristic step: whatever the LP point, what it returns is
/// an exactly valid plan (the independent PlanChecker agrees), uses only what the user allowed, and
/// its master point satisfies every row and bound of the master (so GLPK's layer would offer it).
final class LPGuidedHeuristicTests: XCTestCase {
    func testPlansFromRandomLPPointsAreValid() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 30000, count: 40)
        var generator = SeededGenerator(seed: 0xFEED)
        func unit() -> Double { Double.random(in: 0..<1, using: &generator) }
        var plans = 0
        var distinct = 0
        for (i, scenario) in scenarios.enumerated() {
            let planner = RoutePlanner(scenario: scenario)
            let net = Network(scenario: scenario)
            let formulation = RouteFormulation(network: net, connectivity: .dicutsInSearch)
            var costs = Set<Fen>()
            for _ in 0..<12 {
                var x = [Double](repeating: 0, count: formulation.model.variables.count)
                for c in formulation.y.flatMap({ $0.flatMap { $0 } }) where unit() < 0.4 { x[c.index] = unit() }
                for c in formulation.u { x[c.index] = unit() }
                guard let ev = planner.lpGuidedPlan(net, formulation: formulation, at: x, stop: { false }) else { continue }
                plans += 1
                costs.insert(ev.costFen)
                XCTAssertTrue(ev.feasible, "scenario \(i): the heuristic returned an invalid plan")
                XCTAssertTrue(net.satisfiesRequirements(ev), "scenario \(i)")
                let plan = PlanBuilder(network: net).plan(for: ev)
                XCTAssertEqual(PlanChecker.check(plan, scenario: scenario).filter { $0.severity == .error }, [], "scenario \(i)")
                XCTAssertEqual(plan.costs.totalFen, ev.costFen, "scenario \(i)")
                let violations = formulation.model.violations(of: formulation.point(for: ev))
                XCTAssertEqual(violations.count, 0, "scenario \(i): master point violates \(violations.prefix(3))")
            }
            if costs.count > 1 { distinct += 1 }
        }
        print("LP-guided heuristic: \(plans) plans from random LP points, \(distinct) scenarios with more than one plan")
        XCTAssertGreaterThan(plans, 150)
        XCTAssertGreaterThanOrEqual(distinct, 3, "the LP point must steer the construction")
    }
}
