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

/// Boxes bucketed on a uniform grid, so that finding what a label box touches costs about the
/// same on a district-sized map as on a compound.
struct BoxIndex {
    static let cell = 48.0
    struct Key: Hashable {
        var x: Int
        var y: Int
    }
    private(set) var boxes: [Box] = []
    private var buckets: [Key: [Int]] = [:]

    private static func keys(_ b: Box) -> [Key] {
        // Drawing coordinates are normalised to a few hundred units; anything else is left unindexed
        // rather than trapping on the conversion to Int.
        let limit = 1e6
        guard [b.minX, b.minY, b.maxX, b.maxY].allSatisfy({ $0.isFinite && abs($0) < limit }) else { return [] }
        let x0 = Int((b.minX / cell).rounded(.down))
        let x1 = Int((b.maxX / cell).rounded(.down))
        let y0 = Int((b.minY / cell).rounded(.down))
        let y1 = Int((b.maxY / cell).rounded(.down))
        var out: [Key] = []
        for x in x0...max(x0, x1) { for y in y0...max(y0, y1) { out.append(Key(x: x, y: y)) } }
        return out
    }

    mutating func insert(_ b: Box) -> Int {
        let i = boxes.count
        boxes.append(b)
        for k in Self.keys(b) { buckets[k, default: []].append(i) }
        return i
    }

    /// Indices of the boxes that may intersect `b` (a superset), ascending.
    func near(_ b: Box) -> [Int] {
        var seen = Set<Int>()
        for k in Self.keys(b) { for i in buckets[k] ?? [] { seen.insert(i) } }
        return seen.sorted()
    }
}

struct LabelPlacer {
    /// Boxes nothing may cover (markers, and labels placed so far).
    private var obstacles = BoxIndex()
    /// Lines a label had better not cross (chosen pipes weigh more than candidates), indexed by their bounding boxes.
    private var lines: [(a: Point, b: Point, weight: Double)]
    private var lineIndex = BoxIndex()

    static let overlapCost = 1000.0

    init(obstacles: [Box], lines: [(a: Point, b: Point, weight: Double)]) {
        for o in obstacles { _ = self.obstacles.insert(o) }
        self.lines = lines
        for l in lines {
            _ = lineIndex.insert(Box(minX: min(l.a.x, l.b.x), minY: min(l.a.y, l.b.y), maxX: max(l.a.x, l.b.x), maxY: max(l.a.y, l.b.y)))
        }
    }

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
                for o in obstacles.near(padded) where obstacles.boxes[o].intersects(padded) { cost += Self.overlapCost }
                for j in lineIndex.near(padded) where padded.intersects(segmentFrom: lines[j].a, to: lines[j].b) { cost += lines[j].weight }
                if let b = best, b.cost <= cost { continue }
                best = (cost, box)
            }
            guard let best else { continue }
            if !label.required && best.cost >= Self.overlapCost { continue }
            _ = obstacles.insert(best.box)
            placed.append(PlacedLabel(label: label, box: best.box))
        }
        return placed
    }
}
