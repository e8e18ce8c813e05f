// SPDX-License-Identifier: GPL-3.0-or-later
import MILP

/// An oracle that cannot share the backend's bugs: enumerates every integer point of a pure
/// integer model with finite bounds and keeps the best feasible one.
enum BruteForce {
    /// The optimum and a point attaining it; nil when no point is feasible.
    /// Precondition: every variable is integer or binary with finite bounds, and the box is small.
    static func optimum(of model: Model) -> (objective: Double, values: [Double])? {
        let ranges: [ClosedRange<Int>] = model.variables.map { variable in
            precondition(variable.kind != .continuous, "brute force needs a pure integer model")
            let lower = Int(variable.lowerBound!.rounded(.up))
            let upper = Int(variable.upperBound!.rounded(.down))
            return lower...max(lower, upper)
        }
        let size = ranges.reduce(1) { $0 * $1.count }
        precondition(size <= 2_000_000, "box too large for brute force")
        var best: (objective: Double, values: [Double])?
        var point = ranges.map { Double($0.lowerBound) }
        for _ in 0..<size {
            if model.violations(of: point, tolerance: 1e-9).isEmpty {
                let value = model.objectiveValue(at: point)
                let better =
                    model.objectiveSense == .minimize
                    ? value < (best?.objective ?? .infinity)
                    : value > (best?.objective ?? -.infinity)
                if better { best = (value, point) }
            }
            // Odometer step.
            for k in point.indices {
                if point[k] < Double(ranges[k].upperBound) {
                    point[k] += 1
                    break
                }
                point[k] = Double(ranges[k].lowerBound)
            }
        }
        return best
    }
}
