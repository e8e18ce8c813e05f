// SPDX-License-Identifier: GPL-3.0-or-later
//
// Why no plan exists, in words a planner can act on: a building that cannot be reached without
// refused land, the best pressure any route could give a building against its requirement, a
// source too small, or a combination that only fails together.

import ConnplanCore
import Foundation

struct InfeasibilityDiagnosis {
    let network: Network

    func explain() -> [Finding] {
        let net = network
        var findings: [Finding] = []
        let unit = net.scenario.valueUnit
        let nodes = net.nodeIDs.count
        var adj = [[(to: Int, edge: Int)]](repeating: [], count: nodes)
        for (e, edge) in net.edges.enumerated() {
            adj[edge.u].append((edge.v, e))
            adj[edge.v].append((edge.u, e))
        }
        let sourceNodes = Set(net.sources.map(\.node))
        func reachable(from starts: Set<Int>, adjacency: [[(to: Int, edge: Int)]]) -> Set<Int> {
            var seen = starts
            var stack = Array(starts)
            while let u = stack.popLast() { for (v, _) in adjacency[u] where !seen.contains(v) { seen.insert(v); stack.append(v) } }
            return seen
        }
        let reach = reachable(from: sourceNodes, adjacency: adj)
        let buildingsAt = Dictionary(grouping: net.scenario.buildings, by: \.nodeID)
        func label(_ v: Int) -> String {
            let b = buildingsAt[net.nodeIDs[v]]?.map(\.id) ?? []
            return b.isEmpty ? "demand node \(net.nodeIDs[v])" : "building \(b.joined(separator: ", "))"
        }
        let demand = net.demandNodes
        if net.sources.isEmpty {
            let why = net.excludedSources.map { "\($0.source.id) (\($0.reason))" }.joined(separator: "; ")
            findings.append(Finding(.error, code: "no-usable-source", message: "no source can be used" + (why.isEmpty ? "." : ": \(why)."),
                                    fix: "Add a source, or obtain the consent of a refusing owner."))
            return findings
        }
        // 1. Unreachable buildings, and whether refused or forbidden land is what cuts them off.
        var unreachable = Set<Int>()
        for v in demand where !reach.contains(v) {
            unreachable.insert(v)
            let blockers = blockingOwners(to: v)
            let subject = buildingsAt[net.nodeIDs[v]]?.first?.id ?? net.nodeIDs[v]
            if blockers.isEmpty {
                findings.append(Finding(.error, code: "unreachable", subject: subject,
                                        message: "\(label(v)) is not connected to any source by candidate segments.",
                                        fix: "Add candidate segments that link node \(net.nodeIDs[v]) to a source."))
            } else {
                findings.append(Finding(.error, code: "refused-land", subject: subject,
                                        message: "\(label(v)) cannot be reached without crossing \(blockers.joined(separator: "; ")).",
                                        fix: "Obtain that consent, or add a candidate segment around that land."))
            }
        }
        // 2. Each building alone, with the least lossy pipe on every segment: the best achievable value.
        for v in demand where !unreachable.contains(v) {
            guard let required = net.requiredPotential[v] else { continue }
            let q = net.designFlow(households: net.householdsAt[v], explicit: net.explicitFlowAt[v])
            var best = -Double.infinity
            var bestSource: Int?
            var capacityBlocked: [String] = []
            for (s, src) in net.sources.enumerated() {
                if let cap = src.capacityCubicMetresPerHour, !Tolerance.within(flow: q, limit: cap) {
                    capacityBlocked.append(String(format: "%@ (spare %.2f m³/h)", src.source.id, cap))
                    continue
                }
                let d = bestPotential(from: src.node, start: src.potential, flow: q, to: v)
                if d > best { best = d; bestSource = s }
            }
            let subject = buildingsAt[net.nodeIDs[v]]?.first?.id ?? net.nodeIDs[v]
            guard let s = bestSource, best.isFinite else {
                let why = capacityBlocked.isEmpty ? "no pipe on any route is wide enough for its design flow at the velocity limit"
                    : "every source lacks the capacity: \(capacityBlocked.joined(separator: ", "))"
                findings.append(Finding(.error, code: capacityBlocked.isEmpty ? "velocity" : "capacity", subject: subject,
                                        message: String(format: "%@ (design flow %.2f m³/h) cannot be served: %@.", label(v), q, why),
                                        fix: capacityBlocked.isEmpty
                                            ? "Add a wider pipe to the catalogue for the segments on its route."
                                            : "Agree more spare capacity with a host, or obtain consent to tap another source."))
                continue
            }
            if required.isFinite, !Tolerance.meets(potential: best, required: required, utility: net.scenario.utility) {
                findings.append(Finding(
                    .error, code: "pressure-unreachable", subject: subject,
                    message: String(format: "the best achievable %@ at %@ is %.3f %@ against %.3f %@ required (from source %@, widest pipes, serving it alone).",
                                    net.scenario.utility == .gas ? "pressure" : "pressure head", label(v), net.statedValue(best, at: v), unit,
                                    net.statedValue(required, at: v), unit, net.sources[s].source.id),
                    fix: "Tap a source with more pressure or head, add wider pipes to the catalogue, or shorten the route."))
            }
        }
        // 2b. A required source must feed some demand: one too weak for every demand node, even
        // with the widest pipes and serving it alone, makes every plan invalid.
        for src in net.sources where net.constraints.required.contains(src.source.id) {
            var canServe = false
            var closest: (v: Int, value: Double, required: Double)?
            for v in demand where !unreachable.contains(v) {
                let q = net.designFlow(households: net.householdsAt[v], explicit: net.explicitFlowAt[v])
                if let cap = src.capacityCubicMetresPerHour, !Tolerance.within(flow: q, limit: cap) { continue }
                let d = bestPotential(from: src.node, start: src.potential, flow: q, to: v)
                guard d.isFinite else { continue }
                guard let required = net.requiredPotential[v], required.isFinite,
                    !Tolerance.meets(potential: d, required: required, utility: net.scenario.utility)
                else { canServe = true; break }
                if closest.map({ d - required > $0.value - $0.required }) ?? true { closest = (v, d, required) }
            }
            guard !canServe else { continue }
            var message = "the required source \(src.source.id) cannot serve any building"
            if let c = closest {
                message += String(
                    format: ": its best is %.3f %@ at %@ against %.3f %@ required (widest pipes, serving that building alone)",
                    net.statedValue(c.value, at: c.v), unit, label(c.v), net.statedValue(c.required, at: c.v), unit)
            }
            findings.append(Finding(.error, code: "required-source-unusable", subject: src.source.id, message: message + ".",
                                    fix: "Drop the requirement on \(src.source.id) (--require), or raise its pressure or head."))
        }
        // 3. Total capacity.
        let total = net.designFlow(households: net.totalHouseholds, explicit: net.totalExplicitFlow)
        let caps = net.sources.compactMap(\.capacityCubicMetresPerHour)
        if caps.count == net.sources.count, caps.reduce(0, +) < total * (1 - 1e-9), findings.isEmpty {
            findings.append(Finding(.error, code: "capacity",
                                    message: String(format: "the sources' spare capacity totals %.2f m³/h, but serving every household needs %.2f m³/h.", caps.reduce(0, +), total),
                                    fix: "Find a source with more spare capacity, or agree a larger share with a host."))
        }
        if findings.isEmpty {
            findings.append(Finding(.error, code: "combined",
                                    message: "each building can be served on its own, but no single plan serves them all together within the pressure, velocity and capacity limits.",
                                    fix: "Add wider pipes or a second source; run with --verbose to see the solver's work."))
        }
        return findings
    }

    /// Owners (refused or forbidden) on the route to `v` that needs the fewest such crossings.
    private func blockingOwners(to v: Int) -> [String] {
        let net = network
        let scenario = net.scenario
        let index = net.nodeIndex
        var adj = [[(Int, Segment)]](repeating: [], count: net.nodeIDs.count)
        for seg in scenario.segments {
            guard let a = index[seg.fromNodeID], let b = index[seg.toNodeID] else { continue }
            adj[a].append((b, seg))
            adj[b].append((a, seg))
        }
        let excluded = Dictionary(net.excludedSegments.map { ($0.segment.id, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let excludedSources = Dictionary(net.excludedSources.map { ($0.source.id, $0.reason) }, uniquingKeysWith: { a, _ in a })
        // 0-1 BFS: cost 1 for an excluded segment.
        var dist = [Int](repeating: .max, count: net.nodeIDs.count)
        var via = [(Int, Segment)?](repeating: nil, count: net.nodeIDs.count)
        var deque: [Int] = []
        var starts: [(Int, Int)] = net.sources.map { ($0.node, 0) }
        for s in scenario.sources where excludedSources[s.id] != nil { if let n = index[s.nodeID] { starts.append((n, 1)) } }
        for (n, c) in starts where c < dist[n] { dist[n] = c; deque.append(n) }
        var changed = true
        while changed {  // Bellman-Ford style relaxation; graphs here are small.
            changed = false
            for u in 0..<net.nodeIDs.count where dist[u] != .max {
                for (w, seg) in adj[u] {
                    let c = dist[u] + (excluded[seg.id] != nil ? 1 : 0)
                    if c < dist[w] { dist[w] = c; via[w] = (u, seg); changed = true }
                }
            }
        }
        guard dist[v] != .max else { return [] }
        var reasons: [String] = []
        var cur = v
        var guardSteps = 0
        while let (prev, seg) = via[cur], guardSteps < net.nodeIDs.count {
            if let r = excluded[seg.id] { reasons.append("segment \(seg.id): \(r)") }
            cur = prev
            guardSteps += 1
        }
        if reasons.isEmpty {
            for s in scenario.sources where excludedSources[s.id] != nil && index[s.nodeID] == cur {
                reasons.append("source \(s.id): \(excludedSources[s.id]!)")
            }
        }
        return reasons.reversed()
    }

    /// Highest potential reachable at `target` from `root` carrying `flow` alone, with the least lossy
    /// option of each edge that can carry the flow (Bellman-Ford; no negative cycles since elevation
    /// gains cancel around a loop and losses are ≥ 0).
    private func bestPotential(from root: Int, start: Double, flow: Double, to target: Int) -> Double {
        let net = network
        var best = [Double](repeating: -.infinity, count: net.nodeIDs.count)
        best[root] = start
        for _ in 0..<net.nodeIDs.count {
            var changed = false
            for (e, edge) in net.edges.enumerated() {
                let losses = edge.options.indices
                    .filter { Tolerance.within(flow: flow, limit: edge.options[$0].maxFlowCubicMetresPerHour) }
                    .map { net.loss(edge: e, option: $0, flow: flow) }
                guard let l = losses.min() else { continue }
                for (a, b) in [(edge.u, edge.v), (edge.v, edge.u)] where best[a].isFinite {
                    let p = best[a] - l + net.elevationGain(from: a, to: b)
                    if p > best[b] + 1e-12 { best[b] = p; changed = true }
                }
            }
            if !changed { break }
        }
        return best[target]
    }
}
