// SPDX-License-Identifier: GPL-3.0-or-later
//
// CPLEX LP format, the subset every reader agrees on (IBM CPLEX File Formats Reference,
// "LP file format: algebraic representation"; GLPK 5.0 reference manual, appendix
// "CPLEX LP format"). Choices forced by GLPK's reader, checked against glp_read_lp:
// - It has no objective constant ("missing variable name"), so a non-zero constant is
//   carried by the column `obj_constant`, fixed at 1. Every reader gets the same optimum.
// - It needs a "Subject To" section with at least one row, and a linear form needs at least
//   one term; empty ones are written as `0 <first column>`, and a model without constraints
//   gets the always-true row `no_constraints: 0 <first column> >= 0`.
// Every term starts with its sign, so a continuation line can never start with a keyword.

/// Writes a `Model` in CPLEX LP format.
public struct LPWriter: ModelWriter {
    public init() {}
    public var format: ModelFileFormat { .lp }

    /// Longest line written before wrapping a linear form (the CPLEX limit is 560 characters).
    static let lineWidth = 100

    public func render(_ model: Model) throws(MILPError) -> String {
        try model.validate()
        let names = ModelNames(model)
        let constant = model.objective.constant
        // The constant column also stands in for "first column" when the model has none.
        let needsConstantColumn = constant != 0 || model.variables.isEmpty
        let firstColumn = names.variables.first ?? ModelNames.objectiveConstantColumn

        var out: [String] = []
        out.append("\\ Model \(names.model): \(WriterFormat.commentText(model.name))")
        out.append(
            "\\ Variables: \(model.variables.count) (\(model.integerVariableCount) integer); constraints: \(model.constraints.count)")
        if constant != 0 {
            out.append(
                "\\ Objective constant \(WriterFormat.number(constant)) is carried by column \(ModelNames.objectiveConstantColumn), fixed at 1"
            )
        }
        out.append(model.objectiveSense == .minimize ? "Minimize" : "Maximize")
        var objectiveTerms = model.objective.normalized().terms.map { (names.variables[$0.variable.index], $0.coefficient) }
        if constant != 0 { objectiveTerms.append((ModelNames.objectiveConstantColumn, constant)) }
        out += linearForm(label: ModelNames.objectiveRow, terms: objectiveTerms, tail: "", placeholder: firstColumn)

        out.append("Subject To")
        for (index, constraint) in model.constraints.enumerated() {
            let terms = constraint.expression.normalized().terms.map { (names.variables[$0.variable.index], $0.coefficient) }
            let rhs = constraint.rightHandSide - constraint.expression.constant
            let tail = " \(constraint.sense.rawValue) \(WriterFormat.number(rhs))"
            out += linearForm(label: names.constraints[index], terms: terms, tail: tail, placeholder: firstColumn)
        }
        if model.constraints.isEmpty {
            out.append("\\ The model has no constraints; GLPK's reader needs one, and this one always holds.")
            out.append(" \(ModelNames.placeholderRow): 0 \(firstColumn) >= 0")
        }

        var bounds: [String] = []
        var generals: [String] = []
        var binaries: [String] = []
        for (index, variable) in model.variables.enumerated() {
            let name = names.variables[index]
            let isZeroOne = variable.lowerBound == 0 && variable.upperBound == 1
            if variable.kind != .continuous {
                if isZeroOne {
                    binaries.append(name)
                    continue
                }
                generals.append(name)
            }
            if let line = boundLine(name, lower: variable.lowerBound, upper: variable.upperBound) {
                bounds.append(line)
            }
        }
        if needsConstantColumn {
            bounds.append(" \(ModelNames.objectiveConstantColumn) = 1")
        }
        if !bounds.isEmpty {
            out.append("Bounds")
            out += bounds
        }
        if !generals.isEmpty {
            out.append("Generals")
            out += generals.map { " " + $0 }
        }
        if !binaries.isEmpty {
            out.append("Binaries")
            out += binaries.map { " " + $0 }
        }
        out.append("End")
        return out.joined(separator: "\n") + "\n"
    }

    /// `label: ± c name ± c name … tail`, wrapped at `lineWidth`; `0 placeholder` when there are no terms.
    private func linearForm(label: String, terms: [(String, Double)], tail: String, placeholder: String) -> [String] {
        let pieces: [String] =
            terms.isEmpty
            ? ["0 \(placeholder)"]
            : terms.map { name, coefficient in
                let sign = coefficient < 0 ? "-" : "+"
                let magnitude = abs(coefficient)
                return magnitude == 1 ? "\(sign) \(name)" : "\(sign) \(WriterFormat.number(magnitude)) \(name)"
            }
        var lines: [String] = []
        var line = " \(label):"
        var piecesOnLine = 0
        for piece in pieces {
            if piecesOnLine > 0, line.count + 1 + piece.count > Self.lineWidth {
                lines.append(line)
                line = "   "
                piecesOnLine = 0
            }
            line += " " + piece
            piecesOnLine += 1
        }
        line += tail
        lines.append(line)
        return lines
    }

    /// The Bounds line for one column, or nil for the LP default `0 <= x < +inf`.
    private func boundLine(_ name: String, lower: Double?, upper: Double?) -> String? {
        switch (lower, upper) {
        case (nil, nil):
            return " \(name) free"
        case (let l?, let u?) where l == u:
            return " \(name) = \(WriterFormat.number(l))"
        case (nil, let u?):
            return " -inf <= \(name) <= \(WriterFormat.number(u))"
        case (let l?, nil):
            return l == 0 ? nil : " \(name) >= \(WriterFormat.number(l))"
        case (let l?, let u?):
            return " \(WriterFormat.number(l)) <= \(name) <= \(WriterFormat.number(u))"
        }
    }
}
