// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// How a solve ended. Infeasibility and time limits are results, not errors.
public enum TerminationStatus: String, Sendable, Codable {
    /// A solution proven optimal within the requested relative gap.
    case optimal
    /// An integer-feasible solution, but the solve stopped (time limit, interrupt) before proving the gap.
    case feasible
    /// The model has no feasible solution.
    case infeasible
    /// The objective is unbounded (or the LP relaxation is, with no integer solution found).
    case unbounded
    /// The time limit (or an interrupt) came before any integer-feasible solution was found.
    case noSolutionWithinTimeLimit = "no_solution_within_time_limit"
}

/// The outcome of one solve.
public struct Solution: Sendable {
    public var status: TerminationStatus
    /// Objective at `values`, including the objective constant; nil without a solution.
    public var objectiveValue: Double?
    /// Best proven bound on the optimum (a lower bound when minimising); nil if unknown.
    public var bestBound: Double?
    /// |objective − bound| / max(|objective|, 1e-9); 0 when proven optimal; nil without a solution.
    public var relativeGap: Double?
    /// Primal values, one per variable in model order; empty without a solution.
    public var values: [Double]
    /// Wall-clock seconds spent in the solver.
    public var seconds: Double
    /// Branch-and-bound nodes processed, when the backend reports it.
    public var nodeCount: Int?
    /// Backend's own log (GLPK terminal output), kept for `--verbose`.
    public var log: String
    /// Rows `SolveOptions.lazyRows` returned and the backend added during the search (a row
    /// returned again in another part of the tree counts again).
    public var lazyRowsAdded = 0
    /// Branchings the backend made on `SolveOptions.branchFirst` columns.
    public var priorityBranchings = 0
    /// Branchings the backend made on `SolveOptions.branchNext` columns.
    public var nextBranchings = 0

    public init(
        status: TerminationStatus, objectiveValue: Double?, bestBound: Double?, relativeGap: Double?,
        values: [Double], seconds: Double, nodeCount: Int? = nil, log: String = ""
    ) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.values = values
        self.seconds = seconds
        self.nodeCount = nodeCount
        self.log = log
    }

    public var hasSolution: Bool { status == .optimal || status == .feasible }
}

/// A progress snapshot, reported during long solves.
public struct SolveProgress: Sendable {
    public var incumbent: Double?
    public var bestBound: Double?
    public var relativeGap: Double?
    public var elapsedSeconds: Double
    public var nodeCount: Int
    public init(incumbent: Double?, bestBound: Double?, relativeGap: Double?, elapsedSeconds: Double, nodeCount: Int) {
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.elapsedSeconds = elapsedSeconds
        self.nodeCount = nodeCount
    }
}

/// A thread-safe stop flag (Ctrl-C). Backends poll it and stop cleanly, keeping the incumbent.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLockShim()
    private var stopped = false
    public init() {}
    public func stop() { lock.withLock { stopped = true } }
    public var isStopped: Bool { lock.withLock { stopped } }
}

/// Method for the LP relaxation at the root.
public enum RootLPMethod: String, Sendable {
    /// Primal simplex from the trivial basis, no scaling (GLPK's defaults for `glp_simplex`).
    case primalSimplex
    /// Dual simplex (phase one by the primal where needed) after automatic scaling, from an
    /// advanced initial basis: much faster on degenerate network LPs.
    case dualSimplex
}

/// Which fractional variable the branch-and-bound splits on (with `cuttingPlanes`).
public enum BranchingRule: String, Sendable {
    /// Pseudocosts, each initialised by a short look-ahead LP per new candidate (GLPK:
    /// `GLP_BR_PCH`). Picks the few decisive variables; the look-ahead costs an LP copy per
    /// candidate, which dominates when many variables are fractional with similar effect.
    case hybridPseudocost
    /// The variable farthest from an integer (GLPK: `GLP_BR_MFV`): no look-ahead at all.
    case mostFractional
}

/// Which open subproblem the branch-and-bound takes next after a backtrack (with `cuttingPlanes`).
public enum NodeSelection: String, Sendable {
    /// The one with the best local bound (GLPK: `GLP_BT_BLB`, its default).
    case bestBound
    /// The best projection heuristic (GLPK: `GLP_BT_BPH`): the subproblem whose bound, projected
    /// along the fractional variables towards an integer point, promises the best objective.
    case bestProjection
}

/// A solved subproblem as `SolveOptions.subproblemRows` sees it.
public struct SubproblemView: Sendable {
    /// The LP relaxation's values, in model order.
    public var values: [Double]
    /// The LP relaxation's objective, constant included: a lower bound (when minimising) on every
    /// solution within the subproblem's bounds.
    public var objective: Double
    public init(values: [Double], objective: Double) {
        self.values = values
        self.objective = objective
    }
}

/// What `SolveOptions.subproblemRows` returns.
public struct SubproblemRows: Sendable {
    /// Rows valid for every acceptable solution within the subproblem's bounds.
    public var rows: [Constraint]
    /// An acceptable point (model order) to offer as an incumbent, or nil.
    public var point: [Double]?
    public init(rows: [Constraint] = [], point: [Double]? = nil) {
        self.rows = rows
        self.point = point
    }
}

/// Options common to all backends.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds; nil for none.
    public var timeLimitSeconds: Double?
    /// Relative MIP gap at which to stop (0 proves optimality; 1e-4 default within float noise).
    public var relativeGap: Double
    /// A known integer-feasible point (values in model order) offered to the solver as a first incumbent.
    public var initialSolution: [Double]?
    /// Called from the solving thread, throttled by the backend.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Minimum seconds between progress calls.
    public var progressIntervalSeconds: Double
    public var stopFlag: StopFlag?
    /// Backend presolve (GLPK: MIP presolver). Off by default so that bounds are reported on the original model.
    public var presolve: Bool
    /// The backend's general-purpose cutting planes and branching rules (GLPK: MIR, Gomory, cover and
    /// clique cuts, hybrid pseudocost branching). On by default; off reproduces a plain solver run.
    public var cuttingPlanes: Bool = true
    /// With `cuttingPlanes`, whether the backend's mixed integer rounding cuts are among them
    /// (GLPK generates them at the root and again after every backtrack: they tighten the bound
    /// but slow each node, see docs/performance.md).
    public var mixedIntegerRounding: Bool = true
    /// With `cuttingPlanes`, the branching rule (without them GLPK's default rule is used, as a
    /// plain solver run would).
    public var branching: BranchingRule = .hybridPseudocost
    /// With `cuttingPlanes`, the node selection after a backtrack.
    public var nodeSelection: NodeSelection = .bestBound
    /// User cuts: called with the values of the current LP relaxation (model order) at each round
    /// of cut generation; returns inequalities (`≥` or `≤`) that **every integer-feasible point of
    /// the model satisfies**, violated by the given point. They only strengthen the relaxation,
    /// never decide feasibility, so a backend may drop any of them (GLPK keeps those its cut
    /// selection finds useful). Called on the solving thread; must not block.
    public var cutSeparator: (@Sendable ([Double]) -> [Constraint])?
    /// A primal heuristic: called with the values of the current LP relaxation (model order) at
    /// the backend's heuristic step — at the first subproblem and then at node counts that grow
    /// geometrically (10, 20, 40, …, then every `primalHeuristicMaxInterval` nodes), so the calls
    /// depend on the search alone, never on the clock. Returns a full point in model order, or nil.
    /// The backend checks the point against the model (rounding integer columns) and offers it only
    /// if it satisfies every row and bound. Called on the solving thread; must not block.
    public var primalHeuristic: (@Sendable ([Double]) -> [Double]?)?
    /// Lazy rows: called with the LP point of a subproblem whose integer variables are all
    /// integral (within the backend's own tolerance, GLPK's `tol_int`), before the backend may
    /// accept the point as an incumbent. Returns rows that **every acceptable solution satisfies**
    /// and that the point violates, or none if the point is acceptable. The model alone may thus be
    /// a relaxation (here: exact hydraulics checked outside the MILP), and the search still never
    /// keeps a point the application rejects: the backend adds the rows and re-optimises, and finds
    /// integer points by no other means (GLPK: its rounding heuristics are off; offered starts and
    /// primal heuristic points must be acceptable). If none of the returned rows is violated
    /// (beyond 1e-6 relative), none is added and the point stands: rows the point satisfies would
    /// bring it back forever. Called on the solving thread; must not block.
    public var lazyRows: (@Sendable ([Double]) -> [Constraint])?
    /// Rows valid in one subproblem: called at a subproblem whose LP relaxation is solved and
    /// that no lazy row cut off, with its LP point and objective.
    /// Returns rows that **every acceptable solution within those bounds satisfies** (they may cut
    /// off acceptable solutions outside them), and optionally an acceptable point found on the way.
    /// The backend adds the rows the LP point violates (beyond 1e-6 relative) to that subproblem
    /// and its descendants only, and offers the points (in the order returned) at the next
    /// heuristic step after checking each against the model, as with `primalHeuristic`. Called on the solving thread;
    /// must not block. Needs presolve off.
    public var subproblemRows: (@Sendable (SubproblemView) -> SubproblemRows)?
    /// Integer columns to branch on before any other: while one of them is fractional at a node,
    /// the backend branches on one of them, chosen by pseudocosts learnt on this set alone, and
    /// explores the up branch first; only when all are integral does `branching` choose. Empty:
    /// `branching` alone. Needs presolve off (the set names model columns).
    public var branchFirst: [VariableID] = []
    /// Integer columns to branch on next: when no `branchFirst` column is fractional but one of
    /// these is, the backend branches on one of them the same way (pseudocosts learnt on this
    /// set alone, up branch first); `branching` chooses only when all of both sets are integral.
    /// Needs presolve off.
    public var branchNext: [VariableID] = []
    /// Largest number of nodes between two primal heuristic calls.
    public var primalHeuristicMaxInterval = 200
    /// How the backend solves the first LP relaxation (GLPK: `glp_simplex` method, with automatic
    /// scaling and an advanced initial basis when `.dualSimplex`).
    public var rootLP: RootLPMethod = .primalSimplex

    public init(
        timeLimitSeconds: Double? = nil, relativeGap: Double = 1e-6, initialSolution: [Double]? = nil,
        progress: (@Sendable (SolveProgress) -> Void)? = nil, progressIntervalSeconds: Double = 0.25,
        stopFlag: StopFlag? = nil, presolve: Bool = false
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.initialSolution = initialSolution
        self.progress = progress
        self.progressIntervalSeconds = progressIntervalSeconds
        self.stopFlag = stopFlag
        self.presolve = presolve
    }
}

/// A MILP backend. Implementations validate the model before touching native code.
public protocol MILPSolver: Sendable {
    /// Solves `model`. Throws `MILPError` only for an invalid model; infeasibility is a status.
    func solve(_ model: Model, options: SolveOptions) throws -> Solution
}
