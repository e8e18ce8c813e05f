// SPDX-License-Identifier: GPL-3.0-or-later
//
// The branch-move local search and the planner's progress reports. The local search may change
// only how fast a plan is found, never which plans count as valid: every plan it returns must
// pass the exact evaluation, cost no more than its start, and no less than the exhaustive optimum.

@testable import ConnplanPlanner
import ConnplanCore
import TestSupport
import XCTest

final class LocalSearchTests: XCTestCase {
    func testImprovedPlansAreValidNoWorseAndNeverBelowTheOptimum() throws {
        let standards = try Standards.load()
        var improved = 0
        var started = 0
        for (utility, seeds) in [(Utility.gas, UInt64(0)..<150), (.water, 10_000..<10_150)] {
            for seed in seeds {
                let scenario = RandomScenarios.small(seed: seed, utility: utility, standards: standards)
                let planner = RoutePlanner(scenario: scenario)
                let network = Network(scenario: scenario)
                guard let start = planner.constructionHeuristic(network) else { continue }
                started += 1
                let better = planner.improve(start, network: network, stop: { false })
                XCTAssertTrue(better.feasible, "seed \(seed): the local search returned an invalid plan")
                XCTAssertLessThanOrEqual(better.costFen, start.costFen, "seed \(seed)")
                XCTAssertEqual(better.costFen, network.evaluate(better.candidate).costFen, "seed \(seed): stale evaluation")
                if let optimum = ExhaustiveOracle.cheapest(scenario).bestCostFen {
                    XCTAssertGreaterThanOrEqual(better.costFen, optimum, "seed \(seed): cheaper than the exhaustive optimum")
                } else {
                    XCTFail("seed \(seed): a valid heuristic plan on an instance the oracle calls infeasible")
                }
                if better.costFen < start.costFen { improved += 1 }
            }
        }
        print("local search: \(improved) of \(started) heuristic starts improved")
        XCTAssertGreaterThan(started, 100)
        XCTAssertGreaterThan(improved, 0, "the moves never fired: the search is not being exercised")
    }

    func testAStopRequestReturnsTheStartUnchanged() throws {
        let standards = try Standards.load()
        let scenario = RandomScenarios.small(seed: 3, utility: .gas, standards: standards)
        let planner = RoutePlanner(scenario: scenario)
        let network = Network(scenario: scenario)
        let start = try XCTUnwrap(planner.constructionHeuristic(network))
        XCTAssertEqual(planner.improve(start, network: network, stop: { true }).candidate, start.candidate)
    }

    func testProgressReportsAValidPlanAndABoundBelowIt() throws {
        let standards = try Standards.load()
        final class Reports: @unchecked Sendable {
            let lock = NSLock()
            var items: [PlannerProgress] = []
            func add(_ p: PlannerProgress) { lock.lock(); items.append(p); lock.unlock() }
        }
        var checked = 0
        for seed in UInt64(0)..<40 {
            let scenario = RandomScenarios.small(seed: seed, utility: .gas, standards: standards)
            let reports = Reports()
            let result = try RoutePlanner(scenario: scenario, options: PlannerOptions(progress: { reports.add($0) })).plan()
            guard let plan = result.plan else { continue }
            checked += 1
            let items = reports.items
            XCTAssertFalse(items.isEmpty, "seed \(seed): no progress report")
            XCTAssertEqual(items.last?.bestPlanFen, plan.costs.totalFen, "seed \(seed): the last report is not the returned plan")
            for p in items {
                if let best = p.bestPlanFen, let bound = p.boundFen {
                    XCTAssertLessThanOrEqual(bound, Double(best) + 0.5, "seed \(seed): a bound above a valid plan")
                }
            }
            XCTAssertEqual(items.map(\.elapsedSeconds), items.map(\.elapsedSeconds).sorted(), "seed \(seed): time went backwards")
        }
        XCTAssertGreaterThan(checked, 20)
    }
}
