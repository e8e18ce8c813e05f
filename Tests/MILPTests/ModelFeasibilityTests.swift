// SPDX-License-Identifier: GPL-3.0-or-later
import MILP
import XCTest

final class ModelFeasibilityTests: XCTestCase {
    /// x integer in [0, 5], y in [−1, 1]; x + 2y ≤ 4 (with constant 1 on the left: x + 2y + 1 ≤ 5); x − y = 1.
    private var model: Model {
        var model = Model(name: "check")
        let x = model.addVariable("x", kind: .integer, lowerBound: 0, upperBound: 5)
        let y = model.addVariable("y", lowerBound: -1, upperBound: 1)
        model.objective = LinearExpression([Term(x, 2), Term(y, -1)], constant: 10)
        model.addConstraint("cap", LinearExpression([Term(x, 1), Term(y, 2)], constant: 1), .lessOrEqual, 5)
        model.addConstraint("link", LinearExpression([Term(x, 1), Term(y, -1)]), .equal, 1)
        return model
    }

    func testFeasiblePoint() {
        XCTAssertEqual(model.violations(of: [2, 1]), [])
        XCTAssertEqual(model.objectiveValue(at: [2, 1]), 13)
        XCTAssertEqual(model.violations(of: [2 + 1e-9, 1]), [], "within tolerance")
    }

    func testEachKindOfViolation() {
        let found = model.violations(of: [6.5, -2])
        XCTAssertEqual(found.map(\.kind), [.upperBound, .integrality, .lowerBound, .constraint])
        XCTAssertEqual(found.map(\.name), ["x", "x", "y", "link"])
        XCTAssertEqual(found[0].amount, 1.5, accuracy: 1e-12)
        XCTAssertEqual(found[3].amount, 7.5, accuracy: 1e-12)  // 6.5 + 2 − 1
        XCTAssertEqual(model.violations(of: [3, 1]).map(\.name), ["cap", "link"])  // 3 + 2 = 5 > 4; 3 − 1 = 2 ≠ 1
    }

    func testMalformedInput() {
        XCTAssertEqual(model.violations(of: [1]).map(\.kind), [.malformed])
        XCTAssertEqual(model.violations(of: [.nan, 0]).first?.kind, .malformed)
        var broken = model
        broken.addConstraint("bad", LinearExpression([Term(VariableID(7), 1)]), .lessOrEqual, 1)
        XCTAssertEqual(broken.violations(of: [2, 1]).map(\.kind), [.malformed], "an invalid model is not evaluated")
    }
}
