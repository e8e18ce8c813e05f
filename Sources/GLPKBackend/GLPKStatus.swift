// SPDX-License-Identifier: GPL-3.0-or-later
//
// The one table from GLPK's return codes and solution statuses to what a solve means.
// Each entry quotes the GLPK 5.0 Reference Manual (doc/glpk.pdf, sections "glp_simplex",
// "glp_get_status", "glp_intopt", "glp_mip_status"), in the manner of GLPK.jl's status table.
// The quote also goes into Solution.log, so a user sees GLPK's own words.
import CGLPK

/// Which GLPK routine produced a code.
enum GLPKRoutine: String, Sendable {
    /// Return code of `glp_simplex`.
    case simplex = "glp_simplex"
    /// Status of the basic solution, `glp_get_status`, after `glp_simplex` returned 0.
    case basicStatus = "glp_get_status"
    /// Return code of `glp_intopt`.
    case intopt = "glp_intopt"
    /// Status of the MIP solution, `glp_mip_status`, after `glp_intopt` returned 0.
    case mipStatus = "glp_mip_status"
}

/// What a code means for the solve, before the incumbent is looked at.
enum GLPKVerdict: Sendable, Equatable {
    /// Look at the solution status (`basicStatus` or `mipStatus`) to decide.
    case examineSolutionStatus
    /// Proven optimal (for `basicStatus`: the LP relaxation is; the MIP search may follow).
    case optimal
    /// Stopped because the requested relative gap was reached: optimal within `relativeGap`.
    case optimalWithinGap
    case infeasible
    case unbounded
    /// Time limit or stop request: `feasible` with an incumbent, else `noSolutionWithinTimeLimit`.
    case stopped
    /// GLPK could not carry on: `feasible` with an incumbent, else `MILPError.backendFailure`.
    case failed
}

/// One row of the table.
struct GLPKStatusEntry: Sendable {
    let routine: GLPKRoutine
    let code: Int32
    let symbol: String
    let verdict: GLPKVerdict
    /// The manual's sentence for this code.
    let manual: String
}

enum GLPKStatusTable {
    static let entries: [GLPKStatusEntry] = [
        // glp_simplex, "Returns"
        .init(
            routine: .simplex, code: 0, symbol: "0", verdict: .examineSolutionStatus,
            manual:
                "The LP problem instance has been successfully solved. (This code does not necessarily mean that the solver has found optimal solution. It only means that the solution process was successful.)"
        ),
        .init(
            routine: .simplex, code: GLP_EBADB, symbol: "GLP_EBADB", verdict: .failed,
            manual:
                "Unable to start the search, because the initial basis specified in the problem object is invalid—the number of basic (auxiliary and structural) variables is not the same as the number of rows in the problem object."
        ),
        .init(
            routine: .simplex, code: GLP_ESING, symbol: "GLP_ESING", verdict: .failed,
            manual:
                "Unable to start the search, because the basis matrix corresponding to the initial basis is singular within the working precision."
        ),
        .init(
            routine: .simplex, code: GLP_ECOND, symbol: "GLP_ECOND", verdict: .failed,
            manual:
                "Unable to start the search, because the basis matrix corresponding to the initial basis is ill-conditioned, i.e. its condition number is too large."
        ),
        .init(
            routine: .simplex, code: GLP_EBOUND, symbol: "GLP_EBOUND", verdict: .failed,
            manual: "Unable to start the search, because some double-bounded (auxiliary or structural) variables have incorrect bounds."),
        .init(
            routine: .simplex, code: GLP_EFAIL, symbol: "GLP_EFAIL", verdict: .failed,
            manual: "The search was prematurely terminated due to the solver failure."),
        .init(
            routine: .simplex, code: GLP_EOBJLL, symbol: "GLP_EOBJLL", verdict: .failed,
            manual:
                "The search was prematurely terminated, because the objective function being maximized has reached its lower limit and continues decreasing (the dual simplex only)."
        ),
        .init(
            routine: .simplex, code: GLP_EOBJUL, symbol: "GLP_EOBJUL", verdict: .failed,
            manual:
                "The search was prematurely terminated, because the objective function being minimized has reached its upper limit and continues increasing (the dual simplex only)."
        ),
        .init(
            routine: .simplex, code: GLP_EITLIM, symbol: "GLP_EITLIM", verdict: .failed,
            manual: "The search was prematurely terminated, because the simplex iteration limit has been exceeded."),
        .init(
            routine: .simplex, code: GLP_ETMLIM, symbol: "GLP_ETMLIM", verdict: .stopped,
            manual: "The search was prematurely terminated, because the time limit has been exceeded."),
        .init(
            routine: .simplex, code: GLP_ENOPFS, symbol: "GLP_ENOPFS", verdict: .infeasible,
            manual: "The LP problem instance has no primal feasible solution (only if the LP presolver is used)."),
        .init(
            routine: .simplex, code: GLP_ENODFS, symbol: "GLP_ENODFS", verdict: .unbounded,
            manual: "The LP problem instance has no dual feasible solution (only if the LP presolver is used)."),

        // glp_get_status, "Returns"
        .init(
            routine: .basicStatus, code: GLP_OPT, symbol: "GLP_OPT", verdict: .optimal,
            manual: "solution is optimal;"),
        .init(
            routine: .basicStatus, code: GLP_FEAS, symbol: "GLP_FEAS", verdict: .failed,
            manual: "solution is feasible;"),
        .init(
            routine: .basicStatus, code: GLP_INFEAS, symbol: "GLP_INFEAS", verdict: .failed,
            manual: "solution is infeasible;"),
        .init(
            routine: .basicStatus, code: GLP_NOFEAS, symbol: "GLP_NOFEAS", verdict: .infeasible,
            manual: "problem has no feasible solution;"),
        .init(
            routine: .basicStatus, code: GLP_UNBND, symbol: "GLP_UNBND", verdict: .unbounded,
            manual: "problem has unbounded solution;"),
        .init(
            routine: .basicStatus, code: GLP_UNDEF, symbol: "GLP_UNDEF", verdict: .failed,
            manual: "solution is undefined."),

        // glp_intopt, "Returns"
        .init(
            routine: .intopt, code: 0, symbol: "0", verdict: .examineSolutionStatus,
            manual:
                "The MIP problem instance has been successfully solved. (This code does not necessarily mean that the solver has found optimal solution. It only means that the solution process was successful.)"
        ),
        .init(
            routine: .intopt, code: GLP_EBOUND, symbol: "GLP_EBOUND", verdict: .failed,
            manual:
                "Unable to start the search, because some double-bounded variables have incorrect bounds or some integer variables have non-integer (fractional) bounds."
        ),
        .init(
            routine: .intopt, code: GLP_EROOT, symbol: "GLP_EROOT", verdict: .failed,
            manual:
                "Unable to start the search, because optimal basis for initial LP relaxation is not provided. (This code may appear only if the presolver is disabled.)"
        ),
        .init(
            routine: .intopt, code: GLP_ENOPFS, symbol: "GLP_ENOPFS", verdict: .infeasible,
            manual:
                "Unable to start the search, because LP relaxation of the MIP problem instance has no primal feasible solution. (This code may appear only if the presolver is enabled.)"
        ),
        .init(
            routine: .intopt, code: GLP_ENODFS, symbol: "GLP_ENODFS", verdict: .unbounded,
            manual:
                "Unable to start the search, because LP relaxation of the MIP problem instance has no dual feasible solution. In other word, this code means that if the LP relaxation has at least one primal feasible solution, its optimal solution is unbounded, so if the MIP problem has at least one integer feasible solution, its (integer) optimal solution is also unbounded. (This code may appear only if the presolver is enabled.)"
        ),
        .init(
            routine: .intopt, code: GLP_EFAIL, symbol: "GLP_EFAIL", verdict: .failed,
            manual: "The search was prematurely terminated due to the solver failure."),
        .init(
            routine: .intopt, code: GLP_EMIPGAP, symbol: "GLP_EMIPGAP", verdict: .optimalWithinGap,
            manual: "The search was prematurely terminated, because the relative mip gap tolerance has been reached."),
        .init(
            routine: .intopt, code: GLP_ETMLIM, symbol: "GLP_ETMLIM", verdict: .stopped,
            manual: "The search was prematurely terminated, because the time limit has been exceeded."),
        .init(
            routine: .intopt, code: GLP_ESTOP, symbol: "GLP_ESTOP", verdict: .stopped,
            manual:
                "The search was prematurely terminated by application. (This code may appear only if the advanced solver interface is used.)"
        ),

        // glp_mip_status, "Returns"
        .init(
            routine: .mipStatus, code: GLP_UNDEF, symbol: "GLP_UNDEF", verdict: .failed,
            manual: "MIP solution is undefined;"),
        .init(
            routine: .mipStatus, code: GLP_OPT, symbol: "GLP_OPT", verdict: .optimal,
            manual: "MIP solution is integer optimal;"),
        .init(
            routine: .mipStatus, code: GLP_FEAS, symbol: "GLP_FEAS", verdict: .stopped,
            manual:
                "MIP solution is integer feasible, however, its optimality (or non-optimality) has not been proven, perhaps due to premature termination of the search;"
        ),
        .init(
            routine: .mipStatus, code: GLP_NOFEAS, symbol: "GLP_NOFEAS", verdict: .infeasible,
            manual: "problem has no integer feasible solution (proven by the solver)."),
    ]

    /// The entry for `code` from `routine`; an unknown code is a failure that names itself.
    static func entry(_ routine: GLPKRoutine, _ code: Int32) -> GLPKStatusEntry {
        entries.first { $0.routine == routine && $0.code == code }
            ?? GLPKStatusEntry(
                routine: routine, code: code, symbol: "\(code)", verdict: .failed,
                manual: "(code \(code) is not documented for \(routine.rawValue) in GLPK 5.0)")
    }

    /// Looks `code` up, notes GLPK's words in the session log, and returns the entry.
    static func record(_ routine: GLPKRoutine, _ code: Int32) -> GLPKStatusEntry {
        let found = entry(routine, code)
        GLPKSession.note("\(routine.rawValue) → \(found.symbol): \(found.manual)")
        return found
    }
}
