// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore
import Foundation

/// The pipe catalogue and water demand shared by the generators.
///
/// Issue 3 states capacities in households (10/40/120/400). The planner works in design flow, so
/// the mapping is: peak-hour water demand (GB 50015-2019 §3.2) with 3 persons × 200 L/day × K_h 2.4
/// gives q = 0.06 m³/h per household, linear in households; each pipe's velocity limit is set so
/// that its flow limit is (capacity + 0.5)·q. The planner's `householdsWithin` then yields exactly
/// the stated capacity, with half a household of margin against rounding.
enum BenchCatalogue {
    static let personsPerHousehold = 3.0
    static let litresPerPersonPerDay = 200.0
    static let peakFactor = 2.4
    static let hazenWilliamsC = 140.0
    static let surface = "street"

    /// Design flow of one household, m³/h.
    static var householdFlowCubicMetresPerHour: Double {
        personsPerHousehold * litresPerPersonPerDay / 1000 / 24 * peakFactor
    }

    /// (id, DN, inner diameter mm, capacity in households, price CNY/m) of issue 3.
    static let gridSizes: [(id: String, dn: Int, innerMillimetres: Double, households: Int, cnyPerMetre: Int)] = [
        ("pe25", 25, 20.4, 10, 200),
        ("pe40", 40, 32.6, 40, 260),
        ("pe63", 63, 51.4, 120, 340),
        ("pe110", 110, 90.0, 400, 480),
    ]

    /// Velocity, m/s, at which a pipe of `innerMillimetres` carries exactly `flow` m³/h.
    static func velocity(flowCubicMetresPerHour flow: Double, innerMillimetres: Double) -> Double {
        let d = innerMillimetres / 1000
        return flow / (Double.pi * d * d / 4 * 3600)
    }

    static func pipes(surfaces: [String] = [surface], surcharge: [String: Int] = [:]) -> [PipeType] {
        gridSizes.map { p in
            let maxFlow = (Double(p.households) + 0.5) * householdFlowCubicMetresPerHour
            var prices: [String: Fen] = [:]
            for s in surfaces { prices[s] = (p.cnyPerMetre + (surcharge[s] ?? 0)) * 100 }
            return PipeType(
                id: p.id, material: "PE100", nominalDiameter: p.dn, innerDiameterMillimetres: p.innerMillimetres,
                hazenWilliamsC: hazenWilliamsC,
                maxVelocityMetresPerSecond: velocity(flowCubicMetresPerHour: maxFlow, innerMillimetres: p.innerMillimetres),
                costPerMetreFen: prices)
        }
    }

    static var demand: DemandModel {
        .water(WaterDemand(
            personsPerHousehold: personsPerHousehold, litresPerPersonPerDay: litresPerPersonPerDay, peakFactor: peakFactor,
            method: .peakHour, serviceHead: ServiceHeadRule(firstFloorMetres: 10, secondFloorMetres: 12, perExtraFloorMetres: 4)))
    }

    /// Largest Hazen-Williams gradient (m/m) of any catalogue pipe at its velocity limit.
    static func steepestGradient(_ pipes: [PipeType]) -> Double {
        pipes.map { p in
            let flow = p.maxVelocityMetresPerSecond * Double.pi * pow(p.innerDiameterMillimetres / 1000, 2) / 4 * 3600
            return WaterHydraulics.headGradientMetresPerMetre(
                flowCubicMetresPerHour: flow, innerDiameterMillimetres: p.innerDiameterMillimetres,
                hazenWilliamsC: p.hazenWilliamsC ?? hazenWilliamsC)
        }.max() ?? 0
    }

    /// Gradient (m/m) of the widest pipe at its own velocity limit.
    static func widestGradient(_ pipes: [PipeType]) -> Double {
        guard let p = pipes.max(by: { $0.innerDiameterMillimetres < $1.innerDiameterMillimetres }) else { return 0 }
        return steepestGradient([p])
    }

    /// Total head (m) for every source.
    ///
    /// Off: enough to cover the steepest gradient over the total candidate length, so no simple path
    /// can ever violate a minimum. On: the highest required head plus the widest pipe's gradient
    /// at its limit over the longest shortest-path distance from a demand node to its nearest
    /// source, so the all-widest shortest-path forest is feasible (when it respects capacities)
    /// while long runs of small pipes at capacity are not: pressure binds. `tightness` < 1 scales
    /// that allowance down (short compound runs need it to bind at all; feasibility is then not
    /// guaranteed, and an infeasible instance is reported as such).
    static func sourceHeadMetres(scenario s: Scenario, pressure: Bool, tightness: Double = 1) -> Double {
        var required = 0.0
        for b in s.buildings {
            let z = s.node(b.nodeID)?.elevationMetres ?? 0
            required = max(required, s.requiredValue(for: b) + z)
        }
        if !pressure {
            let total = s.segments.reduce(0) { $0 + $1.lengthMetres }
            return (required + steepestGradient(s.pipes) * total + 10).rounded(.up)
        }
        let distance = farthestDemandDistance(s)
        return ((required + tightness * widestGradient(s.pipes) * distance) * 100).rounded(.up) / 100
    }

    /// max over buildings of the shortest-path distance (m) to the nearest source (Dijkstra, usable segments).
    static func farthestDemandDistance(_ s: Scenario) -> Double {
        let index = Dictionary(uniqueKeysWithValues: s.nodes.enumerated().map { ($1.id, $0) })
        let refused = Set(s.owners.filter { $0.consent == .refused }.map(\.id))
        var adjacency = [[(Int, Double)]](repeating: [], count: s.nodes.count)
        for seg in s.segments where !(seg.ownerID.map(refused.contains) ?? false) {
            guard let u = index[seg.fromNodeID], let v = index[seg.toNodeID] else { continue }
            adjacency[u].append((v, seg.lengthMetres))
            adjacency[v].append((u, seg.lengthMetres))
        }
        var dist = [Double](repeating: .infinity, count: s.nodes.count)
        for src in s.sources where !refused.contains(src.ownerID) { if let i = index[src.nodeID] { dist[i] = 0 } }
        var done = [Bool](repeating: false, count: s.nodes.count)
        for _ in 0..<s.nodes.count {
            guard let u = dist.indices.filter({ !done[$0] && dist[$0].isFinite }).min(by: { dist[$0] < dist[$1] }) else { break }
            done[u] = true
            for (v, w) in adjacency[u] where dist[u] + w < dist[v] { dist[v] = dist[u] + w }
        }
        return s.buildings.compactMap { index[$0.nodeID].map { dist[$0] } }.filter(\.isFinite).max() ?? 0
    }
}
