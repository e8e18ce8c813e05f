// SPDX-License-Identifier: GPL-3.0-or-later
//
// Turns an exactly evaluated candidate into a `Plan` with every figure a user sees.

import ConnplanCore

struct PlanBuilder {
    let network: Network

    func plan(for ev: Evaluation) -> Plan {
        let net = network
        let scenario = net.scenario
        var segments: [PlannedSegment] = []
        var legs: [Route.Leg] = []
        var ownersUsed: [Int: [String]] = [:]
        var pipesFen: Fen = 0
        for v in ev.order {
            guard let ai = ev.parentArc[v] else { continue }
            let a = ev.candidate.arcs[ai]
            let edge = net.edges[a.edge]
            let opt = edge.options[a.option]
            legs.append(Route.Leg(segmentID: edge.segment.id, pipe: opt.pipe))
            pipesFen += opt.costFen
            if let o = edge.owner { ownersUsed[o, default: []].append(edge.segment.id) }
            segments.append(PlannedSegment(
                segmentID: edge.segment.id, sourceID: net.sources[ev.root[v]!].source.id,
                upstreamNodeID: net.nodeIDs[net.tail(a)], downstreamNodeID: net.nodeIDs[v],
                lengthMetres: edge.segment.lengthMetres, surface: edge.segment.surface, ownerID: edge.segment.ownerID,
                pipe: opt.pipe, costFen: opt.costFen, householdsDownstream: ev.loadHouseholds[v],
                designFlowCubicMetresPerHour: ev.flow[ai], velocityMetresPerSecond: ev.velocity[ai], frictionLoss: ev.loss[ai]))
        }
        // Route order: by source, then depth-first from it, for readable tables.
        var sourcesUsed: [SourceUse] = []
        var tieIns: Fen = 0
        var regulators: Fen = 0
        for s in ev.candidate.sources {
            let sp = net.sources[s]
            ownersUsed[sp.owner, default: []].insert(sp.source.id, at: 0)
            tieIns += sp.source.tieInCostFen
            regulators += sp.source.regulator?.costFen ?? 0
            sourcesUsed.append(SourceUse(
                sourceID: sp.source.id, households: ev.loadHouseholds[sp.node],
                designFlowCubicMetresPerHour: net.designFlow(households: ev.loadHouseholds[sp.node], explicit: ev.loadFlow[sp.node]),
                spareCapacityCubicMetresPerHour: sp.capacityCubicMetresPerHour, tieInCostFen: sp.source.tieInCostFen,
                regulatorCostFen: sp.source.regulator?.costFen ?? 0))
        }
        var consents: [ConsentUse] = []
        var consentsFen: Fen = 0
        for o in ownersUsed.keys.sorted() {
            let owner = net.owners[o]
            consentsFen += owner.consentCostFen
            consents.append(ConsentUse(ownerID: owner.id, ownerName: owner.name, consent: owner.consent,
                                       costFen: owner.consentCostFen, uses: ownersUsed[o]!))
        }
        func value(at v: Int) -> Double {
            net.statedValue(ev.potential[v], at: v)
        }
        let buildings = scenario.buildings.map { b -> BuildingService in
            let v = net.nodeIndex[b.nodeID]!
            return BuildingService(buildingID: b.id, nodeID: b.nodeID, households: b.households,
                                   sourceID: net.sources[ev.root[v]!].source.id, value: value(at: v),
                                   required: scenario.requiredValue(for: b))
        }
        let demands = scenario.nodeDemands.map { d -> DemandService in
            let v = net.nodeIndex[d.nodeID]!
            return DemandService(nodeID: d.nodeID, sourceID: net.sources[ev.root[v]!].source.id,
                                 designFlowCubicMetresPerHour: d.designFlowCubicMetresPerHour, value: value(at: v),
                                 required: scenario.requiredValue(for: d))
        }
        let householdItems = scenario.totalHouseholds * scenario.perHouseholdFixedCostFen
        let costs = CostBreakdown(pipesFen: pipesFen, tieInsFen: tieIns, regulatorsFen: regulators,
                                  consentsFen: consentsFen, householdItemsFen: householdItems)
        let route = Route(sourceIDs: sourcesUsed.map(\.sourceID), legs: legs)
        return Plan(utility: scenario.utility, route: route, sources: sourcesUsed, segments: segments, buildings: buildings,
                    demands: demands, consents: consents, costs: costs,
                    billOfQuantities: billOfQuantities(segments: segments, sources: sourcesUsed),
                    households: scenario.totalHouseholds)
    }

    private func billOfQuantities(segments: [PlannedSegment], sources: [SourceUse]) -> [QuantityLine] {
        let scenario = network.scenario
        var lines: [QuantityLine] = []
        // Pipe by size and surface, ordered by size then surface.
        struct Key: Hashable, Comparable {
            var dn: Int; var material: String; var surface: String; var reused: Bool
            static func < (a: Key, b: Key) -> Bool { (a.dn, a.material, a.surface, a.reused ? 1 : 0) < (b.dn, b.material, b.surface, b.reused ? 1 : 0) }
        }
        var metres: [Key: (Double, Fen)] = [:]
        for s in segments {
            let k = Key(dn: s.pipe.nominalDiameter, material: s.pipe.material ?? "", surface: s.surface, reused: s.pipe.reused)
            let cur = metres[k] ?? (0, 0)
            metres[k] = (cur.0 + s.lengthMetres, cur.1 + s.costFen)
        }
        for k in metres.keys.sorted() {
            let (m, c) = metres[k]!
            let what = k.reused ? "existing pipe DN\(k.dn) reused" : "pipe \(k.material.isEmpty ? "" : k.material + " ")DN\(k.dn), \(k.surface)"
            lines.append(QuantityLine(item: what, unit: "m", quantity: m, costFen: c))
        }
        // Every tapped source is one tie-in, whatever it costs.
        if !sources.isEmpty {
            lines.append(QuantityLine(item: "tie-in", unit: "each", quantity: Double(sources.count),
                                      costFen: sources.reduce(0) { $0 + $1.tieInCostFen }))
        }
        let regs = sources.filter { s in scenario.sources.first { $0.id == s.sourceID }?.regulator != nil }
        if !regs.isEmpty {
            lines.append(QuantityLine(item: "pressure-regulator box", unit: "each", quantity: Double(regs.count),
                                      costFen: regs.reduce(0) { $0 + $1.regulatorCostFen }))
        }
        for item in scenario.householdCosts {
            lines.append(QuantityLine(item: item.item, unit: "household", quantity: Double(scenario.totalHouseholds),
                                      costFen: item.costFen * scenario.totalHouseholds))
        }
        return lines
    }
}
