// SPDX-License-Identifier: GPL-3.0-or-later
import MILP

enum SampleModels {
    /// Every feature the writers handle: maximisation, objective and row constants, every bound
    /// shape, integer/binary/continuous columns, an empty row, and names that need sanitising.
    static var allFeatures: Model {
        var model = Model(name: "sample\nmodel")
        model.objectiveSense = .maximize
        let pipe = model.addVariable("管段 1", kind: .binary)
        let count = model.addVariable("count", kind: .integer, lowerBound: -3, upperBound: 7)
        let free = model.addVariable("free", lowerBound: nil, upperBound: nil)
        let fixed = model.addVariable("fixed", lowerBound: 2.5, upperBound: 2.5)
        let upper = model.addVariable("", lowerBound: nil, upperBound: 4)
        let ranged = model.addVariable("count", lowerBound: 0.1, upperBound: 1e-7 + 1)
        let unbounded = model.addVariable("e1", kind: .integer, lowerBound: nil, upperBound: nil)
        let onOff = model.addVariable("fixed on", kind: .binary)
        model.setBounds(onOff, lower: 1, upper: 1)
        model.objective = LinearExpression(
            [Term(pipe, 3), Term(count, -1.5), Term(free, 1), Term(pipe, 2), Term(ranged, 0.1), Term(unbounded, 1)],
            constant: -12.25)
        model.addConstraint("cap", LinearExpression([Term(pipe, 1), Term(count, 2), Term(upper, -1)], constant: 1), .lessOrEqual, 10)
        model.addConstraint("cap", LinearExpression([Term(free, 1), Term(fixed, 1)]), .greaterOrEqual, -2)
        model.addConstraint("obj", LinearExpression([Term(unbounded, 1), Term(count, -1), Term(onOff, 1)]), .equal, 0)
        model.addConstraint("", LinearExpression(), .lessOrEqual, 1)
        model.addConstraint("free", LinearExpression([Term(free, 1), Term(upper, 1)]), .lessOrEqual, 1e20)
        return model
    }
}
