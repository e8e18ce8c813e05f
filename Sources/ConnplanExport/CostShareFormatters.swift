// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cost-share plan for finance staff: text, JSON and CSV (XLSX in CostShareXLSX.swift).

import ConnplanCore
import ConnplanFinance

public struct CostShareReport: Sendable {
    public var scenario: Scenario
    public var plan: Plan
    public var share: CostSharePlan
    public init(scenario: Scenario, plan: Plan, share: CostSharePlan) {
        self.scenario = scenario
        self.plan = plan
        self.share = share
    }

    /// Column headers of the per-household table, shared by every format.
    static let householdColumns = [
        "household", "building", "floor", "low_income", "basis_share_cny", "common_works_cny", "own_items_cny", "subsidy_cny",
        "cap_applied_cny", "pays_cny", "advanced_by", "already_paid_cny", "balance_due_cny", "refund_cny",
    ]

    func householdRow(_ h: HouseholdShare) -> [String] {
        [h.householdID, h.buildingID, h.floor.map(String.init) ?? "", h.lowIncome ? "yes" : "no", Money.cny(h.basisShareFen, grouping: false),
         Money.cny(h.commonWorksFen, grouping: false), Money.cny(h.ownItemsFen, grouping: false), Money.cny(h.subsidyFen, grouping: false),
         h.capAppliedFen.map { Money.cny($0, grouping: false) } ?? "", Money.cny(h.paymentFen, grouping: false), h.advancedBy ?? "",
         Money.cny(h.alreadyPaidFen, grouping: false), Money.cny(max(h.balanceFen, 0), grouping: false),
         Money.cny(max(-h.balanceFen, 0), grouping: false)]
    }

    /// "households + subsidies + parties (+ gap) = total", exact.
    var reconciliationLine: String {
        let s = share
        var parts = ["households \(Money.cny(s.householdsTotalFen))", "subsidies \(Money.cny(s.subsidiesTotalFen))",
                     "utility and sponsors \(Money.cny(s.partiesOutrightFen))"]
        if s.fundingGapFen != 0 { parts.append("UNFUNDED \(Money.cny(s.fundingGapFen))") }
        return parts.joined(separator: " + ") + " = \(Money.cny(s.householdsTotalFen + s.subsidiesTotalFen + s.partiesOutrightFen + s.fundingGapFen)) CNY"
            + (s.reconciles ? " = total \(Money.cny(s.totalFen)) CNY (exact)" : " ≠ total \(Money.cny(s.totalFen)) CNY")
    }
}

public struct CostShareTextFormatter {
    public init() {}
    public func format(_ r: CostShareReport) -> String {
        let s = r.share
        var out: [String] = []
        out.append("connplan costs: \(r.scenario.name)")
        out.append("Plan total \(Money.cny(s.totalFen)) CNY for \(s.households.count) households; basis: \(s.basis.rawValue); households pay multiples of \(Money.cny(s.roundingUnitFen)) CNY.")
        out.append("Status: \(s.status == .balanced ? "BALANCED (every rule holds; the total is covered exactly)" : "FUNDING GAP of \(Money.cny(s.fundingGapFen)) CNY")")
        out.append("")
        let pays = s.households.map(\.paymentFen).sorted()
        if !pays.isEmpty {
            out.append("Household payments: min \(Money.cny(pays.first!)), median \(Money.cny(pays[pays.count / 2])), max \(Money.cny(pays.last!)) CNY")
            let topUps = s.households.filter { $0.balanceFen > 0 }
            let refunds = s.households.filter { $0.balanceFen < 0 }
            out.append("Reconciliation with money already collected: \(topUps.count) top-ups totalling \(Money.cny(topUps.reduce(0) { $0 + $1.balanceFen })) CNY, \(refunds.count) refunds totalling \(Money.cny(-refunds.reduce(0) { $0 + $1.balanceFen })) CNY.")
            out.append("")
        }
        out.append("Parties")
        var pt = TextTable(["party", "name", "kind", "pays CNY", "for", "advances CNY", "receives CNY"], rightAligned: [3, 5, 6])
        for p in s.parties {
            pt.add([p.partyID, p.name, p.kind, Money.cny(p.paysFen), p.detail.map { "\($0.category) \(Money.cny($0.fen))" }.joined(separator: "; "),
                    Money.cny(p.advancesFen), Money.cny(p.receivesFen)])
        }
        pt.add(["households", "\(s.households.count) households", "", Money.cny(s.householdsTotalFen), "", "", ""])
        out.append(pt.render())
        out.append("  " + r.reconciliationLine)
        out.append("")
        out.append("Households")
        var ht = TextTable(["household", "building", "floor", "low-income", "basis", "common", "own", "subsidy", "cap", "pays", "advanced by", "paid", "due", "refund"],
                           rightAligned: [2, 4, 5, 6, 7, 8, 9, 11, 12, 13])
        for h in s.households {
            ht.add([h.householdID, h.buildingID, h.floor.map(String.init) ?? "-", h.lowIncome ? "yes" : "", Money.cny(h.basisShareFen),
                    Money.cny(h.commonWorksFen), Money.cny(h.ownItemsFen), Money.cny(h.subsidyFen),
                    h.capAppliedFen.map { Money.cny($0) } ?? "", Money.cny(h.paymentFen), h.advancedBy ?? "", Money.cny(h.alreadyPaidFen),
                    h.balanceFen > 0 ? Money.cny(h.balanceFen) : "", h.balanceFen < 0 ? Money.cny(-h.balanceFen) : ""])
        }
        out.append(ht.render())
        if !s.debts.isEmpty {
            out.append("")
            out.append("Advances (debts to settle)")
            for d in s.debts { out.append("  \(d.householdID) owes \(d.partyID) \(Money.cny(d.amountFen)) CNY") }
        }
        if !s.findings.isEmpty {
            out.append("")
            out.append("Findings")
            for f in s.findings { out.append("  - \(f.severity.rawValue): \(f.message)" + (f.fix.map { " \($0)" } ?? "")) }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

public struct CostShareJSONFormatter {
    public init() {}
    public func format(_ r: CostShareReport) -> String {
        let s = r.share
        let obj: JSONValue = .object([
            ("connplan_output", .int(1)), ("scenario", .string(r.scenario.name)), ("status", .string(s.status.rawValue)),
            ("basis", .string(s.basis.rawValue)), ("rounding_unit_cny", .money(s.roundingUnitFen)),
            ("total_cny", .money(s.totalFen)), ("total_fen", .int(s.totalFen)), ("funding_gap_cny", .money(s.fundingGapFen)),
            ("reconciles", .bool(s.reconciles)),
            ("households_total_cny", .money(s.householdsTotalFen)), ("subsidies_total_cny", .money(s.subsidiesTotalFen)),
            ("parties", .array(s.parties.map { p in
                .object([("id", .string(p.partyID)), ("name", .string(p.name)), ("kind", .string(p.kind)), ("pays_cny", .money(p.paysFen)),
                         ("detail", .array(p.detail.map { .object([("category", .string($0.category)), ("cny", .money($0.fen))]) })),
                         ("advances_cny", .money(p.advancesFen)), ("receives_cny", .money(p.receivesFen))])
            })),
            ("households", .array(s.households.map { h in
                .object([("id", .string(h.householdID)), ("building", .string(h.buildingID)), ("floor", h.floor.map { .int($0) } ?? .null),
                         ("low_income", .bool(h.lowIncome)), ("basis_share_cny", .money(h.basisShareFen)),
                         ("common_works_cny", .money(h.commonWorksFen)), ("own_items_cny", .money(h.ownItemsFen)),
                         ("subsidy_cny", .money(h.subsidyFen)), ("cap_applied_cny", h.capAppliedFen.map { .money($0) } ?? .null),
                         ("pays_cny", .money(h.paymentFen)), ("pays_fen", .int(h.paymentFen)), ("advanced_by", h.advancedBy.map { .string($0) } ?? .null),
                         ("already_paid_cny", .money(h.alreadyPaidFen)), ("balance_cny", .money(h.balanceFen))])
            })),
            ("debts", .array(s.debts.map { .object([("household", .string($0.householdID)), ("owes", .string($0.partyID)), ("cny", .money($0.amountFen))]) })),
            ("findings", .array(s.findings.map { f in
                .object([("severity", .string(f.severity.rawValue)), ("code", .string(f.code)), ("subject", f.subject.map { .string($0) } ?? .null),
                         ("message", .string(f.message)), ("fix", f.fix.map { .string($0) } ?? .null)])
            })),
        ])
        return obj.render() + "\n"
    }
}

/// RFC 4180 CSV of the per-household table, then the parties and the reconciliation.
public struct CostShareCSVFormatter {
    public init() {}
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    public func format(_ r: CostShareReport) -> String {
        var lines = [CostShareReport.householdColumns.joined(separator: ",")]
        for h in r.share.households { lines.append(r.householdRow(h).map(Self.field).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
