// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import TestSupport
import XCTest

final class CostShareTests: XCTestCase {
    private func feasible(_ utility: Utility, seeds: Range<UInt64>) throws -> [(Scenario, Plan)] {
        let standards = try Standards.load()
        var out: [(Scenario, Plan)] = []
        for seed in seeds {
            let s = RandomScenarios.small(seed: seed, utility: utility, standards: standards)
            guard s.nodeDemands.isEmpty, let plan = try RoutePlanner(scenario: s).plan().plan else { continue }
            out.append((s, plan))
        }
        return out
    }

    /// The path rule against the Shapley value computed by brute force over every order of arrival,
    /// with the airport-game cost c(S) = cost of the part of the plan's tree that S needs.
    func testPathRuleIsTheShapleyValue() throws {
        var checked = 0
        for (scenario, plan) in try feasible(.gas, seeds: 0..<200) where scenario.totalHouseholds <= 40 {
            // Households: shrink to at most 6 for the permutation oracle (one or two per building).
            var s = scenario
            for i in s.buildings.indices { s.buildings[i].households = 1 + i % 2 }
            guard s.totalHouseholds <= 6, s.totalHouseholds >= 2, let plan2 = try RoutePlanner(scenario: s).plan().plan else { continue }
            _ = plan
            let share = try CostShareAllocator(scenario: s, plan: plan2).allocate()
            let ids = share.households.map(\.householdID)
            let buildingOf = Dictionary(uniqueKeysWithValues: share.households.map { ($0.householdID, $0.buildingID) })
            let nodeOf = Dictionary(uniqueKeysWithValues: s.buildings.map { ($0.id, $0.nodeID) })
            // Parent links of the plan's tree, and which common item sits where.
            var parentSeg: [String: PlannedSegment] = [:]
            for seg in plan2.segments { parentSeg[seg.downstreamNodeID] = seg }
            let sourceNode = Dictionary(uniqueKeysWithValues: s.sources.map { ($0.id, $0.nodeID) })
            func cost(_ set: Set<String>) -> Double {
                var segs = Set<String>()
                var sources = Set<String>()
                var owners = Set<String>()
                for h in set {
                    var v = nodeOf[buildingOf[h]!]!
                    while let seg = parentSeg[v] {
                        segs.insert(seg.segmentID)
                        if let o = seg.ownerID { owners.insert(o) }
                        v = seg.upstreamNodeID
                    }
                    if let src = plan2.sources.first(where: { sourceNode[$0.sourceID] == v }) {
                        sources.insert(src.sourceID)
                        owners.insert(s.sources.first { $0.id == src.sourceID }!.ownerID)
                    }
                }
                var c = 0.0
                for seg in plan2.segments where segs.contains(seg.segmentID) { c += Double(seg.costFen) }
                for u in plan2.sources where sources.contains(u.sourceID) { c += Double(u.tieInCostFen + u.regulatorCostFen) }
                for o in owners { c += Double(s.owners.first { $0.id == o }?.consentCostFen ?? 0) }
                return c
            }
            var shapley = [String: Double]()
            var perms = 0
            func permute(_ rest: [String], _ prefix: [String]) {
                if rest.isEmpty {
                    perms += 1
                    var set = Set<String>()
                    for h in prefix {
                        let before = cost(set)
                        set.insert(h)
                        shapley[h, default: 0] += cost(set) - before
                    }
                    return
                }
                for (i, h) in rest.enumerated() {
                    var r = rest
                    r.remove(at: i)
                    permute(r, prefix + [h])
                }
            }
            permute(ids, [])
            for h in share.households {
                let expected = shapley[h.householdID]! / Double(perms)
                // Largest-remainder rounding keeps every share within one fen of the exact value.
                XCTAssertEqual(Double(h.commonWorksFen), expected, accuracy: 0.999, "\(s.name) \(h.householdID)")
            }
            checked += 1
            if checked >= 25 { break }
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }

    /// Random rules on random plans: every part adds up to the total to the fen, and every rule holds.
    func testSharesReconcileExactlyAndRulesHold() throws {
        var gaps = 0
        var balanced = 0
        var capped = 0
        for (k, (base, plan)) in try (feasible(.gas, seeds: 0..<120) + feasible(.water, seeds: 500..<620)).enumerated() {
            var g = SeededGenerator(seed: UInt64(k) &* 7919)
            var s = base
            var records: [Household] = []
            for b in s.buildings {
                for i in 1...b.households {
                    records.append(Household(id: "\(b.id)-\(i)", buildingID: b.id, floor: 1 + i % max(b.floors, 1),
                                             lowIncome: Int.random(in: 0...3, using: &g) == 0,
                                             paidFen: [0, 150_000, 235_000][Int.random(in: 0...2, using: &g)],
                                             floorAreaSquareMetres: Double(Int.random(in: 40...90, using: &g))))
                }
            }
            s.households = records
            let units: [Fen] = [1, 100, 1000]
            let perHousehold = Double(plan.costs.totalFen) / Double(max(records.count, 1))
            var parties = [Party(id: "utility", name: "Utility", kind: .utility, covers: [.pipesOutside, .tieIn, .regulator],
                                 totalCapFen: Bool.random(using: &g) ? nil : Fen.random(in: 0...2_000_000, using: &g))]
            if Bool.random(using: &g) {
                parties.append(Party(id: "treasury", name: "Treasury", kind: .subsidy, covers: CostCategory.common,
                                     totalCapFen: Fen.random(in: 0...3_000_000, using: &g), perHouseholdCapFen: Fen.random(in: 0...80_000, using: &g),
                                     eligible: Bool.random(using: &g) ? .lowIncome : .all))
            }
            parties.append(Party(id: "leader", name: "Leader", kind: .advancer))
            let advanced = records.filter { _ in Int.random(in: 0...5, using: &g) == 0 }.map(\.id)
            s.costSharing = CostSharing(
                basis: [SharingBasis.path, .equal, .floorArea, .demand][Int.random(in: 0...3, using: &g)],
                roundingUnitFen: units[Int.random(in: 0...2, using: &g)],
                lowIncomeCapFen: Bool.random(using: &g) ? Fen(perHousehold * Double.random(in: 0.2...1.2, using: &g)) / 100 * 100 : nil,
                householdCapFen: Int.random(in: 0...2, using: &g) == 0 ? Fen(perHousehold * Double.random(in: 0.4...1.4, using: &g)) : nil,
                parties: parties, advances: advanced.isEmpty ? [] : [Advance(partyID: "leader", householdIDs: advanced)])
            let share = try CostShareAllocator(scenario: s, plan: plan).allocate()
            let rules = s.costSharing!
            XCTAssertEqual(share.totalFen, plan.costs.totalFen)
            // Display columns add up exactly: basis shares to what households bear before subsidies.
            let outrightByRule = share.parties.flatMap(\.detail).filter { $0.category != "rounding" && $0.category != "subsidy" }.reduce(0) { $0 + $1.fen }
            XCTAssertEqual(share.households.reduce(0) { $0 + $1.basisShareFen }, share.totalFen - outrightByRule, "\(s.name)")
            XCTAssertTrue(share.households.allSatisfy { $0.basisShareFen == $0.commonWorksFen + $0.ownItemsFen })
            XCTAssertTrue(share.reconciles, "\(s.name): parts do not add up")
            XCTAssertEqual(share.householdsTotalFen + share.subsidiesTotalFen + share.partiesOutrightFen + share.fundingGapFen, share.totalFen)
            if share.status == .fundingGap {
                gaps += 1
                XCTAssertGreaterThan(share.fundingGapFen, 0)
                XCTAssertTrue(share.findings.contains { $0.code == "funding-gap" })
                XCTAssertTrue(share.findings.contains { $0.code == "close-gap" })
            } else {
                balanced += 1
                XCTAssertEqual(share.fundingGapFen, 0)
            }
            for h in share.households {
                let rec = records.first { $0.id == h.householdID }!
                XCTAssertGreaterThanOrEqual(h.paymentFen, 0)
                XCTAssertGreaterThanOrEqual(h.subsidyFen, 0)
                XCTAssertEqual(h.balanceFen, h.paymentFen - rec.paidFen)
                if rec.lowIncome, let cap = rules.lowIncomeCapFen { XCTAssertLessThanOrEqual(h.paymentFen, cap, "\(s.name) \(h.householdID)") }
                if let cap = rules.householdCapFen { XCTAssertLessThanOrEqual(h.paymentFen, cap) }
                if h.capAppliedFen != nil { capped += 1 }
                if let sub = rules.parties.first(where: { $0.kind == .subsidy }) {
                    if let per = sub.perHouseholdCapFen { XCTAssertLessThanOrEqual(h.subsidyFen, per) }
                    if case .lowIncome = sub.eligible, !rec.lowIncome { XCTAssertEqual(h.subsidyFen, 0) }
                }
            }
            if let sub = rules.parties.first(where: { $0.kind == .subsidy }), let cap = sub.totalCapFen {
                XCTAssertLessThanOrEqual(share.subsidiesTotalFen, cap)
            }
            // Payments are whole units, except where a sub-unit residual had no utility to absorb it.
            let offUnit = share.households.filter { $0.paymentFen % rules.roundingUnitFen != 0 }
            XCTAssertLessThanOrEqual(offUnit.count, 1)
            // Advances become debts of exactly the balances due.
            for d in share.debts {
                let h = share.households.first { $0.householdID == d.householdID }!
                XCTAssertEqual(d.amountFen, h.balanceFen)
                XCTAssertTrue(advanced.contains(d.householdID))
            }
        }
        print("cost share: \(balanced) balanced, \(gaps) with a funding gap, \(capped) capped households")
        XCTAssertGreaterThanOrEqual(balanced, 40)
        XCTAssertGreaterThanOrEqual(gaps, 5)
        XCTAssertGreaterThanOrEqual(capped, 20)
    }

    /// A funding gap explains itself, and the cap it suggests closes it.
    func testFundingGapSuggestionClosesTheGap() throws {
        var checked = 0
        for (base, plan) in try feasible(.water, seeds: 700..<800) {
            var s = base
            s.households = s.buildings.flatMap { b in (1...b.households).map { Household(id: "\(b.id)-\($0)", buildingID: b.id, lowIncome: true) } }
            s.costSharing = CostSharing(lowIncomeCapFen: 10_000)
            let share = try CostShareAllocator(scenario: s, plan: plan).allocate()
            guard share.status == .fundingGap else { continue }
            guard let suggestion = share.findings.first(where: { $0.code == "close-gap" && $0.subject == "low_income_cap_cny" }) else {
                XCTFail("no cap suggestion: \(share.findings)")
                continue
            }
            // "lift the low-income cap from 100.00 to X CNY": apply X and the plan must balance.
            let words = suggestion.message.split(separator: " ")
            let toIndex = words.firstIndex(of: "to")!
            let value = words[toIndex + 1].replacingOccurrences(of: ",", with: "")
            let fen = Fen((Double(value)! * 100).rounded())
            s.costSharing!.lowIncomeCapFen = fen
            let fixed = try CostShareAllocator(scenario: s, plan: plan).allocate()
            XCTAssertEqual(fixed.status, .balanced, "\(s.name): the suggested cap \(value) did not close the gap")
            XCTAssertTrue(fixed.reconciles)
            checked += 1
            if checked >= 10 { break }
        }
        XCTAssertGreaterThanOrEqual(checked, 5)
    }

    /// When caps bind, the shortfall is spread so that the largest excess is as small as possible:
    /// every uncapped household that pays above its basis share pays about the same excess.
    func testShortfallIsSpreadEvenly() throws {
        var checked = 0
        for (base, plan) in try feasible(.gas, seeds: 0..<100) where base.totalHouseholds >= 6 {
            var s = base
            var i = 0
            s.households = s.buildings.flatMap { b in (1...b.households).map { j -> Household in
                i += 1
                return Household(id: "\(b.id)-\(j)", buildingID: b.id, lowIncome: i % 3 == 0)
            } }
            s.costSharing = CostSharing(basis: .equal, lowIncomeCapFen: Fen(Double(plan.costs.totalFen) / Double(s.totalHouseholds) * 0.5))
            let share = try CostShareAllocator(scenario: s, plan: plan).allocate()
            guard share.status == .balanced else { continue }
            let excess = share.households.filter { !$0.lowIncome }.map(\.excessFen)
            XCTAssertLessThanOrEqual((excess.max() ?? 0) - (excess.min() ?? 0), 2, "\(s.name): \(excess)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }
}
