// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import ConnplanCore
import MILP
import TestSupport
import XCTest

/// The exact sizing of a fixed route (`Network.cheapestSizing`) against enumeration of every pipe
/// choice on the route, and the subproblem rows built on it (`SubproblemSizing`) against valid
/// plans: a row may cut off only plans that are not valid.
final class TreeSizingTests: XCTestCase {
    /// The route of some arcs: each with its direction, the pipe left out, in a fixed order.
    private func route(_ arcs: [ArcChoice]) -> [ArcChoice] {
        arcs.map { ArcChoice(edge: $0.edge, forward: $0.forward, option: 0) }.sorted()
    }

    /// Every combination of options on the route's arcs, evaluated exactly: the cheapest valid
    /// cost, or nil if none is valid.
    private func enumerate(_ net: Network, sources: [Int], arcs: [ArcChoice]) -> Fen? {
        var best: Fen?
        var choice = arcs
        func visit(_ k: Int) {
            if k == choice.count {
                let ev = net.evaluate(Candidate(sources: sources, arcs: choice))
                if ev.feasible, best == nil || ev.costFen < best! { best = ev.costFen }
                return
            }
            for o in net.edges[choice[k].edge].options.indices {
                choice[k].option = o
                visit(k + 1)
            }
        }
        visit(0)
        return best
    }

    func testCheapestSizingMatchesEnumeration() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 50_000, count: 300).dropFirst()
        var rng = RandomPlans.Rng(state: 0x5EED)
        var sized = 0
        var noValid = 0
        var enumerated = 0
        var differentFromRandom = 0
        for (i, scenario) in scenarios.enumerated() {
            let net = Network(scenario: scenario)
            for _ in 0..<12 {
                guard let shape = RandomPlans.plan(net, &rng) else { continue }
                let arcs = shape.candidate.arcs
                let combinations = arcs.reduce(1) { $0 * max(1, net.edges[$1.edge].options.count) }
                guard combinations <= 20_000 else { continue }
                enumerated += combinations
                let expected = enumerate(net, sources: shape.candidate.sources, arcs: arcs)
                var budget = Int.max
                switch net.cheapestSizing(sources: shape.candidate.sources, arcs: arcs, budget: &budget) {
                case .cheapest(let ev):
                    sized += 1
                    XCTAssertTrue(ev.feasible, "scenario \(i)")
                    XCTAssertEqual(ev.costFen, expected, "scenario \(i): the recursion's sizing is not the cheapest valid one")
                    XCTAssertEqual(route(ev.candidate.arcs), route(arcs), "scenario \(i): the route changed")
                    if shape.feasible && ev.costFen < shape.costFen { differentFromRandom += 1 }
                case .noValidSizing:
                    noValid += 1
                    XCTAssertNil(expected, "scenario \(i): the recursion found no valid sizing, enumeration found \(expected ?? -1) fen")
                case .unknown:
                    XCTFail("scenario \(i): a forest from the sources reaching every demand was not sized")
                }
            }
        }
        print("route sizing: \(sized) routes sized, \(noValid) with no valid sizing, \(differentFromRandom) cheaper than a valid random sizing; \(enumerated) sizings enumerated")
        // The family must exercise both outcomes and real choices.
        XCTAssertGreaterThanOrEqual(sized, 300)
        XCTAssertGreaterThanOrEqual(noValid, 50)
        XCTAssertGreaterThanOrEqual(differentFromRandom, 100)
    }

    /// The recursion stops with `.unknown` once it has formed the pairs its budget allows, and
    /// takes what it formed off the budget; with exactly that budget it sizes the route.
    func testBudgetBoundsTheWork() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 50_000, count: 60).dropFirst()
        var rng = RandomPlans.Rng(state: 0xB0D6E7)
        var checked = 0
        for scenario in scenarios {
            let net = Network(scenario: scenario)
            guard let shape = RandomPlans.plan(net, &rng) else { continue }
            var budget = Int.max
            guard case .cheapest = net.cheapestSizing(sources: shape.candidate.sources, arcs: shape.candidate.arcs, budget: &budget) else { continue }
            let used = Int.max - budget
            guard used > 1 else { continue }
            var exact = used
            guard case .cheapest = net.cheapestSizing(sources: shape.candidate.sources, arcs: shape.candidate.arcs, budget: &exact) else {
                XCTFail("the route was not sized within the budget it used before")
                continue
            }
            XCTAssertEqual(exact, 0)
            var short = used - 1
            guard case .unknown = net.cheapestSizing(sources: shape.candidate.sources, arcs: shape.candidate.arcs, budget: &short) else {
                XCTFail("the route was sized with less budget than it needs")
                continue
            }
            XCTAssertLessThan(short, 0)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    /// The heuristics' resizing (`RoutePlanner.resized`) keeps the plan's route, stays valid and
    /// never costs more; on random valid plans it is often cheaper.
    func testResizedPlansKeepTheirRouteAndNeverCostMore() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 70_000, count: 200).dropFirst()
        var rng = RandomPlans.Rng(state: 0x2E51)
        var valid = 0
        var cheaper = 0
        for (i, scenario) in scenarios.enumerated() {
            let net = Network(scenario: scenario)
            for _ in 0..<10 {
                guard let p = RandomPlans.plan(net, &rng) else { continue }
                let plan = net.evaluate(net.pruned(p.candidate))
                guard plan.feasible, net.satisfiesRequirements(plan) else { continue }
                valid += 1
                let resized = RoutePlanner.resized(plan, net)
                XCTAssertTrue(resized.feasible, "scenario \(i)")
                XCTAssertLessThanOrEqual(resized.costFen, plan.costFen, "scenario \(i)")
                XCTAssertEqual(route(resized.candidate.arcs), route(plan.candidate.arcs), "scenario \(i): the route changed")
                XCTAssertEqual(resized.candidate.sources, plan.candidate.sources, "scenario \(i)")
                if resized.costFen < plan.costFen { cheaper += 1 }
            }
        }
        XCTAssertGreaterThanOrEqual(valid, 200)
        XCTAssertGreaterThanOrEqual(cheaper, 50)
    }

    /// A route that is not a forest from the tapped sources reaching every demand node (an arc
    /// reversed so that nothing feeds its tail) is not sized: nothing is concluded from it.
    func testRouteThatIsNotAForestIsNotSized() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 50_000, count: 100).dropFirst()
        var rng = RandomPlans.Rng(state: 0xF00D)
        var refused = 0
        for scenario in scenarios {
            let net = Network(scenario: scenario)
            guard let shape = RandomPlans.plan(net, &rng), !shape.candidate.arcs.isEmpty else { continue }
            var arcs = shape.candidate.arcs
            let k = arcs.count - 1
            arcs[k].forward.toggle()
            let ev = net.evaluate(Candidate(sources: shape.candidate.sources, arcs: arcs))
            let forest = arcs.indices.allSatisfy { ev.parentArc[net.head(arcs[$0])] == $0 } && ev.unreachedDemand.isEmpty
            guard !forest else { continue }
            var budget = Int.max
            guard case .unknown = net.cheapestSizing(sources: shape.candidate.sources, arcs: arcs, budget: &budget) else {
                XCTFail("a route that is not a forest reaching every demand node was sized")
                continue
            }
            refused += 1
        }
        XCTAssertGreaterThanOrEqual(refused, 20)
    }

    /// At a subproblem whose LP lays some route, the rows must hold at every valid plan (whose
    /// cost is at least the LP bound given, 0 here): plans on that route cost at least its
    /// cheapest sizing, and a route with no valid sizing carries no valid plan.
    func testSubproblemRowsHoldAtEveryValidPlan() throws {
        let scenarios = try PlannerFixtures.gridAndRandom(firstSeed: 60_000, count: 200).dropFirst()
        var rng = RandomPlans.Rng(state: 0xCAFE)
        var rowsChecked = 0
        var sameRoute = 0
        var nogoods = 0
        for (i, scenario) in scenarios.enumerated() {
            let net = Network(scenario: scenario)
            let formulation = RouteFormulation(network: net, initialLossLines: 4, routeColumns: true)
            guard !formulation.laid.isEmpty else { continue }
            let sizing = SubproblemSizing(network: net, formulation: formulation)
            var plans: [Evaluation] = []
            for _ in 0..<30 {
                guard let p = RandomPlans.plan(net, &rng) else { continue }
                let pruned = net.evaluate(net.pruned(p.candidate))
                if pruned.feasible { plans.append(pruned) }
            }
            for _ in 0..<10 {
                // The LP point: some plan's route (valid or not), its sizes irrelevant.
                guard let at = RandomPlans.plan(net, &rng) else { continue }
                let view = SubproblemView(values: formulation.point(for: at), objective: 0)
                for row in sizing.rows(at: view).rows {
                    if row.name == "route_nogood" { nogoods += 1 }
                    for plan in plans {
                        let x = formulation.point(for: plan)
                        let lhs = row.expression.evaluate(x)
                        XCTAssertGreaterThanOrEqual(lhs, row.rightHandSide - 1e-6 * max(1, abs(row.rightHandSide)),
                                                    "scenario \(i): \(row.name) cuts off a valid plan costing \(plan.costFen) fen")
                        rowsChecked += 1
                        if route(plan.candidate.arcs) == route(at.candidate.arcs) && plan.candidate.sources == at.candidate.sources {
                            sameRoute += 1
                        }
                    }
                }
            }
        }
        print("subproblem rows: \(rowsChecked) checks against valid plans, \(sameRoute) on the row's own route, \(nogoods) no-good rows")
        XCTAssertGreaterThanOrEqual(rowsChecked, 1_000)
        XCTAssertGreaterThanOrEqual(sameRoute, 20)
        XCTAssertGreaterThanOrEqual(nogoods, 5)
    }
}
