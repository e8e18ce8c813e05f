// SPDX-License-Identifier: GPL-3.0-or-later
//
// The independent hydraulic check. It takes a printed plan and the scenario, rebuilds the tree
// from the plan's decisions alone (sources used, segment and pipe per leg), recomputes loads,
// design flows, velocities, losses and pressures from scratch, and reports every disagreement or
// violated requirement as a finding. It shares only the formula functions (Hydraulics.swift) and
// the model's rules (Scenario+Rules.swift) with the planner; the walk and the sums are its own.
// A failed check is a bug in the planner, never a result.

import Foundation

public enum PlanChecker {
    /// Relative tolerance for comparing the plan's figures with the recomputed ones.
    public static let relativeTolerance = 1e-6

    /// All findings for `plan`; an empty array means the plan is valid and its figures are right.
    public static func check(_ plan: Plan, scenario: Scenario) -> [Finding] {
        var findings: [Finding] = []
        func error(_ code: String, _ subject: String?, _ message: String) {
            findings.append(Finding(.error, code: code, subject: subject, message: message))
        }
        let segmentsByID = Dictionary(scenario.segments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sourcesByID = Dictionary(scenario.sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ownersByID = Dictionary(scenario.owners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let nodesByID = Dictionary(scenario.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pipesByID = Dictionary(scenario.pipes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // 1. Decisions are legal.
        var adjacency: [String: [(node: String, leg: Route.Leg, segment: Segment)]] = [:]
        var seenSegments = Set<String>()
        var pipeCostFen: Fen = 0
        for leg in plan.route.legs {
            guard let seg = segmentsByID[leg.segmentID] else {
                error("unknown-segment", leg.segmentID, "the plan uses a segment the scenario does not have")
                continue
            }
            if !seenSegments.insert(seg.id).inserted { error("duplicate-segment", seg.id, "the plan lays this segment twice") }
            if let o = seg.ownerID, ownersByID[o]?.consent == .refused {
                error("refused-consent", seg.id, "the segment crosses land of '\(o)', whose consent is refused")
            }
            if leg.pipe.reused {
                guard let ex = seg.existing, ex.nominalDiameter == leg.pipe.nominalDiameter,
                    ex.innerDiameterMillimetres == leg.pipe.innerDiameterMillimetres
                else {
                    error("bad-pipe", seg.id, "the plan reuses an existing pipe that the segment does not have")
                    continue
                }
            } else {
                guard let id = leg.pipe.pipeID, let p = pipesByID[id] else {
                    error("bad-pipe", seg.id, "the plan lays a pipe that is not in the catalogue")
                    continue
                }
                guard let price = p.costPerMetreFen[seg.surface] else {
                    error("bad-pipe", seg.id, "pipe '\(id)' has no price for surface '\(seg.surface)'")
                    continue
                }
                if p.innerDiameterMillimetres != leg.pipe.innerDiameterMillimetres {
                    error("bad-pipe", seg.id, "the plan's inner diameter differs from catalogue pipe '\(id)'")
                }
                pipeCostFen += Scenario.pipeCostFen(pricePerMetreFen: price, lengthMetres: seg.lengthMetres)
            }
            adjacency[seg.fromNodeID, default: []].append((seg.toNodeID, leg, seg))
            adjacency[seg.toNodeID, default: []].append((seg.fromNodeID, leg, seg))
        }
        var usedSources: [Source] = []
        for id in plan.route.sourceIDs {
            guard let s = sourcesByID[id] else {
                error("unknown-source", id, "the plan taps a source the scenario does not have")
                continue
            }
            if ownersByID[s.ownerID]?.consent == .refused {
                error("refused-consent", id, "the source belongs to '\(s.ownerID)', whose consent is refused")
            }
            usedSources.append(s)
        }
        guard findings.isEmpty else { return findings }

        // 2. Walk each source's tree; every node at most once (a forest, one source per tree).
        struct Visit { var parent: String?; var leg: Route.Leg?; var segment: Segment?; var source: String; var depth: Int }
        var visit: [String: Visit] = [:]
        var order: [String] = []
        for s in usedSources {
            if visit[s.nodeID] != nil {
                error("not-a-forest", s.id, "source node '\(s.nodeID)' is already fed by another source")
                continue
            }
            visit[s.nodeID] = Visit(parent: nil, leg: nil, segment: nil, source: s.id, depth: 0)
            var queue = [s.nodeID]
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                order.append(u)
                for (v, leg, seg) in adjacency[u] ?? [] where visit[u]?.leg?.segmentID != seg.id {
                    if visit[v] != nil {
                        error("not-a-forest", seg.id, "the route closes a loop or joins two sources at node '\(v)'")
                        continue
                    }
                    visit[v] = Visit(parent: u, leg: leg, segment: seg, source: s.id, depth: (visit[u]?.depth ?? 0) + 1)
                    queue.append(v)
                }
            }
        }
        for leg in plan.route.legs {
            if let seg = segmentsByID[leg.segmentID], visit[seg.fromNodeID] == nil || visit[seg.toNodeID] == nil {
                error("disconnected-segment", seg.id, "the segment is not connected to any source used by the plan")
            }
        }
        guard findings.isEmpty else { return findings }

        // 3. Loads: households and explicit flows below each node.
        var households: [String: Int] = [:]
        var explicitFlow: [String: Double] = [:]
        for b in scenario.buildings {
            guard visit[b.nodeID] != nil else {
                error("building-not-served", b.id, "no source of the plan reaches node '\(b.nodeID)'")
                continue
            }
            households[b.nodeID, default: 0] += b.households
        }
        for d in scenario.nodeDemands {
            guard visit[d.nodeID] != nil else {
                error("demand-not-served", d.nodeID, "no source of the plan reaches this demand node")
                continue
            }
            explicitFlow[d.nodeID, default: 0] += d.designFlowCubicMetresPerHour
        }
        guard findings.isEmpty else { return findings }
        var subtreeHouseholds = households
        var subtreeFlow = explicitFlow
        for v in order.reversed() {
            if let p = visit[v]?.parent {
                subtreeHouseholds[p, default: 0] += subtreeHouseholds[v, default: 0]
                subtreeFlow[p, default: 0] += subtreeFlow[v, default: 0]
            }
        }
        func designFlow(_ node: String) -> Double {
            DesignFlow.householdsFlowCubicMetresPerHour(households: subtreeHouseholds[node, default: 0], demand: scenario.demand)
                + subtreeFlow[node, default: 0]
        }

        // 4. Potentials from each source down the tree (Pa for gas, m of total head for water).
        var potential: [String: Double] = [:]
        var recomputed: [String: (flow: Double, velocity: Double, loss: Double, households: Int)] = [:]
        for v in order {
            guard let vis = visit[v] else { continue }
            guard let parent = vis.parent, let seg = vis.segment, let leg = vis.leg else {
                let s = sourcesByID[vis.source]!
                switch scenario.demand {
                case .gas: potential[v] = (s.supplyPressureKilopascals ?? 0) * 1000
                case .water: potential[v] = s.headMetres ?? 0
                }
                continue
            }
            let q = designFlow(v)
            let loss: Double
            var gain = 0.0
            switch scenario.demand {
            case .gas(let g):
                loss = GasHydraulics.pressureLossPascals(
                    flowCubicMetresPerHour: q, lengthMetres: seg.lengthMetres,
                    innerDiameterMillimetres: leg.pipe.innerDiameterMillimetres,
                    roughnessMillimetres: leg.pipe.roughnessMillimetres ?? 0, gas: g.gas, formula: g.formula)
                let rise = (nodesByID[v]?.elevationMetres ?? 0) - (nodesByID[parent]?.elevationMetres ?? 0)
                gain = GasHydraulics.elevationGainPascals(riseMetres: rise, gas: g.gas)
            case .water:
                loss = WaterHydraulics.headLossMetres(
                    flowCubicMetresPerHour: q, lengthMetres: seg.lengthMetres,
                    innerDiameterMillimetres: leg.pipe.innerDiameterMillimetres, hazenWilliamsC: leg.pipe.hazenWilliamsC ?? 0)
            }
            potential[v] = potential[parent]! - loss + gain
            let velocity = PipeFlow.velocityMetresPerSecond(
                flowCubicMetresPerHour: q, innerDiameterMillimetres: leg.pipe.innerDiameterMillimetres)
            recomputed[seg.id] = (q, velocity, loss, subtreeHouseholds[v, default: 0])
            if let vmax = leg.pipe.maxVelocityMetresPerSecond, !ModelTolerance.within(flow: velocity, limit: vmax * (1 + 1e-9)) {
                error("velocity-above-limit", seg.id,
                      String(format: "velocity %.3f m/s exceeds the limit %.3f m/s of %@", velocity, vmax, leg.pipe.label))
            }
        }
        func value(at node: String) -> Double {
            let p = potential[node] ?? -.infinity
            return scenario.utility == .gas ? p / 1000 : p - (nodesByID[node]?.elevationMetres ?? 0)
        }

        // 5. Requirements.
        for b in scenario.buildings {
            let required = scenario.requiredValue(for: b)
            let v = value(at: b.nodeID)
            if !ModelTolerance.meets(value: v, required: required) {
                error("below-minimum", b.id,
                      String(format: "%.4f %@ at the inlet is below the required %.4f %@", v, scenario.valueUnit, required, scenario.valueUnit))
            }
        }
        for d in scenario.nodeDemands {
            if let required = scenario.requiredValue(for: d), !ModelTolerance.meets(value: value(at: d.nodeID), required: required) {
                error("below-minimum", d.nodeID,
                      String(format: "%.4f %@ is below the required %.4f %@", value(at: d.nodeID), scenario.valueUnit, required, scenario.valueUnit))
            }
        }
        for s in usedSources {
            let q = designFlow(s.nodeID)
            if let cap = s.spareCapacityCubicMetresPerHour, !ModelTolerance.within(flow: q, limit: cap * (1 + 1e-9)) {
                error("capacity-exceeded", s.id, String(format: "design flow %.3f m³/h exceeds spare capacity %.3f m³/h", q, cap))
            }
        }

        // 6. The plan's own figures agree with the recomputation.
        func differs(_ a: Double, _ b: Double) -> Bool { abs(a - b) > relativeTolerance * max(1, abs(a), abs(b)) }
        for ps in plan.segments {
            guard let r = recomputed[ps.segmentID] else {
                error("plan-disagrees", ps.segmentID, "the plan lists a segment that is not on the route")
                continue
            }
            if ps.householdsDownstream != r.households || differs(ps.designFlowCubicMetresPerHour, r.flow)
                || differs(ps.velocityMetresPerSecond, r.velocity) || differs(ps.frictionLoss, r.loss)
            {
                error("plan-disagrees", ps.segmentID,
                      "the plan's flow, velocity or loss differs from the recomputation (\(ps.designFlowCubicMetresPerHour) vs \(r.flow) m³/h; \(ps.frictionLoss) vs \(r.loss))")
            }
            if let seg = segmentsByID[ps.segmentID], visit[ps.downstreamNodeID]?.segment?.id != seg.id {
                error("plan-disagrees", ps.segmentID, "the plan orients this segment against the flow")
            }
        }
        if plan.segments.count != plan.route.legs.count {
            error("plan-disagrees", nil, "the plan lists \(plan.segments.count) segments for \(plan.route.legs.count) legs")
        }
        for bs in plan.buildings {
            if differs(bs.value, value(at: bs.nodeID)) {
                error("plan-disagrees", bs.buildingID, "the plan's inlet value \(bs.value) differs from the recomputed \(value(at: bs.nodeID))")
            }
        }
        if plan.buildings.count != scenario.buildings.count {
            error("plan-disagrees", nil, "the plan reports \(plan.buildings.count) of \(scenario.buildings.count) buildings")
        }
        var tieIns: Fen = 0
        var regulators: Fen = 0
        var consentOwners = Set<String>()
        for s in usedSources {
            tieIns += s.tieInCostFen
            regulators += s.regulator?.costFen ?? 0
            consentOwners.insert(s.ownerID)
        }
        for leg in plan.route.legs { if let o = segmentsByID[leg.segmentID]?.ownerID { consentOwners.insert(o) } }
        let consentsFen = consentOwners.reduce(0) { $0 + (ownersByID[$1]?.consentCostFen ?? 0) }
        let householdItems = scenario.totalHouseholds * scenario.perHouseholdFixedCostFen
        let expected = CostBreakdown(
            pipesFen: pipeCostFen, tieInsFen: tieIns, regulatorsFen: regulators, consentsFen: consentsFen,
            householdItemsFen: householdItems)
        if expected != plan.costs {
            error("plan-disagrees", nil, "the plan's costs \(plan.costs) differ from the recomputed \(expected)")
        }
        let pendingExpected = consentOwners.filter { ownersByID[$0]?.consent == .pending }.sorted()
        if pendingExpected != plan.pendingConsentOwnerIDs.sorted() {
            error("plan-disagrees", nil, "the plan lists pending consents \(plan.pendingConsentOwnerIDs), expected \(pendingExpected)")
        }
        return findings
    }
}
