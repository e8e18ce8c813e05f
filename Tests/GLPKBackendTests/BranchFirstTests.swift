// SPDX-License-Identifier: GPL-3.0-or-later
import GLPKBackend
import MILP
import XCTest

/// `SolveOptions.branchFirst` through GLPK's GLP_IBRANCH callback: the backend branches on the
/// given columns while one is fractional, and the search still ends at the optimum.
final class BranchFirstTests: XCTestCase {
    /// A 24-item knapsack solved to optimality with the first `firstColumns` items branched on
    /// first, checked against the dynamic-programming optimum. GLPK's cuts are off: the search
    /// then branches more, which is what is on trial here.
    private func solve(seed: UInt64, firstColumns: Int, nextColumns: Int = 0) throws -> Solution {
        let knapsack = RandomKnapsack(items: 24, seed: seed, name: "first-\(seed)")
        var options = SolveOptions(relativeGap: 0)
        options.cuttingPlanes = false
        options.branchFirst = (0..<firstColumns).map { VariableID($0) }
        options.branchNext = (firstColumns..<(firstColumns + nextColumns)).map { VariableID($0) }
        let solution = try GLPKSolver().solve(knapsack.model, options: options)
        XCTAssertEqual(solution.status, .optimal, "seed \(seed)")
        XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6, "seed \(seed): not the optimum")
        return solution
    }

    /// With every column in the set, GLPK's own rule never chooses: every subproblem after the root
    /// comes from one of our branchings, each of which creates at most two (`nodeCount` counts every
    /// subproblem created, the root too; GLPK creates none for a branch it finds hopeless and
    /// re-solves the current one with the other bound instead).
    func testEveryBranchingIsOnTheSetWhenItHoldsEveryColumn() throws {
        var searchesThatBranched = 0
        for seed in UInt64(1)...8 {
            let solution = try solve(seed: seed, firstColumns: 24)
            XCTAssertLessThanOrEqual(solution.nodeCount ?? .max, 1 + 2 * solution.priorityBranchings, "seed \(seed): GLPK chose a branching itself")
            if solution.priorityBranchings > 0 {
                searchesThatBranched += 1
                XCTAssertTrue(solution.log.contains("branched first on the given columns"), "seed \(seed)")
            }
        }
        XCTAssertGreaterThanOrEqual(searchesThatBranched, 4, "the knapsacks rarely branch: the test proves little")
    }

    /// With part of the columns in the set, the rest is left to GLPK once the set is integral; the
    /// optimum is the same as without the option.
    func testASubsetFirstKeepsTheOptimum() throws {
        var mixed = 0
        for seed in UInt64(11)...18 {
            let solution = try solve(seed: seed, firstColumns: 12)
            // More subproblems than our branchings can have made: GLPK branched on the rest, too.
            if solution.priorityBranchings > 0 && (solution.nodeCount ?? 0) > 1 + 2 * solution.priorityBranchings { mixed += 1 }
        }
        XCTAssertGreaterThanOrEqual(mixed, 2, "no search branched on both the set and the rest: the test proves little")
    }

    /// With the columns split between `branchFirst` and `branchNext`, GLPK's own rule again never
    /// chooses, both sets are branched on, and the optimum is the knapsack's.
    func testTheNextSetTakesOverWhenTheFirstIsIntegral() throws {
        var both = 0
        for seed in UInt64(21)...28 {
            let solution = try solve(seed: seed, firstColumns: 8, nextColumns: 16)
            let ours = solution.priorityBranchings + solution.nextBranchings
            XCTAssertLessThanOrEqual(solution.nodeCount ?? .max, 1 + 2 * ours, "seed \(seed): GLPK chose a branching itself")
            if solution.priorityBranchings > 0 && solution.nextBranchings > 0 {
                both += 1
                XCTAssertTrue(solution.log.contains("branched next on the second set of columns"), "seed \(seed)")
            }
        }
        XCTAssertGreaterThanOrEqual(both, 3, "few searches branched on both sets: the test proves little")
    }

    func testInvalidSetsAreRefusedBeforeGLPK() {
        var model = RandomKnapsack(items: 5, seed: 1, name: "bad").model
        let continuous = model.addVariable("slack", lowerBound: 0, upperBound: 1)
        let cases: [(SolveOptions, String)] = [
            ({ var o = SolveOptions(presolve: true); o.branchFirst = [VariableID(0)]; return o }(), "presolve"),
            ({ var o = SolveOptions(); o.branchFirst = [VariableID(0), continuous]; return o }(), "branchFirst[1]"),
            ({ var o = SolveOptions(); o.branchFirst = [VariableID(99)]; return o }(), "branchFirst[0]"),
            ({ var o = SolveOptions(presolve: true); o.branchNext = [VariableID(0)]; return o }(), "presolve"),
            ({ var o = SolveOptions(); o.branchNext = [continuous]; return o }(), "branchNext[0]"),
        ]
        for (options, expected) in cases {
            XCTAssertThrowsError(try GLPKSolver().solve(model, options: options)) { error in
                guard case MILPError.invalidOption(let name, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(name, expected)
            }
        }
    }
}
