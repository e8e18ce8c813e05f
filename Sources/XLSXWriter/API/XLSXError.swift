// SPDX-License-Identifier: GPL-3.0-or-later
/// Everything that can go wrong writing a workbook. Each message states the
/// cause and the fix.
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The workbook failed validation in Swift; nothing reached libxlsxwriter.
    /// Every problem found is listed, in sheet, row, column order.
    case invalidWorkbook(problems: [Problem])
    /// The directory that should hold the file does not exist (checked before calling C).
    case directoryMissing(path: String)
    /// A POSIX call around the atomic write failed (`operation` is e.g. "rename").
    case fileSystem(operation: String, path: String, errno: Int32, message: String)
    /// libxlsxwriter returned an error: `function` is the C function, `code` its
    /// `lxw_error` value and `message` the text of `lxw_strerror`.
    case library(function: String, code: Int32, codeName: String, message: String, fix: String)

    /// One validation problem, located by sheet and, where it applies, the A1 cell.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var sheet: String?
        /// The A1 name of the cell, when the problem is in a cell.
        public var cell: String?
        public var kind: Kind

        public init(sheet: String?, cell: String? = nil, kind: Kind) {
            self.sheet = sheet
            self.cell = cell
            self.kind = kind
        }

        public enum Kind: Equatable, Sendable {
            case noSheets
            case emptySheetName
            case sheetNameTooLong(characters: Int)
            case sheetNameForbiddenCharacter(Character)
            case sheetNameApostropheAtEdge
            case sheetNameReserved
            case duplicateSheetName(firstSheetIndex: Int)
            case tooManyColumns(count: Int, limit: Int)
            case tooManyRows(count: Int, limit: Int)
            case rowWiderThanColumns(cells: Int, columns: Int)
            case headerOrFilterWithoutColumns
            case invalidColumnWidth(characters: Double)
            case invalidDecimalPlaces(Int)
            case nonFiniteNumber(Double)
            case integerTooLarge(Int)
            case moneyTooLarge(fen: Int)
            case textTooLong(characters: Int)
            case textContainsNUL
            case formulaMissingEquals(String)
            case formulaEmpty
            case formulaTooLong(characters: Int)
            case invalidDate(year: Int, month: Int, day: Int)
            case invalidCreationTime(secondsSince1970: Int)
        }

        public var description: String {
            var place = ""
            if let sheet { place += "sheet '\(sheet)'" }
            if let cell { place += (place.isEmpty ? "" : " ") + "cell \(cell)" }
            return (place.isEmpty ? "" : place + ": ") + reason
        }

        /// The cause and the fix, in one sentence each.
        public var reason: String {
            switch kind {
            case .noSheets:
                return "the workbook has no sheets. Add at least one sheet with addSheet(_:)."
            case .emptySheetName:
                return "the sheet name is empty. Give every sheet a name of 1 to 31 characters."
            case .sheetNameTooLong(let n):
                return "the sheet name has \(n) characters; Excel allows 31. Shorten it."
            case .sheetNameForbiddenCharacter(let c):
                return "the sheet name contains '\(c)'; Excel forbids [ ] : * ? / \\ in sheet names. Remove or replace it."
            case .sheetNameApostropheAtEdge:
                return "the sheet name starts or ends with an apostrophe, which Excel forbids. Remove it."
            case .sheetNameReserved:
                return "'History' is reserved by Excel. Choose another name."
            case .duplicateSheetName(let first):
                return "the name is already used by sheet \(first + 1) (Excel ignores case). Make sheet names unique."
            case .tooManyColumns(let count, let limit):
                return "\(count) columns; Excel allows \(limit). Split the data over several sheets."
            case .tooManyRows(let count, let limit):
                return "\(count) rows including header and totals; Excel allows \(limit). Split the data over several sheets."
            case .rowWiderThanColumns(let cells, let columns):
                return "the row has \(cells) cells but the sheet has \(columns) columns. Add a Column or drop the extra cells."
            case .headerOrFilterWithoutColumns:
                return "freezeHeaderRow or autoFilter is set but the sheet has no columns. Add columns or clear the flag."
            case .invalidColumnWidth(let w):
                return "column width \(w) characters is outside 0...255. Use a finite width in that range."
            case .invalidDecimalPlaces(let p):
                return "\(p) decimal places is outside 0...\(CellFormat.maximumDecimalPlaces). Use a count in that range."
            case .nonFiniteNumber(let x):
                return "the number \(x) is not finite; Excel cannot store it. Write .empty or text instead."
            case .integerTooLarge(let n):
                return "\(n) has more than 15 digits, which Excel would round. Write it as text."
            case .moneyTooLarge(let fen):
                return "\(fen) fen has more than 15 digits, which Excel would round. Check the amount's unit (fen, not 0.01 fen)."
            case .textTooLong(let n):
                return "the text has \(n) characters; Excel allows \(Cell.maximumTextCharacters). Shorten it."
            case .textContainsNUL:
                return "the text contains a NUL character, which would cut it short in C. Remove it."
            case .formulaMissingEquals(let f):
                return "the formula '\(f)' does not start with '='. Write it as in Excel, e.g. =SUM(C2:C10)."
            case .formulaEmpty:
                return "the formula is just '='. Write the expression after it."
            case .formulaTooLong(let n):
                return "the formula has \(n) characters; Excel allows \(Cell.maximumFormulaCharacters). Shorten it."
            case .invalidDate(let y, let m, let d):
                return "\(y)-\(m)-\(d) is not a calendar date in 1900...9999. Fix the year, month or day."
            case .invalidCreationTime(let s):
                return "creation time \(s) s since 1970 is outside 1...253402300799; 0 would make libxlsxwriter use the clock. Use a fixed time."
            }
        }
    }

    public var description: String {
        switch self {
        case .invalidWorkbook(let problems):
            return "The workbook is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                + problems.map { "  - " + $0.description }.joined(separator: "\n")
        case .directoryMissing(let path):
            return "The directory '\(path)' does not exist. Create it first or choose an existing directory."
        case .fileSystem(let operation, let path, let errno, let message):
            return "\(operation) failed for '\(path)': \(message) (errno \(errno)). Check the directory exists, is writable and has space."
        case .library(let function, let code, let codeName, let message, let fix):
            return "libxlsxwriter \(function) failed with \(codeName) (\(code)): \(message). \(fix)"
        }
    }
}
