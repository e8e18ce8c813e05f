// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

@testable import XLSXWriter

/// Validation before C, atomic replacement, determinism and the error table.
final class WritingTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "connplan-xlsx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    private func problems(_ body: () throws(XLSXError) -> Void, file: StaticString = #filePath, line: UInt = #line) -> [XLSXError.Problem] {
        do throws(XLSXError) {
            try body()
            XCTFail("expected XLSXError.invalidWorkbook", file: file, line: line)
            return []
        } catch {
            guard case .invalidWorkbook(let problems) = error else {
                XCTFail("expected invalidWorkbook, got \(error)", file: file, line: line)
                return []
            }
            return problems
        }
    }

    func testInvalidSheetNamesAreAllReportedAndNothingIsWritten() throws {
        let names = ["", String(repeating: "x", count: 32), "a/b", "Q1[draft]", "'quoted'", "History", "Costs", "COSTS", "费用汇总"]
        let workbook = Workbook(sheets: names.map { Sheet(name: $0, columns: [Column(header: "h")]) })
        let path = folder + "/bad.xlsx"
        let found = problems { () throws(XLSXError) in try workbook.write(to: path) }
        XCTAssertEqual(
            found.map(\.kind),
            [
                .emptySheetName, .sheetNameTooLong(characters: 32), .sheetNameForbiddenCharacter("/"),
                .sheetNameForbiddenCharacter("["), .sheetNameApostropheAtEdge, .sheetNameReserved,
                .duplicateSheetName(firstSheetIndex: 6),
            ])
        XCTAssertEqual(found.last?.sheet, "COSTS")
        XCTAssertEqual(try listing(), [], "validation failed, so nothing may be written")
        // A 31-character Chinese name is fine: the limit counts characters, not bytes.
        XCTAssertEqual(Workbook(sheets: [Sheet(name: String(repeating: "费", count: 31), columns: [])]).problems(), [])
    }

    func testNonFiniteNumbersAndBadCellsAreRejectedBeforeC() throws {
        let sheet = Sheet(
            name: "S", columns: [Column(header: "a"), Column(header: "b", widthCharacters: .nan)],
            rows: [
                [.number(.nan), .number(.infinity)],
                [.formula("SUM(A1:A2)", cachedValue: 1), .formula("=A2", cachedValue: -.infinity)],
                [.money(fen: 1_000_000_000_000_000), .date(year: 2023, month: 2, day: 29)],
                [.text("a\u{0}b"), .empty, .empty],
            ],
            totalsRow: [.formula("=", cachedValue: nil)])
        let path = folder + "/bad.xlsx"
        let found = problems { () throws(XLSXError) in try Workbook(sheets: [sheet]).write(to: path) }
        XCTAssertEqual(found.map { $0.cell ?? "-" }, ["B1", "A2", "B2", "A3", "B3", "A4", "B4", "row 5", "A5", "A6"])
        guard case .nonFiniteNumber(let nan) = found[1].kind else { return XCTFail("A2: \(found[1])") }
        XCTAssertTrue(nan.isNaN)
        XCTAssertEqual(found[2].kind, .nonFiniteNumber(.infinity))
        XCTAssertEqual(found[3].kind, .formulaMissingEquals("SUM(A1:A2)"))
        XCTAssertEqual(found[4].kind, .nonFiniteNumber(-.infinity))
        XCTAssertEqual(found[5].kind, .moneyTooLarge(fen: 1_000_000_000_000_000))
        XCTAssertEqual(found[6].kind, .invalidDate(year: 2023, month: 2, day: 29))
        XCTAssertEqual(found[7].kind, .rowWiderThanColumns(cells: 3, columns: 2))
        XCTAssertEqual(found[8].kind, .textContainsNUL)
        XCTAssertEqual(found[9].kind, .formulaEmpty)
        XCTAssertEqual(try listing(), [])
        let message = XLSXError.invalidWorkbook(problems: found).description
        XCTAssertTrue(message.contains("sheet 'S' cell A3: the formula 'SUM(A1:A2)' does not start with '='"), message)
    }

    func testEmptyWorkbookAndZeroCreationTimeAreRejected() {
        var workbook = Workbook()
        workbook.createdSecondsSince1970 = 0
        XCTAssertEqual(workbook.problems().map(\.kind), [.noSheets, .invalidCreationTime(secondsSince1970: 0)])
    }

    func testMissingDirectoryThrowsAndLeavesNoTemporaryFile() throws {
        let path = folder + "/missing/cost-share.xlsx"
        XCTAssertThrowsError(try CostShareFixture().workbook.write(to: path)) { error in
            XCTAssertEqual(error as? XLSXError, .directoryMissing(path: folder + "/missing"))
        }
        XCTAssertEqual(try listing(), [])
    }

    /// The rename fails (the target is a directory) after libxlsxwriter wrote the
    /// temporary file: the error says so and the temporary file is gone.
    func testFailedRenameRemovesTheTemporaryFile() throws {
        let path = folder + "/occupied"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        XCTAssertThrowsError(try CostShareFixture().workbook.write(to: path)) { error in
            guard case .fileSystem(let operation, let failedPath, _, _) = error as? XLSXError else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "rename")
            XCTAssertEqual(failedPath, path)
        }
        XCTAssertEqual(try listing(), ["occupied"])
    }

    /// A real libxlsxwriter failure, mapped through the one table with lxw_strerror's text.
    func testLibraryErrorsAreMappedWithLxwStrerrorText() throws {
        let workbook = Workbook(sheets: [Sheet(name: "S", columns: [Column(header: "h")])])
        XCTAssertThrowsError(try NativeWorkbook.write(workbook, to: folder + "/missing/x.xlsx")) { error in
            guard case .library(let function, let code, let name, let message, let fix) = error as? XLSXError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(function, "workbook_close")
            XCTAssertEqual(code, 2)
            XCTAssertEqual(name, "LXW_ERROR_CREATING_XLSX_FILE")
            XCTAssertEqual(message, "Error creating output xlsx file. Usually a permissions error.")
            XCTAssertTrue(fix.contains("directory exists"))
        }
    }

    func testSameInputGivesTheSameBytes() throws {
        let workbook = CostShareFixture().workbook
        try workbook.write(to: folder + "/first.xlsx")
        Thread.sleep(forTimeInterval: 1.1)  // a clock-dependent timestamp would now differ
        try workbook.write(to: folder + "/second.xlsx")
        let first = try Data(contentsOf: URL(fileURLWithPath: folder + "/first.xlsx"))
        let second = try Data(contentsOf: URL(fileURLWithPath: folder + "/second.xlsx"))
        XCTAssertGreaterThan(first.count, 1000)
        XCTAssertEqual(first, second)

        var later = workbook
        later.createdSecondsSince1970 += 86_400
        try later.write(to: folder + "/third.xlsx")
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/third.xlsx")), first)
    }

    func testReferencesAndFormats() {
        XCTAssertEqual(CellReference.columnLetters(0), "A")
        XCTAssertEqual(CellReference.columnLetters(25), "Z")
        XCTAssertEqual(CellReference.columnLetters(26), "AA")
        XCTAssertEqual(CellReference.columnLetters(16_383), "XFD")
        XCTAssertEqual(CellReference.a1(row: 1, column: 2), "C2")
        let sheet = Sheet(name: "S", columns: [Column(header: "a"), Column(header: "b")], rows: Array(repeating: [.empty], count: 200))
        XCTAssertEqual(sheet.dataRange(column: 1), "B2:B201")
        XCTAssertEqual(sheet.autoFilterRange, "A1:B201")
        XCTAssertEqual(CellFormat.decimal(places: 3).numberFormat, "#,##0.000")
        XCTAssertEqual(CellFormat.cny.numberFormat, "[$¥-804]#,##0.00")
    }
}
