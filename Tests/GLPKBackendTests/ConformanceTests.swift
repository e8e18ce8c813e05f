// SPDX-License-Identifier: GPL-3.0-or-later
import GLPKBackend
import MILP
import XCTest

/// Every conformance case through GLPK, with presolve off and on. No case is skipped.
final class ConformanceTests: XCTestCase {
    let solver = GLPKSolver()

    /// The brute-force oracle agrees with every optimum the suite claims from enumeration,
    /// so the suite itself is checked before GLPK is measured against it.
    func testBruteForceConfirmsTheSuite() {
        for testCase in ConformanceCases.all where testCase.oracle == "brute force" {
            let found = BruteForce.optimum(of: testCase.model)
            switch testCase.status {
            case .optimal:
                XCTAssertEqual(found?.objective ?? .nan, testCase.optimum!, accuracy: 1e-9, testCase.name)
            case .infeasible:
                XCTAssertNil(found, testCase.name)
            default:
                XCTFail("\(testCase.name): brute force cannot check status \(testCase.status)")
            }
        }
    }

    func testPresolveOff() throws { try runSuite(presolve: false) }
    func testPresolveOn() throws { try runSuite(presolve: true) }
    /// The default rule is hybrid pseudocost branching; the other rule must reach the same optima.
    func testMostFractionalBranching() throws { try runSuite(presolve: false, branching: .mostFractional) }
    /// The default node selection is the best local bound; the best projection must agree.
    func testBestProjectionNodeSelection() throws { try runSuite(presolve: false, nodeSelection: .bestProjection) }

    private func runSuite(presolve: Bool, branching: BranchingRule = .hybridPseudocost, nodeSelection: NodeSelection = .bestBound) throws {
        for testCase in ConformanceCases.all {
            let label = "\(testCase.name) (presolve \(presolve ? "on" : "off"), \(branching.rawValue), \(nodeSelection.rawValue))"
            var options = SolveOptions(relativeGap: 0, presolve: presolve)
            options.branching = branching
            options.nodeSelection = nodeSelection
            let solution = try solver.solve(testCase.model, options: options)
            XCTAssertEqual(solution.status, testCase.status, "\(label)\n\(solution.log)")
            guard testCase.status == .optimal else {
                XCTAssertNil(solution.objectiveValue, label)
                XCTAssertTrue(solution.values.isEmpty, label)
                continue
            }
            XCTAssertEqual(solution.objectiveValue ?? .nan, testCase.optimum!, accuracy: 1e-6, label)
            XCTAssertEqual(solution.values.count, testCase.model.variables.count, label)
            XCTAssertEqual(testCase.model.violations(of: solution.values), [], label)
            // The reported objective is the model's objective at the reported values.
            XCTAssertEqual(testCase.model.objectiveValue(at: solution.values), solution.objectiveValue ?? .nan, accuracy: 1e-9, label)
            XCTAssertEqual(solution.bestBound ?? .nan, testCase.optimum!, accuracy: 1e-6, label)
            XCTAssertLessThanOrEqual(solution.relativeGap ?? .infinity, 1e-9, label)
            for (variable, value) in zip(testCase.model.variables, solution.values) where variable.kind != .continuous {
                XCTAssertEqual(value, value.rounded(), "\(label): \(variable.name) must be integral")
            }
        }
    }
}
