// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPK
import MILP
import XCTest

@testable import GLPKBackend

/// The status table and the bound mapping, without solving anything.
final class GLPKStatusTests: XCTestCase {
    func testEveryDocumentedCodeHasExactlyOneEntry() {
        let documented: [GLPKRoutine: [Int32]] = [
            .simplex: [
                0, GLP_EBADB, GLP_ESING, GLP_ECOND, GLP_EBOUND, GLP_EFAIL, GLP_EOBJLL, GLP_EOBJUL, GLP_EITLIM,
                GLP_ETMLIM, GLP_ENOPFS, GLP_ENODFS,
            ],
            .basicStatus: [GLP_OPT, GLP_FEAS, GLP_INFEAS, GLP_NOFEAS, GLP_UNBND, GLP_UNDEF],
            .intopt: [0, GLP_EBOUND, GLP_EROOT, GLP_ENOPFS, GLP_ENODFS, GLP_EFAIL, GLP_EMIPGAP, GLP_ETMLIM, GLP_ESTOP],
            .mipStatus: [GLP_UNDEF, GLP_OPT, GLP_FEAS, GLP_NOFEAS],
        ]
        for (routine, codes) in documented {
            for code in codes {
                let matches = GLPKStatusTable.entries.filter { $0.routine == routine && $0.code == code }
                XCTAssertEqual(matches.count, 1, "\(routine.rawValue) code \(code)")
                XCTAssertFalse(matches.first?.manual.isEmpty ?? true)
            }
            XCTAssertEqual(GLPKStatusTable.entries.filter { $0.routine == routine }.count, codes.count, routine.rawValue)
        }
    }

    func testVerdictsThatDecideStatuses() {
        XCTAssertEqual(GLPKStatusTable.entry(.intopt, GLP_ETMLIM).verdict, .stopped)
        XCTAssertEqual(GLPKStatusTable.entry(.intopt, GLP_ESTOP).verdict, .stopped)
        XCTAssertEqual(GLPKStatusTable.entry(.intopt, GLP_EMIPGAP).verdict, .optimalWithinGap)
        XCTAssertEqual(GLPKStatusTable.entry(.intopt, GLP_ENOPFS).verdict, .infeasible)
        XCTAssertEqual(GLPKStatusTable.entry(.intopt, GLP_ENODFS).verdict, .unbounded)
        XCTAssertEqual(GLPKStatusTable.entry(.mipStatus, GLP_OPT).verdict, .optimal)
        XCTAssertEqual(GLPKStatusTable.entry(.mipStatus, GLP_NOFEAS).verdict, .infeasible)
        XCTAssertEqual(GLPKStatusTable.entry(.basicStatus, GLP_UNBND).verdict, .unbounded)
        XCTAssertEqual(GLPKStatusTable.entry(.simplex, GLP_ETMLIM).verdict, .stopped)
        // A code GLPK does not document fails loudly instead of being guessed.
        XCTAssertEqual(GLPKStatusTable.entry(.intopt, 999).verdict, .failed)
    }

    func testIntegerBoundsAreRoundedInwards() {
        func column(_ kind: VariableKind, _ lower: Double?, _ upper: Double?) -> GLPKBounds? {
            GLPKBounds.column(Variable(name: "v", kind: kind, lowerBound: lower, upperBound: upper))
        }
        XCTAssertEqual(column(.integer, 0.2, 3.7), .double(1, 3))
        XCTAssertEqual(column(.integer, -2.5, nil), .lower(-2))
        XCTAssertEqual(column(.integer, nil, -0.5), .upper(-1))
        XCTAssertEqual(column(.integer, 1.5, 2.5), .fixed(2), "one integer left: fixed, never GLP_DB with lb = ub")
        XCTAssertEqual(column(.integer, 1.9999999999999, 3.0000000000001), .double(2, 3), "float noise is not a fraction")
        XCTAssertNil(column(.integer, 0.2, 0.8), "no integer in range")
        XCTAssertEqual(column(.continuous, 0.2, 0.8), .double(0.2, 0.8))
        XCTAssertEqual(column(.continuous, 4, 4), .fixed(4), "GLPK rejects GLP_DB with lb = ub")
        XCTAssertEqual(column(.continuous, nil, nil), .free)
        XCTAssertEqual(column(.binary, 0, 1), .double(0, 1))
    }

    func testRowBoundsMoveTheConstantRight() {
        let row = Constraint(name: "r", expression: LinearExpression([], constant: 2), sense: .lessOrEqual, rightHandSide: 5)
        XCTAssertEqual(GLPKBounds.row(row), .upper(3))
        let equal = Constraint(name: "e", expression: LinearExpression([], constant: -1), sense: .equal, rightHandSide: 5)
        XCTAssertEqual(GLPKBounds.row(equal), .fixed(6))
    }
}
