// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import ConnplanCore
import GLPKBackend
import MILP
import TestSupport
import XCTest

/// The master MILP must be a relaxation: every exactly valid plan is a feasible point of it
/// (`RouteFormulation.point(for:)` satisfies every row and bound; plans pruned of what serves no
/// demand, which only adds cost), or its optimum is no lower
/// bound and a cheaper valid plan could be missed. Random plans on a 5×5 grid and 300 small
/// random networks (gas and water, some with explicit demands without a pressure floor), and a
/// network where the cheapest valid plan loses 27 m of head on the way to such a demand.
final class MasterRelaxationTests: XCTestCase {
    func testEveryValidPlanIsAPointOfTheMaster() throws {
        var scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 40_000, count: 300)
        scenarios.append(try PlannerFixtures.load("no-floor-demand.yaml"))
        var rng = RandomPlans.Rng(state: 0xBEEF)
        var valid = 0
        var withPotentials = 0
        var unfloored = 0
        var withWeakSources = 0
        var withDownsizing = 0
        var downsized = 0
        var brokeUpstream = 0
        for (i, scenario) in scenarios.enumerated() {
            let net = Network(scenario: scenario)
            let formulation = RouteFormulation(network: net, initialLossLines: 16, routeColumns: true)
            if !formulation.weakSources.isEmpty { withWeakSources += 1 }
            for _ in 0..<30 {
                // Pruned: a branch or a source that serves no demand only adds cost, so the master
                // needs to contain the pruned plans only (the planner prunes what it reads, too).
                guard let raw = RandomPlans.plan(net, &rng) else { continue }
                let ev = net.evaluate(net.pruned(raw.candidate))
                guard ev.feasible, net.satisfiesRequirements(ev) else { continue }
                valid += 1
                if formulation.hasPotentials { withPotentials += 1 }
                if formulation.hasPotentials && net.hasUnflooredDemand { unfloored += 1 }
                var point = ev
                if formulation.downsizing {
                    // Where pressure cannot bind the master keeps the plans whose every pipe is the
                    // cheapest that carries its load: the downsized plan must be valid, no
                    // costlier, and in the master; and a plan that downsizing changes must break
                    // one of the downsizing rows, or they cut nothing.
                    withDownsizing += 1
                    let smaller = net.evaluate(net.downsized(ev.candidate))
                    XCTAssertTrue(smaller.feasible && net.satisfiesRequirements(smaller), "scenario \(i): the downsized plan is not valid")
                    XCTAssertLessThanOrEqual(smaller.costFen, ev.costFen, "scenario \(i): downsizing made the plan costlier")
                    if smaller.candidate != ev.candidate {
                        downsized += 1
                        let broken = formulation.model.violations(of: formulation.point(for: ev)).map(\.description)
                        XCTAssertTrue(
                            broken.contains { $0.contains("fewest_") || $0.contains("upstream_") },
                            "scenario \(i): a plan with a pipe larger than its load needs meets every downsizing row: \(broken)")
                        if broken.contains(where: { $0.contains("upstream_") }) { brokeUpstream += 1 }
                    }
                    point = smaller
                }
                let violations = formulation.model.violations(of: formulation.point(for: point))
                XCTAssertEqual(violations.map(\.description), [], "scenario \(i) (\(scenario.name)): a valid plan costing \(point.costFen) fen is not in the master")
            }
        }
        print("master relaxation: \(valid) valid plans checked, \(withPotentials) with potential rows, \(unfloored) of them with a demand without a pressure floor; \(withWeakSources) networks with a source fixed untapped as too weak; \(withDownsizing) with downsizing rows, \(downsized) of them downsized (\(brokeUpstream) broke an upstream-size row)")
        XCTAssertGreaterThan(valid, 1_000)
        XCTAssertGreaterThanOrEqual(withWeakSources, 5, "too few networks fix a weak source untapped to check that rule")
        XCTAssertGreaterThan(withPotentials, 300, "too few plans met the potential rows")
        XCTAssertGreaterThan(unfloored, 20, "too few plans fed a demand without a pressure floor")
        XCTAssertGreaterThan(downsized, 100, "too few plans with a pipe larger than its load needs to try the downsizing rows")
        XCTAssertGreaterThan(brokeUpstream, 20, "too few plans broke an upstream-size row to try that family")
    }

    /// Shifo's Hongxing pipe (24 m of head, 28 m needed at every building) can feed no valid
    /// plan, so the master leaves it untapped from the start; required, it is not fixed (the
    /// requirement rows make the master infeasible instead, and the diagnosis says why). The
    /// relaxation test above checks that no valid plan is lost by such fixings.
    func testASourceTooWeakForEveryDemandIsLeftUntapped() throws {
        let root = PlannerFixtures.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/shifo-water.yaml").path).scenario
        let net = Network(scenario: scenario)
        let formulation = RouteFormulation(network: net)
        XCTAssertEqual(formulation.weakSources.map { net.sources[$0].source.id }, ["S-HONGXING"])
        for (s, u) in formulation.u.enumerated() {
            let bounds = formulation.model.variables[u.index]
            XCTAssertEqual(bounds.upperBound, net.sources[s].source.id == "S-HONGXING" ? 0 : 1, net.sources[s].source.id)
        }
        var constraints = PlanConstraints()
        constraints.required = ["S-HONGXING"]
        let required = RouteFormulation(network: Network(scenario: scenario, constraints: constraints))
        XCTAssertEqual(required.weakSources, [])
        let result = try RoutePlanner(scenario: scenario, options: PlannerOptions(constraints: constraints)).plan()
        XCTAssertEqual(result.status, .infeasible)
    }

    /// The cheapest valid plan (23,000 CNY: the thinnest pipe everywhere, 27 m of head lost on the
    /// way to the unfloored demand) bounds the master's optimum from above. Before the fix the
    /// master's explicit-flow loss rows and potential bounds forced the wide pipe (63,000 CNY), so
    /// its "bound" exceeded a valid plan's cost.
    func testTheMasterOptimumIsALowerBoundWithAnUnflooredDemand() throws {
        let scenario = try PlannerFixtures.load("no-floor-demand.yaml")
        let net = Network(scenario: scenario)
        XCTAssertTrue(net.hasUnflooredDemand)
        let formulation = RouteFormulation(network: net)
        XCTAssertTrue(formulation.hasPotentials, "the building's head must bind, or the test proves nothing")
        let master = try GLPKSolver().solve(formulation.model, options: SolveOptions(relativeGap: 0))
        XCTAssertEqual(master.status, .optimal)
        XCTAssertLessThanOrEqual(master.objectiveValue ?? .infinity, 2_300_000 + 0.5)
        let result = try RoutePlanner(scenario: scenario).plan()
        XCTAssertEqual(result.status, .optimal)
        XCTAssertEqual(result.plan?.costs.totalFen, 2_300_000)
    }
}
