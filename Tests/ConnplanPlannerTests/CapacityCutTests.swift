// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import ConnplanCore
import Foundation
import MILP
import TestSupport
import XCTest

/// Every row the dicut separator returns (dicuts, and capacity cut-sets with each divisor's
/// rounding, on min-cut sets and on the subtrees of the LP point's parent forests, counting
/// entering arcs by their pipes or, as on large networks, by their loads) must hold at
/// every plan of the master. Plans here are random trees from tapped sources to every building,
/// each arc with a random pipe that carries its load; the rows are separated at random fractional
/// points and at convex combinations of plans (where a valid separator can find nothing violated).
final class CapacityCutTests: XCTestCase {
    func testSeparatedRowsNeverCutOffAPlan() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 20000, count: 60)
        var rng = RandomPlans.Rng(state: 0xC0FFEE)
        var rowsChecked = 0
        var roundedRows = 0
        var treeRows = 0
        var loadRows = 0
        var plansTried = 0
        for (i, scenario) in scenarios.enumerated() {
            let net = Network(scenario: scenario)
            let formulation = RouteFormulation(network: net, connectivity: .dicutsInSearch)
            guard let separator = formulation.dicuts else { return XCTFail("scenario \(i): no separator") }
            // As large networks separate them: entering arcs may count by their loads.
            let withLoads = DicutSeparator(network: net, y: formulation.y, n: formulation.nVar, u: formulation.u, loadTerms: true)
            let loadColumns = Set(formulation.nVar.flatMap { $0.flatMap { $0 } }.compactMap { $0?.index })
            let plans = (0..<60).compactMap { _ in RandomPlans.plan(net, &rng) }.map { formulation.point(for: $0) }
            plansTried += plans.count
            guard !plans.isEmpty else { continue }
            let yColumns = formulation.y.flatMap { $0.flatMap { $0 } }
            let nColumns = formulation.nVar.flatMap { $0.flatMap { $0 } }.compactMap { $0 }
            let households = Double(net.totalHouseholds)
            for round in 0..<60 {
                var x = [Double](repeating: 0, count: formulation.model.variables.count)
                if round % 2 == 0 {
                    // A random fractional point.
                    for c in yColumns where rng.next(3) == 0 { x[c.index] = rng.unit() }
                    for c in formulation.u { x[c.index] = rng.unit() }
                    // Loads too: the second parent forest follows them.
                    for c in nColumns where rng.next(3) == 0 { x[c.index] = rng.unit() * households }
                } else {
                    // A convex combination of two or three plans: nothing valid is violated there.
                    let picks = (0..<(2 + rng.next(2))).map { _ in plans[rng.next(plans.count)] }
                    var weights = picks.map { _ in 0.1 + rng.unit() }
                    let sum = weights.reduce(0, +)
                    weights = weights.map { $0 / sum }
                    for (p, wgt) in zip(picks, weights) { for j in x.indices { x[j] += wgt * p[j] } }
                }
                let rows = separator.cuts(at: x) + withLoads.cuts(at: x)
                if round % 2 == 1 {
                    XCTAssertEqual(rows.map(\.name), [], "scenario \(i): a row violated by a convex combination of plans")
                }
                for row in rows {
                    rowsChecked += 1
                    if row.rightHandSide > 1 { roundedRows += 1 }
                    if row.name.hasSuffix("_tree") { treeRows += 1 }
                    if row.expression.terms.contains(where: { loadColumns.contains($0.variable.index) }) { loadRows += 1 }
                    for (k, p) in plans.enumerated() {
                        let lhs = row.expression.terms.reduce(0.0) { $0 + $1.coefficient * p[$1.variable.index] }
                        XCTAssertGreaterThanOrEqual(lhs, row.rightHandSide - 1e-9, "scenario \(i): \(row.name) cuts off plan \(k)")
                    }
                }
            }
        }
        print("capacity cuts: \(rowsChecked) rows checked against \(plansTried) plans; \(roundedRows) with a right-hand side above 1, \(treeRows) on parent-forest subtrees, \(loadRows) counting arcs by their loads")
        XCTAssertGreaterThan(plansTried, 500)
        XCTAssertGreaterThan(rowsChecked, 1_000)
        XCTAssertGreaterThan(roundedRows, 50, "the rounding with small divisors must be exercised")
        XCTAssertGreaterThan(treeRows, 50, "the parent-forest subtrees must be exercised")
        XCTAssertGreaterThan(loadRows, 50, "rows with load terms must be exercised")
    }
}
