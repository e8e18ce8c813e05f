// SPDX-License-Identifier: GPL-3.0-or-later
import MILP

/// A MILP with a known result, and how that result is known.
struct ConformanceCase {
    let name: String
    let model: Model
    let status: TerminationStatus
    /// The optimum (objective constant included) when `status` is `.optimal`.
    let optimum: Double?
    /// Why `optimum` is right: a hand derivation, or "brute force" (checked by `BruteForce` in the tests).
    let oracle: String
}

/// The conformance suite: small models, each exercising one feature, with optima that can be
/// checked by hand (the derivation is in `oracle`) or by enumeration.
enum ConformanceCases {
    static var all: [ConformanceCase] {
        [
            knapsack, assignment, facilityLocation, negativeIntegers, freeVariables, equalityRows,
            objectiveConstant, lpOnly, emptyModel, emptyRows, infeasibleLP, infeasibleIntegers,
            emptyIntegerRange, unboundedLP, unboundedMIP, emptyModelInfeasible,
        ]
    }

    /// 0-1 knapsack, maximise. Brute force over 2^6 points; by hand: items 2, 3, 4 (weights 6+3+4 = 13) give 13+7+8 = 28.
    static var knapsack: ConformanceCase {
        var model = Model(name: "knapsack")
        model.objectiveSense = .maximize
        let values: [Double] = [10, 13, 7, 8, 4, 9]
        let weights: [Double] = [5, 6, 3, 4, 2, 5]
        let x = values.indices.map { model.addVariable("take\($0)", kind: .binary) }
        model.objective = LinearExpression(zip(x, values).map { Term($0, $1) })
        model.addConstraint("capacity", LinearExpression(zip(x, weights).map { Term($0, $1) }), .lessOrEqual, 13)
        return ConformanceCase(name: "knapsack", model: model, status: .optimal, optimum: 28, oracle: "brute force")
    }

    /// 3×3 assignment, minimise. Brute force over 2^9 points; by hand: 0→1, 1→0, 2→2 costs 1 + 2 + 2 = 5.
    static var assignment: ConformanceCase {
        let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        var model = Model(name: "assignment")
        let x = (0..<3).map { i in (0..<3).map { j in model.addVariable("x_\(i)_\(j)", kind: .binary) } }
        model.objective = LinearExpression((0..<3).flatMap { i in (0..<3).map { j in Term(x[i][j], cost[i][j]) } })
        for i in 0..<3 { model.addConstraint("worker\(i)", LinearExpression((0..<3).map { Term(x[i][$0], 1) }), .equal, 1) }
        for j in 0..<3 { model.addConstraint("job\(j)", LinearExpression((0..<3).map { Term(x[$0][j], 1) }), .equal, 1) }
        return ConformanceCase(name: "assignment", model: model, status: .optimal, optimum: 5, oracle: "brute force")
    }

    /// Uncapacitated facility location, mixed binary/continuous. By hand: open A only, 10 + 2 + 3 + 8 = 23;
    /// B only, 12 + 7 + 4 + 1 = 24; both, 22 + 2 + 3 + 1 = 28.
    static var facilityLocation: ConformanceCase {
        let fixed: [Double] = [10, 12]
        let serve: [[Double]] = [[2, 3, 8], [7, 4, 1]]
        var model = Model(name: "facility location")
        let open = (0..<2).map { model.addVariable("open\($0)", kind: .binary) }
        let x = (0..<2).map { f in (0..<3).map { k in model.addVariable("serve_\(f)_\(k)", lowerBound: 0, upperBound: 1) } }
        var objective = LinearExpression(zip(open, fixed).map { Term($0, $1) })
        for f in 0..<2 { for k in 0..<3 { objective.add(x[f][k], serve[f][k]) } }
        model.objective = objective
        for k in 0..<3 { model.addConstraint("demand\(k)", LinearExpression((0..<2).map { Term(x[$0][k], 1) }), .equal, 1) }
        for f in 0..<2 {
            for k in 0..<3 {
                model.addConstraint("link_\(f)_\(k)", LinearExpression([Term(x[f][k], 1), Term(open[f], -1)]), .lessOrEqual, 0)
            }
        }
        return ConformanceCase(name: "facility location", model: model, status: .optimal, optimum: 23, oracle: "hand")
    }

    /// General integers with negative bounds. Brute force; by hand: x = −5 forces y ≥ −2.5, so y = −2: 3(−5) + 2(−2) = −19.
    static var negativeIntegers: ConformanceCase {
        var model = Model(name: "negative integers")
        let x = model.addVariable("x", kind: .integer, lowerBound: -5, upperBound: 5)
        let y = model.addVariable("y", kind: .integer, lowerBound: -4, upperBound: 10)
        model.objective = LinearExpression([Term(x, 3), Term(y, 2)])
        model.addConstraint("floor", LinearExpression([Term(x, 1), Term(y, 1)]), .greaterOrEqual, -7.5)
        return ConformanceCase(name: "negative integers", model: model, status: .optimal, optimum: -19, oracle: "brute force")
    }

    /// Free variables: t ≥ |x − 2.5| with x a free integer and t free: t = 0.5 at x = 2 or 3.
    static var freeVariables: ConformanceCase {
        var model = Model(name: "free variables")
        let x = model.addVariable("x", kind: .integer, lowerBound: nil, upperBound: nil)
        let t = model.addVariable("t", lowerBound: nil, upperBound: nil)
        model.objective = LinearExpression([Term(t, 1)])
        model.addConstraint("above", LinearExpression([Term(t, 1), Term(x, -1)]), .greaterOrEqual, -2.5)
        model.addConstraint("below", LinearExpression([Term(t, 1), Term(x, 1)]), .greaterOrEqual, 2.5)
        return ConformanceCase(name: "free variables", model: model, status: .optimal, optimum: 0.5, oracle: "hand")
    }

    /// Equality row: x + y + z = 10, x ≤ 4, cost 2, 3, 4: x = 4, y = 6 gives 26. Brute force over the box.
    static var equalityRows: ConformanceCase {
        var model = Model(name: "equality rows")
        let x = model.addVariable("x", kind: .integer, lowerBound: 0, upperBound: 4)
        let y = model.addVariable("y", kind: .integer, lowerBound: 0, upperBound: 10)
        let z = model.addVariable("z", kind: .integer, lowerBound: 0, upperBound: 10)
        model.objective = LinearExpression([Term(x, 2), Term(y, 3), Term(z, 4)])
        model.addConstraint("total", LinearExpression([Term(x, 1), Term(y, 1), Term(z, 1)]), .equal, 10)
        return ConformanceCase(name: "equality rows", model: model, status: .optimal, optimum: 26, oracle: "brute force")
    }

    /// Constants in the objective (+100) and in a row ((x + y + 1) ≥ 4, i.e. x + y ≥ 3):
    /// x = 3, y = 0 gives 3 + 100 = 103. Brute force over the box.
    static var objectiveConstant: ConformanceCase {
        var model = Model(name: "objective constant")
        let x = model.addVariable("x", kind: .integer, lowerBound: 0, upperBound: 10)
        let y = model.addVariable("y", kind: .integer, lowerBound: 0, upperBound: 10)
        model.objective = LinearExpression([Term(x, 1), Term(y, 2)], constant: 100)
        model.addConstraint("cover", LinearExpression([Term(x, 1), Term(y, 1)], constant: 1), .greaterOrEqual, 4)
        return ConformanceCase(name: "objective constant", model: model, status: .optimal, optimum: 103, oracle: "brute force")
    }

    /// LP only (Hillier and Lieberman's Wyndor Glass): max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: (2, 6) gives 36.
    static var lpOnly: ConformanceCase {
        var model = Model(name: "wyndor")
        model.objectiveSense = .maximize
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.objective = LinearExpression([Term(x, 3), Term(y, 5)])
        model.addConstraint("plant1", LinearExpression([Term(x, 1)]), .lessOrEqual, 4)
        model.addConstraint("plant2", LinearExpression([Term(y, 2)]), .lessOrEqual, 12)
        model.addConstraint("plant3", LinearExpression([Term(x, 3), Term(y, 2)]), .lessOrEqual, 18)
        return ConformanceCase(name: "LP only", model: model, status: .optimal, optimum: 36, oracle: "hand")
    }

    /// No variables, no rows: the optimum is the objective constant, 7.
    static var emptyModel: ConformanceCase {
        var model = Model(name: "empty")
        model.objective = LinearExpression(constant: 7)
        return ConformanceCase(name: "empty model", model: model, status: .optimal, optimum: 7, oracle: "hand")
    }

    /// No variables and a constant row 0 ≥ 1: infeasible.
    static var emptyModelInfeasible: ConformanceCase {
        var model = Model(name: "empty infeasible")
        model.addConstraint("impossible", LinearExpression(), .greaterOrEqual, 1)
        return ConformanceCase(name: "empty model, infeasible row", model: model, status: .infeasible, optimum: nil, oracle: "hand")
    }

    /// A row without terms (0 ≤ 5) next to real ones: min x with x ≥ 1 integer gives 1.
    static var emptyRows: ConformanceCase {
        var model = Model(name: "empty rows")
        let x = model.addVariable("x", kind: .integer, lowerBound: 0, upperBound: 9)
        model.objective = LinearExpression([Term(x, 1)])
        model.addConstraint("nothing", LinearExpression(), .lessOrEqual, 5)
        model.addConstraint("atLeastOne", LinearExpression([Term(x, 1)]), .greaterOrEqual, 1)
        return ConformanceCase(name: "empty rows", model: model, status: .optimal, optimum: 1, oracle: "brute force")
    }

    /// x + y ≥ 5 and x + y ≤ 3: the LP relaxation is already infeasible.
    static var infeasibleLP: ConformanceCase {
        var model = Model(name: "infeasible LP")
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.objective = LinearExpression([Term(x, 1), Term(y, 1)])
        model.addConstraint("atLeast", LinearExpression([Term(x, 1), Term(y, 1)]), .greaterOrEqual, 5)
        model.addConstraint("atMost", LinearExpression([Term(x, 1), Term(y, 1)]), .lessOrEqual, 3)
        return ConformanceCase(name: "infeasible LP", model: model, status: .infeasible, optimum: nil, oracle: "hand")
    }

    /// 2x = 1 with x integer: the LP relaxation (x = 0.5) is feasible, the MIP is not.
    static var infeasibleIntegers: ConformanceCase {
        var model = Model(name: "infeasible integers")
        let x = model.addVariable("x", kind: .integer, lowerBound: 0, upperBound: 5)
        model.objective = LinearExpression([Term(x, 1)])
        model.addConstraint("half", LinearExpression([Term(x, 2)]), .equal, 1)
        return ConformanceCase(name: "infeasible integers", model: model, status: .infeasible, optimum: nil, oracle: "brute force")
    }

    /// An integer variable in [0.2, 0.8]: no integer fits.
    static var emptyIntegerRange: ConformanceCase {
        var model = Model(name: "empty integer range")
        let x = model.addVariable("x", kind: .integer, lowerBound: 0.2, upperBound: 0.8)
        model.objective = LinearExpression([Term(x, 1)])
        return ConformanceCase(name: "empty integer range", model: model, status: .infeasible, optimum: nil, oracle: "hand")
    }

    /// max x + y with x − y ≤ 1: y can grow without limit.
    static var unboundedLP: ConformanceCase {
        var model = Model(name: "unbounded LP")
        model.objectiveSense = .maximize
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.objective = LinearExpression([Term(x, 1), Term(y, 1)])
        model.addConstraint("spread", LinearExpression([Term(x, 1), Term(y, -1)]), .lessOrEqual, 1)
        return ConformanceCase(name: "unbounded LP", model: model, status: .unbounded, optimum: nil, oracle: "hand")
    }

    /// max x with x − 2y ≤ 0, both integer: (2k, k) is feasible for every k.
    static var unboundedMIP: ConformanceCase {
        var model = Model(name: "unbounded MIP")
        model.objectiveSense = .maximize
        let x = model.addVariable("x", kind: .integer)
        let y = model.addVariable("y", kind: .integer)
        model.objective = LinearExpression([Term(x, 1)])
        model.addConstraint("ratio", LinearExpression([Term(x, 1), Term(y, -2)]), .lessOrEqual, 0)
        return ConformanceCase(name: "unbounded MIP", model: model, status: .unbounded, optimum: nil, oracle: "hand")
    }
}
