// SPDX-License-Identifier: GPL-3.0-or-later
//
// The independent check must catch a plan whose figures or decisions are wrong.

import ConnplanCore
import ConnplanPlanner
import TestSupport
import XCTest

final class PlanCheckerTests: XCTestCase {
    private func feasiblePlan(_ utility: Utility) throws -> (Scenario, Plan) {
        let standards = try Standards.load()
        for seed in UInt64(0)..<200 {
            let s = RandomScenarios.small(seed: seed, utility: utility, standards: standards)
            if let plan = try RoutePlanner(scenario: s).plan().plan, plan.segments.count >= 2 { return (s, plan) }
        }
        throw XCTSkip("no feasible random plan found")
    }

    func testValidPlansPass() throws {
        for u in Utility.allCases {
            let (s, plan) = try feasiblePlan(u)
            XCTAssertEqual(PlanChecker.check(plan, scenario: s), [])
        }
    }

    func testWrongPressureIsCaught() throws {
        var (s, plan) = try feasiblePlan(.gas)
        plan.buildings[0].value += 0.05
        XCTAssertTrue(PlanChecker.check(plan, scenario: s).contains { $0.code == "plan-disagrees" })
        _ = s
    }

    func testNarrowerPipeWithoutRecomputeIsCaught() throws {
        let (s, plan) = try feasiblePlan(.water)
        var bad = plan
        bad.route.legs[0].pipe.innerDiameterMillimetres *= 0.5
        let codes = Set(PlanChecker.check(bad, scenario: s).map(\.code))
        XCTAssertFalse(codes.isEmpty)
    }

    func testCostMismatchIsCaught() throws {
        let (s, plan) = try feasiblePlan(.gas)
        var bad = plan
        bad.costs.pipesFen += 1
        XCTAssertTrue(PlanChecker.check(bad, scenario: s).contains { $0.code == "plan-disagrees" })
    }

    func testRefusedLandIsCaught() throws {
        var (s, plan) = try feasiblePlan(.water)
        let seg = plan.route.legs[0].segmentID
        let i = s.segments.firstIndex { $0.id == seg }!
        s.segments[i].ownerID = "own-r"
        XCTAssertTrue(PlanChecker.check(plan, scenario: s).contains { $0.code == "refused-consent" })
    }

    func testLoopIsCaught() throws {
        // Find a random plan with an unused, usable segment whose both ends are on the route:
        // adding it closes a loop, which the checker must reject.
        let standards = try Standards.load()
        var checked = 0
        for seed in UInt64(0)..<400 {
            let s = RandomScenarios.small(seed: seed, utility: .gas, standards: standards)
            guard let plan = try RoutePlanner(scenario: s).plan().plan else { continue }
            let onRoute = Set(plan.segments.flatMap { [$0.upstreamNodeID, $0.downstreamNodeID] })
            let used = Set(plan.route.legs.map(\.segmentID))
            guard let extra = s.segments.first(where: {
                !used.contains($0.id) && onRoute.contains($0.fromNodeID) && onRoute.contains($0.toNodeID)
                    && $0.existing == nil && $0.ownerID != "own-r"
            }), let pipe = s.pipes.first(where: { $0.costPerMetreFen[extra.surface] != nil }) else { continue }
            var bad = plan
            bad.route.legs.append(Route.Leg(segmentID: extra.id, pipe: PipeChoice(pipe: pipe)))
            let findings = PlanChecker.check(bad, scenario: s)
            XCTAssertTrue(findings.contains { $0.code == "not-a-forest" }, "seed \(seed): \(findings)")
            checked += 1
            if checked == 10 { break }
        }
        XCTAssertEqual(checked, 10, "the random family should offer loop-closing segments")
    }
}
