// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GLPKBackend
import MILP
import XCTest

/// The Swift writers checked by a reader they share no code with: GLPK's glp_read_lp and
/// glp_read_mps must read every file back to a model with the same result.
final class RoundTripTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "connplan-roundtrip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testEveryConformanceCaseRoundTripsThroughGLPK() throws {
        let solver = GLPKSolver()
        for testCase in ConformanceCases.all + [namesCase, RandomKnapsack(items: 30, seed: 4, name: "k").asCase] {
            let direct = try solver.solve(testCase.model, options: SolveOptions(relativeGap: 0))
            XCTAssertEqual(direct.status, testCase.status, testCase.name)
            if let optimum = testCase.optimum {
                XCTAssertEqual(direct.objectiveValue ?? .nan, optimum, accuracy: 1e-6, testCase.name)
            }
            for format in ModelFileFormat.allCases {
                let path = folder + "/\(testCase.name.replacingOccurrences(of: " ", with: "_")).\(format.rawValue)"
                try writeModel(testCase.model, to: path)
                let read = try solver.solveFile(path: path, options: SolveOptions(relativeGap: 0))
                let label = "\(testCase.name) via \(format)"
                XCTAssertEqual(read.status, direct.status, label)
                guard let objective = direct.objectiveValue else { continue }
                // MPS has no portable objective sense: a maximisation is written negated.
                let sign: Double = format == .mps && testCase.model.objectiveSense == .maximize ? -1 : 1
                XCTAssertEqual(sign * (read.objectiveValue ?? .nan), objective, accuracy: 1e-6, label)
            }
        }
    }

    /// Column by column and row by row, GLPK reads what was meant: names, kinds, bounds,
    /// coefficients, senses and right-hand sides (constants moved right, MPS maximisation negated).
    func testGLPKReadsBackEveryColumnAndRow() throws {
        for testCase in ConformanceCases.all + [namesCase] {
            for format in ModelFileFormat.allCases {
                let path = folder + "/structure.\(format.rawValue)"
                try writeModel(testCase.model, to: path)
                assertSameModel(
                    testCase.model, try GLPKSolver.readModel(path: path), format: format, label: "\(testCase.name) via \(format)")
            }
        }
    }

    func testObjectiveConstantColumnCarriesTheConstant() throws {
        let testCase = ConformanceCases.objectiveConstant
        for format in ModelFileFormat.allCases {
            let path = folder + "/constant.\(format.rawValue)"
            try writeModel(testCase.model, to: path)
            let read = try GLPKSolver.readModel(path: path)
            let column = try XCTUnwrap(read.variables.first { $0.name == ModelNames.objectiveConstantColumn })
            XCTAssertEqual(column.lowerBound, 1)
            XCTAssertEqual(column.upperBound, 1)
            XCTAssertEqual(read.objective.constant, 0, "the constant travels as a column, read as \(format)")
        }
    }

    /// Files from elsewhere may hold what a `Model` cannot: a ranged row becomes two rows, and a
    /// second free (N) row, which constrains nothing, is dropped.
    func testRangedAndFreeRowsFromOtherWriters() throws {
        let path = folder + "/foreign.mps"
        try AtomicFile.write(
            """
            NAME foreign
            ROWS
             N cost
             N note
             L band
            COLUMNS
             x cost -1 band 1
             x note 5
             y cost -1 band 1
            RHS
             RHS band 8
            RANGES
             RNG band 6
            BOUNDS
             UP BND x 3
            ENDATA

            """, to: path)
        let model = try GLPKSolver.readModel(path: path)
        XCTAssertEqual(model.constraints.map(\.name), ["band_lo", "band_hi"])
        XCTAssertEqual(model.constraints.map(\.sense), [.greaterOrEqual, .lessOrEqual])
        XCTAssertEqual(model.constraints.map(\.rightHandSide), [2, 8])  // L row with range R: [rhs − |R|, rhs]
        let solution = try GLPKSolver().solve(model)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.objectiveValue ?? .nan, -8, accuracy: 1e-9)
    }

    func testUnreadableFilesThrowIOErrors() throws {
        let missing = folder + "/missing.lp"
        XCTAssertThrowsError(try GLPKSolver.readModel(path: missing)) { error in
            guard case .io(let path, _)? = error as? MILPError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing)
        }
        let garbage = folder + "/garbage.mps"
        try AtomicFile.write("this is not MPS\n", to: garbage)
        XCTAssertThrowsError(try GLPKSolver.readModel(path: garbage)) { error in
            guard case .io(_, let message)? = error as? MILPError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("MPS"), message)
        }
        XCTAssertThrowsError(try GLPKSolver.readModel(path: folder + "/model.txt")) { error in
            guard case .io? = error as? MILPError else { return XCTFail("\(error)") }
        }
    }

    private func assertSameModel(
        _ original: Model, _ read: Model, format: ModelFileFormat, label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let names = ModelNames(original)
        let negated = format == .mps && original.objectiveSense == .maximize
        let sign: Double = negated ? -1 : 1
        XCTAssertEqual(read.objectiveSense, negated ? .minimize : original.objectiveSense, label, file: file, line: line)
        var column: [String: Int] = [:]
        for (index, variable) in read.variables.enumerated() { column[variable.name] = index }
        let readObjective = Dictionary(read.objective.normalized().terms.map { ($0.variable.index, $0.coefficient) }, uniquingKeysWith: +)

        // Columns: the model's, plus obj_constant when the constant (or, in LP, an empty model) needs it.
        let needsConstant = original.objective.constant != 0 || (format == .lp && original.variables.isEmpty)
        XCTAssertEqual(read.variables.count, original.variables.count + (needsConstant ? 1 : 0), label, file: file, line: line)
        for (index, variable) in original.variables.enumerated() {
            guard let j = column[names.variables[index]] else {
                XCTFail("\(label): column \(names.variables[index]) missing", file: file, line: line)
                continue
            }
            let copy = read.variables[j]
            XCTAssertEqual(copy.kind == .continuous, variable.kind == .continuous, "\(label) \(variable.name)", file: file, line: line)
            XCTAssertEqual(copy.lowerBound, variable.lowerBound, "\(label) \(variable.name)", file: file, line: line)
            XCTAssertEqual(copy.upperBound, variable.upperBound, "\(label) \(variable.name)", file: file, line: line)
            let coefficient = original.objective.normalized().terms.first { $0.variable.index == index }?.coefficient ?? 0
            XCTAssertEqual(readObjective[j] ?? 0, sign * coefficient, "\(label) \(variable.name)", file: file, line: line)
        }
        if needsConstant, let j = column[ModelNames.objectiveConstantColumn] {
            XCTAssertEqual(read.variables[j].lowerBound, 1, label, file: file, line: line)
            XCTAssertEqual(read.variables[j].upperBound, 1, label, file: file, line: line)
            XCTAssertEqual(readObjective[j] ?? 0, sign * original.objective.constant, label, file: file, line: line)
        } else if needsConstant {
            XCTFail("\(label): obj_constant missing", file: file, line: line)
        }

        // Rows: the model's, in order, plus the placeholder an LP file needs when there are none.
        var expectedRows = names.constraints
        if format == .lp && original.constraints.isEmpty { expectedRows = [ModelNames.placeholderRow] }
        XCTAssertEqual(read.constraints.map(\.name), expectedRows, label, file: file, line: line)
        for (constraint, copy) in zip(original.constraints, read.constraints) {
            XCTAssertEqual(copy.sense, constraint.sense, "\(label) \(constraint.name)", file: file, line: line)
            XCTAssertEqual(
                copy.rightHandSide, constraint.rightHandSide - constraint.expression.constant,
                "\(label) \(constraint.name)", file: file, line: line)
            let expected = constraint.expression.normalized().terms.map { (names.variables[$0.variable.index], $0.coefficient) }
            let got = copy.expression.normalized().terms.map { (read.variables[$0.variable.index].name, $0.coefficient) }
            XCTAssertEqual(
                Dictionary(uniqueKeysWithValues: got), Dictionary(uniqueKeysWithValues: expected),
                "\(label) \(constraint.name)", file: file, line: line)
        }
    }

    /// Names that are illegal or clash in every format: spaces, Chinese, repeats, keywords, digits.
    private var namesCase: ConformanceCase {
        var model = Model(name: "名字 test")
        let a = model.addVariable("管段 1", kind: .integer, lowerBound: 0, upperBound: 3)
        let b = model.addVariable("管段 1", kind: .integer, lowerBound: 0, upperBound: 3)
        let c = model.addVariable("end", kind: .integer, lowerBound: 0, upperBound: 3)
        let d = model.addVariable("2nd", lowerBound: 0, upperBound: 2.5)
        model.objective = LinearExpression([Term(a, 1), Term(b, 2), Term(c, 3), Term(d, -1)])
        model.addConstraint("st", LinearExpression([Term(a, 1), Term(b, 1), Term(c, 1)]), .greaterOrEqual, 4)
        model.addConstraint("st", LinearExpression([Term(c, 1), Term(d, 1)]), .lessOrEqual, 3)
        // a + b + c ≥ 4 at cost 1, 2, 3: a = 3, b = 1 (cost 5), d = 2.5 (c = 0): 5 − 2.5 = 2.5.
        return ConformanceCase(name: "hostile names", model: model, status: .optimal, optimum: 2.5, oracle: "hand")
    }
}

extension RandomKnapsack {
    var asCase: ConformanceCase {
        ConformanceCase(name: "random knapsack", model: model, status: .optimal, optimum: optimum, oracle: "dynamic programming")
    }
}
