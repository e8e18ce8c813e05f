// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import ConnplanCore
import Foundation
import MILP
import TestSupport
import XCTest

/// The master search branches on the most fractional variable where pipe sizes follow loads
/// (the cheapest pipe of the median segment carries at most a quarter of all households), and on
/// hybrid pseudocosts where they follow head loss. Both rules are exact; only the time differs.
final class BranchingRuleTests: XCTestCase {
    private func scenario(_ path: String) throws -> Scenario { try ScenarioLoader.load(path: path).scenario }

    func testRuleFollowsTheShareTheCheapestPipeCarries() throws {
        // Grid of issue 3: the cheapest pipe carries 10 households of 219.
        let grid = try scenario(PlannerFixtures.directory.appendingPathComponent("grid-5x5-s1.yaml").path)
        XCTAssertTrue(MasterSearch.wantsMostFractionalBranching(Network(scenario: grid)))
        // Shifo: the cheapest street pipe carries 72 of 192 households; sizes follow head loss.
        let shifo = try scenario(CLIRunner.packageRoot.appendingPathComponent("scenarios/shifo-water.yaml").path)
        XCTAssertFalse(MasterSearch.wantsMostFractionalBranching(Network(scenario: shifo)))
        // Compound 79: every pipe carries all 20 households.
        let compound = try scenario(CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gas.yaml").path)
        XCTAssertFalse(MasterSearch.wantsMostFractionalBranching(Network(scenario: compound)))
    }

    /// A generated compound with pressure on (`connplan-bench --family compound`, 12 buildings,
    /// seed 3): the cheapest pipe carries a small share, but pipes sized by load alone leave a
    /// building short of pressure, so sizes follow head loss and the search keeps pseudocosts
    /// (with the most fractional rule it took 3,493 nodes instead of 435, docs/performance.md).
    /// The grid fixture has no pressure rows at all.
    func testPseudocostsWhereLoadSizedPipesFallShortOfPressure() throws {
        let compound = try scenario(PlannerFixtures.directory.appendingPathComponent("compound-b12-s3-pon.yaml").path)
        let net = Network(scenario: compound)
        let planner = RoutePlanner(scenario: compound)
        XCTAssertTrue(MasterSearch.wantsMostFractionalBranching(net))
        XCTAssertTrue(planner.capacitySizingFallsShortOfPressure(net))
        XCTAssertEqual(MasterSearch(network: net, headLossDecidesSizes: true).branching, .hybridPseudocost)
        XCTAssertTrue(RouteFormulation(network: net).hasPotentials)
        let result = try planner.plan()
        XCTAssertEqual(result.status, .optimal)

        let grid = try scenario(PlannerFixtures.directory.appendingPathComponent("grid-5x5-s1.yaml").path)
        let gridNet = Network(scenario: grid)
        XCTAssertFalse(RouteFormulation(network: gridNet).hasPotentials && planner.capacitySizingFallsShortOfPressure(gridNet))
        XCTAssertEqual(MasterSearch(network: gridNet, headLossDecidesSizes: false).branching, .mostFractional)
    }

    func testBothRulesProveTheSameOptimumOnTheGrid() throws {
        let grid = try scenario(PlannerFixtures.directory.appendingPathComponent("grid-5x5-s1.yaml").path)
        var costs: [Fen] = []
        for rule in [BranchingRule.mostFractional, .hybridPseudocost] {
            var options = PlannerOptions()
            options.branching = rule
            let result = try RoutePlanner(scenario: grid, options: options).plan()
            XCTAssertEqual(result.status, .optimal, rule.rawValue)
            costs.append(try XCTUnwrap(result.plan?.costs.totalFen))
        }
        XCTAssertEqual(costs[0], costs[1])
    }
}
