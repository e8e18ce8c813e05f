// SPDX-License-Identifier: GPL-3.0-or-later
//
// Local search on valid plans: cut one branch (the sub-tree below a node) off the forest and
// hang it back where it costs least, with every pipe resized to the cheapest one that carries
// its new load. The estimate that picks the new attachment point is a capacity-aware shortest
// path (the new run priced for the branch's load, plus the upsizing it forces on the path from
// the attachment point to its source, or the tie-in cost of an unused source); the move is kept
// only if the exact evaluation (Network.evaluate, with the repair heuristic when pressure falls
// short) is valid and cheaper. This is the "key-path exchange" family of Steiner-tree
// improvement moves (Voß 1992; Uchoa & Werneck 2010) with capacity-dependent arc prices.
//
// It only ever returns an exactly valid plan no worse than its input, so it can change the
// planner's speed but never its answer: optimality still comes from the MILP bound.

import ConnplanCore

extension RoutePlanner {
    /// Repeats branch moves until none improves the plan, the pass budget is spent, or `stop` says so.
    func improve(_ start: Evaluation, network net: Network, stop: () -> Bool) -> Evaluation {
        guard start.feasible, start.unreachedDemand.isEmpty else { return start }
        var best = start
        for _ in 0..<20 {
            var improved = false
            for v in branchRoots(best, network: net) {
                if stop() { return best }
                guard let moved = move(branch: v, in: best, network: net) else { continue }
                if moved.costFen < best.costFen, net.satisfiesRequirements(moved) {
                    best = moved
                    improved = true
                }
            }
            if !improved { break }
        }
        return best
    }

    /// Nodes whose branch may move: every node fed by an arc, in a fixed order.
    private func branchRoots(_ ev: Evaluation, network net: Network) -> [Int] {
        ev.order.filter { ev.parentArc[$0] != nil }
    }

    /// The plan with the branch below `v` re-attached at the cheapest estimated place, evaluated
    /// exactly (and repaired if pressure falls short); nil if no other place exists.
    private func move(branch v: Int, in ev: Evaluation, network net: Network) -> Evaluation? {
        let n = net.nodeIDs.count
        // The current forest as parent arcs.
        var parent = [ArcChoice?](repeating: nil, count: n)
        for (i, a) in ev.candidate.arcs.enumerated() where ev.parentArc[net.head(a)] == i { parent[net.head(a)] = a }
        var children = [[Int]](repeating: [], count: n)
        for w in 0..<n { if let a = parent[w] { children[net.tail(a)].append(w) } }
        // The branch: v and everything below it.
        var inBranch = [Bool](repeating: false, count: n)
        var stack = [v]
        while let w = stack.popLast() {
            inBranch[w] = true
            stack += children[w]
        }
        let branchHouseholds = ev.loadHouseholds[v]
        let branchFlow = ev.loadFlow[v]
        // Cut it off, then drop the dangling run above it (nodes left with no load and no children).
        guard let cutArc = parent[v] else { return nil }
        parent[v] = nil
        var loadN = ev.loadHouseholds
        var loadF = ev.loadFlow
        var w = net.tail(cutArc)
        children[w].removeAll { $0 == v }
        while true {
            loadN[w] -= branchHouseholds
            loadF[w] -= branchFlow
            guard let a = parent[w] else { break }
            w = net.tail(a)
        }
        w = net.tail(cutArc)
        while let a = parent[w], children[w].isEmpty, loadN[w] == 0, loadF[w] <= 0, !net.isSourceNode[w] {
            parent[w] = nil
            let up = net.tail(a)
            children[up].removeAll { $0 == w }
            w = up
        }
        var rootOf = [Int?](repeating: nil, count: n)
        var tapped = Set<Int>()
        for s in ev.candidate.sources { tapped.insert(s) }
        for u in ev.order where !inBranch[u] {
            if let a = parent[u] { rootOf[u] = rootOf[net.tail(a)] } else if let r = ev.root[u], net.sources[r].node == u { rootOf[u] = r }
        }
        // A source left serving nothing is no longer tapped (unless required).
        for s in tapped where loadN[net.sources[s].node] == 0 && loadF[net.sources[s].node] <= 0 && children[net.sources[s].node].isEmpty
            && !net.constraints.required.contains(net.sources[s].source.id)
        {
            tapped.remove(s)
        }
        func inTree(_ u: Int) -> Bool { !inBranch[u] && (parent[u] != nil || (rootOf[u].map { tapped.contains($0) } ?? false)) }

        let newRun = { (e: Int) -> Double? in
            net.cheapestFitting(edge: e, households: branchHouseholds, explicit: branchFlow).map { Double(net.edges[e].options[$0].costFen) }
        }
        // Cost of attaching at tree node u: upsizing every arc from u up to its source.
        func upsizing(_ u: Int) -> Double? {
            var extra = 0.0
            var x = u
            while let a = parent[x] {
                guard let now = net.cheapestFitting(edge: a.edge, households: loadN[x], explicit: loadF[x]),
                    let after = net.cheapestFitting(edge: a.edge, households: loadN[x] + branchHouseholds, explicit: loadF[x] + branchFlow)
                else { return nil }
                extra += Double(net.edges[a.edge].options[after].costFen - net.edges[a.edge].options[now].costFen)
                x = net.tail(a)
            }
            return extra
        }
        // Dijkstra from v outwards over nodes outside the tree and the branch; arcs point towards v.
        var dist = [Double](repeating: .infinity, count: n)
        var via = [ArcChoice?](repeating: nil, count: n)
        var done = [Bool](repeating: false, count: n)
        dist[v] = 0
        var adjacency = [[(edge: Int, to: Int, forward: Bool)]](repeating: [], count: n)
        for (e, edge) in net.edges.enumerated() {
            // An arc x→y with y on the path towards v.
            adjacency[edge.v].append((e, edge.u, true))
            adjacency[edge.u].append((e, edge.v, false))
        }
        var bestAttach: (cost: Double, node: Int, source: Int?)?
        let oldSource = ev.root[v]
        while let x = (0..<n).filter({ !done[$0] && dist[$0].isFinite }).min(by: { (dist[$0], $0) < (dist[$1], $1) }) {
            done[x] = true
            if let b = bestAttach, dist[x] >= b.cost { break }
            if x != v, inTree(x) {
                if let up = upsizing(x) {
                    let total = dist[x] + up
                    if bestAttach == nil || total < bestAttach!.cost { bestAttach = (total, x, nil) }
                }
                continue
            }
            if x != v || parent[x] == nil {
                for (s, src) in net.sources.enumerated() where src.node == x && !tapped.contains(s) {
                    let total = dist[x] + Double(src.fixedCostFen)
                    if bestAttach == nil || total < bestAttach!.cost || (total == bestAttach!.cost && s == oldSource) {
                        bestAttach = (total, x, s)
                    }
                }
            }
            for (e, y, forward) in adjacency[x] where !done[y] && !inBranch[y] {
                guard let price = newRun(e) else { continue }
                if dist[x] + price < dist[y] {
                    dist[y] = dist[x] + price
                    via[y] = ArcChoice(edge: e, forward: forward, option: 0)
                }
            }
        }
        guard let attach = bestAttach else { return nil }
        // Lay the new run from the attachment point down to v.
        var x = attach.node
        var run: [(node: Int, arc: ArcChoice)] = []
        while x != v, let a = via[x] {
            let next = net.head(a)
            run.append((next, a))
            x = next
        }
        guard x == v else { return nil }
        for (node, a) in run { parent[node] = a }
        if let s = attach.source { tapped.insert(s) }
        // Rebuild the candidate with every pipe resized to its load.
        var arcs: [ArcChoice] = []
        for u in 0..<n { if let a = parent[u] { arcs.append(a) } }
        var candidate = Candidate(sources: tapped.sorted(), arcs: arcs.sorted())
        let first = net.evaluate(candidate)
        guard first.unreachedDemand.isEmpty else { return nil }
        for (i, a) in candidate.arcs.enumerated() where first.parentArc[net.head(a)] == i {
            let h = net.head(a)
            guard let o = net.cheapestFitting(edge: a.edge, households: first.loadHouseholds[h], explicit: first.loadFlow[h]) else { return nil }
            candidate.arcs[i].option = o
        }
        candidate = net.pruned(candidate)
        let ev2 = net.evaluate(candidate)
        if ev2.feasible { return ev2 }
        return repair(ev2, network: net)
    }
}

extension Network {
    /// The cheapest pipe option of edge `e` that carries the design flow of this load, if any.
    func cheapestFitting(edge e: Int, households: Int, explicit: Double) -> Int? {
        let q = designFlow(households: households, explicit: explicit)
        let options = edges[e].options
        return options.indices.filter { Tolerance.within(flow: q, limit: options[$0].maxFlowCubicMetresPerHour) }
            .min { (options[$0].costFen, $0) < (options[$1].costFen, $1) }
    }
}
