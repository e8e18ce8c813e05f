// SPDX-License-Identifier: GPL-3.0-or-later
//
// Number and money text for the report: fixed formats, locale-independent, the same as the text
// output of `connplan plan` and `connplan costs`, so a figure can be found in either.

import ConnplanCore
import ConnplanPlanner
import Foundation

enum ReportText {
    /// Fixed-point text ("1.748"), never "-0.000".
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "inf" : "-inf") }
        let s = String(format: "%.\(decimals)f", x)
        return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
    }

    /// "55,947.45" from fen, exact.
    static func cny(_ fen: Fen) -> String { MoneyText.cny(fen) }

    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }

    /// Decimals for pressure (gas, kPa) or head (water, m), as `connplan plan` prints them.
    static func serviceDecimals(_ utility: Utility) -> Int { utility == .gas ? 3 : 2 }
    static func serviceUnit(_ utility: Utility) -> String { utility == .gas ? "kPa" : "m" }

    /// Total cost per household served, rounded to the fen (as `connplan plan` prints it).
    static func perHouseholdFen(_ plan: Plan) -> Fen {
        plan.households > 0 ? Fen((Double(plan.costs.totalFen) / Double(plan.households)).rounded()) : 0
    }

    /// The solver's verdict in one line, with the gap (and the bound when the plan is not proven cheapest).
    static func status(_ result: PlanningResult, reproducible: Bool) -> String {
        let sv = result.solver
        var head: String
        switch result.status {
        case .optimal:
            if let g = sv.relativeGap, g > 0 {
                head = "OPTIMAL within the requested gap: no plan is more than \(fixed(g * 100, 2)) % cheaper"
            } else {
                head = "OPTIMAL: the cheapest plan under the stated model"
            }
        case .feasible: head = "FEASIBLE, not proven cheapest"
        case .infeasible: head = "INFEASIBLE: no plan satisfies every constraint"
        case .noSolutionWithinTimeLimit: head = "NO PLAN found within the time limit"
        }
        var detail: [String] = []
        if let g = sv.relativeGap { detail.append("gap \(fixed(g * 100, 2)) %") }
        if let b = sv.bestBoundFen, result.status == .feasible { detail.append("bound \(cny(Fen(b.rounded(.up)))) CNY") }
        if !reproducible { detail.append("\(fixed(sv.seconds, 3)) s") }
        detail.append("\(sv.backend), \(plural(sv.masterSolves, "MILP solve")), \(plural(sv.cutsAdded, "hydraulic cut"))")
        return "Status: " + head + " [" + detail.joined(separator: ", ") + "]"
    }
}
