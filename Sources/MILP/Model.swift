// SPDX-License-Identifier: GPL-3.0-or-later
//
// A solver-neutral mixed-integer linear programme, in the spirit of MathOptInterface:
// the formulation is built and inspected here, and a backend (GLPKBackend) solves it.

/// Opaque handle to a variable of one `Model`; `index` is 0-based and dense.
public struct VariableID: Hashable, Comparable, Sendable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: VariableID, b: VariableID) -> Bool { a.index < b.index }
}

/// Opaque handle to a constraint of one `Model`; `index` is 0-based and dense.
public struct ConstraintID: Hashable, Sendable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
}

public enum VariableKind: String, Sendable {
    case continuous
    case integer
    /// Integer with bounds [0, 1].
    case binary
}

/// A decision variable. A `nil` bound means unbounded on that side.
public struct Variable: Sendable, Equatable {
    public var name: String
    public var kind: VariableKind
    public var lowerBound: Double?
    public var upperBound: Double?
    public init(name: String, kind: VariableKind, lowerBound: Double?, upperBound: Double?) {
        self.name = name
        self.kind = kind
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }
}

/// One coefficient times one variable.
public struct Term: Sendable, Equatable {
    public var variable: VariableID
    public var coefficient: Double
    public init(_ variable: VariableID, _ coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// Σ coefficient·variable + constant. Terms may repeat a variable; `normalized()` merges them.
public struct LinearExpression: Sendable, Equatable {
    public var terms: [Term]
    public var constant: Double
    public init(_ terms: [Term] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }
    public mutating func add(_ variable: VariableID, _ coefficient: Double) {
        terms.append(Term(variable, coefficient))
    }
    /// Merges repeated variables, drops exact zeros, and sorts by variable index (deterministic output).
    public func normalized() -> LinearExpression {
        var merged: [Int: Double] = [:]
        for t in terms { merged[t.variable.index, default: 0] += t.coefficient }
        let sorted = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        return LinearExpression(sorted.map { Term(VariableID($0.key), $0.value) }, constant: constant)
    }
    /// Value of the expression at a point (`values[i]` is variable i).
    public func evaluate(_ values: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * values[$1.variable.index] }
    }
}

public enum ConstraintSense: String, Sendable {
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case equal = "="
}

/// `expression (sense) rightHandSide`; any constant in `expression` is moved to the right by backends.
public struct Constraint: Sendable, Equatable {
    public var name: String
    public var expression: LinearExpression
    public var sense: ConstraintSense
    public var rightHandSide: Double
    public init(name: String, expression: LinearExpression, sense: ConstraintSense, rightHandSide: Double) {
        self.name = name
        self.expression = expression
        self.sense = sense
        self.rightHandSide = rightHandSide
    }
}

public enum ObjectiveSense: String, Sendable {
    case minimize
    case maximize
}

/// A MILP: variables, linear constraints and a linear objective.
///
/// Names need not be unique; writers make them unique and legal for their format.
public struct Model: Sendable, Equatable {
    public var name: String
    public private(set) var variables: [Variable] = []
    public private(set) var constraints: [Constraint] = []
    public var objective = LinearExpression()
    public var objectiveSense: ObjectiveSense = .minimize

    public init(name: String = "model") { self.name = name }

    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: VariableKind = .continuous, lowerBound: Double? = 0, upperBound: Double? = nil
    ) -> VariableID {
        let (lb, ub): (Double?, Double?) = kind == .binary ? (0, 1) : (lowerBound, upperBound)
        variables.append(Variable(name: name, kind: kind, lowerBound: lb, upperBound: ub))
        return VariableID(variables.count - 1)
    }

    @discardableResult
    public mutating func addConstraint(
        _ name: String, _ expression: LinearExpression, _ sense: ConstraintSense, _ rightHandSide: Double
    ) -> ConstraintID {
        constraints.append(Constraint(name: name, expression: expression, sense: sense, rightHandSide: rightHandSide))
        return ConstraintID(constraints.count - 1)
    }

    @discardableResult
    public mutating func addConstraint(_ constraint: Constraint) -> ConstraintID {
        constraints.append(constraint)
        return ConstraintID(constraints.count - 1)
    }

    /// Tightens or changes bounds of an existing variable (for fixing, branching or what-if runs).
    public mutating func setBounds(_ v: VariableID, lower: Double?, upper: Double?) {
        variables[v.index].lowerBound = lower
        variables[v.index].upperBound = upper
    }

    public var integerVariableCount: Int { variables.filter { $0.kind != .continuous }.count }
}
