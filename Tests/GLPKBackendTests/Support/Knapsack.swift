// SPDX-License-Identifier: GPL-3.0-or-later
import MILP

/// A random 0-1 knapsack with an exact optimum by dynamic programming over integer weights
/// (Kellerer, Pferschy and Pisinger, "Knapsack Problems", 2004, §2.3): an oracle for
/// instances too large to enumerate.
struct RandomKnapsack {
    let values: [Double]
    let weights: [Int]
    let capacity: Int
    let name: String

    init(items: Int, seed: UInt64, name: String) {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
        let weights = (0..<items).map { _ in next(20...100) }
        // Weakly correlated values, with cents so that GLPK cannot round its bound to an integer.
        self.values = weights.map { Double($0 + next(-10...10)) + Double(next(0...99)) / 100 }
        self.weights = weights
        self.capacity = weights.reduce(0, +) / 2
        self.name = name
    }

    var model: Model {
        var model = Model(name: name)
        model.objectiveSense = .maximize
        let x = values.indices.map { model.addVariable("item\($0)", kind: .binary) }
        model.objective = LinearExpression(zip(x, values).map { Term($0, $1) })
        model.addConstraint("capacity", LinearExpression(zip(x, weights).map { Term($0, Double($1)) }), .lessOrEqual, Double(capacity))
        return model
    }

    /// The optimum: best[c] = best value within capacity c, items added one by one.
    var optimum: Double {
        var best = [Double](repeating: 0, count: capacity + 1)
        for (value, weight) in zip(values, weights) where weight <= capacity {
            for c in stride(from: capacity, through: weight, by: -1) {
                best[c] = max(best[c], best[c - weight] + value)
            }
        }
        return best[capacity]
    }
}
