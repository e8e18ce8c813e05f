// SPDX-License-Identifier: GPL-3.0-or-later
//
// The scenario as dense arrays for the optimiser: nodes, usable segments with their pipe options,
// usable sources, demand nodes and their requirements, in "potential" units: Pa of gauge pressure
// for gas, m of total head for water.

import ConnplanCore
import Foundation

/// What a user fixes on top of the scenario: ids of segments, sources or owners to forbid or require.
public struct PlanConstraints: Sendable, Hashable {
    public var forbidden: Set<String>
    public var required: Set<String>
    public init(forbidden: Set<String> = [], required: Set<String> = []) {
        self.forbidden = forbidden
        self.required = required
    }
}

struct Network: Sendable {
    struct Option: Sendable {
        var pipe: PipeChoice
        var costFen: Fen
        /// Largest design flow the velocity limit allows, m³/h (infinity without a limit).
        var maxFlowCubicMetresPerHour: Double
    }
    struct Edge: Sendable {
        var segment: Segment
        var u: Int
        var v: Int
        var owner: Int?
        var options: [Option]
    }
    struct SourcePoint: Sendable {
        var source: Source
        var node: Int
        var owner: Int
        /// Pa (gas, after any regulator) or m of total head (water).
        var potential: Double
        var capacityCubicMetresPerHour: Double?
        var fixedCostFen: Fen
    }

    let scenario: Scenario
    let nodeIDs: [String]
    let nodeIndex: [String: Int]
    let elevation: [Double]
    let householdsAt: [Int]
    let explicitFlowAt: [Double]
    /// Minimum potential at demand nodes (nil elsewhere).
    let requiredPotential: [Double?]
    let edges: [Edge]
    let sources: [SourcePoint]
    /// Owners referenced by usable edges or sources: scenario owner index → consent cost.
    let owners: [Owner]
    let totalHouseholds: Int
    let totalExplicitFlow: Double
    /// Design flow of n households, n = 0...totalHouseholds (m³/h), nondecreasing.
    let householdFlow: [Double]
    /// Segments and sources removed because their owner refused consent or the user forbade them.
    let excludedSegments: [(segment: Segment, reason: String)]
    let excludedSources: [(source: Source, reason: String)]
    let constraints: PlanConstraints
    /// Number of usable edges at each node (after dead ends are pruned).
    let degree: [Int]
    let isSourceNode: [Bool]

    init(scenario: Scenario, constraints: PlanConstraints = PlanConstraints()) {
        self.scenario = scenario
        self.constraints = constraints
        nodeIDs = scenario.nodes.map(\.id)
        var index: [String: Int] = [:]
        for (i, id) in nodeIDs.enumerated() where index[id] == nil { index[id] = i }
        nodeIndex = index
        elevation = scenario.nodes.map(\.elevationMetres)
        var hh = Array(repeating: 0, count: nodeIDs.count)
        for b in scenario.buildings { if let i = index[b.nodeID] { hh[i] += b.households } }
        householdsAt = hh
        var fl = Array(repeating: 0.0, count: nodeIDs.count)
        for d in scenario.nodeDemands { if let i = index[d.nodeID] { fl[i] += d.designFlowCubicMetresPerHour } }
        explicitFlowAt = fl
        totalHouseholds = hh.reduce(0, +)
        totalExplicitFlow = fl.reduce(0, +)
        householdFlow = (0...max(0, totalHouseholds)).map {
            DesignFlow.householdsFlowCubicMetresPerHour(households: $0, demand: scenario.demand)
        }

        var req = [Double?](repeating: nil, count: nodeIDs.count)
        func raise(_ i: Int, _ value: Double) { req[i] = max(req[i] ?? -.infinity, value) }
        for b in scenario.buildings {
            guard let i = index[b.nodeID] else { continue }
            let r = scenario.requiredValue(for: b)
            raise(i, scenario.utility == .gas ? r * 1000 : r + elevation[i])
        }
        for d in scenario.nodeDemands {
            guard let i = index[d.nodeID] else { continue }
            if let r = scenario.requiredValue(for: d) {
                raise(i, scenario.utility == .gas ? r * 1000 : r + elevation[i])
            } else if d.designFlowCubicMetresPerHour > 0 || req[i] == nil {
                // A demand node must be served even without a pressure floor.
                req[i] = req[i] ?? -.infinity
            }
        }
        requiredPotential = req

        let ownerIndex = Dictionary(scenario.owners.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        owners = scenario.owners
        func blocked(ownerID: String?) -> String? {
            guard let o = ownerID else { return nil }
            if constraints.forbidden.contains(o) { return "owner '\(o)' is forbidden by the user" }
            if let i = ownerIndex[o], scenario.owners[i].consent == .refused { return "owner '\(o)' refused consent" }
            return nil
        }
        var edges: [Edge] = []
        var excludedSegments: [(Segment, String)] = []
        for seg in scenario.segments {
            guard let u = index[seg.fromNodeID], let v = index[seg.toNodeID] else { continue }
            if let why = blocked(ownerID: seg.ownerID) { excludedSegments.append((seg, why)); continue }
            if constraints.forbidden.contains(seg.id) { excludedSegments.append((seg, "forbidden by the user")); continue }
            var options: [Option] = []
            if let ex = seg.existing {
                options.append(Option(pipe: PipeChoice(existing: ex), costFen: 0,
                                      maxFlowCubicMetresPerHour: Self.maxFlow(ex.maxVelocityMetresPerSecond, ex.innerDiameterMillimetres)))
            }
            if seg.existing == nil || seg.existing!.replaceable {
                for p in scenario.pipes {
                    guard let price = p.costPerMetreFen[seg.surface] else { continue }
                    options.append(Option(
                        pipe: PipeChoice(pipe: p),
                        costFen: Scenario.pipeCostFen(pricePerMetreFen: price, lengthMetres: seg.lengthMetres),
                        maxFlowCubicMetresPerHour: Self.maxFlow(p.maxVelocityMetresPerSecond, p.innerDiameterMillimetres)))
                }
            }
            options = Self.pruneDominated(options, utility: scenario.utility)
            guard !options.isEmpty else { excludedSegments.append((seg, "no pipe is priced for its surface")); continue }
            edges.append(Edge(segment: seg, u: u, v: v, owner: seg.ownerID.flatMap { ownerIndex[$0] }, options: options))
        }
        // Dead ends: a segment to a node of degree 1 with no demand and no source is never useful.
        let sourceNodeSet = Set(scenario.sources.compactMap { index[$0.nodeID] })
        var pruning = true
        while pruning {
            pruning = false
            var deg = [Int](repeating: 0, count: nodeIDs.count)
            for e in edges { deg[e.u] += 1; deg[e.v] += 1 }
            edges.removeAll { e in
                let dead = [e.u, e.v].contains { n in
                    deg[n] == 1 && req[n] == nil && !sourceNodeSet.contains(n)
                } && !constraints.required.contains(e.segment.id)
                if dead { pruning = true }
                return dead
            }
        }
        self.edges = edges
        self.excludedSegments = excludedSegments
        var deg = [Int](repeating: 0, count: nodeIDs.count)
        for e in edges { deg[e.u] += 1; deg[e.v] += 1 }
        degree = deg

        var sources: [SourcePoint] = []
        var excludedSources: [(Source, String)] = []
        for s in scenario.sources {
            guard let n = index[s.nodeID], let o = ownerIndex[s.ownerID] else { continue }
            if let why = blocked(ownerID: s.ownerID) { excludedSources.append((s, why)); continue }
            if constraints.forbidden.contains(s.id) { excludedSources.append((s, "forbidden by the user")); continue }
            let potential: Double
            switch scenario.utility {
            case .gas: potential = (s.supplyPressureKilopascals ?? 0) * 1000
            case .water: potential = s.headMetres ?? 0
            }
            sources.append(SourcePoint(
                source: s, node: n, owner: o, potential: potential, capacityCubicMetresPerHour: s.spareCapacityCubicMetresPerHour,
                fixedCostFen: s.tieInCostFen + (s.regulator?.costFen ?? 0)))
        }
        self.sources = sources
        self.excludedSources = excludedSources
        var isSource = [Bool](repeating: false, count: nodeIDs.count)
        for s in sources { isSource[s.node] = true }
        isSourceNode = isSource
    }

    static func maxFlow(_ velocity: Double?, _ innerDiameterMillimetres: Double) -> Double {
        guard let v = velocity else { return .infinity }
        let d = innerDiameterMillimetres / 1000
        return v * Double.pi * d * d / 4 * 3600
    }

    /// True if `a` loses at least as much as `b` at every flow: the loss formulas are nonincreasing in
    /// inner diameter and nondecreasing in roughness (nonincreasing in Hazen-Williams C).
    static func lossier(_ a: PipeChoice, than b: PipeChoice, utility: Utility) -> Bool {
        guard a.innerDiameterMillimetres <= b.innerDiameterMillimetres else { return false }
        switch utility {
        case .gas: return (a.roughnessMillimetres ?? 0) >= (b.roughnessMillimetres ?? 0)
        case .water: return (a.hazenWilliamsC ?? 0) <= (b.hazenWilliamsC ?? 0)
        }
    }

    /// Drops options that another option beats on cost, losses and velocity capacity at once; such an
    /// option is never needed for an optimal plan. Ties keep the earlier option.
    static func pruneDominated(_ options: [Option], utility: Utility) -> [Option] {
        var keep: [Option] = []
        for (i, a) in options.enumerated() {
            let dominated = options.enumerated().contains { j, b in
                guard i != j, b.costFen <= a.costFen, b.maxFlowCubicMetresPerHour >= a.maxFlowCubicMetresPerHour,
                    lossier(a.pipe, than: b.pipe, utility: utility)
                else { return false }
                let strictlyBetter = b.costFen < a.costFen || b.maxFlowCubicMetresPerHour > a.maxFlowCubicMetresPerHour
                    || !lossier(b.pipe, than: a.pipe, utility: utility)
                return strictlyBetter || j < i
            }
            if !dominated { keep.append(a) }
        }
        return keep
    }

    /// Friction loss of option `o` on edge `e` at `flow` m³/h, in potential units (Pa or m).
    func loss(edge e: Int, option o: Int, flow: Double) -> Double {
        lossPerLength(edges[e].options[o].pipe, flow: flow, length: edges[e].segment.lengthMetres)
    }

    func lossPerLength(_ pipe: PipeChoice, flow: Double, length: Double) -> Double {
        switch scenario.demand {
        case .gas(let g):
            return GasHydraulics.pressureLossPascals(
                flowCubicMetresPerHour: flow, lengthMetres: length, innerDiameterMillimetres: pipe.innerDiameterMillimetres,
                roughnessMillimetres: pipe.roughnessMillimetres ?? 0, gas: g.gas, formula: g.formula)
        case .water:
            return WaterHydraulics.headLossMetres(
                flowCubicMetresPerHour: flow, lengthMetres: length, innerDiameterMillimetres: pipe.innerDiameterMillimetres,
                hazenWilliamsC: pipe.hazenWilliamsC ?? 0)
        }
    }

    /// Potential gained going from node `from` to node `to` (gas buoyancy, GB 50028); 0 for water,
    /// whose potential is total head.
    func elevationGain(from: Int, to: Int) -> Double {
        guard case .gas(let g) = scenario.demand else { return 0 }
        return GasHydraulics.elevationGainPascals(riseMetres: elevation[to] - elevation[from], gas: g.gas)
    }

    /// Design flow for n households plus explicit flow f, m³/h.
    func designFlow(households n: Int, explicit f: Double) -> Double {
        householdFlow[min(max(n, 0), householdFlow.count - 1)] + f
    }

    /// Largest household count whose design flow fits within `flow` m³/h (0...totalHouseholds),
    /// with the exact model's tolerance (`Tolerance.within`, as `evaluate` and PlanChecker test
    /// velocities and source capacities): a count the exact model lets a pipe carry must be one
    /// the master's capacity rows let it carry, or that valid plan would be no point of the master.
    func householdsWithin(flow: Double) -> Int {
        guard flow.isFinite else { return totalHouseholds }
        var lo = 0
        var hi = totalHouseholds
        if !Tolerance.within(flow: householdFlow[0], limit: flow) { return 0 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Tolerance.within(flow: householdFlow[mid], limit: flow) { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// A potential as plans state it: kPa gauge for gas, m above node `v`'s ground for water.
    func statedValue(_ potential: Double, at v: Int) -> Double {
        scenario.utility == .gas ? potential / 1000 : potential - elevation[v]
    }

    var demandNodes: [Int] { requiredPotential.indices.filter { requiredPotential[$0] != nil } }
    /// Whether some demand node has no pressure floor (an explicit flow without a minimum).
    var hasUnflooredDemand: Bool { requiredPotential.contains { $0 == -.infinity } }
    var gasElevationSpan: Double {
        guard case .gas(let g) = scenario.demand, let lo = elevation.min(), let hi = elevation.max() else { return 0 }
        return abs(GasHydraulics.elevationGainPascals(riseMetres: hi - lo, gas: g.gas))
    }
}
