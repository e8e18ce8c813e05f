// SPDX-License-Identifier: GPL-3.0-or-later
import MILP

/// Market split instances (Cornuéjols and Dawande, "A class of hard small 0-1 programs",
/// INFORMS J. Computing 11(2), 1999): m equality rows with coefficients in 0...99 and
/// right-hand side ⌊Σ_j a_ij / 2⌋ over n = 10(m − 1) binaries. Branch and bound is hopeless on
/// them because the LP relaxation is always 0; with m = 4, n = 30 GLPK 5.0 runs for minutes.
///
/// Optimisation form: minimise Σ_i (s⁺_i + s⁻_i) subject to Σ_j a_ij x_j + s⁺_i − s⁻_i = d_i.
struct MarketSplit {
    let coefficients: [[Int]]
    let rightHandSides: [Int]

    /// A deterministic instance (64-bit LCG, Knuth's MMIX constants) for a `seed`.
    init(rows: Int, columns: Int, seed: UInt64) {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % 100)
        }
        coefficients = (0..<rows).map { _ in (0..<columns).map { _ in next() } }
        rightHandSides = coefficients.map { $0.reduce(0, +) / 2 }
    }

    var model: Model {
        var model = Model(name: "market split \(coefficients.count)x\(coefficients[0].count)")
        let x = coefficients[0].indices.map { model.addVariable("x\($0)", kind: .binary) }
        var objective = LinearExpression()
        for (i, row) in coefficients.enumerated() {
            let plus = model.addVariable("sp\(i)")
            let minus = model.addVariable("sm\(i)")
            objective.add(plus, 1)
            objective.add(minus, 1)
            var expression = LinearExpression(zip(x, row).map { Term($0, Double($1)) })
            expression.add(plus, 1)
            expression.add(minus, -1)
            model.addConstraint("r\(i)", expression, .equal, Double(rightHandSides[i]))
        }
        model.objective = objective
        return model
    }

    /// The exact optimum, by meeting in the middle: all 2^(n/2) partial sums of each half, then
    /// for k = 0, 1, 2, … a hash look-up of every residual vector within L1 distance k.
    /// Cheap while the optimum is small, as it is for these instances.
    func optimum(searchingUpTo limit: Int = 12) -> Int? {
        let m = coefficients.count
        let n = coefficients[0].count
        let half = n / 2
        func sums(_ columns: Range<Int>) -> [[Int]] {
            var result: [[Int]] = [Array(repeating: 0, count: m)]
            for j in columns {
                result += result.map { partial in (0..<m).map { partial[$0] + coefficients[$0][j] } }
            }
            return result
        }
        precondition(m <= 4, "the hash key packs 13 bits per row into 64 bits")
        func key(_ v: [Int]) -> Int { v.reduce(0) { $0 * 8192 + ($1 + 4096) } }
        let right = Set(sums(half..<n).map(key))
        let residuals = sums(0..<half).map { left in (0..<m).map { rightHandSides[$0] - left[$0] } }
        for k in 0...limit {
            for offset in Self.offsets(dimensions: m, norm: k) {
                for residual in residuals where right.contains(key((0..<m).map { residual[$0] - offset[$0] })) {
                    return k
                }
            }
        }
        return nil
    }

    /// Every integer vector of `dimensions` entries with L1 norm exactly `norm`.
    static func offsets(dimensions: Int, norm: Int) -> [[Int]] {
        if dimensions == 1 { return norm == 0 ? [[0]] : [[norm], [-norm]] }
        var result: [[Int]] = []
        for first in -norm...norm {
            for rest in offsets(dimensions: dimensions - 1, norm: norm - abs(first)) {
                result.append([first] + rest)
            }
        }
        return result
    }
}
