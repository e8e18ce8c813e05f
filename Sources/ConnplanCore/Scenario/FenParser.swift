// SPDX-License-Identifier: GPL-3.0-or-later

/// Reads an amount of CNY written as decimal text into integer fen, exactly.
///
/// Binary floating point cannot hold most decimal fractions (19.99 × 100 is 1998.9999…), so the
/// digits are read as text: `1500.5` → 150050 fen, `0.1` → 10 fen. Digits past the second decimal
/// must be zeros (`12.340` is 1234 fen; `12.345` is rejected), exponents are rejected.
enum FenParser {
    enum Result: Equatable {
        case fen(Fen)
        /// Not plain decimal text (letters, exponent, empty, ...).
        case notDecimal
        /// A non-zero digit after the second decimal place.
        case tooManyDecimals
        /// Beyond ±10¹⁵ fen (10 trillion CNY): certainly a typing error, and kept well inside `Int`.
        case outOfRange
    }

    static let limitFen: Fen = 1_000_000_000_000_000

    static func parse(_ text: String) -> Result {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(whole.count)
        var fraction: ArraySlice<UInt8> = []
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit)
            bytes = bytes.dropFirst(fraction.count)
        }
        guard bytes.isEmpty, !whole.isEmpty || !fraction.isEmpty else { return .notDecimal }
        if fraction.dropFirst(2).contains(where: { $0 != UInt8(ascii: "0") }) { return .tooManyDecimals }

        var fen: Fen = 0
        for digit in whole {
            // Leading zeros are harmless; stop as soon as the limit is passed so no overflow occurs.
            fen = fen * 10 + Fen(digit - UInt8(ascii: "0"))
            if fen > limitFen { return .outOfRange }
        }
        let cents = Array(fraction.prefix(2)) + Array(repeating: UInt8(ascii: "0"), count: max(0, 2 - fraction.count))
        for digit in cents { fen = fen * 10 + Fen(digit - UInt8(ascii: "0")) }
        if fen > limitFen { return .outOfRange }
        return .fen(negative ? -fen : fen)
    }
}
