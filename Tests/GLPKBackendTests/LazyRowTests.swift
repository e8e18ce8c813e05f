// SPDX-License-Identifier: GPL-3.0-or-later
import GLPKBackend
import MILP
import XCTest

/// `SolveOptions.lazyRows` through GLPK's GLP_IROWGEN callback: the model handed to GLPK is a
/// relaxation (a knapsack without its conflict pairs), the conflicts are only shown as rows when an
/// integral point breaks them, and the search must still end at the optimum of the full problem —
/// which only holds if no integer point reaches the incumbent without passing the callback.
final class LazyRowTests: XCTestCase {
    /// Item pairs that may not both be packed: each item with the one 5 places on (mod n), so the
    /// unconstrained optimum, which packs about half of the items, breaks some of them.
    private static func conflicts(_ n: Int) -> [(Int, Int)] {
        (0..<n).map { ($0, ($0 + 5) % n) }
    }

    /// The optimum with the conflicts, by enumerating every subset.
    private static func bruteForce(_ k: RandomKnapsack, _ conflicts: [(Int, Int)]) -> Double {
        let n = k.values.count
        var best = 0.0
        for mask in 0..<(1 << n) {
            if conflicts.contains(where: { mask & (1 << $0.0) != 0 && mask & (1 << $0.1) != 0 }) { continue }
            var weight = 0
            var value = 0.0
            for j in 0..<n where mask & (1 << j) != 0 {
                weight += k.weights[j]
                value += k.values[j]
            }
            if weight <= k.capacity { best = max(best, value) }
        }
        return best
    }

    func testConflictsShownOnlyAsLazyRowsGiveTheOptimumOfTheFullProblem() throws {
        var seedsWhereLazyRowsMattered = 0
        for seed in UInt64(1)...8 {
            let knapsack = RandomKnapsack(items: 16, seed: seed, name: "lazy-\(seed)")
            let pairs = Self.conflicts(16)
            let points = Recorder<[Double]>()
            var options = SolveOptions(relativeGap: 0)
            options.lazyRows = { x in
                points.append(x)
                return pairs.filter { x[$0.0] + x[$0.1] > 1.5 }.map { pair in
                    Constraint(
                        name: "conflict", expression: LinearExpression([Term(VariableID(pair.0), 1), Term(VariableID(pair.1), 1)]),
                        sense: .lessOrEqual, rightHandSide: 1)
                }
            }
            let solution = try GLPKSolver().solve(knapsack.model, options: options)
            XCTAssertEqual(solution.status, .optimal, "seed \(seed)")
            let expected = Self.bruteForce(knapsack, pairs)
            XCTAssertEqual(solution.objectiveValue ?? -1, expected, accuracy: 1e-6, "seed \(seed): not the optimum with the conflicts")
            for (i, j) in pairs {
                XCTAssertLessThanOrEqual(solution.values[i] + solution.values[j], 1.5, "seed \(seed): the plan packs conflicting items \(i) and \(j)")
            }
            for x in points.elements {
                XCTAssertTrue(x.allSatisfy { abs($0 - $0.rounded()) <= 1e-5 }, "seed \(seed): lazy rows asked at a fractional point")
            }
            if knapsack.optimum > expected + 1e-6 {
                seedsWhereLazyRowsMattered += 1
                XCTAssertGreaterThan(solution.lazyRowsAdded, 0, "seed \(seed): the conflicts bind but no lazy row was added")
                XCTAssertTrue(solution.log.contains("lazy rows:"), "seed \(seed)")
            }
        }
        XCTAssertGreaterThanOrEqual(seedsWhereLazyRowsMattered, 4, "the conflicts rarely bind: the test proves little")
    }

    /// Rows the integral point already satisfies would bring the same point back after
    /// re-optimising, forever: they are not added, and the search ends as without them.
    func testRowsThatDoNotCutThePointOffAreIgnoredInsteadOfLoopingForever() throws {
        let knapsack = RandomKnapsack(items: 12, seed: 3, name: "satisfied")
        let calls = Recorder<Int>()
        var options = SolveOptions(relativeGap: 0)
        options.lazyRows = { x in
            calls.append(1)
            return [Constraint(name: "slack", expression: LinearExpression([Term(VariableID(0), 1)]), sense: .lessOrEqual, rightHandSide: 1)]
        }
        let solution = try GLPKSolver().solve(knapsack.model, options: options)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6)
        XCTAssertEqual(solution.lazyRowsAdded, 0)
        XCTAssertGreaterThan(calls.elements.count, 0, "no integral point was shown: the test proves nothing")
        XCTAssertTrue(solution.log.contains("ignored (none of a point's rows cut it off)"), solution.log.suffix(300).description)
    }

    func testLazyRowsWithPresolveAreRefusedBeforeGLPK() {
        var options = SolveOptions(relativeGap: 0, presolve: true)
        options.lazyRows = { _ in [] }
        XCTAssertThrowsError(try GLPKSolver().solve(RandomKnapsack(items: 5, seed: 1, name: "p").model, options: options)) { error in
            guard case MILPError.invalidOption(let name, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "presolve")
        }
    }
}
