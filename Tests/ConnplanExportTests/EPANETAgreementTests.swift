// SPDX-License-Identifier: GPL-3.0-or-later
//
// EPANET as an oracle that shares none of connplan's code: the exported .inp of a water plan is
// run through WNTR's EpanetSimulator (the EPANET 2.2 engine that ships with WNTR); the head at
// every building must be the planner's within 0.5 m, and every pipe flow the design flow.

import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation
import TestSupport
import XCTest

final class EPANETAgreementTests: XCTestCase {
    /// The acceptance bound of issue 6: EPANET's head at every building within 0.5 m of the planner's.
    static let headToleranceMetres = 0.5

    struct Case {
        var name: String
        var scenario: Scenario
        var plan: Plan
    }

    func testShifoHeadsAgreeWithEPANET() throws {
        let (scenario, plan) = try ExportFixtures.plan(ExportFixtures.shifo)
        let worst = try compare([Case(name: "shifo", scenario: scenario, plan: plan)])
        print("EPANET vs connplan, Shifo: largest head deviation at a building \(String(format: "%.6f", worst.head)) m, largest flow deviation \(String(format: "%.2e", worst.flow)) m3/h (\(worst.simulator))")
    }

    func testRandomWaterPlansAgreeWithEPANET() throws {
        let plans = try ExportFixtures.randomPlans(.water, seeds: 10_000..<10_120)
        XCTAssertGreaterThan(plans.count, 30, "too few feasible random water plans to mean anything")
        let worst = try compare(plans.map { Case(name: "seed-\($0.seed)", scenario: $0.scenario, plan: $0.plan) })
        print("EPANET vs connplan, \(plans.count) random water plans: largest head deviation at a building \(String(format: "%.6f", worst.head)) m, largest flow deviation \(String(format: "%.2e", worst.flow)) m3/h (\(worst.simulator))")
    }

    /// Exports every case, runs them all in one python3 process, and asserts; returns the largest
    /// deviations found.
    private func compare(_ cases: [Case]) throws -> (head: Double, flow: Double, simulator: String) {
        if let missing = PeerTools.pythonModulesMissing(["wntr", "six"]) { throw XCTSkip(missing) }
        let dir = try ExportFixtures.temporaryDirectory(self)
        var paths: [String] = []
        for c in cases {
            let url = dir.appendingPathComponent("\(c.name).inp")
            try Data(try EPANETExport().export(scenario: c.scenario, plan: c.plan).utf8).write(to: url)
            paths.append(url.path)
        }
        let script = """
            import json, sys, wntr
            out = {}
            for path in sys.argv[1:]:
                wn = wntr.network.WaterNetworkModel(path)
                try:
                    results = wntr.sim.EpanetSimulator(wn).run_sim(file_prefix=path[:-4] + "-run")
                    simulator = "EpanetSimulator (EPANET 2.2)"
                except Exception as error:  # the EPANET library could not be loaded: WNTR's own solver
                    results = wntr.sim.WNTRSimulator(wn).run_sim()
                    simulator = "WNTRSimulator (%s)" % type(error).__name__
                heads = results.node["head"].iloc[0]
                flows = results.link["flowrate"].iloc[0]
                out[path] = {"simulator": simulator,
                             "head_m": {name: float(heads[name]) for name in wn.node_name_list},
                             "flow_m3_h": {name: float(flows[name]) * 3600.0 for name in wn.link_name_list}}
            print(json.dumps(out))
            """
        let r = try PeerTools.runPython(script, arguments: paths)
        XCTAssertEqual(r.status, 0, r.stderrText)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdout) as? [String: [String: Any]], r.stderrText)
        var worstHead = 0.0
        var worstFlow = 0.0
        var simulator = ""
        for (c, path) in zip(cases, paths) {
            let result = try XCTUnwrap(json[path], c.name)
            simulator = result["simulator"] as? String ?? ""
            let heads = try XCTUnwrap(result["head_m"] as? [String: Double])
            let flows = try XCTUnwrap(result["flow_m3_h"] as? [String: Double])
            let elevation = Dictionary(c.scenario.nodes.map { ($0.id, $0.elevationMetres) }, uniquingKeysWith: { a, _ in a })
            for b in c.plan.buildings {
                let planner = b.value + (elevation[b.nodeID] ?? 0)
                let epanet = try XCTUnwrap(heads[b.nodeID], "\(c.name): no head for \(b.nodeID)")
                worstHead = max(worstHead, abs(epanet - planner))
                XCTAssertEqual(epanet, planner, accuracy: Self.headToleranceMetres, "\(c.name) building \(b.buildingID)")
            }
            for s in c.plan.segments {
                let q = try XCTUnwrap(flows[s.segmentID], "\(c.name): no flow for \(s.segmentID)")
                worstFlow = max(worstFlow, abs(q - s.designFlowCubicMetresPerHour))
                // EPANET works in single precision and stops at Accuracy 1e-6: allow 1e-4 relative.
                XCTAssertEqual(q, s.designFlowCubicMetresPerHour, accuracy: 1e-4 * max(1, s.designFlowCubicMetresPerHour), "\(c.name) \(s.segmentID)")
            }
        }
        return (worstHead, worstFlow, simulator)
    }
}
