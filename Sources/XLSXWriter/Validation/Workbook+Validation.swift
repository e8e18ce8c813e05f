// SPDX-License-Identifier: GPL-3.0-or-later
extension Workbook {
    /// Excel's sheet size limits (also libxlsxwriter's LXW_ROW_MAX and LXW_COL_MAX).
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384
    /// Excel's limit on sheet-name length, in characters.
    public static let maximumSheetNameCharacters = 31

    /// Checks everything libxlsxwriter would reject or mangle, and throws
    /// ``XLSXError/invalidWorkbook(problems:)`` listing every problem found.
    /// Nothing reaches C unless this passes.
    public func validate() throws(XLSXError) {
        let problems = self.problems()
        if !problems.isEmpty { throw .invalidWorkbook(problems: problems) }
    }

    /// Every validation problem, in sheet, row, column order; empty when valid.
    public func problems() -> [XLSXError.Problem] {
        var problems: [XLSXError.Problem] = []
        if sheets.isEmpty { problems.append(.init(sheet: nil, kind: .noSheets)) }
        if !(1...253_402_300_799).contains(createdSecondsSince1970) {
            problems.append(.init(sheet: nil, kind: .invalidCreationTime(secondsSince1970: createdSecondsSince1970)))
        }
        var firstIndexByFoldedName: [String: Int] = [:]
        for (index, sheet) in sheets.enumerated() {
            problems += Self.sheetNameProblems(sheet.name)
            let folded = sheet.name.lowercased()
            if let first = firstIndexByFoldedName[folded] {
                problems.append(.init(sheet: sheet.name, kind: .duplicateSheetName(firstSheetIndex: first)))
            } else {
                firstIndexByFoldedName[folded] = index
            }
            problems += sheet.problems()
        }
        return problems
    }

    static func sheetNameProblems(_ name: String) -> [XLSXError.Problem] {
        var problems: [XLSXError.Problem] = []
        func add(_ kind: XLSXError.Problem.Kind) { problems.append(.init(sheet: name, kind: kind)) }
        // libxlsxwriter counts UTF-8 code points (lxw_utf8_strlen); so do we.
        let characters = name.unicodeScalars.count
        if characters == 0 { add(.emptySheetName) }
        if characters > maximumSheetNameCharacters { add(.sheetNameTooLong(characters: characters)) }
        if let bad = name.first(where: { "[]:*?/\\".contains($0) }) { add(.sheetNameForbiddenCharacter(bad)) }
        if name.unicodeScalars.contains("\0") { add(.sheetNameForbiddenCharacter("\0")) }
        if name.hasPrefix("'") || name.hasSuffix("'") { add(.sheetNameApostropheAtEdge) }
        if name.lowercased() == "history" { add(.sheetNameReserved) }
        return problems
    }
}

extension Sheet {
    func problems() -> [XLSXError.Problem] {
        var problems: [XLSXError.Problem] = []
        func add(_ cell: String?, _ kind: XLSXError.Problem.Kind) { problems.append(.init(sheet: name, cell: cell, kind: kind)) }

        if columns.count > Workbook.maximumColumns {
            add(nil, .tooManyColumns(count: columns.count, limit: Workbook.maximumColumns))
            return problems  // A1 names beyond the limit would be meaningless
        }
        let rowCount = 1 + rows.count + (totalsRow == nil ? 0 : 1)
        if rowCount > Workbook.maximumRows {
            add(nil, .tooManyRows(count: rowCount, limit: Workbook.maximumRows))
            return problems
        }
        if columns.isEmpty && (freezeHeaderRow || autoFilter) { add(nil, .headerOrFilterWithoutColumns) }
        for (index, column) in columns.enumerated() {
            let cell = CellReference.a1(row: 0, column: index)
            if !column.widthCharacters.isFinite || !(0...Column.maximumWidthCharacters).contains(column.widthCharacters) {
                add(cell, .invalidColumnWidth(characters: column.widthCharacters))
            }
            if case .decimal(let places) = column.format, !(0...CellFormat.maximumDecimalPlaces).contains(places) {
                add(cell, .invalidDecimalPlaces(places))
            }
            for kind in Cell.text(column.header).problems() { add(cell, kind) }
        }
        var allRows = rows
        if let totalsRow { allRows.append(totalsRow) }
        for (offset, row) in allRows.enumerated() {
            let rowIndex = 1 + offset
            if row.count > columns.count {
                add("row \(rowIndex + 1)", .rowWiderThanColumns(cells: row.count, columns: columns.count))
            }
            for (columnIndex, cell) in row.enumerated() where columnIndex < Workbook.maximumColumns {
                for kind in cell.problems() { add(CellReference.a1(row: rowIndex, column: columnIndex), kind) }
            }
        }
        return problems
    }
}

extension Cell {
    func problems() -> [XLSXError.Problem.Kind] {
        switch self {
        case .empty:
            return []
        case .text(let text):
            var kinds: [XLSXError.Problem.Kind] = []
            let characters = text.unicodeScalars.count
            if characters > Cell.maximumTextCharacters { kinds.append(.textTooLong(characters: characters)) }
            if text.unicodeScalars.contains("\0") { kinds.append(.textContainsNUL) }
            return kinds
        case .number(let value):
            return value.isFinite ? [] : [.nonFiniteNumber(value)]
        case .integer(let value):
            return abs(value) <= Cell.maximumExactMagnitude ? [] : [.integerTooLarge(value)]
        case .money(let fen):
            return abs(fen) <= Cell.maximumExactMagnitude ? [] : [.moneyTooLarge(fen: fen)]
        case .date(let year, let month, let day):
            return Cell.isCalendarDate(year: year, month: month, day: day) ? [] : [.invalidDate(year: year, month: month, day: day)]
        case .formula(let formula, let cachedValue):
            var kinds = Cell.formulaProblems(formula)
            if let cachedValue, !cachedValue.isFinite { kinds.append(.nonFiniteNumber(cachedValue)) }
            return kinds
        case .moneyFormula(let formula, let cachedFen):
            var kinds = Cell.formulaProblems(formula)
            if let cachedFen, abs(cachedFen) > Cell.maximumExactMagnitude { kinds.append(.moneyTooLarge(fen: cachedFen)) }
            return kinds
        }
    }

    static func formulaProblems(_ formula: String) -> [XLSXError.Problem.Kind] {
        var kinds: [XLSXError.Problem.Kind] = []
        if !formula.hasPrefix("=") {
            kinds.append(.formulaMissingEquals(formula))
        } else if formula.dropFirst().allSatisfy(\.isWhitespace) {
            kinds.append(.formulaEmpty)
        }
        let characters = formula.unicodeScalars.count
        if characters > Cell.maximumFormulaCharacters { kinds.append(.formulaTooLong(characters: characters)) }
        if formula.unicodeScalars.contains("\0") { kinds.append(.textContainsNUL) }
        return kinds
    }

    /// Proleptic Gregorian calendar check for years 1900...9999 (Excel's date range).
    static func isCalendarDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
