// SPDX-License-Identifier: GPL-3.0-or-later
//
// The `network: {geojson: ...}` section: nodes from a Point layer, segments from a LineString
// layer, lengths along the lines, ends snapped within the tolerance, and every problem reported at
// once with the layer file's line and column.

import Foundation
import TestSupport
import XCTest

@testable import ConnplanCore

final class GeoJSONNetworkTests: XCTestCase {
    // MARK: Helpers

    /// A gas scenario whose nodes and segments come from the given layers (one feature per line,
    /// so feature k is on line k + 1 of its file).
    private func write(
        points: [String], segments: [String], crs: String = "metres", tolerance: String? = "0.5", extraYAML: String = ""
    ) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-gis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        func layer(_ features: [String]) -> String {
            "{\"type\": \"FeatureCollection\", \"features\": [\n" + features.joined(separator: ",\n") + "\n]}\n"
        }
        try Data(layer(points).utf8).write(to: dir.appendingPathComponent("points.geojson"))
        try Data(layer(segments).utf8).write(to: dir.appendingPathComponent("segments.geojson"))
        let yaml = """
            connplan: 1
            name: GIS test
            utility: gas
            demand:
              appliances_m3_h: {stove: 0.8}
            network:
              geojson:
                points: points.geojson
                segments: segments.geojson
                crs: \(crs)
            \(tolerance.map { "    snap_tolerance_m: \($0)" } ?? "")
            compounds:
              - id: c1
                name: C1
                buildings:
                  - {id: B1, node: b1, floors: 2, households: 4}
            owners:
              - {id: nb, name: Neighbour, consent: granted}
            sources:
              - {id: s1, name: Riser, node: src, owner: nb, pressure_kpa: 3}
            pipes:
              - {id: pe63, dn: 63, inner_diameter_mm: 51.4, roughness_mm: 0.01, max_velocity_m_s: 10, cost_per_m_cny: {verge: 420}}
            \(extraYAML)
            """
        let path = dir.appendingPathComponent("scenario.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func point(_ id: String, _ x: Double, _ y: Double, z: Double? = nil, properties: String = "") -> String {
        let c = z.map { "[\(x), \(y), \($0)]" } ?? "[\(x), \(y)]"
        return "{\"type\": \"Feature\", \"properties\": {\"id\": \"\(id)\"\(properties)}, \"geometry\": {\"type\": \"Point\", \"coordinates\": \(c)}}"
    }

    private func line(_ id: String, _ coordinates: [[Double]], properties: String = ", \"surface\": \"verge\"") -> String {
        let c = "[" + coordinates.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        return "{\"type\": \"Feature\", \"properties\": {\"id\": \"\(id)\"\(properties)}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": \(c)}}"
    }

    private func findings(_ path: String) throws -> [Finding] {
        do {
            _ = try ScenarioLoader.load(path: path)
        } catch let ScenarioError.invalid(_, findings) {
            return findings.filter { $0.severity == .error }
        }
        XCTFail("expected \(path) to be rejected")
        return []
    }

    private let twoPoints = ["src": (0.0, 0.0), "b1": (30.0, 40.0)]

    // MARK: Reading

    /// Metres: the length is measured along the drawn polyline, and the ends, drawn 0.3 m off,
    /// are moved onto the points they snap to.
    func testPolylineLengthWithEndsSnappedOntoThePoints() throws {
        let path = try write(
            points: [point("src", 0, 0, properties: ", \"elevation_m\": 12.5"), point("b1", 30, 40)],
            segments: [line("e1", [[0.2, 0.2], [30, 0], [30.1, 39.8]])])
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.warnings, [])
        let s = loaded.scenario
        XCTAssertNil(s.geographicOrigin)
        XCTAssertEqual(s.nodes.map(\.id), ["src", "b1"])
        XCTAssertEqual(s.node("src")?.elevationMetres, 12.5)
        let e1 = try XCTUnwrap(s.segments.first)
        XCTAssertEqual(e1.fromNodeID, "src")
        XCTAssertEqual(e1.toNodeID, "b1")
        XCTAssertEqual(e1.lengthMetres, 70, accuracy: 1e-12, "30 m east, then 40 m north")
        XCTAssertEqual(e1.routeMetres, [PlanePoint(xMetres: 0, yMetres: 0), PlanePoint(xMetres: 30, yMetres: 0), PlanePoint(xMetres: 30, yMetres: 40)])
        XCTAssertEqual(e1.location?.file.hasSuffix("segments.geojson"), true)
        XCTAssertEqual(e1.location?.line, 2)
    }

    /// WGS84: lengths are the loader's local projection (the same as nodes' lon/lat) of the points;
    /// the origin is kept for exports. A point's z gives its elevation when elevation_m is absent.
    func testWGS84UsesTheSameProjectionAsNodesLonLat() throws {
        let lonLat = [("src", 114.3200, 29.8400), ("b1", 114.3210, 29.8405)]
        let path = try write(
            points: [point("src", lonLat[0].1, lonLat[0].2, z: 51.5), point("b1", lonLat[1].1, lonLat[1].2)],
            segments: [line("e1", [[lonLat[0].1, lonLat[0].2], [lonLat[1].1, lonLat[1].2]])], crs: "wgs84")
        let s = try ScenarioLoader.load(path: path).scenario
        let origin = try XCTUnwrap(s.geographicOrigin)
        XCTAssertEqual(origin.longitudeDegrees, 114.3205, accuracy: 1e-12)
        XCTAssertEqual(origin.latitudeDegrees, 29.84025, accuracy: 1e-12)
        XCTAssertEqual(s.node("src")?.elevationMetres, 51.5)
        let r = GeographicOrigin.earthRadiusMetres
        let k = Double.pi / 180
        let expected = hypot(r * 0.001 * k * cos(29.84025 * k), r * 0.0005 * k)
        XCTAssertEqual(try XCTUnwrap(s.segments.first).lengthMetres, expected, accuracy: 1e-9)

        // The same nodes written as YAML lon/lat give the same length.
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: "network:\n  geojson:\n    points: points.geojson\n    segments: segments.geojson\n    crs: wgs84\n    snap_tolerance_m: 0.5\n",
                with: """
                    nodes:
                      - {id: src, lon: 114.32, lat: 29.84, elevation_m: 51.5}
                      - {id: b1, lon: 114.321, lat: 29.8405}
                    segments:
                      - {id: e1, from: src, to: b1, surface: verge}

                    """)
        let fromYAML = try ScenarioLoader.parse(text: yaml, file: "lonlat.yaml").scenario
        XCTAssertEqual(fromYAML.segments.first?.lengthMetres ?? 0, expected, accuracy: 1e-9)
        XCTAssertEqual(fromYAML.geographicOrigin, origin)
        // And the origin inverts the projection exactly.
        let b1 = try XCTUnwrap(s.node("b1"))
        let back = origin.unproject(PlanePoint(xMetres: b1.xMetres!, yMetres: b1.yMetres!))
        XCTAssertEqual(back.longitudeDegrees, 114.3210, accuracy: 1e-12)
        XCTAssertEqual(back.latitudeDegrees, 29.8405, accuracy: 1e-12)
    }

    /// Two lines that meet at no point are joined at a new junction (elevation from their z).
    func testLinesMeetingAwayFromAnyPointGetAJunction() throws {
        let path = try write(
            points: [point("src", 0, 0), point("b1", 30, 40)],
            segments: [line("e1", [[0, 0], [15, 20, 8]]), line("e2", [[15.2, 20, 9], [30, 40]])])
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.warnings, [])
        let junction = try XCTUnwrap(loaded.scenario.node("junction-1"))
        XCTAssertEqual(junction.xMetres ?? 0, 15.1, accuracy: 1e-12)
        XCTAssertEqual(junction.elevationMetres, 8.5, accuracy: 1e-12)
        XCTAssertEqual(loaded.scenario.segments.map(\.toNodeID), ["junction-1", "b1"])
        XCTAssertEqual(loaded.scenario.segments.map(\.fromNodeID), ["src", "junction-1"])

        // Without z the junction's elevation is unknown: 0 m, with a warning that says where.
        let flat = try write(
            points: [point("src", 0, 0), point("b1", 30, 40)],
            segments: [line("e1", [[0, 0], [15, 20]]), line("e2", [[15, 20], [30, 40]])])
        let warnings = try ScenarioLoader.load(path: flat).warnings
        XCTAssertEqual(warnings.map(\.code), ["junction-elevation"])
        XCTAssertEqual(warnings.first?.location?.line, 2)
        XCTAssertTrue(warnings.first?.message.contains("'e1', 'e2'") == true, warnings.first?.message ?? "")
    }

    /// `from`/`to` may name the ends in either order (they orient the segment); other ids are errors.
    func testFromAndToMustNameTheSnappedEnds() throws {
        let ok = try write(
            points: [point("src", 0, 0), point("b1", 30, 40)],
            segments: [line("e1", [[30, 40], [0, 0]], properties: ", \"surface\": \"verge\", \"from\": \"src\", \"to\": \"b1\"")])
        let e1 = try XCTUnwrap(try ScenarioLoader.load(path: ok).scenario.segments.first)
        XCTAssertEqual([e1.fromNodeID, e1.toNodeID], ["src", "b1"])
        XCTAssertEqual(e1.routeMetres?.first, PlanePoint(xMetres: 0, yMetres: 0))

        let wrong = try write(
            points: [point("src", 0, 0), point("b1", 30, 40), point("b2", 60, 40)],
            segments: [line("e1", [[0, 0], [30, 40]], properties: ", \"surface\": \"verge\", \"to\": \"b2\"")])
        let f = try findings(wrong)
        XCTAssertEqual(f.map(\.code), ["snap-mismatch"])
        XCTAssertTrue(f[0].message.contains("'src' and 'b1'"), f[0].message)
    }

    // MARK: Every problem at once

    /// Each segment that does not snap is reported, all at once, at its position in the file, with
    /// its coordinates and the distance to the nearest point; the good segment is not.
    func testEveryUnsnappedSegmentIsReportedWithItsLocation() throws {
        let path = try write(
            points: [point("src", 0, 0), point("b1", 30, 40), point("b2", 60, 40)],
            segments: [
                line("good", [[0, 0], [30, 40]]),
                line("bad-end", [[30, 40], [63, 40]]),
                line("bad-both", [[1.2, 0], [30, 41.5]]),
            ])
        let f = try findings(path)
        XCTAssertEqual(f.map(\.code), ["unsnapped-end", "unsnapped-end", "unsnapped-end"])
        XCTAssertEqual(f.map(\.subject), ["bad-end", "bad-both", "bad-both"])
        XCTAssertEqual(f.map { $0.location?.line }, [3, 4, 4])
        XCTAssertTrue(f.allSatisfy { $0.location?.file.hasSuffix("segments.geojson") == true })
        XCTAssertTrue(f[0].message.contains("its end at [63.000, 40.000] (x, y in m) is 3.00 m from the nearest point 'b2'"), f[0].message)
        XCTAssertTrue(f[0].message.contains("feature #2"), f[0].message)
        XCTAssertTrue(f[1].message.contains("its start at [1.200, 0.000] (x, y in m) is 1.20 m from the nearest point 'src'"), f[1].message)
        XCTAssertTrue(f[2].message.contains("1.50 m from the nearest point 'b1'"), f[2].message)
        XCTAssertTrue(f[0].message.contains("0.5 m tolerance"))
        // Columns point at the offending position: the last position of feature #2's coordinates.
        let text = try String(contentsOfFile: try XCTUnwrap(f[0].location?.file), encoding: .utf8)
        let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[2]
        let column = try XCTUnwrap(f[0].location?.column)
        XCTAssertTrue(String(lineText.dropFirst(column - 1)).hasPrefix("[63.0, 40.0]"), String(lineText))

        // A wider tolerance connects them all.
        let wide = try write(
            points: [point("src", 0, 0), point("b1", 30, 40), point("b2", 60, 40)],
            segments: [line("good", [[0, 0], [30, 40]]), line("bad-end", [[30, 40], [63, 40]]), line("bad-both", [[1.2, 0], [30, 41.5]])],
            tolerance: "3.5")
        XCTAssertEqual(try ScenarioLoader.load(path: wide).scenario.segments.count, 3)
    }

    func testAnEndNearTwoPointsIsAmbiguous() throws {
        let path = try write(
            points: [point("src", 0, 0), point("b1", 30, 40), point("b1-annex", 30.6, 40)],
            segments: [line("e1", [[0, 0], [30.3, 40]])])
        let f = try findings(path)
        XCTAssertEqual(f.map(\.code), ["ambiguous-snap"])
        XCTAssertTrue(f[0].message.contains("'b1' (0.30 m), 'b1-annex' (0.30 m)"), f[0].message)
    }

    /// Many kinds of problems in the layers and the section, all in one report, in file order
    /// (the scenario file first, then each layer).
    func testStructuralProblemsAreAllReported() throws {
        let path = try write(
            points: [
                point("src", 0, 0), point("b1", 30, 40), point("src", 5, 5),
                "{\"type\": \"Feature\", \"properties\": {\"elevation_m\": 3}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [9, 9]}}",
            ],
            segments: [
                line("e1", [[0, 0], [30, 40]], properties: ", \"surface\": \"verge\", \"ownr\": \"nb\""),
                line("e2", [[0, 0], [30, 40]], properties: ", \"surface\": \"verge\", \"owner\": \"nobody\", \"length_m\": 12"),
                "{\"type\": \"Feature\", \"properties\": {\"id\": \"e3\", \"surface\": \"verge\"}, \"geometry\": {\"type\": \"MultiLineString\", \"coordinates\": [[[0, 0], [1, 1]]]}}",
                line("e4", [[0, 0], [0, 0.1]]),
            ])
        let f = try findings(path)
        let codes = f.map(\.code)
        XCTAssertEqual(
            codes,
            ["duplicate-id", "missing-key", "unknown-key", "missing-reference", "ignored-length", "geojson-geometry", "self-loop"], "\(f)")
        XCTAssertEqual(f[2].fix, "Did you mean 'owner'?")
        XCTAssertTrue(f[3].location?.file.hasSuffix("segments.geojson") == true, "the owner reference is located in the layer")
        XCTAssertTrue(f[5].message.contains("MultiLineString"))
        XCTAssertTrue(f[5].fix?.contains("Split it into LineStrings") == true)
    }

    func testSectionProblems() throws {
        // nodes beside a network; a layer that does not exist.
        let both = try write(
            points: [point("src", 0, 0), point("b1", 30, 40)], segments: [line("e1", [[0, 0], [30, 40]])],
            extraYAML: "nodes:\n  - {id: x, x_m: 0, y_m: 0}\n")
        XCTAssertEqual(try findings(both).map(\.code), ["conflicting-keys"])
        let missing = try String(contentsOfFile: both, encoding: .utf8).replacingOccurrences(of: "points: points.geojson", with: "points: pts.geojson")
            .replacingOccurrences(of: "nodes:\n  - {id: x, x_m: 0, y_m: 0}\n", with: "")
        try Data(missing.utf8).write(to: URL(fileURLWithPath: both))
        let f = try findings(both)
        XCTAssertEqual(f.first?.code, "unreadable-layer")
        XCTAssertTrue(f.first?.message.contains("pts.geojson': no such file") == true, f.first?.message ?? "")
        XCTAssertEqual(f.first?.location?.file, both, "reported at the key in the scenario file")

        // Degrees declared as metres, metres declared as degrees.
        let degreesAsMetres = try write(
            points: [point("src", 114.32, 29.84), point("b1", 114.3203, 29.8404)], segments: [line("e1", [[114.32, 29.84], [114.3203, 29.8404]])])
        XCTAssertEqual(try findings(degreesAsMetres).map(\.code), ["crs-mismatch"])
        let metresAsDegrees = try write(
            points: [point("src", 500_000, 3_300_000), point("b1", 500_030, 3_300_040)],
            segments: [line("e1", [[500_000, 3_300_000], [500_030, 3_300_040]])], crs: "wgs84")
        let g = try findings(metresAsDegrees)
        XCTAssertEqual(Set(g.map(\.code)), ["out-of-range"])
        XCTAssertEqual(g.count, 4, "each position outside WGS84")
        XCTAssertTrue(g[0].fix?.contains("crs: metres") == true)
    }

    /// A layer that declares (GeoJSON 2008 `crs`) a projected CRS contradicts `crs: wgs84`.
    func testDeclaredCRSMustAgree() throws {
        let path = try write(points: [point("src", 0, 0), point("b1", 30, 40)], segments: [line("e1", [[0, 0], [30, 40]])])
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let layer = folder.appendingPathComponent("points.geojson")
        let text = try String(contentsOf: layer, encoding: .utf8).replacingOccurrences(
            of: "{\"type\": \"FeatureCollection\",",
            with: "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}},")
        try Data(text.utf8).write(to: layer)
        let f = try findings(path)
        XCTAssertEqual(f.map(\.code), ["crs-mismatch"])
        XCTAssertTrue(f[0].message.contains("CRS84"))
    }

    // MARK: The bundled example

    /// scenarios/compound-79-gis has the same network as scenarios/compound-79-gas.yaml: every
    /// segment joins the same two nodes with the same length, elevations agree, and positions
    /// differ only by the shift of the origin to the points' mean.
    func testBundledGISExampleIsTheYAMLNetwork() throws {
        let root = ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios")
        let gis = try ScenarioLoader.load(path: root.appendingPathComponent("compound-79-gis/compound-79-gis.yaml").path)
        let yaml = try ScenarioLoader.load(path: root.appendingPathComponent("compound-79-gas.yaml").path).scenario
        XCTAssertEqual(gis.warnings, [])
        let s = gis.scenario
        XCTAssertNotNil(s.geographicOrigin)
        XCTAssertEqual(s.segments.count, yaml.segments.count)
        for a in yaml.segments {
            let b = try XCTUnwrap(s.segments.first { $0.id == a.id }, a.id)
            XCTAssertEqual(Set([b.fromNodeID, b.toNodeID]), Set([a.fromNodeID, a.toNodeID]), a.id)
            XCTAssertEqual(b.lengthMetres, a.lengthMetres, accuracy: 1e-6, a.id)
            XCTAssertEqual(b.surface, a.surface)
            XCTAssertEqual(b.ownerID, a.ownerID)
        }
        XCTAssertEqual(s.segments.first { $0.id == "R-GATE-MAIN" }?.routeMetres?.count, 4)
        let dx = yaml.nodes.map { $0.xMetres! }.reduce(0, +) / Double(yaml.nodes.count)
        let dy = yaml.nodes.map { $0.yMetres! }.reduce(0, +) / Double(yaml.nodes.count)
        for a in yaml.nodes {
            let b = try XCTUnwrap(s.node(a.id))
            XCTAssertEqual(b.elevationMetres, a.elevationMetres)
            XCTAssertEqual(b.xMetres! + dx, a.xMetres!, accuracy: 1e-6, a.id)
            XCTAssertEqual(b.yMetres! + dy, a.yMetres!, accuracy: 1e-6, a.id)
        }
    }
}

extension ScenarioError {
    fileprivate var findings: [Finding] {
        if case .invalid(_, let f) = self { return f }
        return []
    }
}
