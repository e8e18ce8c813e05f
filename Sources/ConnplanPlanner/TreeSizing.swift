// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cheapest pipe sizes for a fixed route, and the subproblem rows built on it.
//
// With the route fixed (the laid arcs, each with its direction, and the tapped sources), every
// arc's design flow is fixed (GB 50015 / GB 50028 design flows of the households and explicit
// demands downstream), so each pipe option's friction loss on it is a number. What remains is a
// tree knapsack: choose one option per arc, at least cost, so that every demand node keeps its
// required potential. It is solved exactly by dynamic programming from the leaves up over Pareto
// sets of (cost, potential needed at the node) — the tree recursion of discrete pipe sizing
// (Gupta, Hassan & Cook, "Dynamic programming solution of water distribution networks", 1972;
// the same recursion as Kadu et al. 2008 for branched networks). A pair is kept only if no other
// pair is both cheaper and needs less: sets stay small because costs are sums of a few prices.
//
// The master MILP relaxes the sizes of a route (its loss rows are linear under-estimates and its
// LP mixes options on an arc), so a search node whose LP lays a whole route may still need many
// branchings on sizes to prove that route's cheapest sizing. `SubproblemSizing` gives the node
// that value at once: for the route T at the node's LP point, with V(T) the cheapest valid plan on
// T and z the node's LP bound, every solution in the node's subtree satisfies
//     objective + M·(Σ_{route columns j at 1 in T} (1 − x_j) + Σ_{route columns j at 0} x_j) ≥ V(T),
// M = V(T) − z (plus a margin): a solution on route T costs at least V(T); any other differs in at
// least one binary route column, so the left side is at least z + M = V(T) there too (its
// objective is at least z, the subtree's bound). Where no sizing of T is valid, every valid plan
// has another route: the route columns differ in at least one place (a no-good, valid anywhere).

import ConnplanCore
import Foundation
import MILP

extension Network {
    /// The outcome of sizing one route.
    enum RouteSizing {
        /// The cheapest exactly valid plan on the route (its pipes chosen), evaluated.
        case cheapest(Evaluation)
        /// No choice of pipes makes the route valid (pressure, velocity or a source's capacity).
        case noValidSizing
        /// Not sized: the arcs do not form a forest from the sources reaching every demand node,
        /// the Pareto sets grew past `limit`, or the cheapest sizing fails the exact evaluation by a
        /// rounding hair. Nothing can be concluded.
        case unknown
    }

    /// The cheapest pipes for the route `arcs` (options ignored) from `sources`, by dynamic
    /// programming over Pareto sets of (cost, needed potential), each set at most `limit` pairs.
    /// `budget` is the number of pairs the recursion may still form; what it forms is taken off
    /// (`.unknown` once it runs out), so that the work of a whole search stays bounded without a
    /// clock.
    func cheapestSizing(sources: [Int], arcs: [ArcChoice], limit: Int = 4096, budget: inout Int) -> RouteSizing {
        let shape = evaluate(Candidate(sources: sources, arcs: arcs))
        // A forest hanging from the tapped sources, every arc in it, every demand node reached.
        guard shape.unreachedDemand.isEmpty, shape.candidate.sources.count == sources.count,
            arcs.indices.allSatisfy({ shape.parentArc[head(arcs[$0])] == $0 })
        else { return .unknown }
        for s in shape.candidate.sources {
            if let cap = self.sources[s].capacityCubicMetresPerHour {
                let v = self.sources[s].node
                if !Tolerance.within(flow: designFlow(households: shape.loadHouseholds[v], explicit: shape.loadFlow[v]), limit: cap) {
                    return .noValidSizing
                }
            }
        }
        /// A (cost, need) pair with where it came from: for an arc's set, the option and the pair
        /// of the set below; for a node's set after its k-th child, the pair of the set before
        /// that child and the pair of the child's arc set.
        struct Pair {
            var cost: Fen
            var need: Double
            var first: Int
            var second: Int
        }
        // Cheaper first; among equal costs the lower need; a pair survives only if it needs
        // strictly less than every cheaper one.
        func pareto(_ pairs: [Pair]) -> [Pair] {
            let order = pairs.indices.sorted { (pairs[$0].cost, pairs[$0].need, $0) < (pairs[$1].cost, pairs[$1].need, $1) }
            var kept: [Pair] = []
            var lowest = Double.infinity
            for i in order where pairs[i].need < lowest {
                kept.append(pairs[i])
                lowest = pairs[i].need
            }
            return kept
        }
        var children = [[Int]](repeating: [], count: nodeIDs.count)
        for (i, a) in arcs.enumerated() { children[tail(a)].append(i) }
        // stages[v][k]: v's set after its first k children (k = 0: v alone); arcSets[ai]: the set
        // at the tail of arc ai for the subtree through it.
        var stages = [[[Pair]]](repeating: [], count: nodeIDs.count)
        var arcSets = [[Pair]](repeating: [], count: arcs.count)
        // The requirement with the checker's tolerance and a rounding margin, so that the recursion
        // never rejects what `evaluate` accepts (it may accept a hair more; see `.unknown`).
        let slack = Tolerance.requirementSlack(utility: scenario.utility)
        for v in shape.order.reversed() {
            var need = -Double.infinity
            if let r = requiredPotential[v], r.isFinite { need = r - slack - 1e-9 * max(1, abs(r)) }
            var set = [Pair(cost: 0, need: need, first: -1, second: -1)]
            stages[v].append(set)
            for ai in children[v] {
                let a = arcs[ai]
                let c = head(a)
                guard let below = stages[c].last else { return .unknown }
                let q = designFlow(households: shape.loadHouseholds[c], explicit: shape.loadFlow[c])
                let gain = elevationGain(from: v, to: c)
                var through: [Pair] = []
                for (o, opt) in edges[a.edge].options.enumerated() where Tolerance.within(flow: q, limit: opt.maxFlowCubicMetresPerHour) {
                    let loss = loss(edge: a.edge, option: o, flow: q)
                    for (i, p) in below.enumerated() {
                        through.append(Pair(cost: p.cost + opt.costFen, need: p.need + loss - gain, first: o, second: i))
                    }
                }
                budget -= through.count
                guard budget >= 0 else { return .unknown }
                through = pareto(through)
                if through.isEmpty { return .noValidSizing }
                budget -= set.count * through.count
                guard set.count * through.count <= limit * 16, budget >= 0 else { return .unknown }
                arcSets[ai] = through
                var merged: [Pair] = []
                merged.reserveCapacity(set.count * through.count)
                for (i, p) in set.enumerated() {
                    for (j, t) in through.enumerated() {
                        merged.append(Pair(cost: p.cost + t.cost, need: max(p.need, t.need), first: i, second: j))
                    }
                }
                set = pareto(merged)
                if set.count > limit { return .unknown }
                stages[v].append(set)
            }
        }
        var sized = arcs
        // Walks a node's chosen pair back through its children, setting each arc's option.
        func choose(_ v: Int, _ pick: Int) {
            var i = pick
            for k in stride(from: children[v].count, through: 1, by: -1) {
                let ai = children[v][k - 1]
                let p = stages[v][k][i]
                let t = arcSets[ai][p.second]
                sized[ai].option = t.first
                choose(head(arcs[ai]), t.second)
                i = p.first
            }
        }
        for s in shape.candidate.sources {
            let v = self.sources[s].node
            let potential = self.sources[s].potential
            guard let set = stages[v].last else { return .unknown }
            // Cheapest first: the first pair the source's potential covers.
            guard let best = set.firstIndex(where: { $0.need <= potential + 1e-9 * max(1, abs(potential)) }) else { return .noValidSizing }
            choose(v, best)
        }
        let ev = evaluate(Candidate(sources: sources, arcs: sized))
        return ev.feasible ? .cheapest(ev) : .unknown
    }
}

/// `SolveOptions.subproblemRows` for a master with route columns (see the top of this file).
final class SubproblemSizing: @unchecked Sendable {
    private let network: Network
    private let formulation: RouteFormulation
    /// u[s] then laid[e][d], the route columns, in a fixed order, and what each one lays.
    private let routeColumns: [VariableID]
    private enum RouteItem { case source(Int), arc(ArcChoice) }
    private let routeItems: [RouteItem]
    private enum Known { case value(Double), noValidSizing, unknown }
    private let lock = NSLock()
    private var known: [[Int]: Known] = [:]
    private var tally = (routes: 0, sized: 0, invalid: 0)
    /// Pairs the recursion may form in one search (`Network.cheapestSizing`): about half a second
    /// of work at most. Shifo's S-CITY-S run forms about 14,000 per route (257,220 for 18 routes,
    /// 11 ms).
    static let pairBudget = 10_000_000
    private var budget = SubproblemSizing.pairBudget

    init(network: Network, formulation: RouteFormulation) {
        self.network = network
        self.formulation = formulation
        routeColumns = formulation.u + formulation.laid.flatMap { $0 }
        routeItems = formulation.u.indices.map { .source($0) }
            + formulation.laid.indices.flatMap { e in
                formulation.laid[e].indices.map { d in .arc(ArcChoice(edge: e, forward: d == 0, option: 0)) }
            }
    }

    /// Routes looked at, those with a valid sizing and those with none, and the pairs the
    /// recursion formed (a measure of its work that, unlike a time, is the same on every run).
    var counts: (routes: Int, sized: Int, invalid: Int, pairs: Int) {
        lock.withLock { (tally.routes, tally.sized, tally.invalid, Self.pairBudget - max(budget, 0)) }
    }

    func rows(at view: SubproblemView) -> SubproblemRows {
        var onRoute: [Int] = []
        for (k, col) in routeColumns.enumerated() {
            let x = view.values[col.index]
            if abs(x - x.rounded()) > 1e-6 { return SubproblemRows() }
            if x > 0.5 { onRoute.append(k) }
        }
        var point: [Double]?
        let outcome: Known = lock.withLock {
            if let k = known[onRoute] { return k }
            let result = size(onRoute)
            known[onRoute] = result.known
            point = result.point
            tally.routes += 1
            switch result.known {
            case .value: tally.sized += 1
            case .noValidSizing: tally.invalid += 1
            case .unknown: break
            }
            return result.known
        }
        // Σ_{on route} (1 − x) + Σ_{off route} x: 0 on this route, at least 1 on any other.
        var deviation = LinearExpression(constant: Double(onRoute.count))
        var isOn = [Bool](repeating: false, count: routeColumns.count)
        for k in onRoute { isOn[k] = true }
        for (k, col) in routeColumns.enumerated() { deviation.add(col, isOn[k] ? -1 : 1) }
        switch outcome {
        case .unknown:
            return SubproblemRows(point: point)
        case .noValidSizing:
            return SubproblemRows(rows: [Constraint(name: "route_nogood", expression: deviation, sense: .greaterOrEqual, rightHandSide: 1)])
        case .value(let v):
            let z = view.objective
            guard v > z + 0.5 else { return SubproblemRows(point: point) }
            let m = v - z + max(1, 1e-6 * abs(v))
            var row = formulation.model.objective
            for t in deviation.terms { row.add(t.variable, m * t.coefficient) }
            row.constant += m * deviation.constant
            return SubproblemRows(rows: [Constraint(name: "route_sizing", expression: row, sense: .greaterOrEqual, rightHandSide: v)], point: point)
        }
    }

    private func size(_ onRoute: [Int]) -> (known: Known, point: [Double]?) {
        var sources: [Int] = []
        var arcs: [ArcChoice] = []
        for k in onRoute {
            switch routeItems[k] {
            case .source(let s): sources.append(s)
            case .arc(let a): arcs.append(a)
            }
        }
        switch network.cheapestSizing(sources: sources, arcs: arcs, budget: &budget) {
        case .cheapest(let ev): return (.value(Double(ev.costFen)), formulation.point(for: ev))
        case .noValidSizing: return (.noValidSizing, nil)
        case .unknown: return (.unknown, nil)
        }
    }
}
