// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore

/// Issue 3's district family: a k×k street grid (nodes at grid points, 2k(k−1) segments of
/// 10–60 m), 3 candidate sources with a tie-in cost of 2,000–20,000 CNY, ⌊k²/3⌋ demand nodes of
/// 5–40 households, and the four-size catalogue of `BenchCatalogue` (200/260/340/480 CNY/m).
/// Every owner grants consent at no cost, so the objective is pipe cost + tie-in costs.
enum GridInstance {
    static func make(_ spec: InstanceSpec) -> Scenario {
        var g = SeededGenerator(seed: spec.seed &* 0x1000_0000_01B3 &+ UInt64(spec.size))
        let k = max(2, spec.size)
        func id(_ r: Int, _ c: Int) -> String { "r\(r)c\(c)" }
        var nodes: [Node] = []
        for r in 0..<k {
            for c in 0..<k {
                // Gentle relief (0–4 m); it matters only when pressure binds.
                let z = (Double.random(in: 0...4, using: &g) * 10).rounded() / 10
                nodes.append(Node(id: id(r, c), xMetres: nil, yMetres: nil, elevationMetres: z))
            }
        }
        var segments: [Segment] = []
        for r in 0..<k {
            for c in 0..<k {
                if c + 1 < k {
                    segments.append(Segment(id: "h\(r)_\(c)", fromNodeID: id(r, c), toNodeID: id(r, c + 1),
                                            lengthMetres: Double(Int.random(in: 10...60, using: &g)), surface: BenchCatalogue.surface))
                }
                if r + 1 < k {
                    segments.append(Segment(id: "v\(r)_\(c)", fromNodeID: id(r, c), toNodeID: id(r + 1, c),
                                            lengthMetres: Double(Int.random(in: 10...60, using: &g)), surface: BenchCatalogue.surface))
                }
            }
        }
        let cells = (0..<(k * k)).shuffled(using: &g)
        let sourceCells = cells.prefix(3)
        let demandCells = cells.dropFirst(3).prefix(k * k / 3)
        let owner = Owner(id: "city", name: "City water company", consent: .granted)
        let sourcesNoHead = sourceCells.enumerated().map { i, cell in
            Source(id: "src\(i)", name: "Main tie-in \(i)", nodeID: nodes[cell].id, ownerID: owner.id,
                   headMetres: 0, tieInCostFen: Int.random(in: 20...200, using: &g) * 10_000)
        }
        let buildings = demandCells.enumerated().map { i, cell in
            Building(id: "B\(i)", compoundID: "district", nodeID: nodes[cell].id, floors: Int.random(in: 3...7, using: &g),
                     households: Int.random(in: 5...40, using: &g))
        }
        var scenario = Scenario(
            name: spec.name,
            description: "connplan-bench grid family (issue 3), k=\(k), seed \(spec.seed), pressure \(spec.pressure ? "on" : "off")",
            utility: .water, nodes: nodes,
            compounds: [Compound(id: "district", name: "District \(k)x\(k)", buildingIDs: buildings.map(\.id))],
            buildings: buildings, segments: segments, pipes: BenchCatalogue.pipes(), sources: sourcesNoHead, owners: [owner],
            demand: BenchCatalogue.demand)
        let head = BenchCatalogue.sourceHeadMetres(scenario: scenario, pressure: spec.pressure)
        for i in scenario.sources.indices { scenario.sources[i].headMetres = head }
        return scenario
    }
}
