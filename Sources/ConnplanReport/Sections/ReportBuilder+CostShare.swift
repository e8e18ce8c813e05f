// SPDX-License-Identifier: GPL-3.0-or-later
//
// Who pays what: the parties, the reconciliation, and one row per household with totals. Every
// total is the sum of the rows above it, in integer fen, so the printed columns add up exactly.

import ConnplanCore
import ConnplanFinance

extension ReportBuilder {
    func costShare(_ plan: Plan, _ s: CostSharePlan) -> ReportSection {
        var body: [HTML] = []
        let status =
            s.status == .balanced
            ? "BALANCED: every rule holds and the total is covered exactly."
            : "FUNDING GAP of \(ReportText.cny(s.fundingGapFen)) CNY: the rules cannot cover the total (see the findings)."
        body.append(
            .paragraph(
                "Plan total \(ReportText.cny(s.totalFen)) CNY for \(ReportText.plural(s.households.count, "household")); basis: \(s.basis.rawValue); "
                    + "households pay multiples of \(ReportText.cny(s.roundingUnitFen)) CNY. \(status)"))

        var p = HTMLTable(
            columns: [
                .init("party"), .init("name"), .init("kind"), .init("pays CNY", numeric: true), .init("for"),
                .init("advances CNY", numeric: true),
                .init("receives CNY", numeric: true),
            ], caption: "Parties")
        for party in s.parties {
            p.add([
                party.partyID, party.name, party.kind, ReportText.cny(party.paysFen),
                party.detail.map { "\($0.category) \(ReportText.cny($0.fen))" }.joined(separator: "; "), ReportText.cny(party.advancesFen),
                ReportText.cny(party.receivesFen),
            ])
        }
        p.add(["households", ReportText.plural(s.households.count, "household"), "", ReportText.cny(s.householdsTotalFen), "", "", ""])
        body.append(p.html)

        var parts = [
            "households \(ReportText.cny(s.householdsTotalFen))", "subsidies \(ReportText.cny(s.subsidiesTotalFen))",
            "utility and sponsors \(ReportText.cny(s.partiesOutrightFen))",
        ]
        if s.fundingGapFen != 0 { parts.append("UNFUNDED \(ReportText.cny(s.fundingGapFen))") }
        let covered = s.householdsTotalFen + s.subsidiesTotalFen + s.partiesOutrightFen + s.fundingGapFen
        body.append(
            .element(
                "p", [("class", "reconciliation")],
                text: "Reconciliation: " + parts.joined(separator: " + ") + " = \(ReportText.cny(covered)) CNY "
                    + (covered == s.totalFen
                        ? "= total \(ReportText.cny(s.totalFen)) CNY (exact)." : "≠ total \(ReportText.cny(s.totalFen)) CNY.")))

        let topUps = s.households.filter { $0.balanceFen > 0 }
        let refunds = s.households.filter { $0.balanceFen < 0 }
        body.append(
            .paragraph(
                "Money already collected: \(ReportText.plural(topUps.count, "top-up")) totalling \(ReportText.cny(topUps.reduce(0) { $0 + $1.balanceFen })) CNY, "
                    + "\(ReportText.plural(refunds.count, "refund")) totalling \(ReportText.cny(-refunds.reduce(0) { $0 + $1.balanceFen })) CNY."
            ))

        body.append(householdTable(s).html)
        if !s.debts.isEmpty {
            body.append(.element("h3", text: "Advances (debts to settle)"))
            body.append(
                .element(
                    "ul", [],
                    s.debts.map { .element("li", text: "\($0.householdID) owes \($0.partyID) \(ReportText.cny($0.amountFen)) CNY") }))
        }
        return ReportSection(id: .costShare, title: "Who pays what", body: HTML.join(body), startsNewPage: true)
    }

    /// One row per household and a totals row that is the sum of the rows (fen).
    func householdTable(_ s: CostSharePlan) -> HTMLTable {
        var t = HTMLTable(
            columns: [
                .init("household", noWrap: true), .init("bldg"), .init("floor", numeric: true), .init("low-income"),
                .init("basis share", numeric: true),
                .init("common works", numeric: true), .init("own items", numeric: true), .init("subsidy", numeric: true),
                .init("cap", numeric: true),
                .init("pays", numeric: true), .init("advanced by"), .init("already paid", numeric: true),
                .init("top-up due", numeric: true),
                .init("refund", numeric: true),
            ], styleClass: "compact households", caption: "Households (CNY)")
        var sum = [Fen](repeating: 0, count: 7)
        for h in s.households {
            let due = max(h.balanceFen, 0)
            let refund = max(-h.balanceFen, 0)
            t.add([
                h.householdID, h.buildingID, h.floor.map(String.init) ?? "–", h.lowIncome ? "yes" : "", ReportText.cny(h.basisShareFen),
                ReportText.cny(h.commonWorksFen), ReportText.cny(h.ownItemsFen), ReportText.cny(h.subsidyFen),
                h.capAppliedFen.map(ReportText.cny) ?? "",
                ReportText.cny(h.paymentFen), h.advancedBy ?? "", ReportText.cny(h.alreadyPaidFen), due > 0 ? ReportText.cny(due) : "",
                refund > 0 ? ReportText.cny(refund) : "",
            ])
            for (i, v) in [h.basisShareFen, h.commonWorksFen, h.ownItemsFen, h.subsidyFen, h.paymentFen, h.alreadyPaidFen, due].enumerated()
            { sum[i] += v }
        }
        let refunds = s.households.reduce(0) { $0 + max(-$1.balanceFen, 0) }
        t.addFooter([
            "total", ReportText.plural(s.households.count, "household"), "", "", ReportText.cny(sum[0]), ReportText.cny(sum[1]),
            ReportText.cny(sum[2]),
            ReportText.cny(sum[3]), "", ReportText.cny(sum[4]), "", ReportText.cny(sum[5]), ReportText.cny(sum[6]), ReportText.cny(refunds),
        ])
        return t
    }
}
