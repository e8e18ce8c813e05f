// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GLPKBackend
import MILP
import XCTest

/// Behaviour beyond the conformance optima: limits, stopping, starts, progress, gaps, invalid input.
/// No assertion depends on how fast the machine is.
final class GLPKSolverTests: XCTestCase {
    let solver = GLPKSolver()

    /// Market split 4×30, seed 7: optimum 2 (by meet-in-the-middle), LP relaxation 0. Proving
    /// that no solution of value 0 or 1 exists takes GLPK minutes, so a short limit always stops it.
    static let hard = MarketSplit(rows: 4, columns: 30, seed: 7)
    static let hardOptimum = 2.0

    func testMeetInTheMiddleOracleAgreesWithEnumeration() {
        // Small enough to enumerate: 2^12 points, minimum L1 residual computed directly.
        for seed in UInt64(1)...UInt64(5) {
            let instance = MarketSplit(rows: 3, columns: 12, seed: seed)
            var best = Int.max
            for mask in 0..<(1 << 12) {
                var residual = 0
                for (row, d) in zip(instance.coefficients, instance.rightHandSides) {
                    let sum = row.indices.reduce(0) { mask & (1 << $1) != 0 ? $0 + row[$1] : $0 }
                    residual += abs(d - sum)
                }
                best = min(best, residual)
            }
            XCTAssertEqual(instance.optimum(searchingUpTo: 200), best, "seed \(seed)")
        }
        XCTAssertEqual(Self.hard.optimum().map(Double.init), Self.hardOptimum)
    }

    func testTimeLimitOnHardInstanceStopsWithValidBound() throws {
        for presolve in [false, true] {
            let solution = try solver.solve(Self.hard.model, options: SolveOptions(timeLimitSeconds: 1, presolve: presolve))
            let label = "presolve \(presolve)"
            XCTAssertTrue([.feasible, .noSolutionWithinTimeLimit].contains(solution.status), "\(label): \(solution.status)")
            XCTAssertTrue(solution.log.contains("GLP_ETMLIM"), label)
            assertConsistent(solution, model: Self.hard.model, optimum: Self.hardOptimum, label: label)
            if !presolve {
                // Without presolve the LP relaxation (value 0) is solved first and is itself a bound.
                XCTAssertNotNil(solution.bestBound, label)
            }
        }
    }

    func testZeroTimeLimitIsAResultNotAnError() throws {
        let solution = try solver.solve(Self.hard.model, options: SolveOptions(timeLimitSeconds: 0))
        XCTAssertTrue([.feasible, .noSolutionWithinTimeLimit].contains(solution.status), "\(solution.status)")
        assertConsistent(solution, model: Self.hard.model, optimum: Self.hardOptimum, label: "zero limit")
    }

    func testStopFlagEndsTheSearch() throws {
        let flag = StopFlag()
        let calls = Recorder<Int>()
        // The flag is raised from the progress callback once 200 nodes exist; the long time
        // limit only keeps a broken stop from hanging the suite, and the log proves which ended it.
        let options = SolveOptions(
            timeLimitSeconds: 600,
            progress: { progress in
                calls.append(progress.nodeCount)
                if progress.nodeCount >= 200 { flag.stop() }
            },
            progressIntervalSeconds: 0, stopFlag: flag)
        let solution = try solver.solve(Self.hard.model, options: options)
        XCTAssertTrue(flag.isStopped)
        XCTAssertTrue(solution.log.contains("glp_intopt → GLP_ESTOP"), solution.log)
        XCTAssertFalse(solution.log.contains("GLP_ETMLIM"))
        XCTAssertTrue([.feasible, .noSolutionWithinTimeLimit].contains(solution.status))
        assertConsistent(solution, model: Self.hard.model, optimum: Self.hardOptimum, label: "stopped")
        XCTAssertGreaterThanOrEqual(solution.nodeCount ?? 0, 200)
    }

    func testStopBeforeStartReturnsTheCheckedInitialSolution() throws {
        let model = Self.hard.model
        let start = allZeroStart(Self.hard)
        let flag = StopFlag()
        flag.stop()
        // With presolve the start cannot be offered to GLPK; it must still come back.
        let solution = try solver.solve(model, options: SolveOptions(initialSolution: start, stopFlag: flag, presolve: true))
        XCTAssertEqual(solution.status, .feasible, solution.log)
        XCTAssertLessThanOrEqual(solution.objectiveValue ?? .infinity, model.objectiveValue(at: start) + 1e-9)
        XCTAssertEqual(model.violations(of: solution.values), [])
        XCTAssertTrue(solution.log.contains("GLP_ESTOP"), solution.log)
    }

    func testInitialSolutionIsOfferedAndAccepted() throws {
        let model = Self.hard.model
        let start = allZeroStart(Self.hard)
        let solution = try solver.solve(model, options: SolveOptions(timeLimitSeconds: 0.5, initialSolution: start))
        XCTAssertTrue(solution.log.contains("initial solution accepted by glp_ios_heur_sol"), solution.log)
        XCTAssertEqual(solution.status, .feasible)
        XCTAssertLessThanOrEqual(solution.objectiveValue ?? .infinity, model.objectiveValue(at: start) + 1e-9)
    }

    func testInfeasibleInitialSolutionIsNotUsed() throws {
        let testCase = ConformanceCases.knapsack
        // Every item taken: far over capacity.
        let start = [Double](repeating: 1, count: testCase.model.variables.count)
        let solution = try solver.solve(testCase.model, options: SolveOptions(initialSolution: start))
        XCTAssertTrue(solution.log.contains("initial solution not used"), solution.log)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.objectiveValue ?? .nan, testCase.optimum!, accuracy: 1e-9)
    }

    func testInitialSolutionOfWrongLengthOrNaNThrows() {
        let model = ConformanceCases.knapsack.model
        XCTAssertThrowsError(try solver.solve(model, options: SolveOptions(initialSolution: [1, 0]))) { error in
            XCTAssertEqual(error as? MILPError, .initialSolutionLength(expected: 6, got: 2))
        }
        var start = [Double](repeating: 0, count: 6)
        start[3] = .nan
        XCTAssertThrowsError(try solver.solve(model, options: SolveOptions(initialSolution: start))) { error in
            guard case .invalidOption(let name, _, _)? = error as? MILPError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "initialSolution[3]")
        }
    }

    func testProgressReportsAreConsistentAndThrottled() throws {
        let reports = Recorder<SolveProgress>()
        _ = try solver.solve(
            Self.hard.model,
            options: SolveOptions(
                timeLimitSeconds: 0.5, progress: { reports.append($0) }, progressIntervalSeconds: 0))
        let seen = reports.elements
        XCTAssertFalse(seen.isEmpty)
        for (previous, next) in zip(seen, seen.dropFirst()) {
            XCTAssertLessThanOrEqual(previous.nodeCount, next.nodeCount)
            XCTAssertLessThanOrEqual(previous.elapsedSeconds, next.elapsedSeconds)
        }
        for report in seen {
            if let bound = report.bestBound {
                XCTAssertLessThanOrEqual(bound, Self.hardOptimum + 1e-9)
                if let incumbent = report.incumbent { XCTAssertLessThanOrEqual(bound, incumbent + 1e-9) }
            }
        }
        // An interval longer than the solve allows no report at all.
        let none = Recorder<SolveProgress>()
        _ = try solver.solve(
            Self.hard.model,
            options: SolveOptions(
                timeLimitSeconds: 0.3, progress: { none.append($0) }, progressIntervalSeconds: 1e9))
        XCTAssertTrue(none.elements.isEmpty)
    }

    func testRelativeGapIsHonouredAndBoundIsValid() throws {
        let knapsack = RandomKnapsack(items: 40, seed: 11, name: "gap knapsack")
        let optimum = knapsack.optimum
        for gap in [0.0, 0.02] {
            let solution = try solver.solve(knapsack.model, options: SolveOptions(relativeGap: gap))
            XCTAssertEqual(solution.status, .optimal)
            let objective = try XCTUnwrap(solution.objectiveValue)
            let bound = try XCTUnwrap(solution.bestBound)
            // Maximising: objective ≤ optimum ≤ bound.
            XCTAssertLessThanOrEqual(objective, optimum + 1e-6)
            XCTAssertGreaterThanOrEqual(bound, optimum - 1e-6)
            XCTAssertLessThanOrEqual(try XCTUnwrap(solution.relativeGap), gap + 1e-9)
            XCTAssertEqual(solution.relativeGap ?? .nan, abs(objective - bound) / max(abs(objective), 1e-9), accuracy: 1e-12)
            XCTAssertEqual(knapsack.model.violations(of: solution.values), [])
            if gap == 0 { XCTAssertEqual(objective, optimum, accuracy: 1e-6) }
            if gap > 0 {
                // This instance stops on the gap (GLPK 5.0 is deterministic); the bound then comes
                // from the open subproblems, not from the incumbent.
                XCTAssertTrue(solution.log.contains("glp_intopt → GLP_EMIPGAP"), solution.log)
                XCTAssertGreaterThan(bound, objective)
            }
        }
    }

    func testInvalidModelsThrowBeforeReachingGLPK() {
        // Each of these would make GLPK abort() the test process if it reached C.
        var unknown = Model(name: "unknown variable")
        _ = unknown.addVariable("x")
        unknown.addConstraint("row", LinearExpression([Term(VariableID(5), 1)]), .lessOrEqual, 1)
        assertThrows(unknown, SolveOptions()) { if case .unknownVariable(row: "row", index: 5) = $0 { true } else { false } }

        var nanCoefficient = Model(name: "nan")
        let x = nanCoefficient.addVariable("x")
        nanCoefficient.objective = LinearExpression([Term(x, .nan)])
        assertThrows(nanCoefficient, SolveOptions()) {
            if case .nonFiniteCoefficient(row: "objective", variable: "x", _) = $0 { true } else { false }
        }

        var inverted = Model(name: "inverted")
        inverted.addVariable("y", lowerBound: 3, upperBound: 1)
        assertThrows(inverted, SolveOptions()) { $0 == .invertedBounds(variable: "y", lower: 3, upper: 1) }

        var infiniteBound = Model(name: "infinite")
        infiniteBound.addVariable("z", lowerBound: -.infinity, upperBound: nil)
        assertThrows(infiniteBound, SolveOptions()) { $0 == .nonFiniteBound(variable: "z", value: -.infinity) }

        var infiniteRHS = Model(name: "rhs")
        let w = infiniteRHS.addVariable("w")
        infiniteRHS.addConstraint("cap", LinearExpression([Term(w, 1)]), .lessOrEqual, .infinity)
        assertThrows(infiniteRHS, SolveOptions()) { $0 == .nonFiniteRightHandSide(row: "cap", value: .infinity) }

        let fine = ConformanceCases.knapsack.model
        assertThrows(fine, SolveOptions(relativeGap: -0.1)) {
            if case .invalidOption(name: "relativeGap", _, _) = $0 { true } else { false }
        }
        assertThrows(fine, SolveOptions(relativeGap: .nan)) {
            if case .invalidOption(name: "relativeGap", _, _) = $0 { true } else { false }
        }
        assertThrows(fine, SolveOptions(timeLimitSeconds: -1)) {
            if case .invalidOption(name: "timeLimitSeconds", _, _) = $0 { true } else { false }
        }
        assertThrows(fine, SolveOptions(timeLimitSeconds: .infinity)) {
            if case .invalidOption(name: "timeLimitSeconds", _, _) = $0 { true } else { false }
        }
    }

    func testHugeTimeLimitIsClampedNotRejected() throws {
        let solution = try solver.solve(ConformanceCases.knapsack.model, options: SolveOptions(timeLimitSeconds: 1e12))
        XCTAssertEqual(solution.status, .optimal)
    }

    func testVersionAndLog() throws {
        XCTAssertTrue(GLPKSolver.version().hasPrefix("5."), GLPKSolver.version())
        let first = try solver.solve(ConformanceCases.assignment.model, options: SolveOptions())
        XCTAssertTrue(first.log.contains("GLPK Integer Optimizer"), first.log)
        XCTAssertTrue(first.log.contains("solving 'assignment' with GLPK \(GLPKSolver.version())"))
        XCTAssertTrue(first.log.contains("glp_mip_status → GLP_OPT"))
        // Each solve has its own log.
        let second = try solver.solve(ConformanceCases.lpOnly.model, options: SolveOptions())
        XCTAssertTrue(second.log.contains("solving 'wyndor'"))
        XCTAssertFalse(second.log.contains("assignment"))
        XCTAssertFalse(second.log.contains("Integer Optimizer"), "an LP needs no branch-and-bound")
    }

    func testGLPKOutputGoesToTheLogNotToStandardOutput() throws {
        let capture = NSTemporaryDirectory() + "connplan-stdout-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: capture, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: capture) }
        fflush(nil)  // all C streams; `stdout` itself is not concurrency-safe in Swift 6
        let saved = dup(STDOUT_FILENO)
        let file = open(capture, O_WRONLY)
        dup2(file, STDOUT_FILENO)
        close(file)
        let solution = try? solver.solve(ConformanceCases.facilityLocation.model, options: SolveOptions())
        fflush(nil)  // all C streams; `stdout` itself is not concurrency-safe in Swift 6
        dup2(saved, STDOUT_FILENO)
        close(saved)
        let printed = try String(contentsOfFile: capture, encoding: .utf8)
        XCTAssertEqual(printed, "")
        XCTAssertTrue(solution?.log.contains("INTEGER OPTIMAL SOLUTION FOUND") ?? false)
    }

    func testSolveInsideProgressCallbackNests() throws {
        let inner = Recorder<Solution>()
        let outer = try solver.solve(
            Self.hard.model,
            options: SolveOptions(
                timeLimitSeconds: 0.3,
                progress: { _ in
                    if inner.elements.isEmpty, let solution = try? GLPKSolver().solve(ConformanceCases.assignment.model) {
                        inner.append(solution)
                    }
                },
                progressIntervalSeconds: 0))
        let nested = try XCTUnwrap(inner.elements.first)
        XCTAssertEqual(nested.status, .optimal)
        XCTAssertEqual(nested.objectiveValue ?? .nan, 5, accuracy: 1e-9)
        XCTAssertTrue(nested.log.contains("solving 'assignment'"))
        XCTAssertFalse(outer.log.contains("solving 'assignment'"), "the inner solve's output goes to the inner log")
        XCTAssertTrue([.feasible, .noSolutionWithinTimeLimit].contains(outer.status))
    }

    // MARK: Helpers

    /// x = 0 with slacks s⁺ = d: feasible, objective Σ d.
    private func allZeroStart(_ instance: MarketSplit) -> [Double] {
        var start = [Double](repeating: 0, count: instance.coefficients[0].count)
        for d in instance.rightHandSides { start += [Double(d), 0] }
        return start
    }

    /// Invariants of any minimisation result against a known optimum.
    private func assertConsistent(
        _ solution: Solution, model: Model, optimum: Double, label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        if let bound = solution.bestBound {
            XCTAssertLessThanOrEqual(bound, optimum + 1e-6, "\(label): a lower bound above the optimum", file: file, line: line)
            XCTAssertGreaterThanOrEqual(bound, -1e-6, "\(label): weaker than the LP relaxation (0)", file: file, line: line)
        }
        switch solution.status {
        case .feasible:
            let objective = solution.objectiveValue ?? .nan
            XCTAssertGreaterThanOrEqual(objective, optimum - 1e-6, label, file: file, line: line)
            XCTAssertEqual(model.violations(of: solution.values), [], label, file: file, line: line)
            XCTAssertEqual(model.objectiveValue(at: solution.values), objective, accuracy: 1e-9, label, file: file, line: line)
            if let bound = solution.bestBound {
                XCTAssertEqual(
                    solution.relativeGap ?? .nan, abs(objective - bound) / max(abs(objective), 1e-9), accuracy: 1e-12,
                    label, file: file, line: line)
            }
        case .noSolutionWithinTimeLimit:
            XCTAssertNil(solution.objectiveValue, label, file: file, line: line)
            XCTAssertTrue(solution.values.isEmpty, label, file: file, line: line)
            XCTAssertNil(solution.relativeGap, label, file: file, line: line)
        default:
            XCTFail("\(label): unexpected status \(solution.status)", file: file, line: line)
        }
    }

    private func assertThrows(
        _ model: Model, _ options: SolveOptions, file: StaticString = #filePath, line: UInt = #line,
        _ matches: (MILPError) -> Bool
    ) {
        XCTAssertThrowsError(try solver.solve(model, options: options), model.name, file: file, line: line) { error in
            guard let error = error as? MILPError else { return XCTFail("not a MILPError: \(error)", file: file, line: line) }
            XCTAssertTrue(matches(error), "\(model.name): \(error)", file: file, line: line)
        }
    }
}
