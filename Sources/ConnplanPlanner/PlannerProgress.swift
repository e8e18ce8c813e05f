// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the route engine reports while it runs: the best plan it has verified with the exact
// hydraulics, the proven lower bound, and the master search's own (unverified) incumbent.

import ConnplanCore
import Foundation
import MILP

public struct PlannerProgress: Sendable, Equatable {
    /// Seconds since `RoutePlanner.plan()` started.
    public var elapsedSeconds: Double
    /// Cost of the best plan that passed the exact hydraulic evaluation so far.
    public var bestPlanFen: Fen?
    /// Proven lower bound on the cost of any valid plan (from the master, a relaxation), fen.
    public var boundFen: Double?
    /// The master search's incumbent, fen: a plan of the relaxation, not yet checked exactly.
    public var searchIncumbentFen: Double?
    /// Branch-and-bound nodes of the current master solve.
    public var nodes: Int
    /// 1-based number of the current master solve (0 before the first).
    public var masterSolve: Int

    public init(
        elapsedSeconds: Double, bestPlanFen: Fen?, boundFen: Double?, searchIncumbentFen: Double?, nodes: Int, masterSolve: Int
    ) {
        self.elapsedSeconds = elapsedSeconds
        self.bestPlanFen = bestPlanFen
        self.boundFen = boundFen
        self.searchIncumbentFen = searchIncumbentFen
        self.nodes = nodes
        self.masterSolve = masterSolve
    }

    /// (best plan − bound) / best plan, when both exist.
    public var relativeGap: Double? {
        guard let plan = bestPlanFen, plan > 0, let bound = boundFen else { return nil }
        return max(0, Double(plan) - bound) / Double(plan)
    }
}

/// Holds the planner's state that the solver's progress callback (another stack frame, maybe
/// another thread) reads.
final class ProgressState: @unchecked Sendable {
    private let lock = NSLock()
    private var bestPlanFen: Fen?
    private var boundFen: Double?
    private var masterSolve = 0

    func update(bestPlanFen: Fen?, boundFen: Double?, masterSolve: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.bestPlanFen = bestPlanFen
        if let b = boundFen, b.isFinite { self.boundFen = max(self.boundFen ?? -.infinity, b) }
        self.masterSolve = masterSolve
    }

    func snapshot(elapsed: Double, from p: SolveProgress?) -> PlannerProgress {
        lock.lock()
        defer { lock.unlock() }
        var bound = boundFen
        if let b = p?.bestBound, b.isFinite { bound = max(bound ?? -.infinity, b) }
        return PlannerProgress(
            elapsedSeconds: elapsed, bestPlanFen: bestPlanFen, boundFen: bound, searchIncumbentFen: p?.incumbent,
            nodes: p?.nodeCount ?? 0, masterSolve: masterSolve)
    }
}
