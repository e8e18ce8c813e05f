// SPDX-License-Identifier: GPL-3.0-or-later
//
// Solves a `SchedulingProblem`: the priority-rule heuristic first (fast, always), then the
// time-indexed MILP with the heuristic's schedule as the first incumbent, when the model is small
// enough and the combinatorial bound does not already prove the heuristic's schedule optimal; a
// MILP solution is left-shifted (never worse). The bound is the best of the combinatorial bound
// and the MILP's; the gap is reported against it.

import Foundation
import MILP

struct SolvedProblem: Sendable {
    var starts: [Int]
    var extra: [Int]
    var report: ScheduleSolverReport
}

struct ProblemSolver {
    let problem: SchedulingProblem
    let solver: any MILPSolver
    let options: ScheduleOptions
    let backendName: String?

    func solve() throws -> SolvedProblem? {
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let p = problem
        let heuristic = PriorityRuleHeuristic(problem: p)
        guard let best = heuristic.solve() else { return nil }
        let bounds = ScheduleLowerBound(problem: p)
        var lowerBound = Double(bounds.best() ?? 0)
        var starts = best.starts
        var extra = best.extra
        var value = best.objective
        var method = ScheduleMethod.heuristic
        var note = "priority-rule heuristic (best rule: \(best.rule))"
        var constraints = 0

        // Horizon for the MILP: no optimal schedule ends later than this day.
        let heuristicLast = p.jobs.indices.map { starts[$0] + p.jobs[$0].duration - 1 }.max() ?? 0
        let lastDay = milpLastDay(p, upperBound: value, heuristicLast: heuristicLast)
        let count = TimeIndexedFormulation.startVariableCount(p, lastDay: lastDay) ?? 0
        if count > options.maximumStartVariables {
            note = "large programme: the time-indexed model would need \(count) start variables (limit \(options.maximumStartVariables)), so the priority-rule heuristic (\(best.rule)) is reported with a combinatorial lower bound"
        } else if Double(value) - lowerBound <= 0.5 && !options.solveProvenWithMILP {
            // The objective is integral (fen or whole working days), so a bound within 0.5 proves it.
            // The heuristic's schedule meets the combinatorial bound (RandomProblemTests checks the
            // bound against exhaustive search): it is optimal, and a MILP could only confirm it
            // (Shifo: 0.25 s of GLPK for the same 65,000 CNY).
            note = "proven optimal by the combinatorial lower bound, which the priority-rule schedule (rule \(best.rule)) meets; no MILP needed"
        } else if let formulation = TimeIndexedFormulation(p, lastDay: lastDay) {
            method = .milp
            constraints = formulation.model.constraints.count
            var solveOptions = SolveOptions(
                timeLimitSeconds: max(0.1, options.timeLimitSeconds - elapsed()), relativeGap: max(options.relativeGap, 1e-9))
            solveOptions.initialSolution = formulation.point(starts: starts, extra: extra)
            // GLPK's presolver with its general cuts off: on Shifo 0.23 s instead of 2.0 s with the
            // defaults (the time-indexed rows are already tight; the cut rounds cost more than they
            // gain). The heuristic's schedule cannot be offered through presolve, but it is kept.
            solveOptions.presolve = true
            solveOptions.cuttingPlanes = false
            let solution: Solution
            do { solution = try solver.solve(formulation.model, options: solveOptions) } catch {
                throw ScheduleError.solverFailed("\(error)")
            }
            if solution.hasSolution {
                let decoded = formulation.decode(solution.values)
                if p.violations(starts: decoded.starts, extra: decoded.extra).isEmpty,
                    let shifted = heuristic.leftShift(starts: decoded.starts, extra: decoded.extra)
                {
                    let v = p.objective(starts: shifted, extra: decoded.extra)
                    if v < value || (v == value && shifted.lexicographicallyPrecedes(starts)) {
                        (starts, extra, value) = (shifted, decoded.extra, v)
                    }
                }
            }
            if let b = solution.bestBound, solution.status != .infeasible {
                // The objective is integral (fen or whole days): round the bound up, with a tolerance.
                lowerBound = max(lowerBound, (b - 1e-6).rounded(.up))
            }
            if solution.status == .optimal, options.relativeGap == 0 { lowerBound = max(lowerBound, Double(value)) }
            switch solution.status {
            case .optimal: note = "time-indexed MILP, proven optimal"
            case .feasible: note = "time-indexed MILP stopped at the time limit; best schedule with its bound and gap"
            case .noSolutionWithinTimeLimit: note = "time-indexed MILP found nothing better within the time limit; heuristic schedule with the MILP's bound"
            case .infeasible, .unbounded:
                throw ScheduleError.solverFailed("the MILP reported \(solution.status.rawValue) although the heuristic schedule fits it")
            }
        }
        if method == .heuristic, !note.contains("proven optimal"), Double(value) <= lowerBound { note += "; it meets the lower bound, so it is optimal" }
        lowerBound = min(lowerBound, Double(value))
        // The objective is integral (fen or whole working days), so a bound within 0.5 proves it.
        let proven = Double(value) - lowerBound <= max(options.relativeGap * Double(value), 0.5)
        let gap = value > 0 ? max(0, (Double(value) - lowerBound) / Double(value)) : 0
        let report = ScheduleSolverReport(
            method: method, status: proven ? .optimal : .feasible,
            objective: p.cost.allowExtra ? .worksPlusOutageCost : .finishDate, objectiveValue: Double(value),
            bestBound: lowerBound, relativeGap: proven && Double(value) - lowerBound <= 0.5 ? 0 : gap,
            heuristicObjectiveValue: Double(best.objective), backend: method == .milp ? backendName : nil,
            startVariables: method == .milp ? count : 0, constraints: method == .milp ? constraints : 0, seconds: elapsed(), note: note)
        return SolvedProblem(starts: starts, extra: extra, report: report)
    }

    /// The last working day any optimal schedule can need: the heuristic's for the finish date;
    /// for a cost, the latest day whose cost lower bound still does not exceed the heuristic's cost.
    func milpLastDay(_ p: SchedulingProblem, upperBound: Int, heuristicLast: Int) -> Int {
        guard p.cost.allowExtra else { return heuristicLast }
        let es = p.earliestStarts().map { $0 ?? 0 }
        var fixed = 0
        for (j, f) in p.cost.finishCost { fixed += f(es[j] + p.jobs[j].duration - 1) }
        // The job that ends last adds at least its own finish cost's growth (0 for jobs without one).
        let succ = p.successors
        let sinks = p.jobs.indices.filter { j in !succ[j].contains { $0.lag + p.jobs[$0.to].duration >= p.jobs[j].duration } }
        func lowerCost(_ day: Int) -> Int {
            let growth = sinks.map { j -> Int in
                guard let f = p.cost.finishCost[j] else { return 0 }
                return f(day) - f(es[j] + p.jobs[j].duration - 1)
            }.min() ?? 0
            return p.cost.makespanCost(day) + fixed + growth
        }
        var day = heuristicLast
        while day < p.horizonLimit && lowerCost(day + 1) <= upperBound { day += 1 }
        return day
    }

}
