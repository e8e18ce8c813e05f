// SPDX-License-Identifier: GPL-3.0-or-later
import GLPKBackend
import MILP
import XCTest

/// `SolveOptions.subproblemRows` through GLP_IROWGEN: rows that hold only within the subproblem
/// where they are added (GLPK keeps rows added during the search in that subproblem's row-addition
/// list, so its subtree inherits them and no other subproblem sees them), and points offered as
/// incumbents. The rows here are the planner's kind (`SubproblemSizing`): with the first items'
/// LP values integral (an assignment a), every packing in the subproblem is worth at most
///     Σ v·x − M·(Σ_{a_j = 1} (1 − x_j) + Σ_{a_j = 0} x_j) ≤ V(a),  M = z − V(a),
/// V(a) the best packing that completes a and z the subproblem's LP bound. The row is false
/// outside the subproblem wherever a packing is worth more than z, so a backend that kept it
/// globally would end below the optimum.
final class SubproblemRowTests: XCTestCase {
    /// The best value completing the assignment of the first `k` items (their bits in `mask`),
    /// with the packing, or nil if the assignment alone is over capacity.
    private static func completion(_ knapsack: RandomKnapsack, first k: Int, mask: Int) -> (value: Double, packing: [Double])? {
        let n = knapsack.values.count
        var weight = 0
        var value = 0.0
        for j in 0..<k where mask & (1 << j) != 0 {
            weight += knapsack.weights[j]
            value += knapsack.values[j]
        }
        guard weight <= knapsack.capacity else { return nil }
        var best = (value: value, rest: 0)
        for rest in 0..<(1 << (n - k)) {
            var w = weight
            var v = value
            for j in 0..<(n - k) where rest & (1 << j) != 0 {
                w += knapsack.weights[k + j]
                v += knapsack.values[k + j]
            }
            if w <= knapsack.capacity && v > best.value { best = (v, rest) }
        }
        let packing = (0..<n).map { j in
            j < k ? Double((mask >> j) & 1) : Double((best.rest >> (j - k)) & 1)
        }
        return (best.value, packing)
    }

    func testRowsValidOnlyInTheirSubproblemKeepTheOptimum() throws { try rowsKeepTheOptimum(offeringPoints: false) }
    func testRowsAndOfferedPointsKeepTheOptimum() throws { try rowsKeepTheOptimum(offeringPoints: true) }

    private func rowsKeepTheOptimum(offeringPoints: Bool) throws {
        let k = 5
        var seedsWithRowsBelowTheRoot = 0
        var seedsWithOfferedIncumbents = 0
        for seed in UInt64(1)...12 {
            let knapsack = RandomKnapsack(items: 16, seed: seed, name: "local-\(seed)")
            let model = knapsack.model
            let objectives = Recorder<Double>()
            var options = SolveOptions(relativeGap: 0)
            options.subproblemRows = { view in
                guard (0..<k).allSatisfy({ abs(view.values[$0] - view.values[$0].rounded()) <= 1e-6 }) else { return SubproblemRows() }
                let mask = (0..<k).reduce(0) { $0 | (view.values[$1] > 0.5 ? 1 << $1 : 0) }
                var deviation = LinearExpression(constant: Double(mask.nonzeroBitCount))
                for j in 0..<k { deviation.add(VariableID(j), mask & (1 << j) != 0 ? -1 : 1) }
                guard let best = Self.completion(knapsack, first: k, mask: mask) else {
                    // No packing completes the assignment: every packing differs from it.
                    return SubproblemRows(rows: [Constraint(name: "nogood", expression: deviation, sense: .greaterOrEqual, rightHandSide: 1)])
                }
                let point = offeringPoints ? best.packing : nil
                guard view.objective > best.value + 1e-6 else { return SubproblemRows(point: point) }
                objectives.append(view.objective)
                let m = view.objective - best.value + 1e-6
                var row = model.objective
                for t in deviation.terms { row.add(t.variable, -m * t.coefficient) }
                row.constant -= m * deviation.constant
                return SubproblemRows(
                    rows: [Constraint(name: "completion", expression: row, sense: .lessOrEqual, rightHandSide: best.value)], point: point)
            }
            let solution = try GLPKSolver().solve(model, options: options)
            XCTAssertEqual(solution.status, .optimal, "seed \(seed)")
            XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6, "seed \(seed): not the optimum")
            XCTAssertTrue(solution.log.contains("subproblem rows:"), "seed \(seed)")
            // Rows made at LP bounds below the root's hold only in their subproblem.
            let bounds = objectives.elements
            if let root = bounds.max(), bounds.contains(where: { $0 < root - 1e-6 }) { seedsWithRowsBelowTheRoot += 1 }
            if solution.log.range(of: #"subproblem rows: \d+ added in \d+ calls; [1-9]"#, options: .regularExpression) != nil {
                seedsWithOfferedIncumbents += 1
            }
        }
        XCTAssertGreaterThanOrEqual(seedsWithRowsBelowTheRoot, 4, "few searches added rows below the root: the test proves little")
        if offeringPoints {
            XCTAssertGreaterThanOrEqual(seedsWithOfferedIncumbents, 4, "few searches took an offered point as the incumbent")
        } else {
            XCTAssertEqual(seedsWithOfferedIncumbents, 0)
        }
    }

    /// Rows the LP point satisfies are not added, and a point that breaks the model is not offered.
    func testSatisfiedRowsAndInvalidPointsAreLeftOut() throws {
        let knapsack = RandomKnapsack(items: 12, seed: 3, name: "satisfied")
        var options = SolveOptions(relativeGap: 0)
        options.subproblemRows = { _ in
            SubproblemRows(
                rows: [Constraint(name: "slack", expression: LinearExpression([Term(VariableID(0), 1)]), sense: .lessOrEqual, rightHandSide: 1)],
                point: [Double](repeating: 1, count: 12))
        }
        let solution = try GLPKSolver().solve(knapsack.model, options: options)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6)
        XCTAssertNotNil(solution.log.range(of: #"subproblem rows: 0 added in [1-9]\d* calls; 0 points became the incumbent, [1-9]"#, options: .regularExpression), solution.log)
    }

    func testPresolveIsRefusedBeforeGLPK() {
        var options = SolveOptions(presolve: true)
        options.subproblemRows = { _ in SubproblemRows() }
        XCTAssertThrowsError(try GLPKSolver().solve(RandomKnapsack(items: 5, seed: 1, name: "bad").model, options: options)) { error in
            guard case MILPError.invalidOption(let name, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "presolve")
        }
    }
}
