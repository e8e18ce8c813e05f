// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import ConnplanPlanner
import Foundation

public enum StandAlone {
    /// The cheapest valid plan for each building on its own (same sources, segments, prices and
    /// consents), fen; buildings that cannot be served alone are left out. The runs are independent
    /// and use both cores.
    public static func costs(scenario: Scenario, options: PlannerOptions) -> [String: Fen] {
        let buildings = scenario.buildings
        let results = ResultBox(count: buildings.count)
        DispatchQueue.concurrentPerform(iterations: buildings.count) { i in
            var alone = scenario
            let b = buildings[i]
            alone.buildings = [b]
            alone.households = scenario.households.filter { $0.buildingID == b.id }
            alone.compounds = scenario.compounds.map { c in
                var c = c
                c.buildingIDs = c.buildingIDs.filter { $0 == b.id }
                return c
            }
            alone.nodeDemands = []
            if let plan = try? RoutePlanner(scenario: alone, options: options).plan().plan {
                results.set(i, plan.costs.totalFen)
            }
        }
        var out: [String: Fen] = [:]
        for (i, b) in buildings.enumerated() { if let c = results.get(i) { out[b.id] = c } }
        return out
    }
}

private final class ResultBox: @unchecked Sendable {
    private var values: [Fen?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: Fen) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> Fen? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
