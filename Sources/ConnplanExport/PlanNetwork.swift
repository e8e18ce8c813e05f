// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan as a hydraulic network for peer tools (EPANET, pandapipes): the nodes it reaches, its
// pipes oriented from the source, and the "equivalent nodal demands" that make a solver that adds
// flows up at junctions reproduce connplan's design flows exactly.

import ConnplanCore
import Foundation

/// Everything a network export needs from a plan, in a fixed order.
///
/// **Equivalent nodal demands.** connplan's design flow in a pipe is the design flow of all the
/// households below it (GB 50028 simultaneity, GB 50015 probability method), which is *not* the
/// sum of the design flows of smaller groups: 20 households draw less at peak than twice 10. A
/// network solver, by contrast, sends into every node the sum of the demands below it. Giving each
/// node the demand
///
///     d(v) = Q(pipe into v) − Σ Q(pipes out of v)
///
/// makes the solver's sums telescope back to connplan's flows: on a tree, the flow into v equals
/// the sum of d over v's subtree, which is Q(pipe into v) by induction from the leaves. d(v) may be
/// negative at a branching node (the peak of two branches together is less than the sum of their
/// peaks); EPANET reads a negative demand as an inflow, pandapipes gets a source there.
/// Over a source's tree the demands sum to the design flows of the pipes leaving the source, which
/// is what the reservoir or external grid then supplies. Where the route branches right at the
/// source that is more than the source's own design flow (the peak of the whole tree, which no
/// pipe carries), so a source's spare-capacity check stays connplan's.
public struct PlanNetwork: Sendable {
    public struct Node: Sendable {
        public var id: String
        public var elevationMetres: Double
        public var position: PlanePoint?
        /// The used source at this node, if any (it becomes the reservoir or external grid).
        public var sourceID: String?
        /// d(v) above, m³/h (0 at a source node, whose outflow the source supplies).
        public var equivalentDemandCubicMetresPerHour: Double
    }

    public struct Pipe: Sendable {
        public var planned: PlannedSegment
        /// The route from the upstream to the downstream node, in local metres (nil if unknown).
        public var routeMetres: [PlanePoint]?
    }

    /// Source nodes first (in the plan's source order), then every other node in the order the
    /// plan's segments reach them (downstream from each source).
    public var nodes: [Node]
    /// The plan's segments in plan order, oriented with the flow.
    public var pipes: [Pipe]

    public init(scenario: Scenario, plan: Plan) {
        var byID: [String: ConnplanCore.Node] = [:]
        for n in scenario.nodes where byID[n.id] == nil { byID[n.id] = n }
        func position(_ id: String) -> PlanePoint? {
            guard let n = byID[id], let x = n.xMetres, let y = n.yMetres else { return nil }
            return PlanePoint(xMetres: x, yMetres: y)
        }
        var inflow: [String: Double] = [:]
        var outflow: [String: Double] = [:]
        for s in plan.segments {
            inflow[s.downstreamNodeID, default: 0] += s.designFlowCubicMetresPerHour
            outflow[s.upstreamNodeID, default: 0] += s.designFlowCubicMetresPerHour
        }
        var order: [(id: String, source: String?)] = []
        var seen = Set<String>()
        for id in plan.route.sourceIDs {
            guard let node = scenario.sources.first(where: { $0.id == id })?.nodeID, seen.insert(node).inserted else { continue }
            order.append((node, id))
        }
        for s in plan.segments {
            for id in [s.upstreamNodeID, s.downstreamNodeID] where seen.insert(id).inserted { order.append((id, nil)) }
        }
        nodes = order.map { entry in
            let demand = entry.source == nil ? inflow[entry.id, default: 0] - outflow[entry.id, default: 0] : 0
            return Node(
                id: entry.id, elevationMetres: byID[entry.id]?.elevationMetres ?? 0, position: position(entry.id),
                sourceID: entry.source, equivalentDemandCubicMetresPerHour: demand)
        }
        let segmentsByID = Dictionary(scenario.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        pipes = plan.segments.map { s in
            var route: [PlanePoint]?
            if let seg = segmentsByID[s.segmentID], let drawn = seg.routeMetres, drawn.count >= 2 {
                route = seg.fromNodeID == s.upstreamNodeID ? drawn : drawn.reversed()
            } else if let a = position(s.upstreamNodeID), let b = position(s.downstreamNodeID) {
                route = [a, b]
            }
            return Pipe(planned: s, routeMetres: route)
        }
    }

    /// Ids that `isValid` rejects are replaced by `prefix` + a number (skipping ids in use);
    /// returns the id to write for each original id. Deterministic in the given order.
    static func exportIDs(_ ids: [String], prefix: String, isValid: (String) -> Bool) -> [String: String] {
        var out: [String: String] = [:]
        var used = Set(ids.filter(isValid))
        var next = 1
        for id in ids where out[id] == nil {
            if isValid(id) {
                out[id] = id
                continue
            }
            while used.contains("\(prefix)\(next)") { next += 1 }
            out[id] = "\(prefix)\(next)"
            used.insert("\(prefix)\(next)")
        }
        return out
    }
}
