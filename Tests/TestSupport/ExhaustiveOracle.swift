// SPDX-License-Identifier: GPL-3.0-or-later
//
// The exhaustive-search oracle: enumerates every forest of usable candidate segments, every set of
// sources, and every pipe on every laid segment, evaluates each with its own tree walk, and returns
// the cheapest valid cost. It shares nothing with the planner but the formula functions and the
// model's rules (cost rounding, requirements, tolerances). For small instances only.

import ConnplanCore

public struct OracleResult: Sendable {
    public var bestCostFen: Fen?
    public var plansEvaluated: Int
}

public enum ExhaustiveOracle {
    public static func cheapest(_ scenario: Scenario) -> OracleResult {
        let owners = Dictionary(scenario.owners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func usable(_ owner: String?) -> Bool { owner.map { owners[$0]?.consent != .refused } ?? true }
        let segments = scenario.segments.filter { usable($0.ownerID) }
        let sources = scenario.sources.filter { usable($0.ownerID) }
        let nodeIDs = scenario.nodes.map(\.id)
        let index = Dictionary(uniqueKeysWithValues: nodeIDs.enumerated().map { ($1, $0) })
        let z = scenario.nodes.map(\.elevationMetres)
        var hh = [Int](repeating: 0, count: nodeIDs.count)
        for b in scenario.buildings { hh[index[b.nodeID]!] += b.households }
        var req = [Double?](repeating: nil, count: nodeIDs.count)
        for b in scenario.buildings {
            let i = index[b.nodeID]!
            req[i] = max(req[i] ?? -.infinity, scenario.requiredValue(for: b))
        }
        var explicit = [Double](repeating: 0, count: nodeIDs.count)
        for d in scenario.nodeDemands {
            let i = index[d.nodeID]!
            explicit[i] += d.designFlowCubicMetresPerHour
            req[i] = max(req[i] ?? -.infinity, scenario.requiredValue(for: d) ?? -.infinity)
        }
        // Pipe options per segment: (pipe, cost).
        let options: [[(PipeChoice, Fen)]] = segments.map { seg in
            var o: [(PipeChoice, Fen)] = []
            if let ex = seg.existing { o.append((PipeChoice(existing: ex), 0)) }
            if seg.existing?.replaceable ?? true {
                for p in scenario.pipes {
                    if let price = p.costPerMetreFen[seg.surface] {
                        o.append((PipeChoice(pipe: p), Scenario.pipeCostFen(pricePerMetreFen: price, lengthMetres: seg.lengthMetres)))
                    }
                }
            }
            return o
        }
        var best: Fen?
        var evaluated = 0
        let fixedHousehold = scenario.totalHouseholds * scenario.perHouseholdFixedCostFen
        for sourceMask in 1..<(1 << sources.count) {
            let chosenSources = sources.indices.filter { sourceMask & (1 << $0) != 0 }
            let sourceNodes = chosenSources.map { index[sources[$0].nodeID]! }
            if Set(sourceNodes).count != sourceNodes.count { continue }
            for segMask in 0..<(1 << segments.count) {
                let chosen = segments.indices.filter { segMask & (1 << $0) != 0 }
                if chosen.contains(where: { options[$0].isEmpty }) { continue }
                // Orient: walk from each source; a node reached twice means a loop or two sources joined.
                var parentSeg = [Int?](repeating: nil, count: nodeIDs.count)
                var parentNode = [Int?](repeating: nil, count: nodeIDs.count)
                var rootOf = [Int?](repeating: nil, count: nodeIDs.count)
                var order: [Int] = []
                var ok = true
                var usedEdges = 0
                for (k, s) in chosenSources.enumerated() {
                    let start = sourceNodes[k]
                    if rootOf[start] != nil { ok = false; break }  // two tapped sources in one tree
                    rootOf[start] = s
                    var stack = [start]
                    while let u = stack.popLast(), ok {
                        order.append(u)
                        for e in chosen where e != parentSeg[u] {
                            let a = index[segments[e].fromNodeID]!
                            let b = index[segments[e].toNodeID]!
                            guard a == u || b == u else { continue }
                            let v = a == u ? b : a
                            if rootOf[v] != nil { ok = false; break }
                            rootOf[v] = s
                            parentSeg[v] = e
                            parentNode[v] = u
                            usedEdges += 1
                            stack.append(v)
                        }
                    }
                }
                guard ok, usedEdges == chosen.count else { continue }  // every laid segment hangs from a source
                guard req.indices.allSatisfy({ req[$0] == nil || rootOf[$0] != nil }) else { continue }
                // Loads.
                var load = hh.enumerated().map { rootOf[$0.offset] != nil ? $0.element : 0 }
                var extra = explicit.enumerated().map { rootOf[$0.offset] != nil ? $0.element : 0 }
                for v in order.reversed() { if let p = parentNode[v] { load[p] += load[v]; extra[p] += extra[v] } }
                func flow(_ v: Int) -> Double {
                    DesignFlow.householdsFlowCubicMetresPerHour(households: load[v], demand: scenario.demand) + extra[v]
                }
                // Capacity.
                var capacityOK = true
                for (k, s) in chosenSources.enumerated() {
                    if let cap = sources[s].spareCapacityCubicMetresPerHour {
                        let q = flow(sourceNodes[k])
                        if !ModelTolerance.within(flow: q, limit: cap) { capacityOK = false }
                    }
                }
                guard capacityOK else { continue }
                var baseCost = fixedHousehold
                var ownersUsed = Set<String>()
                for s in chosenSources {
                    baseCost += sources[s].tieInCostFen + (sources[s].regulator?.costFen ?? 0)
                    ownersUsed.insert(sources[s].ownerID)
                }
                for e in chosen { if let o = segments[e].ownerID { ownersUsed.insert(o) } }
                for o in ownersUsed { baseCost += owners[o]?.consentCostFen ?? 0 }
                // Every pipe assignment on the laid segments.
                let laid = order.compactMap { parentSeg[$0] }
                let child: [Int: Int] = Dictionary(uniqueKeysWithValues: order.compactMap { v in parentSeg[v].map { ($0, v) } })
                var choice = [Int](repeating: 0, count: laid.count)
                while true {
                    evaluated += 1
                    var cost = baseCost
                    var potential = [Double](repeating: 0, count: nodeIDs.count)
                    var valid = true
                    for (k, s) in chosenSources.enumerated() {
                        switch scenario.demand {
                        case .gas: potential[sourceNodes[k]] = (sources[s].supplyPressureKilopascals ?? 0) * 1000
                        case .water: potential[sourceNodes[k]] = sources[s].headMetres ?? 0
                        }
                    }
                    for (i, e) in laid.enumerated() {
                        let (pipe, c) = options[e][choice[i]]
                        cost += c
                        let v = child[e]!
                        let u = parentNode[v]!
                        let q = flow(v)
                        if let vmax = pipe.maxVelocityMetresPerSecond {
                            let d = pipe.innerDiameterMillimetres / 1000
                            if !ModelTolerance.within(flow: q, limit: vmax * Double.pi * d * d / 4 * 3600) { valid = false }
                        }
                        switch scenario.demand {
                        case .gas(let g):
                            potential[v] = potential[u]
                                - GasHydraulics.pressureLossPascals(
                                    flowCubicMetresPerHour: q, lengthMetres: segments[e].lengthMetres,
                                    innerDiameterMillimetres: pipe.innerDiameterMillimetres,
                                    roughnessMillimetres: pipe.roughnessMillimetres ?? 0, gas: g.gas, formula: g.formula)
                                + GasHydraulics.elevationGainPascals(riseMetres: z[v] - z[u], gas: g.gas)
                        case .water:
                            potential[v] = potential[u]
                                - WaterHydraulics.headLossMetres(
                                    flowCubicMetresPerHour: q, lengthMetres: segments[e].lengthMetres,
                                    innerDiameterMillimetres: pipe.innerDiameterMillimetres, hazenWilliamsC: pipe.hazenWilliamsC ?? 0)
                        }
                    }
                    if valid {
                        for v in req.indices {
                            guard let r = req[v], r.isFinite else { continue }
                            let value = scenario.utility == .gas ? potential[v] / 1000 : potential[v] - z[v]
                            if !ModelTolerance.meets(value: value, required: r) { valid = false; break }
                        }
                    }
                    if valid, best == nil || cost < best! { best = cost }
                    // Next assignment (odometer).
                    var i = 0
                    while i < laid.count {
                        choice[i] += 1
                        if choice[i] < options[laid[i]].count { break }
                        choice[i] = 0
                        i += 1
                    }
                    if i == laid.count { break }
                }
            }
        }
        return OracleResult(bestCostFen: best, plansEvaluated: evaluated)
    }
}
