// SPDX-License-Identifier: GPL-3.0-or-later
import MILP
import XCTest

/// Writer output checked byte for byte against reviewed snapshots of `SampleModels.allFeatures`.
/// A change here is a change of file format: re-record on purpose, by reviewing the printed
/// output and pasting it in.
final class WriterSnapshotTests: XCTestCase {
    func testLPSnapshot() throws {
        let text = try LPWriter().render(SampleModels.allFeatures)
        XCTAssertEqual(text, Self.lp, "LP output changed; if on purpose, re-record:\n" + text)
    }

    func testMPSSnapshot() throws {
        let text = try MPSWriter().render(SampleModels.allFeatures)
        XCTAssertEqual(text, Self.mps, "MPS output changed; if on purpose, re-record:\n" + text)
    }

    static let lp = #"""
        \ Model sample_model: sample model
        \ Variables: 8 (4 integer); constraints: 5
        \ Objective constant -12.25 is carried by column obj_constant, fixed at 1
        Maximize
         obj: + 5 u7ba1u6bb5_1 - 1.5 count + _free + 0.1 count_2 + _e1 - 12.25 obj_constant
        Subject To
         cap: + u7ba1u6bb5_1 + 2 count - x4 <= 9
         cap_2: + _free + fixed >= -2
         obj_2: - count + _e1 + fixed_on = 0
         c3: 0 u7ba1u6bb5_1 <= 1
         _free: + _free + x4 <= 1e+20
        Bounds
         -3 <= count <= 7
         _free free
         fixed = 2.5
         -inf <= x4 <= 4
         0.1 <= count_2 <= 1.0000001
         _e1 free
         fixed_on = 1
         obj_constant = 1
        Generals
         count
         _e1
         fixed_on
        Binaries
         u7ba1u6bb5_1
        End

        """#

    static let mps = #"""
        * Model sample_model: sample model
        * Variables: 8 (4 integer); constraints: 5
        * Maximisation written as minimisation of the negated objective: the model's optimum is -(this file's optimum)
        * Objective constant -12.25 is carried by column obj_constant, fixed at 1
        NAME sample_model
        ROWS
         N obj
         L cap
         G cap_2
         E obj_2
         L c3
         L _free
        COLUMNS
         M1 'MARKER' 'INTORG'
         u7ba1u6bb5_1 obj -5
         u7ba1u6bb5_1 cap 1
         count obj 1.5
         count cap 2
         count obj_2 -1
         M2 'MARKER' 'INTEND'
         _free obj -1
         _free cap_2 1
         _free _free 1
         fixed cap_2 1
         x4 cap -1
         x4 _free 1
         count_2 obj -0.1
         M3 'MARKER' 'INTORG'
         _e1 obj -1
         _e1 obj_2 1
         fixed_on obj_2 1
         M4 'MARKER' 'INTEND'
         obj_constant obj 12.25
        RHS
         RHS cap 9
         RHS cap_2 -2
         RHS c3 1
         RHS _free 1e+20
        BOUNDS
         BV BND u7ba1u6bb5_1
         LO BND count -3
         UP BND count 7
         FR BND _free
         FX BND fixed 2.5
         MI BND x4
         UP BND x4 4
         LO BND count_2 0.1
         UP BND count_2 1.0000001
         MI BND _e1
         PL BND _e1
         FX BND fixed_on 1
         FX BND obj_constant 1
        ENDATA

        """#
}
