// SPDX-License-Identifier: GPL-3.0-or-later
//
// Equivalent nodal demands: summed over each node's subtree they give back the planner's design
// flow in the pipe into that node (what EPANET and pandapipes compute), and they are negative
// where the peak of several branches together is less than the sum of their peaks.

import ConnplanCore
import ConnplanPlanner
import TestSupport
import XCTest

@testable import ConnplanExport

final class PlanNetworkTests: XCTestCase {
    /// Σ demands over the subtree below each pipe = the pipe's design flow, on every random plan
    /// (gas and water) and the bundled ones; the demands of a tree sum to its source's flow.
    func testSubtreeSumsOfEquivalentDemandsAreTheDesignFlows() throws {
        var plans = try ExportFixtures.randomPlans(.gas, seeds: 0..<60).map { ($0.scenario, $0.plan) }
        plans += try ExportFixtures.randomPlans(.water, seeds: 10_000..<10_060).map { ($0.scenario, $0.plan) }
        plans.append(try ExportFixtures.plan(ExportFixtures.compound79))
        plans.append(try ExportFixtures.plan(ExportFixtures.shifo))
        XCTAssertGreaterThan(plans.count, 40)
        var negative = 0
        for (scenario, plan) in plans {
            let network = PlanNetwork(scenario: scenario, plan: plan)
            let demand = Dictionary(uniqueKeysWithValues: network.nodes.map { ($0.id, $0.equivalentDemandCubicMetresPerHour) })
            var children: [String: [String]] = [:]
            for s in plan.segments { children[s.upstreamNodeID, default: []].append(s.downstreamNodeID) }
            func subtree(_ v: String) -> Double { (demand[v] ?? .nan) + (children[v] ?? []).reduce(0) { $0 + subtree($1) } }
            for s in plan.segments {
                XCTAssertEqual(
                    subtree(s.downstreamNodeID), s.designFlowCubicMetresPerHour, accuracy: 1e-9 * max(1, s.designFlowCubicMetresPerHour),
                    "\(scenario.name) \(s.segmentID)")
            }
            // What the source supplies in the peer tool: the pipes leaving it; never less than the
            // source's own design flow (design flows are subadditive), equal when it feeds one pipe.
            for use in plan.sources {
                let node = try XCTUnwrap(scenario.sources.first { $0.id == use.sourceID }).nodeID
                let leaving = plan.segments.filter { $0.upstreamNodeID == node }
                let total = (children[node] ?? []).reduce(0) { $0 + subtree($1) }
                XCTAssertEqual(total, leaving.reduce(0) { $0 + $1.designFlowCubicMetresPerHour }, accuracy: 1e-9 * max(1, total))
                XCTAssertGreaterThanOrEqual(total, use.designFlowCubicMetresPerHour * (1 - 1e-12), "\(scenario.name) \(use.sourceID)")
                if leaving.count == 1 {
                    XCTAssertEqual(total, use.designFlowCubicMetresPerHour, accuracy: 1e-9 * max(1, total), "\(scenario.name) \(use.sourceID)")
                }
            }
            XCTAssertEqual(network.nodes.count, Set(network.nodes.map(\.id)).count, "each node once")
            XCTAssertEqual(network.pipes.count, plan.segments.count)
            negative += network.nodes.filter { $0.equivalentDemandCubicMetresPerHour < -1e-9 }.count
        }
        // The family must exercise the non-additive case, or the test proves little.
        XCTAssertGreaterThan(negative, 10)
    }

    /// Shifo: every junction where the route branches has a negative demand (probability method).
    func testShifoBranchingJunctionsGiveBackFlow() throws {
        let (scenario, plan) = try ExportFixtures.plan(ExportFixtures.shifo)
        let network = PlanNetwork(scenario: scenario, plan: plan)
        let outDegree = Dictionary(grouping: plan.segments, by: \.upstreamNodeID).mapValues(\.count)
        for node in network.nodes where node.sourceID == nil && (outDegree[node.id] ?? 0) >= 2 {
            XCTAssertLessThan(node.equivalentDemandCubicMetresPerHour, 0, node.id)
        }
        for b in scenario.buildings {
            let node = try XCTUnwrap(network.nodes.first { $0.id == b.nodeID })
            XCTAssertEqual(
                node.equivalentDemandCubicMetresPerHour,
                DesignFlow.householdsFlowCubicMetresPerHour(households: b.households, demand: scenario.demand), accuracy: 1e-9)
        }
    }

    func testInvalidIDsAreRenamedWithoutClashes() {
        let ids = PlanNetwork.exportIDs(["N1", "has space", String(repeating: "x", count: 40), "ok"], prefix: "N", isValid: EPANETExport.isValidID)
        XCTAssertEqual(ids["N1"], "N1")
        XCTAssertEqual(ids["has space"], "N2")
        XCTAssertEqual(ids[String(repeating: "x", count: 40)], "N3")
        XCTAssertEqual(ids["ok"], "ok")
    }
}
