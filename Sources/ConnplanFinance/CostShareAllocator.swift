// SPDX-License-Identifier: GPL-3.0-or-later
//
// Computes the cost-share plan for one connection plan:
//  1. Utilities and sponsors pay the categories their rules cover, in the order listed, up to
//     their caps (rules, not optimisation).
//  2. Each household's basis share of what remains: its own items, plus common works split by
//     the basis (path: each item equally among the households it serves; this is the Shapley
//     value of the airport game on a tree — Littlechild & Owen 1973 — and lies in the core).
//  3. Payments and subsidies by a sequence of LPs (GLPK): first use subsidies as fully as their
//     caps, eligibility and coverage allow; then leximin over households' excess above their basis
//     share (x + s − b): minimise the largest, fix the classes that cannot go lower, repeat
//     (Ogryczak & Śliwiński's lexicographic minimax). Households with identical terms form one class.
//  4. Round to the unit by largest remainder, exactly; reconcile with money already paid; record
//     advances as debts; report fairness and funding findings.

import ConnplanCore
import ConnplanPlanner
import Foundation
import GLPKBackend
import MILP

public enum CostShareError: Error, CustomStringConvertible {
    case solver(String)
    public var description: String {
        switch self {
        case .solver(let m): return "internal error in the cost-share LP: \(m)"
        }
    }
}

public struct CostShareAllocator {
    public let scenario: Scenario
    public let plan: Plan
    let solver = GLPKSolver()

    public init(scenario: Scenario, plan: Plan) {
        self.scenario = scenario
        self.plan = plan
    }

    /// - Parameter standAloneCostFen: each building's cheapest plan on its own (for the fairness check);
    ///   pass nil to skip that check.
    public func allocate(standAloneCostFen: [String: Fen]? = nil) throws -> CostSharePlan {
        let rules = scenario.costSharing ?? CostSharing()
        let households = CostItems.households(of: scenario)
        let n = households.count
        let hosts = rules.parties.filter { $0.kind == .host }
        let items = CostItems.commonItems(plan: plan, scenario: scenario, households: households, hosts: hosts)
        let ownPerHousehold = scenario.perHouseholdFixedCostFen
        var categoryTotal: [CostCategory: Fen] = [:]
        for it in items { categoryTotal[it.category, default: 0] += it.amountFen }
        categoryTotal[.householdItems] = ownPerHousehold * n
        let total = categoryTotal.values.reduce(0, +)

        // 1. Outright payers.
        var remaining = categoryTotal
        var partyShares: [PartyShare] = []
        for p in rules.parties where p.kind == .utility || p.kind == .sponsor {
            var capLeft = p.totalCapFen ?? Fen.max
            var detail: [(String, Fen)] = []
            for c in p.covers {
                let pay = min(remaining[c] ?? 0, capLeft)
                guard pay > 0 else { continue }
                remaining[c, default: 0] -= pay
                capLeft -= pay
                detail.append((c.rawValue, pay))
            }
            partyShares.append(PartyShare(partyID: p.id, name: p.name, kind: p.kind.rawValue, paysFen: detail.reduce(0) { $0 + $1.1 },
                                          detail: detail, advancesFen: 0, receivesFen: 0))
        }
        func fraction(_ c: CostCategory) -> Double {
            let t = categoryTotal[c] ?? 0
            return t == 0 ? 0 : Double(remaining[c] ?? 0) / Double(t)
        }
        let householdsBear = remaining.values.reduce(0, +)

        // 2. Basis shares (exact reals, fen), by category.
        var basisByCategory = [[CostCategory: Double]](repeating: [:], count: n)
        let weights: [Double]
        switch rules.basis {
        case .floorArea: weights = households.map { $0.floorAreaSquareMetres ?? 1 }
        case .path, .equal, .demand: weights = Array(repeating: 1, count: n)
        }
        let weightTotal = weights.reduce(0, +)
        for it in items {
            let amount = Double(it.amountFen) * fraction(it.category)
            guard amount > 0 else { continue }
            if rules.basis == .path {
                let share = amount / Double(max(it.households.count, 1))
                for h in it.households { basisByCategory[h][it.category, default: 0] += share }
            } else {
                for h in 0..<n { basisByCategory[h][it.category, default: 0] += amount * weights[h] / weightTotal }
            }
        }
        let ownBasis = Double(ownPerHousehold) * fraction(.householdItems)
        for h in 0..<n where ownBasis > 0 { basisByCategory[h][.householdItems, default: 0] += ownBasis }
        let basis = basisByCategory.map { $0.values.reduce(0, +) }

        // 3. Classes of identical households, and the LPs.
        let subsidies = rules.parties.filter { $0.kind == .subsidy }
        func cap(_ h: ShareHousehold) -> Double {
            var c = Double(rules.householdCapFen ?? Fen.max)
            if h.lowIncome, let li = rules.lowIncomeCapFen { c = min(c, Double(li)) }
            return c
        }
        func eligible(_ p: Party, _ h: ShareHousehold) -> Bool {
            switch p.eligible {
            case .all: return true
            case .lowIncome: return h.lowIncome
            case .households(let ids): return ids.contains(h.id)
            }
        }
        func coverable(_ p: Party, _ h: Int) -> Double {
            let covered = p.covers.reduce(0.0) { $0 + (basisByCategory[h][$1] ?? 0) }
            return min(covered, Double(p.perHouseholdCapFen ?? Fen.max))
        }
        struct ClassKey: Hashable { var basis: Int64; var cap: Double; var subsidyRoom: [Int64] }
        var classOf = [Int](repeating: 0, count: n)
        var classes: [(members: [Int], basis: Double, cap: Double, room: [Double])] = []
        var index: [ClassKey: Int] = [:]
        for h in 0..<n {
            let room = subsidies.map { eligible($0, households[h]) ? coverable($0, h) : 0 }
            let key = ClassKey(basis: Int64((basis[h] * 1e6).rounded()), cap: cap(households[h]),
                               subsidyRoom: room.map { Int64(($0 * 1e6).rounded()) })
            if let c = index[key] {
                classes[c].members.append(h)
            } else {
                index[key] = classes.count
                classes.append(([h], basis[h], cap(households[h]), room))
            }
            classOf[h] = index[key]!
        }
        let lp = ShareLP(classes: classes.map { (Double($0.members.count), $0.basis, $0.cap, $0.room) },
                         subsidyCaps: subsidies.map { $0.totalCapFen.map(Double.init) }, householdsBear: Double(householdsBear))
        var status = CostShareStatus.balanced
        var gapFen: Fen = 0
        var findings: [Finding] = []
        let solution: ShareLP.Values
        if let maxSubsidy = try lp.maximiseSubsidy(solver) {
            solution = try lp.leximin(solver, subsidyTotal: maxSubsidy)
        } else {
            // The rules cannot cover the cost: cover as much as they allow and report the gap.
            status = .fundingGap
            let (best, values) = try lp.maximiseCoverage(solver)
            gapFen = Fen((Double(householdsBear) - best).rounded(.up))
            solution = values
            findings += fundingGapFindings(gapFen: gapFen, rules: rules, households: households, subsidies: subsidies,
                                           classes: classes.map { ($0.members, $0.cap) }, values: values)
        }

        // 4. Exact rounding. Subsidies per party to the fen; payments to the unit.
        var subsidyFen = [[Fen]](repeating: [Fen](repeating: 0, count: n), count: subsidies.count)
        for (p, _) in subsidies.enumerated() {
            let exact = (0..<n).map { solution.subsidy[p][classOf[$0]] }
            subsidyFen[p] = LargestRemainder.round(exact, unit: 1, total: Fen(exact.reduce(0, +) + 1e-6), caps: nil)
        }
        let subsidyTotal = subsidyFen.reduce(0) { $0 + $1.reduce(0, +) }
        let payable = householdsBear - subsidyTotal - gapFen
        let unit = max(rules.roundingUnitFen, 1)
        let unitsTotal = payable / unit
        let exactPayments = (0..<n).map { solution.payment[classOf[$0]] / Double(unit) }
        let capsInUnits = (0..<n).map { h -> Fen? in
            let c = cap(households[h])
            return c.isFinite && c < Double(Fen.max) / 2 ? Fen(c) / unit : nil
        }
        var payments = LargestRemainder.round(exactPayments, unit: 1, total: unitsTotal, caps: capsInUnits,
                                              lastResort: households.map(\.lowIncome)).map { $0 * unit }
        // Caps that are not whole units can leave whole units unplaced; they join the residual.
        var residual = payable - payments.reduce(0, +)
        // A residual keeps the totals exact: the first utility bears it; else, if it is below one unit,
        // one household; else it is unfunded and reported.
        if residual >= unit, !partyShares.contains(where: { $0.kind == PartyKind.utility.rawValue }) {
            gapFen += residual
            if status == .balanced {
                status = .fundingGap
                findings.append(Finding(.error, code: "funding-gap",
                                        message: "rounding payments to \(Money.text(unit)) CNY under the caps leaves \(Money.text(residual)) CNY unfunded.",
                                        fix: "Use a smaller rounding unit, or caps that are whole multiples of it."))
            }
            residual = 0
        }
        if residual != 0 {
            if let u = partyShares.firstIndex(where: { $0.kind == PartyKind.utility.rawValue }) {
                partyShares[u].paysFen += residual
                partyShares[u].detail.append(("rounding", residual))
            } else if let h = (0..<n).max(by: { (exactPayments[$0] - exactPayments[$0].rounded(.down), -$0) < (exactPayments[$1] - exactPayments[$1].rounded(.down), -$1) }) {
                payments[h] += residual
            }
        }

        // Reconciliation and advances.
        var advancedBy: [String: String] = [:]
        for a in rules.advances { for h in a.householdIDs { advancedBy[h] = a.partyID } }
        // Display columns, rounded to the fen so that each column adds up exactly to its total.
        let commonExact = (0..<n).map { h in basisByCategory[h].filter { $0.key != .householdItems }.values.reduce(0, +) }
        let ownExact = (0..<n).map { basisByCategory[$0][.householdItems] ?? 0 }
        let commonFen = LargestRemainder.round(commonExact, unit: 1, total: Fen((commonExact.reduce(0, +)).rounded()), caps: nil)
        let ownFen = LargestRemainder.round(ownExact, unit: 1, total: Fen((ownExact.reduce(0, +)).rounded()), caps: nil)
        var shares: [HouseholdShare] = []
        var debts: [Debt] = []
        var advanced: [String: Fen] = [:]
        for h in 0..<n {
            let hh = households[h]
            let s = subsidyFen.reduce(0) { $0 + $1[h] }
            let capValue = cap(hh)
            let capBinds = capValue.isFinite && capValue < Double(Fen.max) / 2 && Double(payments[h]) >= capValue - Double(unit)
                && basis[h] - Double(s) > capValue + 0.5
            var share = HouseholdShare(
                householdID: hh.id, buildingID: hh.buildingID, floor: hh.floor, lowIncome: hh.lowIncome,
                basisShareFen: commonFen[h] + ownFen[h], commonWorksFen: commonFen[h],
                ownItemsFen: ownFen[h], subsidyFen: s, paymentFen: payments[h],
                capAppliedFen: capBinds ? Fen(capValue) : nil, advancedBy: advancedBy[hh.id], alreadyPaidFen: hh.paidFen)
            if let party = advancedBy[hh.id], share.balanceFen > 0 {
                debts.append(Debt(householdID: hh.id, partyID: party, amountFen: share.balanceFen))
                advanced[party, default: 0] += share.balanceFen
            } else if advancedBy[hh.id] != nil {
                share.advancedBy = nil
            }
            shares.append(share)
        }
        for (p, party) in subsidies.enumerated() {
            let paid = subsidyFen[p].reduce(0, +)
            partyShares.append(PartyShare(partyID: party.id, name: party.name, kind: party.kind.rawValue, paysFen: paid,
                                          detail: [("subsidy", paid)], advancesFen: 0, receivesFen: 0))
        }
        for p in rules.parties where p.kind == .host || p.kind == .advancer {
            partyShares.append(PartyShare(partyID: p.id, name: p.name, kind: p.kind.rawValue, paysFen: 0, detail: [],
                                          advancesFen: advanced[p.id] ?? 0, receivesFen: p.kind == .host ? p.compensationFen : 0))
        }
        for i in partyShares.indices where partyShares[i].advancesFen == 0 { partyShares[i].advancesFen = advanced[partyShares[i].partyID] ?? 0 }

        findings += fairnessFindings(shares: shares, rules: rules, unit: unit, standAlone: standAloneCostFen)
        return CostSharePlan(status: status, basis: rules.basis, roundingUnitFen: unit, totalFen: total, households: shares,
                             parties: partyShares, debts: debts, fundingGapFen: gapFen, findings: findings)
    }

    private func fairnessFindings(shares: [HouseholdShare], rules: CostSharing, unit: Fen, standAlone: [String: Fen]?) -> [Finding] {
        var out: [Finding] = []
        let capped = shares.filter { $0.capAppliedFen != nil }
        let above = shares.filter { $0.excessFen > unit }
        if !capped.isEmpty {
            let caps = Set(capped.compactMap(\.capAppliedFen)).sorted().map { Money.text($0) }.joined(separator: ", ")
            out.append(Finding(.note, code: "cap-binds",
                               message: "\(capped.count) household\(capped.count == 1 ? "" : "s") pay less than their share because of a cap (\(caps) CNY)."))
        }
        if !above.isEmpty {
            let maxExcess = above.map(\.excessFen).max() ?? 0
            let why = capped.isEmpty ? "of eligibility rules for subsidies" : "the capped households' shortfall is shared among the others"
            out.append(Finding(.warning, code: "above-basis",
                               message: "\(above.count) household\(above.count == 1 ? "" : "s") pay above their basis share (by up to \(Money.text(maxExcess)) CNY) because \(why)."))
        }
        if let standAlone {
            for b in scenario.buildings {
                guard let alone = standAlone[b.id] else { continue }
                let paid = shares.filter { $0.buildingID == b.id }.reduce(0) { $0 + $1.paymentFen + $1.subsidyFen }
                if paid > alone {
                    out.append(Finding(.warning, code: "above-stand-alone", subject: b.id,
                                       message: "the households of building \(b.id) together pay \(Money.text(paid)) CNY, more than the \(Money.text(alone)) CNY it would cost to connect that building alone."))
                }
            }
        }
        return out
    }

    private func fundingGapFindings(gapFen: Fen, rules: CostSharing, households: [ShareHousehold], subsidies: [Party],
                                    classes: [([Int], Double)], values: ShareLP.Values) -> [Finding] {
        var out: [Finding] = []
        out.append(Finding(.error, code: "funding-gap",
                           message: "the rules cannot cover the cost: \(Money.text(gapFen)) CNY is not funded.",
                           fix: "Raise a subsidy, lift a cap, or add a sponsor; the options are listed below."))
        let lowIncome = households.filter(\.lowIncome).count
        if let li = rules.lowIncomeCapFen, lowIncome > 0 {
            let raise = (gapFen + Fen(lowIncome) - 1) / Fen(lowIncome)
            out.append(Finding(.note, code: "close-gap", subject: "low_income_cap_cny",
                               message: "lift the low-income cap from \(Money.text(li)) to \(Money.text(li + raise)) CNY (\(lowIncome) households)."))
        }
        if let hc = rules.householdCapFen {
            let raise = (gapFen + Fen(households.count) - 1) / Fen(households.count)
            out.append(Finding(.note, code: "close-gap", subject: "household_cap_cny",
                               message: "lift the household cap from \(Money.text(hc)) to \(Money.text(hc + raise)) CNY."))
        }
        for (p, party) in subsidies.enumerated() {
            let used = values.subsidyTotal(p)
            if let cap = party.totalCapFen, Double(cap) - used < 1 {
                out.append(Finding(.note, code: "close-gap", subject: party.id,
                                   message: "raise subsidy \(party.id)'s total cap by \(Money.text(gapFen)) CNY, to \(Money.text(cap + gapFen)) CNY, if its per-household cap and eligibility leave room."))
            }
        }
        out.append(Finding(.note, code: "close-gap", subject: "sponsor",
                           message: "or add a sponsor or utility contribution of \(Money.text(gapFen)) CNY."))
        return out
    }
}

/// Money as text, "1,234.56", exact.
enum Money {
    static func text(_ fen: Fen) -> String { MoneyText.cny(fen) }
}

/// Largest-remainder rounding (Hamilton's method): floors, then the largest fractional parts get
/// one more unit until the total is met. Deterministic: ties go to the earlier index.
enum LargestRemainder {
    /// `lastResort[i]` true: index i gets an extra unit only after every other index (used so that
    /// low-income households are never the ones rounded up).
    static func round(_ values: [Double], unit: Fen, total: Fen, caps: [Fen?]?, lastResort: [Bool]? = nil) -> [Fen] {
        var out = values.map { Fen(($0 + 1e-6).rounded(.down)) }
        var missing = total - out.reduce(0, +)
        let order = values.indices.sorted { a, b in
            let la = lastResort?[a] ?? false
            let lb = lastResort?[b] ?? false
            if la != lb { return !la }
            let ra = values[a] - values[a].rounded(.down)
            let rb = values[b] - values[b].rounded(.down)
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        var guardSteps = 0
        while missing > 0 && guardSteps < 4 * max(values.count, 1) + Int(missing) {
            let h = order[i % order.count]
            if caps?[h].map({ out[h] + 1 <= $0 }) ?? true {
                out[h] += 1
                missing -= 1
            }
            i += 1
            guardSteps += 1
        }
        while missing < 0, let h = order.reversed().first(where: { out[$0] > 0 }) {
            out[h] -= 1
            missing += 1
        }
        return out
    }
}
