// SPDX-License-Identifier: GPL-3.0-or-later
//
// The planner against exhaustive enumeration on random small networks: the planner's cost must
// equal the cheapest valid plan, or both must say infeasible.

import ConnplanCore
import ConnplanPlanner
import MILP
import TestSupport
import XCTest

final class OracleTests: XCTestCase {
    // Without the exact sizing of routes, so that branching on sizes stays on trial.
    // Nor the downsizing rows, so that the master without them stays on trial where pressure
    // cannot bind.
    func testGasPlansMatchExhaustiveSearch() throws {
        try compare(.gas, seeds: 0..<250, connectivity: .commodityFlows, routeSizing: false, downsizingRows: false)
    }
    func testWaterPlansMatchExhaustiveSearch() throws {
        try compare(.water, seeds: 10_000..<10_250, connectivity: .commodityFlows, routeSizing: false, downsizingRows: false)
    }
    /// The same instances with no loss rows in the first master: every hydraulic limit is then
    /// enforced by the combinatorial cuts alone, so their validity and sufficiency are on trial.
    func testGasPlansMatchWithCutsAlone() throws { try compare(.gas, seeds: 0..<250, initialLossLines: 0) }
    func testWaterPlansMatchWithCutsAlone() throws { try compare(.water, seeds: 10_000..<10_250, initialLossLines: 0) }
    /// Cuts alone again, added between master searches instead of inside the search (the solve
    /// loop's own path, the safety net behind the lazy rows), and GLPK's branching rule alone
    /// where the other runs branch on routes first.
    func testGasPlansMatchWithCutsBetweenSearches() throws {
        try compare(.gas, seeds: 0..<250, initialLossLines: 0, hydraulicCutsInSearch: false, routesFirst: false)
    }
    func testWaterPlansMatchWithCutsBetweenSearches() throws {
        try compare(.water, seeds: 10_000..<10_250, initialLossLines: 0, hydraulicCutsInSearch: false, routesFirst: false)
    }

    /// The same instances with the connectivity rows as dicuts separated in GLPK's search instead
    /// of commodity flows in the LP (what large networks use): the cuts must never cut off the optimum.
    /// Most small instances solve at the root without a violated dicut, so these run more seeds.
    /// Each forces one branching rule (the planner picks one by the network; both must be exact).
    func testGasPlansMatchWithDicuts() throws { try compare(.gas, seeds: 0..<600, connectivity: .dicutsInSearch, branching: .mostFractional) }
    func testWaterPlansMatchWithDicuts() throws { try compare(.water, seeds: 10_000..<10_800, connectivity: .dicutsInSearch, branching: .hybridPseudocost) }

    private func compare(
        _ utility: Utility, seeds: Range<UInt64>, initialLossLines: Int = 4, connectivity: MasterConnectivity = .automatic,
        branching: BranchingRule? = nil, hydraulicCutsInSearch: Bool = true, routesFirst: Bool = true, routeSizing: Bool = true,
        downsizingRows: Bool = true
    ) throws {
        let standards = try Standards.load()
        var feasible = 0
        var infeasible = 0
        var neededCuts = 0
        var usedRefusedAlternative = 0
        var enumerated = 0
        var usedUserCuts = 0
        var heuristicIncumbents = 0
        var branched = 0
        var lazyRuns = 0
        var resolvedRuns = 0
        var routeBranchedRuns = 0
        var sizeBranchedRuns = 0
        var routeSizedRuns = 0
        var routeSizedIncumbents = 0
        var downsizedRuns = 0
        for seed in seeds {
            let scenario = RandomScenarios.small(seed: seed, utility: utility, standards: standards)
            let oracle = ExhaustiveOracle.cheapest(scenario)
            enumerated += oracle.plansEvaluated
            var options = PlannerOptions()
            options.initialLossLines = initialLossLines
            options.connectivity = connectivity
            options.branching = branching
            options.hydraulicCutsInSearch = hydraulicCutsInSearch
            options.routesFirst = routesFirst
            // The runs without routes first keep GLPK's own rules on trial, sizes included.
            options.sizesNext = routesFirst
            options.routeSizing = routeSizing
            options.downsizingRows = downsizingRows
            let result = try RoutePlanner(scenario: scenario, options: options).plan()
            if let best = oracle.bestCostFen {
                feasible += 1
                XCTAssertEqual(result.status, .optimal, "seed \(seed): oracle found \(best) fen, planner said \(result.status)")
                XCTAssertEqual(result.plan?.costs.totalFen, best, "seed \(seed): planner cost differs from the exhaustive optimum")
                if let plan = result.plan {
                    XCTAssertEqual(PlanChecker.check(plan, scenario: scenario).filter { $0.severity == .error }, [], "seed \(seed)")
                    let refused = Set(scenario.owners.filter { $0.consent == .refused }.map(\.id))
                    XCTAssertTrue(plan.consents.allSatisfy { !refused.contains($0.ownerID) }, "seed \(seed) uses refused land")
                }
            } else {
                infeasible += 1
                XCTAssertEqual(result.status, .infeasible, "seed \(seed): oracle says infeasible, planner said \(result.status)")
                XCTAssertFalse(result.diagnosis.isEmpty, "seed \(seed): an infeasible result must say why")
            }
            if result.solver.cutsAdded > 0 { neededCuts += 1 }
            if result.solver.log.range(of: #"user cuts: [1-9]"#, options: .regularExpression) != nil { usedUserCuts += 1 }
            if result.solver.log.range(of: #"primal heuristic: \d+ calls, [1-9]"#, options: .regularExpression) != nil { heuristicIncumbents += 1 }
            if !result.excluded.isEmpty { usedRefusedAlternative += 1 }
            if result.solver.branchAndBoundNodes > 1 { branched += 1 }
            if result.solver.log.range(of: #"lazy rows: [1-9]"#, options: .regularExpression) != nil { lazyRuns += 1 }
            if result.solver.masterSolves > 1 { resolvedRuns += 1 }
            if result.solver.log.range(of: #"branched first on the given columns: [1-9]"#, options: .regularExpression) != nil { routeBranchedRuns += 1 }
            if result.solver.log.range(of: #"branched next on the second set of columns: [1-9]"#, options: .regularExpression) != nil { sizeBranchedRuns += 1 }
            if result.solver.log.range(of: #"subproblem rows: [1-9]"#, options: .regularExpression) != nil { routeSizedRuns += 1 }
            if result.solver.log.range(of: #"subproblem rows: \d+ added in \d+ calls; [1-9]"#, options: .regularExpression) != nil { routeSizedIncumbents += 1 }
            if result.solver.log.range(of: #"downsizing rows: \d+ least-load and [1-9]"#, options: .regularExpression) != nil { downsizedRuns += 1 }
        }
        print("oracle \(utility.rawValue), \(initialLossLines) initial loss rows, \(connectivity.rawValue): \(feasible) feasible, \(infeasible) infeasible, \(neededCuts) needed hydraulic cuts, \(usedRefusedAlternative) had refused land, \(usedUserCuts) used dicuts, \(heuristicIncumbents) took an incumbent from the LP-guided heuristic, \(branched) branched (\(branching?.rawValue ?? "rule by network")), \(lazyRuns) cut plans off in the search, \(resolvedRuns) solved the master again, \(routeBranchedRuns) branched on routes first, \(sizeBranchedRuns) then on sizes, \(routeSizedRuns) bounded nodes by their route's exact sizing (\(routeSizedIncumbents) took an incumbent from it), \(downsizedRuns) kept pipes the cheapest that carry their loads; \(enumerated) plans enumerated")
        // The random family must exercise every path, or the comparison proves little.
        XCTAssertGreaterThanOrEqual(feasible, 40)
        XCTAssertGreaterThanOrEqual(infeasible, 5)
        if initialLossLines == 0 {
            XCTAssertGreaterThanOrEqual(neededCuts, 20)
            // Each path of the cuts must carry its share of the proof.
            if hydraulicCutsInSearch {
                XCTAssertGreaterThanOrEqual(lazyRuns, 20, "too few runs added hydraulic cuts inside the search")
            } else {
                XCTAssertEqual(lazyRuns, 0)
                XCTAssertGreaterThanOrEqual(resolvedRuns, 20, "too few runs solved the master again after cuts")
            }
        }
        if routesFirst {
            XCTAssertGreaterThanOrEqual(routeBranchedRuns, 8, "too few runs branched on routes first to try it")
            if routeSizing {
                // 6–83 per oracle run (deterministic): the route sizing's rows and plans are on trial.
                XCTAssertGreaterThanOrEqual(routeSizedRuns, 5, "too few runs bounded a node by its route's exact sizing")
                XCTAssertGreaterThanOrEqual(routeSizedIncumbents, 1, "no run took an incumbent from a route's exact sizing")
            } else {
                // The sizes' own pseudocosts are on trial where routes are not sized exactly.
                XCTAssertGreaterThanOrEqual(sizeBranchedRuns, 2, "too few runs branched on sizes after the routes to try it")
                XCTAssertEqual(routeSizedRuns, 0)
            }
        } else {
            XCTAssertEqual(routeBranchedRuns, 0)
            XCTAssertEqual(sizeBranchedRuns, 0)
            XCTAssertEqual(routeSizedRuns, 0)
        }
        if downsizingRows {
            XCTAssertGreaterThanOrEqual(downsizedRuns, 20, "too few runs carried the downsizing rows to try them")
        } else {
            XCTAssertEqual(downsizedRuns, 0)
        }
        if connectivity == .dicutsInSearch { XCTAssertGreaterThanOrEqual(usedUserCuts, 20, "too few runs separated a dicut to prove their validity") }
        XCTAssertGreaterThanOrEqual(usedRefusedAlternative, 20)
        if let rule = branching { XCTAssertGreaterThanOrEqual(branched, 10, "too few runs branched to try \(rule.rawValue)") }
    }
}
