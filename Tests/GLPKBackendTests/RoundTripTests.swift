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

    func testGLPKReadsBackTheSameColumnsAndRows() throws {
        let original = ConformanceCases.facilityLocation.model
        for format in ModelFileFormat.allCases {
            let path = folder + "/facility.\(format.rawValue)"
            try writeModel(original, to: path)
            let read = try GLPKSolver.readModel(path: path)
            let names = ModelNames(original)
            XCTAssertEqual(Set(read.variables.map(\.name)), Set(names.variables), "\(format)")
            XCTAssertEqual(read.constraints.map(\.name), names.constraints, "\(format)")
            for (index, variable) in original.variables.enumerated() {
                let copy = try XCTUnwrap(read.variables.first { $0.name == names.variables[index] })
                XCTAssertEqual(copy.kind, variable.kind, "\(format) \(variable.name)")
                XCTAssertEqual(copy.lowerBound, variable.lowerBound, "\(format) \(variable.name)")
                XCTAssertEqual(copy.upperBound, variable.upperBound, "\(format) \(variable.name)")
            }
            for (constraint, copy) in zip(original.constraints, read.constraints) {
                XCTAssertEqual(copy.sense, constraint.sense, "\(format) \(constraint.name)")
                XCTAssertEqual(copy.rightHandSide, constraint.rightHandSide, "\(format) \(constraint.name)")
                XCTAssertEqual(copy.expression.terms.count, constraint.expression.normalized().terms.count)
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
