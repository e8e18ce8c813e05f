// SPDX-License-Identifier: GPL-3.0-or-later
//
// Combinatorial cuts that remove a master solution the exact hydraulics reject, and nothing
// exactly feasible. Each cut says: "not all of these arcs, in these directions, with pipes at least
// this lossy (or this narrow), together with this source". Validity rests on monotonicity, which
// the hydraulics tests check: losses grow with flow and shrink with diameter, and design flow grows
// with the households downstream. If every arc of a sub-tree is present, the loads on the path it
// contains can only be larger, so the violation persists.

import ConnplanCore
import MILP

extension RouteFormulation {
    /// Adds cuts for every violation of `ev`; returns how many were added.
    @discardableResult
    mutating func addCuts(for ev: Evaluation) -> Int {
        var added = 0
        for violation in ev.violations {
            switch violation {
            case .pressure(let node): if addPressureCut(ev, node: node) { added += 1 }
            case .velocity(let arc): if addVelocityCut(ev, arc: arc) { added += 1 }
            case .capacity(let source): if addCapacityCut(ev, source: source) { added += 1 }
            }
        }
        cutsAdded += added
        return added
    }

    /// The rows `addCuts(for:)` would add for the plan of the integral master point `values`, if
    /// that plan fails the exact hydraulics: the combinatorial cuts and the hull facets on the
    /// violating paths (lazy rows for the search, `SolveOptions.lazyRows`). None if the plan is
    /// valid, or if it leaves demand unreached (the master's rows exclude that; the solve loop
    /// reports it as an error).
    func hydraulicRows(at values: [Double]) -> (rows: [Constraint], cuts: Int, hullLines: Int) {
        let ev = network.evaluate(network.pruned(candidate(from: values)))
        guard !ev.feasible, ev.unreachedDemand.isEmpty else { return ([], 0, 0) }
        var copy = self
        let before = copy.model.constraints.count
        copy.addCuts(for: ev)
        return (Array(copy.model.constraints[before...]), copy.cutsAdded - cutsAdded, copy.hullCutsAdded - hullCutsAdded)
    }

    /// Path of arc indices (into ev.candidate.arcs) from the root down to `node`.
    private func path(_ ev: Evaluation, to node: Int) -> [Int] {
        var p: [Int] = []
        var v = node
        while let ai = ev.parentArc[v] {
            p.append(ai)
            v = network.tail(ev.candidate.arcs[ai])
        }
        return p.reversed()
    }

    /// Arcs that connect `target` up to the first node in `stop` (exclusive of arcs above it).
    private func branch(_ ev: Evaluation, from target: Int, upTo stop: Set<Int>) -> [Int] {
        var arcs: [Int] = []
        var v = target
        while !stop.contains(v), let ai = ev.parentArc[v] {
            arcs.append(ai)
            v = network.tail(ev.candidate.arcs[ai])
        }
        return arcs
    }

    private func demandNodes(below node: Int, _ ev: Evaluation) -> [Int] {
        var children = [[Int]](repeating: [], count: network.nodeIDs.count)
        for (i, a) in ev.candidate.arcs.enumerated() where ev.parentArc[network.head(a)] == i {
            children[network.tail(a)].append(network.head(a))
        }
        var out: [Int] = []
        var stack = [node]
        while let v = stack.popLast() {
            if network.householdsAt[v] > 0 || network.explicitFlowAt[v] > 0 { out.append(v) }
            stack.append(contentsOf: children[v].reversed())
        }
        return out.sorted()
    }

    private func xTerms(_ ev: Evaluation, _ arcIndex: Int) -> [Term] {
        let a = ev.candidate.arcs[arcIndex]
        return y[a.edge][a.forward ? 0 : 1].map { Term($0, 1) }
    }

    /// Pressure at `node` too low: keep the path, shrink the set of off-path demands to a minimal one
    /// that still violates, and forbid that sub-tree with pipes at least as lossy on the path.
    private mutating func addPressureCut(_ ev: Evaluation, node b: Int) -> Bool {
        let net = network
        let p = path(ev, to: b)
        guard let first = p.first, let root = ev.root[b], let required = net.requiredPotential[b] else { return false }
        let pathNodes = [net.tail(ev.candidate.arcs[first])] + p.map { net.head(ev.candidate.arcs[$0]) }
        let pathIndex = Dictionary(uniqueKeysWithValues: pathNodes.enumerated().map { ($1, $0) })
        // Off-path demand nodes below the first arc, each with the index of the path node it hangs from.
        var attach: [Int: Int] = [:]
        for d in demandNodes(below: pathNodes[1], ev) where pathIndex[d] == nil {
            var v = d
            while pathIndex[v] == nil, let ai = ev.parentArc[v] { v = net.tail(ev.candidate.arcs[ai]) }
            attach[d] = pathIndex[v]
        }
        func potentialAtB(with kept: Set<Int>) -> Double {
            // Load on path arc i (into pathNodes[i+1]) = path-node demands from i+1 on + kept hanging at ≥ i+1.
            var pot = net.sources[root].potential
            for (i, ai) in p.enumerated() {
                var hh = 0
                var fl = 0.0
                for j in (i + 1)..<pathNodes.count { hh += net.householdsAt[pathNodes[j]]; fl += net.explicitFlowAt[pathNodes[j]] }
                for d in kept where attach[d]! >= i + 1 { hh += net.householdsAt[d]; fl += net.explicitFlowAt[d] }
                let a = ev.candidate.arcs[ai]
                pot -= net.loss(edge: a.edge, option: a.option, flow: net.designFlow(households: hh, explicit: fl))
                pot += net.elevationGain(from: pathNodes[i], to: pathNodes[i + 1])
            }
            return pot
        }
        var kept = Set(attach.keys)
        guard !Tolerance.meets(potential: potentialAtB(with: kept), required: required, utility: net.scenario.utility) else {
            return false
        }
        // Drop the smallest contributors first, so that the cut names as few branches as possible.
        for d in attach.keys.sorted(by: { (net.householdsAt[$0], $0) < (net.householdsAt[$1], $1) }) {
            kept.remove(d)
            if Tolerance.meets(potential: potentialAtB(with: kept), required: required, utility: net.scenario.utility) {
                kept.insert(d)
            }
        }
        var branchArcs = Set<Int>()
        for d in kept { branchArcs.formUnion(branch(ev, from: d, upTo: Set(pathNodes))) }
        // Strengthen the master's loss estimate on the path arcs at their current loads, too.
        for ai in p { addHullLine(for: ev.candidate.arcs[ai], households: ev.loadHouseholds[net.head(ev.candidate.arcs[ai])]) }

        var ex = LinearExpression([Term(u[root], 1)])
        for ai in p {
            let a = ev.candidate.arcs[ai]
            let chosen = net.edges[a.edge].options[a.option].pipe
            for (o, opt) in net.edges[a.edge].options.enumerated()
            where o == a.option || Network.lossier(opt.pipe, than: chosen, utility: net.scenario.utility) {
                ex.add(y[a.edge][a.forward ? 0 : 1][o], 1)
            }
        }
        for ai in branchArcs.sorted() { ex.terms += xTerms(ev, ai) }
        let rhs = Double(p.count + branchArcs.count)
        model.addConstraint("cut_p\(cutsAdded)_\(net.nodeIDs[b])", ex, .lessOrEqual, rhs)
        return true
    }

    /// Velocity above the limit on an arc: forbid the arc with a pipe at most as wide (in flow
    /// capacity) together with a minimal set of branches below it that still overloads it.
    private mutating func addVelocityCut(_ ev: Evaluation, arc ai: Int) -> Bool {
        let net = network
        let a = ev.candidate.arcs[ai]
        let h = net.head(a)
        let limit = net.edges[a.edge].options[a.option].maxFlowCubicMetresPerHour
        let below = demandNodes(below: h, ev).filter { $0 != h }
        func flow(_ kept: Set<Int>) -> Double {
            var hh = net.householdsAt[h]
            var fl = net.explicitFlowAt[h]
            for d in kept { hh += net.householdsAt[d]; fl += net.explicitFlowAt[d] }
            return net.designFlow(households: hh, explicit: fl)
        }
        var kept = Set(below)
        guard !Tolerance.within(flow: flow(kept), limit: limit) else { return false }
        for d in below.sorted(by: { (net.householdsAt[$0], $0) < (net.householdsAt[$1], $1) }) {
            kept.remove(d)
            if Tolerance.within(flow: flow(kept), limit: limit) { kept.insert(d) }
        }
        var branchArcs = Set<Int>()
        for d in kept { branchArcs.formUnion(branch(ev, from: d, upTo: [h])) }
        var ex = LinearExpression()
        for (o, opt) in net.edges[a.edge].options.enumerated() where opt.maxFlowCubicMetresPerHour <= limit {
            ex.add(y[a.edge][a.forward ? 0 : 1][o], 1)
        }
        for bi in branchArcs.sorted() { ex.terms += xTerms(ev, bi) }
        model.addConstraint("cut_v\(cutsAdded)_\(net.edges[a.edge].segment.id)", ex, .lessOrEqual, Double(branchArcs.count))
        return true
    }

    /// Source capacity exceeded: forbid the source together with a minimal overloading sub-tree.
    private mutating func addCapacityCut(_ ev: Evaluation, source s: Int) -> Bool {
        let net = network
        let root = net.sources[s].node
        guard let cap = net.sources[s].capacityCubicMetresPerHour else { return false }
        let below = demandNodes(below: root, ev).filter { $0 != root }
        func flow(_ kept: Set<Int>) -> Double {
            var hh = net.householdsAt[root]
            var fl = net.explicitFlowAt[root]
            for d in kept { hh += net.householdsAt[d]; fl += net.explicitFlowAt[d] }
            return net.designFlow(households: hh, explicit: fl)
        }
        var kept = Set(below)
        guard !Tolerance.within(flow: flow(kept), limit: cap) else { return false }
        for d in below.sorted(by: { (net.householdsAt[$0], $0) < (net.householdsAt[$1], $1) }) {
            kept.remove(d)
            if Tolerance.within(flow: flow(kept), limit: cap) { kept.insert(d) }
        }
        var branchArcs = Set<Int>()
        for d in kept { branchArcs.formUnion(branch(ev, from: d, upTo: [root])) }
        var ex = LinearExpression([Term(u[s], 1)])
        for bi in branchArcs.sorted() { ex.terms += xTerms(ev, bi) }
        model.addConstraint("cut_c\(cutsAdded)_\(net.sources[s].source.id)", ex, .lessOrEqual, Double(branchArcs.count))
        return true
    }
}
