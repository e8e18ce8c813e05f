// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore

/// Where each node goes on the map, in world units with y pointing north.
struct MapLayout: Sendable {
    /// Node id → position (metres east and north when `toScale`; schematic units otherwise).
    var positions: [String: Point]
    /// True when every node has coordinates, so distances on the map are true to scale.
    var toScale: Bool
    /// Nodes without coordinates (the reason the map is schematic), sorted.
    var nodesWithoutCoordinates: [String]

    /// Uses the scenario's coordinates when every node has them; otherwise lays every node out
    /// schematically (`schematic`), because mixing real and invented positions would mislead.
    init(scenario: Scenario) {
        let missing = scenario.nodes.filter { !($0.xMetres?.isFinite ?? false) || !($0.yMetres?.isFinite ?? false) }.map(\.id).sorted()
        nodesWithoutCoordinates = missing
        if missing.isEmpty {
            var p: [String: Point] = [:]
            for n in scenario.nodes {
                if let x = n.xMetres, let y = n.yMetres { p[n.id] = Point(x: x, y: y) }
            }
            positions = p
            toScale = true
        } else {
            positions = MapLayout.schematic(scenario)
            toScale = false
        }
    }

    /// Spacing of the schematic layout between layers and between nodes of one layer (world units).
    static let layerSpacing = 40.0
    static let rowSpacing = 24.0

    /// A layered layout with no physics (deterministic): layer = number of candidate segments from the
    /// nearest source node (breadth-first search, sources in scenario order), layers run west to east;
    /// inside a layer nodes are ordered by the mean row of their neighbours in the previous layer,
    /// then by id. Nodes no source reaches form further layers, each component from its first node
    /// in scenario order.
    static func schematic(_ scenario: Scenario) -> [String: Point] {
        var adjacency: [String: [String]] = [:]
        for s in scenario.segments {
            adjacency[s.fromNodeID, default: []].append(s.toNodeID)
            adjacency[s.toNodeID, default: []].append(s.fromNodeID)
        }
        for k in adjacency.keys { adjacency[k]?.sort() }
        var layer: [String: Int] = [:]
        var queue: [String] = []
        for s in scenario.sources where layer[s.nodeID] == nil {
            layer[s.nodeID] = 0
            queue.append(s.nodeID)
        }
        func bfs() {
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for v in adjacency[u] ?? [] where layer[v] == nil {
                    layer[v] = (layer[u] ?? 0) + 1
                    queue.append(v)
                }
            }
        }
        bfs()
        for n in scenario.nodes where layer[n.id] == nil {
            layer[n.id] = (layer.values.max() ?? -1) + 1
            queue = [n.id]
            bfs()
        }
        let depth = (layer.values.max() ?? 0) + 1
        var rows: [[String]] = Array(repeating: [], count: depth)
        for n in scenario.nodes { rows[layer[n.id] ?? 0].append(n.id) }
        var rowOf: [String: Double] = [:]
        for d in 0..<depth {
            let keyed = rows[d].map { id -> (Double, String) in
                let parents = (adjacency[id] ?? []).compactMap { rowOf[$0] }
                return (parents.isEmpty ? Double.infinity : parents.reduce(0, +) / Double(parents.count), id)
            }
            rows[d] = keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
            for (i, id) in rows[d].enumerated() { rowOf[id] = Double(i) - Double(rows[d].count - 1) / 2 }
        }
        var out: [String: Point] = [:]
        for (id, r) in rowOf { out[id] = Point(x: Double(layer[id] ?? 0) * layerSpacing, y: -r * rowSpacing) }
        return out
    }
}
