// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reads one GeoJSON layer (RFC 7946 FeatureCollection) into features with their positions and
// property mappings, reporting every structural problem with the layer file's line and column.
// What the properties mean is decided by ScenarioBuilder+Network.swift.

import Foundation

/// One feature of a GeoJSON layer, structurally valid.
struct GeoJSONFeature {
    /// 0-based position in the layer's `features` list (messages say "feature #index+1").
    var index: Int
    /// The feature object (for locations).
    var node: SyntaxNode
    /// The Feature's own `id` member, if any (RFC 7946 §3.2).
    var featureID: String?
    /// The `properties` mapping; nil if absent or null.
    var properties: SyntaxNode?
    /// Every position of the geometry, in file order: x (lon or easting), y (lat or northing), z.
    var positions: [GeoJSONPosition]
}

/// One position of a geometry (RFC 7946 §3.1.1): two or three numbers.
struct GeoJSONPosition {
    var x: Double
    var y: Double
    var z: Double?
    /// The position's array in the file, for locations.
    var node: SyntaxNode
}

/// The geometry a layer holds.
enum GeoJSONGeometryKind: String {
    case point = "Point"
    case lineString = "LineString"
}

/// The coordinate reference a GeoJSON network is written in.
enum GeoJSONCRS: String, CaseIterable {
    /// WGS84 longitude/latitude degrees (RFC 7946's only CRS).
    case wgs84
    /// Projected metres (easting, northing), e.g. a CGCS2000 Gauss-Krüger zone or a site grid.
    case metres
}

enum GeoJSONLayer {
    /// The member `key` of a mapping node (first occurrence), nil if absent.
    static func member(_ node: SyntaxNode, _ key: String) -> SyntaxNode? {
        guard case .mapping(let pairs) = node.kind else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value
    }

    static func isNull(_ node: SyntaxNode?) -> Bool {
        guard let node else { return true }
        if case .scalar(let text, let quoted) = node.kind { return ScalarValue.isNull(text: text, quoted: quoted) }
        return false
    }

    /// The name in an old-style (GeoJSON 2008) `crs` member, e.g. "urn:ogc:def:crs:EPSG::4547".
    static func declaredCRSName(_ root: SyntaxNode) -> (name: String, node: SyntaxNode)? {
        guard let crs = member(root, "crs"), let properties = member(crs, "properties"),
            let name = member(properties, "name"), let text = name.scalarText
        else { return nil }
        return (text, name)
    }

    /// The features of a FeatureCollection holding `kind` geometries. Problems are reported to
    /// `diag` (at the layer file's locations); features with problems are left out.
    static func features(
        of root: SyntaxNode, kind: GeoJSONGeometryKind, layer: String, diag: Diagnostics
    ) -> [GeoJSONFeature] {
        let expected = "a GeoJSON FeatureCollection of \(kind.rawValue) features"
        guard root.isMapping else {
            diag.error(
                "geojson-structure", at: root, subject: nil, "the \(layer) is \(ScalarValue.describe(root)), not \(expected)",
                fix: "Export the layer from your GIS as GeoJSON (RFC 7946).")
            return []
        }
        let type = member(root, "type")?.scalarText
        guard type == "FeatureCollection" else {
            diag.error(
                "geojson-structure", at: member(root, "type") ?? root, subject: nil,
                "the \(layer) has type '\(ScalarValue.clip(type ?? "(none)"))'; connplan reads \(expected)",
                fix: "Save the layer as a FeatureCollection (one Feature per \(kind == .point ? "point" : "segment")).")
            return []
        }
        guard let list = member(root, "features"), case .sequence(let items) = list.kind else {
            diag.error(
                "geojson-structure", at: member(root, "features") ?? root, subject: nil,
                "the \(layer) has no 'features' list", fix: "Add the features as a list under 'features'.")
            return []
        }
        if items.isEmpty {
            diag.error(
                "empty-list", at: list, subject: nil, "the \(layer) has no features",
                fix: "Add at least one \(kind.rawValue) feature, or point 'network.geojson' at the right file.")
        }
        var out: [GeoJSONFeature] = []
        for (i, item) in items.enumerated() {
            let subject = "\(layer) feature #\(i + 1)"
            guard item.isMapping, member(item, "type")?.scalarText == "Feature" else {
                diag.error(
                    "geojson-structure", at: item, subject: subject, "\(subject) is not a GeoJSON Feature object",
                    fix: "Write each entry of 'features' as {\"type\": \"Feature\", \"geometry\": ..., \"properties\": ...}.")
                continue
            }
            let geometry = member(item, "geometry")
            guard let geometry, !isNull(geometry), geometry.isMapping else {
                diag.error(
                    "geojson-geometry", at: geometry ?? item, subject: subject, "\(subject) has no geometry",
                    fix: "Draw the \(kind.rawValue) in your GIS, or delete the feature.")
                continue
            }
            let gtype = member(geometry, "type")?.scalarText ?? "(none)"
            guard gtype == kind.rawValue else {
                let hint =
                    gtype == "MultiLineString" && kind == .lineString
                    ? "Split it into LineStrings, one per candidate segment between two points."
                    : gtype == "MultiPoint" && kind == .point
                        ? "Split it into Point features, one per node." : "Move it to the right layer, or delete it."
                diag.error(
                    "geojson-geometry", at: member(geometry, "type") ?? geometry, subject: subject,
                    "\(subject) is a \(ScalarValue.clip(gtype)); the \(layer) holds \(kind.rawValue) features", fix: hint)
                continue
            }
            guard let coordinates = member(geometry, "coordinates") else {
                diag.error(
                    "geojson-geometry", at: geometry, subject: subject, "\(subject) has a geometry without 'coordinates'",
                    fix: "Give the \(kind.rawValue)'s coordinates.")
                continue
            }
            var positions: [GeoJSONPosition] = []
            var ok = true
            switch kind {
            case .point:
                if let p = position(coordinates, subject: subject, diag: diag) { positions = [p] } else { ok = false }
            case .lineString:
                guard case .sequence(let list) = coordinates.kind, list.count >= 2 else {
                    diag.error(
                        "geojson-geometry", at: coordinates, subject: subject,
                        "\(subject) is a LineString with fewer than two positions",
                        fix: "A segment needs at least a start and an end position.")
                    continue
                }
                for c in list {
                    if let p = position(c, subject: subject, diag: diag) { positions.append(p) } else { ok = false }
                }
            }
            guard ok else { continue }
            let properties = member(item, "properties")
            if let properties, !isNull(properties), !properties.isMapping {
                diag.error(
                    "geojson-structure", at: properties, subject: subject, "\(subject) has 'properties' that are not an object",
                    fix: "Write the attributes as an object, e.g. {\"id\": \"S1\"}.")
                continue
            }
            let featureID = member(item, "id").flatMap { isNull($0) ? nil : $0.scalarText }
            out.append(
                GeoJSONFeature(
                    index: i, node: item, featureID: featureID, properties: isNull(properties) ? nil : properties,
                    positions: positions))
        }
        return out
    }

    /// A position: an array of two or three finite numbers (further elements are ignored, as
    /// RFC 7946 §3.1.1 allows).
    private static func position(_ node: SyntaxNode, subject: String, diag: Diagnostics) -> GeoJSONPosition? {
        guard case .sequence(let items) = node.kind, items.count >= 2 else {
            diag.error(
                "geojson-geometry", at: node, subject: subject, "\(subject) has a position that is not [x, y] or [x, y, z]",
                fix: "Write each position as an array of two or three numbers.")
            return nil
        }
        var numbers: [Double] = []
        for item in items.prefix(3) {
            guard case .scalar(let text, let quoted) = item.kind, let x = ScalarValue.number(text: text, quoted: quoted) else {
                diag.error(
                    "geojson-geometry", at: item, subject: subject,
                    "\(subject) has a coordinate that is \(ScalarValue.describe(item)), not a number",
                    fix: "Write coordinates as plain numbers.")
                return nil
            }
            numbers.append(x)
        }
        return GeoJSONPosition(x: numbers[0], y: numbers[1], z: numbers.count > 2 ? numbers[2] : nil, node: node)
    }
}
