// SPDX-License-Identifier: GPL-3.0-or-later
//
// `connplan export` and GeoJSON input end to end: the GIS scenario plans exactly like its YAML
// twin, a layer with ends that do not snap is bad input (every one reported), formats that do not
// fit the utility are refused, and exports are written atomically with the same bytes every time.

import Foundation
import TestSupport
import XCTest

final class ExportCommandTests: CLITestCase {
    static let gis = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gis/compound-79-gis.yaml").path

    /// The bundled GIS scenario's geometry matches the YAML one, so the plans are the same to the fen,
    /// for the optimum and for the variant without the telecom site.
    func testGISScenarioPlansExactlyLikeItsYAMLTwin() throws {
        for extra in [[], ["--forbid", "telecom"]] {
            let gis = try planJSON([Self.gis, "--reproducible"] + extra)
            let yaml = try planJSON([Self.compound79, "--reproducible"] + extra)
            try assertConsistent(gis, utility: "gas")
            XCTAssertEqual(try gis.int("total_cost_fen"), try yaml.int("total_cost_fen"), "\(extra)")
            let a = try gis.segments().map { "\($0.id) \(Set([$0.from, $0.to]).sorted()) DN\($0.dn) \($0.costFen)" }.sorted()
            let b = try yaml.segments().map { "\($0.id) \(Set([$0.from, $0.to]).sorted()) DN\($0.dn) \($0.costFen)" }.sorted()
            XCTAssertEqual(a, b, "\(extra)")
            let pa = try gis.objects("buildings").map { try PlanOutput.double($0["pressure_kpa"], "pressure_kpa") }
            let pb = try yaml.objects("buildings").map { try PlanOutput.double($0["pressure_kpa"], "pressure_kpa") }
            for (x, y) in zip(pa, pb) { XCTAssertEqual(x, y, accuracy: 1e-9) }
        }
    }

    /// Segments whose ends were moved off their points: exit 2, and every one is named with its
    /// file:line:col, coordinates and distance, not just the first.
    func testSegmentsThatDoNotSnapAreAllReported() throws {
        let dir = try makeTemporaryDirectory()
        let source = URL(fileURLWithPath: Self.gis).deletingLastPathComponent()
        for name in ["compound-79-gis.yaml", "points.geojson"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        var lines = try String(contentsOf: source.appendingPathComponent("segments.geojson"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Feature #10 (X-TEL, line 11) starts ~2.9 m east of TEL-RISER; feature #1 (line 2) starts ~1.1 m north of B1.
        lines[10] = lines[10].replacingOnce("[[114.3220899", with: "[[114.3221199")
        lines[1] = lines[1].replacingOnce("29.84119", with: "29.84120")
        try Data(lines.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("segments.geojson"))
        let r = try connplan("plan", "compound-79-gis.yaml", in: dir)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertTrue(r.stdout.isEmpty)
        let err = r.stderrText
        XCTAssertTrue(err.hasPrefix("compound-79-gis.yaml: 2 errors in the scenario\n"), err)
        XCTAssertNotNil(err.firstMatch(of: #/segments\.geojson:2:[0-9]+: error: 'C-B1-YARD': segment 'C-B1-YARD' \(feature #1\) does not snap: its start at \[114\.32[0-9]+, 29\.84[0-9]+\] \(lon, lat\) is 1\.[0-9]{2} m from the nearest point 'B1'/#), err)
        XCTAssertNotNil(err.firstMatch(of: #/segments\.geojson:11:[0-9]+: error: 'X-TEL': .* is 2\.[0-9]{2} m from the nearest point 'TEL-RISER'/#), err)
    }

    func testFormatsThatDoNotFitTheUtilityAreBadInput() throws {
        let epanetForGas = try connplan("export", Self.compound79, "--format", "epanet")
        XCTAssertEqual(epanetForGas.status, Exit.badInput)
        XCTAssertTrue(epanetForGas.stderrText.contains("--format epanet describes water networks, but this is a gas scenario. Use --format pandapipes"), epanetForGas.stderrText)
        XCTAssertTrue(epanetForGas.stdout.isEmpty)
        let pandapipesForWater = try connplan("export", Self.shifo, "--format", "pandapipes")
        XCTAssertEqual(pandapipesForWater.status, Exit.badInput)
        XCTAssertTrue(pandapipesForWater.stderrText.contains("but this is a water scenario. Use --format epanet"), pandapipesForWater.stderrText)
        let noFormat = try connplan("export", Self.shifo)
        XCTAssertEqual(noFormat.status, Exit.badInput)
        let unknown = try connplan("export", Self.shifo, "--format", "shapefile")
        XCTAssertEqual(unknown.status, Exit.badInput)
    }

    /// -o writes the file and nothing to stdout; two runs give the same bytes, equal to stdout's.
    func testExportsAreWrittenToFilesWithTheSameBytesEveryTime() throws {
        let dir = try makeTemporaryDirectory()
        for (scenario, format, name) in [
            (Self.gis, "geojson", "plan.geojson"), (Self.compound79, "pandapipes", "plan.py"), (Self.shifo, "epanet", "plan.inp"),
        ] {
            let path = dir.appendingPathComponent(name).path
            let first = try connplan("export", scenario, "--format", format, "-o", path)
            XCTAssertEqual(first.status, Exit.planFound, first.summary)
            XCTAssertTrue(first.stdout.isEmpty)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            let second = try connplan("export", scenario, "--format", format)
            XCTAssertEqual(second.stdout, written, "\(format): stdout and -o differ, or two runs differ")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }, [], "no temporary files left")
        }
        let inp = try String(contentsOfFile: dir.appendingPathComponent("plan.inp").path, encoding: .utf8)
        for section in ["[TITLE]", "[JUNCTIONS]", "[RESERVOIRS]", "[PIPES]", "[COORDINATES]", "[OPTIONS]", "Units              LPS", "Headloss           H-W", "[END]"] {
            XCTAssertTrue(inp.contains(section), section)
        }
    }

    /// --forbid/--require pick the plan that is exported.
    func testVariantsAreExported() throws {
        let optimum = try connplan("export", Self.gis, "--format", "geojson")
        let variant = try connplan("export", Self.gis, "--format", "geojson", "--forbid", "telecom")
        XCTAssertEqual(variant.status, Exit.planFound, variant.summary)
        XCTAssertTrue(optimum.stdoutText.contains("\"id\": \"X-TEL\""))
        XCTAssertFalse(variant.stdoutText.contains("\"id\": \"X-TEL\""))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: variant.stdout) as? [String: Any])
        let plan = try planJSON([Self.gis, "--forbid", "telecom"])
        XCTAssertEqual((json["connplan"] as? [String: Any])?["total_cost_fen"] as? Int, try plan.int("total_cost_fen"))
        let unknown = try connplan("export", Self.gis, "--format", "geojson", "--forbid", "no-such-id")
        XCTAssertEqual(unknown.status, Exit.badInput)
    }

    /// No plan, nothing to export: status 1 and the reasons on stderr.
    func testInfeasibleScenarioExportsNothing() throws {
        let r = try connplan("export", Self.compound79, "--format", "geojson", "--forbid", "S-TEL", "--forbid", "S-ESTATE", "--forbid", "S-MAIN")
        XCTAssertEqual(r.status, Exit.noPlan, r.summary)
        XCTAssertTrue(r.stdout.isEmpty)
        XCTAssertTrue(r.stderrText.hasPrefix("Nothing to export.\n"), r.stderrText)
    }
}
