// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cost-share workbook for finance staff: a summary sheet (parties, reconciliation, findings)
// and a households sheet. Amounts are numbers in CNY format; totals are SUM formulas (with their
// values cached for readers that do not calculate); the header row is frozen and filtered.

import ConnplanCore
import ConnplanFinance
import XLSXWriter

public struct CostShareXLSXWriter {
    public init() {}

    public func workbook(_ r: CostShareReport) -> Workbook {
        let s = r.share
        let money = { (header: String) in Column(header: header, widthCharacters: 14, format: .cny) }
        let householdColumns = [
            Column(header: "household", widthCharacters: 12), Column(header: "building", widthCharacters: 10),
            Column(header: "floor", widthCharacters: 7, format: .integer), Column(header: "low-income", widthCharacters: 11),
            money("basis share"), money("common works"), money("own items"), money("subsidy"), money("cap applied"),
            money("pays"), Column(header: "advanced by", widthCharacters: 14), money("already paid"), money("balance due"),
            money("refund"),
        ]
        var rows: [[Cell]] = []
        for h in s.households {
            rows.append([
                .text(h.householdID), .text(h.buildingID), h.floor.map { .integer($0) } ?? .empty, .text(h.lowIncome ? "yes" : "no"),
                .money(fen: h.basisShareFen), .money(fen: h.commonWorksFen), .money(fen: h.ownItemsFen), .money(fen: h.subsidyFen),
                h.capAppliedFen.map { .money(fen: $0) } ?? .empty, .money(fen: h.paymentFen), h.advancedBy.map { .text($0) } ?? .empty,
                .money(fen: h.alreadyPaidFen), .money(fen: max(h.balanceFen, 0)), .money(fen: max(-h.balanceFen, 0)),
            ])
        }
        var households = Sheet(name: "Households", columns: householdColumns, rows: rows, freezeHeaderRow: true, autoFilter: true)
        func sum(_ column: Int, _ cached: Fen) -> Cell { .moneyFormula("=SUM(\(households.dataRange(column: column)))", cachedFen: cached) }
        households.totalsRow = [
            .text("total"), .empty, .empty, .empty,
            sum(4, s.households.reduce(0) { $0 + $1.basisShareFen }), sum(5, s.households.reduce(0) { $0 + $1.commonWorksFen }),
            sum(6, s.households.reduce(0) { $0 + $1.ownItemsFen }), sum(7, s.subsidiesTotalFen), .empty, sum(9, s.householdsTotalFen),
            .empty, sum(11, s.households.reduce(0) { $0 + $1.alreadyPaidFen }),
            sum(12, s.households.reduce(0) { $0 + max($1.balanceFen, 0) }), sum(13, s.households.reduce(0) { $0 + max(-$1.balanceFen, 0) }),
        ]

        // Summary: one line per payer, then the total as a formula over them.
        var summaryRows: [[Cell]] = []
        for p in s.parties where p.paysFen != 0 || p.advancesFen != 0 || p.receivesFen != 0 {
            summaryRows.append([.text(p.name), .text(p.kind), .money(fen: p.paysFen),
                                .text(p.detail.map { "\($0.category) \(Money.cny($0.fen))" }.joined(separator: "; ")),
                                .money(fen: p.advancesFen), .money(fen: p.receivesFen)])
        }
        summaryRows.append([.text("Households (\(s.households.count))"), .text("households"),
                            .moneyFormula("=Households!J\(households.totalsRowIndex + 1)", cachedFen: s.householdsTotalFen), .empty, .empty, .empty])
        if s.fundingGapFen != 0 {
            summaryRows.append([.text("UNFUNDED"), .text("gap"), .money(fen: s.fundingGapFen), .empty, .empty, .empty])
        }
        var summary = Sheet(
            name: "Summary",
            columns: [Column(header: "payer", widthCharacters: 28), Column(header: "kind", widthCharacters: 11), money("pays"),
                      Column(header: "for", widthCharacters: 40), money("advances"), money("receives")],
            rows: summaryRows, freezeHeaderRow: true, autoFilter: false)
        let totalPaid = s.householdsTotalFen + s.subsidiesTotalFen + s.partiesOutrightFen + s.fundingGapFen
        summary.totalsRow = [.text("total (plan cost \(Money.cny(s.totalFen)) CNY)"), .empty,
                             .moneyFormula("=SUM(\(summary.dataRange(column: 2)))", cachedFen: totalPaid), .empty, .empty, .empty]
        return Workbook(sheets: [summary, households])
    }

    public func write(_ r: CostShareReport, to path: String) throws {
        try workbook(r).write(to: path)
    }
}
