// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import MILP

/// How planning ended. Infeasible and "no plan within the time limit" are results, not errors.
public enum PlanStatus: String, Sendable, Codable {
    /// The cheapest plan under the stated model (within the requested relative gap).
    case optimal
    /// A valid plan, but the time limit or an interrupt came before it was proven cheapest; see the gap.
    case feasible
    /// No plan satisfies every constraint; `diagnosis` says why.
    case infeasible
    /// The time limit came before any valid plan was found.
    case noSolutionWithinTimeLimit = "no_solution_within_time_limit"
}

/// What the solver did, reported honestly with every plan.
public struct SolverReport: Sendable {
    public var backend: String
    public var status: PlanStatus
    /// Best proven lower bound on the total cost, fen (nil if none).
    public var bestBoundFen: Double?
    /// (cost − bound) / cost; 0 when proven optimal.
    public var relativeGap: Double?
    public var seconds: Double
    public var masterSolves: Int
    public var cutsAdded: Int
    public var hullCutsAdded: Int
    public var branchAndBoundNodes: Int
    public var variables: Int
    public var constraints: Int
    public var log: String
}

public struct PlanningResult: Sendable {
    public var status: PlanStatus
    public var plan: Plan?
    /// For infeasible results: the causes found, most specific first.
    public var diagnosis: [Finding]
    /// Segments and sources left out before optimising, with the reason (refused consent, forbidden).
    public var excluded: [(id: String, reason: String)]
    public var solver: SolverReport
}

/// The planner's one public error: something that is a bug or a broken installation, not a result.
public enum PlannerError: Error, Sendable, CustomStringConvertible {
    case invalidModel(String)
    /// The independent check rejected a plan the planner produced: a bug, never a result.
    case checkFailed([Finding])
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidModel(let m): return "internal error: the optimisation model is invalid: \(m)"
        case .checkFailed(let f):
            return "internal error: the independent hydraulic check rejected the plan (please report this):\n"
                + f.map(\.description).joined(separator: "\n")
        case .writeFailed(let path, let reason): return "\(path): cannot write the model: \(reason)"
        }
    }
}
