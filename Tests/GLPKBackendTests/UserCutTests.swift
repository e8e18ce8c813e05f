// SPDX-License-Identifier: GPL-3.0-or-later
import GLPKBackend
import MILP
import XCTest

/// `SolveOptions.cutSeparator` through GLPK's GLP_ICUTGEN callback: valid cuts reach the cut pool
/// and leave the optimum unchanged; malformed ones are refused in Swift before GLPK sees them
/// (GLPK aborts the process on an invalid index or number).
final class UserCutTests: XCTestCase {
    /// Minimal cover inequalities Σ_{j∈C} x_j ≤ |C| − 1 for a knapsack row (valid for every
    /// integer point), found greedily at the LP point.
    private static func covers(_ k: RandomKnapsack, _ x: [Double]) -> [Constraint] {
        let order = k.weights.indices.sorted { ((1 - x[$0]) / Double(k.weights[$0]), $0) < ((1 - x[$1]) / Double(k.weights[$1]), $1) }
        var cover: [Int] = []
        var weight = 0
        for j in order where weight <= k.capacity {
            cover.append(j)
            weight += k.weights[j]
        }
        guard weight > k.capacity else { return [] }
        let lhs = cover.reduce(0.0) { $0 + x[$1] }
        guard lhs > Double(cover.count - 1) + 1e-6 else { return [] }
        return [Constraint(name: "cover", expression: LinearExpression(cover.map { Term(VariableID($0), 1) }), sense: .lessOrEqual, rightHandSide: Double(cover.count - 1))]
    }

    func testValidCutsKeepTheOptimumAndMalformedOnesNeverReachGLPK() throws {
        var rounds = 0
        for seed in UInt64(1)...8 {
            let knapsack = RandomKnapsack(items: 30, seed: seed, name: "cuts-\(seed)")
            let calls = Recorder<Int>()
            var options = SolveOptions(relativeGap: 0)
            options.cutSeparator = { x in
                calls.append(x.count)
                var cuts = Self.covers(knapsack, x)
                // Malformed: an index past the last column, a NaN coefficient, an equality, an empty row.
                cuts.append(Constraint(name: "bad-index", expression: LinearExpression([Term(VariableID(x.count), 1)]), sense: .lessOrEqual, rightHandSide: 1))
                cuts.append(Constraint(name: "nan", expression: LinearExpression([Term(VariableID(0), .nan)]), sense: .lessOrEqual, rightHandSide: 1))
                cuts.append(Constraint(name: "equality", expression: LinearExpression([Term(VariableID(0), 1)]), sense: .equal, rightHandSide: 0))
                cuts.append(Constraint(name: "empty", expression: LinearExpression(), sense: .greaterOrEqual, rightHandSide: 0))
                return cuts
            }
            let solution = try GLPKSolver().solve(knapsack.model, options: options)
            XCTAssertEqual(solution.status, .optimal, "seed \(seed)")
            XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6, "seed \(seed): user cuts changed the optimum")
            XCTAssertTrue(calls.elements.allSatisfy { $0 == knapsack.values.count }, "the separator sees every column")
            if !calls.elements.isEmpty {
                rounds += 1
                XCTAssertTrue(solution.log.contains("dropped as invalid"), "seed \(seed): \(solution.log.suffix(400))")
                let dropped = solution.log.components(separatedBy: "\n").first { $0.contains("user cuts:") } ?? ""
                XCTAssertTrue(dropped.contains("\(4 * calls.elements.count) dropped"), "four malformed cuts per call: \(dropped)")
            }
        }
        XCTAssertGreaterThan(rounds, 0, "GLPK never asked for cuts: the test proves nothing")
    }

    func testTheDualRootLPAndMIRSwitchGiveTheSameOptimum() throws {
        for seed in UInt64(20)...27 {
            let knapsack = RandomKnapsack(items: 40, seed: seed, name: "dual-\(seed)")
            var options = SolveOptions(relativeGap: 0)
            options.rootLP = .dualSimplex
            options.mixedIntegerRounding = seed % 2 == 0
            let solution = try GLPKSolver().solve(knapsack.model, options: options)
            XCTAssertEqual(solution.status, .optimal)
            XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6, "seed \(seed)")
        }
    }
}
