// SPDX-License-Identifier: GPL-3.0-or-later
//
// Checks that make a model safe to hand to a native solver. GLPK answers a bad argument
// (NaN bound, index out of range, lb > ub) with abort(), and its error hook can only be
// left with longjmp, which Swift cannot use; so every value is checked here, in Swift,
// before any backend touches C.

extension Model {
    /// Every reason this model cannot be handed to a solver, in model order: variables, objective, constraints.
    ///
    /// An empty result means: every bound, coefficient, constant and right-hand side is finite,
    /// every lower bound is at most its upper bound (`nil` means unbounded on that side),
    /// and every term refers to a variable of this model.
    public func validationErrors() -> [MILPError] {
        var errors: [MILPError] = []
        for (index, variable) in variables.enumerated() {
            let label = Self.label(variable.name, index: index, prefix: "x")
            if let lower = variable.lowerBound, !lower.isFinite {
                errors.append(.nonFiniteBound(variable: label, value: lower))
            }
            if let upper = variable.upperBound, !upper.isFinite {
                errors.append(.nonFiniteBound(variable: label, value: upper))
            }
            if let lower = variable.lowerBound, let upper = variable.upperBound,
                lower.isFinite, upper.isFinite, lower > upper
            {
                errors.append(.invertedBounds(variable: label, lower: lower, upper: upper))
            }
        }
        errors += expressionErrors(objective, row: "objective")
        if !objective.constant.isFinite {
            errors.append(.nonFiniteCoefficient(row: "objective", variable: "constant", value: objective.constant))
        }
        for (index, constraint) in constraints.enumerated() {
            let row = Self.label(constraint.name, index: index, prefix: "c")
            errors += expressionErrors(constraint.expression, row: row)
            // Backends move the expression's constant to the right: rhs − constant must be finite.
            let effective = constraint.rightHandSide - constraint.expression.constant
            if !effective.isFinite {
                errors.append(.nonFiniteRightHandSide(row: row, value: effective))
            }
        }
        return errors
    }

    /// `validationErrors()` plus every reason `options` cannot be used with this model.
    ///
    /// Options: `relativeGap` finite and ≥ 0; `timeLimitSeconds` (when set) and
    /// `progressIntervalSeconds` finite and ≥ 0; `initialSolution` (when set) one finite value per variable;
    /// no presolve with `lazyRows`, `subproblemRows`, `branchFirst` or `branchNext`; `branchFirst` and `branchNext` name
    /// integer columns of the model.
    public func validationErrors(for options: SolveOptions) -> [MILPError] {
        var errors = validationErrors()
        if !(options.relativeGap.isFinite && options.relativeGap >= 0) {
            errors.append(
                .invalidOption(
                    name: "relativeGap", value: "\(options.relativeGap)", requirement: "a finite number ≥ 0 (0 proves optimality)"))
        }
        if let seconds = options.timeLimitSeconds, !(seconds.isFinite && seconds >= 0) {
            errors.append(
                .invalidOption(
                    name: "timeLimitSeconds", value: "\(seconds)", requirement: "a finite number of seconds ≥ 0, or nil for no limit"))
        }
        if !(options.progressIntervalSeconds.isFinite && options.progressIntervalSeconds >= 0) {
            errors.append(
                .invalidOption(
                    name: "progressIntervalSeconds", value: "\(options.progressIntervalSeconds)",
                    requirement: "a finite number of seconds ≥ 0"))
        }
        // Options that name or see the model's columns, which a presolved search no longer has.
        let onModelColumns = [
            options.lazyRows != nil ? "lazyRows" : nil, options.subproblemRows != nil ? "subproblemRows" : nil,
            options.branchFirst.isEmpty ? nil : "branchFirst",
            options.branchNext.isEmpty ? nil : "branchNext",
        ].compactMap { $0 }
        if options.presolve && !onModelColumns.isEmpty {
            errors.append(
                .invalidOption(
                    name: "presolve", value: "true",
                    requirement: "false when \(onModelColumns.joined(separator: " or ")) is set: a presolved search runs on transformed columns they cannot see"))
        }
        for (set, columns) in [("branchFirst", options.branchFirst), ("branchNext", options.branchNext)] {
            for (position, column) in columns.enumerated() {
                guard variables.indices.contains(column.index) else {
                    errors.append(
                        .invalidOption(
                            name: "\(set)[\(position)]", value: "column \(column.index)",
                            requirement: "a column of the model (0..<\(variables.count))"))
                    continue
                }
                if variables[column.index].kind == .continuous {
                    errors.append(
                        .invalidOption(
                            name: "\(set)[\(position)]", value: Self.label(variables[column.index].name, index: column.index, prefix: "x"),
                            requirement: "an integer or binary column (branching needs integrality)"))
                }
            }
        }
        if let initial = options.initialSolution {
            if initial.count != variables.count {
                errors.append(.initialSolutionLength(expected: variables.count, got: initial.count))
            }
            for (index, value) in initial.enumerated() where !value.isFinite {
                errors.append(
                    .invalidOption(
                        name: "initialSolution[\(index)]", value: "\(value)", requirement: "finite"))
            }
        }
        return errors
    }

    /// Throws the first of `validationErrors()`; use that method to report them all.
    public func validate() throws(MILPError) {
        if let first = validationErrors().first { throw first }
    }

    /// Throws the first of `validationErrors(for:)`; use that method to report them all.
    public func validate(for options: SolveOptions) throws(MILPError) {
        if let first = validationErrors(for: options).first { throw first }
    }

    private func expressionErrors(_ expression: LinearExpression, row: String) -> [MILPError] {
        var errors: [MILPError] = []
        for term in expression.terms {
            guard variables.indices.contains(term.variable.index) else {
                errors.append(.unknownVariable(row: row, index: term.variable.index))
                continue
            }
            if !term.coefficient.isFinite {
                let variable = Self.label(variables[term.variable.index].name, index: term.variable.index, prefix: "x")
                errors.append(.nonFiniteCoefficient(row: row, variable: variable, value: term.coefficient))
            }
        }
        return errors
    }

    /// The name to show in a message: the given name, or `prefix#index` when it is empty.
    static func label(_ name: String, index: Int, prefix: String) -> String {
        name.isEmpty ? "\(prefix)#\(index)" : name
    }
}
