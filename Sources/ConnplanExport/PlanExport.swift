// SPDX-License-Identifier: GPL-3.0-or-later
//
// Exports of a plan for other tools (GeoJSONExport, EPANETExport, PandapipesExport), and the
// exports' one error.

import ConnplanCore

/// One file format for a plan, for another tool. One type per format.
public protocol PlanExport {
    /// Which utilities the format can describe.
    var utilities: Set<Utility> { get }
    /// The file's text; throws `ExportError` for a plan it cannot describe.
    func export(scenario: Scenario, plan: Plan) throws -> String
}

/// The one public error of the exports.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// The format cannot describe a plan of this utility.
    case wrongUtility(format: String, utility: Utility, use: String)

    public var description: String {
        switch self {
        case .wrongUtility(let format, let utility, let use):
            return "the \(format) format cannot describe a \(utility.rawValue) plan; \(use)"
        }
    }
}
