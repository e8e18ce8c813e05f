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

/// `SolveOptions.primalHeuristic` through GLPK's GLP_IHEUR callback: a feasible point becomes the
/// incumbent and the optimum is unchanged; a point that breaks a row, or has the wrong length,
/// never reaches glp_ios_heur_sol.
final class PrimalHeuristicTests: XCTestCase {
    /// Greedy rounding of the LP point: items by LP value, then by value per weight, while they fit.
    private static func greedy(_ k: RandomKnapsack, _ x: [Double]) -> [Double] {
        let order = k.weights.indices.sorted { (-x[$0], -k.values[$0] / Double(k.weights[$0]), $0) < (-x[$1], -k.values[$1] / Double(k.weights[$1]), $1) }
        var point = [Double](repeating: 0, count: k.weights.count)
        var weight = 0
        for j in order where weight + k.weights[j] <= k.capacity {
            point[j] = 1
            weight += k.weights[j]
        }
        return point
    }

    private static func heuristicLine(_ log: String) -> String { log.components(separatedBy: "\n").first { $0.contains("primal heuristic:") } ?? "" }

    private static func count(_ label: String, in line: String) -> Int? {
        guard let r = line.range(of: #"(\d+) "# + label, options: .regularExpression) else { return nil }
        return Int(line[r].split(separator: " ")[0])
    }

    func testFeasiblePointsBecomeIncumbentsAndInvalidOnesAreRefused() throws {
        var accepted = 0
        var refusedRuns = 0
        for seed in UInt64(40)...47 {
            let knapsack = RandomKnapsack(items: 35, seed: seed, name: "heur-\(seed)")
            let calls = Recorder<Int>()
            var options = SolveOptions(relativeGap: 0)
            options.primalHeuristic = { x in
                calls.append(x.count)
                return Self.greedy(knapsack, x)
            }
            let solution = try GLPKSolver().solve(knapsack.model, options: options)
            XCTAssertEqual(solution.status, .optimal, "seed \(seed)")
            XCTAssertEqual(solution.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6, "seed \(seed): the heuristic changed the optimum")
            XCTAssertTrue(calls.elements.allSatisfy { $0 == knapsack.values.count }, "the heuristic sees every column")
            let line = Self.heuristicLine(solution.log)
            if !calls.elements.isEmpty {
                XCTAssertEqual(Self.count("calls", in: line), calls.elements.count, line)
                XCTAssertEqual(Self.count("failed the model check", in: line), 0, line)
                accepted += Self.count("new incumbents", in: line) ?? 0
            }

            // Every item packed breaks the capacity row; a short point has the wrong length.
            for (label, bad) in [("overfull", [Double](repeating: 1, count: knapsack.values.count)), ("short", [1.0])] {
                let badCalls = Recorder<Int>()
                var refused = SolveOptions(relativeGap: 0)
                refused.primalHeuristic = { x in
                    badCalls.append(x.count)
                    return bad
                }
                let s = try GLPKSolver().solve(knapsack.model, options: refused)
                XCTAssertEqual(s.objectiveValue ?? -1, knapsack.optimum, accuracy: 1e-6, "seed \(seed), \(label)")
                if !badCalls.elements.isEmpty {
                    refusedRuns += 1
                    let l = Self.heuristicLine(s.log)
                    XCTAssertEqual(Self.count("failed the model check", in: l), badCalls.elements.count, "seed \(seed), \(label): \(l)")
                    XCTAssertEqual(Self.count("new incumbents", in: l), 0, l)
                }
            }
        }
        XCTAssertGreaterThan(accepted, 0, "GLPK never took a heuristic point: the test proves nothing")
        XCTAssertGreaterThan(refusedRuns, 0, "no invalid point was ever proposed: the test proves nothing")
    }
}
