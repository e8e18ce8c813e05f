// SPDX-License-Identifier: GPL-3.0-or-later
//
// A cost share small enough to check by hand, and the stand-alone fairness check.

import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import TestSupport
import XCTest

final class HandExampleTests: XCTestCase {
    /// Source S — 10 m — A (building A, 1 household) — 20 m — B (building B, 2 households).
    /// One pipe at 100.00 CNY/m, tie-in 300.00 CNY, no household items.
    /// Path rule by hand: segment S–A (1,000.00) and the tie-in (300.00) are shared by all three
    /// households: 433.33⅓ each; segment A–B (2,000.00) by B's two: 1,000.00 each.
    /// A's household: 433.33; each of B's: 1,433.33 (one of them 1,433.34, to reconcile).
    func testPathShareByHand() throws {
        let standards = try Standards.load()
        let table = standards.simultaneityTables["gb50028-stove"]!
        let scenario = Scenario(
            name: "hand", utility: .gas,
            nodes: [Node(id: "S", xMetres: 0, yMetres: 0, elevationMetres: 0), Node(id: "A", xMetres: 10, yMetres: 0, elevationMetres: 0),
                    Node(id: "B", xMetres: 30, yMetres: 0, elevationMetres: 0)],
            compounds: [Compound(id: "C", name: "C", buildingIDs: ["A", "B"])],
            buildings: [Building(id: "A", compoundID: "C", nodeID: "A", floors: 1, households: 1),
                        Building(id: "B", compoundID: "C", nodeID: "B", floors: 1, households: 2)],
            segments: [Segment(id: "SA", fromNodeID: "S", toNodeID: "A", lengthMetres: 10, surface: "verge"),
                       Segment(id: "AB", fromNodeID: "A", toNodeID: "B", lengthMetres: 20, surface: "verge")],
            pipes: [PipeType(id: "P", nominalDiameter: 32, innerDiameterMillimetres: 26.2, roughnessMillimetres: 0.01,
                             maxVelocityMetresPerSecond: 10, costPerMetreFen: ["verge": 10_000])],
            sources: [Source(id: "SRC", name: "riser", nodeID: "S", ownerID: "o", pressureKilopascals: 2.5, tieInCostFen: 30_000)],
            owners: [Owner(id: "o", name: "owner", consent: .granted)],
            demand: .gas(GasDemand(applianceLoadsCubicMetresPerHour: ["stove": 0.8], simultaneity: table, minPressureKilopascals: 1.5,
                                   formula: .darcyWeisbach, gas: standards.defaultGas)))
        let plan = try XCTUnwrap(RoutePlanner(scenario: scenario).plan().plan)
        XCTAssertEqual(plan.costs.totalFen, 330_000)
        let share = try CostShareAllocator(scenario: scenario, plan: plan).allocate()
        let pays = Dictionary(uniqueKeysWithValues: share.households.map { ($0.householdID, $0.paymentFen) })
        XCTAssertEqual(pays["A-1"], 43_333)
        XCTAssertEqual(Set([pays["B-1"]!, pays["B-2"]!]), [143_333, 143_334])
        XCTAssertEqual(share.householdsTotalFen, 330_000)
    }

    /// Under the equal rule a building near the source subsidises a far one; the check must name it,
    /// and every finding must be true when recomputed.
    func testStandAloneFindingIsReportedAndTrue() throws {
        let standards = try Standards.load()
        var found = 0
        for seed in UInt64(0)..<150 {
            var s = RandomScenarios.small(seed: seed, utility: .gas, standards: standards)
            guard s.buildings.count >= 2, s.nodeDemands.isEmpty, let plan = try RoutePlanner(scenario: s).plan().plan else { continue }
            s.costSharing = CostSharing(basis: .equal)
            let alone = StandAlone.costs(scenario: s, options: PlannerOptions())
            let share = try CostShareAllocator(scenario: s, plan: plan).allocate(standAloneCostFen: alone)
            for f in share.findings where f.code == "above-stand-alone" {
                let b = try XCTUnwrap(f.subject)
                let paid = share.households.filter { $0.buildingID == b }.reduce(0) { $0 + $1.paymentFen + $1.subsidyFen }
                XCTAssertGreaterThan(paid, try XCTUnwrap(alone[b]), "seed \(seed) building \(b)")
                found += 1
            }
            // And no building above its stand-alone cost goes unreported.
            for b in s.buildings {
                guard let a = alone[b.id] else { continue }
                let paid = share.households.filter { $0.buildingID == b.id }.reduce(0) { $0 + $1.paymentFen + $1.subsidyFen }
                if paid > a { XCTAssertTrue(share.findings.contains { $0.code == "above-stand-alone" && $0.subject == b.id }, "seed \(seed)") }
            }
        }
        XCTAssertGreaterThanOrEqual(found, 3)
    }
}
