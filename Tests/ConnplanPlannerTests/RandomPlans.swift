// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import ConnplanCore

/// Random plans of a network for the master's property tests (`CapacityCutTests`,
/// `MasterRelaxationTests`): trees from tapped sources to every demand node, each arc with a
/// random pipe that carries its load. Hydraulically valid or not: the tests filter.
enum RandomPlans {
    struct Rng {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func unit() -> Double { Double(next(1 << 20)) / Double(1 << 20) }
    }

    /// A random tree from one or more sources reaching every building (and some other nodes), each
    /// arc with a random pipe that carries the arc's load; nil if some arc's load fits no pipe.
    static func plan(_ net: Network, _ rng: inout Rng) -> Evaluation? {
        guard !net.sources.isEmpty else { return nil }
        var tapped = net.sources.indices.filter { _ in rng.next(2) == 0 }
        if tapped.isEmpty { tapped = [rng.next(net.sources.count)] }
        var inTree = [Bool](repeating: false, count: net.nodeIDs.count)
        var roots = Set<Int>()
        for s in tapped where roots.insert(net.sources[s].node).inserted { inTree[net.sources[s].node] = true }
        // Keep one tapped source per root node.
        tapped = tapped.filter { s in tapped.first { net.sources[$0].node == net.sources[s].node } == s }
        var arcs: [ArcChoice] = []
        let demand = Set(net.demandNodes)
        while true {
            let frontier = net.edges.indices.flatMap { e -> [ArcChoice] in
                let edge = net.edges[e]
                guard !edge.options.isEmpty else { return [] }
                var out: [ArcChoice] = []
                if inTree[edge.u] && !inTree[edge.v] { out.append(ArcChoice(edge: e, forward: true, option: 0)) }
                if inTree[edge.v] && !inTree[edge.u] { out.append(ArcChoice(edge: e, forward: false, option: 0)) }
                return out
            }
            if demand.allSatisfy({ inTree[$0] }) && (frontier.isEmpty || rng.next(3) == 0) { break }
            guard !frontier.isEmpty else { return nil }
            let a = frontier[rng.next(frontier.count)]
            arcs.append(a)
            inTree[net.head(a)] = true
        }
        let loads = net.evaluate(Candidate(sources: tapped.sorted(), arcs: arcs.sorted()))
        var sized: [ArcChoice] = []
        for a in arcs {
            let v = net.head(a)
            let q = net.designFlow(households: loads.loadHouseholds[v], explicit: loads.loadFlow[v])
            let fits = net.edges[a.edge].options.indices.filter { o in
                let opt = net.edges[a.edge].options[o]
                return net.householdsWithin(flow: opt.maxFlowCubicMetresPerHour) >= loads.loadHouseholds[v]
                    && Tolerance.within(flow: q, limit: opt.maxFlowCubicMetresPerHour)
            }
            guard !fits.isEmpty else { return nil }
            sized.append(ArcChoice(edge: a.edge, forward: a.forward, option: fits[rng.next(fits.count)]))
        }
        for s in tapped {
            guard let cap = net.sources[s].capacityCubicMetresPerHour else { continue }
            let v = net.sources[s].node
            if !Tolerance.within(flow: net.designFlow(households: loads.loadHouseholds[v], explicit: loads.loadFlow[v]), limit: cap) { return nil }
        }
        return net.evaluate(Candidate(sources: tapped.sorted(), arcs: sized.sorted()))
    }
}
