// SPDX-License-Identifier: GPL-3.0-or-later

/// Money as text, exactly: integer arithmetic on fen, no floating point.
public enum MoneyText {
    /// "12,345.67" (or "12345.67" without grouping) from fen.
    public static func cny(_ fen: Fen, grouping: Bool = true) -> String {
        let negative = fen < 0
        let a = negative ? -fen : fen
        var digits = String(a / 100)
        if grouping {
            var out = ""
            for (i, ch) in digits.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            digits = String(out.reversed())
        }
        let cents = a % 100
        return (negative ? "-" : "") + digits + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
