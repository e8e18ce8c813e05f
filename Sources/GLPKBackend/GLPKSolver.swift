// SPDX-License-Identifier: GPL-3.0-or-later
//
// GLPK as a MILPSolver. The only module that imports CGLPK. See docs/background/solver-layer.md.
import CGLPK
import MILP

/// Solves `Model`s with GLPK 5 (simplex for the LP relaxation, branch-and-cut for integers).
///
/// Threading: a solve runs entirely on the calling thread (problem created, solved and deleted
/// there, no hop in between), and solves on different threads are independent. Progress
/// callbacks are made on the calling thread, during the solve.
public struct GLPKSolver: MILPSolver {
    public init() {}

    /// The linked GLPK library's version, e.g. "5.0" (`glp_version`).
    public static func version() -> String { GLPKLibrary.version }

    /// Solves `model`.
    ///
    /// Throws `MILPError` for an invalid model or options (nothing invalid reaches GLPK), or
    /// `.backendFailure` when GLPK breaks down with no solution to report. Infeasibility,
    /// unboundedness and time limits are statuses of the returned `Solution`.
    ///
    /// - Without presolve, `glp_simplex` solves the LP relaxation first (glp_intopt needs an
    ///   optimal basis), and its optimum is the bound if the search stops before improving it.
    ///   With `options.presolve`, `glp_intopt` runs its own presolver (`iocp.presolve = GLP_ON`).
    /// - `options.initialSolution` is checked against the model in Swift (glp_ios_heur_sol does
    ///   not check feasibility), then offered once at the first `GLP_IHEUR` call. With presolve
    ///   on it cannot be offered (the columns differ), but it is still returned if the search
    ///   stops with nothing better.
    /// - The time limit covers the LP relaxation and the search together.
    public func solve(_ model: Model, options: SolveOptions = SolveOptions()) throws(MILPError) -> Solution {
        try GLPKSolveRun(model: model, options: options).run()
    }

    /// Reads a CPLEX LP or free MPS file with GLPK (`glp_read_lp` / `glp_read_mps`) into a `Model`.
    ///
    /// `format` nil means: by the extension (`.lp`, `.mps`). See `GLPKProblem.toModel()` for how
    /// ranged and free rows are mapped. Throws `.io` with GLPK's message if the file cannot be read.
    public static func readModel(path: String, format: ModelFileFormat? = nil) throws(MILPError) -> Model {
        guard let format = format ?? ModelFileFormat(path: path) else {
            throw .io(path: path, message: "unknown model file extension; use .lp (CPLEX LP) or .mps (free MPS), or pass the format")
        }
        guard !path.isEmpty, !path.contains("\0") else { throw .io(path: path, message: "not a file path") }
        let (model, log) = try GLPKSession.run { () throws(MILPError) -> Model? in
            let problem = GLPKProblem()
            return problem.read(path: path, format: format) == 0 ? problem.toModel() : nil
        }
        guard let model else {
            throw .io(path: path, message: "GLPK cannot read it as \(format.rawValue.uppercased()): \(GLPKSolveRun.tail(of: log))")
        }
        return model
    }

    /// Reads `path` with GLPK (`readModel`) and solves it: for tools, and to prove that the
    /// Swift writers round-trip. `options.initialSolution` refers to the file's columns.
    public func solveFile(
        path: String, format: ModelFileFormat? = nil, options: SolveOptions = SolveOptions()
    ) throws(MILPError) -> Solution {
        try solve(Self.readModel(path: path, format: format), options: options)
    }
}

/// One solve: validation, loading, the LP relaxation, the search, and the mapping of GLPK's
/// codes (through `GLPKStatusTable`) to a `Solution`.
struct GLPKSolveRun {
    let model: Model
    let options: SolveOptions
    private let clock = ContinuousClock()
    private var minimizing: Bool { model.objectiveSense == .minimize }

    init(model: Model, options: SolveOptions) {
        self.model = model
        self.options = options
    }

    /// What GLPK left behind, read while the problem object still exists.
    private struct Outcome {
        var entry: GLPKStatusEntry
        var values: [Double]? = nil
        var bestBound: Double? = nil
        var nodeCount: Int? = nil
        var lazyRowsAdded = 0
        var priorityBranchings = 0
        var nextBranchings = 0
    }

    func run() throws(MILPError) -> Solution {
        try model.validate(for: options)
        let started = clock.now

        var columnBounds: [GLPKBounds] = []
        for (index, variable) in model.variables.enumerated() {
            guard let bounds = GLPKBounds.column(variable) else {
                let name = variable.name.isEmpty ? "x#\(index)" : variable.name
                return Solution(
                    status: .infeasible, objectiveValue: nil, bestBound: nil, relativeGap: nil, values: [],
                    seconds: Self.seconds(clock.now - started), nodeCount: 0,
                    log:
                        "[connplan] integer variable '\(name)' has no integer within [\(variable.lowerBound ?? -.infinity), \(variable.upperBound ?? .infinity)]: the model is infeasible; GLPK was not called\n"
                )
            }
            columnBounds.append(bounds)
        }
        let (start, startNote) = checkedStart()

        let (outcome, sessionLog) = try GLPKSession.run { () throws(MILPError) -> Outcome in
            GLPKSession.note(
                "solving '\(model.name)' with GLPK \(GLPKLibrary.version): \(model.variables.count) variables (\(model.integerVariableCount) integer), \(model.constraints.count) constraints; presolve \(options.presolve ? "on" : "off")"
            )
            if let startNote { GLPKSession.note(startNote) }
            let problem = GLPKProblem()
            try problem.load(model, names: ModelNames(model), columnBounds: columnBounds)
            return optimize(problem, started: started, start: start)
        }
        return try solution(from: outcome, start: start, log: sessionLog, seconds: Self.seconds(clock.now - started))
    }

    // MARK: GLPK calls

    private func optimize(_ problem: GLPKProblem, started: ContinuousClock.Instant, start: [Double]?) -> Outcome {
        var rootBound: Double?
        if !options.presolve {
            // "On entry the problem object should contain optimal solution to LP relaxation
            // (which can be obtained with the routine glp_simplex)" (glp_intopt).
            var smcp = glp_smcp()
            glp_init_smcp(&smcp)
            smcp.msg_lev = GLP_MSG_ALL
            smcp.presolve = GLP_OFF
            smcp.tm_lim = remainingMilliseconds(since: started)
            if options.rootLP == .dualSimplex {
                // glpsol's defaults (automatic scaling, advanced basis), and "GLP_DUALP — use dual
                // simplex; if it fails, switch to primal simplex" (glp_simplex, control parameter meth).
                problem.scaleAutomatically()
                problem.useAdvancedBasis()
                smcp.meth = GLP_DUALP
            }
            var entry = GLPKStatusTable.record(.simplex, problem.simplex(&smcp))
            if entry.verdict == .examineSolutionStatus {
                entry = GLPKStatusTable.record(.basicStatus, problem.basicStatus)
            }
            guard entry.verdict == .optimal else { return Outcome(entry: entry) }
            rootBound = problem.basicObjective
            if model.integerVariableCount == 0 {
                return Outcome(entry: entry, values: problem.basicValues, bestBound: rootBound, nodeCount: nil)
            }
        }

        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = GLP_MSG_ALL
        iocp.presolve = options.presolve ? GLP_ON : GLP_OFF
        iocp.mip_gap = options.relativeGap
        iocp.tm_lim = remainingMilliseconds(since: started)
        if options.cuttingPlanes {
            // GLPK manual, glp_intopt control parameters: mixed integer rounding, Gomory's mixed
            // integer, mixed cover and clique cuts; hybrid pseudocost (GLP_BR_PCH) or most
            // fractional variable (GLP_BR_MFV) branching; best local bound (GLP_BT_BLB) or best
            // projection (GLP_BT_BPH) backtracking.
            iocp.mir_cuts = options.mixedIntegerRounding ? GLP_ON : GLP_OFF
            iocp.gmi_cuts = GLP_ON
            iocp.cov_cuts = GLP_ON
            iocp.clq_cuts = GLP_ON
            switch options.branching {
            case .hybridPseudocost: iocp.br_tech = GLP_BR_PCH
            case .mostFractional: iocp.br_tech = GLP_BR_MFV
            }
            switch options.nodeSelection {
            case .bestBound: iocp.bt_tech = GLP_BT_BLB
            case .bestProjection: iocp.bt_tech = GLP_BT_BPH
            }
        }
        if options.lazyRows != nil {
            // Every integer point must pass GLP_IROWGEN. Simple rounding (on by default), the
            // feasibility pump and proximity search find integer points outside it: off.
            iocp.sr_heur = GLP_OFF
            iocp.fp_heur = GLP_OFF
            iocp.ps_heur = GLP_OFF
        }
        let monitor = GLPKSearchMonitor(
            options: options, minimizing: minimizing, started: started, offer: options.presolve ? nil : start,
            columns: options.presolve ? nil : model.variables.count,
            feasiblePoint: options.presolve || (options.primalHeuristic == nil && options.subproblemRows == nil)
                ? nil : { [self] in self.validated($0).point },
            integralityTolerance: iocp.tol_int)
        iocp.cb_func = glpkSearchCallback
        iocp.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
        let code = withExtendedLifetime(monitor) { problem.intopt(&iocp) }
        var entry = GLPKStatusTable.record(.intopt, code)
        if entry.verdict == .examineSolutionStatus {
            entry = GLPKStatusTable.record(.mipStatus, problem.mipStatus)
        }
        switch monitor.startAccepted {
        case true?: GLPKSession.note("initial solution accepted by glp_ios_heur_sol")
        case false?: GLPKSession.note("initial solution rejected by glp_ios_heur_sol (no better than the incumbent)")
        case nil where start != nil:
            GLPKSession.note(
                options.presolve
                    ? "initial solution not offered: with presolve the search runs on GLPK's transformed problem"
                    : "initial solution not offered: the search ended before its first heuristic call")
        case nil: break
        }
        if monitor.userCutCalls > 0 {
            GLPKSession.note(
                "user cuts: \(monitor.userCutsOffered) offered to the cut pool in \(monitor.userCutRounds) of \(monitor.userCutCalls) separator calls, \(monitor.userCutsDropped) dropped as invalid")
        }
        if monitor.lazyChecks > 0 {
            GLPKSession.note(
                "lazy rows: \(monitor.lazyRowsAdded) added at \(monitor.lazyChecks) integral LP points, \(monitor.lazyRowsIgnored) ignored (none of a point's rows cut it off)")
        }
        if monitor.subproblemCalls > 0 {
            GLPKSession.note(
                "subproblem rows: \(monitor.subproblemRowsAdded) added in \(monitor.subproblemCalls) calls; \(monitor.subproblemPointsAccepted) points became the incumbent, \(monitor.subproblemPointsInvalid) failed the model check")
        }
        if monitor.priorityBranchings > 0 {
            GLPKSession.note("branched first on the given columns: \(monitor.priorityBranchings) branchings (pseudocosts on that set, up branch first)")
        }
        if monitor.nextBranchings > 0 {
            GLPKSession.note("branched next on the second set of columns: \(monitor.nextBranchings) branchings (pseudocosts on that set, up branch first)")
        }
        if monitor.heuristicCalls > 0 {
            GLPKSession.note(
                "primal heuristic: \(monitor.heuristicCalls) calls, \(monitor.heuristicAccepted) new incumbents, \(monitor.heuristicRejected) no better than the incumbent, \(monitor.heuristicInvalid) failed the model check")
        }
        if monitor.timeLimitReached {
            GLPKSession.note("time limit reached between GLPK's own checks; glp_ios_terminate called")
        } else if monitor.stopRequested {
            GLPKSession.note("stop requested; glp_ios_terminate called")
        }
        if monitor.lateBranchings > 0 {
            GLPKSession.note(
                "\(monitor.lateBranchings) branchings on the most fractional variable: less time was left than spent, too little for GLPK's pseudocost initialisation")
        }

        let status = problem.mipStatus
        let values = status == GLP_OPT || status == GLP_FEAS ? problem.mipValues : nil
        var bound = monitor.bestBound
        if let root = rootBound {
            bound = bound.map { minimizing ? max($0, root) : min($0, root) } ?? root
        }
        return Outcome(entry: entry, values: values, bestBound: bound, nodeCount: monitor.nodeCount, lazyRowsAdded: monitor.lazyRowsAdded,
            priorityBranchings: monitor.priorityBranchings, nextBranchings: monitor.nextBranchings)
    }

    /// Milliseconds left of `options.timeLimitSeconds`, clamped to GLPK's `int` (INT_MAX, GLPK's
    /// default, means no limit).
    private func remainingMilliseconds(since started: ContinuousClock.Instant) -> Int32 {
        guard let limit = options.timeLimitSeconds else { return Int32.max }
        let left = (limit - Self.seconds(clock.now - started)) * 1000
        if left >= Double(Int32.max) { return Int32.max }
        return Int32(max(0, left.rounded(.up)))
    }

    // MARK: Mapping to a Solution

    private func solution(from outcome: Outcome, start: [Double]?, log: String, seconds: Double) throws(MILPError) -> Solution {
        var log = log
        var values = outcome.values.map(integral)
        var objective = values.map(model.objectiveValue(at:))
        let verdict = outcome.entry.verdict

        // A checked start is a valid incumbent: keep it if GLPK stopped with nothing better.
        if verdict == .stopped || verdict == .failed, let start {
            let startObjective = model.objectiveValue(at: start)
            if objective.map({ minimizing ? startObjective < $0 : startObjective > $0 }) ?? true {
                values = start
                objective = startObjective
                log += "[connplan] GLPK stopped without a better solution; the initial solution is returned\n"
            }
        }

        func result(_ status: TerminationStatus, bound: Double?) -> Solution {
            let clamped = bound.map { Self.clamp(bound: $0, objective: objective, minimizing: minimizing) }
            var solution = Solution(
                status: status, objectiveValue: objective, bestBound: clamped,
                relativeGap: objective.flatMap { value in clamped.map { Self.gap(objective: value, bound: $0) } },
                values: values ?? [], seconds: seconds, nodeCount: outcome.nodeCount, log: log)
            solution.lazyRowsAdded = outcome.lazyRowsAdded
            solution.priorityBranchings = outcome.priorityBranchings
            solution.nextBranchings = outcome.nextBranchings
            return solution
        }

        switch verdict {
        case .optimal where values != nil:
            return result(.optimal, bound: objective)
        case .optimalWithinGap where values != nil:
            // GLPK stops here only once |incumbent − best bound| < mip_gap · (|incumbent| + DBL_EPSILON)
            // (glp_ios_mip_gap). The last bound seen in the callback may be older and weaker, so the
            // bound that stopping condition implies is used when it is tighter.
            let value = objective!
            let implied = value - (minimizing ? 1 : -1) * options.relativeGap * (abs(value) + Double.ulpOfOne)
            let bound = outcome.bestBound.map { minimizing ? max($0, implied) : min($0, implied) } ?? implied
            return result(.optimal, bound: bound)
        case .infeasible:
            values = nil
            objective = nil
            return result(.infeasible, bound: nil)
        case .unbounded:
            values = nil
            objective = nil
            return result(.unbounded, bound: nil)
        case .stopped:
            return result(values == nil ? .noSolutionWithinTimeLimit : .feasible, bound: outcome.bestBound)
        case .failed where values != nil:
            log += "[connplan] GLPK failed after finding a solution; it is returned as feasible\n"
            return result(.feasible, bound: outcome.bestBound)
        case .optimal, .optimalWithinGap, .failed, .examineSolutionStatus:
            throw .backendFailure(
                backend: "GLPK",
                message:
                    "\(outcome.entry.routine.rawValue) returned \(outcome.entry.symbol): \(outcome.entry.manual) Last output: \(Self.tail(of: log))"
            )
        }
    }

    /// Integer and binary values rounded to the nearest integer (GLPK keeps them integral
    /// within its tolerance `tol_int` = 1e-5, glp_intopt); continuous values unchanged.
    private func integral(_ values: [Double]) -> [Double] {
        zip(model.variables, values).map { variable, value in variable.kind == .continuous ? value : value.rounded() }
    }

    /// The point with integers rounded if it and the rounded point satisfy every row and bound of
    /// the model (glp_ios_heur_sol checks nothing), else the violations found.
    private func validated(_ values: [Double]) -> (point: [Double]?, violations: [FeasibilityViolation]) {
        var problems = model.violations(of: values)
        guard problems.isEmpty else { return (nil, problems) }
        let rounded = integral(values)
        problems = model.violations(of: rounded)
        return problems.isEmpty ? (rounded, []) : (nil, problems)
    }

    /// The initial solution, checked and with integers rounded, or nil and the reason it is not used.
    private func checkedStart() -> ([Double]?, String?) {
        guard let initial = options.initialSolution else { return (nil, nil) }
        let (point, problems) = validated(initial)
        guard let first = problems.first else { return (point, nil) }
        return (nil, "initial solution not used: \(problems.count) violation(s), first \(first)")
    }

    // MARK: Arithmetic shared with the search monitor

    /// `bound` made consistent with the incumbent: never better than a known solution.
    static func clamp(bound: Double, objective: Double?, minimizing: Bool) -> Double {
        guard let objective else { return bound }
        return minimizing ? min(bound, objective) : max(bound, objective)
    }

    /// The contract's relative gap: |objective − bound| / max(|objective|, 1e-9).
    static func gap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / max(abs(objective), 1e-9)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) * 1e-18
    }

    /// The last few lines of a log, for error messages.
    static func tail(of log: String, lines: Int = 6) -> String {
        log.split(separator: "\n").suffix(lines).joined(separator: " | ")
    }
}
