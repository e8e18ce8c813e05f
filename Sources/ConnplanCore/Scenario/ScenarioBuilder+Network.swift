// SPDX-License-Identifier: GPL-3.0-or-later
//
// The `network` section: candidate nodes and segments drawn in GIS and saved as two GeoJSON
// layers, a Point layer (nodes: buildings' and sources' positions, junctions) and a LineString
// layer (candidate segments). Lengths are measured along the LineStrings; each LineString end is
// snapped to the point within `snap_tolerance_m`, or meets other ends at a new junction node.
// Every end that does not snap is reported at once, with its file position, its coordinates and
// the distance to the nearest point (docs/scenario-format.md, "network").

import Foundation

extension ScenarioBuilder {
    /// Snap tolerance when `snap_tolerance_m` is not given, m.
    static let defaultSnapToleranceMetres = 0.5

    /// With `network`, the nodes and segments come from the layers: YAML lists would be a second,
    /// conflicting source of the same things.
    func rejectListsBesideNetwork(_ top: ObjectReader) {
        for key in ["nodes", "segments"] where top.has(key) {
            top.error(
                "conflicting-keys", key,
                "the scenario has both 'network' and '\(key)'; with a GeoJSON network the nodes and segments come from its layers",
                fix: "Remove '\(key)' and draw them in the GeoJSON layers, or remove 'network' and keep the lists.")
        }
    }

    /// Reads `network: {geojson: {segments, points, crs, snap_tolerance_m}}` and adds its nodes and
    /// segments to the scenario. Owners and pipes must have been read already.
    func readNetwork(_ section: SyntaxNode) {
        guard let r = ObjectReader(section, what: "the network section", diag: diag, utility: utility, keys: ["geojson"])
        else { return }
        let geojson = r.mapping("geojson", required: true)
        r.finish()
        guard let geojson,
            let g = ObjectReader(
                geojson, what: "network.geojson", diag: diag, utility: utility,
                keys: ["segments", "points", "crs", "snap_tolerance_m"])
        else { return }
        let segmentsName = g.string("segments", required: true)
        let pointsName = g.string("points", required: true)
        let crs = g.choice("crs", required: true, GeoJSONCRS.self)
        let tolerance = g.number("snap_tolerance_m", .positive) ?? Self.defaultSnapToleranceMetres
        g.finish()
        let pointsRoot = pointsName.flatMap { loadLayer($0, at: g.anchor("points")) }
        let segmentsRoot = segmentsName.flatMap { loadLayer($0, at: g.anchor("segments")) }
        guard let crs, let pointsRoot, let segmentsRoot else { return }

        let pointFeatures = GeoJSONLayer.features(of: pointsRoot, kind: .point, layer: "points layer", diag: diag)
        let lineFeatures = GeoJSONLayer.features(of: segmentsRoot, kind: .lineString, layer: "segments layer", diag: diag)
        for (root, layer) in [(pointsRoot, "points layer"), (segmentsRoot, "segments layer")] {
            checkDeclaredCRS(root, layer: layer, crs: crs, crsAt: g.anchor("crs"))
        }
        // With unusable coordinates the points still become nodes and the lines still name their
        // properties (so nothing else is reported missing), but nothing is snapped or measured.
        let positions = (pointFeatures + lineFeatures).flatMap(\.positions)
        let coordinatesOK = checkCoordinates(positions, crs: crs, crsAt: g.anchor("crs"))

        // Local metres: WGS84 is projected around the mean of the points (as nodes' lon/lat are).
        var toPlane: (GeoJSONPosition) -> PlanePoint = { PlanePoint(xMetres: $0.x, yMetres: $0.y) }
        if crs == .wgs84, coordinatesOK {
            let anchors = (pointFeatures.isEmpty ? lineFeatures : pointFeatures).flatMap(\.positions)
            if let origin = GeographicOrigin.mean(of: anchors.map { GeographicPoint(longitudeDegrees: $0.x, latitudeDegrees: $0.y) }) {
                geographicOrigin = origin
                toPlane = { origin.project(GeographicPoint(longitudeDegrees: $0.x, latitudeDegrees: $0.y)) }
            }
        }
        let describe: (GeoJSONPosition) -> String = { p in
            crs == .wgs84
                ? String(format: "[%.7f, %.7f] (lon, lat)", p.x, p.y) : String(format: "[%.3f, %.3f] (x, y in m)", p.x, p.y)
        }

        // Points become nodes.
        var points: [(id: String, position: PlanePoint)] = []
        for f in pointFeatures {
            let subject = "points layer feature #\(f.index + 1)"
            let props = f.properties.flatMap {
                ObjectReader(
                    $0, what: "the properties of a point", subject: subject, diag: diag, utility: utility,
                    keys: ["id", "elevation_m", "name", "description"])
            }
            let id = props?.has("id") == true ? props?.string("id") : f.featureID
            let elevation = props?.number("elevation_m", .any) ?? f.positions[0].z ?? 0
            _ = props?.string("name")
            props?.finish()
            guard let id else {
                if props?.has("id") != true {
                    diag.error(
                        "missing-key", at: f.properties ?? f.node, subject: subject, "\(subject) has no 'id' property",
                        fix: "Add an 'id' property: the node id that buildings, sources and demands refer to.")
                }
                continue
            }
            if let props { props.subject = id }
            guard register(id, kind: "node", at: props?.keyNode("id") ?? f.node) else { continue }
            let p = toPlane(f.positions[0])
            nodeIndex[id] = nodes.count
            nodes.append(
                Node(
                    id: id, xMetres: coordinatesOK ? p.xMetres : nil, yMetres: coordinatesOK ? p.yMetres : nil,
                    elevationMetres: elevation, location: diag.location(f.node)))
            if !coordinatesOK { nodesWithBadCoordinates.insert(id) }
            points.append((id, p))
        }

        // Segments' properties.
        struct Line {
            var feature: GeoJSONFeature
            var id: String
            var props: ObjectReader
            var surface: String?
            var owner: String?
            var existing: ExistingPipe?
            var from: String?
            var to: String?
        }
        var lines: [Line] = []
        for f in lineFeatures {
            let subject = "segments layer feature #\(f.index + 1)"
            guard let propsNode = f.properties,
                let props = ObjectReader(
                    propsNode, what: "the properties of a segment", subject: subject, diag: diag, utility: utility,
                    keys: ["id", "surface", "owner", "existing", "from", "to", "length_m", "name", "description"])
            else {
                if f.properties == nil {
                    diag.error(
                        "missing-key", at: f.node, subject: subject, "\(subject) has no properties",
                        fix: "Give it at least {\"id\": ..., \"surface\": ...}.")
                }
                continue
            }
            let id = props.has("id") ? props.string("id") : f.featureID
            if let id { props.subject = id }
            if id == nil, !props.has("id") { props.missing("id", "the segment's id") }
            let surface = props.string("surface", required: true)
            let owner = props.has("owner") ? props.string("owner") : nil
            reference(.owner, owner, at: props.anchor("owner"), subject: props.subject, role: "'owner' of segment")
            let existing = props.mapping("existing").flatMap { readExisting($0, subject: props.subject) }
            let from = props.has("from") ? props.string("from") : nil
            let to = props.has("to") ? props.string("to") : nil
            if props.has("length_m") {
                props.error(
                    "ignored-length", "length_m", "'length_m' is not read from a GeoJSON segment: the length is measured along its LineString",
                    fix: "Remove 'length_m'; if the drawn route is wrong, correct the geometry.")
            }
            _ = props.string("name")
            props.finish()
            guard let id, register(id, kind: "segment", at: props.keyNode("id")) else { continue }
            lines.append(Line(feature: f, id: id, props: props, surface: surface, owner: owner, existing: existing, from: from, to: to))
        }

        /// A line that cannot be connected is kept unconnected (its surface still counts as used,
        /// so no follow-on "unused" warnings); nothing is assembled once an error was reported.
        func keepUnconnected(_ line: Line) {
            segments.append(
                PendingSegment(
                    segment: Segment(id: line.id, fromNodeID: "", toNodeID: "", lengthMetres: 0, surface: line.surface ?? "", ownerID: line.owner),
                    lengthGiven: nil, at: line.feature.node, surfaceAt: line.props.anchor("surface"), lengthAt: nil, lengthFromGeometry: true))
        }
        guard coordinatesOK else {
            lines.forEach(keepUnconnected)
            return
        }

        // Snap the ends.
        var ends: [EndpointSnapper.End] = []
        for (i, line) in lines.enumerated() {
            ends.append(.init(line: i, isStart: true, position: toPlane(line.feature.positions[0])))
            ends.append(.init(line: i, isStart: false, position: toPlane(line.feature.positions[line.feature.positions.count - 1])))
        }
        let snapped = EndpointSnapper.snap(ends: ends, points: points.map(\.position), toleranceMetres: tolerance)
        let toleranceText = NumberRule.format(tolerance)
        var junctionIDs: [String] = []
        var taken = Set(nodeIndex.keys)
        for members in snapped.junctions {
            var k = junctionIDs.count + 1
            while taken.contains("junction-\(k)") { k += 1 }
            let id = "junction-\(k)"
            taken.insert(id)
            junctionIDs.append(id)
            let memberEnds = members.map { ends[$0] }
            let n = Double(memberEnds.count)
            let x = memberEnds.map(\.position.xMetres).reduce(0, +) / n
            let y = memberEnds.map(\.position.yMetres).reduce(0, +) / n
            let filePositions = memberEnds.map { e in
                let ps = lines[e.line].feature.positions
                return e.isStart ? ps[0] : ps[ps.count - 1]
            }
            let zs = filePositions.compactMap(\.z)
            let names = Suggestion.list(memberEnds.map { lines[$0.line].id })
            if zs.isEmpty {
                diag.warning(
                    "junction-elevation", at: filePositions[0].node, subject: id,
                    "segments \(names) meet here at no point; connplan joins them at a new junction node '\(id)' with elevation 0 m, since the ends have no z coordinate",
                    fix: "Add a Point with 'elevation_m' where they meet, or give the LineStrings' ends z coordinates.")
            }
            nodeIndex[id] = nodes.count
            nodes.append(
                Node(
                    id: id, xMetres: x, yMetres: y, elevationMetres: zs.isEmpty ? 0 : zs.reduce(0, +) / Double(zs.count),
                    location: diag.location(filePositions[0].node)))
        }
        var positionOfNode: [String: PlanePoint] = [:]
        for n in nodes { if let x = n.xMetres, let y = n.yMetres { positionOfNode[n.id] = PlanePoint(xMetres: x, yMetres: y) } }

        for (i, line) in lines.enumerated() {
            var nodeIDs: [String?] = []
            for (which, e) in [(true, 2 * i), (false, 2 * i + 1)] {
                let ps = line.feature.positions
                let filePosition = which ? ps[0] : ps[ps.count - 1]
                let endName = which ? "start" : "end"
                switch snapped.ends[e] {
                case .point(let p, _):
                    nodeIDs.append(points[p].id)
                    reference(.node, points[p].id, at: filePosition.node, subject: line.id, role: "\(endName) of segment")
                case .junction(let j):
                    nodeIDs.append(junctionIDs[j])
                    reference(.node, junctionIDs[j], at: filePosition.node, subject: line.id, role: "\(endName) of segment")
                case .ambiguous(let near):
                    for candidate in near {
                        reference(.node, points[candidate.point].id, at: filePosition.node, subject: line.id, role: "\(endName) of segment")
                    }
                    let list = near.map { "'\(points[$0.point].id)' (\(String(format: "%.2f", $0.distanceMetres)) m)" }
                    diag.error(
                        "ambiguous-snap", at: filePosition.node, subject: line.id,
                        "the \(endName) of segment '\(line.id)' (feature #\(line.feature.index + 1)) at \(describe(filePosition)) is within the \(toleranceText) m snap tolerance of \(near.count) points: \(list.joined(separator: ", "))",
                        fix: "Move the end onto the one point it connects to, merge the points, or lower snap_tolerance_m.")
                    nodeIDs.append(nil)
                case .unsnapped(let nearest, let distance):
                    let nearestText =
                        nearest.map { "\(String(format: "%.2f", distance ?? 0)) m from the nearest point '\(points[$0].id)'" }
                        ?? "not near any point (the points layer has none)"
                    diag.error(
                        "unsnapped-end", at: filePosition.node, subject: line.id,
                        "segment '\(line.id)' (feature #\(line.feature.index + 1)) does not snap: its \(endName) at \(describe(filePosition)) is \(nearestText), and no point or other segment end is within the \(toleranceText) m tolerance",
                        fix: "Move the end onto a point (or add a Point feature there), or raise snap_tolerance_m if that distance is within your survey's accuracy.")
                    nodeIDs.append(nil)
                }
            }
            guard let startID = nodeIDs[0], let endID = nodeIDs[1] else {
                keepUnconnected(line)
                continue
            }
            if startID == endID {
                diag.error(
                    "self-loop", at: line.feature.node, subject: line.id,
                    "segment '\(line.id)' starts and ends at node '\(startID)'",
                    fix: "Draw the segment between two different points, or delete it.")
                keepUnconnected(line)
                continue
            }
            // `from`/`to`, if given, must name the two ends (in either order); they set the orientation.
            var reversed = false
            if line.from != nil || line.to != nil {
                let ok: Bool
                switch (line.from, line.to) {
                case let (f?, t?):
                    reversed = f == endID && t == startID
                    ok = reversed || (f == startID && t == endID)
                case let (f?, nil):
                    reversed = f == endID
                    ok = f == startID || f == endID
                case let (nil, t?):
                    reversed = t == startID
                    ok = t == startID || t == endID
                case (nil, nil):
                    ok = true
                }
                if !ok {
                    let key = line.from != nil ? "from" : "to"
                    line.props.error(
                        "snap-mismatch", key,
                        "segment '\(line.id)' says from '\(line.from ?? "?")' to '\(line.to ?? "?")', but its LineString snaps to '\(startID)' and '\(endID)'",
                        fix: "Correct 'from'/'to', or move the LineString's ends onto those points.")
                    keepUnconnected(line)
                    continue
                }
            }
            let fromID = reversed ? endID : startID
            let toID = reversed ? startID : endID
            // The drawn route with its ends moved onto the nodes they snap to.
            var route = line.feature.positions.map(toPlane)
            if let a = positionOfNode[startID] { route[0] = a }
            if let b = positionOfNode[endID] { route[route.count - 1] = b }
            if reversed { route.reverse() }
            let length = zip(route, route.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
            guard length > 0 else {
                diag.error(
                    "missing-length", at: line.feature.node, subject: line.id, "segment '\(line.id)' has zero length",
                    fix: "Correct the geometry.")
                keepUnconnected(line)
                continue
            }
            let segment = Segment(
                id: line.id, fromNodeID: fromID, toNodeID: toID, lengthMetres: length, surface: line.surface ?? "",
                ownerID: line.owner, existing: line.existing, location: diag.location(line.feature.node), routeMetres: route)
            segments.append(
                PendingSegment(
                    segment: segment, lengthGiven: length, at: line.feature.node, surfaceAt: line.props.anchor("surface"),
                    lengthAt: nil, lengthFromGeometry: true))
        }
    }

    /// The layer file `name` (relative to the scenario file's folder) as a syntax tree marked with
    /// its path, or nil after reporting why it cannot be read.
    private func loadLayer(_ name: String, at: SyntaxNode) -> SyntaxNode? {
        var path = name
        if !name.hasPrefix("/"), diag.file != "<memory>" {
            let folder = (diag.file as NSString).deletingLastPathComponent
            if !folder.isEmpty { path = (folder as NSString).appendingPathComponent(name) }
        }
        diag.noteFile(path)
        let problem: String
        if let data = FileManager.default.contents(atPath: path) {
            guard let text = String(data: data, encoding: .utf8) else {
                diag.error(
                    "unreadable-layer", at: at, subject: nil, "the GeoJSON layer '\(path)' is not UTF-8 text",
                    fix: "Save the layer as UTF-8 GeoJSON (RFC 7946 requires UTF-8).")
                return nil
            }
            do {
                return try ScenarioLoader.syntaxTree(text: text, file: path).root.marked(file: path)
            } catch let error as ScenarioError {
                if case .unreadable(_, let reason) = error { problem = reason } else { problem = error.description }
            } catch {
                problem = "\(error)"
            }
        } else {
            var isDirectory: ObjCBool = false
            problem =
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                ? (isDirectory.boolValue ? "it is a folder" : "the file cannot be read") : "no such file"
        }
        diag.error(
            "unreadable-layer", at: at, subject: nil, "cannot read the GeoJSON layer '\(path)': \(problem)",
            fix: "Give the layer's path relative to the scenario file's folder, and check that it is GeoJSON.")
        return nil
    }

    /// An old-style `crs` member (GeoJSON 2008, still written by QGIS and GDAL for projected
    /// layers) that contradicts `network.geojson.crs` is an error: lengths would be nonsense.
    private func checkDeclaredCRS(_ root: SyntaxNode, layer: String, crs: GeoJSONCRS, crsAt: SyntaxNode) {
        guard let (name, node) = GeoJSONLayer.declaredCRSName(root) else { return }
        let upper = name.uppercased()
        let saysDegrees = upper.contains("CRS84") || upper.hasSuffix(":4326") || upper.hasSuffix("::4326") || upper.contains("EPSG:4490")
        let saysProjected = !saysDegrees && upper.contains("EPSG")
        if crs == .metres && saysDegrees || crs == .wgs84 && saysProjected {
            diag.error(
                "crs-mismatch", at: node, subject: nil,
                "the \(layer) declares the CRS '\(ScalarValue.clip(name, 60))', but network.geojson says crs: \(crs.rawValue)",
                fix: crs == .metres
                    ? "Set `crs: wgs84` in network.geojson." : "Set `crs: metres` in network.geojson (the layer is projected).")
        }
    }

    /// WGS84 coordinates must be longitudes and latitudes; metres that all fit in a tiny box
    /// inside ±180/±90 are almost surely degrees. Returns false if the positions are unusable.
    private func checkCoordinates(_ positions: [GeoJSONPosition], crs: GeoJSONCRS, crsAt: SyntaxNode) -> Bool {
        var ok = true
        switch crs {
        case .wgs84:
            var reported = 0
            for p in positions where !(abs(p.x) <= 180 && abs(p.y) <= 90) {
                ok = false
                reported += 1
                guard reported <= 20 else { continue }
                diag.error(
                    "out-of-range", at: p.node, subject: nil,
                    "the position [\(NumberRule.format(p.x)), \(NumberRule.format(p.y))] is not a WGS84 longitude, latitude",
                    fix: "If the layers are in projected metres, set `crs: metres` in network.geojson; otherwise reproject them to WGS84 (EPSG:4326).")
            }
            if reported > 20 {
                diag.error(
                    "out-of-range", at: crsAt, subject: nil, "\(reported - 20) more positions are not WGS84 longitudes, latitudes",
                    fix: "Check the layers' coordinate reference system.")
            }
        case .metres:
            guard positions.count > 1, positions.allSatisfy({ abs($0.x) <= 180 && abs($0.y) <= 90 }) else { break }
            let xs = positions.map(\.x)
            let ys = positions.map(\.y)
            let width = (xs.max() ?? 0) - (xs.min() ?? 0)
            let height = (ys.max() ?? 0) - (ys.min() ?? 0)
            if width < 1 && height < 1 && width + height > 0 {
                diag.error(
                    "crs-mismatch", at: crsAt, subject: nil,
                    String(format: "network.geojson says crs: metres, but every coordinate lies in a %.4f × %.4f box; these look like degrees", width, height),
                    fix: "Set `crs: wgs84` if the layers are longitude/latitude.")
                ok = false
            }
        }
        return ok
    }
}
