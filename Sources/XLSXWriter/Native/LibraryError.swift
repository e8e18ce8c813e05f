// SPDX-License-Identifier: GPL-3.0-or-later
import CXLSXWriter

/// The one table from libxlsxwriter's `lxw_error` codes to a name and a fix.
/// The cause is `lxw_strerror`'s own sentence; the fix is ours.
enum LibraryError {
    /// Indexed by the raw `lxw_error` value (common.h of libxlsxwriter 1.1.4).
    private static let table: [(name: String, fix: String)] = [
        ("LXW_NO_ERROR", "No fix needed."),
        ("LXW_ERROR_MEMORY_MALLOC_FAILED", "Free memory or write a smaller workbook."),
        ("LXW_ERROR_CREATING_XLSX_FILE", "Check that the directory exists and is writable."),
        ("LXW_ERROR_CREATING_TMPFILE", "Check that the system temporary directory (TMPDIR) is writable and has space."),
        ("LXW_ERROR_READING_TMPFILE", "Check the system temporary directory (TMPDIR) for space and errors."),
        ("LXW_ERROR_ZIP_FILE_OPERATION", "Check the target directory for space and write errors."),
        ("LXW_ERROR_ZIP_PARAMETER_ERROR", "This is a bug in XLSXWriter's use of libxlsxwriter; please report it."),
        ("LXW_ERROR_ZIP_BAD_ZIP_FILE", "The file exceeds 4 GB; write less data per workbook."),
        ("LXW_ERROR_ZIP_INTERNAL_ERROR", "Retry; if it persists, report it with the libxlsxwriter version."),
        ("LXW_ERROR_ZIP_FILE_ADD", "Check the target directory and TMPDIR for space and write errors."),
        ("LXW_ERROR_ZIP_CLOSE", "Check the target directory for space and write errors."),
        ("LXW_ERROR_FEATURE_NOT_SUPPORTED", "This is a bug in XLSXWriter's use of libxlsxwriter; please report it."),
        ("LXW_ERROR_NULL_PARAMETER_IGNORED", "This is a bug in XLSXWriter's use of libxlsxwriter; please report it."),
        ("LXW_ERROR_PARAMETER_VALIDATION", "A value passed Swift validation but not libxlsxwriter's; please report it."),
        ("LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED", "Shorten the sheet name to 31 characters."),
        ("LXW_ERROR_INVALID_SHEETNAME_CHARACTER", "Remove [ ] : * ? / \\ from the sheet name."),
        ("LXW_ERROR_SHEETNAME_START_END_APOSTROPHE", "Remove the apostrophe at the start or end of the sheet name."),
        ("LXW_ERROR_SHEETNAME_ALREADY_USED", "Make sheet names unique."),
        ("LXW_ERROR_32_STRING_LENGTH_EXCEEDED", "Shorten the string to 32 characters."),
        ("LXW_ERROR_128_STRING_LENGTH_EXCEEDED", "Shorten the string to 128 characters."),
        ("LXW_ERROR_255_STRING_LENGTH_EXCEEDED", "Shorten the string to 255 characters."),
        ("LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED", "Shorten the text to 32,767 characters."),
        ("LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND", "Retry; if it persists, report it with the libxlsxwriter version."),
        ("LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE", "Keep within 1,048,576 rows and 16,384 columns."),
        ("LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED", "Shorten the hyperlink to 2,079 characters."),
        ("LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED", "Use at most 65,530 hyperlinks per sheet."),
        ("LXW_ERROR_IMAGE_DIMENSIONS", "Use a PNG, JPEG, GIF or BMP image with readable dimensions."),
    ]

    /// Throws the mapped ``XLSXError/library(function:code:codeName:message:fix:)``
    /// unless `code` is `LXW_NO_ERROR`. Every `lxw_error` return goes through here.
    static func check(_ code: lxw_error, _ function: StaticString) throws(XLSXError) {
        if code == LXW_NO_ERROR { return }
        throw error(code, function)
    }

    static func error(_ code: lxw_error, _ function: StaticString) -> XLSXError {
        let raw = Int(code.rawValue)
        let entry: (name: String, fix: String) = raw < table.count ? table[raw] : ("lxw_error \(raw)", "Report it with the libxlsxwriter version.")
        let message = lxw_strerror(code).map { String(cString: $0) } ?? "unknown error"
        return .library(function: "\(function)", code: Int32(raw), codeName: entry.name, message: message, fix: entry.fix)
    }
}
