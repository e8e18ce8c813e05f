// SPDX-License-Identifier: GPL-3.0-or-later
//
// A candidate plan in network indices, and its exact hydraulic evaluation. The evaluation is the
// "stated model": design flows from the households and explicit flows actually downstream of each
// pipe, exact friction losses, gas buoyancy, velocity limits and source capacities.

import ConnplanCore

/// One laid segment in a candidate: edge index, direction of flow, and pipe option.
struct ArcChoice: Hashable, Sendable, Comparable {
    var edge: Int
    /// true: from segment.from to segment.to.
    var forward: Bool
    var option: Int
    static func < (a: ArcChoice, b: ArcChoice) -> Bool { (a.edge, a.forward ? 0 : 1, a.option) < (b.edge, b.forward ? 0 : 1, b.option) }
}

struct Candidate: Hashable, Sendable {
    var sources: [Int]
    var arcs: [ArcChoice]
}

enum Violation: Hashable, Sendable {
    case pressure(node: Int)
    case velocity(arc: Int)
    case capacity(source: Int)
}

/// Requirement tolerances shared by the planner's exact evaluation and the exhaustive oracle:
/// potentials within this of the requirement count as meeting it (Pa for gas, m for water).
enum Tolerance {
    /// Potentials are Pa (gas) or m (water); `ModelTolerance` is stated in kPa or m.
    static func meets(potential: Double, required: Double, utility: Utility) -> Bool {
        utility == .gas
            ? ModelTolerance.meets(value: potential / 1000, required: required / 1000)
            : ModelTolerance.meets(value: potential, required: required)
    }
    static func within(flow: Double, limit: Double) -> Bool { ModelTolerance.within(flow: flow, limit: limit) }
    /// `ModelTolerance.requirement` in potential units (Pa for gas, m for water).
    static func requirementSlack(utility: Utility) -> Double {
        utility == .gas ? ModelTolerance.requirement * 1000 : ModelTolerance.requirement
    }
}

struct Evaluation: Sendable {
    var candidate: Candidate
    /// For each node: index into candidate.arcs of the arc feeding it (nil for roots / unreached).
    var parentArc: [Int?]
    /// For each node: index into network.sources of its root (nil if unreached).
    var root: [Int?]
    /// Reached nodes in breadth-first order from the roots.
    var order: [Int]
    var loadHouseholds: [Int]
    var loadFlow: [Double]
    /// Per candidate arc (same indices as candidate.arcs).
    var flow: [Double]
    var loss: [Double]
    var velocity: [Double]
    var potential: [Double]
    var violations: [Violation]
    var unreachedDemand: [Int]
    var costFen: Fen
    var feasible: Bool { violations.isEmpty && unreachedDemand.isEmpty }
}

extension Network {
    func tail(_ a: ArcChoice) -> Int { a.forward ? edges[a.edge].u : edges[a.edge].v }
    func head(_ a: ArcChoice) -> Int { a.forward ? edges[a.edge].v : edges[a.edge].u }

    /// Exact evaluation of a candidate. Arcs not reachable from a used source are ignored.
    func evaluate(_ c: Candidate) -> Evaluation {
        let n = nodeIDs.count
        var outArcs = [[Int]](repeating: [], count: n)
        for (i, a) in c.arcs.enumerated() { outArcs[tail(a)].append(i) }
        var parentArc = [Int?](repeating: nil, count: n)
        var root = [Int?](repeating: nil, count: n)
        var order: [Int] = []
        for s in c.sources where root[sources[s].node] == nil {
            let start = sources[s].node
            root[start] = s
            var queue = [start]
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                order.append(u)
                for ai in outArcs[u] {
                    let v = self.head(c.arcs[ai])
                    guard root[v] == nil else { continue }
                    root[v] = s
                    parentArc[v] = ai
                    queue.append(v)
                }
            }
        }
        var loadN = [Int](repeating: 0, count: n)
        var loadF = [Double](repeating: 0, count: n)
        for v in order {
            loadN[v] = householdsAt[v]
            loadF[v] = explicitFlowAt[v]
        }
        for v in order.reversed() {
            if let ai = parentArc[v] {
                let p = tail(c.arcs[ai])
                loadN[p] += loadN[v]
                loadF[p] += loadF[v]
            }
        }
        var flow = [Double](repeating: 0, count: c.arcs.count)
        var losses = [Double](repeating: 0, count: c.arcs.count)
        var velocity = [Double](repeating: 0, count: c.arcs.count)
        var potential = [Double](repeating: -.infinity, count: n)
        var violations: [Violation] = []
        for v in order {
            guard let ai = parentArc[v] else {
                potential[v] = sources[root[v]!].potential
                continue
            }
            let a = c.arcs[ai]
            let opt = edges[a.edge].options[a.option]
            let q = designFlow(households: loadN[v], explicit: loadF[v])
            flow[ai] = q
            losses[ai] = loss(edge: a.edge, option: a.option, flow: q)
            velocity[ai] = PipeFlow.velocityMetresPerSecond(
                flowCubicMetresPerHour: q, innerDiameterMillimetres: opt.pipe.innerDiameterMillimetres)
            potential[v] = potential[tail(a)] - losses[ai] + elevationGain(from: tail(a), to: v)
            if !Tolerance.within(flow: q, limit: opt.maxFlowCubicMetresPerHour) { violations.append(.velocity(arc: ai)) }
        }
        var unreached: [Int] = []
        for v in demandNodes {
            guard root[v] != nil else { unreached.append(v); continue }
            if let r = requiredPotential[v], r.isFinite,
                !Tolerance.meets(potential: potential[v], required: r, utility: scenario.utility)
            {
                violations.append(.pressure(node: v))
            }
        }
        var usedSources: [Int] = []
        for s in c.sources where root[sources[s].node] == s { usedSources.append(s) }
        for s in usedSources {
            let v = sources[s].node
            if let cap = sources[s].capacityCubicMetresPerHour,
                !Tolerance.within(flow: designFlow(households: loadN[v], explicit: loadF[v]), limit: cap)
            {
                violations.append(.capacity(source: s))
            }
        }
        // Cost of what is actually connected.
        var cost: Fen = scenario.totalHouseholds * scenario.perHouseholdFixedCostFen
        var ownersUsed = Set<Int>()
        for v in order { if let ai = parentArc[v] {
            let a = c.arcs[ai]
            cost += edges[a.edge].options[a.option].costFen
            if let o = edges[a.edge].owner { ownersUsed.insert(o) }
        } }
        for s in usedSources {
            cost += sources[s].fixedCostFen
            ownersUsed.insert(sources[s].owner)
        }
        for o in ownersUsed { cost += owners[o].consentCostFen }
        return Evaluation(
            candidate: Candidate(sources: usedSources, arcs: c.arcs), parentArc: parentArc, root: root, order: order,
            loadHouseholds: loadN, loadFlow: loadF, flow: flow, loss: losses, velocity: velocity, potential: potential,
            violations: violations, unreachedDemand: unreached, costFen: cost)
    }

    /// Removes arcs that are not connected to a used source or that feed no demand, and sources
    /// that serve nothing, unless the user required them. Never makes a plan worse.
    func pruned(_ c: Candidate) -> Candidate {
        var current = c
        while true {
            let e = evaluate(current)
            var keep: [ArcChoice] = []
            for (i, a) in current.arcs.enumerated() {
                let v = head(a)
                let connected = e.parentArc[v] == i
                let carries = e.loadHouseholds[v] > 0 || e.loadFlow[v] > 0
                    || subtreeHasRequired(e, v)
                if connected && (carries || isRequired(edge: a.edge)) { keep.append(a) }
            }
            let serving = e.candidate.sources.filter { s in
                let v = sources[s].node
                return e.loadHouseholds[v] > 0 || e.loadFlow[v] > 0 || constraints.required.contains(sources[s].source.id)
                    || constraints.required.contains(sources[s].source.ownerID)
                    || subtreeHasRequired(e, v) || requiredPotential[v] != nil
            }
            let next = Candidate(sources: serving, arcs: keep)
            if next == current { return current }
            current = next
        }
    }

    /// Per option of edge `e`: 1 + the most households a strictly cheaper option carries (0 if no
    /// option is cheaper). A pipe that carries fewer could be swapped for a cheaper one.
    func fewestHouseholds(edge e: Int) -> [Int] {
        let options = edges[e].options
        return options.map { o in
            (options.filter { $0.costFen < o.costFen }.map { householdsWithin(flow: $0.maxFlowCubicMetresPerHour) }.max() ?? -1) + 1
        }
    }

    /// The plan with each pipe the cheapest option that carries its load (`cheapestFitting`, the
    /// evaluation's own velocity test, which the master's household counts follow:
    /// `householdsWithin`); a pipe no dearer than that one is kept. Never costlier, and valid
    /// whenever the plan is and pressure cannot bind (`RouteFormulation.addDownsizingRows`).
    func downsized(_ c: Candidate) -> Candidate {
        let ev = evaluate(c)
        let arcs = c.arcs.enumerated().map { i, a -> ArcChoice in
            let options = edges[a.edge].options
            guard ev.parentArc[head(a)] == i,
                let best = cheapestFitting(edge: a.edge, households: ev.loadHouseholds[head(a)], explicit: ev.loadFlow[head(a)]),
                options[best].costFen < options[a.option].costFen
            else { return a }
            var b = a
            b.option = best
            return b
        }
        return Candidate(sources: c.sources, arcs: arcs)
    }

    /// A segment the user required, or one of an owner the user required.
    func isRequired(edge e: Int) -> Bool {
        let seg = edges[e].segment
        return constraints.required.contains(seg.id) || seg.ownerID.map { constraints.required.contains($0) } == true
    }

    private func subtreeHasRequired(_ e: Evaluation, _ v: Int) -> Bool {
        guard !constraints.required.isEmpty else { return false }
        // A required segment below v keeps the branch.
        var stack = [v]
        var children = [[Int]](repeating: [], count: nodeIDs.count)
        for (i, a) in e.candidate.arcs.enumerated() where e.parentArc[head(a)] == i { children[tail(a)].append(i) }
        while let u = stack.popLast() {
            for ai in children[u] {
                let a = e.candidate.arcs[ai]
                if isRequired(edge: a.edge) { return true }
                stack.append(head(a))
            }
        }
        return false
    }
}
