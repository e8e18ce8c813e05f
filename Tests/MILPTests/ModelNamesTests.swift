// SPDX-License-Identifier: GPL-3.0-or-later
import MILP
import XCTest

final class ModelNamesTests: XCTestCase {
    func testSanitisingRules() {
        XCTAssertEqual(ModelNames.sanitize("pipe[3].a-b c", fallback: "x"), "pipe_3__a_b_c")
        XCTAssertEqual(ModelNames.sanitize("管段", fallback: "x"), "u7ba1u6bb5", "non-ASCII keeps its code point")
        XCTAssertEqual(ModelNames.sanitize("", fallback: "x7"), "x7")
        XCTAssertEqual(ModelNames.sanitize("3way", fallback: "x"), "_3way")
        XCTAssertEqual(ModelNames.sanitize("e", fallback: "x"), "_e")
        XCTAssertEqual(ModelNames.sanitize("E12", fallback: "x"), "_E12")
        XCTAssertEqual(ModelNames.sanitize("edge", fallback: "x"), "edge", "only exponent-like names are prefixed")
        XCTAssertEqual(ModelNames.sanitize("Subject", fallback: "x"), "_Subject")
        XCTAssertEqual(ModelNames.sanitize("INF", fallback: "x"), "_INF")
        XCTAssertEqual(ModelNames.sanitize(String(repeating: "a", count: 1000), fallback: "x").count, 200)
    }

    func testNamesAreLegalAndUniquePerNamespace() {
        var model = Model(name: "")
        for name in ["a", "a", "a_2", "", "obj_constant", "管 段", "管_段"] { model.addVariable(name) }
        for name in ["obj", "no_constraints", "r", "r", ""] { model.addConstraint(name, LinearExpression(), .lessOrEqual, 1) }
        let names = ModelNames(model)
        XCTAssertEqual(names.model, "model")
        XCTAssertEqual(names.variables, ["a", "a_2", "a_2_2", "x3", "obj_constant_2", "u7ba1_u6bb5", "u7ba1_u6bb5_2"])
        XCTAssertEqual(names.constraints, ["obj_2", "no_constraints_2", "r", "r_2", "c4"])
        let legal = /[A-Za-z_][A-Za-z0-9_]*/
        for name in names.variables + names.constraints {
            XCTAssertNotNil(name.wholeMatch(of: legal), name)
            XCTAssertLessThanOrEqual(name.count, ModelNames.maximumLength)
        }
    }

    func testSameModelSameNames() {
        XCTAssertEqual(ModelNames(SampleModels.allFeatures), ModelNames(SampleModels.allFeatures))
    }
}
