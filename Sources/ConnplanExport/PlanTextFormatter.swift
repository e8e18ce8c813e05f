// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan as a planner reads it in a terminal: sources and consents, the route, the pressure at
// every building against its requirement, the bill of quantities, the cost, and the solver's status.

import ConnplanCore
import ConnplanPlanner

public struct PlanTextFormatter: PlanFormatter {
    public init() {}

    public func format(_ report: PlanReport) -> String {
        let s = report.scenario
        let r = report.result
        var out: [String] = []
        let buildings = s.buildings.count
        out.append("connplan plan: \(s.name)")
        out.append("\(s.utility.rawValue), \(s.totalHouseholds) households in \(buildings) building\(buildings == 1 ? "" : "s"), \(s.segments.count) candidate segments, \(s.sources.count) candidate sources")
        out.append("")
        out.append(statusLine(report))
        guard let plan = r.plan else {
            out.append("")
            if r.status == .infeasible {
                out.append("No valid plan exists. Why:")
                for f in r.diagnosis { out.append("  - " + f.message) }
                var fixes: [String] = []
                for f in r.diagnosis { if let fix = f.fix, !fixes.contains(fix) { fixes.append(fix) } }
                if !fixes.isEmpty {
                    out.append("What would help:")
                    for fix in fixes { out.append("  - " + fix) }
                }
            } else {
                out.append("No valid plan was found within the time limit. Run again with a longer --time-limit.")
            }
            out += excludedLines(r)
            return out.joined(separator: "\n") + "\n"
        }
        let perHouseholdFen = plan.households > 0 ? Fen((Double(plan.costs.totalFen) / Double(plan.households)).rounded()) : 0
        out.append("Total cost: \(Money.cny(plan.costs.totalFen)) CNY  (\(Money.cny(perHouseholdFen)) CNY per household, rounded)")
        out.append("")

        out.append("Sources tapped")
        var st = TextTable(["source", "name", "owner", "households", "flow m³/h", "spare m³/h", "tie-in CNY", "regulator CNY"],
                           rightAligned: [3, 4, 5, 6, 7])
        for u in plan.sources {
            let src = s.sources.first { $0.id == u.sourceID }
            st.add([u.sourceID, src?.name ?? "", src?.ownerID ?? "", String(u.households), fixed(u.designFlowCubicMetresPerHour, 2),
                    u.spareCapacityCubicMetresPerHour.map { fixed($0, 2) } ?? "unlimited", Money.cny(u.tieInCostFen),
                    u.regulatorCostFen > 0 ? Money.cny(u.regulatorCostFen) : "-"])
        }
        out.append(st.render())
        out.append("")

        out.append("Consents the plan relies on")
        if plan.consents.isEmpty {
            out.append("  none")
        } else {
            var ct = TextTable(["owner", "name", "status", "cost CNY", "used for"], rightAligned: [3])
            for c in plan.consents {
                ct.add([c.ownerID, c.ownerName, c.consent == .pending ? "PENDING" : c.consent.rawValue, Money.cny(c.costFen),
                        c.uses.joined(separator: ", ")])
            }
            out.append(ct.render())
            let pending = plan.pendingConsentOwnerIDs
            if !pending.isEmpty {
                out.append("  Pending: \(pending.joined(separator: ", ")). The plan depends on \(pending.count == 1 ? "this consent" : "these consents"); rerun with --forbid \(pending[0]) to see the plan if it is refused.")
            }
        }
        out.append("")

        let lossHeader = s.utility == .gas ? "loss Pa" : "loss m"
        out.append("Route (flow from the source)")
        var rt = TextTable(["segment", "from", "to", "length m", "surface", "owner", "pipe", "households", "flow m³/h", "v m/s", lossHeader, "cost CNY"],
                           rightAligned: [3, 7, 8, 9, 10, 11])
        for seg in plan.segments {
            rt.add([seg.segmentID, seg.upstreamNodeID, seg.downstreamNodeID, fixed(seg.lengthMetres, 1), seg.surface, seg.ownerID ?? "-",
                    seg.pipe.label, String(seg.householdsDownstream), fixed(seg.designFlowCubicMetresPerHour, 2),
                    fixed(seg.velocityMetresPerSecond, 2), fixed(seg.frictionLoss, s.utility == .gas ? 1 : 2), Money.cny(seg.costFen)])
        }
        out.append(rt.render())
        out.append("")

        if s.utility == .gas {
            out.append("Pressure at building inlets (kPa gauge)")
        } else {
            out.append("Pressure head at building inlets (m above ground)")
        }
        let unit = s.utility == .gas ? "kPa" : "m"
        var bt = TextTable(["building", "node", "floors", "households", "source", s.utility == .gas ? "pressure" : "head", "required", "margin"],
                           rightAligned: [2, 3, 5, 6, 7])
        let decimals = s.utility == .gas ? 3 : 2
        for b in plan.buildings {
            let floors = s.buildings.first { $0.id == b.buildingID }?.floors ?? 0
            bt.add([b.buildingID, b.nodeID, String(floors), String(b.households), b.sourceID, fixed(b.value, decimals),
                    fixed(b.required, decimals), fixed(b.margin, decimals)])
        }
        out.append(bt.render())
        if !plan.demands.isEmpty {
            // Explicit flows (the scenario's `demands`): their head or pressure too, also where
            // no minimum is set and the plan may leave them far below ground.
            out.append("")
            out.append(s.utility == .gas ? "Pressure at explicit demands (kPa gauge)" : "Pressure head at explicit demands (m above ground)")
            var dt = TextTable(["node", "flow m³/h", "source", s.utility == .gas ? "pressure" : "head", "required", "margin"],
                               rightAligned: [1, 3, 4, 5])
            for d in plan.demands {
                dt.add([d.nodeID, fixed(d.designFlowCubicMetresPerHour, 2), d.sourceID, fixed(d.value, decimals),
                        d.required.map { fixed($0, decimals) } ?? "none", d.margin.map { fixed($0, decimals) } ?? "-"])
            }
            out.append(dt.render())
            let below = plan.demands.filter { $0.required == nil && $0.value < 0 }.map(\.nodeID)
            if !below.isEmpty {
                out.append("  \(below.joined(separator: ", ")): below atmospheric pressure at the design flow, so that flow would not arrive; set \(s.utility == .gas ? "min_pressure_kpa" : "min_head_m") on the demand to require a minimum.")
            }
        }
        if let m = plan.smallestMargin {
            out.append("  Smallest margin: \(fixed(m, decimals)) \(unit).")
        }
        out.append("")

        out.append("Bill of quantities")
        var qt = TextTable(["item", "quantity", "unit", "cost CNY"], rightAligned: [1, 3])
        for l in plan.billOfQuantities {
            qt.add([l.item, l.unit == "m" ? fixed(l.quantity, 1) : fixed(l.quantity, 0), l.unit, Money.cny(l.costFen)])
        }
        out.append(qt.render())
        out.append("")
        out.append("Cost summary")
        var cs = TextTable(["part", "CNY"], rightAligned: [1])
        cs.add(["pipes", Money.cny(plan.costs.pipesFen)])
        cs.add(["tie-ins", Money.cny(plan.costs.tieInsFen)])
        cs.add(["regulator boxes", Money.cny(plan.costs.regulatorsFen)])
        cs.add(["consents", Money.cny(plan.costs.consentsFen)])
        cs.add(["household items", Money.cny(plan.costs.householdItemsFen)])
        cs.add(["total", Money.cny(plan.costs.totalFen)])
        out.append(cs.render())
        out += excludedLines(r)
        if !report.warnings.isEmpty {
            out.append("")
            out.append("Scenario warnings")
            for w in report.warnings { out.append("  - " + w.description) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func statusLine(_ report: PlanReport) -> String {
        let sv = report.result.solver
        var parts: [String] = []
        switch report.result.status {
        case .optimal:
            if let g = sv.relativeGap, g > 0 {
                parts.append("Status: OPTIMAL within the requested gap (no plan is more than \(fixed(g * 100, 2)) % cheaper)")
            } else {
                parts.append("Status: OPTIMAL (cheapest plan under the stated model)")
            }
        case .feasible: parts.append("Status: FEASIBLE, not proven cheapest")
        case .infeasible: parts.append("Status: INFEASIBLE")
        case .noSolutionWithinTimeLimit: parts.append("Status: NO PLAN within the time limit")
        }
        var detail: [String] = []
        if let g = sv.relativeGap { detail.append("gap \(fixed(g * 100, 2)) %") }
        if let b = sv.bestBoundFen, report.result.status == .feasible { detail.append("bound \(Money.cny(Fen(b.rounded(.up)))) CNY") }
        if !report.reproducible { detail.append("\(fixed(sv.seconds, 3)) s") }
        detail.append("\(sv.backend), \(sv.masterSolves) MILP solve\(sv.masterSolves == 1 ? "" : "s"), \(sv.cutsAdded) hydraulic cut\(sv.cutsAdded == 1 ? "" : "s")")
        return parts[0] + " [" + detail.joined(separator: ", ") + "]"
    }

    private func excludedLines(_ r: PlanningResult) -> [String] {
        guard !r.excluded.isEmpty else { return [] }
        return ["", "Left out before optimising"] + r.excluded.map { "  - \($0.id): \($0.reason)" }
    }
}
