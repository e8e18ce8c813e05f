// SPDX-License-Identifier: GPL-3.0-or-later
/// How a column shows its numbers. Each case maps to one Excel number format.
public enum CellFormat: Hashable, Sendable {
    /// Excel's default "General" format.
    case general
    /// Yuan with two decimals and a thousands separator, `[$¥-804]#,##0.00`.
    /// The `-804` locale tag (zh-CN) marks the ¥ as the yuan, not the yen.
    case cny
    /// Whole numbers with a thousands separator, `#,##0`.
    case integer
    /// Fixed decimals with a thousands separator, e.g. `#,##0.000` for 3 places (0...15).
    case decimal(places: Int)
    /// A fraction shown as a percentage with one decimal, `0.0%` (0.125 shows 12.5%).
    case percent
    /// An ISO calendar date, `yyyy-mm-dd`.
    case date

    /// The Excel number format string written to the file.
    public var numberFormat: String {
        switch self {
        case .general: return "General"
        case .cny: return "[$¥-804]#,##0.00"
        case .integer: return "#,##0"
        case .decimal(let places):
            return places <= 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: places)
        case .percent: return "0.0%"
        case .date: return "yyyy-mm-dd"
        }
    }

    /// The largest number of decimals ``decimal(places:)`` accepts (Excel shows 15 digits).
    public static let maximumDecimalPlaces = 15
}
