// SPDX-License-Identifier: GPL-3.0-or-later
//
// The one owner of a glp_prob. Every call on a problem object goes through a method here,
// so the object is alive for the whole call (Swift may end an object's life right after
// its last use; a raw pointer taken out of it would not keep it alive).
import CGLPK
import MILP

/// GLPK's arrays are 1-based: "Column indices and numeric values of new row elements must be
/// placed in locations ind[1], ..., ind[len] and val[1], ..., val[len]" (GLPK 5.0,
/// glp_set_mat_row). The padding slot 0 is added and removed here and nowhere else.
enum OneBased {
    /// Calls `body` with a pointer to `[pad] + values`, i.e. `values[k-1]` at index k.
    static func withArray<T, R>(_ values: [T], pad: T, _ body: (UnsafePointer<T>) -> R) -> R {
        let padded = [pad] + values
        return padded.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Calls `fill` with a buffer of `count + 1` slots; returns slots 1…count as a 0-based array.
    static func read<T>(count: Int, pad: T, _ fill: (UnsafeMutablePointer<T>) -> Void) -> [T] {
        var buffer = [T](repeating: pad, count: count + 1)
        buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!) }
        return Array(buffer.dropFirst())
    }
}

/// Bounds of one GLPK row or column: a `GLP_FR/LO/UP/DB/FX` type with its values.
enum GLPKBounds: Equatable, Sendable {
    case free
    case lower(Double)
    case upper(Double)
    case double(Double, Double)
    case fixed(Double)

    /// GLPK refuses a double-bounded variable with `lb >= ub` (`GLP_EBOUND`, glp_simplex and
    /// glp_intopt), so equal bounds become `.fixed`.
    init(lower: Double?, upper: Double?) {
        switch (lower, upper) {
        case (nil, nil): self = .free
        case (let l?, nil): self = .lower(l)
        case (nil, let u?): self = .upper(u)
        case (let l?, let u?): self = l == u ? .fixed(l) : .double(l, u)
        }
    }

    /// Column bounds for `variable`. GLPK requires integral bounds on integer columns ("some
    /// integer variables have non-integer (fractional) bounds", GLP_EBOUND), so they are
    /// rounded inwards, allowing 1e-9 of floating-point noise. Nil when no integer lies
    /// within the bounds: the model is infeasible and GLPK is not needed to say so.
    static func column(_ variable: Variable) -> GLPKBounds? {
        guard variable.kind != .continuous else {
            return GLPKBounds(lower: variable.lowerBound, upper: variable.upperBound)
        }
        let lower = variable.lowerBound.map { ($0 - 1e-9).rounded(.up) }
        let upper = variable.upperBound.map { ($0 + 1e-9).rounded(.down) }
        if let l = lower, let u = upper, l > u { return nil }
        return GLPKBounds(lower: lower, upper: upper)
    }

    /// Row bounds for `constraint`: its expression's constant moved to the right-hand side.
    static func row(_ constraint: Constraint) -> GLPKBounds {
        let rhs = constraint.rightHandSide - constraint.expression.constant
        switch constraint.sense {
        case .lessOrEqual: return .upper(rhs)
        case .greaterOrEqual: return .lower(rhs)
        case .equal: return .fixed(rhs)
        }
    }

    /// Arguments for `glp_set_row_bnds` / `glp_set_col_bnds`.
    var arguments: (type: Int32, lb: Double, ub: Double) {
        switch self {
        case .free: return (GLP_FR, 0, 0)
        case .lower(let l): return (GLP_LO, l, 0)
        case .upper(let u): return (GLP_UP, 0, u)
        case .double(let l, let u): return (GLP_DB, l, u)
        case .fixed(let v): return (GLP_FX, v, v)
        }
    }
}

/// Owns one GLPK problem object (`glp_create_prob`), deleted in `deinit` (`glp_delete_prob`).
///
/// Create, use and release it on one thread inside one `GLPKSession`.
final class GLPKProblem {
    private let pointer: OpaquePointer

    /// Largest sizes GLPK 5.0 accepts (`M_MAX`, `N_MAX`, `NNZ_MAX` in api/prob.h); beyond them
    /// glp_add_rows, glp_add_cols and glp_set_mat_row abort().
    static let maximumRows = 100_000_000
    static let maximumColumns = 100_000_000
    static let maximumNonZeros = 500_000_000

    init() { pointer = glp_create_prob() }
    deinit { glp_delete_prob(pointer) }

    var columnCount: Int { Int(glp_get_num_cols(pointer)) }
    var rowCount: Int { Int(glp_get_num_rows(pointer)) }

    // MARK: Loading a model

    /// Copies a validated `model` in. `columnBounds` comes from `GLPKBounds.column` (one per variable).
    ///
    /// Calls glp_set_prob_name, glp_set_obj_dir, glp_set_obj_coef (index 0 is the objective
    /// constant), glp_add_cols, glp_set_col_name, glp_set_col_kind, glp_set_col_bnds,
    /// glp_add_rows, glp_set_row_name, glp_set_row_bnds and glp_set_mat_row. `glp_add_rows` and
    /// `glp_add_cols` abort on a count of 0, so they are only called for a positive count.
    func load(_ model: Model, names: ModelNames, columnBounds: [GLPKBounds]) throws(MILPError) {
        let rows = model.constraints.map { $0.expression.normalized().terms }
        let nonZeros = rows.reduce(0) { $0 + $1.count }
        guard model.variables.count <= Self.maximumColumns, model.constraints.count <= Self.maximumRows,
            nonZeros <= Self.maximumNonZeros
        else {
            throw .backendFailure(
                backend: "GLPK",
                message:
                    "the model has \(model.variables.count) columns, \(model.constraints.count) rows and \(nonZeros) non-zeros; GLPK allows at most \(Self.maximumColumns), \(Self.maximumRows) and \(Self.maximumNonZeros)"
            )
        }
        precondition(columnBounds.count == model.variables.count)
        glp_set_prob_name(pointer, names.model)
        glp_set_obj_name(pointer, ModelNames.objectiveRow)
        glp_set_obj_dir(pointer, model.objectiveSense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(pointer, 0, model.objective.constant)

        if !model.variables.isEmpty { glp_add_cols(pointer, Int32(model.variables.count)) }
        for (index, variable) in model.variables.enumerated() {
            let j = Int32(index + 1)
            glp_set_col_name(pointer, j, names.variables[index])
            glp_set_col_kind(pointer, j, variable.kind == .continuous ? GLP_CV : GLP_IV)
            let (type, lb, ub) = columnBounds[index].arguments
            glp_set_col_bnds(pointer, j, type, lb, ub)
        }
        for term in model.objective.normalized().terms {
            glp_set_obj_coef(pointer, Int32(term.variable.index + 1), term.coefficient)
        }

        if !model.constraints.isEmpty { glp_add_rows(pointer, Int32(model.constraints.count)) }
        for (index, constraint) in model.constraints.enumerated() {
            let i = Int32(index + 1)
            glp_set_row_name(pointer, i, names.constraints[index])
            let (type, lb, ub) = GLPKBounds.row(constraint).arguments
            glp_set_row_bnds(pointer, i, type, lb, ub)
            // normalized(): no repeated column ("Elements with identical column indices are not allowed").
            let terms = rows[index]
            OneBased.withArray(terms.map { Int32($0.variable.index + 1) }, pad: 0) { ind in
                OneBased.withArray(terms.map(\.coefficient), pad: 0) { val in
                    glp_set_mat_row(pointer, i, Int32(terms.count), ind, val)
                }
            }
        }
    }

    // MARK: Reading a file

    /// Reads a CPLEX LP (`glp_read_lp`) or free MPS (`glp_read_mps`, `GLP_MPS_FILE`) file.
    /// Returns GLPK's code: 0 on success; otherwise GLPK has printed the reason.
    func read(path: String, format: ModelFileFormat) -> Int32 {
        switch format {
        case .lp: return glp_read_lp(pointer, nil, path)
        case .mps: return glp_read_mps(pointer, GLP_MPS_FILE, nil, path)
        }
    }

    /// The problem as a `Model` (glp_get_* calls). A ranged row (`GLP_DB`) becomes two
    /// constraints, `name_lo` and `name_hi`; a free row (`GLP_FR`) constrains nothing and is dropped.
    /// An integer column with bounds [0, 1] becomes `.binary`.
    func toModel() -> Model {
        var model = Model(name: glp_get_prob_name(pointer).map { String(cString: $0) } ?? "model")
        model.objectiveSense = glp_get_obj_dir(pointer) == GLP_MAX ? .maximize : .minimize
        let n = columnCount
        var objective = LinearExpression(constant: glp_get_obj_coef(pointer, 0))
        for index in 0..<n {
            let col = Int32(index + 1)
            let name = glp_get_col_name(pointer, col).map { String(cString: $0) } ?? ""
            let (lower, upper) = Self.bounds(
                type: glp_get_col_type(pointer, col), lb: glp_get_col_lb(pointer, col), ub: glp_get_col_ub(pointer, col))
            var kind: VariableKind = glp_get_col_kind(pointer, col) == GLP_CV ? .continuous : .integer
            if kind == .integer, lower == 0, upper == 1 { kind = .binary }
            let id = model.addVariable(name, kind: kind, lowerBound: lower, upperBound: upper)
            let c = glp_get_obj_coef(pointer, col)
            if c != 0 { objective.add(id, c) }
        }
        model.objective = objective
        for index in 0..<rowCount {
            let row = Int32(index + 1)
            let name = glp_get_row_name(pointer, row).map { String(cString: $0) } ?? ""
            var length: Int32 = 0
            let indices = OneBased.read(count: n, pad: Int32(0)) { length = glp_get_mat_row(pointer, row, $0, nil) }
            let values = OneBased.read(count: n, pad: 0.0) { _ = glp_get_mat_row(pointer, row, nil, $0) }
            let expression = LinearExpression(
                (0..<Int(length)).map { Term(VariableID(Int(indices[$0]) - 1), values[$0]) })
            let lb = glp_get_row_lb(pointer, row)
            let ub = glp_get_row_ub(pointer, row)
            switch glp_get_row_type(pointer, row) {
            case GLP_LO: model.addConstraint(name, expression, .greaterOrEqual, lb)
            case GLP_UP: model.addConstraint(name, expression, .lessOrEqual, ub)
            case GLP_FX: model.addConstraint(name, expression, .equal, lb)
            case GLP_DB:
                model.addConstraint(name + "_lo", expression, .greaterOrEqual, lb)
                model.addConstraint(name + "_hi", expression, .lessOrEqual, ub)
            default: break
            }
        }
        return model
    }

    private static func bounds(type: Int32, lb: Double, ub: Double) -> (Double?, Double?) {
        switch type {
        case GLP_FR: return (nil, nil)
        case GLP_LO: return (lb, nil)
        case GLP_UP: return (nil, ub)
        case GLP_FX: return (lb, lb)
        default: return (lb, ub)
        }
    }

    // MARK: Solving

    /// `glp_scale_prob(P, GLP_SF_AUTO)`: row and column scaling, chosen by GLPK ("GLP_SF_AUTO —
    /// choose the scaling options automatically"). glpsol does this by default; the scale factors
    /// stay inside the problem object and every value read back is unscaled.
    func scaleAutomatically() { glp_scale_prob(pointer, GLP_SF_AUTO) }

    /// `glp_adv_basis(P, 0)`: Bixby's "advanced" initial basis (glpsol's default) instead of the
    /// trivial all-logical basis.
    func useAdvancedBasis() { glp_adv_basis(pointer, 0) }

    /// `glp_simplex` with `parameters`; returns its code.
    func simplex(_ parameters: inout glp_smcp) -> Int32 { glp_simplex(pointer, &parameters) }

    /// `glp_intopt` with `parameters`; returns its code.
    func intopt(_ parameters: inout glp_iocp) -> Int32 { glp_intopt(pointer, &parameters) }

    /// Status of the basic solution (`glp_get_status`).
    var basicStatus: Int32 { glp_get_status(pointer) }
    /// Objective of the basic solution, constant included (`glp_get_obj_val`).
    var basicObjective: Double { glp_get_obj_val(pointer) }
    /// Primal values of the basic solution, in column order (`glp_get_col_prim`).
    var basicValues: [Double] { (0..<columnCount).map { glp_get_col_prim(pointer, Int32($0 + 1)) } }

    /// Status of the MIP solution (`glp_mip_status`).
    var mipStatus: Int32 { glp_mip_status(pointer) }
    /// Column values of the MIP solution, in column order (`glp_mip_col_val`).
    var mipValues: [Double] { (0..<columnCount).map { glp_mip_col_val(pointer, Int32($0 + 1)) } }
}
