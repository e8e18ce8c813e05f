// SPDX-License-Identifier: GPL-3.0-or-later
//
// Small, deterministic formatting helpers shared by the text formats.

import ConnplanCore
import Foundation

public enum Money {
    /// "12,345.67" from fen, exact (integer arithmetic; no floating point).
    public static func cny(_ fen: Fen, grouping: Bool = true) -> String { MoneyText.cny(fen, grouping: grouping) }

    /// CNY as a JSON number text with exactly two decimals ("1234.50"), exact.
    public static func jsonNumber(_ fen: Fen) -> String { cny(fen, grouping: false) }
}

/// Fixed-point number text, locale-independent.
func fixed(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "inf" : "-inf") }
    let s = String(format: "%.\(decimals)f", x)
    return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
}

/// A plain-text table with right-aligned numeric columns.
struct TextTable {
    var headers: [String]
    var rightAligned: Set<Int>
    var rows: [[String]] = []
    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }
    mutating func add(_ row: [String]) { rows.append(row) }
    func render(indent: String = "  ") -> String {
        var widths = headers.map { $0.count }
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, c -> String in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return rightAligned.contains(i) ? pad + c : c + pad
            }
            var s = indent + padded.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = [line(headers), indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
