// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore
import ConnplanPlanner
import Foundation
import GLPKBackend
import MILP

/// Records the first time a progress callback reports an incumbent (callbacks come from the solving thread).
final class FirstIncumbent: @unchecked Sendable {
    private let lock = NSLock()
    private let start: ContinuousClock.Instant
    private var seconds: Double?
    init(start: ContinuousClock.Instant) { self.start = start }
    func observe(_ p: SolveProgress) { observe(hasIncumbent: p.incumbent != nil) }
    /// Ours: the first valid plan (the construction heuristic's counts: it is exactly checked).
    func observe(_ p: PlannerProgress) { observe(hasIncumbent: p.bestPlanFen != nil) }
    private func observe(hasIncumbent: Bool) {
        guard hasIncumbent else { return }
        lock.lock()
        if seconds == nil { seconds = secondsSince(start) }
        lock.unlock()
    }
    var value: Double? { lock.lock(); defer { lock.unlock() }; return seconds }
}

enum SolverRuns {
    /// Our planner, exactly as `connplan plan` runs it (GLPK master + hydraulic cuts), proving to the fen.
    static func ours(
        _ scenario: Scenario, timeLimitSeconds: Double, connectivity: MasterConnectivity = .automatic, branching: BranchingRule? = nil,
        routesFirst: Bool = true, sizesNext: Bool = true, routeSizing: Bool = true, downsizingRows: Bool = true
    ) -> RunRecord {
        let start = ContinuousClock.now
        let first = FirstIncumbent(start: start)
        var options = PlannerOptions(timeLimitSeconds: timeLimitSeconds, relativeGap: 0, progress: { first.observe($0) })
        options.connectivity = connectivity
        options.branching = branching
        options.routesFirst = routesFirst
        options.sizesNext = sizesNext
        options.routeSizing = routeSizing
        options.downsizingRows = downsizingRows
        do {
            let result = try RoutePlanner(scenario: scenario, options: options).plan()
            return RunRecord(
                solver: "ours", status: result.status.rawValue, seconds: secondsSince(start), firstIncumbentSeconds: first.value,
                relativeGap: result.solver.relativeGap, nodes: result.solver.branchAndBoundNodes,
                objectiveFen: result.plan.map { Double($0.costs.totalFen) }, peakMebibytes: PeakMemory.mebibytes(),
                message: "master solves \(result.solver.masterSolves), cuts \(result.solver.cutsAdded), \(result.solver.variables) vars, \(result.solver.constraints) rows")
        } catch {
            return RunRecord(solver: "ours", status: "error", seconds: secondsSince(start), peakMebibytes: PeakMemory.mebibytes(),
                             message: "\(error)")
        }
    }

    /// GLPK on the plain model with its cuts and pseudocost branching off (a plain run).
    static func plainGLPK(_ scenario: Scenario, timeLimitSeconds: Double, relativeGap: Double) -> RunRecord {
        do {
            let model = try PlainFormulation.build(scenario)
            let start = ContinuousClock.now
            let first = FirstIncumbent(start: start)
            var options = SolveOptions(timeLimitSeconds: timeLimitSeconds, relativeGap: relativeGap, progress: { first.observe($0) })
            options.cuttingPlanes = false
            let s = try GLPKSolver().solve(model, options: options)
            return RunRecord(
                solver: "plain-glpk", status: s.status.rawValue, seconds: secondsSince(start), firstIncumbentSeconds: first.value,
                relativeGap: s.relativeGap, nodes: s.nodeCount, objectiveFen: s.objectiveValue, peakMebibytes: PeakMemory.mebibytes(),
                message: "\(model.variables.count) vars (\(model.integerVariableCount) int), \(model.constraints.count) rows")
        } catch {
            return RunRecord(solver: "plain-glpk", status: "error", peakMebibytes: PeakMemory.mebibytes(), message: "\(error)")
        }
    }
}
