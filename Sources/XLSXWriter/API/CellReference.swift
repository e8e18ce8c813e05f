// SPDX-License-Identifier: GPL-3.0-or-later
/// A1 references for zero-based row and column indices, in pure Swift.
public enum CellReference {
    /// The column letters for a zero-based index: 0 → "A", 25 → "Z", 26 → "AA".
    public static func columnLetters(_ column: Int) -> String {
        precondition(column >= 0, "column index must be non-negative")
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The A1 name of a zero-based cell: (0, 0) → "A1", (1, 2) → "C2".
    public static func a1(row: Int, column: Int) -> String {
        precondition(row >= 0, "row index must be non-negative")
        return columnLetters(column) + String(row + 1)
    }
}
