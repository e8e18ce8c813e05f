// SPDX-License-Identifier: GPL-3.0-or-later
/// A solver-neutral description of an .xlsx workbook: an ordered list of sheets.
///
/// Build it in Swift, then ``write(to:)`` validates everything and hands it to
/// libxlsxwriter. The same workbook always gives the same bytes, because the
/// document creation time is the fixed ``createdSecondsSince1970`` rather than
/// the clock.
public struct Workbook: Equatable, Sendable {
    /// Sheets in tab order; the first is the one shown when the file opens.
    public private(set) var sheets: [Sheet] = []
    /// The document creation (and modification) time stored in docProps/core.xml,
    /// in seconds since 1970-01-01T00:00:00Z. Fixed so output is deterministic;
    /// defaults to 2000-01-01T00:00:00Z.
    public var createdSecondsSince1970: Int = 946_684_800

    public init() {}

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// Appends a sheet after the existing ones. Names are checked by ``validate()``.
    public mutating func addSheet(_ sheet: Sheet) {
        sheets.append(sheet)
    }

    /// Writes the workbook to `path` atomically.
    ///
    /// Validates in Swift first (``validate()``); then libxlsxwriter writes a
    /// temporary file in the same directory, which is flushed to disk and renamed
    /// over `path`. On any failure the temporary file is removed and `path` is
    /// left as it was.
    public func write(to path: String) throws(XLSXError) {
        try validate()
        try AtomicFile.replace(path) { (temporaryPath) throws(XLSXError) in
            try NativeWorkbook.write(self, to: temporaryPath)
        }
    }
}
