// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan's costs as items, each with the households it serves, and the basis shares.

import ConnplanCore

/// A household as the cost share sees it (from the scenario's records, or one per flat if none).
struct ShareHousehold {
    var id: String
    var buildingID: String
    var floor: Int?
    var lowIncome: Bool
    var paidFen: Fen
    var floorAreaSquareMetres: Double?
}

/// A cost item: an amount, its category, and the households that share it under the path rule.
struct CostItem {
    var label: String
    var category: CostCategory
    var amountFen: Fen
    /// Indices into the household list.
    var households: [Int]
}

enum CostItems {
    static func households(of scenario: Scenario) -> [ShareHousehold] {
        var out: [ShareHousehold] = []
        let records = Dictionary(grouping: scenario.households, by: \.buildingID)
        for b in scenario.buildings {
            if let rs = records[b.id], !rs.isEmpty {
                for r in rs {
                    out.append(ShareHousehold(id: r.id, buildingID: b.id, floor: r.floor, lowIncome: r.lowIncome, paidFen: r.paidFen,
                                              floorAreaSquareMetres: r.floorAreaSquareMetres))
                }
            } else {
                for i in 1...max(b.households, 1) {
                    out.append(ShareHousehold(id: "\(b.id)-\(i)", buildingID: b.id, floor: nil, lowIncome: false, paidFen: 0,
                                              floorAreaSquareMetres: nil))
                }
            }
        }
        return out
    }

    /// Common items of a plan with the households downstream of each (path rule), plus host compensation.
    static func commonItems(plan: Plan, scenario: Scenario, households: [ShareHousehold], hosts: [Party]) -> [CostItem] {
        let byBuilding = Dictionary(grouping: households.indices, by: { households[$0].buildingID })
        let buildingsAtNode = Dictionary(grouping: scenario.buildings, by: \.nodeID)
        var children: [String: [String]] = [:]
        for s in plan.segments { children[s.upstreamNodeID, default: []].append(s.downstreamNodeID) }
        func below(_ node: String) -> [Int] {
            var out: [Int] = []
            var stack = [node]
            var seen = Set<String>()
            while let v = stack.popLast() {
                guard seen.insert(v).inserted else { continue }
                for b in buildingsAtNode[v] ?? [] { out += byBuilding[b.id] ?? [] }
                stack += children[v] ?? []
            }
            return out.sorted()
        }
        var items: [CostItem] = []
        var ownerHouseholds: [String: Set<Int>] = [:]
        for s in plan.segments {
            let hh = below(s.downstreamNodeID)
            items.append(CostItem(label: "pipe \(s.segmentID)", category: s.ownerID == nil ? .pipesInside : .pipesOutside,
                                  amountFen: s.costFen, households: hh))
            if let o = s.ownerID { ownerHouseholds[o, default: []].formUnion(hh) }
        }
        for u in plan.sources {
            guard let src = scenario.sources.first(where: { $0.id == u.sourceID }) else { continue }
            let hh = below(src.nodeID)
            if u.tieInCostFen > 0 { items.append(CostItem(label: "tie-in \(u.sourceID)", category: .tieIn, amountFen: u.tieInCostFen, households: hh)) }
            if u.regulatorCostFen > 0 {
                items.append(CostItem(label: "regulator box \(u.sourceID)", category: .regulator, amountFen: u.regulatorCostFen, households: hh))
            }
            ownerHouseholds[src.ownerID, default: []].formUnion(hh)
        }
        for c in plan.consents where c.costFen > 0 {
            items.append(CostItem(label: "consent \(c.ownerID)", category: .consent, amountFen: c.costFen,
                                  households: (ownerHouseholds[c.ownerID] ?? []).sorted()))
        }
        for h in hosts where h.compensationFen > 0 {
            let hh = ownerHouseholds[h.id].map { $0.sorted() } ?? Array(households.indices)
            items.append(CostItem(label: "compensation to \(h.id)", category: .consent, amountFen: h.compensationFen, households: hh))
        }
        return items
    }
}
