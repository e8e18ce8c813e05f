// SPDX-License-Identifier: GPL-3.0-or-later
//
// A water plan as an EPANET 2 input file (.inp), for EPANET itself, WNTR or any tool that reads
// EPANET models. Section syntax from the EPANET 2.2 Users Manual, Appendix C ("Command Line
// EPANET", input file format). Documented in docs/reference/exports.md.

import ConnplanCore
import Foundation

/// EPANET .inp of a water plan: one junction per node the plan reaches, one reservoir per used
/// source at its total head, one pipe per planned segment (length m, inner diameter mm,
/// Hazen-Williams C), flow units LPS and head loss H-W, so EPANET's SI Hazen-Williams formula is
/// the planner's (h = 10.667·C^-1.852·D^-4.871·L·Q^1.852, EPANET 2.2 manual Table 3.1).
///
/// Junction demands are the equivalent nodal demands of `PlanNetwork` (in L/s), so EPANET's pipe
/// flows equal connplan's design flows and its heads reproduce the planner's. The planned
/// orientation is kept (Node1 upstream), so EPANET reports positive flows. [COORDINATES] and
/// [VERTICES] are local metres (x east, y north), which EPANET only uses to draw the map.
///
/// EPANET ids are at most 31 characters without spaces, quotes or semicolons; an id that breaks
/// this is written as N1, N2, ... (nodes) or P1, P2, ... (pipes), with the original in a comment.
public struct EPANETExport: PlanExport {
    public init() {}

    public var utilities: Set<Utility> { [.water] }

    /// EPANET 2.2's limit on id length (MAXID).
    static let maximumIDLength = 31

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= maximumIDLength
            && !id.unicodeScalars.contains { $0 == " " || $0 == ";" || $0 == "\"" || $0 == "\t" || $0.value < 0x20 || $0.value > 0x7E }
    }

    public func export(scenario: Scenario, plan: Plan) throws -> String {
        guard scenario.utility == .water else {
            throw ExportError.wrongUtility(
                format: "EPANET", utility: scenario.utility, use: "use --format pandapipes for gas (or geojson for either utility)")
        }
        let network = PlanNetwork(scenario: scenario, plan: plan)
        let nodeIDs = PlanNetwork.exportIDs(network.nodes.map(\.id), prefix: "N", isValid: Self.isValidID)
        let pipeIDs = PlanNetwork.exportIDs(network.pipes.map(\.planned.segmentID), prefix: "P", isValid: Self.isValidID)
        func nodeID(_ id: String) -> String { nodeIDs[id] ?? id }
        func renamed(_ id: String, _ written: String) -> String { id == written ? "" : " ;connplan id \(JSONValue.quote(id))" }
        func column(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }
        let width = max(16, (nodeIDs.values.map(\.count) + pipeIDs.values.map(\.count)).max() ?? 0) + 2

        var out: [String] = []
        out.append("[TITLE]")
        out.append("connplan export of a water plan: \(oneLine(scenario.name))")
        out.append("\(plan.segments.count) pipes from \(plan.route.sourceIDs.joined(separator: ", ")); total cost \(Money.cny(plan.costs.totalFen)) CNY")
        out.append("Demands are equivalent nodal demands: EPANET's pipe flows equal connplan's design flows (docs/reference/exports.md)")
        out.append("")

        out.append("[JUNCTIONS]")
        out.append(";" + column("ID", width - 1) + column("Elev (m)", 14) + "Demand (L/s)")
        for n in network.nodes where n.sourceID == nil {
            let id = nodeID(n.id)
            // EPANET demands are in the flow units (LPS): m³/h ÷ 3.6.
            out.append(column(id, width) + column(fixed(n.elevationMetres, 3), 14) + fixed(n.equivalentDemandCubicMetresPerHour / 3.6, 9) + renamed(n.id, id))
        }
        out.append("")

        out.append("[RESERVOIRS]")
        out.append(";" + column("ID", width - 1) + "Head (m)")
        for n in network.nodes {
            guard let sid = n.sourceID, let head = scenario.sources.first(where: { $0.id == sid })?.headMetres else { continue }
            let id = nodeID(n.id)
            out.append(column(id, width) + column(fixed(head, 4), 14) + ";source \(JSONValue.quote(sid))" + (id == n.id ? "" : ", node \(JSONValue.quote(n.id))"))
        }
        out.append("")

        out.append("[PIPES]")
        out.append(
            ";" + column("ID", width - 1) + column("Node1", width) + column("Node2", width) + column("Length (m)", 13)
                + column("Diam (mm)", 11) + column("H-W C", 9) + column("MinorLoss", 11) + "Status")
        for p in network.pipes {
            let s = p.planned
            let id = pipeIDs[s.segmentID] ?? s.segmentID
            let c = s.pipe.hazenWilliamsC ?? 0
            let note = " ;\(s.pipe.label)\(s.pipe.pipeID.map { " \($0)" } ?? ""), design flow \(fixed(s.designFlowCubicMetresPerHour, 4)) m3/h"
            out.append(
                column(id, width) + column(nodeID(s.upstreamNodeID), width) + column(nodeID(s.downstreamNodeID), width)
                    + column(fixed(s.lengthMetres, 4), 13) + column(fixed(s.pipe.innerDiameterMillimetres, 3), 11)
                    + column(fixed(c, 3), 9) + column("0", 11) + "Open" + note
                    + (id == s.segmentID ? "" : ", connplan id \(JSONValue.quote(s.segmentID))"))
        }
        out.append("")

        out.append("[COORDINATES]")
        out.append(";" + column("Node", width - 1) + column("X (m)", 14) + "Y (m)")
        for n in network.nodes {
            guard let p = n.position else { continue }
            out.append(column(nodeID(n.id), width) + column(fixed(p.xMetres, 3), 14) + fixed(p.yMetres, 3))
        }
        out.append("")

        out.append("[VERTICES]")
        out.append(";" + column("Link", width - 1) + column("X (m)", 14) + "Y (m)")
        for p in network.pipes {
            guard let route = p.routeMetres, route.count > 2 else { continue }
            let id = pipeIDs[p.planned.segmentID] ?? p.planned.segmentID
            for v in route.dropFirst().dropLast() { out.append(column(id, width) + column(fixed(v.xMetres, 3), 14) + fixed(v.yMetres, 3)) }
        }
        out.append("")

        out.append("[TIMES]")
        out.append("Duration           0")
        out.append("")
        out.append("[REPORT]")
        out.append("Status             No")
        out.append("Summary            No")
        out.append("")
        out.append("[OPTIONS]")
        out.append("Units              LPS")
        out.append("Headloss           H-W")
        out.append("Specific Gravity   1.0")
        out.append("Viscosity          1.0")
        out.append("Trials             200")
        out.append("Accuracy           0.000001")
        out.append("Unbalanced         STOP")
        out.append("Demand Multiplier  1.0")
        out.append("")
        out.append("[END]")
        return out.joined(separator: "\n") + "\n"
    }

    /// Text safe for a one-line [TITLE] entry.
    private func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: ";", with: ",")
    }
}
