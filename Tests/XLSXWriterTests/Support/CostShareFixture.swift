// SPDX-License-Identifier: GPL-3.0-or-later
import XLSXWriter

/// A cost-share workbook like the one finance staff get: a summary sheet and a
/// households sheet with 200 rows, money in fen, integers, Chinese text and a
/// totals row of SUM formulas with cached values.
struct CostShareFixture {
    struct Household {
        var id: String
        var head: String
        var persons: Int
        var shareFraction: Double
        var costFen: Int
        var subsidyFen: Int
        var note: String?
    }

    static let householdCount = 200
    static let surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄"]
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇"]

    let households: [Household]

    init() {
        let totalFen = 12_345_678_90  // 12,345,678.90 CNY to share
        var households: [Household] = []
        for i in 0..<Self.householdCount {
            let persons = 1 + (i * 7) % 6
            let costFen = totalFen / Self.householdCount + (i % 13) * 1_07 - 6 * 1_07 + (i == 3 ? -99 : 0)
            households.append(
                Household(
                    id: "H" + String(1000 + i),
                    head: Self.surnames[i % Self.surnames.count] + Self.givenNames[(i / 8) % Self.givenNames.count],
                    persons: persons,
                    shareFraction: Double(costFen) / Double(totalFen),
                    costFen: costFen,
                    subsidyFen: i % 5 == 0 ? 50_000_00 : 0,
                    note: i % 10 == 0 ? "低保户，补贴 500 元" : nil))
        }
        self.households = households
    }

    var totalPersons: Int { households.reduce(0) { $0 + $1.persons } }
    var totalCostFen: Int { households.reduce(0) { $0 + $1.costFen } }
    var totalSubsidyFen: Int { households.reduce(0) { $0 + $1.subsidyFen } }
    var totalNetFen: Int { totalCostFen - totalSubsidyFen }

    static let columns = [
        Column(header: "户号 ID", widthCharacters: 10),
        Column(header: "户主 Head", widthCharacters: 12),
        Column(header: "人口 Persons", widthCharacters: 10, format: .integer),
        Column(header: "比例 Share", widthCharacters: 10, format: .percent),
        Column(header: "分摊 Cost (CNY)", widthCharacters: 16, format: .cny),
        Column(header: "补贴 Subsidy (CNY)", widthCharacters: 16, format: .cny),
        Column(header: "应缴 Net (CNY)", widthCharacters: 16, format: .cny),
        Column(header: "备注 Note", widthCharacters: 24),
    ]

    var householdsSheet: Sheet {
        var sheet = Sheet(name: "Households", columns: Self.columns, freezeHeaderRow: true, autoFilter: true)
        sheet.rows = households.enumerated().map { offset, h in
            let row = offset + 2
            return [
                .text(h.id), .text(h.head), .integer(h.persons), .number(h.shareFraction), .money(fen: h.costFen),
                .money(fen: h.subsidyFen), .moneyFormula("=E\(row)-F\(row)", cachedFen: h.costFen - h.subsidyFen),
                h.note.map(Cell.text) ?? .empty,
            ]
        }
        sheet.totalsRow = [
            .text("合计 Total"), .empty,
            .formula("=SUM(\(sheet.dataRange(column: 2)))", cachedValue: Double(totalPersons)),
            .formula("=SUM(\(sheet.dataRange(column: 3)))", cachedValue: households.reduce(0) { $0 + $1.shareFraction }),
            .moneyFormula("=SUM(\(sheet.dataRange(column: 4)))", cachedFen: totalCostFen),
            .moneyFormula("=SUM(\(sheet.dataRange(column: 5)))", cachedFen: totalSubsidyFen),
            .moneyFormula("=SUM(\(sheet.dataRange(column: 6)))", cachedFen: totalNetFen),
        ]
        return sheet
    }

    var summarySheet: Sheet {
        Sheet(
            name: "汇总 Summary",
            columns: [Column(header: "项目 Item", widthCharacters: 24), Column(header: "数值 Value", widthCharacters: 18)],
            rows: [
                [.text("小区 Compound"), .text("幸福里 3 号院")],
                [.text("日期 Date"), .date(year: 2024, month: 5, day: 31)],
                [.text("户数 Households"), .integer(households.count)],
                [.text("人口 Persons"), .formula("=Households!C\(Self.householdCount + 2)", cachedValue: Double(totalPersons))],
                [.text("总费用 Total cost"), .money(fen: totalCostFen)],
                [.text("补贴 Subsidy"), .moneyFormula("=Households!F\(Self.householdCount + 2)", cachedFen: totalSubsidyFen)],
                [.text("应缴 Net"), .moneyFormula("=B6-B7", cachedFen: totalNetFen)],
                [.text("平均 Mean per person"), .number(Double(totalNetFen) / 100 / Double(totalPersons))],
            ],
            freezeHeaderRow: true)
    }

    var workbook: Workbook {
        var workbook = Workbook()
        workbook.addSheet(summarySheet)
        workbook.addSheet(householdsSheet)
        return workbook
    }
}
