// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MILP
import XCTest

final class ModelWriterTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "connplan-writer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testFormatFromExtension() {
        XCTAssertEqual(ModelFileFormat(path: "/a/b/model.lp"), .lp)
        XCTAssertEqual(ModelFileFormat(path: "model.MPS"), .mps)
        XCTAssertNil(ModelFileFormat(path: "model.txt"))
        XCTAssertNil(ModelFileFormat(path: "lp"))
    }

    func testWriteModelPicksTheFormatAndIsDeterministic() throws {
        for format in ModelFileFormat.allCases {
            let first = folder + "/first.\(format.rawValue)"
            let second = folder + "/second.\(format.rawValue)"
            try writeModel(SampleModels.allFeatures, to: first)
            // Built again from scratch: equal models give equal bytes.
            try writeModel(SampleModels.allFeatures, to: second)
            let a = try Data(contentsOf: URL(fileURLWithPath: first))
            let b = try Data(contentsOf: URL(fileURLWithPath: second))
            XCTAssertEqual(a, b, "\(format)")
            XCTAssertEqual(String(decoding: a, as: UTF8.self), try format.writer.render(SampleModels.allFeatures))
        }
    }

    func testWriteModelRejectsUnknownExtensionAndInvalidModels() {
        XCTAssertThrowsError(try writeModel(SampleModels.allFeatures, to: folder + "/model.txt")) { error in
            guard case .io? = error as? MILPError else { return XCTFail("\(error)") }
        }
        var invalid = Model()
        invalid.addVariable("x", lowerBound: 2, upperBound: 1)
        let path = folder + "/invalid.lp"
        XCTAssertThrowsError(try writeModel(invalid, to: path)) { error in
            XCTAssertEqual(error as? MILPError, .invertedBounds(variable: "x", lower: 2, upper: 1))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing is written for an invalid model")
    }

    func testLongObjectivesAreWrappedWithSignsFirst() throws {
        var model = Model(name: "long")
        let x = (0..<60).map { model.addVariable("variable_with_a_long_name_\($0)") }
        model.objective = LinearExpression(x.map { Term($0, -1.25) })
        model.addConstraint("sum", LinearExpression(x.map { Term($0, 1) }), .lessOrEqual, 10)
        let text = try LPWriter().render(model)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 255 }, "CPLEX LP lines stay short")
        // A continuation line starts with a sign, never with a name that could be a keyword.
        let continuations = lines.filter { $0.hasPrefix("    ") }
        XCTAssertFalse(continuations.isEmpty)
        XCTAssertTrue(continuations.allSatisfy { $0.hasPrefix("    + ") || $0.hasPrefix("    - ") })
    }

    func testNumbersReadBackExactly() throws {
        var model = Model(name: "numbers")
        let values: [Double] = [0.1, 1e-7, 123456789.123, 2.5e20, 1.0 / 3.0, 7]
        let x = values.indices.map { model.addVariable("x\($0)") }
        model.objective = LinearExpression(zip(x, values).map { Term($0, $1) })
        let text = try LPWriter().render(model)
        let objectiveLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix(" obj:") })
        let numbers = objectiveLine.split(separator: " ").compactMap { Double($0) }
        XCTAssertEqual(numbers, [0.1, 1e-7, 123456789.123, 2.5e20, 1.0 / 3.0, 7])
        XCTAssertFalse(objectiveLine.contains("7.0"), "integers are written without a decimal point")
    }

    func testMaximisationIsNegatedInMPSOnly() throws {
        var model = Model(name: "max")
        model.objectiveSense = .maximize
        let x = model.addVariable("x", lowerBound: 0, upperBound: 1)
        model.objective = LinearExpression([Term(x, 3)], constant: 2)
        let mps = try MPSWriter().render(model)
        XCTAssertTrue(mps.contains(" x obj -3\n"))
        XCTAssertTrue(mps.contains(" obj_constant obj -2\n"))
        XCTAssertFalse(mps.contains("OBJSENSE"), "GLPK 5.0 rejects an OBJSENSE section")
        let lp = try LPWriter().render(model)
        XCTAssertTrue(lp.contains("Maximize\n obj: + 3 x + 2 obj_constant\n"))
    }
}
