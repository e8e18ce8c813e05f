// SPDX-License-Identifier: GPL-3.0-or-later
//
// Free MPS format (GLPK 5.0 reference manual, appendix "MPS format"; IBM CPLEX File Formats
// Reference, "MPS file format: industry standard"). Readers disagree on two points, so the
// writer avoids both:
// - Objective sense. GLPK's reader rejects an OBJSENSE section ("invalid indicator record"),
//   so a maximisation is written as the minimisation of the negated objective and says so
//   in the header: a reader's optimum is −(the model's optimum).
// - Objective constant. GLPK reads an RHS entry on the objective row as +constant, CPLEX
//   as −constant (MathOptInterface.jl issue #1247). The constant is carried instead by the
//   column `obj_constant`, fixed at 1, which every reader understands the same way.
// Integer columns always get explicit bounds (BV, or LO/MI with UP/PL): some readers give an
// integer column without bounds the range [0, 1].

/// Writes a `Model` in free MPS format.
public struct MPSWriter: ModelWriter {
    public init() {}
    public var format: ModelFileFormat { .mps }

    public func render(_ model: Model) throws(MILPError) -> String {
        try model.validate()
        let names = ModelNames(model)
        let objectiveSign: Double = model.objectiveSense == .minimize ? 1 : -1
        let constant = model.objective.constant

        var out: [String] = []
        out.append("* Model \(names.model): \(WriterFormat.commentText(model.name))")
        out.append("* Variables: \(model.variables.count) (\(model.integerVariableCount) integer); constraints: \(model.constraints.count)")
        if model.objectiveSense == .maximize {
            out.append("* Maximisation written as minimisation of the negated objective: the model's optimum is -(this file's optimum)")
        }
        if constant != 0 {
            out.append(
                "* Objective constant \(WriterFormat.number(constant)) is carried by column \(ModelNames.objectiveConstantColumn), fixed at 1"
            )
        }
        out.append("NAME \(names.model)")

        out.append("ROWS")
        out.append(" N \(ModelNames.objectiveRow)")
        for (index, constraint) in model.constraints.enumerated() {
            let type: String
            switch constraint.sense {
            case .lessOrEqual: type = "L"
            case .greaterOrEqual: type = "G"
            case .equal: type = "E"
            }
            out.append(" \(type) \(names.constraints[index])")
        }

        // Column-wise entries: objective first, then rows in model order.
        var entries = [[(row: String, value: Double)]](repeating: [], count: model.variables.count)
        for term in model.objective.normalized().terms {
            entries[term.variable.index].append((ModelNames.objectiveRow, objectiveSign * term.coefficient))
        }
        for (index, constraint) in model.constraints.enumerated() {
            for term in constraint.expression.normalized().terms {
                entries[term.variable.index].append((names.constraints[index], term.coefficient))
            }
        }
        out.append("COLUMNS")
        var markers = 0
        var inIntegerBlock = false
        for (index, variable) in model.variables.enumerated() {
            let isInteger = variable.kind != .continuous
            if isInteger != inIntegerBlock {
                markers += 1
                out.append(" M\(markers) 'MARKER' '\(isInteger ? "INTORG" : "INTEND")'")
                inIntegerBlock = isInteger
            }
            let name = names.variables[index]
            // A column with no entries must still appear to exist.
            let columnEntries = entries[index].isEmpty ? [(row: ModelNames.objectiveRow, value: 0.0)] : entries[index]
            for entry in columnEntries {
                out.append(" \(name) \(entry.row) \(WriterFormat.number(entry.value))")
            }
        }
        if inIntegerBlock {
            markers += 1
            out.append(" M\(markers) 'MARKER' 'INTEND'")
        }
        if constant != 0 {
            out.append(" \(ModelNames.objectiveConstantColumn) \(ModelNames.objectiveRow) \(WriterFormat.number(objectiveSign * constant))")
        }

        out.append("RHS")
        for (index, constraint) in model.constraints.enumerated() {
            let rhs = constraint.rightHandSide - constraint.expression.constant
            if rhs != 0 {
                out.append(" RHS \(names.constraints[index]) \(WriterFormat.number(rhs))")
            }
        }

        var bounds: [String] = []
        for (index, variable) in model.variables.enumerated() {
            bounds += boundLines(names.variables[index], variable)
        }
        if constant != 0 {
            bounds.append(" FX BND \(ModelNames.objectiveConstantColumn) 1")
        }
        if !bounds.isEmpty {
            out.append("BOUNDS")
            out += bounds
        }
        out.append("ENDATA")
        return out.joined(separator: "\n") + "\n"
    }

    /// BOUNDS lines for one column; none for a continuous column with the default `[0, +inf)`.
    private func boundLines(_ name: String, _ variable: Variable) -> [String] {
        let lower = variable.lowerBound
        let upper = variable.upperBound
        func line(_ type: String, _ value: Double? = nil) -> String {
            value.map { " \(type) BND \(name) \(WriterFormat.number($0))" } ?? " \(type) BND \(name)"
        }
        if let l = lower, let u = upper, l == u { return [line("FX", l)] }
        if variable.kind != .continuous {
            if lower == 0 && upper == 1 { return [line("BV")] }
            return [lower.map { line("LO", $0) } ?? line("MI"), upper.map { line("UP", $0) } ?? line("PL")]
        }
        switch (lower, upper) {
        case (nil, nil): return [line("FR")]
        case (nil, let u?): return [line("MI"), line("UP", u)]
        case (let l?, nil): return l == 0 ? [] : [line("LO", l)]
        case (let l?, let u?): return [line("LO", l), line("UP", u)]
        }
    }
}
