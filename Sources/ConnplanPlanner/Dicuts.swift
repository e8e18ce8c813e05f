// SPDX-License-Identifier: GPL-3.0-or-later
//
// Directed cut (dicut) inequalities for the master MILP, separated in the solver's search instead
// of being written into the LP as commodity flows.
//
// For a demand node k and a node set S that contains k, every plan feeds k along a tree path from
// a tapped source. Either that source sits inside S, or the path enters S over an arc laid with a
// pipe that carries at least k's own demand (every arc of the path carries it). So
//
//     Σ_{arcs a into S} Σ_{options o of a that fit q_k} y[a,o]  +  Σ_{sources s inside S} u[s]  ≥  1
//
// holds for every plan of the master (and of the exact model). Over all S these rows describe the
// same connectivity polytope as the multi-commodity flows of RouteFormulation (max-flow/min-cut
// duality; Wong 1984, "A dual ascent approach for Steiner tree problems on a directed graph";
// Magnanti & Wolsey 1995, "Optimal trees", §4), but only the few that an LP point violates are
// ever added. The most violated one for k is a minimum cut between a super-root (joined to each
// source node with capacity u[s]) and k in the graph whose arc capacities are the LP values
// Σ_o y[a,o] (Edmonds & Karp 1972 for the max-flow).
//
// The cuts are valid inequalities only: the aggregated flow balance already makes every integer
// solution connected, so the solver may keep or drop any of them without changing the answer.

import ConnplanCore
import MILP

/// How the master expresses "every demand node is joined to a tapped source" beyond the
/// aggregated flow balance.
public enum MasterConnectivity: String, Sendable, CaseIterable {
    /// Commodity flows in the LP (one per demand node): strongest LP, largest model.
    case commodityFlows = "commodity-flows"
    /// Dicut inequalities separated by the solver's cut callback: same bound in the limit, small LP.
    case dicutsInSearch = "dicuts"
    /// Commodity flows while (demand nodes × arcs) stays small, dicuts beyond.
    case automatic

    /// Demand nodes × directed arcs up to which `automatic` writes commodity flows. Measured
    /// (docs/performance.md, 2026-12-06): dicuts were faster on the 5×5 grids (640) and on every
    /// generated compound (up to 720), equal on Shifo, far better from 10×10 on (where the
    /// commodity LP does not solve in 30 s); only tiny networks such as Compound 79 (48) keep the
    /// commodity flows, where both solve in milliseconds.
    static let commodityFlowLimit = 200

    /// Demand nodes × directed arcs: the commodity flows' size, the measure this rule and `MasterSearch`'s use.
    static func size(_ network: Network) -> Int { network.demandNodes.count * 2 * network.edges.count }

    func resolved(for network: Network) -> MasterConnectivity {
        switch self {
        case .automatic:
            return Self.size(network) <= Self.commodityFlowLimit ? .commodityFlows : .dicutsInSearch
        default: return self
        }
    }
}

struct DicutSeparator: Sendable {
    /// A directed arc with every option's y column and the households that option can carry.
    struct Arc: Sendable {
        var tail: Int
        var head: Int
        var options: [(column: VariableID, households: Int)]
        /// The household-load columns n[a,o] of the arc's options (empty without household demand).
        var loads: [VariableID]
    }
    struct Terminal: Sendable {
        var node: Int
        var name: String
        /// Arcs (indices into `arcs`) with an option that fits the terminal's own demand, and the
        /// y columns of those options.
        var fitting: [(arc: Int, columns: [VariableID])]
    }
    let nodeCount: Int
    let householdsAt: [Int]
    /// Whether a capacity cut-set row may count an entering arc by its load instead of its pipes
    /// (where that is smaller at the LP point); see `capacityCut`.
    let loadTerms: Bool
    /// Every directed arc, both directions of each edge in edge order.
    let arcs: [Arc]
    let terminals: [Terminal]
    /// (node, u column) per source.
    let sources: [(node: Int, column: VariableID)]
    /// Smallest violation worth a row (the LP tolerances are around 1e-9; GLPK's own cut selection
    /// discards rows whose efficacy is below about 1e-2 anyway).
    let minimumViolation = 1e-3

    init(network net: Network, y: [[[VariableID]]], n: [[[VariableID?]]], u: [VariableID], loadTerms: Bool? = nil) {
        self.loadTerms = loadTerms ?? MasterSearch.wantsLoadTermsInCapacityCuts(net)
        nodeCount = net.nodeIDs.count
        householdsAt = net.householdsAt
        sources = net.sources.enumerated().map { (node: $0.element.node, column: u[$0.offset]) }
        var arcs: [Arc] = []
        for (e, edge) in net.edges.enumerated() {
            for d in 0..<2 {
                let options = edge.options.indices.map { (column: y[e][d][$0], households: net.householdsWithin(flow: edge.options[$0].maxFlowCubicMetresPerHour)) }
                arcs.append(Arc(tail: d == 0 ? edge.u : edge.v, head: d == 0 ? edge.v : edge.u, options: options, loads: n[e][d].compactMap { $0 }))
            }
        }
        self.arcs = arcs
        terminals = net.demandNodes.map { k in
            let qk = net.designFlow(households: net.householdsAt[k], explicit: net.explicitFlowAt[k])
            var fitting: [(arc: Int, columns: [VariableID])] = []
            for (e, edge) in net.edges.enumerated() {
                let fits = edge.options.indices.filter { Tolerance.within(flow: qk, limit: edge.options[$0].maxFlowCubicMetresPerHour) }
                guard !fits.isEmpty else { continue }
                for d in 0..<2 { fitting.append((arc: 2 * e + d, columns: fits.map { y[e][d][$0] })) }
            }
            return Terminal(node: k, name: net.nodeIDs[k], fitting: fitting)
        }
    }

    /// The violated dicuts at LP point `x` (model order): for each demand node, the minimum cut
    /// nearest the root and, if different, the one nearest the demand node; and the capacity
    /// cut-set rows on those and on further sets.
    func cuts(at x: [Double]) -> [Constraint] {
        var rows: [Constraint] = []
        var seen = Set<[Int]>()
        var rootCapacity = [Double](repeating: 0, count: nodeCount)
        for s in sources { rootCapacity[s.node] += max(0, x[s.column.index]) }
        /// A max-flow network from the super-root (index `nodeCount`) over the given arc capacities.
        func network(_ capacities: [(arc: Int, capacity: Double)]) -> MaxFlow {
            var flow = MaxFlow(nodes: nodeCount + 1)
            for (a, c) in capacities where c > 1e-12 { flow.addArc(arcs[a].tail, arcs[a].head, c) }
            for (v, c) in rootCapacity.enumerated() where c > 1e-12 { flow.addArc(nodeCount, v, c) }
            return flow
        }
        /// Each side of the two minimum cuts once: the root-nearest and the demand-nearest.
        func rootSides(_ flow: MaxFlow, _ t: Terminal, tag: [Int]) -> [[Bool]] {
            // Complement of "can reach k": the root side of the cut nearest k.
            [flow.reachableFromSource(nodeCount), flow.canReachSink(t.node).map { !$0 }].filter { side in
                seen.insert(tag + side.indices.filter { side[$0] }).inserted
            }
        }

        for t in terminals {
            var flow = network(t.fitting.map { f in (f.arc, f.columns.reduce(0.0) { $0 + max(0, x[$1.index]) }) })
            guard flow.maximise(from: nodeCount, to: t.node, enough: 1) < 1 - minimumViolation else { continue }
            for rootSide in rootSides(flow, t, tag: []) {
                var e = LinearExpression()
                for f in t.fitting where rootSide[arcs[f.arc].tail] && !rootSide[arcs[f.arc].head] {
                    for c in f.columns { e.add(c, 1) }
                }
                for s in sources where !rootSide[s.node] { e.add(s.column, 1) }
                rows.append(Constraint(name: "dicut_\(t.name)", expression: e, sense: .greaterOrEqual, rightHandSide: 1))
                if let c = capacityCut(name: t.name, rootSide: rootSide, x) { rows.append(c) }
            }
        }
        // Capacity cut-sets around each demand node, found by a min cut with each option weighted
        // by the share of the node's own households it can carry.
        for t in terminals where householdsAt[t.node] > 0 {
            let h = Double(householdsAt[t.node])
            var flow = network(arcs.indices.map { a in
                (a, arcs[a].options.reduce(0.0) { $0 + max(0, x[$1.column.index]) * min(1, Double($1.households) / h) })
            })
            guard flow.maximise(from: nodeCount, to: t.node, enough: 1) < 1 else { continue }
            for rootSide in rootSides(flow, t, tag: [-1]) {
                if let c = capacityCut(name: t.name, rootSide: rootSide, x) { rows.append(c) }
            }
        }
        // Capacity cut-sets on the subtrees of two parent forests of the LP point: each node's
        // parent is the arc into it with the largest Σ_o y (first forest) or the largest load
        // Σ_o n (second); S = a node and everything whose parent chain passes through it. These
        // are the sets a tree's trunks feed, which the single-node min cuts rarely find. (Measured
        // on 7×7 grids, docs/performance.md 2026-12-06 third run: without them seed 1 ends with
        // 2.4 % gap after 20 s instead of proving optimality.)
        let forests = [
            subtreeRootSides(weights: arcs.map { laid($0, x) }, roots: rootCapacity),
            subtreeRootSides(weights: arcs.map { load($0, x) }, roots: [Double](repeating: 0, count: nodeCount)),
        ]
        for rootSide in forests.joined() where seen.insert([-2] + rootSide.indices.filter { rootSide[$0] }).inserted {
            if let c = capacityCut(name: "tree", rootSide: rootSide, x) { rows.append(c) }
        }
        return rows
    }

    /// Σ_o y[a,o] at x: how far the LP lays arc `a`.
    private func laid(_ a: Arc, _ x: [Double]) -> Double { a.options.reduce(0.0) { $0 + max(0, x[$1.column.index]) } }

    /// Σ_o n[a,o] at x: the households the LP sends over arc `a`.
    private func load(_ a: Arc, _ x: [Double]) -> Double { a.loads.reduce(0.0) { $0 + max(0, x[$1.index]) } }

    /// The root sides of the subtrees of a parent forest: each node's parent is the arc into it
    /// with the largest weight, if that beats the node's own root weight; the subtree of `v` is `v`
    /// and every node whose parent chain passes through it (a chain that runs into a cycle stops
    /// after `nodeCount` steps).
    private func subtreeRootSides(weights: [Double], roots: [Double]) -> [[Bool]] {
        var parent = [Int](repeating: -1, count: nodeCount)
        var best = roots
        for (ai, a) in arcs.enumerated() where weights[ai] > best[a.head] + 1e-9 {
            best[a.head] = weights[ai]
            parent[a.head] = ai
        }
        var below = [[Bool]](repeating: [Bool](repeating: false, count: nodeCount), count: nodeCount)
        for w in 0..<nodeCount {
            var v = w
            var steps = 0
            while steps <= nodeCount {
                below[v][w] = true
                guard parent[v] >= 0 else { break }
                v = arcs[parent[v]].tail
                steps += 1
                if v == w { break }
            }
        }
        return (0..<nodeCount).filter { parent[$0] >= 0 }.map { v in below[v].map { !$0 } }
    }

    /// The most violated capacity cut-set row for the demand side S of a cut, if `x` violates one.
    /// Unless a source inside S is tapped, the pipes entering S carry S's H(S) households, each at
    /// most its capacity (n ≤ cap·y in the master):  Σ_{arcs a into S} Σ_o cap_o·y[a,o] ≥ H(S).
    /// Divided by a capacity δ and rounded (the mixed-integer rounding of Nemhauser & Wolsey 1988,
    /// II.1.7; for network loading, Bienstock & Günlük 1996, "Capacitated network design —
    /// polyhedral structure and computation"), with b = H(S)/δ, f = b − ⌊b⌋ > 0:
    ///     Σ_a Σ_o min(⌈b⌉, ⌊cap_o/δ⌋ + min(frac(cap_o/δ), f)/f) · y[a,o] + ⌈b⌉·Σ_{s in S} u[s] ≥ ⌈b⌉
    /// (a coefficient above the right-hand side may be lowered to it: y is binary). With δ ≥ H(S)
    /// this is Σ min(1, cap_o/H(S))·y + Σ u ≥ 1; smaller δ (every capacity on offer is tried) say
    /// how many pipes of one size S needs. Every arc into S counts, with all its options.
    /// With `loadTerms`, an entering arc may count by its household load n_a = Σ_o n[a,o] instead
    /// (n_a ≤ Σ_o cap_o·y[a,o], and the loads entering S add up to at least H(S), so the base row
    /// holds with either); a continuous term enters the rounding with coefficient 1/(f·δ) per
    /// household (1/δ when f = 0). Each arc takes the smaller at x: an arc the LP lays with a large
    /// pipe but little load then counts by what it carries.
    private func capacityCut(name: String, rootSide: [Bool], _ x: [Double]) -> Constraint? {
        let inside = (0..<nodeCount).filter { !rootSide[$0] }
        let total = inside.reduce(0) { $0 + householdsAt[$1] }
        guard total > 0 else { return nil }
        let entering = arcs.filter { rootSide[$0.tail] && !rootSide[$0.head] }
        let insideSources = sources.filter { !rootSide[$0.node] }
        var divisors = Set(entering.flatMap { $0.options.map(\.households) }.filter { $0 > 0 })
        divisors.insert(total)
        var best: (violation: Double, row: Constraint)?
        for delta in divisors.sorted() {
            let b = Double(total) / Double(delta)
            let rhs = b.rounded(.up)
            let f = b - b.rounded(.down)
            guard f > 1e-9 || delta == total else { continue }
            func coefficient(_ households: Int) -> Double {
                let a = Double(households) / Double(delta)
                let whole = a.rounded(.down)
                let part = f > 1e-9 ? min(a - whole, f) / f : a - whole
                return min(rhs, whole + part)
            }
            // Each entering arc counts by its pipes or, with `loadTerms` and where that is
            // smaller at x, by its load.
            let perLoad = f > 1e-9 ? 1 / (f * Double(delta)) : 1 / Double(delta)
            var e = LinearExpression()
            var lhs = 0.0
            for a in entering {
                let coefficients = a.options.map { coefficient($0.households) }
                let byPipes = zip(a.options, coefficients).reduce(0.0) { $0 + $1.1 * max(0, x[$1.0.column.index]) }
                let byLoad = perLoad * load(a, x)
                if loadTerms && !a.loads.isEmpty && byLoad < byPipes {
                    for n in a.loads { e.add(n, perLoad) }
                    lhs += byLoad
                } else {
                    for (o, c) in zip(a.options, coefficients) where c > 0 { e.add(o.column, c) }
                    lhs += byPipes
                }
            }
            for s in insideSources { e.add(s.column, rhs); lhs += rhs * max(0, x[s.column.index]) }
            let violation = (rhs - lhs) / rhs
            guard violation > minimumViolation, violation > (best?.violation ?? 0) else { continue }
            best = (violation, Constraint(name: "capcut_\(name)", expression: e, sense: .greaterOrEqual, rightHandSide: rhs))
        }
        return best?.row
    }
}

/// Edmonds–Karp maximum flow on a small directed graph with real capacities.
struct MaxFlow {
    private var head: [Int] = []
    private var capacity: [Double] = []
    private var out: [[Int]]

    init(nodes: Int) { out = Array(repeating: [], count: nodes) }

    mutating func addArc(_ from: Int, _ to: Int, _ cap: Double) {
        out[from].append(head.count); head.append(to); capacity.append(cap)
        out[to].append(head.count); head.append(from); capacity.append(0)
    }

    /// Augments along shortest paths until no path is left or `enough` has been sent.
    mutating func maximise(from s: Int, to t: Int, enough: Double) -> Double {
        var total = 0.0
        while total < enough {
            var via = [Int](repeating: -1, count: out.count)
            var queue = [s]
            var seen = [Bool](repeating: false, count: out.count)
            seen[s] = true
            var i = 0
            while i < queue.count, !seen[t] {
                let v = queue[i]
                i += 1
                for a in out[v] where capacity[a] > 1e-12 && !seen[head[a]] {
                    seen[head[a]] = true
                    via[head[a]] = a
                    queue.append(head[a])
                }
            }
            guard seen[t] else { break }
            var push = enough - total
            var v = t
            while v != s { let a = via[v]; push = min(push, capacity[a]); v = head[a ^ 1] }
            v = t
            while v != s { let a = via[v]; capacity[a] -= push; capacity[a ^ 1] += push; v = head[a ^ 1] }
            total += push
        }
        return total
    }

    /// Nodes reachable from `s` in the residual graph.
    func reachableFromSource(_ s: Int) -> [Bool] { residualSearch(from: s, forward: true) }

    /// Nodes from which `t` can be reached in the residual graph.
    func canReachSink(_ t: Int) -> [Bool] { residualSearch(from: t, forward: false) }

    /// Depth-first search over arcs with residual capacity, along them (`forward`) or against them.
    /// Arc indices come in pairs: `a ^ 1` is `a` reversed, so for an arc `r` leaving `v` (head
    /// `u`), `r ^ 1` is the arc from `u` into `v`.
    private func residualSearch(from start: Int, forward: Bool) -> [Bool] {
        var seen = [Bool](repeating: false, count: out.count)
        seen[start] = true
        var stack = [start]
        while let v = stack.popLast() {
            for r in out[v] {
                let u = head[r]
                if capacity[forward ? r : r ^ 1] > 1e-12 && !seen[u] {
                    seen[u] = true
                    stack.append(u)
                }
            }
        }
        return seen
    }
}
