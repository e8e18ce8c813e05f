// SPDX-License-Identifier: GPL-3.0-or-later
/// One worksheet: a bold header row from ``columns``, the data ``rows`` below it,
/// and an optional bold ``totalsRow`` right after the data.
///
/// Row 1 (A1 notation) is the header, data rows are rows 2...(1 + rows.count),
/// and the totals row, when present, is row 2 + rows.count. Use
/// ``dataRange(column:)`` to build totals formulas such as `=SUM(C2:C201)`.
public struct Sheet: Equatable, Sendable {
    /// The tab name: 1...31 characters, none of `[ ] : * ? / \`, not starting or
    /// ending with `'`, not "History", unique in the workbook ignoring case.
    public var name: String
    public var columns: [Column]
    /// Data rows; each has at most `columns.count` cells (shorter rows end blank).
    public var rows: [[Cell]]
    /// Freeze the header row so it stays visible while scrolling (pane at A2).
    public var freezeHeaderRow: Bool
    /// Add an autofilter over the header and data rows (not the totals row).
    public var autoFilter: Bool
    /// A row written after the data, e.g. SUM formulas; `nil` for none.
    public var totalsRow: [Cell]?

    public init(
        name: String, columns: [Column], rows: [[Cell]] = [], freezeHeaderRow: Bool = false, autoFilter: Bool = false,
        totalsRow: [Cell]? = nil
    ) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.freezeHeaderRow = freezeHeaderRow
        self.autoFilter = autoFilter
        self.totalsRow = totalsRow
    }

    /// The A1 range of the data cells in a zero-based column, e.g. `C2:C201`.
    /// With no data rows it is the single cell below the header.
    public func dataRange(column: Int) -> String {
        let last = Swift.max(rows.count, 1)
        return CellReference.a1(row: 1, column: column) + ":" + CellReference.a1(row: last, column: column)
    }

    /// The A1 range the autofilter covers: the header and data rows, e.g. `A1:E201`.
    public var autoFilterRange: String {
        CellReference.a1(row: 0, column: 0) + ":" + CellReference.a1(row: rows.count, column: Swift.max(columns.count - 1, 0))
    }

    /// Zero-based row index of the totals row (the row after the data).
    public var totalsRowIndex: Int { 1 + rows.count }
}
