// SPDX-License-Identifier: GPL-3.0-or-later
//
// The GeoJSON export read back by Foundation's JSON parser and by GDAL's ogrinfo (a reader that
// shares nothing with connplan): feature counts, field types, the coordinate reference, and
// coordinates that land exactly on the scenario's points.

import ConnplanCore
import ConnplanExport
import ConnplanPlanner
import Foundation
import TestSupport
import XCTest

final class GeoJSONExportTests: XCTestCase {
    private func export(_ path: String) throws -> (scenario: Scenario, plan: Plan, text: String) {
        let (scenario, plan) = try ExportFixtures.plan(path)
        return (scenario, plan, try GeoJSONExport().export(scenario: scenario, plan: plan))
    }

    private func features(_ text: String) throws -> [[String: Any]] {
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(root["type"] as? String, "FeatureCollection")
        return try XCTUnwrap(root["features"] as? [[String: Any]])
    }

    /// WGS84 in, WGS84 out: every planned LineString starts and ends on the input layer's points,
    /// and the properties carry the plan's figures.
    func testGISScenarioExportsWGS84OnTheInputPoints() throws {
        let (_, plan, text) = try export(ExportFixtures.compound79GIS)
        XCTAssertFalse(text.contains("\"crs\""), "RFC 7946 output has no crs member")
        let pointsURL = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gis/points.geojson")
        let input = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: pointsURL)) as? [String: Any])
        var lonLat: [String: [Double]] = [:]
        for f in try XCTUnwrap(input["features"] as? [[String: Any]]) {
            let id = try XCTUnwrap((f["properties"] as? [String: Any])?["id"] as? String)
            lonLat[id] = try XCTUnwrap((f["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        }
        let all = try features(text)
        XCTAssertEqual(all.count, plan.segments.count + plan.sources.count + plan.buildings.count)
        var costFen = 0
        for f in all {
            let p = try XCTUnwrap(f["properties"] as? [String: Any])
            let g = try XCTUnwrap(f["geometry"] as? [String: Any])
            switch p["kind"] as? String {
            case "segment":
                XCTAssertEqual(g["type"] as? String, "LineString")
                let coordinates = try XCTUnwrap(g["coordinates"] as? [[Double]])
                let from = try XCTUnwrap(lonLat[try XCTUnwrap(p["from"] as? String)])
                let to = try XCTUnwrap(lonLat[try XCTUnwrap(p["to"] as? String)])
                for (a, b) in [(coordinates[0], from), (coordinates[coordinates.count - 1], to)] {
                    XCTAssertEqual(a[0], b[0], accuracy: 1e-9)
                    XCTAssertEqual(a[1], b[1], accuracy: 1e-9)
                }
                let s = try XCTUnwrap(plan.segments.first { $0.segmentID == p["id"] as? String })
                XCTAssertEqual(p["length_m"] as? Double ?? -1, s.lengthMetres, accuracy: 5e-4)
                XCTAssertEqual(p["dn"] as? Int, s.pipe.nominalDiameter)
                XCTAssertEqual(p["cost_fen"] as? Int, s.costFen)
                costFen += p["cost_fen"] as? Int ?? 0
            case "building":
                XCTAssertEqual(g["type"] as? String, "Point")
                let b = try XCTUnwrap(plan.buildings.first { $0.buildingID == p["id"] as? String })
                XCTAssertEqual(p["pressure_kpa"] as? Double ?? -1, b.value, accuracy: 5e-5)
                XCTAssertEqual(p["margin_kpa"] as? Double ?? -1, b.margin, accuracy: 5e-5)
                let c = try XCTUnwrap(g["coordinates"] as? [Double])
                XCTAssertEqual(c[0], try XCTUnwrap(lonLat[b.nodeID])[0], accuracy: 1e-9)
            case "source":
                XCTAssertEqual(p["consent"] as? String, "pending")
            default:
                XCTFail("unexpected kind \(String(describing: p["kind"]))")
            }
        }
        XCTAssertEqual(costFen, plan.costs.pipesFen)
    }

    /// A route drawn with bends keeps its vertices, turned to run with the flow: R-GATE-MAIN was
    /// drawn from the gate to the main in the road, and the main feeds the compound.
    func testDrawnRoutesKeepTheirVerticesAndRunWithTheFlow() throws {
        let scenario = try ScenarioLoader.load(path: ExportFixtures.compound79GIS).scenario
        var options = PlannerOptions()
        options.constraints = PlanConstraints(forbidden: [], required: ["S-MAIN"])
        let plan = try XCTUnwrap(try RoutePlanner(scenario: scenario, options: options).plan().plan)
        let feature = try XCTUnwrap(
            try features(try GeoJSONExport().export(scenario: scenario, plan: plan)).first {
                ($0["properties"] as? [String: Any])?["id"] as? String == "R-GATE-MAIN"
            })
        let p = try XCTUnwrap(feature["properties"] as? [String: Any])
        XCTAssertEqual(p["from"] as? String, "ROAD-MAIN")
        let coordinates = try XCTUnwrap((feature["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
        XCTAssertEqual(coordinates.count, 4)
        let latitudes = coordinates.map { $0[1] }
        XCTAssertEqual(latitudes, latitudes.sorted(), "from the main (south) north to the gate")
        let origin = try XCTUnwrap(scenario.geographicOrigin)
        let road = try XCTUnwrap(scenario.node("ROAD-MAIN"))
        let back = origin.unproject(PlanePoint(xMetres: road.xMetres!, yMetres: road.yMetres!))
        XCTAssertEqual(coordinates[0][0], back.longitudeDegrees, accuracy: 1e-9)
        XCTAssertEqual(coordinates[0][1], back.latitudeDegrees, accuracy: 1e-9)
    }

    /// Local metres stay local metres, marked with a LOCAL_CS crs member, never passed off as degrees.
    func testLocalMetresScenarioKeepsMetresWithALocalCRS() throws {
        let (scenario, plan, text) = try export(ExportFixtures.compound79)
        XCTAssertNil(scenario.geographicOrigin)
        XCTAssertTrue(text.contains("\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"LOCAL_CS["))
        let building = try XCTUnwrap(try features(text).first { ($0["properties"] as? [String: Any])?["id"] as? String == "B2" })
        let c = try XCTUnwrap((building["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        XCTAssertEqual(c, [0, 22])
        XCTAssertEqual(plan.buildings.count, 2)
    }

    func testOgrinfoReadsEveryExport() throws {
        guard let ogrinfo = PeerTools.executable("ogrinfo") else {
            throw XCTSkip("GDAL's ogrinfo is not installed (Debian gdal-bin; scripts/install-deps test installs it)")
        }
        let dir = try ExportFixtures.temporaryDirectory(self)
        let cases: [(path: String, srs: String, fields: [String])] = [
            (ExportFixtures.compound79GIS, "ID[\"EPSG\",4326]", ["pressure_kpa: Real", "margin_kpa: Real", "loss_pa: Real"]),
            (ExportFixtures.compound79, "ENGCRS[\"connplan local metres", ["pressure_kpa: Real", "required_kpa: Real"]),
            (ExportFixtures.shifo, "ENGCRS[\"connplan local metres", ["pressure_head_m: Real", "total_head_m: Real", "head_loss_m: Real"]),
        ]
        for c in cases {
            let (_, plan, text) = try export(c.path)
            let file = dir.appendingPathComponent(URL(fileURLWithPath: c.path).deletingPathExtension().lastPathComponent + ".geojson")
            try Data(text.utf8).write(to: file)
            let summary = try CLIRunner(executableURL: URL(fileURLWithPath: ogrinfo)).run(["-al", "-so", file.path])
            XCTAssertEqual(summary.status, 0, summary.stderrText)
            let out = summary.stdoutText
            let count = plan.segments.count + plan.sources.count + plan.buildings.count
            XCTAssertTrue(out.contains("Feature Count: \(count)"), out)
            XCTAssertTrue(out.contains(c.srs), out)
            for field in [
                "kind: String", "id: String", "dn: Integer", "length_m: Real", "cost_cny: Real", "cost_fen: Integer", "owner: String",
                "consent: String", "flow_m3_h: Real", "velocity_m_s: Real", "households: Integer", "reused_existing: Integer(Boolean)",
            ] + c.fields {
                XCTAssertTrue(out.contains("\n\(field) ("), "\(c.path): no field '\(field)' in\n\(out)")
            }
            // Every feature with its values: the total of cost_fen as GDAL reads it is the plan's pipe cost.
            let full = try CLIRunner(executableURL: URL(fileURLWithPath: ogrinfo)).run(["-al", "-q", file.path])
            XCTAssertEqual(full.status, 0, full.stderrText)
            XCTAssertEqual(full.stdoutText.components(separatedBy: "OGRFeature(").count - 1, count)
            let fen = full.stdoutText.split(separator: "\n").compactMap { line -> Int? in
                guard let r = line.range(of: "cost_fen (Integer) = ") else { return nil }
                return Int(line[r.upperBound...].trimmingCharacters(in: .whitespaces))
            }
            XCTAssertEqual(fen.reduce(0, +), plan.costs.pipesFen, c.path)
            if c.path == ExportFixtures.compound79GIS { print("ogrinfo -al -so (compound-79-gis):\n" + out) }
        }
    }
}
