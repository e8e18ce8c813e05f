// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest
import XLSXWriter

/// Writes the cost-share workbook and reads it back with openpyxl: every value,
/// the CNY format on money cells, frozen panes, the autofilter, formula text
/// (data_only=False) and cached values (data_only=True).
final class ReadBackTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "connplan-xlsx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static let cnyFormat = "[$¥-804]#,##0.00"

    func testCostShareWorkbookReadsBackWithOpenpyxl() throws {
        let reader = try OpenpyxlReader(folder: folder)
        let fixture = CostShareFixture()
        let path = folder + "/cost-share.xlsx"
        try fixture.workbook.write(to: path)
        let contents = try reader.read(path)

        XCTAssertEqual(contents.sheetNames, ["汇总 Summary", "Households"])
        XCTAssertEqual(contents.created, "2000-01-01T00:00:00")
        XCTAssertEqual(contents.modified, "2000-01-01T00:00:00")

        let households = try XCTUnwrap(contents.sheets["Households"])
        let n = CostShareFixture.householdCount
        XCTAssertEqual(households.freezePanes, "A2")
        XCTAssertEqual(households.autoFilterRef, "A1:H\(n + 1)")
        XCTAssertEqual(households.maxRow, n + 2)
        XCTAssertEqual(households.maxColumn, 8)
        for (index, column) in CostShareFixture.columns.enumerated() {
            let cell = CellReference.a1(row: 0, column: index)
            XCTAssertEqual(households.cells[cell]?.value as? String, column.header, cell)
        }
        for (offset, h) in fixture.households.enumerated() {
            let r = offset + 2
            assertText(households, "A\(r)", h.id)
            assertText(households, "B\(r)", h.head)
            assertNumber(households, "C\(r)", Double(h.persons), format: "#,##0")
            assertNumber(households, "D\(r)", h.shareFraction, format: "0.0%")
            assertNumber(households, "E\(r)", Double(h.costFen) / 100, format: Self.cnyFormat)
            assertNumber(households, "F\(r)", Double(h.subsidyFen) / 100, format: Self.cnyFormat)
            assertFormula(households, "G\(r)", "=E\(r)-F\(r)", cached: Double(h.costFen - h.subsidyFen) / 100, format: Self.cnyFormat)
            if let note = h.note {
                assertText(households, "H\(r)", note)
            } else {
                XCTAssertNil(households.cells["H\(r)"], "H\(r) should be blank")
            }
        }
        let t = n + 2
        assertText(households, "A\(t)", "合计 Total")
        XCTAssertNil(households.cells["B\(t)"], "B\(t) should be blank")
        assertFormula(households, "C\(t)", "=SUM(C2:C\(n + 1))", cached: Double(fixture.totalPersons), format: "#,##0")
        assertFormula(households, "D\(t)", "=SUM(D2:D\(n + 1))", cached: fixture.households.reduce(0) { $0 + $1.shareFraction }, format: "0.0%")
        assertFormula(households, "E\(t)", "=SUM(E2:E\(n + 1))", cached: Double(fixture.totalCostFen) / 100, format: Self.cnyFormat)
        assertFormula(households, "F\(t)", "=SUM(F2:F\(n + 1))", cached: Double(fixture.totalSubsidyFen) / 100, format: Self.cnyFormat)
        assertFormula(households, "G\(t)", "=SUM(G2:G\(n + 1))", cached: Double(fixture.totalNetFen) / 100, format: Self.cnyFormat)
        // Cached money totals reconcile with the per-row amounts read back, to the fen.
        let netFenReadBack = (2...(n + 1)).reduce(0) { sum, r in
            sum + Int(((households.cells["G\(r)"]?.cachedValue as? Double ?? .nan) * 100).rounded())
        }
        XCTAssertEqual(netFenReadBack, fixture.totalNetFen)

        let summary = try XCTUnwrap(contents.sheets["汇总 Summary"])
        XCTAssertEqual(summary.freezePanes, "A2")
        XCTAssertNil(summary.autoFilterRef)
        assertText(summary, "B2", "幸福里 3 号院")
        XCTAssertEqual(summary.cells["B3"]?.value as? String, "2024-05-31T00:00:00")
        XCTAssertEqual(summary.cells["B3"]?.numberFormat, "yyyy-mm-dd")
        assertNumber(summary, "B4", Double(n), format: "#,##0")
        assertFormula(summary, "B5", "=Households!C\(t)", cached: Double(fixture.totalPersons), format: "General")
        assertNumber(summary, "B6", Double(fixture.totalCostFen) / 100, format: Self.cnyFormat)
        assertFormula(summary, "B7", "=Households!F\(t)", cached: Double(fixture.totalSubsidyFen) / 100, format: Self.cnyFormat)
        assertFormula(summary, "B8", "=B6-B7", cached: Double(fixture.totalNetFen) / 100, format: Self.cnyFormat)
        assertNumber(summary, "B9", Double(fixture.totalNetFen) / 100 / Double(fixture.totalPersons), format: "General")
    }

    /// Without a cached value libxlsxwriter stores 0, and that is what a reader
    /// without a calculation engine sees. This is why totals carry cached values.
    func testFormulaWithoutCachedValueReadsAsZero() throws {
        let reader = try OpenpyxlReader(folder: folder)
        var workbook = Workbook()
        workbook.addSheet(
            Sheet(name: "S", columns: [Column(header: "x")], rows: [[.number(2)], [.number(3)]], totalsRow: [.formula("=SUM(A2:A3)", cachedValue: nil)]))
        let path = folder + "/uncached.xlsx"
        try workbook.write(to: path)
        let sheet = try XCTUnwrap(try reader.read(path).sheets["S"])
        XCTAssertEqual(sheet.cells["A4"]?.value as? String, "=SUM(A2:A3)")
        XCTAssertEqual(try XCTUnwrap(sheet.cells["A4"]?.cachedValue as? Double), 0, accuracy: 0)
        XCTAssertNil(sheet.freezePanes)
        XCTAssertNil(sheet.autoFilterRef)
    }

    func testOverwritesAnExistingFile() throws {
        let reader = try OpenpyxlReader(folder: folder)
        let path = folder + "/book.xlsx"
        try Workbook(sheets: [Sheet(name: "Old", columns: [Column(header: "old")])]).write(to: path)
        try Workbook(sheets: [Sheet(name: "New", columns: [Column(header: "new")])]).write(to: path)
        XCTAssertEqual(try reader.read(path).sheetNames, ["New"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }, [])
    }

    // MARK: - Assertions

    private func assertText(_ sheet: OpenpyxlReader.SheetContents, _ cell: String, _ expected: String, line: UInt = #line) {
        XCTAssertEqual(sheet.cells[cell]?.value as? String, expected, cell, line: line)
    }

    private func assertNumber(
        _ sheet: OpenpyxlReader.SheetContents, _ cell: String, _ expected: Double, format: String, line: UInt = #line
    ) {
        guard let read = sheet.cells[cell], let value = (read.value as? NSNumber)?.doubleValue else {
            return XCTFail("\(cell): no number (got \(String(describing: sheet.cells[cell]?.value)))", line: line)
        }
        XCTAssertEqual(value, expected, accuracy: 1e-9 * max(1, abs(expected)), cell, line: line)
        XCTAssertEqual(read.numberFormat, format, cell, line: line)
    }

    private func assertFormula(
        _ sheet: OpenpyxlReader.SheetContents, _ cell: String, _ formula: String, cached: Double, format: String, line: UInt = #line
    ) {
        guard let read = sheet.cells[cell] else { return XCTFail("\(cell): missing", line: line) }
        XCTAssertEqual(read.value as? String, formula, cell, line: line)
        guard let value = (read.cachedValue as? NSNumber)?.doubleValue else {
            return XCTFail("\(cell): no cached number (got \(String(describing: read.cachedValue)))", line: line)
        }
        XCTAssertEqual(value, cached, accuracy: 1e-9 * max(1, abs(cached)), cell, line: line)
        XCTAssertEqual(read.numberFormat, format, cell, line: line)
    }
}
