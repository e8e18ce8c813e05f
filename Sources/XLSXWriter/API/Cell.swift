// SPDX-License-Identifier: GPL-3.0-or-later
/// One cell value in a sheet, independent of libxlsxwriter.
///
/// Money is carried as integer fen (0.01 CNY), as everywhere in connplan; the
/// workbook shows it in CNY. Numbers must be finite; formulas start with `=`.
public enum Cell: Equatable, Sendable {
    /// A UTF-8 string (at most ``Cell/maximumTextCharacters`` characters, no NUL).
    /// An empty string is written as a blank cell.
    case text(String)
    /// A finite number shown with the column's ``CellFormat``.
    case number(Double)
    /// An amount in fen, written as the number `fen / 100` with the CNY format,
    /// whatever the column's format.
    case money(fen: Int)
    /// A whole number shown with the column's format (``CellFormat/integer`` if the column is `general`).
    /// At most ``Cell/maximumExactMagnitude`` in magnitude so that Excel keeps every digit.
    case integer(Int)
    /// A calendar date (proleptic Gregorian, years 1900...9999) shown with the `date` format.
    case date(year: Int, month: Int, day: Int)
    /// A formula such as `=SUM(C2:C201)`, with the value a reader without a
    /// calculation engine should see (`cachedValue`, in the units of the result).
    /// Without a cached value libxlsxwriter stores 0, which such readers show.
    case formula(String, cachedValue: Double?)
    /// A formula whose result is money: `cachedFen` is written as `fen / 100`
    /// and the cell gets the CNY format.
    case moneyFormula(String, cachedFen: Int?)
    /// Nothing; the column's format is still applied when it is not `general`.
    case empty

    /// Excel keeps 15 significant decimal digits; larger integers (and fen
    /// amounts) would be silently rounded, so they are rejected.
    public static let maximumExactMagnitude = 999_999_999_999_999
    /// Excel's limit on the length of a cell's text (32,767 characters).
    public static let maximumTextCharacters = 32_767
    /// Excel's limit on the length of a formula (8,192 characters).
    public static let maximumFormulaCharacters = 8_192
}
