// SPDX-License-Identifier: GPL-3.0-or-later
/// A column of a sheet: its header text, its width and how its numbers are shown.
public struct Column: Equatable, Sendable {
    /// The text of the header cell in row 1.
    public var header: String
    /// Column width in Excel character units (the width of one '0' in the default font), 0...255.
    public var widthCharacters: Double
    /// The format for numbers, formulas and empty cells in this column.
    /// ``Cell/money(fen:)`` and ``Cell/moneyFormula(_:cachedFen:)`` always use ``CellFormat/cny``.
    public var format: CellFormat

    public init(header: String, widthCharacters: Double = 12, format: CellFormat = .general) {
        self.header = header
        self.widthCharacters = widthCharacters
        self.format = format
    }

    /// Excel's largest column width, in characters.
    public static let maximumWidthCharacters = 255.0
}
