// SPDX-License-Identifier: GPL-3.0-or-later
//
// The map of the candidate network and the chosen route as inline SVG: north up, fitted to the
// A4 text width, labels placed so that they overlap neither each other nor the markers and are
// never clipped (the view box grows to hold every label), a scale bar of a round length and a
// north arrow, or "schematic, not to scale" when the scenario has no coordinates. Every class
// of line differs by dash pattern or width as well as colour, so it reads in black and white.

import ConnplanCore

/// The network map of a scenario and (if there is one) its plan.
public struct NetworkMap: Sendable {
    public var scenario: Scenario
    public var plan: Plan?
    /// Segment, source and owner ids left out with --forbid (drawn as such).
    public var forbiddenIDs: Set<String>

    public init(scenario: Scenario, plan: Plan?, forbiddenIDs: Set<String> = []) {
        self.scenario = scenario
        self.plan = plan
        self.forbiddenIDs = forbiddenIDs
    }

    // MARK: Drawing constants (SVG user units; the drawing is about 720 units wide, ≈ the A4 text width)

    /// The network itself (node positions) fits in this box before labels are added.
    static let networkWidth = 620.0
    static let networkHeight = 480.0
    /// The view box is at least this wide, so type sizes stay the same from map to map.
    static let minimumWidth = 720.0
    /// The view box is never taller than this many times its width (it then fits one A4 page).
    static let maximumAspect = 1.0
    static let labelFont = 11.0
    static let detailFont = 9.5
    static let smallFont = 8.5

    static let chosenPalette = ["#56B4E9", "#0072B2", "#009E73", "#7B3294", "#8C510A", "#1A1A1A", "#01665E", "#C51B7D"]
    static let candidateColour = "#A0A0A0"
    static let refusedColour = "#C0001A"
    static let forbiddenColour = "#444444"
    static let pendingColour = "#F2B134"
    static let refusedDash = "7 4"
    static let forbiddenDash = "2 3"

    enum SegmentState { case chosen, candidate, refused, forbidden }
    enum SourceState { case tapped, unused, refused, forbidden }

    /// A pipe size drawn on the map: its legend label, colour and line width.
    struct PipeStyle {
        var label: String
        var colour: String
        var width: Double
        var lengthMetres: Double
        /// 0 for the smallest size in the plan, 1 for the next, ...
        var rank: Int
    }

    func consent(of ownerID: String?) -> Consent? { ownerID.flatMap { scenario.owner($0)?.consent } }

    func state(of segment: Segment, chosen: Set<String>) -> SegmentState {
        if chosen.contains(segment.id) { return .chosen }
        if consent(of: segment.ownerID) == .refused { return .refused }
        if forbiddenIDs.contains(segment.id) || segment.ownerID.map(forbiddenIDs.contains) == true { return .forbidden }
        return .candidate
    }

    func state(of source: Source) -> SourceState {
        if plan?.route.sourceIDs.contains(source.id) == true { return .tapped }
        if consent(of: source.ownerID) == .refused { return .refused }
        if forbiddenIDs.contains(source.id) || forbiddenIDs.contains(source.ownerID) { return .forbidden }
        return .unused
    }

    /// One style per pipe size in the plan, smallest first: colours from a colour-blind-safe set,
    /// widths growing with the size (so sizes also differ in black and white).
    func pipeStyles() -> [String: PipeStyle] {
        guard let plan else { return [:] }
        var byLabel: [String: (dn: Int, length: Double)] = [:]
        for s in plan.segments { byLabel[s.pipe.label, default: (s.pipe.nominalDiameter, 0)].length += s.lengthMetres }
        let ordered = byLabel.sorted { $0.value.dn != $1.value.dn ? $0.value.dn < $1.value.dn : $0.key < $1.key }
        var out: [String: PipeStyle] = [:]
        for (rank, entry) in ordered.enumerated() {
            out[entry.key] = PipeStyle(
                label: entry.key, colour: Self.chosenPalette[rank % Self.chosenPalette.count], width: min(3.0 + 1.5 * Double(rank), 10),
                lengthMetres: entry.value.length, rank: rank)
        }
        return out
    }

    // MARK: Output

    /// The map as a figure: the SVG, its legend and a caption.
    public var html: HTML {
        let drawing = draw()
        var parts: [HTML] = [drawing.svg]
        parts.append(.element("ul", [("class", "legend"), ("aria-label", "Map legend")], drawing.legend))
        parts.append(.element("figcaption", text: drawing.caption))
        return .element("figure", [("class", "map")], parts)
    }

    struct Drawing {
        var svg: HTML
        var legend: [HTML]
        var caption: String
        /// The view box (for tests).
        var viewBox: Box
        /// Every label's box (for tests).
        var labelBoxes: [Box]
    }

    func draw() -> Drawing {
        let layout = MapLayout(scenario: scenario)
        let chosenIDs = Set(plan?.segments.map(\.segmentID) ?? [])
        let planned = Dictionary(plan?.segments.map { ($0.segmentID, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let styles = pipeStyles()

        // World → drawing: scale to fit, y flipped so north is up.
        let world = layout.positions.values
        let minX = world.map(\.x).min() ?? 0
        let maxX = world.map(\.x).max() ?? 0
        let minY = world.map(\.y).min() ?? 0
        let maxY = world.map(\.y).max() ?? 0
        let scale = min(Self.networkWidth / max(maxX - minX, 1), Self.networkHeight / max(maxY - minY, 1))
        func at(_ id: String) -> Point? {
            layout.positions[id].map { Point(x: ($0.x - minX) * scale, y: (maxY - $0.y) * scale) }
        }

        var layers = (pending: [HTML](), lines: [HTML](), chosen: [HTML](), arrows: [HTML](), markers: [HTML]())
        var obstacles: [Box] = []
        var lines: [(a: Point, b: Point, weight: Double)] = []
        var extent = Box(minX: 0, minY: 0, maxX: 0, maxY: 0)
        var segmentLabels: [MapLabel] = []
        var present = Set<String>()

        for seg in scenario.segments {
            guard var a = at(seg.fromNodeID), var b = at(seg.toNodeID) else { continue }
            let st = state(of: seg, chosen: chosenIDs)
            let ps = planned[seg.id]
            if let ps, ps.upstreamNodeID == seg.toNodeID, let a2 = at(ps.upstreamNodeID), let b2 = at(ps.downstreamNodeID) {
                a = a2
                b = b2
            }
            let style = ps.flatMap { styles[$0.pipe.label] }
            let id = [("data-segment", seg.id)]
            if consent(of: seg.ownerID) == .pending {
                present.insert("pending")
                layers.pending.append(
                    line(a, b, colour: Self.pendingColour, width: (style?.width ?? 2) + 9, extra: [("stroke-opacity", "0.6")] + id))
            }
            switch st {
            case .chosen:
                let colour = style?.colour ?? "#000"
                layers.chosen.append(line(a, b, colour: colour, width: style?.width ?? 3, extra: id + [("class", "chosen")]))
                layers.arrows.append(arrow(from: a, to: b))
                lines.append((a, b, 25))
                let mid = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
                obstacles.append(Box(center: mid, halfWidth: 5, halfHeight: 5))
                segmentLabels.append(
                    MapLabel(
                        lines: [.init(text: seg.id, fontSize: Self.smallFont, bold: false, colour: "#333")], anchor: mid,
                        clearance: max((style?.width ?? 3) / 2, 5) + 4, required: false, cssClass: "segment-label"))
            case .candidate:
                present.insert("candidate")
                layers.lines.append(line(a, b, colour: Self.candidateColour, width: 1.6, extra: id))
                lines.append((a, b, 6))
            case .refused:
                present.insert("refused")
                layers.lines.append(
                    line(a, b, colour: Self.refusedColour, width: 2.2, extra: [("stroke-dasharray", Self.refusedDash)] + id))
                lines.append((a, b, 6))
            case .forbidden:
                present.insert("forbidden")
                layers.lines.append(
                    line(a, b, colour: Self.forbiddenColour, width: 2.2, extra: [("stroke-dasharray", Self.forbiddenDash)] + id))
                lines.append((a, b, 6))
            }
        }

        // Markers and their labels: sources, then buildings, then the other nodes.
        var required: [MapLabel] = []
        var optional: [MapLabel] = []
        var special = Set<String>()
        for src in scenario.sources {
            guard let p = at(src.nodeID) else { continue }
            special.insert(src.nodeID)
            let st = state(of: src)
            present.insert("source-\(st)")
            layers.markers.append(triangle(p, state: st, id: src.id))
            obstacles.append(Box(center: p, halfWidth: 9, halfHeight: 9))
            let status: String
            switch st {
            case .tapped: status = "tapped"
            case .unused: status = consent(of: src.ownerID) == .pending ? "not used · consent pending" : "not used"
            case .refused: status = "consent refused"
            case .forbidden: status = "left out (--forbid)"
            }
            required.append(
                MapLabel(
                    lines: [
                        .init(text: src.id, fontSize: Self.labelFont, bold: true, colour: "#000"),
                        .init(text: Self.shortened(src.name, 40), fontSize: Self.detailFont, bold: false, colour: "#222"),
                        .init(text: status, fontSize: Self.detailFont, bold: false, colour: st == .refused ? Self.refusedColour : "#222"),
                    ], anchor: p, clearance: 11, required: true, cssClass: "source-label"))
        }
        let served = Set(plan?.buildings.map(\.buildingID) ?? [])
        for b in scenario.buildings {
            guard let p = at(b.nodeID) else { continue }
            special.insert(b.nodeID)
            present.insert("building")
            layers.markers.append(square(p, served: served.contains(b.id), id: b.id))
            obstacles.append(Box(center: p, halfWidth: 7.5, halfHeight: 7.5))
            required.append(
                MapLabel(
                    lines: [
                        .init(text: b.id, fontSize: Self.labelFont, bold: true, colour: "#000"),
                        .init(
                            text: "\(b.households) household\(b.households == 1 ? "" : "s")", fontSize: Self.detailFont, bold: false,
                            colour: "#222"),
                    ], anchor: p, clearance: 9, required: true, cssClass: "building-label"))
        }
        for n in scenario.nodes where !special.contains(n.id) {
            guard let p = at(n.id) else { continue }
            present.insert("junction")
            layers.markers.append(
                .element("circle", [("cx", coordinate(p.x)), ("cy", coordinate(p.y)), ("r", "2.6"), ("fill", "#333"), ("data-node", n.id)]))
            obstacles.append(Box(center: p, halfWidth: 3, halfHeight: 3))
            optional.append(
                MapLabel(
                    lines: [.init(text: n.id, fontSize: Self.smallFont, bold: false, colour: "#555")], anchor: p, clearance: 4,
                    required: false,
                    cssClass: "node-label"))
        }
        for p in layout.positions.keys.compactMap(at) { extent = extent.union(Box(center: p, halfWidth: 10, halfHeight: 10)) }

        var placer = LabelPlacer(obstacles: obstacles, lines: lines)
        let placed = placer.place(required + optional + segmentLabels)
        for l in placed { extent = extent.union(l.box) }

        // Bottom band: scale bar (left) and north arrow (right), or the schematic notice.
        let band = Box(minX: extent.minX, minY: extent.maxY + 12, maxX: extent.maxX, maxY: extent.maxY + 56)
        var furniture: [HTML] = []
        var scaleBarMetres: Double?
        if layout.toScale {
            let metres = Self.roundScaleLength(maxUnits: 150, unitsPerMetre: scale)
            scaleBarMetres = metres
            furniture.append(scaleBar(at: Point(x: band.minX + 4, y: band.minY + 14), metres: metres, unitsPerMetre: scale))
            extent = extent.union(Box(minX: band.minX, minY: band.minY, maxX: band.minX + metres * scale + 60, maxY: band.maxY))
        } else {
            furniture.append(
                text(
                    "Schematic, not to scale", at: Point(x: band.minX + 4, y: band.minY + 22), size: Self.labelFont, bold: true,
                    colour: "#000"))
            extent = extent.union(Box(minX: band.minX, minY: band.minY, maxX: band.minX + 180, maxY: band.maxY))
        }

        // View box: the extent plus a margin, at least the minimum width, not too tall.
        var view = Box(minX: extent.minX - 10, minY: extent.minY - 10, maxX: extent.maxX + 10, maxY: extent.maxY + 6)
        let wantedWidth = max(Self.minimumWidth, view.height / Self.maximumAspect)
        if view.width < wantedWidth {
            let grow = (wantedWidth - view.width) / 2
            view = Box(minX: view.minX - grow, minY: view.minY, maxX: view.maxX + grow, maxY: view.maxY)
        }
        if layout.toScale { furniture.append(northArrow(at: Point(x: view.maxX - 26, y: band.minY + 2))) }

        var body: [HTML] = []
        body.append(.element("title", text: "Map of the candidate network" + (plan == nil ? "" : " and the chosen route")))
        body.append(
            .element(
                "rect",
                [
                    ("x", coordinate(view.minX)), ("y", coordinate(view.minY)), ("width", coordinate(view.width)),
                    ("height", coordinate(view.height)), ("fill", "#ffffff"),
                ]))
        body.append(.element("g", [("class", "pending-land")], layers.pending))
        body.append(.element("g", [("class", "candidates"), ("stroke-linecap", "round")], layers.lines))
        body.append(.element("g", [("class", "route"), ("stroke-linecap", "round")], layers.chosen))
        body.append(.element("g", [("class", "flow-arrows")], layers.arrows))
        body.append(.element("g", [("class", "markers")], layers.markers))
        body.append(.element("g", [("class", "labels")], placed.map(render)))
        body.append(.element("g", [("class", "furniture")], furniture))
        let svg = HTML.element(
            "svg",
            [
                ("viewBox", [view.minX, view.minY, view.width, view.height].map(coordinate).joined(separator: " ")),
                ("width", coordinate(view.width)), ("height", coordinate(view.height)), ("role", "img"),
                ("class", "network"), ("aria-label", "Network map"),
                ("font-family", "DejaVu Sans, Noto Sans, Noto Sans CJK SC, Arial, sans-serif"),
            ],
            body)

        var caption: String
        if layout.toScale {
            caption = "Local coordinates from the scenario, north up; the scale bar is \(Self.lengthText(scaleBarMetres ?? 0))."
        } else {
            let n = layout.nodesWithoutCoordinates.count
            caption =
                "Schematic, not to scale: \(n) node\(n == 1 ? "" : "s") (\(Self.shortList(layout.nodesWithoutCoordinates))) "
                + "\(n == 1 ? "has" : "have") no coordinates, so nodes are laid out by their distance in segments from the sources (sources on the left)."
        }
        caption +=
            plan == nil ? " There is no plan: the map shows the candidate network only." : " Arrows point the way the gas or water flows."
        let skipped = required.count + optional.count + segmentLabels.count - placed.count
        if skipped > 0 {
            caption +=
                " \(skipped) junction or segment label\(skipped == 1 ? " was" : "s were") left out where there was no room; the route table names every segment and node."
        }
        return Drawing(
            svg: svg, legend: legend(styles: styles, present: present), caption: caption, viewBox: view, labelBoxes: placed.map(\.box))
    }

    // MARK: Shapes

    func line(_ a: Point, _ b: Point, colour: String, width: Double, extra: [(String, String?)] = []) -> HTML {
        .element(
            "line",
            [
                ("x1", coordinate(a.x)), ("y1", coordinate(a.y)), ("x2", coordinate(b.x)), ("y2", coordinate(b.y)), ("stroke", colour),
                ("stroke-width", coordinate(width)),
            ] + extra)
    }

    /// A small arrowhead at the middle of a–b pointing from a to b.
    func arrow(from a: Point, to b: Point) -> HTML {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let len = (dx * dx + dy * dy).squareRoot()
        guard len > 16 else { return .empty }
        let ux = dx / len
        let uy = dy / len
        let m = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
        let tip = Point(x: m.x + ux * 5, y: m.y + uy * 5)
        let l = Point(x: m.x - ux * 4 - uy * 4, y: m.y - uy * 4 + ux * 4)
        let r = Point(x: m.x - ux * 4 + uy * 4, y: m.y - uy * 4 - ux * 4)
        return .element(
            "polygon",
            [
                ("points", [tip, l, r].map { coordinate($0.x) + "," + coordinate($0.y) }.joined(separator: " ")),
                ("fill", "#000"), ("stroke", "#fff"), ("stroke-width", "0.8"),
            ])
    }

    func triangle(_ p: Point, state: SourceState, id: String) -> HTML {
        let pts = [Point(x: p.x, y: p.y - 9), Point(x: p.x - 8, y: p.y + 6), Point(x: p.x + 8, y: p.y + 6)]
        let points = pts.map { coordinate($0.x) + "," + coordinate($0.y) }.joined(separator: " ")
        var attrs: [(String, String?)] = [("points", points), ("data-source", id), ("stroke-width", "1.6")]
        switch state {
        case .tapped: attrs += [("fill", "#000"), ("stroke", "#000")]
        case .unused: attrs += [("fill", "#fff"), ("stroke", "#000")]
        case .refused: attrs += [("fill", "#fff"), ("stroke", Self.refusedColour), ("stroke-dasharray", "3 2")]
        case .forbidden: attrs += [("fill", "#fff"), ("stroke", Self.forbiddenColour), ("stroke-dasharray", "1.5 1.5")]
        }
        return .element("polygon", attrs)
    }

    func square(_ p: Point, served: Bool, id: String) -> HTML {
        .element(
            "rect",
            [
                ("x", coordinate(p.x - 6.5)), ("y", coordinate(p.y - 6.5)), ("width", "13.0"), ("height", "13.0"),
                ("fill", served ? "#3A3A3A" : "#fff"), ("stroke", "#000"), ("stroke-width", "1.6"), ("data-building", id),
            ])
    }

    func text(_ s: String, at p: Point, size: Double, bold: Bool, colour: String, anchor: String? = nil) -> HTML {
        .element(
            "text",
            [
                ("x", coordinate(p.x)), ("y", coordinate(p.y)), ("font-size", coordinate(size)), ("font-weight", bold ? "bold" : nil),
                ("fill", colour), ("text-anchor", anchor), ("stroke", "#fff"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
                ("paint-order", "stroke"),
            ], text: s)
    }

    func render(_ placed: PlacedLabel) -> HTML {
        var y = placed.box.minY
        var parts: [HTML] = []
        for (line, h) in zip(placed.label.lines, placed.label.lineHeight) {
            y += h
            parts.append(
                text(
                    line.text, at: Point(x: placed.box.minX + 1, y: y - h * 0.24), size: line.fontSize, bold: line.bold, colour: line.colour
                ))
        }
        return .element("g", [("class", "label " + placed.label.cssClass)], parts)
    }

    /// Alternating black and white blocks, 0 at the left and the length at the right.
    func scaleBar(at p: Point, metres: Double, unitsPerMetre: Double) -> HTML {
        let w = metres * unitsPerMetre
        var parts: [HTML] = []
        for i in 0..<4 {
            parts.append(
                .element(
                    "rect",
                    [
                        ("x", coordinate(p.x + w * Double(i) / 4)), ("y", coordinate(p.y)), ("width", coordinate(w / 4)), ("height", "6.0"),
                        ("fill", i % 2 == 0 ? "#000" : "#fff"), ("stroke", "#000"), ("stroke-width", "1"),
                    ]))
        }
        parts.append(text("0", at: Point(x: p.x, y: p.y + 20), size: Self.detailFont, bold: false, colour: "#000", anchor: "middle"))
        parts.append(
            text(
                Self.lengthText(metres), at: Point(x: p.x + w, y: p.y + 20), size: Self.detailFont, bold: false, colour: "#000",
                anchor: "middle"))
        return .element("g", [("class", "scale-bar"), ("data-metres", Self.lengthText(metres))], parts)
    }

    func northArrow(at p: Point) -> HTML {
        let pts = [Point(x: p.x, y: p.y + 8), Point(x: p.x - 7, y: p.y + 30), Point(x: p.x, y: p.y + 25), Point(x: p.x + 7, y: p.y + 30)]
        return .element(
            "g", [("class", "north-arrow")],
            [
                .element(
                    "polygon", [("points", pts.map { coordinate($0.x) + "," + coordinate($0.y) }.joined(separator: " ")), ("fill", "#000")]),
                text("N", at: Point(x: p.x, y: p.y + 5), size: Self.labelFont, bold: true, colour: "#000", anchor: "middle"),
            ])
    }

    // MARK: Legend

    func swatch(_ content: [HTML]) -> HTML {
        .element("svg", [("width", "36"), ("height", "16"), ("viewBox", "0 0 36 16"), ("aria-hidden", "true")], content)
    }

    func legend(styles: [String: PipeStyle], present: Set<String>) -> [HTML] {
        var items: [HTML] = []
        func item(_ content: [HTML], _ text: String) {
            items.append(.element("li", [], [swatch(content), HTML(text: text)]))
        }
        let a = Point(x: 2, y: 8)
        let b = Point(x: 34, y: 8)
        for style in styles.values.sorted(by: { $0.rank < $1.rank }) {
            item(
                [line(a, b, colour: style.colour, width: style.width)],
                "chosen \(style.label), \(Self.lengthText(style.lengthMetres)) in all")
        }
        if present.contains("candidate") { item([line(a, b, colour: Self.candidateColour, width: 1.6)], "candidate segment, not used") }
        if present.contains("refused") {
            item(
                [line(a, b, colour: Self.refusedColour, width: 2.2, extra: [("stroke-dasharray", Self.refusedDash)])],
                "owner refused consent (cannot be used)")
        }
        if present.contains("forbidden") {
            item(
                [line(a, b, colour: Self.forbiddenColour, width: 2.2, extra: [("stroke-dasharray", Self.forbiddenDash)])],
                "left out with --forbid")
        }
        if present.contains("pending") {
            item(
                [
                    line(a, b, colour: Self.pendingColour, width: 11, extra: [("stroke-opacity", "0.6")]),
                    line(a, b, colour: Self.candidateColour, width: 1.6),
                ],
                "wide band: land whose owner's consent is pending")
        }
        let names: [(String, SourceState, String)] = [
            ("source-tapped", .tapped, "source tapped"), ("source-unused", .unused, "source not used"),
            ("source-refused", .refused, "source whose owner refused"), ("source-forbidden", .forbidden, "source left out with --forbid"),
        ]
        for (key, st, text) in names where present.contains(key) { item([triangle(Point(x: 18, y: 9), state: st, id: "")], text) }
        if present.contains("building") {
            item(
                [square(Point(x: 18, y: 8), served: plan != nil, id: "")],
                plan != nil ? "building served, with its households" : "building, with its households")
        }
        if present.contains("junction") {
            item([.element("circle", [("cx", "18"), ("cy", "8"), ("r", "2.6"), ("fill", "#333")])], "junction (node)")
        }
        if plan != nil {
            item([line(a, b, colour: "#888", width: 3), arrow(from: Point(x: 0, y: 8), to: Point(x: 36, y: 8))], "direction of flow")
        }
        return items
    }

    // MARK: Text helpers

    /// The largest length of the form 1, 2 or 5 × 10ⁿ metres that is at most `maxUnits` long on the map.
    static func roundScaleLength(maxUnits: Double, unitsPerMetre: Double) -> Double {
        guard unitsPerMetre > 0, unitsPerMetre.isFinite else { return 1 }
        let limit = maxUnits / unitsPerMetre
        var decade = 1.0
        while decade * 10 <= limit { decade *= 10 }
        while decade > limit { decade /= 10 }
        for m in [5.0, 2.0, 1.0] where m * decade <= limit { return m * decade }
        return decade
    }

    /// "20 m", "1.5 km", "0.5 m": a length for a label.
    static func lengthText(_ metres: Double) -> String {
        if metres >= 1000 { return trimmed(metres / 1000) + " km" }
        return trimmed(metres) + " m"
    }

    static func trimmed(_ x: Double) -> String {
        var s = String(format: "%.1f", x)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    static func shortened(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }

    static func shortList(_ ids: [String]) -> String {
        ids.count <= 4 ? ids.joined(separator: ", ") : ids.prefix(3).joined(separator: ", ") + " and \(ids.count - 3) more"
    }
}
