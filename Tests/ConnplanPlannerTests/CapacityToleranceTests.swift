// SPDX-License-Identifier: GPL-3.0-or-later
//
// A pipe whose velocity limit sits just below a household count's design flow, within the model
// tolerance (ModelTolerance.relativeFlow), carries that count in the exact model: the planner's
// evaluation and PlanChecker both accept it. The master counts capacities in households, so it
// must count that household too; otherwise that valid plan is no point of the master, and the
// planner's guard stops with "the master MILP leaves out a valid plan" instead of printing a plan.

@testable import ConnplanPlanner
import ConnplanCore
import XCTest

final class CapacityToleranceTests: XCTestCase {
    /// SRC → A (30 m), 40 households at A (and 10 at SRC, so that 41 is a count too); two pipes: `small` with its velocity limit at
    /// `factor` × the velocity of 40 households' design flow, and a dearer `large` one.
    private func scenario(factor: Double) throws -> Scenario {
        func text(_ velocity: Double) -> String {
            """
            connplan: 1
            name: velocity limit at a household boundary
            utility: water
            demand:
              persons_per_household: 3
              litres_per_person_day: 200
              peak_factor: 2.4
              method: peak_hour
              service_head: {first_floor_m: 10, second_floor_m: 12, per_extra_floor_m: 4}
            nodes:
              - {id: SRC, elevation_m: 0}
              - {id: A, elevation_m: 0}
            compounds:
              - id: C
                name: C
                buildings:
                  - {id: B1, node: A, floors: 3, households: 40}
                  - {id: B2, node: SRC, floors: 3, households: 10}
            owners:
              - {id: co, name: Water company, consent: granted}
            sources:
              - {id: S, name: Main, node: SRC, owner: co, head_m: 60, tie_in_cost_cny: 1000}
            pipes:
              - {id: small, material: PE100, dn: 40, inner_diameter_mm: 32.6, hazen_williams_c: 140, max_velocity_m_s: \(velocity), cost_per_m_cny: {street: 260}}
              - {id: large, material: PE100, dn: 63, inner_diameter_mm: 51.4, hazen_williams_c: 140, max_velocity_m_s: 1.5, cost_per_m_cny: {street: 340}}
            segments:
              - {id: S-A, from: SRC, to: A, length_m: 30, surface: street}
            """
        }
        let probe = try ScenarioLoader.parse(text: text(1.0), file: "probe.yaml").scenario
        let flow = Network(scenario: probe).designFlow(households: 40, explicit: 0)
        let d = 32.6 / 1000
        let velocity = flow / (Double.pi * d * d / 4 * 3600) * factor
        return try ScenarioLoader.parse(text: text(velocity), file: "boundary.yaml").scenario
    }

    /// The master's household capacity of a pipe is the largest count the exact model lets it
    /// carry: the count whose design flow is within tolerance of the limit, not one fewer.
    func testHouseholdCapacityMatchesTheModelTolerance() throws {
        for factor in [1 - 1e-11, 1 - 1e-10, 1.0, 1 + 1e-12] {
            let net = Network(scenario: try scenario(factor: factor))
            let limit = net.edges[0].options.first { $0.pipe.pipeID == "small" }!.maxFlowCubicMetresPerHour
            let count = net.householdsWithin(flow: limit)
            XCTAssertTrue(Tolerance.within(flow: net.designFlow(households: count, explicit: 0), limit: limit), "factor \(factor)")
            XCTAssertFalse(Tolerance.within(flow: net.designFlow(households: count + 1, explicit: 0), limit: limit), "factor \(factor)")
            XCTAssertEqual(count, 40, "factor \(factor): 40 households are within tolerance of the limit")
        }
        // Outside the tolerance the count drops.
        let net = Network(scenario: try scenario(factor: 1 - 1e-6))
        let limit = net.edges[0].options.first { $0.pipe.pipeID == "small" }!.maxFlowCubicMetresPerHour
        XCTAssertEqual(net.householdsWithin(flow: limit), 39)
    }

    /// End to end: the cheapest plan lays `small` at 40 households, just within tolerance; the
    /// planner proves it optimal and PlanChecker accepts it.
    func testPlanAtTheToleranceBoundaryIsProvenOptimal() throws {
        let s = try scenario(factor: 1 - 1e-11)
        let result = try RoutePlanner(scenario: s).plan()
        XCTAssertEqual(result.status, .optimal)
        let plan = try XCTUnwrap(result.plan)
        XCTAssertEqual(plan.segments.map(\.pipe.pipeID), ["small"])
        XCTAssertEqual(plan.segments.map(\.householdsDownstream), [40])
        XCTAssertEqual(PlanChecker.check(plan, scenario: s), [])
    }
}
