// SPDX-License-Identifier: GPL-3.0-or-later
import MILP
import XCTest

final class ModelValidationTests: XCTestCase {
    func testValidModelHasNoErrors() throws {
        XCTAssertEqual(SampleModels.allFeatures.validationErrors(), [])
        XCTAssertNoThrow(try SampleModels.allFeatures.validate())
        XCTAssertEqual(Model().validationErrors(), [], "an empty model is valid")
    }

    func testEveryProblemIsReportedInModelOrder() {
        var model = Model(name: "broken")
        let x = model.addVariable("x", lowerBound: .nan, upperBound: 1)
        model.addVariable("y", lowerBound: 5, upperBound: 2)
        model.addVariable("", lowerBound: nil, upperBound: .infinity)
        model.objective = LinearExpression([Term(x, .infinity), Term(VariableID(9), 1)], constant: .nan)
        model.addConstraint("row", LinearExpression([Term(VariableID(-1), 1), Term(x, -.infinity)]), .lessOrEqual, 1)
        model.addConstraint("rhs", LinearExpression([Term(x, 1)], constant: .infinity), .equal, 0)
        model.addConstraint("", LinearExpression([Term(x, 1)]), .greaterOrEqual, .nan)

        let errors = model.validationErrors()
        XCTAssertEqual(errors.count, 10, errors.map(\.description).joined(separator: "\n"))
        guard errors.count == 10 else { return }
        guard case .nonFiniteBound("x", let nanBound) = errors[0], nanBound.isNaN else { return XCTFail("\(errors[0])") }
        XCTAssertEqual(errors[1], .invertedBounds(variable: "y", lower: 5, upper: 2))
        XCTAssertEqual(errors[2], .nonFiniteBound(variable: "x#2", value: .infinity))
        XCTAssertEqual(errors[3], .nonFiniteCoefficient(row: "objective", variable: "x", value: .infinity))
        XCTAssertEqual(errors[4], .unknownVariable(row: "objective", index: 9))
        guard case .nonFiniteCoefficient("objective", "constant", let constant) = errors[5], constant.isNaN else {
            return XCTFail("\(errors[5])")
        }
        XCTAssertEqual(errors[6], .unknownVariable(row: "row", index: -1))
        XCTAssertEqual(errors[7], .nonFiniteCoefficient(row: "row", variable: "x", value: -.infinity))
        XCTAssertEqual(errors[8], .nonFiniteRightHandSide(row: "rhs", value: -.infinity))
        guard case .nonFiniteRightHandSide("c#2", let rhs) = errors[9], rhs.isNaN else { return XCTFail("\(errors[9])") }

        XCTAssertThrowsError(try model.validate()) { error in
            guard case .nonFiniteBound("x", _)? = error as? MILPError else { return XCTFail("\(error)") }
        }
    }

    func testOptionsAreValidatedWithTheModel() {
        var model = Model()
        model.addVariable("a")
        model.addVariable("b")
        let options = SolveOptions(
            timeLimitSeconds: -1, relativeGap: .nan, initialSolution: [1, .infinity, 2], progressIntervalSeconds: .infinity)
        let errors = model.validationErrors(for: options)
        let names = errors.compactMap { error -> String? in
            if case .invalidOption(let name, _, _) = error { return name }
            return nil
        }
        XCTAssertEqual(names, ["relativeGap", "timeLimitSeconds", "progressIntervalSeconds", "initialSolution[1]"])
        XCTAssertTrue(errors.contains(.initialSolutionLength(expected: 2, got: 3)))
        XCTAssertNoThrow(try model.validate(for: SolveOptions(timeLimitSeconds: 0, relativeGap: 0, initialSolution: [0, 0])))
    }

    func testMessagesStateCauseAndFix() {
        XCTAssertEqual(
            MILPError.invalidOption(name: "relativeGap", value: "-1", requirement: "a finite number ≥ 0").description,
            "option 'relativeGap' is -1; it must be a finite number ≥ 0")
        XCTAssertTrue(MILPError.nonFiniteBound(variable: "x", value: .infinity).description.contains("use nil"))
    }
}
