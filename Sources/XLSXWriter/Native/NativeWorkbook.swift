// SPDX-License-Identifier: GPL-3.0-or-later
import CXLSXWriter

/// The one owner of a libxlsxwriter `lxw_workbook`, and the only place that
/// calls libxlsxwriter. Worksheets and formats belong to the workbook in C and
/// are freed with it, so they are plain pointers here.
///
/// `workbook_close` (which writes the file and frees the workbook, even when it
/// fails) is called only in ``close()``. A workbook never closed, because an
/// earlier call failed, is freed without writing by `lxw_workbook_free` in `deinit`.
final class NativeWorkbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [FormatKey: UnsafeMutablePointer<lxw_format>] = [:]

    private struct FormatKey: Hashable {
        var format: CellFormat
        var bold: Bool
    }

    /// Validates and writes `workbook` to `path` (not atomically; see ``AtomicFile``).
    /// The caller has run ``Workbook/validate()``.
    static func write(_ workbook: Workbook, to path: String) throws(XLSXError) {
        let native = try NativeWorkbook(path: path)
        try native.setCreated(secondsSince1970: workbook.createdSecondsSince1970)
        for sheet in workbook.sheets { try native.add(sheet) }
        try native.close()
    }

    /// Calls `workbook_new`, which only records the file name; nothing is written yet.
    private init(path: String) throws(XLSXError) {
        guard let handle = workbook_new(path) else {
            throw LibraryError.error(LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_new")
        }
        self.handle = handle
    }

    deinit {
        if let handle { lxw_workbook_free(handle) }
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { preconditionFailure("NativeWorkbook used after close") }
        return handle
    }

    /// Calls `workbook_close`: assembles and writes the file, then frees the workbook.
    private func close() throws(XLSXError) {
        let closing = workbook
        handle = nil  // freed by workbook_close whatever it returns
        formats = [:]
        try LibraryError.check(workbook_close(closing), "workbook_close")
    }

    /// Calls `workbook_set_properties` with only `created` set. libxlsxwriter
    /// writes it as both dcterms:created and dcterms:modified; 0 would mean "now".
    private func setCreated(secondsSince1970: Int) throws(XLSXError) {
        var properties = lxw_doc_properties()
        properties.created = time_t(secondsSince1970)
        try LibraryError.check(workbook_set_properties(workbook, &properties), "workbook_set_properties")
    }

    /// Calls `workbook_add_format` once per (format, bold) pair; `nil` for plain General.
    private func format(_ format: CellFormat, bold: Bool = false) -> UnsafeMutablePointer<lxw_format>? {
        if format == .general && !bold { return nil }
        let key = FormatKey(format: format, bold: bold)
        if let existing = formats[key] { return existing }
        guard let created = workbook_add_format(workbook) else { return nil }
        if format != .general { format_set_num_format(created, format.numberFormat) }
        if bold { format_set_bold(created) }
        formats[key] = created
        return created
    }

    private func add(_ sheet: Sheet) throws(XLSXError) {
        // Swift validation already rejected bad names; this is libxlsxwriter's own
        // check, so that a disagreement shows up as an error, not a NULL.
        try LibraryError.check(workbook_validate_sheet_name(workbook, sheet.name), "workbook_validate_sheet_name")
        guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
            throw LibraryError.error(LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet")
        }
        let bold = format(.general, bold: true)
        for (index, column) in sheet.columns.enumerated() {
            let col = lxw_col_t(index)
            try LibraryError.check(
                worksheet_set_column(worksheet, col, col, column.widthCharacters, format(column.format)), "worksheet_set_column")
            try LibraryError.check(worksheet_write_string(worksheet, 0, col, column.header, bold), "worksheet_write_string")
        }
        for (offset, row) in sheet.rows.enumerated() {
            try write(row, at: 1 + offset, in: worksheet, columns: sheet.columns, bold: false)
        }
        if let totals = sheet.totalsRow {
            try write(totals, at: sheet.totalsRowIndex, in: worksheet, columns: sheet.columns, bold: true)
        }
        if sheet.freezeHeaderRow { worksheet_freeze_panes(worksheet, 1, 0) }
        if sheet.autoFilter {
            try LibraryError.check(
                worksheet_autofilter(worksheet, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.columns.count - 1)),
                "worksheet_autofilter")
        }
    }

    private func write(
        _ cells: [Cell], at rowIndex: Int, in worksheet: UnsafeMutablePointer<lxw_worksheet>, columns: [Column], bold: Bool
    ) throws(XLSXError) {
        let row = lxw_row_t(rowIndex)
        for (index, cell) in cells.enumerated() {
            let col = lxw_col_t(index)
            let columnFormat = columns[index].format
            switch cell {
            case .empty, .text(""):
                // libxlsxwriter ignores a blank without a format, which is what we want.
                let blankFormat = format(columnFormat, bold: bold)
                if blankFormat != nil {
                    try LibraryError.check(worksheet_write_blank(worksheet, row, col, blankFormat), "worksheet_write_blank")
                }
            case .text(let text):
                try LibraryError.check(
                    worksheet_write_string(worksheet, row, col, text, format(columnFormat, bold: bold)), "worksheet_write_string")
            case .number(let value):
                try LibraryError.check(
                    worksheet_write_number(worksheet, row, col, value, format(columnFormat, bold: bold)), "worksheet_write_number")
            case .integer(let value):
                let shown = columnFormat == .general ? CellFormat.integer : columnFormat
                try LibraryError.check(
                    worksheet_write_number(worksheet, row, col, Double(value), format(shown, bold: bold)), "worksheet_write_number")
            case .money(let fen):
                try LibraryError.check(
                    worksheet_write_number(worksheet, row, col, Self.cny(fen: fen), format(.cny, bold: bold)), "worksheet_write_number")
            case .date(let year, let month, let day):
                var datetime = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
                try LibraryError.check(
                    worksheet_write_datetime(worksheet, row, col, &datetime, format(.date, bold: bold)), "worksheet_write_datetime")
            case .formula(let formula, let cachedValue):
                try writeFormula(formula, cachedValue, worksheet, row, col, format(columnFormat, bold: bold))
            case .moneyFormula(let formula, let cachedFen):
                try writeFormula(formula, cachedFen.map(Self.cny(fen:)), worksheet, row, col, format(.cny, bold: bold))
            }
        }
    }

    /// Calls `worksheet_write_formula_num` when a cached value is given, so readers
    /// without a calculation engine see it; otherwise `worksheet_write_formula`,
    /// which stores 0 as the cached value. Excel recalculates on open either way.
    private func writeFormula(
        _ formula: String, _ cachedValue: Double?, _ worksheet: UnsafeMutablePointer<lxw_worksheet>, _ row: lxw_row_t,
        _ col: lxw_col_t, _ format: UnsafeMutablePointer<lxw_format>?
    ) throws(XLSXError) {
        if let cachedValue {
            try LibraryError.check(
                worksheet_write_formula_num(worksheet, row, col, formula, format, cachedValue), "worksheet_write_formula_num")
        } else {
            try LibraryError.check(worksheet_write_formula(worksheet, row, col, formula, format), "worksheet_write_formula")
        }
    }

    /// Fen to yuan for display: the nearest double to fen / 100.
    private static func cny(fen: Int) -> Double { Double(fen) / 100 }
}
