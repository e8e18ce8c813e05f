// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import GLPKBackend
import MILP
import XCTest

/// Solves on different threads at the same time: each must give its own right answer and
/// carry only its own GLPK output (the environment and terminal hook are per thread).
final class ConcurrencyTests: XCTestCase {
    func testConcurrentSolvesAreIndependent() {
        let knapsacks = (0..<12).map { RandomKnapsack(items: 25 + $0, seed: UInt64(100 + $0), name: "knapsack-\($0)-end") }
        let results = Recorder<(index: Int, result: Result<Solution, MILPError>)>()
        // Iterations 0 and 1 run a hard instance until a time limit, so short solves overlap a long one.
        DispatchQueue.concurrentPerform(iterations: knapsacks.count + 2) { index in
            let solver = GLPKSolver()
            let result: Result<Solution, MILPError>
            if index < 2 {
                result = Result { () throws(MILPError) in
                    try solver.solve(GLPKSolverTests.hard.model, options: SolveOptions(timeLimitSeconds: 0.5, presolve: index == 1))
                }
            } else {
                result = Result { () throws(MILPError) in
                    try solver.solve(knapsacks[index - 2].model, options: SolveOptions(relativeGap: 0))
                }
            }
            results.append((index, result))
        }
        let all = results.elements
        XCTAssertEqual(all.count, knapsacks.count + 2)
        for (index, result) in all {
            guard case .success(let solution) = result else {
                XCTFail("solve \(index) threw: \(result)")
                continue
            }
            if index < 2 {
                XCTAssertTrue([.feasible, .noSolutionWithinTimeLimit].contains(solution.status), "\(index): \(solution.status)")
                XCTAssertFalse(solution.log.contains("knapsack-"), "hard solve \(index) caught another thread's output")
                continue
            }
            let knapsack = knapsacks[index - 2]
            XCTAssertEqual(solution.status, .optimal, knapsack.name)
            XCTAssertEqual(solution.objectiveValue ?? .nan, knapsack.optimum, accuracy: 1e-6, knapsack.name)
            XCTAssertEqual(knapsack.model.violations(of: solution.values), [], knapsack.name)
            XCTAssertTrue(solution.log.contains("solving '\(knapsack.name)'"), knapsack.name)
            let foreign = knapsacks.filter { $0.name != knapsack.name && solution.log.contains("'\($0.name)'") }
            XCTAssertTrue(foreign.isEmpty, "\(knapsack.name) log holds output of \(foreign.map(\.name))")
            XCTAssertFalse(solution.log.contains("market split"), knapsack.name)
        }
    }

    /// The same model solved on many threads at once gives the same answer every time.
    func testSameModelOnManyThreads() {
        let testCase = ConformanceCases.facilityLocation
        let objectives = Recorder<Double?>()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            objectives.append(try? GLPKSolver().solve(testCase.model, options: SolveOptions()).objectiveValue)
        }
        XCTAssertEqual(objectives.elements.count, 16)
        for objective in objectives.elements {
            XCTAssertEqual(objective ?? .nan, testCase.optimum!, accuracy: 1e-9)
        }
    }
}
