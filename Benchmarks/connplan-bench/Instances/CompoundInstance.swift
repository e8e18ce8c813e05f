// SPDX-License-Identifier: GPL-3.0-or-later
import ConnplanCore

/// A realistic single compound: `size` buildings (clamped to 2…12) among junctions in a
/// 160 m × 160 m site, 10–30 candidate segments on verge, pavement or asphalt, 2–4 sources on the
/// edge of the site. Owners: the compound's own land (no consent), a roads office (pending, with a
/// fee), an estate (granted, with a fee) and a neighbour who refused. A spanning tree of
/// non-refused segments keeps every instance connected to the first source, which is never refused.
enum CompoundInstance {
    static func make(_ spec: InstanceSpec) -> Scenario {
        var g = SeededGenerator(seed: spec.seed &* 0x9E37_79B9 &+ 7_919 &* UInt64(spec.size))
        let buildingCount = min(max(spec.size, 2), 12)
        let sourceCount = Int.random(in: 2...4, using: &g)
        let junctionCount = Int.random(in: 2...(3 + buildingCount / 2), using: &g)
        var nodes: [Node] = []
        func point(edge: Bool) -> (Double, Double) {
            if edge {
                let t = Double.random(in: 0...160, using: &g).rounded()
                switch Int.random(in: 0...3, using: &g) {
                case 0: return (t, 0)
                case 1: return (t, 160)
                case 2: return (0, t)
                default: return (160, t)
                }
            }
            return (Double.random(in: 20...140, using: &g).rounded(), Double.random(in: 20...140, using: &g).rounded())
        }
        for i in 0..<sourceCount {
            let (x, y) = point(edge: true)
            nodes.append(Node(id: "tap\(i)", xMetres: x, yMetres: y, elevationMetres: (Double.random(in: 0...2, using: &g) * 10).rounded() / 10))
        }
        for i in 0..<junctionCount {
            let (x, y) = point(edge: false)
            nodes.append(Node(id: "j\(i)", xMetres: x, yMetres: y, elevationMetres: (Double.random(in: 0...2, using: &g) * 10).rounded() / 10))
        }
        for i in 0..<buildingCount {
            let (x, y) = point(edge: false)
            nodes.append(Node(id: "b\(i)", xMetres: x, yMetres: y, elevationMetres: (Double.random(in: 0...2, using: &g) * 10).rounded() / 10))
        }
        func distance(_ a: Int, _ b: Int) -> Double {
            let dx = nodes[a].xMetres! - nodes[b].xMetres!
            let dy = nodes[a].yMetres! - nodes[b].yMetres!
            return max(3, (dx * dx + dy * dy).squareRoot())
        }
        let owners = [
            Owner(id: "roads", name: "District roads office", consent: .pending, consentCostFen: Int.random(in: 10...80, using: &g) * 10_000),
            Owner(id: "estate", name: "Neighbouring estate", consent: .granted, consentCostFen: Int.random(in: 5...30, using: &g) * 10_000),
            Owner(id: "factory", name: "Neighbouring factory", consent: .refused),
            Owner(id: "water-co", name: "City water company", consent: .granted),
        ]
        let surfaces = ["verge", "pavement", "asphalt"]
        var segments: [Segment] = []
        var pairs = Set<[Int]>()
        func addSegment(_ a: Int, _ b: Int, allowRefused: Bool) {
            let key = [min(a, b), max(a, b)]
            guard a != b, pairs.insert(key).inserted else { return }
            let roll = Int.random(in: 0...9, using: &g)
            let owner: String? = roll < 5 ? nil : roll < 7 ? "roads" : roll < 8 ? "estate" : allowRefused ? "factory" : nil
            // Routes wind a little: up to 15 % over the straight line (below the loader's 20 % warning).
            let length = (distance(a, b) * Double.random(in: 1.0...1.15, using: &g)).rounded()
            segments.append(Segment(id: "e\(segments.count)", fromNodeID: nodes[a].id, toNodeID: nodes[b].id,
                                    lengthMetres: max(3, length), surface: surfaces.randomElement(using: &g)!, ownerID: owner))
        }
        // Spanning tree grown from source 0: each node joins its nearest node already in the tree.
        var inTree = [0]
        for n in 1..<nodes.count {
            let nearest = inTree.min { distance(n, $0) < distance(n, $1) }!
            addSegment(n, nearest, allowRefused: false)
            inTree.append(n)
        }
        let target = min(30, max(10, Int.random(in: (nodes.count + 2)...(2 * nodes.count + 4), using: &g)))
        var attempts = 0
        while segments.count < target && attempts < 500 {
            attempts += 1
            let a = Int.random(in: 0..<nodes.count, using: &g)
            let near = nodes.indices.filter { $0 != a }.sorted { distance(a, $0) < distance(a, $1) }.prefix(4)
            addSegment(a, near.randomElement(using: &g)!, allowRefused: true)
        }
        let sourceOwners = ["water-co", "estate", "factory", "roads"]
        let sources = (0..<sourceCount).map { i in
            Source(id: "src\(i)", name: "Tie-in \(i)", nodeID: "tap\(i)", ownerID: i == 0 ? "water-co" : sourceOwners.randomElement(using: &g)!,
                   headMetres: 0, tieInCostFen: Int.random(in: 5...60, using: &g) * 100_000)
        }
        let buildings = (0..<buildingCount).map { i in
            Building(id: "B\(i)", compoundID: "cpd", nodeID: "b\(i)", floors: Int.random(in: 2...7, using: &g),
                     households: Int.random(in: 6...48, using: &g))
        }
        var scenario = Scenario(
            name: spec.name,
            description: "connplan-bench compound family, \(buildingCount) buildings, seed \(spec.seed), pressure \(spec.pressure ? "on" : "off")",
            utility: .water, nodes: nodes,
            compounds: [Compound(id: "cpd", name: "Compound \(spec.seed)", buildingIDs: buildings.map(\.id))],
            buildings: buildings, segments: segments,
            pipes: BenchCatalogue.pipes(surfaces: surfaces, surcharge: ["pavement": 60, "asphalt": 210]),
            sources: sources, owners: owners, householdCosts: [HouseholdCost(item: "meter", costFen: 45_000)],
            demand: BenchCatalogue.demand)
        let head = BenchCatalogue.sourceHeadMetres(scenario: scenario, pressure: spec.pressure, tightness: 0.3)
        for i in scenario.sources.indices { scenario.sources[i].headMetres = max(head, (nodes[i].elevationMetres + 1).rounded(.up)) }
        return scenario
    }
}
