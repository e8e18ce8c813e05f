// SPDX-License-Identifier: GPL-3.0-or-later
//
// Plane geometry for the map, in SVG user units (y grows downwards), and the deterministic number
// text every coordinate is written with.

import Foundation

struct Point: Sendable, Hashable {
    var x: Double
    var y: Double
}

/// An axis-aligned box.
struct Box: Sendable, Hashable {
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double

    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    init(center p: Point, halfWidth: Double, halfHeight: Double) {
        self.init(minX: p.x - halfWidth, minY: p.y - halfHeight, maxX: p.x + halfWidth, maxY: p.y + halfHeight)
    }

    var width: Double { maxX - minX }
    var height: Double { maxY - minY }

    func union(_ b: Box) -> Box {
        Box(minX: min(minX, b.minX), minY: min(minY, b.minY), maxX: max(maxX, b.maxX), maxY: max(maxY, b.maxY))
    }

    func intersects(_ b: Box) -> Bool { minX < b.maxX && b.minX < maxX && minY < b.maxY && b.minY < maxY }

    func insetBy(_ d: Double) -> Box { Box(minX: minX + d, minY: minY + d, maxX: maxX - d, maxY: maxY - d) }

    /// Whether the segment a–b passes through the box (Liang–Barsky clipping).
    func intersects(segmentFrom a: Point, to b: Point) -> Bool {
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.x - a.x
        let dy = b.y - a.y
        for (p, q) in [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }
}

/// Coordinates as text: one decimal, locale-independent, never "-0.0".
func coordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let s = String(format: "%.1f", x)
    return s == "-0.0" ? "0.0" : s
}

/// A generous estimate of the width of `text` set in DejaVu Sans (the report's first font), in
/// units of the font size. Overestimating is safe: labels are placed with room to spare, and the
/// browser test measures the real boxes.
func estimatedTextWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
    var em = 0.0
    for u in text.unicodeScalars {
        switch u.value {
        case 0x20: em += 0.32
        case 0x30...0x39: em += 0.64
        case 0x41...0x5A: em += 0.74
        case 0x61...0x7A: em += 0.62
        case 0x2E80...: em += 1.0
        default: em += 0.66
        }
    }
    return em * fontSize * (bold ? 1.1 : 1.0)
}
