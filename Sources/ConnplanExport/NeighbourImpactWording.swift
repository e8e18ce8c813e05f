// SPDX-License-Identifier: GPL-3.0-or-later
//
// The neighbour impact statement in words a resident can follow (DOMAIN.md, case 1: the tax-bureau
// compound feared its gas pressure would drop). Shared by the text and JSON output of
// `connplan compare` and the HTML report. Every number comes from `HostImpact`.

import ConnplanCompare
import ConnplanCore

public enum NeighbourImpactWording {
    /// "At peak hour the lowest gas pressure among the households of X would fall from 2.36 kPa to
    /// 2.21 kPa (−0.15 kPa, 6 %); the minimum for safe use is 1.70 kPa. The new connection would use
    /// 78 % of the spare capacity of your supply pipe."
    public static func statement(_ n: NeighbourImpact) -> String {
        let i = n.impact
        let gas = i.utility == .gas
        let decimals = gas ? 2 : 1
        let unit = gas ? "kPa" : "m"
        func v(_ x: Double) -> String { fixed(x, decimals) + " " + unit }
        let what = gas ? "gas pressure" : "water pressure"
        var s = "At peak hour the lowest \(what) among the households of \(n.ownerName) would "
        if i.drop > 0 {
            s += "fall from \(v(i.worstBefore)) to \(v(i.worstAfter))"
            s += " (\u{2212}\(v(i.drop)), \(percent(i.dropFraction)))"
        } else {
            s += "stay at \(v(i.worstBefore))"
        }
        let minimumWords = gas ? "the minimum for safe use is" : "the minimum for their top floor is"
        if i.meetsMinimumAfter {
            s += "; \(minimumWords) \(v(i.minimum))."
        } else {
            s += ", below the minimum of \(v(i.minimum)): the connection would need a larger supply pipe or a higher pressure upstream."
        }
        if let share = i.shareOfSpareCapacity {
            if share <= 1 + 1e-9 {
                s += " The new connection would use \(percent(share)) of the spare capacity of your supply pipe."
            } else {
                s += " The new connection would need \(percent(share)) of the spare capacity of your supply pipe: more than it can spare."
            }
        } else if let share = i.shareOfHydraulicHeadroom {
            s +=
                " The new connection would use \(percent(share)) of the extra flow your supply pipe can carry before the lowest pressure reaches that minimum."
        } else {
            s += " Your supply pipe has no spare capacity at peak hour already."
        }
        return s
    }

    /// The figures behind the statement, for planners and engineers.
    public static func figures(_ n: NeighbourImpact) -> String {
        let i = n.impact
        let gas = i.utility == .gas
        let unit = gas ? "kPa" : "m"
        let d = gas ? 3 : 2
        let rule =
            i.flowRule == .combinedSimultaneity
            ? "all \(i.hostHouseholds + i.planHouseholds) households together, \(gas ? "GB 50028 §10.2.9" : "GB 50015")"
            : "the two groups added"
        var s = "Host \(i.hostHouseholds) households + \(i.planHouseholds) new; design flow in the shared pipe "
        s += "\(fixed(i.hostFlowCubicMetresPerHour, 2)) \u{2192} \(fixed(i.flowAfterCubicMetresPerHour, 2)) m³/h (\(rule)); "
        s += "velocity \(fixed(i.velocityBeforeMetresPerSecond, 2)) \u{2192} \(fixed(i.velocityAfterMetresPerSecond, 2)) m/s; "
        s += "worst household \(fixed(i.worstBefore, d)) \u{2192} \(fixed(i.worstAfter, d)) \(unit) "
        s += "(margin \(fixed(i.marginBefore, d)) \u{2192} \(fixed(i.marginAfter, d)) \(unit)); "
        if let spare = i.spareCapacityCubicMetresPerHour {
            s += "new flow \(fixed(i.planFlowCubicMetresPerHour, 2)) of \(fixed(spare, 2)) m³/h spare; "
        }
        s +=
            "hydraulic headroom \(i.hydraulicHeadroomCubicMetresPerHour.isFinite ? fixed(i.hydraulicHeadroomCubicMetresPerHour, 2) + " m³/h" : "unlimited")."
        if i.tieInBelowAssumption, let assumed = i.tieInAssumed {
            s +=
                " Check: with the connection the host data give \(fixed(i.tieInAfter, d)) \(unit) at the tie-in, below the \(fixed(assumed, d)) \(unit) the plan assumes, so the plan's own pressures are optimistic."
        }
        return s
    }

    /// "6 %", "0.4 %": whole per cent from 1 % up, one decimal below.
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "more than 100 %" }
        let p = fraction * 100
        return abs(p) >= 1 ? "\(fixed(p, 0)) %" : "\(fixed(p, 1)) %"
    }

    /// Greedy word wrap to `width` columns: the first line starts with `indent`, the others with
    /// `hanging`. A word longer than a line stays whole.
    static func wrap(_ text: String, width: Int, indent: String, hanging: String) -> [String] {
        var lines: [String] = []
        var prefix = indent
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && prefix.count + line.count + 1 + word.count > width {
                lines.append(prefix + line)
                prefix = hanging
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(prefix + line) }
        return lines
    }
}
