// SPDX-License-Identifier: GPL-3.0-or-later
//
// Random scheduling problems: crews, booking slots, generalised precedences, a makespan or a cost
// objective with extra crews. On tiny instances an exhaustive search (which shares no code with
// the heuristic or the MILP) gives the true optimum: the MILP must equal it, the heuristic must
// never beat it, and every solution must pass the problem's own feasibility check.

import GLPKBackend
import MILP
import TestSupport
import XCTest

@testable import ConnplanSchedule

final class RandomProblemTests: XCTestCase {
    /// A random problem: 3–5 jobs, durations 1–3, 1–2 crew types of 1–2 crews, a random DAG with
    /// finish-to-start and start-to-start links, sometimes booking slots, sometimes a cost with
    /// extra crews and per-job finish costs.
    static func randomProblem(seed: UInt64, jobs n: ClosedRange<Int> = 3...5, horizon: Int = 11) -> SchedulingProblem {
        var g = SeededGenerator(seed: seed)
        let count = Int.random(in: n, using: &g)
        let resourceCount = Int.random(in: 1...2, using: &g)
        var resources: [Resource] = []
        let costly = Bool.random(using: &g)
        for _ in 0..<resourceCount {
            let extra = costly ? Int.random(in: 0...1, using: &g) : 0
            resources.append(Resource(capacity: Int.random(in: 1...2, using: &g), extra: extra, extraCost: Int.random(in: 1...6, using: &g) * 100))
        }
        var jobs: [Job] = []
        for _ in 0..<count {
            var job = Job(duration: Int.random(in: 1...3, using: &g), resource: Int.random(in: 0...3, using: &g) == 0 ? nil : Int.random(in: 0..<resourceCount, using: &g))
            if Int.random(in: 0...3, using: &g) == 0 { job.release = Int.random(in: 0...2, using: &g) }
            if job.resource != nil, Int.random(in: 0...4, using: &g) == 0 {
                let a = Int.random(in: 0...3, using: &g)
                job.slots = [a...(a + job.duration + Int.random(in: 0...1, using: &g)), (a + 5)...(a + 5 + job.duration + 1)]
            }
            jobs.append(job)
        }
        var precedences: [Precedence] = []
        for b in 1..<count {
            for a in 0..<b where Int.random(in: 0...3, using: &g) == 0 {
                let ss = Bool.random(using: &g)
                precedences.append(Precedence(from: a, to: b, lag: ss ? Int.random(in: 1...2, using: &g) : jobs[a].duration))
            }
        }
        let cost: ScheduleCostModel
        if costly {
            let rate = Int.random(in: 1...4, using: &g) * 100
            var weights: [Int: Int] = [:]
            for j in 0..<count where Bool.random(using: &g) { weights[j] = Int.random(in: 1...3, using: &g) * 40 }
            // A step cost (like calendar days over working days): weekends every 5 days cost 2 more.
            let days: @Sendable (Int) -> Int = { f in f + 1 + 2 * (f / 5) }
            cost = ScheduleCostModel(makespanCost: { f in rate * days(f) }, finishWeights: weights, finishUnit: days, allowExtra: true)
        } else {
            cost = ScheduleCostModel(makespanCost: { f in f + 1 }, allowExtra: false)
        }
        return SchedulingProblem(jobs: jobs, resources: resources, precedences: precedences, cost: cost, horizonLimit: horizon)
    }

    /// Exhaustive search over every start vector and extra-crew choice (depth-first, in index order,
    /// checking each job against the ones already placed). Returns the optimum or nil.
    static func bruteForce(_ p: SchedulingProblem) -> Int? {
        var best: Int?
        let extras: [[Int]] = p.resources.reduce([[]]) { acc, r in
            acc.flatMap { prefix in (0...(p.cost.allowExtra ? r.extra : 0)).map { prefix + [$0] } }
        }
        for extra in extras {
            var starts = [Int](repeating: 0, count: p.jobs.count)
            func place(_ j: Int) {
                if j == p.jobs.count {
                    guard p.violations(starts: starts, extra: extra).isEmpty else { return }
                    let v = p.objective(starts: starts, extra: extra)
                    best = min(best ?? v, v)
                    return
                }
                for s in 0...(p.horizonLimit - p.jobs[j].duration + 1) {
                    starts[j] = s
                    // Early pruning: links between already-placed jobs and the crews so far.
                    if p.precedences.contains(where: { $0.from <= j && $0.to <= j && starts[$0.to] < starts[$0.from] + $0.lag }) { continue }
                    place(j + 1)
                }
            }
            place(0)
        }
        return best
    }

    func testMILPEqualsBruteForceAndHeuristicNeverBeatsIt() throws {
        var compared = 0
        var heuristicWorse = 0
        var provenByBound = 0
        for seed in UInt64(1)...60 {
            let p = Self.randomProblem(seed: seed)
            let brute = Self.bruteForce(p)
            let solver = ProblemSolver(problem: p, solver: GLPKSolver(), options: ScheduleOptions(timeLimitSeconds: 30), backendName: "GLPK")
            let solved = try solver.solve()
            guard let brute else {
                // No schedule fits the horizon: the solver must agree.
                XCTAssertNil(solved, "seed \(seed): brute force finds nothing but the solver returned a schedule")
                continue
            }
            let s = try XCTUnwrap(solved, "seed \(seed): brute force finds \(brute) but the solver found nothing")
            XCTAssertEqual(p.violations(starts: s.starts, extra: s.extra), [], "seed \(seed)")
            let value = p.objective(starts: s.starts, extra: s.extra)
            XCTAssertEqual(Double(value), s.report.objectiveValue, "seed \(seed)")
            if s.report.method == .heuristic {
                // Only when the combinatorial bound proves the heuristic's schedule optimal, which
                // the exhaustive optimum must confirm.
                XCTAssertEqual(s.report.heuristicObjectiveValue, Double(brute), "seed \(seed): claimed optimal by the bound")
                XCTAssertTrue(s.report.note.contains("proven optimal"), "seed \(seed): \(s.report.note)")
                provenByBound += 1
            } else {
                XCTAssertEqual(s.report.method, .milp, "seed \(seed): tiny problems go to the MILP unless the bound proves the heuristic")
            }
            XCTAssertEqual(value, brute, "seed \(seed): the solver's optimum vs exhaustive search")
            XCTAssertEqual(s.report.status, .optimal, "seed \(seed)")
            XCTAssertLessThanOrEqual(s.report.objectiveValue, s.report.heuristicObjectiveValue, "seed \(seed): MILP worse than the heuristic")
            XCTAssertGreaterThanOrEqual(s.report.heuristicObjectiveValue, Double(brute), "seed \(seed): the heuristic beat the optimum")
            XCTAssertLessThanOrEqual(s.report.bestBound, Double(brute) + 1e-9, "seed \(seed): bound above the optimum")
            if s.report.heuristicObjectiveValue > Double(brute) { heuristicWorse += 1 }
            // The MILP on every instance, also where the bound made it unnecessary.
            var always = ScheduleOptions(timeLimitSeconds: 30)
            always.solveProvenWithMILP = true
            let m = try XCTUnwrap(try ProblemSolver(problem: p, solver: GLPKSolver(), options: always, backendName: "GLPK").solve(), "seed \(seed)")
            XCTAssertEqual(m.report.method, .milp, "seed \(seed): tiny problems go to the MILP")
            XCTAssertEqual(p.violations(starts: m.starts, extra: m.extra), [], "seed \(seed)")
            XCTAssertEqual(p.objective(starts: m.starts, extra: m.extra), brute, "seed \(seed): MILP optimum vs exhaustive search")
            XCTAssertEqual(m.report.status, .optimal, "seed \(seed)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 40, "too few feasible random instances to mean anything")
        XCTAssertGreaterThan(provenByBound, 0, "the proof by the bound alone was not exercised")
        print("RandomProblemTests: \(compared) instances equal to brute force (\(provenByBound) proven by the bound without the MILP); the heuristic alone was worse on \(heuristicWorse)")
    }

    /// The heuristic alone (no MILP): always feasible, never better than the exhaustive optimum,
    /// and its combinatorial lower bound never above it.
    func testHeuristicAndBoundBracketTheOptimum() throws {
        for seed in UInt64(101)...160 {
            let p = Self.randomProblem(seed: seed)
            guard let brute = Self.bruteForce(p) else { continue }
            let h = try XCTUnwrap(PriorityRuleHeuristic(problem: p).solve(), "seed \(seed)")
            XCTAssertEqual(p.violations(starts: h.starts, extra: h.extra), [], "seed \(seed)")
            XCTAssertGreaterThanOrEqual(h.objective, brute, "seed \(seed)")
            let bound = try XCTUnwrap(ScheduleLowerBound(problem: p).best(), "seed \(seed)")
            XCTAssertLessThanOrEqual(bound, brute, "seed \(seed): lower bound above the optimum")
        }
    }

    /// The left shift of a feasible schedule never starts a job later and never costs more.
    func testLeftShiftNeverWorsens() throws {
        for seed in UInt64(201)...240 {
            let p = Self.randomProblem(seed: seed, horizon: 14)
            let heuristic = PriorityRuleHeuristic(problem: p)
            guard let h = heuristic.solve() else { continue }
            // Delay every job by one day where that stays feasible, then shift back.
            var delayed = h.starts
            for j in delayed.indices.reversed() {
                var trial = delayed
                trial[j] += 1
                if p.violations(starts: trial, extra: h.extra).isEmpty { delayed = trial }
            }
            let shifted = try XCTUnwrap(heuristic.leftShift(starts: delayed, extra: h.extra), "seed \(seed)")
            XCTAssertEqual(p.violations(starts: shifted, extra: h.extra), [], "seed \(seed)")
            for j in shifted.indices { XCTAssertLessThanOrEqual(shifted[j], delayed[j], "seed \(seed) job \(j)") }
            XCTAssertLessThanOrEqual(p.objective(starts: shifted, extra: h.extra), p.objective(starts: delayed, extra: h.extra))
        }
    }

    /// Over the size limit the heuristic is reported, with a bound and an honest gap.
    func testLargeProgrammeFallsBackToTheHeuristicWithBoundAndGap() throws {
        let p = Self.randomProblem(seed: 7, jobs: 5...5, horizon: 14)
        let solved = try XCTUnwrap(
            try ProblemSolver(problem: p, solver: GLPKSolver(), options: ScheduleOptions(maximumStartVariables: 0), backendName: nil).solve())
        XCTAssertEqual(solved.report.method, .heuristic)
        XCTAssertLessThanOrEqual(solved.report.bestBound, solved.report.objectiveValue)
        let expectedGap = (solved.report.objectiveValue - solved.report.bestBound) / solved.report.objectiveValue
        XCTAssertEqual(solved.report.relativeGap, solved.report.status == .optimal ? 0 : expectedGap, accuracy: 1e-12)
        XCTAssertTrue(solved.report.note.contains("large programme"), solved.report.note)
    }

    /// Booking slots: a job that fits no slot makes the problem unschedulable (nil, not a crash).
    func testNoSlotIsUnschedulable() throws {
        var job = Job(duration: 3, resource: 0)
        job.slots = [0...1, 4...5]
        let p = SchedulingProblem(
            jobs: [job], resources: [Resource(capacity: 1)], precedences: [],
            cost: ScheduleCostModel(makespanCost: { $0 + 1 }, allowExtra: false), horizonLimit: 20)
        XCTAssertNil(try ProblemSolver(problem: p, solver: GLPKSolver(), options: ScheduleOptions(), backendName: nil).solve())
    }

    /// The MILP model is solver-neutral: it can be written as LP text (for other solvers) without GLPK.
    func testFormulationWritesAsLP() throws {
        let p = Self.randomProblem(seed: 3)
        let f = try XCTUnwrap(TimeIndexedFormulation(p, lastDay: 10))
        let text = try LPWriter().render(f.model)
        XCTAssertTrue(text.contains("Minimize") || text.contains("minimize"), String(text.prefix(200)))
        XCTAssertEqual(f.model.integerVariableCount, f.starts.count + f.model.variables.filter { $0.kind == .integer }.count)
    }
}
