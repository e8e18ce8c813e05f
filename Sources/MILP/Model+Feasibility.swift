// SPDX-License-Identifier: GPL-3.0-or-later
//
// A solver-independent check of a point against a model. Backends use it before offering
// a start to a solver (GLPK's glp_ios_heur_sol "does not check primal feasibility of the
// solution provided", GLPK 5.0 reference manual, §"glp_ios_heur_sol"), and tests use it
// as an oracle that cannot share a backend's bugs.

/// One way in which a point breaks a model.
public struct FeasibilityViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The point has the wrong number of values or a value that is not finite.
        case malformed
        case lowerBound
        case upperBound
        /// An integer or binary variable is not within tolerance of an integer.
        case integrality
        case constraint
    }
    public var kind: Kind
    /// The variable or constraint concerned (its model name, or `x#i` / `c#i` when unnamed).
    public var name: String
    /// How far outside the allowed set the point is, in the model's own units (≥ 0).
    public var amount: Double

    public init(kind: Kind, name: String, amount: Double) {
        self.kind = kind
        self.name = name
        self.amount = amount
    }

    public var description: String { "\(kind.rawValue) '\(name)' violated by \(amount)" }
}

extension Model {
    /// Every bound, integrality and constraint the point `values` (model order) violates.
    ///
    /// Bounds and integrality use `tolerance` as an absolute tolerance; a constraint is
    /// satisfied when it holds within `tolerance · max(1, |rhs − constant|)`.
    /// An empty result means the point is feasible within tolerance. An invalid model
    /// (see `validationErrors()`) or a point of the wrong length gives one `.malformed` entry.
    public func violations(of values: [Double], tolerance: Double = 1e-6) -> [FeasibilityViolation] {
        guard values.count == variables.count else {
            return [
                FeasibilityViolation(
                    kind: .malformed, name: "values (\(values.count) for \(variables.count) variables)",
                    amount: Double(abs(values.count - variables.count)))
            ]
        }
        if let invalid = validationErrors().first {
            return [FeasibilityViolation(kind: .malformed, name: "model (\(invalid))", amount: .infinity)]
        }
        var found: [FeasibilityViolation] = []
        for (index, variable) in variables.enumerated() {
            let name = Self.label(variable.name, index: index, prefix: "x")
            let x = values[index]
            guard x.isFinite else {
                found.append(FeasibilityViolation(kind: .malformed, name: name, amount: .infinity))
                continue
            }
            if let lower = variable.lowerBound, x < lower - tolerance {
                found.append(FeasibilityViolation(kind: .lowerBound, name: name, amount: lower - x))
            }
            if let upper = variable.upperBound, x > upper + tolerance {
                found.append(FeasibilityViolation(kind: .upperBound, name: name, amount: x - upper))
            }
            if variable.kind != .continuous, abs(x - x.rounded()) > tolerance {
                found.append(FeasibilityViolation(kind: .integrality, name: name, amount: abs(x - x.rounded())))
            }
        }
        guard found.allSatisfy({ $0.kind != .malformed }) else { return found }
        for (index, constraint) in constraints.enumerated() {
            let rhs = constraint.rightHandSide - constraint.expression.constant
            let lhs = constraint.expression.evaluate(values) - constraint.expression.constant
            let slack = tolerance * max(1, abs(rhs))
            let excess: Double
            switch constraint.sense {
            case .lessOrEqual: excess = lhs - rhs
            case .greaterOrEqual: excess = rhs - lhs
            case .equal: excess = abs(lhs - rhs)
            }
            if excess > slack {
                let name = Self.label(constraint.name, index: index, prefix: "c")
                found.append(FeasibilityViolation(kind: .constraint, name: name, amount: excess))
            }
        }
        return found
    }

    /// The objective at `values` (model order), including the objective constant.
    public func objectiveValue(at values: [Double]) -> Double {
        objective.evaluate(values)
    }
}
