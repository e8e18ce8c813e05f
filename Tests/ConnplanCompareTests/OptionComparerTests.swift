// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import GLPKBackend
import MILP
import TestSupport
import XCTest

@testable import ConnplanCompare

/// The comparison against plain planner runs (an oracle that shares none of the comparison's
/// reuse logic) on random scenarios, and its determinism.
final class OptionComparerTests: XCTestCase {
    func compare(_ s: Scenario, constraints: PlanConstraints = PlanConstraints(), jobs: Int = 2) throws -> Comparison {
        try OptionComparer(
            scenario: s, constraints: constraints, options: CompareOptions(maxConcurrentRuns: jobs, backendName: "GLPK"),
            solverFactory: { GLPKSolver() }
        ).compare()
    }

    /// A plain `RoutePlanner` run, as `connplan plan --forbid ...` would make it.
    func plain(_ s: Scenario, forbidden: Set<String>, required: Set<String> = []) throws -> PlanningResult {
        try RoutePlanner(scenario: s, options: PlannerOptions(constraints: PlanConstraints(forbidden: forbidden, required: required)))
            .plan()
    }

    func cost(_ r: PlanningResult) -> Fen? { r.plan?.costs.totalFen }

    func testAgreesWithPlainPlannerRunsOnRandomScenarios() throws {
        let standards = try Standards.load()
        var checked = (options: 0, hypothetical: 0, whatIfs: 0, safe: 0, multiSource: 0)
        for utility in [Utility.gas, .water] {
            for seed in UInt64(0)..<30 {
                let s = RandomScenarios.small(seed: seed, utility: utility, standards: standards)
                let label = s.name
                let c = try compare(s)
                let allSources = Set(s.sources.map(\.id))
                let optimum = try plain(s, forbidden: [])
                XCTAssertEqual(c.optimum?.costs.totalFen, cost(optimum), "\(label): overall optimum")

                for o in c.options {
                    switch o.kind {
                    case .singleSource:
                        let oracle = try plain(s, forbidden: allSources.subtracting([o.id]))
                        XCTAssertEqual(o.totalCostFen, cost(oracle), "\(label): option \(o.id) vs a run with the other sources forbidden")
                        XCTAssertEqual(o.isAvailable, oracle.plan != nil, "\(label): \(o.id)")
                        if let p = o.plan { XCTAssertEqual(p.route.sourceIDs, [o.id], "\(label): \(o.id) taps only itself") }
                        if let mine = o.totalCostFen, let best = c.optimum?.costs.totalFen {
                            XCTAssertLessThanOrEqual(best, mine, "\(label): the overall optimum is no dearer than \(o.id)")
                        }
                        checked.options += 1
                    case .blocked:
                        guard case .refused(let owners) = o.availability else {
                            XCTFail("\(label): \(o.id) blocked without refusal")
                            continue
                        }
                        var consenting = s
                        for i in consenting.owners.indices where owners.contains(consenting.owners[i].id) {
                            consenting.owners[i].consent = .pending
                        }
                        let oracle = try plain(consenting, forbidden: allSources.subtracting([o.id]))
                        XCTAssertEqual(o.totalCostFen, cost(oracle), "\(label): hypothetical \(o.id)")
                        XCTAssertFalse(o.isAvailable)
                        XCTAssertNil(o.rank)
                        XCTAssertEqual(o.statusText, "blocked: \(owners.joined(separator: ", ")) refused consent")
                        checked.hypothetical += 1
                    case .overallOptimum:
                        XCTAssertGreaterThan(o.sourceIDs.count, 1, "\(label): a separate optimum row only for several sources")
                        XCTAssertEqual(o.rank, 1)
                        checked.multiSource += 1
                    }
                }
                // Ranks are 1, 2, ... in order of cost.
                let ranked = c.options.filter { $0.rank != nil }
                XCTAssertEqual(ranked.map { $0.rank! }, Array(1..<(ranked.count + 1)), label)
                XCTAssertEqual(ranked.map { $0.totalCostFen! }, ranked.map { $0.totalCostFen! }.sorted(), label)
                XCTAssertEqual(c.options.filter(\.isOverallOptimum).count, c.optimum == nil ? 0 : 1, "\(label): one row is the optimum")

                let pending = s.owners.filter { $0.consent == .pending }.map(\.id)
                for w in c.consentWhatIfs {
                    let oracle = try plain(s, forbidden: [w.ownerID])
                    XCTAssertEqual(w.plan?.costs.totalFen, cost(oracle), "\(label): if \(w.ownerID) refuses")
                    XCTAssertFalse(w.plan?.consents.contains { $0.ownerID == w.ownerID } ?? false)
                    if let extra = w.extraCostFen { XCTAssertGreaterThanOrEqual(extra, 0) }
                    checked.whatIfs += 1
                }
                let safeOracle = try plain(s, forbidden: Set(pending))
                XCTAssertEqual(c.safePlan.plan?.costs.totalFen, cost(safeOracle), "\(label): safe plan")
                if let p = c.safePlan.plan {
                    XCTAssertTrue(
                        Set(p.consents.map(\.ownerID)).isDisjoint(with: pending), "\(label): the safe plan needs no pending consent")
                    checked.safe += 1
                }
            }
        }
        // The random family must exercise every part, or the test proves little.
        XCTAssertGreaterThan(checked.options, 40)
        XCTAssertGreaterThan(checked.hypothetical, 5)
        XCTAssertGreaterThan(checked.whatIfs, 5)
        XCTAssertGreaterThan(checked.safe, 20)
        print("checked \(checked)")
    }

    /// One run at a time or two at once: the same bytes out.
    func testParallelAndSequentialGiveIdenticalOutput() throws {
        let standards = try Standards.load()
        var scenarios = (UInt64(100)..<110).flatMap { seed in
            [Utility.gas, .water].map { RandomScenarios.small(seed: seed, utility: $0, standards: standards) }
        }
        scenarios.append(try ScenarioLoader.load(path: Self.compound79).scenario)
        for s in scenarios {
            let one = CompareJSONFormatter().format(CompareReport(comparison: try compare(s, jobs: 1), reproducible: true))
            let two = CompareJSONFormatter().format(CompareReport(comparison: try compare(s, jobs: 2), reproducible: true))
            let four = CompareTextFormatter().format(CompareReport(comparison: try compare(s, jobs: 4), reproducible: true))
            let oneText = CompareTextFormatter().format(CompareReport(comparison: try compare(s, jobs: 1), reproducible: true))
            XCTAssertEqual(one, two, s.name)
            XCTAssertEqual(oneText, four, s.name)
        }
    }

    static let compound79 = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gas.yaml").path

    /// Case 1: the tax bureau refused. Its row is blocked with what it would have cost; the optimum
    /// is not solved twice; the safe plan avoids both pending neighbours.
    func testCompound79() throws {
        let s = try ScenarioLoader.load(path: Self.compound79).scenario
        let c = try compare(s)
        let tax = try XCTUnwrap(c.options.first { $0.id == "S-TAX" })
        XCTAssertEqual(tax.kind, .blocked)
        XCTAssertEqual(tax.statusText, "blocked: tax-bureau refused consent")
        XCTAssertTrue(tax.isHypothetical)
        XCTAssertLessThan(
            try XCTUnwrap(tax.totalCostFen), try XCTUnwrap(c.optimum?.costs.totalFen), "the refused route was the cheapest on paper")

        let tel = try XCTUnwrap(c.options.first { $0.id == "S-TEL" })
        XCTAssertTrue(tel.isOverallOptimum)
        XCTAssertEqual(tel.rank, 1)
        XCTAssertEqual(c.run(ComparisonRunID.source("S-TEL"))?.reusedFromRunID, ComparisonRunID.optimum)
        XCTAssertEqual(
            c.run(ComparisonRunID.without("estate"))?.reusedFromRunID, ComparisonRunID.optimum, "the optimum does not use the estate")
        XCTAssertNil(c.run(ComparisonRunID.without("telecom"))?.reusedFromRunID)
        XCTAssertFalse(c.options.contains { $0.kind == .overallOptimum }, "single-source optimum: no separate row")

        XCTAssertEqual(c.safePlan.pendingOwnerIDs, ["telecom", "estate"])
        XCTAssertEqual(c.safePlan.plan?.route.sourceIDs, ["S-MAIN"])
        XCTAssertEqual(c.safePlan.premiumFen, (c.safePlan.plan?.costs.totalFen ?? 0) - (c.optimum?.costs.totalFen ?? 0))

        let taxImpact = try XCTUnwrap(c.neighbourImpacts.first { $0.sourceID == "S-TAX" })
        XCTAssertTrue(taxImpact.isHypothetical)
        XCTAssertEqual(taxImpact.consent, .refused)
        XCTAssertEqual(taxImpact.impact.planHouseholds, 20)
        XCTAssertLessThan(taxImpact.impact.worstAfter, taxImpact.impact.worstBefore)
        XCTAssertTrue(
            NeighbourImpactWording.statement(taxImpact).hasPrefix(
                "At peak hour the lowest gas pressure among the households of Tax bureau staff compound would fall from "))
        XCTAssertEqual(c.sourcesWithoutHostData, ["S-MAIN"])
    }

    /// A --require that a run would contradict leaves that run out with the reason, and the
    /// overall optimum then carries the requirement.
    func testRequirementsApplyToEveryRun() throws {
        let s = try ScenarioLoader.load(path: Self.compound79).scenario
        let c = try compare(s, constraints: PlanConstraints(required: ["S-MAIN"]))
        XCTAssertEqual(c.optimum?.route.sourceIDs, ["S-MAIN"])
        let tel = try XCTUnwrap(c.options.first { $0.id == "S-TEL" })
        XCTAssertEqual(tel.availability, .conflicts(reason: "conflicts with --require S-MAIN"))
        XCTAssertNil(tel.plan)
        for r in c.runs {
            XCTAssertTrue(r.constraints.required.contains("S-MAIN"), r.id)
        }
        XCTAssertTrue(c.safePlan.isOverallOptimum)
        XCTAssertEqual(c.safePlan.premiumFen, 0)
    }

    /// Two buildings 190 m apart, each next to its own riser: the optimum taps both, gets its own
    /// row ranked first, and is cheaper than either source alone.
    func testAMultiSourceOptimumHasItsOwnRow() throws {
        let standards = try Standards.load()
        let table = try XCTUnwrap(standards.simultaneityTables["gb50028-stove"])
        let s = Scenario(
            name: "two risers", utility: .gas,
            nodes: [
                Node(id: "SA", xMetres: 0, yMetres: 0, elevationMetres: 0), Node(id: "A", xMetres: 10, yMetres: 0, elevationMetres: 0),
                Node(id: "B", xMetres: 200, yMetres: 0, elevationMetres: 0), Node(id: "SB", xMetres: 210, yMetres: 0, elevationMetres: 0),
            ],
            compounds: [Compound(id: "C", name: "C", buildingIDs: ["BA", "BB"])],
            buildings: [
                Building(id: "BA", compoundID: "C", nodeID: "A", floors: 3, households: 5),
                Building(id: "BB", compoundID: "C", nodeID: "B", floors: 3, households: 5),
            ],
            segments: [
                Segment(id: "E1", fromNodeID: "SA", toNodeID: "A", lengthMetres: 10, surface: "verge"),
                Segment(id: "E2", fromNodeID: "A", toNodeID: "B", lengthMetres: 190, surface: "verge"),
                Segment(id: "E3", fromNodeID: "B", toNodeID: "SB", lengthMetres: 10, surface: "verge", ownerID: "nb"),
            ],
            pipes: [
                PipeType(
                    id: "P50", nominalDiameter: 50, innerDiameterMillimetres: 40.8, roughnessMillimetres: 0.01,
                    maxVelocityMetresPerSecond: 8, costPerMetreFen: ["verge": 25_000])
            ],
            sources: [
                Source(id: "S-A", name: "A", nodeID: "SA", ownerID: "gas-co", pressureKilopascals: 2.5, tieInCostFen: 100_000),
                Source(id: "S-B", name: "B", nodeID: "SB", ownerID: "nb", pressureKilopascals: 2.5, tieInCostFen: 100_000),
            ],
            owners: [Owner(id: "gas-co", name: "Gas company", consent: .granted), Owner(id: "nb", name: "Neighbour", consent: .pending)],
            demand: .gas(
                GasDemand(
                    applianceLoadsCubicMetresPerHour: ["stove": 0.8], simultaneity: table, minPressureKilopascals: 1.5,
                    formula: .darcyWeisbach, gas: standards.defaultGas)))
        let c = try compare(s)
        let opt = try XCTUnwrap(c.options.first)
        XCTAssertEqual(opt.kind, .overallOptimum)
        XCTAssertEqual(opt.sourceIDs, ["S-A", "S-B"])
        XCTAssertEqual(opt.rank, 1)
        XCTAssertTrue(opt.isOverallOptimum)
        XCTAssertEqual(c.options.filter(\.isOverallOptimum).count, 1)
        for id in ["S-A", "S-B"] {
            let single = try XCTUnwrap(c.options.first { $0.id == id })
            XCTAssertGreaterThan(try XCTUnwrap(single.totalCostFen), try XCTUnwrap(opt.totalCostFen))
            XCTAssertNil(c.run(ComparisonRunID.source(id))?.reusedFromRunID, "a single source cannot reuse a two-source optimum")
        }
        // Refusing the neighbour falls back to S-A alone; that run and the safe plan ask the same question.
        XCTAssertEqual(c.consentWhatIfs.map(\.ownerID), ["nb"])
        XCTAssertEqual(c.consentWhatIfs.first?.plan?.route.sourceIDs, ["S-A"])
        XCTAssertEqual(c.run(ComparisonRunID.safe)?.reusedFromRunID, ComparisonRunID.without("nb"))
        XCTAssertEqual(c.safePlan.plan?.costs.totalFen, c.options.first { $0.id == "S-A" }?.totalCostFen)
    }

    func testParallelMapKeepsOrderAndReportsTheFirstError() throws {
        let squares = try ParallelRuns.map(Array(0..<50), maxConcurrent: 3) { $0 * $0 }
        XCTAssertEqual(squares, (0..<50).map { $0 * $0 })
        struct Boom: Error, Equatable { var i: Int }
        XCTAssertThrowsError(
            try ParallelRuns.map(Array(0..<20), maxConcurrent: 2) { i -> Int in
                if i % 7 == 3 { throw Boom(i: i) }
                return i
            }
        ) { error in
            XCTAssertEqual(error as? Boom, Boom(i: 3))
        }
    }
}
