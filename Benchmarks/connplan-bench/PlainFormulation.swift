// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore
import MILP

/// The "plain" single-commodity MILP of issue 3, built from a scenario for side-by-side runs with
/// GLPK and HiGHS on identical data. No hydraulics beyond capacities:
///
/// - one binary y[a,o] per arc a (both directions of every usable segment) and pipe option o;
/// - at most one option and direction per segment: Σ_{d,o} y[e,d,o] ≤ 1;
/// - flow (households) x[a] ≤ Σ_o capacity_o · y[a,o];
/// - flow balance at every node: inflow − outflow + supply = households there;
/// - supply σ[s] ≤ min(total households, spare capacity) · u[s], u binary;
/// - objective: pipe cost + tie-in/regulator costs (+ consent costs through w[owner] ≥ y,
///   + the per-household items as a constant), all in fen, as the planner reports them.
///
/// Capacities in households are computed as the planner does (largest n whose design flow fits
/// the velocity limit). Refused owners' segments and sources are left out. Pressure is ignored,
/// so with pressure on this is a relaxation of the planner's model, and it does not force a
/// forest (flow may split), so its optimum can be below ours even with pressure off.
enum PlainFormulation {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    static func build(_ s: Scenario) throws -> Model {
        guard s.nodeDemands.isEmpty else { throw Unsupported(description: "explicit node demands are not in the plain model") }
        let index = Dictionary(uniqueKeysWithValues: s.nodes.enumerated().map { ($1.id, $0) })
        var householdsAt = [Int](repeating: 0, count: s.nodes.count)
        for b in s.buildings { householdsAt[index[b.nodeID]!] += b.households }
        let total = householdsAt.reduce(0, +)
        let flowOf = (0...total).map { DesignFlow.householdsFlowCubicMetresPerHour(households: $0, demand: s.demand) }
        func householdsWithin(_ flow: Double?) -> Int {
            guard let f = flow, f.isFinite else { return total }
            return flowOf.lastIndex { $0 <= f } ?? 0
        }
        func maxFlow(_ v: Double?, _ d: Double) -> Double? { v.map { $0 * Double.pi * (d / 1000) * (d / 1000) / 4 * 3600 } }
        let refused = Set(s.owners.filter { $0.consent == .refused }.map(\.id))
        let consentCost = Dictionary(uniqueKeysWithValues: s.owners.map { ($0.id, $0.consentCostFen) })

        var m = Model(name: "plain-\(s.name)")
        var ownerVar: [String: VariableID] = [:]
        func consentVariable(_ owner: String?) -> VariableID? {
            guard let o = owner, let c = consentCost[o], c > 0 else { return nil }
            if let v = ownerVar[o] { return v }
            let v = m.addVariable("w_\(o)", kind: .binary)
            m.objective.add(v, Double(c))
            ownerVar[o] = v
            return v
        }
        var inflow = [[Term]](repeating: [], count: s.nodes.count)
        for seg in s.segments {
            if let o = seg.ownerID, refused.contains(o) { continue }
            guard let u = index[seg.fromNodeID], let v = index[seg.toNodeID] else { continue }
            var options: [(label: String, costFen: Fen, capacity: Int)] = []
            if let ex = seg.existing {
                options.append(("existing", 0, householdsWithin(maxFlow(ex.maxVelocityMetresPerSecond, ex.innerDiameterMillimetres))))
            }
            if seg.existing?.replaceable ?? true {
                for p in s.pipes {
                    guard let price = p.costPerMetreFen[seg.surface] else { continue }
                    options.append((p.id, Scenario.pipeCostFen(pricePerMetreFen: price, lengthMetres: seg.lengthMetres),
                                    householdsWithin(maxFlow(p.maxVelocityMetresPerSecond, p.innerDiameterMillimetres))))
                }
            }
            guard !options.isEmpty else { continue }
            var once = LinearExpression()
            for (dir, (a, b)) in [(u, v), (v, u)].enumerated() {
                let x = m.addVariable("x_\(seg.id)_\(dir)", lowerBound: 0, upperBound: Double(total))
                var capacity = LinearExpression([Term(x, 1)])
                for o in options {
                    let y = m.addVariable("y_\(seg.id)_\(dir)_\(o.label)", kind: .binary)
                    m.objective.add(y, Double(o.costFen))
                    capacity.add(y, -Double(o.capacity))
                    once.add(y, 1)
                }
                m.addConstraint("cap_\(seg.id)_\(dir)", capacity, .lessOrEqual, 0)
                inflow[b].append(Term(x, 1))
                inflow[a].append(Term(x, -1))
            }
            if let w = consentVariable(seg.ownerID) {
                var uses = once
                uses.add(w, -1)
                m.addConstraint("consent_\(seg.id)", uses, .lessOrEqual, 0)
            }
            m.addConstraint("one_\(seg.id)", once, .lessOrEqual, 1)
        }
        for src in s.sources where !refused.contains(src.ownerID) {
            guard let n = index[src.nodeID] else { continue }
            let cap = min(total, householdsWithin(src.spareCapacityCubicMetresPerHour))
            let supply = m.addVariable("sigma_\(src.id)", lowerBound: 0, upperBound: Double(total))
            let tap = m.addVariable("u_\(src.id)", kind: .binary)
            m.objective.add(tap, Double(src.tieInCostFen + (src.regulator?.costFen ?? 0)))
            m.addConstraint("src_\(src.id)", LinearExpression([Term(supply, 1), Term(tap, -Double(cap))]), .lessOrEqual, 0)
            inflow[n].append(Term(supply, 1))
            if let w = consentVariable(src.ownerID) {
                m.addConstraint("consent_\(src.id)", LinearExpression([Term(tap, 1), Term(w, -1)]), .lessOrEqual, 0)
            }
        }
        for (i, node) in s.nodes.enumerated() where !inflow[i].isEmpty || householdsAt[i] > 0 {
            m.addConstraint("bal_\(node.id)", LinearExpression(inflow[i]), .equal, Double(householdsAt[i]))
        }
        m.objective.constant = Double(s.perHouseholdFixedCostFen * total)
        return m
    }
}
