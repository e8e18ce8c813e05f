// SPDX-License-Identifier: GPL-3.0-or-later
//
// Model names are free text (they may be Chinese, contain spaces or repeat). File formats
// and solvers are stricter. The CPLEX LP format allows at most 255 characters, forbids a
// leading digit or period, and reserves names an exponent reader could take for a number
// ("e9", "E"); see IBM CPLEX File Formats Reference, "Variable names in LP file format".
// Free MPS forbids spaces in names (Gurobi reference manual, "MPS format"). GLPK rejects
// names longer than 255 characters or with control characters by calling abort()
// (glp_set_col_name in GLPK 5.0, api/prob1.c). One conservative rule satisfies all:
// ASCII letters, digits and underscore only, at most 255 characters, unique per namespace.

/// Legal, unique names for one model, shared by the LP and MPS writers and the backends.
///
/// Invariants: every name matches `[A-Za-z_][A-Za-z0-9_]*`, has at most 255 characters, is not
/// an LP keyword, and is unique among the variables (columns, including
/// `objectiveConstantColumn`) or among the constraints (rows, including `objectiveRow` and
/// `placeholderRow`). The mapping is deterministic: the same model gives the same names.
public struct ModelNames: Sendable, Equatable {
    /// The model's name, sanitised (fallback `model`).
    public let model: String
    /// One name per variable, in model order.
    public let variables: [String]
    /// One name per constraint, in model order.
    public let constraints: [String]

    /// Row name of the objective (an `N` row in MPS).
    public static let objectiveRow = "obj"
    /// Column that carries a non-zero objective constant (fixed at 1) in written files.
    public static let objectiveConstantColumn = "obj_constant"
    /// Always-satisfied row written when the model has no constraints (GLPK's LP reader requires one).
    public static let placeholderRow = "no_constraints"

    /// Longest name produced, in characters (CPLEX LP and GLPK allow 255).
    public static let maximumLength = 255

    public init(_ model: Model) {
        self.model = Self.sanitize(model.name, fallback: "model")
        var columns = Namespace(reserved: [Self.objectiveConstantColumn])
        variables = model.variables.enumerated().map { index, variable in
            columns.claim(Self.sanitize(variable.name, fallback: "x\(index)"))
        }
        var rows = Namespace(reserved: [Self.objectiveRow, Self.placeholderRow])
        constraints = model.constraints.enumerated().map { index, constraint in
            rows.claim(Self.sanitize(constraint.name, fallback: "c\(index)"))
        }
    }

    /// Keywords of the CPLEX LP format (case-insensitive); a name equal to one gets a `_` prefix.
    static let lpKeywords: Set<String> = [
        "minimize", "minimise", "minimum", "min", "maximize", "maximise", "maximum", "max",
        "subject", "such", "st", "bounds", "bound", "general", "generals", "gen", "integer",
        "integers", "int", "binary", "binaries", "bin", "semi", "semis", "end", "free", "inf", "infinity",
    ]

    /// `raw` made legal: ASCII letters, digits and `_` kept, other ASCII becomes `_`, any other
    /// character becomes `u` and its hexadecimal code point (so Chinese names stay distinct);
    /// a `_` prefix for a leading digit, an exponent-like start or a keyword; cut to 200 characters
    /// (room for a uniqueness suffix). An empty `raw` gives `fallback`.
    public static func sanitize(_ raw: String, fallback: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            if scalar.isASCII {
                let c = Character(scalar)
                out.append(c.isLetter || c.isNumber || c == "_" ? c : "_")
            } else {
                out += "u" + String(scalar.value, radix: 16)
            }
        }
        if out.isEmpty { out = fallback }
        let chars = Array(out)
        let exponentLike =
            (chars[0] == "e" || chars[0] == "E") && (chars.count == 1 || chars[1].isNumber || chars[1] == "e" || chars[1] == "E")
        if chars[0].isNumber || exponentLike || lpKeywords.contains(out.lowercased()) {
            out = "_" + out
        }
        return String(out.prefix(200))
    }

    /// Names already taken in one namespace; a taken name gets the first free `_2`, `_3`, … suffix.
    private struct Namespace {
        var used: Set<String>
        init(reserved: Set<String>) { used = reserved }
        mutating func claim(_ base: String) -> String {
            var candidate = base
            var suffix = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
