// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The one public error of the MILP layer: the model cannot be handed to a solver.
public enum MILPError: Error, Sendable, Equatable, CustomStringConvertible {
    case nonFiniteCoefficient(row: String, variable: String, value: Double)
    case nonFiniteBound(variable: String, value: Double)
    case invertedBounds(variable: String, lower: Double, upper: Double)
    case unknownVariable(row: String, index: Int)
    case nonFiniteRightHandSide(row: String, value: Double)
    case initialSolutionLength(expected: Int, got: Int)
    case io(path: String, message: String)
    /// A `SolveOptions` value no solver can accept (NaN gap, negative time limit, ...).
    case invalidOption(name: String, value: String, requirement: String)
    /// The backend itself failed: library missing or too old, numerical breakdown with no solution to report.
    case backendFailure(backend: String, message: String)

    public var description: String {
        switch self {
        case let .nonFiniteCoefficient(row, variable, value):
            return "constraint '\(row)': coefficient of '\(variable)' is \(value); every coefficient must be finite"
        case let .nonFiniteBound(variable, value):
            return "variable '\(variable)': bound \(value) is not finite; use nil for 'unbounded'"
        case let .invertedBounds(variable, lower, upper):
            return "variable '\(variable)': lower bound \(lower) exceeds upper bound \(upper)"
        case let .unknownVariable(row, index):
            return "constraint '\(row)': refers to variable #\(index), which the model does not have"
        case let .nonFiniteRightHandSide(row, value):
            return "constraint '\(row)': right-hand side \(value) is not finite"
        case let .initialSolutionLength(expected, got):
            return "initial solution has \(got) values; the model has \(expected) variables"
        case let .io(path, message):
            return "\(path): \(message)"
        case let .invalidOption(name, value, requirement):
            return "option '\(name)' is \(value); it must be \(requirement)"
        case let .backendFailure(backend, message):
            return "\(backend): \(message)"
        }
    }
}

/// Minimal lock so that MILP depends on nothing but Foundation.
final class NSLockShim: @unchecked Sendable {
    private let lock = NSLock()
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
