// SPDX-License-Identifier: GPL-3.0-or-later
//
// The route engine: solve the master MILP, evaluate its plan with the exact hydraulics, and either
// accept it (it is then optimal: the master is a relaxation and its optimum is exactly feasible) or
// cut it off and solve again. A repair heuristic turns rejected plans into valid ones by widening
// pipes, which gives an incumbent for time limits and for pruning.

import ConnplanCore
import Foundation
import MILP

public struct PlannerOptions: Sendable {
    public var timeLimitSeconds: Double?
    /// Relative gap at which a plan counts as optimal (0 proves it to the fen).
    public var relativeGap: Double
    /// Write the first master model here (.lp or .mps) for inspection with other solvers.
    public var writeModelPath: String?
    public var constraints: PlanConstraints
    public var stopFlag: StopFlag?
    /// Called with the search state: after the starting heuristic, a few times a second during each
    /// master solve (GLPK's callback, throttled), and after each master solve.
    public var progress: (@Sendable (PlannerProgress) -> Void)?
    /// Loss under-estimate rows per arc direction in the first master (0: hydraulics by cuts alone).
    public var initialLossLines: Int = 4
    /// Commodity flows in the master LP, dicuts separated in the search, or chosen by size.
    public var connectivity: MasterConnectivity = .automatic
    /// The master search's branching rule; nil chooses by the network
    /// (`MasterSearch.wantsMostFractionalBranching`).
    public var branching: BranchingRule?
    /// Cut off plans that fail the exact hydraulics inside the master search, as lazy rows at
    /// each integral LP point (true), or only between master searches, solving the master again
    /// from scratch after each round of cuts (false; the oracle tests run both).
    public var hydraulicCutsInSearch = true
    /// Where pressure can bind, branch on where pipes run (sources and laid arc directions)
    /// before their sizes (`MasterSearch.routesFirst`); false leaves every choice to the
    /// branching rule (the oracle tests run both).
    public var routesFirst = true
    /// Branch on pipe sizes by their own pseudocosts (`MasterSearch.sizesNext`), after the routes
    /// where the master has route columns; false leaves the sizes to the branching rule (the
    /// oracle tests run both).
    public var sizesNext = true
    /// Where the master has route columns, size each route its LP lays by exact dynamic
    /// programming and bound the node by that route's cheapest valid plan (`SubproblemSizing`,
    /// `SolveOptions.subproblemRows`); false leaves the sizes to branching alone (the oracle tests
    /// run both).
    public var routeSizing = true
    /// Where pressure cannot bind and every demand is in households, keep only plans whose every
    /// pipe is the cheapest that carries its load (`RouteFormulation.addDownsizingRows`: no
    /// cheapest plan is lost, and the LP bound is much tighter); false leaves them out (the oracle
    /// tests run both).
    public var downsizingRows = true
    public init(
        timeLimitSeconds: Double? = nil, relativeGap: Double = 0, writeModelPath: String? = nil,
        constraints: PlanConstraints = PlanConstraints(), stopFlag: StopFlag? = nil,
        progress: (@Sendable (PlannerProgress) -> Void)? = nil
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.writeModelPath = writeModelPath
        self.constraints = constraints
        self.stopFlag = stopFlag
        self.progress = progress
    }
}

public struct RoutePlanner: Sendable {
    public let scenario: Scenario
    public let options: PlannerOptions
    let solver: any MILPSolver
    let backendName: String

    public init(scenario: Scenario, options: PlannerOptions = PlannerOptions(), solver: any MILPSolver, backendName: String) {
        self.scenario = scenario
        self.options = options
        self.solver = solver
        self.backendName = backendName
    }

    public func plan() throws -> PlanningResult {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let network = Network(scenario: scenario, constraints: options.constraints)
        var formulation = RouteFormulation(
            network: network, initialLossLines: options.initialLossLines, connectivity: options.connectivity,
            routeColumns: options.routesFirst, downsizingRows: options.downsizingRows)
        if let path = options.writeModelPath {
            do { try writeModel(formulation.model, to: path) } catch {
                throw PlannerError.writeFailed(path: path, reason: "\(error)")
            }
        }
        let excluded = network.excludedSegments.map { ($0.segment.id, $0.reason) }
            + network.excludedSources.map { ($0.source.id, $0.reason) }

        var incumbent: Evaluation?
        var bestBound = -Double.infinity
        var masterSolves = 0
        var nodes = 0
        var log = ""
        var timedOut = false
        var masterInfeasible = false
        var seen = Set<Candidate>()

        func consider(_ found: Evaluation) {
            guard found.feasible else { return }
            // Incumbents are pruned: a branch or source that serves no demand only adds cost. With
            // the downsizing rows, each pipe is then the cheapest that carries its load, which is
            // never costlier and keeps the plan a point of the master.
            let pruned = formulation.admissible(network.evaluate(network.pruned(found.candidate)))
            let ev = pruned.feasible && pruned.costFen <= found.costFen ? pruned : found
            guard network.satisfiesRequirements(ev) else { return }
            if incumbent == nil || ev.costFen < incumbent!.costFen
                || (ev.costFen == incumbent!.costFen && ev.candidate.arcs.lexicographicallyPrecedes(incumbent!.candidate.arcs))
            {
                incumbent = ev
            }
        }
        func gapClosed() -> Bool {
            guard let inc = incumbent else { return false }
            let ub = Double(inc.costFen)
            return ub - bestBound <= max(options.relativeGap * abs(ub), 0.5)
        }

        let progressState = ProgressState()
        func report(_ p: SolveProgress? = nil) {
            guard let callback = options.progress else { return }
            progressState.update(bestPlanFen: incumbent?.costFen, boundFen: bestBound, masterSolve: masterSolves)
            callback(progressState.snapshot(elapsed: elapsed(), from: p))
        }
        var masterProgress: (@Sendable (SolveProgress) -> Void)?
        if let callback = options.progress {
            let startedAt = started
            masterProgress = { @Sendable [progressState] (p: SolveProgress) in
                let d = ContinuousClock().now - startedAt
                let t = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
                callback(progressState.snapshot(elapsed: t, from: p))
            }
        }
        func outOfTime() -> Bool {
            options.stopFlag?.isStopped == true || options.timeLimitSeconds.map { elapsed() >= $0 } == true
        }
        if let start = constructionHeuristic(network), start.feasible {
            consider(start)
            let improved = improve(start, network: network, stop: outOfTime)
            consider(improved)
            // Where pressure binds, the route's exact sizing (Shifo's S-CITY-S option: the
            // optimum before the search starts, 51 → 45 nodes).
            if formulation.hasPotentials { consider(Self.resized(improved, network)) }
        }
        report()

        let search = MasterSearch(
            network: network, branching: options.branching,
            headLossDecidesSizes: formulation.hasPotentials && capacitySizingFallsShortOfPressure(network),
            routeColumns: formulation.laid.isEmpty ? [] : formulation.u + formulation.laid.flatMap { $0 },
            sizeColumns: options.sizesNext ? formulation.y.flatMap { $0 }.flatMap { $0 } : [])
        let lazyTally = LazyRowTally()
        loop: while true {
            if options.stopFlag?.isStopped == true { timedOut = true; break }
            var remaining: Double?
            if let limit = options.timeLimitSeconds {
                remaining = limit - elapsed()
                if remaining! <= 0 { timedOut = true; break }
            }
            var solveOptions = SolveOptions(
                timeLimitSeconds: remaining, relativeGap: max(options.relativeGap, 1e-9), progress: masterProgress,
                stopFlag: options.stopFlag)
            if let inc = incumbent {
                // The master is a relaxation: every exactly valid plan is one of its points. A
                // valid plan it leaves out would make its optimum no lower bound (a bug: reported,
                // never printed as a proof).
                let start = formulation.point(for: inc)
                if let row = formulation.model.violations(of: start).first {
                    throw PlannerError.invalidModel(
                        "the master MILP leaves out a valid plan costing \(inc.costFen) fen (\(row)), so its optimum would prove nothing")
                }
                solveOptions.initialSolution = start
            }
            if let separator = formulation.dicuts {
                solveOptions.cutSeparator = { separator.cuts(at: $0) }
                // The LP-guided construction and local search at GLPK's heuristic step (large
                // masters only: small ones start from an optimal or nearly optimal plan).
                let planner = self
                let master = formulation
                let stopFlag = options.stopFlag
                let deadline = options.timeLimitSeconds.map { started + .milliseconds(Int64(($0 * 1000).rounded(.down))) }
                solveOptions.primalHeuristic = { x in
                    let stop = { stopFlag?.isStopped == true || deadline.map { ContinuousClock().now >= $0 } == true }
                    return planner.lpGuidedPlan(network, formulation: master, at: x, stop: stop).map { master.point(for: master.admissible($0)) }
                }
            }
            // Plans that fail the exact hydraulics are cut off inside the search (GLP_IROWGEN), so
            // one master search usually suffices; the loop below stays as the safety net.
            if options.hydraulicCutsInSearch {
                let master = formulation
                solveOptions.lazyRows = { [lazyTally] x in
                    let found = master.hydraulicRows(at: x)
                    lazyTally.add(cuts: found.cuts, hullLines: found.hullLines)
                    return found.rows
                }
            }
            var sizing: SubproblemSizing?
            if options.routeSizing, !formulation.laid.isEmpty {
                let routes = SubproblemSizing(network: network, formulation: formulation)
                solveOptions.subproblemRows = { routes.rows(at: $0) }
                sizing = routes
            }
            solveOptions.rootLP = .dualSimplex
            search.apply(to: &solveOptions)
            let solution: Solution
            do { solution = try solver.solve(formulation.model, options: solveOptions) } catch {
                throw PlannerError.invalidModel("\(error)")
            }
            masterSolves += 1
            defer { report() }
            nodes += solution.nodeCount ?? 0
            if !solution.log.isEmpty { log += "--- master solve \(masterSolves) ---\n" + solution.log }
            if formulation.downsizing {
                let rows = formulation.downsizingRowCount
                log += "[connplan] downsizing rows: \(rows.fewest) least-load and \(rows.upstream) upstream-size rows (pressure cannot bind: each pipe the cheapest that carries its load)\n"
            }
            if let routes = sizing?.counts, routes.routes > 0 {
                log += "[connplan] route sizing: \(routes.routes) routes looked at, \(routes.sized) with a valid sizing, \(routes.invalid) with none; \(routes.pairs) Pareto pairs formed (budget \(SubproblemSizing.pairBudget))\n"
            }
            switch solution.status {
            case .infeasible:
                masterInfeasible = incumbent == nil
                if let inc = incumbent { bestBound = Double(inc.costFen) }
                break loop
            case .unbounded:
                throw PlannerError.invalidModel("the master problem is unbounded; costs must be non-negative")
            case .noSolutionWithinTimeLimit:
                if let b = solution.bestBound { bestBound = max(bestBound, b) }
                timedOut = true
                break loop
            case .optimal, .feasible:
                // Only a proven bound counts: a master stopped early with just an incumbent proves nothing.
                let bound = solution.status == .optimal
                    ? min(solution.bestBound ?? solution.objectiveValue ?? -.infinity, solution.objectiveValue ?? .infinity)
                    : (solution.bestBound ?? -.infinity)
                bestBound = max(bestBound, bound)
                let candidate = network.pruned(formulation.candidate(from: solution.values))
                let ev = network.evaluate(candidate)
                if ev.feasible {
                    guard network.satisfiesRequirements(ev) else {
                        // The master's rows make every required item carry supply; reaching this is a bug.
                        throw PlannerError.invalidModel("the master's plan leaves out a required segment, source or owner")
                    }
                    consider(ev)
                } else {
                    if !ev.unreachedDemand.isEmpty {
                        throw PlannerError.invalidModel("the master left demand nodes unconnected: \(ev.unreachedDemand.map { network.nodeIDs[$0] })")
                    }
                    let added = formulation.addCuts(for: ev)
                    if let repaired = repair(ev, network: network) { consider(improve(repaired, network: network, stop: outOfTime)) }
                    if added == 0 || !seen.insert(candidate).inserted {
                        throw PlannerError.invalidModel("no valid cut separates an infeasible master plan; the loss functions may not be monotone")
                    }
                }
                if gapClosed() { break loop }
                if solution.status == .feasible { timedOut = true; break loop }
            }
        }

        let seconds = elapsed()
        var report = SolverReport(
            backend: backendName, status: .infeasible, bestBoundFen: bestBound.isFinite ? bestBound : nil, relativeGap: nil,
            seconds: seconds, masterSolves: masterSolves, cutsAdded: formulation.cutsAdded + lazyTally.cuts,
            hullCutsAdded: formulation.hullCutsAdded + lazyTally.hullLines,
            branchAndBoundNodes: nodes, variables: formulation.model.variables.count,
            constraints: formulation.model.constraints.count, log: log)
        guard let best = incumbent else {
            if masterInfeasible && !timedOut {
                report.status = .infeasible
                let diagnosis = InfeasibilityDiagnosis(network: network).explain()
                return PlanningResult(status: .infeasible, plan: nil, diagnosis: diagnosis, excluded: excluded, solver: report)
            }
            report.status = .noSolutionWithinTimeLimit
            return PlanningResult(status: .noSolutionWithinTimeLimit, plan: nil, diagnosis: [], excluded: excluded, solver: report)
        }
        let ub = Double(best.costFen)
        let lb = min(bestBound.isFinite ? bestBound : 0, ub)
        let gap = ub > 0 ? (ub - lb) / ub : 0
        let proven = ub - lb <= max(options.relativeGap * ub, 0.5)
        report.status = proven ? .optimal : .feasible
        report.relativeGap = proven && ub - lb <= 0.5 ? 0 : gap
        report.bestBoundFen = lb
        let plan = PlanBuilder(network: network).plan(for: best)
        let findings = PlanChecker.check(plan, scenario: scenario).filter { $0.severity == .error }
        guard findings.isEmpty else { throw PlannerError.checkFailed(findings) }
        return PlanningResult(status: report.status, plan: plan, diagnosis: [], excluded: excluded, solver: report)
    }

    /// Widens pipes along violating paths, best loss reduction per fen first, until the plan is valid
    /// or no wider pipe helps. Capacity violations cannot be repaired this way.
    func repair(_ start: Evaluation, network: Network) -> Evaluation? {
        var ev = start
        for _ in 0..<(4 * max(1, ev.candidate.arcs.count) * 8) {
            if ev.feasible { return ev }
            guard ev.unreachedDemand.isEmpty else { return nil }
            var arcs = ev.candidate.arcs
            var changed = false
            if let violation = ev.violations.first {
                switch violation {
                case .capacity: return nil
                case .velocity(let ai):
                    let a = arcs[ai]
                    let q = ev.flow[ai]
                    let options = network.edges[a.edge].options
                    if let o = options.indices.filter({ Tolerance.within(flow: q, limit: options[$0].maxFlowCubicMetresPerHour) })
                        .min(by: { (options[$0].costFen, $0) < (options[$1].costFen, $1) })
                    {
                        arcs[ai].option = o
                        changed = true
                    }
                case .pressure(let node):
                    // On the path to the worst node, the upgrade with the best loss reduction per fen.
                    var best: (ratio: Double, arc: Int, option: Int)?
                    var v = node
                    while let ai = ev.parentArc[v] {
                        let a = arcs[ai]
                        let options = network.edges[a.edge].options
                        let current = ev.loss[ai]
                        for (o, opt) in options.enumerated() where o != a.option {
                            guard Tolerance.within(flow: ev.flow[ai], limit: opt.maxFlowCubicMetresPerHour) else { continue }
                            let newLoss = network.loss(edge: a.edge, option: o, flow: ev.flow[ai])
                            let saved = current - newLoss
                            guard saved > 0 else { continue }
                            let extra = Double(max(opt.costFen - options[a.option].costFen, 0)) + 1
                            let ratio = saved / extra
                            if best == nil || ratio > best!.ratio { best = (ratio, ai, o) }
                        }
                        v = network.tail(a)
                    }
                    if let b = best {
                        arcs[b.arc].option = b.option
                        changed = true
                    }
                }
            }
            guard changed else { return nil }
            ev = network.evaluate(Candidate(sources: ev.candidate.sources, arcs: arcs))
        }
        return ev.feasible ? ev : nil
    }
}

import GLPKBackend

extension RoutePlanner {
    /// A planner that solves with GLPK.
    public init(scenario: Scenario, options: PlannerOptions = PlannerOptions()) {
        self.init(scenario: scenario, options: options, solver: GLPKSolver(), backendName: "GLPK \(GLPKSolver.version())")
    }
}

/// Hydraulic rows the master search added lazily, counted for the report (the lazy-row callback
/// runs on the solving thread; a row added again in another subtree counts again).
final class LazyRowTally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (cuts: 0, hullLines: 0)
    func add(cuts: Int, hullLines: Int) {
        lock.withLock {
            counts.cuts += cuts
            counts.hullLines += hullLines
        }
    }
    var cuts: Int { lock.withLock { counts.cuts } }
    var hullLines: Int { lock.withLock { counts.hullLines } }
}
