// SPDX-License-Identifier: GPL-3.0-or-later
//
// Seeded random scenarios for property tests and the oracle: small networks with up to 8
// candidate segments, up to 3 pipe sizes, 1 or 2 sources, and some refused owners.

import ConnplanCore

/// SplitMix64: a small, fast, seedable generator (Steele, Lea & Flood 2014).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

public enum RandomScenarios {
    /// A small random scenario for `utility`. Deterministic for a given seed.
    public static func small(seed: UInt64, utility: Utility, standards: StandardsData) -> Scenario {
        var g = SeededGenerator(seed: seed)
        let nodeCount = Int.random(in: 4...6, using: &g)
        var nodes: [Node] = []
        for i in 0..<nodeCount {
            nodes.append(Node(id: "N\(i)", xMetres: Double.random(in: 0...60, using: &g).rounded(),
                              yMetres: Double.random(in: 0...60, using: &g).rounded(),
                              elevationMetres: Double.random(in: 0...(utility == .gas ? 12 : 6), using: &g).rounded()))
        }
        // Sources on the first one or two nodes; buildings on others.
        let sourceCount = Int.random(in: 1...2, using: &g)
        let owners = [
            Owner(id: "own-a", name: "A", consent: .granted, consentCostFen: Bool.random(using: &g) ? 0 : 150_000),
            Owner(id: "own-p", name: "P", consent: .pending, consentCostFen: Bool.random(using: &g) ? 0 : 80_000),
            Owner(id: "own-r", name: "R", consent: .refused, consentCostFen: 0),
        ]
        var sources: [Source] = []
        for s in 0..<sourceCount {
            let owner = ["own-a", "own-p", "own-r", "own-a"][Int.random(in: 0...3, using: &g)]
            let cap: Double? = Int.random(in: 0...3, using: &g) == 0 ? Double.random(in: 2...25, using: &g) : nil
            switch utility {
            case .gas:
                sources.append(Source(id: "S\(s)", name: "S\(s)", nodeID: "N\(s)", ownerID: owner,
                                      pressureKilopascals: Double.random(in: 1.85...2.8, using: &g),
                                      spareCapacityCubicMetresPerHour: cap, tieInCostFen: Int.random(in: 1...20, using: &g) * 100_000))
            case .water:
                sources.append(Source(id: "S\(s)", name: "S\(s)", nodeID: "N\(s)", ownerID: owner,
                                      headMetres: nodes[s].elevationMetres + Double.random(in: 13...30, using: &g),
                                      spareCapacityCubicMetresPerHour: cap.map { $0 * 2 }, tieInCostFen: Int.random(in: 1...20, using: &g) * 100_000))
            }
        }
        var buildings: [Building] = []
        let buildingCount = Int.random(in: 1...min(3, nodeCount - sourceCount), using: &g)
        let buildingNodes = Array(sourceCount..<nodeCount).shuffled(using: &g).prefix(buildingCount)
        for (i, n) in buildingNodes.enumerated() {
            buildings.append(Building(id: "B\(i)", compoundID: "C", nodeID: "N\(n)", floors: Int.random(in: 1...4, using: &g),
                                      households: Int.random(in: 1...30, using: &g)))
        }
        // Up to 8 distinct candidate segments, with a spanning path first so that most instances connect.
        var pairs: [(Int, Int)] = []
        let perm = Array(0..<nodeCount).shuffled(using: &g)
        for i in 1..<nodeCount { pairs.append((perm[i - 1], perm[i])) }
        var attempts = 0
        while pairs.count < 8 && attempts < 50 {
            attempts += 1
            let a = Int.random(in: 0..<nodeCount, using: &g)
            let b = Int.random(in: 0..<nodeCount, using: &g)
            if a != b && !pairs.contains(where: { ($0.0 == a && $0.1 == b) || ($0.0 == b && $0.1 == a) }) { pairs.append((a, b)) }
        }
        pairs = Array(pairs.prefix(Int.random(in: max(nodeCount - 1, 4)...8, using: &g)))
        let surfaces = ["verge", "asphalt"]
        var segments: [Segment] = []
        for (i, (a, b)) in pairs.enumerated() {
            let dx = (nodes[a].xMetres ?? 0) - (nodes[b].xMetres ?? 0)
            let dy = (nodes[a].yMetres ?? 0) - (nodes[b].yMetres ?? 0)
            let length = max(3, (dx * dx + dy * dy).squareRoot().rounded())
            let ownerRoll = Int.random(in: 0...9, using: &g)
            let owner: String? = ownerRoll < 5 ? nil : ownerRoll < 7 ? "own-a" : ownerRoll < 8 ? "own-p" : "own-r"
            var existing: ExistingPipe?
            if Int.random(in: 0...7, using: &g) == 0 {
                existing = utility == .gas
                    ? ExistingPipe(nominalDiameter: 32, innerDiameterMillimetres: 26.2, roughnessMillimetres: 0.1, maxVelocityMetresPerSecond: 8)
                    : ExistingPipe(nominalDiameter: 50, innerDiameterMillimetres: 44, hazenWilliamsC: 100, maxVelocityMetresPerSecond: 1.5)
            }
            segments.append(Segment(id: "E\(i)", fromNodeID: "N\(a)", toNodeID: "N\(b)", lengthMetres: length,
                                    surface: surfaces[Int.random(in: 0...1, using: &g)], ownerID: owner, existing: existing))
        }
        let pipeCount = Int.random(in: 1...3, using: &g)
        var pipes: [PipeType] = []
        let gasSizes: [(Int, Double)] = [(25, 20.4), (32, 26.2), (40, 32.6), (50, 40.8)]
        let waterSizes: [(Int, Double)] = [(32, 26.2), (40, 32.6), (50, 40.8), (63, 51.4)]
        let sizes = (utility == .gas ? gasSizes : waterSizes).shuffled(using: &g).prefix(pipeCount).sorted { $0.0 < $1.0 }
        for (k, (dn, inner)) in sizes.enumerated() {
            let base = 150 + 40 * k + Int.random(in: 0...30, using: &g)
            var prices = ["verge": base * 100, "asphalt": (base * 2 + 37) * 100 + Int.random(in: 0...99, using: &g)]
            if Int.random(in: 0...5, using: &g) == 0 { prices["asphalt"] = nil }  // some pipes cannot go under asphalt
            pipes.append(PipeType(id: "P\(dn)", material: "PE", nominalDiameter: dn, innerDiameterMillimetres: inner,
                                  roughnessMillimetres: utility == .gas ? 0.01 : nil, hazenWilliamsC: utility == .water ? 140 : nil,
                                  maxVelocityMetresPerSecond: utility == .gas ? 8 : 1.5, costPerMetreFen: prices))
        }
        let demand: DemandModel
        switch utility {
        case .gas:
            let table = standards.simultaneityTables["gb50028-stove-water-heater"] ?? standards.simultaneityTables.values.first!
            demand = .gas(GasDemand(applianceLoadsCubicMetresPerHour: ["stove": 0.8, "water_heater": 2.0], simultaneity: table,
                                    minPressureKilopascals: Double.random(in: 1.4...1.7, using: &g),
                                    formula: Bool.random(using: &g) ? .darcyWeisbach : .renouard, gas: standards.defaultGas))
        case .water:
            let probability = Bool.random(using: &g)
            demand = .water(WaterDemand(
                personsPerHousehold: 3, litresPerPersonPerDay: 180, peakFactor: 2.5, method: probability ? .probability : .peakHour,
                probability: probability
                    ? WaterDemand.ProbabilityParameters(fixtureUnitsPerHousehold: 3, hoursPerDay: 24, alphaTable: standards.probabilityAlphaTable)
                    : nil,
                serviceHead: standards.defaultServiceHead))
        }
        // One instance in four also has an explicit design flow at a node (an engineer's own figure).
        var nodeDemands: [NodeDemand] = []
        if Int.random(in: 0...3, using: &g) == 0 {
            let n = Int.random(in: sourceCount..<nodeCount, using: &g)
            let flow = utility == .gas ? Double.random(in: 0.5...6, using: &g) : Double.random(in: 0.3...3, using: &g)
            let floor: Double? = Bool.random(using: &g) ? nil : (utility == .gas ? 1.5 : 12)
            nodeDemands.append(NodeDemand(nodeID: "N\(n)", designFlowCubicMetresPerHour: flow,
                                          minPressureKilopascals: utility == .gas ? floor : nil, minHeadMetres: utility == .water ? floor : nil))
        }
        return Scenario(
            name: "random-\(utility.rawValue)-\(seed)", utility: utility, nodes: nodes,
            compounds: [Compound(id: "C", name: "C", buildingIDs: buildings.map(\.id))], buildings: buildings,
            segments: segments, pipes: pipes, sources: sources, owners: owners,
            nodeDemands: nodeDemands, householdCosts: [HouseholdCost(item: "meter", costFen: 40_000)], demand: demand)
    }
}
