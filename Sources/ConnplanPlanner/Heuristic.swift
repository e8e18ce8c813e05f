// SPDX-License-Identifier: GPL-3.0-or-later
//
// A first valid plan, quickly: every demand node joins the source it can reach most cheaply
// (multi-source Dijkstra on the cheapest price of each segment, starting from each source's fixed
// cost), each pipe is the cheapest one that carries its load, and pipes on paths whose pressure
// falls short are widened by the repair heuristic. Handed to GLPK as its first incumbent, and what
// a time limit returns if the search finds nothing better.

import ConnplanCore

extension RoutePlanner {
    /// The cheapest valid result of: all sources together, then each source on its own.
    func constructionHeuristic(_ net: Network) -> Evaluation? {
        var best: Evaluation?
        let variants: [[Int]] = [Array(net.sources.indices)] + net.sources.indices.map { [$0] }
        for sources in variants {
            guard let ev = constructionHeuristic(net, sources: sources), ev.feasible, net.satisfiesRequirements(ev) else { continue }
            if best == nil || ev.costFen < best!.costFen { best = ev }
        }
        return best
    }

    private func constructionHeuristic(_ net: Network, sources allowed: [Int]) -> Evaluation? {
        constructionHeuristic(
            net, sources: allowed, sourceCost: { Double(net.sources[$0].fixedCostFen) },
            arcPrice: { e, _ in Self.cheapestPrice(net, edge: e) })
    }

    /// The price of the cheapest pipe a segment offers, fen.
    private static func cheapestPrice(_ net: Network, edge e: Int) -> Double {
        Double(net.edges[e].options.map(\.costFen).min() ?? 0)
    }

    /// The same construction guided by an LP point of the master (a primal heuristic in the
    /// search): each arc's price is scaled by 1 − Σ_o y (arcs the LP lays are nearly free), each
    /// source's tie-in by 1 − u; the plan is then sized, repaired and improved by the local search
    /// exactly as the first one (which ends early when `stop` says so). Nil if it yields no valid plan.
    func lpGuidedPlan(_ net: Network, formulation: RouteFormulation, at x: [Double], stop: () -> Bool) -> Evaluation? {
        func share(_ v: Double) -> Double { 1 - min(1, max(0, v)) }
        guard let ev = constructionHeuristic(
            net, sources: Array(net.sources.indices),
            sourceCost: { Double(net.sources[$0].fixedCostFen) * share(x[formulation.u[$0].index]) },
            arcPrice: { e, forward in
                let laid = formulation.y[e][forward ? 0 : 1].reduce(0.0) { $0 + x[$1.index] }
                return Self.cheapestPrice(net, edge: e) * share(laid)
            }),
            ev.feasible, net.satisfiesRequirements(ev)
        else { return nil }
        let improved = improve(ev, network: net, stop: stop)
        return formulation.hasPotentials ? Self.resized(improved, net) : improved
    }

    /// The plan's route (pruned of what serves no demand) with its pipes chosen by the exact
    /// sizing (`Network.cheapestSizing`), if that is cheaper; else the plan. Worth it only where
    /// pressure can bind: otherwise each pipe is already the cheapest that carries its load.
    static func resized(_ ev: Evaluation, _ net: Network) -> Evaluation {
        let route = net.evaluate(net.pruned(ev.candidate))
        var budget = SubproblemSizing.pairBudget / 10
        guard route.feasible,
            case .cheapest(let best) = net.cheapestSizing(sources: route.candidate.sources, arcs: route.candidate.arcs, budget: &budget),
            best.costFen < ev.costFen, net.satisfiesRequirements(best)
        else { return ev }
        return best
    }

    private func constructionHeuristic(
        _ net: Network, sources allowed: [Int], sourceCost: (Int) -> Double, arcPrice: (_ edge: Int, _ forward: Bool) -> Double
    ) -> Evaluation? {
        guard let ev = capacitySizedTree(net, sources: allowed, sourceCost: sourceCost, arcPrice: arcPrice) else { return nil }
        if ev.feasible { return ev }
        return repair(ev, network: net)
    }

    /// Whether head loss, not only load, decides pipe sizes: the starting tree (all sources, the
    /// cheapest price of each segment) with each pipe the cheapest that carries its load already
    /// leaves some building short of pressure. `MasterSearch` chooses its branching rule by it.
    func capacitySizingFallsShortOfPressure(_ net: Network) -> Bool {
        guard let ev = capacitySizedTree(
            net, sources: Array(net.sources.indices), sourceCost: { Double(net.sources[$0].fixedCostFen) },
            arcPrice: { e, _ in Self.cheapestPrice(net, edge: e) })
        else { return false }
        return ev.violations.contains { if case .pressure = $0 { return true } else { return false } }
    }

    /// Every demand node joined to the source it reaches most cheaply, each pipe the cheapest that
    /// carries its load; evaluated, not repaired. Nil if a demand node is unreachable or a load
    /// fits no pipe.
    private func capacitySizedTree(
        _ net: Network, sources allowed: [Int], sourceCost: (Int) -> Double, arcPrice: (_ edge: Int, _ forward: Bool) -> Double
    ) -> Evaluation? {
        let n = net.nodeIDs.count
        var dist = [Double](repeating: .infinity, count: n)
        var root = [Int?](repeating: nil, count: n)
        var via = [ArcChoice?](repeating: nil, count: n)
        var done = [Bool](repeating: false, count: n)
        for s in allowed where sourceCost(s) < dist[net.sources[s].node] {
            let src = net.sources[s]
            dist[src.node] = sourceCost(s)
            root[src.node] = s
        }
        var adjacency = [[(edge: Int, forward: Bool, to: Int)]](repeating: [], count: n)
        for (e, edge) in net.edges.enumerated() {
            adjacency[edge.u].append((e, true, edge.v))
            adjacency[edge.v].append((e, false, edge.u))
        }
        // Dense Dijkstra: networks here have at most a few thousand nodes.
        while let u = (0..<n).filter({ !done[$0] && dist[$0].isFinite }).min(by: { (dist[$0], $0) < (dist[$1], $1) }) {
            done[u] = true
            for (e, forward, v) in adjacency[u] where !done[v] {
                let price = arcPrice(e, forward)
                if dist[u] + price < dist[v] {
                    dist[v] = dist[u] + price
                    root[v] = root[u]
                    via[v] = ArcChoice(edge: e, forward: forward, option: 0)
                }
            }
        }
        var arcs: [ArcChoice] = []
        var used = Set<Int>()
        var sources = Set<Int>()
        for k in net.demandNodes {
            guard let r = root[k] else { return nil }
            sources.insert(r)
            var v = k
            while let a = via[v], used.insert(v).inserted {
                arcs.append(a)
                v = net.tail(a)
            }
        }
        // Size each pipe: the cheapest option that carries its load.
        var candidate = Candidate(sources: sources.sorted(), arcs: arcs.sorted())
        let first = net.evaluate(candidate)
        for (i, a) in candidate.arcs.enumerated() {
            let q = first.flow[i]
            let options = net.edges[a.edge].options
            let fits = options.indices.filter { Tolerance.within(flow: q, limit: options[$0].maxFlowCubicMetresPerHour) }
            guard let best = fits.min(by: { (options[$0].costFen, $0) < (options[$1].costFen, $1) }) else { return nil }
            candidate.arcs[i].option = best
        }
        return net.evaluate(candidate)
    }
}

extension Network {
    /// Every segment, source and owner the user required is used by the evaluated plan (a source
    /// counts only if it feeds someone).
    func satisfiesRequirements(_ ev: Evaluation) -> Bool {
        guard !constraints.required.isEmpty else { return true }
        var used = Set<String>()
        for (i, a) in ev.candidate.arcs.enumerated() where ev.parentArc[head(a)] == i {
            used.insert(edges[a.edge].segment.id)
            if let o = edges[a.edge].segment.ownerID { used.insert(o) }
        }
        // A required source must feed someone, as in the master (row feeds_…): tapped alone is not used.
        for s in ev.candidate.sources where ev.loadHouseholds[sources[s].node] > 0 || ev.loadFlow[sources[s].node] > 0 {
            used.insert(sources[s].source.id)
            used.insert(sources[s].source.ownerID)
        }
        return constraints.required.isSubset(of: used)
    }
}
