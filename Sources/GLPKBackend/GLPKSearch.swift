// SPDX-License-Identifier: GPL-3.0-or-later
//
// GLPK's branch-and-bound callback ("advanced solver interface", GLPK 5.0 reference manual,
// chapter "Branch-and-cut API routines"). glp_intopt calls `iocp.cb_func(T, iocp.cb_info)`
// at each reason (GLP_ISELECT, GLP_IPREPRO, GLP_IROWGEN, GLP_IHEUR, GLP_ICUTGEN, GLP_IBRANCH,
// GLP_IBINGO); the tree T exists only during the call. So everything the solve needs after
// glp_intopt returns (best bound, node count) is recorded here while the tree exists.
import CGLPK
import MILP

/// State shared with one `glp_intopt` call through `cb_info` (an unretained pointer; the
/// caller keeps the monitor alive for the whole call).
final class GLPKSearchMonitor {
    private let options: SolveOptions
    private let minimizing: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastProgress: ContinuousClock.Instant
    /// The start to offer at the first GLP_IHEUR: checked feasible, integers rounded. Nil once offered.
    private var pendingStart: [Double]?

    /// Whether `glp_ios_heur_sol` accepted the start (nil: not offered).
    private(set) var startAccepted: Bool?
    /// Best bound over the active subproblems, the tightest seen (nil: none known yet).
    private(set) var bestBound: Double?
    /// Objective of GLPK's incumbent at the last callback (nil: none yet).
    private(set) var incumbent: Double?
    /// Nodes created so far (`t_cnt` of `glp_ios_tree_size`).
    private(set) var nodeCount = 0
    /// True once `glp_ios_terminate` was called (stop flag or time limit).
    private(set) var stopRequested = false
    /// True once `glp_ios_terminate` was called because the time limit had passed.
    private(set) var timeLimitReached = false
    /// Branchings chosen here (most fractional) so that GLPK's pseudocost initialisation, which
    /// cannot be interrupted, does not start late in the time budget.
    private(set) var lateBranchings = 0
    /// Whether GLPK has been left to choose a branching variable in this search.
    private var glpkHasBranched = false
    /// Branching on `SolveOptions.branchFirst` while one of its columns is fractional.
    private var priority: GLPKPriorityBranching
    /// Branchings made on `SolveOptions.branchFirst`.
    var priorityBranchings: Int { priority.count }
    /// Branching on `SolveOptions.branchNext` when no `branchFirst` column is fractional.
    private var next: GLPKPriorityBranching
    /// Branchings made on `SolveOptions.branchNext`.
    var nextBranchings: Int { next.count }

    /// Cuts handed to `glp_ios_add_row`, the separator calls that returned any, all separator
    /// calls, and cuts refused before reaching GLPK (a bad index, a non-finite number, an
    /// equality or no terms).
    private(set) var userCutsOffered = 0
    private(set) var userCutRounds = 0
    private(set) var userCutsDropped = 0
    private(set) var userCutCalls = 0
    /// Integral LP points shown to `SolveOptions.lazyRows`, and the rows it returned that were added.
    private(set) var lazyChecks = 0
    private(set) var lazyRowsAdded = 0
    /// Lazy rows not added because none of those returned at a point cut it off.
    private(set) var lazyRowsIgnored = 0
    /// `SolveOptions.subproblemRows`: calls, rows added, points GLPK accepted as a new incumbent,
    /// points that failed the model check.
    private(set) var subproblemCalls = 0
    private(set) var subproblemRowsAdded = 0
    private(set) var subproblemPointsAccepted = 0
    private(set) var subproblemPointsInvalid = 0
    /// Points `subproblemRows` returned, in order, for the next heuristic step.
    private var pendingSubproblemPoints: [[Double]] = []
    private let integralityTolerance: Double
    /// Columns of the model when user cuts can be separated (the tree's problem is the model's).
    private let columns: Int?
    /// Checks a point against the model: the point with integers rounded, or nil if it violates
    /// a row or bound (glp_ios_heur_sol does not check).
    private let feasiblePoint: (([Double]) -> [Double]?)?
    /// Node count at which the primal heuristic runs next (0: at the first heuristic step).
    private var nextHeuristicAt = 0
    /// Primal heuristic calls, points it returned that were feasible, and those GLPK accepted as
    /// a new incumbent; points that failed the model check.
    private(set) var heuristicCalls = 0
    private(set) var heuristicAccepted = 0
    private(set) var heuristicRejected = 0
    private(set) var heuristicInvalid = 0

    /// - Parameters:
    ///   - started: when the solve began (progress reports elapsed time from here).
    ///   - offer: start values in model order, or nil. Only usable without presolve: with the
    ///     presolver on, the tree's problem is "an internal problem object built by the
    ///     presolver" (glp_ios_get_prob), whose columns differ from the model's.
    ///   - columns: the model's column count when user cuts may be separated (presolve off).
    ///   - feasiblePoint: the model check for primal heuristic points (presolve off).
    ///   - integralityTolerance: GLPK's `tol_int`; a point within it of integers is one GLPK may
    ///     take as an incumbent, so it is shown to `SolveOptions.lazyRows`.
    init(
        options: SolveOptions, minimizing: Bool, started: ContinuousClock.Instant, offer: [Double]?, columns: Int? = nil,
        feasiblePoint: (([Double]) -> [Double]?)? = nil, integralityTolerance: Double = 1e-5
    ) {
        self.feasiblePoint = feasiblePoint
        self.integralityTolerance = integralityTolerance
        self.options = options
        self.minimizing = minimizing
        self.started = started
        self.lastProgress = started
        self.pendingStart = offer
        self.columns = columns
        // The set names model columns, which are the tree's only without presolve (validated).
        priority = GLPKPriorityBranching(columns: columns == nil ? [] : options.branchFirst, minimizing: minimizing)
        next = GLPKPriorityBranching(columns: columns == nil ? [] : options.branchNext, minimizing: minimizing)
    }

    /// A row for GLPK, or nil if it must not reach GLPK (an equality, a non-finite number, an
    /// index outside the model's columns, or no terms): GLPK aborts on an invalid index or
    /// coefficient. Indices are one-based columns; `type` is GLP_LO (≥) or GLP_UP (≤).
    private func checkedRow(_ row: Constraint, columns n: Int) -> CheckedRow? {
        let e = row.expression.normalized()
        let rhs = row.rightHandSide - e.constant
        guard row.sense != .equal, rhs.isFinite, !e.terms.isEmpty,
            e.terms.allSatisfy({ $0.variable.index >= 0 && $0.variable.index < n && $0.coefficient.isFinite })
        else { return nil }
        return (e.terms.map { Int32($0.variable.index + 1) }, e.terms.map(\.coefficient), row.sense == .greaterOrEqual ? GLP_LO : GLP_UP, rhs)
    }

    /// GLP_ICUTGEN: asks the model's separator for cuts at the current LP point and adds them to
    /// GLPK's local cut pool ("glp_ios_add_row — add row (constraint) to the cut pool"; the driver
    /// then selects useful ones, adds them to the current subproblem and re-optimises). Every cut is
    /// checked here first.
    private func separate(_ tree: OpaquePointer, _ problem: OpaquePointer?) {
        guard let separator = options.cutSeparator, let n = columns, let point = lpPoint(problem) else { return }
        let cuts = separator(point)
        var added = 0
        for cut in cuts {
            guard let row = checkedRow(cut, columns: n) else {
                userCutsDropped += 1
                continue
            }
            // "klass: row class descriptor, which should be a number in the range [101, 200]"; flags 0.
            OneBased.withArray(row.indices, pad: 0) { ind in
                OneBased.withArray(row.values, pad: 0) { val in
                    _ = glp_ios_add_row(tree, nil, 101, 0, Int32(row.indices.count), ind, val, row.type, row.rhs)
                }
            }
            added += 1
        }
        userCutCalls += 1
        if added > 0 { userCutRounds += 1 }
        userCutsOffered += added
    }

    /// GLP_IROWGEN ("request for row generation": the LP relaxation of the current subproblem has
    /// been solved, and the driver checks integrality only after this call): if every integer
    /// column is integral within GLPK's own tolerance, the model's lazy rows for this point are added to the subproblem with
    /// glp_add_rows, which marks them GLP_RF_LAZY at the current level and makes the driver
    /// re-optimise. Rows added below the root hold in that subtree only; elsewhere the same point
    /// is checked again when it comes up.
    /// Returns true if rows were added.
    private func addLazyRows(_ tree: OpaquePointer, _ problem: OpaquePointer?) -> Bool {
        guard let lazy = options.lazyRows, let n = columns, let point = lpPoint(problem) else { return false }
        for j in 0..<n where glp_get_col_kind(problem, Int32(j + 1)) != GLP_CV {
            if abs(point[j] - point[j].rounded()) > integralityTolerance { return false }
        }
        lazyChecks += 1
        let rows = lazy(point).compactMap { checkedRow($0, columns: n) }
        // Only rows that cut the point off make GLPK re-optimise to a different point: rows it
        // satisfies would come back at the same point after re-optimising, forever. If none is
        // violated, nothing is added and the point stands (the caller's contract is broken, and
        // its own final check must catch it).
        let violated = rows.contains { Self.violates(point, $0) }
        guard violated else {
            lazyRowsIgnored += rows.count
            return false
        }
        addToSubproblem(rows, problem)
        lazyRowsAdded += rows.count
        return true
    }

    private typealias CheckedRow = (indices: [Int32], values: [Double], type: Int32, rhs: Double)

    /// Whether `point` violates `row` beyond 1e-6 relative.
    private static func violates(_ point: [Double], _ row: CheckedRow) -> Bool {
        let lhs = zip(row.indices, row.values).reduce(0.0) { $0 + $1.1 * point[Int($1.0) - 1] }
        let slack = 1e-6 * max(1, abs(row.rhs))
        return row.type == GLP_UP ? lhs > row.rhs + slack : lhs < row.rhs - slack
    }

    /// Adds rows to the current subproblem with glp_add_rows: GLPK records rows added during the
    /// search in the subproblem's row-addition list, so they hold in its subtree only, and the
    /// driver re-optimises after GLP_IROWGEN when rows were added.
    private func addToSubproblem(_ rows: [CheckedRow], _ problem: OpaquePointer?) {
        let first = glp_add_rows(problem, Int32(rows.count))
        for (k, row) in rows.enumerated() {
            let i = first + Int32(k)
            OneBased.withArray(row.indices, pad: 0) { ind in
                OneBased.withArray(row.values, pad: 0) { val in
                    glp_set_mat_row(problem, i, Int32(row.indices.count), ind, val)
                }
            }
            glp_set_row_bnds(problem, i, row.type, row.rhs, row.rhs)
        }
    }

    /// GLP_IROWGEN after the lazy rows added nothing: `SolveOptions.subproblemRows` at the
    /// subproblem's LP point. The rows the point violates go into this subproblem
    /// (and so its subtree) only; a point returned is kept for the next heuristic step.
    private func addSubproblemRows(_ tree: OpaquePointer, _ problem: OpaquePointer?) {
        guard let local = options.subproblemRows, let n = columns, let point = lpPoint(problem),
            glp_get_status(problem) == GLP_OPT
        else { return }
        subproblemCalls += 1
        let found = local(SubproblemView(values: point, objective: glp_get_obj_val(problem)))
        if let p = found.point { pendingSubproblemPoints.append(p) }
        let rows = found.rows.compactMap { checkedRow($0, columns: n) }.filter { Self.violates(point, $0) }
        guard !rows.isEmpty else { return }
        addToSubproblem(rows, problem)
        subproblemRowsAdded += rows.count
    }

    /// GLP_IHEUR: the model's primal heuristic on the current LP point, on a schedule of node
    /// counts (SolveOptions.primalHeuristic); a point that passes the model check is offered with
    /// glp_ios_heur_sol, which keeps it only if it is better than the incumbent.
    private func runPrimalHeuristic(_ tree: OpaquePointer, _ problem: OpaquePointer?) {
        guard let heuristic = options.primalHeuristic, let check = feasiblePoint, let n = columns else { return }
        var total: Int32 = 0
        glp_ios_tree_size(tree, nil, nil, &total)
        guard Int(total) >= nextHeuristicAt, let point = lpPoint(problem) else { return }
        nextHeuristicAt = nextHeuristicAt == 0 ? 10 : min(2 * nextHeuristicAt, nextHeuristicAt + max(1, options.primalHeuristicMaxInterval))
        heuristicCalls += 1
        guard let proposed = heuristic(point) else { return }
        guard proposed.count == n, let feasible = check(proposed) else {
            heuristicInvalid += 1
            return
        }
        if offer(feasible, tree) { heuristicAccepted += 1 } else { heuristicRejected += 1 }
    }

    /// The current LP point in model order, if the tree's problem has the model's columns (no
    /// presolve) and user callbacks are enabled.
    private func lpPoint(_ problem: OpaquePointer?) -> [Double]? {
        guard let n = columns, Int(glp_get_num_cols(problem)) == n else { return nil }
        return (0..<n).map { glp_get_col_prim(problem, Int32($0 + 1)) }
    }

    /// `glp_ios_heur_sol` (reads x[1..n] for the n columns of the tree's problem; keeps the point
    /// only if it is better than the incumbent): true if accepted.
    private func offer(_ point: [Double], _ tree: OpaquePointer) -> Bool {
        OneBased.withArray(point, pad: 0) { glp_ios_heur_sol(tree, $0) } == 0
    }

    func handle(_ tree: OpaquePointer) {
        let reason = glp_ios_reason(tree)
        let problem = glp_ios_get_prob(tree)

        if reason == GLP_IROWGEN || reason == GLP_IBRANCH {
            priority.observe(tree, problem)
            next.observe(tree, problem)
        }
        if reason == GLP_IROWGEN, !addLazyRows(tree, problem) { addSubproblemRows(tree, problem) }
        if reason == GLP_ICUTGEN { separate(tree, problem) }

        if reason == GLP_IHEUR, let start = pendingStart {
            pendingStart = nil
            if Int(glp_get_num_cols(problem)) == start.count { startAccepted = offer(start, tree) }
        }

        if reason == GLP_IHEUR, !pendingSubproblemPoints.isEmpty, let check = feasiblePoint, let n = columns {
            // glp_ios_heur_sol takes a point of the whole problem, whichever subproblem is current.
            let points = pendingSubproblemPoints
            pendingSubproblemPoints = []
            for point in points {
                if point.count == n, let feasible = check(point) {
                    if offer(feasible, tree) { subproblemPointsAccepted += 1 }
                } else {
                    subproblemPointsInvalid += 1
                }
            }
        }
        if reason == GLP_IHEUR { runPrimalHeuristic(tree, problem) }

        // "The best local bound is an lower (minimization) or upper (maximization) bound for
        // integer optimal solution to the original MIP problem" (glp_ios_best_node).
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let bound = glp_ios_node_bound(tree, best)
            // A root not yet solved has the bound ∓DBL_MAX: no information.
            if bound.isFinite, abs(bound) < .greatestFiniteMagnitude / 2 {
                if let known = bestBound {
                    bestBound = minimizing ? max(known, bound) : min(known, bound)
                } else {
                    bestBound = bound
                }
            }
        }
        let status = glp_mip_status(problem)
        if status == GLP_FEAS || status == GLP_OPT {
            incumbent = glp_mip_obj_val(problem)
        }
        var total: Int32 = 0
        glp_ios_tree_size(tree, nil, nil, &total)
        nodeCount = Int(total)

        if let progress = options.progress {
            let now = clock.now
            if now - lastProgress >= .seconds(options.progressIntervalSeconds) {
                lastProgress = now
                let bound = bestBound.map { GLPKSolveRun.clamp(bound: $0, objective: incumbent, minimizing: minimizing) }
                progress(
                    SolveProgress(
                        incumbent: incumbent, bestBound: bound,
                        relativeGap: incumbent.flatMap { value in bound.map { GLPKSolveRun.gap(objective: value, bound: $0) } },
                        elapsedSeconds: GLPKSolveRun.seconds(now - started), nodeCount: nodeCount))
            }
        }

        var branched = false
        if reason == GLP_IBRANCH { branched = priority.branch(tree, problem) || next.branch(tree, problem) }
        if reason == GLP_IBRANCH, !branched, options.cuttingPlanes, options.branching == .hybridPseudocost,
            let limit = options.timeLimitSeconds, !glpkHasBranched
        {
            // Hybrid pseudocost branching (GLP_BR_PCH) initialises the pseudocost of every new
            // candidate by solving a copy of the LP per candidate, and GLPK checks tm_lim only
            // between subproblems: on a 10×10 street grid that overshot a 5 s limit by 5 s. When
            // less time is left than has been spent, branch on the most fractional variable here
            // instead ("glp_ios_branch_upon — choose variable to branch upon").
            let spent = GLPKSolveRun.seconds(clock.now - started)
            if limit - spent < spent, let j = mostFractional(tree, problem) {
                glp_ios_branch_upon(tree, j, GLP_NO_BRNCH)
                lateBranchings += 1
            } else {
                glpkHasBranched = true
            }
        }

        if !stopRequested, let limit = options.timeLimitSeconds, GLPKSolveRun.seconds(clock.now - started) >= limit {
            // GLPK checks tm_lim only when it starts a subproblem; stop at the first callback after it.
            stopRequested = true
            timeLimitReached = true
            glp_ios_terminate(tree)
        }
        if !stopRequested, options.stopFlag?.isStopped == true {
            stopRequested = true
            // "sets a flag indicating that the MIP solver should prematurely terminate the search" (glp_ios_terminate).
            glp_ios_terminate(tree)
        }
    }
}

extension GLPKSearchMonitor {
    /// The column GLPK may branch on whose LP value is farthest from an integer (ties: lowest index).
    fileprivate func mostFractional(_ tree: OpaquePointer, _ problem: OpaquePointer?) -> Int32? {
        let n = glp_get_num_cols(problem)
        guard n > 0 else { return nil }
        var best: (column: Int32, distance: Double)?
        for j in 1...n where glp_ios_can_branch(tree, j) != 0 {
            let x = glp_get_col_prim(problem, j)
            let distance = min(x - x.rounded(.down), x.rounded(.up) - x)
            if best == nil || distance > best!.distance { best = (j, distance) }
        }
        return best?.column
    }
}

/// The `cb_func` given to `glp_intopt`; `info` is the call's `GLPKSearchMonitor`.
func glpkSearchCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    Unmanaged<GLPKSearchMonitor>.fromOpaque(info).takeUnretainedValue().handle(tree)
}
