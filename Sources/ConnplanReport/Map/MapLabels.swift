// SPDX-License-Identifier: GPL-3.0-or-later
//
// Greedy label placement: each label tries eight positions around its anchor (then further out)
// and takes the cheapest, where covering another label or a marker costs far more than crossing a pipe line.
// Labels are placed in priority order (sources, buildings, then optional ones), so the ones that
// matter most get the best spots; an optional label that cannot avoid others is left out.

struct MapLabel {
    struct Line {
        var text: String
        var fontSize: Double
        var bold: Bool
        var colour: String
    }
    var lines: [Line]
    var anchor: Point
    /// Clearance from the anchor to the nearest edge of the label (the marker's radius plus a gap).
    var clearance: Double
    /// A required label is always drawn; an optional one only where it overlaps nothing.
    var required: Bool
    var cssClass: String

    var lineHeight: [Double] { lines.map { $0.fontSize * 1.22 } }
    var width: Double { lines.map { estimatedTextWidth($0.text, fontSize: $0.fontSize, bold: $0.bold) }.max() ?? 0 }
    var height: Double { lineHeight.reduce(0, +) }
}

struct PlacedLabel {
    var label: MapLabel
    var box: Box
}

struct LabelPlacer {
    /// Boxes nothing may cover (markers, and labels placed so far).
    var obstacles: [Box]
    /// Lines a label had better not cross (chosen pipes weigh more than candidates).
    var lines: [(a: Point, b: Point, weight: Double)]

    static let overlapCost = 1000.0

    /// Places `labels` in order; returns the ones drawn.
    mutating func place(_ labels: [MapLabel]) -> [PlacedLabel] {
        var placed: [PlacedLabel] = []
        for label in labels {
            let w = label.width + 2
            let h = label.height
            let p = label.anchor
            // Eight positions around the anchor, then the same further out when the near ones are taken.
            var candidates: [Box] = []
            for d in [label.clearance, label.clearance + 14, label.clearance + 32] {
                candidates += [
                    Box(minX: p.x + d, minY: p.y - h / 2, maxX: p.x + d + w, maxY: p.y + h / 2),  // right
                    Box(minX: p.x - d - w, minY: p.y - h / 2, maxX: p.x - d, maxY: p.y + h / 2),  // left
                    Box(minX: p.x - w / 2, minY: p.y - d - h, maxX: p.x + w / 2, maxY: p.y - d),  // above
                    Box(minX: p.x - w / 2, minY: p.y + d, maxX: p.x + w / 2, maxY: p.y + d + h),  // below
                    Box(minX: p.x + d * 0.7, minY: p.y - d * 0.7 - h, maxX: p.x + d * 0.7 + w, maxY: p.y - d * 0.7),  // above right
                    Box(minX: p.x + d * 0.7, minY: p.y + d * 0.7, maxX: p.x + d * 0.7 + w, maxY: p.y + d * 0.7 + h),  // below right
                    Box(minX: p.x - d * 0.7 - w, minY: p.y - d * 0.7 - h, maxX: p.x - d * 0.7, maxY: p.y - d * 0.7),  // above left
                    Box(minX: p.x - d * 0.7 - w, minY: p.y + d * 0.7, maxX: p.x - d * 0.7, maxY: p.y + d * 0.7 + h),  // below left
                ]
            }
            var best: (cost: Double, box: Box)?
            for (i, box) in candidates.enumerated() {
                let padded = Box(minX: box.minX - 1.5, minY: box.minY - 1, maxX: box.maxX + 1.5, maxY: box.maxY + 1)
                var cost = Double(i % 8) * 0.5 + Double(i / 8) * 40
                for o in obstacles where o.intersects(padded) { cost += Self.overlapCost }
                for l in lines where padded.intersects(segmentFrom: l.a, to: l.b) { cost += l.weight }
                if let b = best, b.cost <= cost { continue }
                best = (cost, box)
            }
            guard let best else { continue }
            if !label.required && best.cost >= Self.overlapCost { continue }
            obstacles.append(best.box)
            placed.append(PlacedLabel(label: label, box: best.box))
        }
        return placed
    }
}
