// SPDX-License-Identifier: GPL-3.0-or-later

import TestSupport
import XCTest

@testable import ConnplanCore

/// docs/scenario-format.md and docs/scenario.schema.json agree with the loader: the documented
/// examples are the fixture files and load; the pasted error output is current; and (when python3
/// with `jsonschema` is available) the schema accepts every example and rejects bad files.
final class ScenarioFormatDocsTests: XCTestCase {
    let docs = ScenarioFixtures.repositoryRoot.appendingPathComponent("docs")
    let examples = ["gas-xianning.yaml", "water-shifo.yaml", "gas-xianning.json", "gas-xianning-tabs.json", "water-shifo.json"]

    func testDocumentedExamplesAreTheFixturesAndLoad() throws {
        let markdown = try String(contentsOf: docs.appendingPathComponent("scenario-format.md"), encoding: .utf8)
        var found = 0
        for name in ["gas-xianning.yaml", "water-shifo.yaml"] {
            let marker = "<!-- example: Tests/ConnplanCoreTests/Fixtures/\(name) -->\n```yaml\n"
            let start = try XCTUnwrap(markdown.range(of: marker), "no example block for \(name)")
            let end = try XCTUnwrap(markdown.range(of: "```\n", range: start.upperBound..<markdown.endIndex))
            let block = String(markdown[start.upperBound..<end.lowerBound])
            XCTAssertEqual(block, try ScenarioFixtures.text(name), "docs example differs from the fixture \(name)")
            let loaded = try ScenarioLoader.parse(text: block, file: "docs/scenario-format.md")
            XCTAssertEqual(loaded.warnings, [])
            found += 1
        }
        XCTAssertEqual(found, 2)
    }

    func testDocumentedErrorOutputIsCurrent() throws {
        let markdown = try String(contentsOf: docs.appendingPathComponent("scenario-format.md"), encoding: .utf8)
        let start = try XCTUnwrap(markdown.range(of: "```text\n"))
        let end = try XCTUnwrap(markdown.range(of: "\n```", range: start.upperBound..<markdown.endIndex))
        let documented = String(markdown[start.upperBound..<end.lowerBound])
        XCTAssertThrowsError(
            try ScenarioLoader.parse(text: ScenarioFixtures.text("gas-many-errors.yaml"), file: "gas-many-errors.yaml")
        ) { error in
            XCTAssertEqual("\(error)", documented)
        }
    }

    func testSchemaIsDraft202012() throws {
        let data = try Data(contentsOf: docs.appendingPathComponent("scenario.schema.json"))
        let schema = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(schema["$schema"] as? String, "https://json-schema.org/draft/2020-12/schema")
        let top = try XCTUnwrap(schema["properties"] as? [String: Any])
        // Every top-level key the loader accepts is described by the schema (common or per utility).
        var described = Set(top.keys)
        for branch in try XCTUnwrap(schema["allOf"] as? [[String: Any]]) {
            let then = try XCTUnwrap(branch["then"] as? [String: Any])
            described.formUnion(try XCTUnwrap(then["properties"] as? [String: Any]).keys)
        }
        XCTAssertEqual(described, Set(ScenarioBuilder.topLevelKeys + ["gas"]))
    }

    /// Validates with python3's `jsonschema` (Draft202012Validator). YAML files are turned into
    /// JSON by the loader's own reading rules, so the schema is checked against what the loader sees.
    func testSchemaAcceptsExamplesAndRejectsBadFiles() throws {
        guard let python = pythonWithJSONSchema() else {
            let reason = "python3 with the jsonschema module is not available; schema validation skipped"
            print(reason)
            throw XCTSkip(reason)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-scn-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var cases: [(name: String, text: String, valid: Bool)] = try examples.map { ($0, try ScenarioFixtures.text($0), true) }
        cases.append(("minimal-gas", ScenarioFixtures.minimalGas, true))
        cases.append(("minimal-water", ScenarioFixtures.minimalWater, true))
        let gas = ScenarioFixtures.minimalGas
        let water = ScenarioFixtures.minimalWater
        cases += [
            ("many-errors", try ScenarioFixtures.text("gas-many-errors.yaml"), false),
            ("unknown-key", gas.replacingOccurrences(of: "surface: verge}", with: "surfce: verge}"), false),
            (
                "gas-key-in-water", water.replacingOccurrences(of: "pressure_head_m: 30}", with: "pressure_head_m: 30, pressure_kpa: 3}"),
                false
            ),
            ("gas-section-in-water", water + "gas: {formula: renouard}\n", false),
            ("bad-enum", gas.replacingOccurrences(of: "consent: granted", with: "consent: maybe"), false),
            ("no-regulator", gas.replacingOccurrences(of: "pressure_kpa: 3}", with: "pressure_kpa: 10}"), false),
            ("zero-floors", gas.replacingOccurrences(of: "floors: 2", with: "floors: 0"), false),
            ("x-without-y", gas.replacingOccurrences(of: "x_m: 30, y_m: 40", with: "x_m: 30"), false),
            ("xy-and-lonlat", gas.replacingOccurrences(of: "x_m: 30, y_m: 40", with: "x_m: 30, y_m: 40, lon: 1, lat: 1"), false),
            ("no-flow", water + "demands:\n  - {node: b1}\n", false),
            ("both-heads", water.replacingOccurrences(of: "pressure_head_m: 30", with: "pressure_head_m: 30, head_m: 130"), false),
            ("version-2", gas.replacingOccurrences(of: "connplan: 1", with: "connplan: 2"), false),
            (
                "regulated",
                gas.replacingOccurrences(
                    of: "pressure_kpa: 3}", with: "pressure_kpa: 150, regulator: {cost_cny: 1, outlet_pressure_kpa: 2}}"), true
            ),
            ("gas-host", gas.replacingOccurrences(of: "pressure_kpa: 3}", with: "pressure_kpa: 3, " + Self.gasHost + "}"), true),
            (
                "gas-host-upstream-medium",
                gas.replacingOccurrences(
                    of: "pressure_kpa: 3}", with: "pressure_kpa: 3, " + Self.gasHost.replacingOccurrences(of: "2.7", with: "12") + "}"),
                false
            ),
            (
                "gas-host-and-regulator",
                gas.replacingOccurrences(
                    of: "pressure_kpa: 3}",
                    with: "pressure_kpa: 150, regulator: {cost_cny: 1, outlet_pressure_kpa: 2}, " + Self.gasHost + "}"),
                false
            ),
            (
                "gas-host-demand-and-flow",
                gas.replacingOccurrences(
                    of: "pressure_kpa: 3}", with: "pressure_kpa: 3, " + Self.gasHost.replacingOccurrences(of: "households: 48", with: "households: 48, design_flow_m3_h: 20, demand: {appliances_m3_h: {stove: 0.8}}") + "}"),
                false
            ),
            (
                "water-host",
                water.replacingOccurrences(
                    of: "pressure_head_m: 30}",
                    with: "pressure_head_m: 30, host: {households: 60, service_pipe: {length_m: 50, inner_diameter_mm: 100, hazen_williams_c: 120, upstream_head_m: 140}, worst_household: {elevation_m: 101, floors: 6}}}"),
                true
            ),
            (
                "water-host-no-minimum",
                water.replacingOccurrences(
                    of: "pressure_head_m: 30}",
                    with: "pressure_head_m: 30, host: {households: 60, service_pipe: {length_m: 50, inner_diameter_mm: 100, hazen_williams_c: 120, upstream_head_m: 140}, worst_household: {elevation_m: 101}}}"),
                false
            ),
            ("schedule", gas + ScheduleSectionTests.section, true),
            ("bundled-shifo", try String(contentsOf: ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios/shifo-water.yaml"), encoding: .utf8), true),
            ("bundled-79", try String(contentsOf: ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios/compound-79-gas.yaml"), encoding: .utf8), true),
            ("schedule-kept", gas + ScheduleSectionTests.section.replacingOccurrences(
                of: "    cut_off: 2024-04-11\n    interim_supply_cost_per_day_cny: 1600\n", with: "    existing_supply_kept: true\n"), true),
            ("schedule-weekday", gas + ScheduleSectionTests.section.replacingOccurrences(of: "[mon, tue,", with: "[monday, tue,"), false),
            ("schedule-crew-0", gas + ScheduleSectionTests.section.replacingOccurrences(of: "pipe_fitter: 2", with: "pipe_fitter: 0"), false),
            ("schedule-date", gas + ScheduleSectionTests.section.replacingOccurrences(of: "start: 2024-04-11", with: "start: 11/04/2024"), false),
            ("schedule-no-cutoff", gas + ScheduleSectionTests.section.replacingOccurrences(of: "    cut_off: 2024-04-11\n", with: ""), false),
            (
                "inline-table",
                gas.replacingOccurrences(of: "{stove: 0.8}\n", with: "{stove: 0.8}\n  simultaneity: [{households: 1, factor: 1}]\n"), true
            ),
        ]
        // A GeoJSON network replaces `nodes` and `segments` (both, never beside them).
        let gis = try String(
            contentsOf: ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios/compound-79-gis/compound-79-gis.yaml"),
            encoding: .utf8)
        cases += [
            ("gis-network", gis, true),
            ("network-and-nodes", gis + "nodes:\n  - {id: x, x_m: 0, y_m: 0}\n", false),
            ("network-bad-crs", gis.replacingOccurrences(of: "crs: wgs84", with: "crs: epsg4326"), false),
            ("neither-network-nor-segments", gas.replacingOccurrences(of: "segments:\n  - {id: e1, from: src, to: b1, surface: verge}\n", with: ""), false),
        ]
        var paths: [String] = []
        for c in cases {
            let url = directory.appendingPathComponent("\(c.name).json")
            let root = try ScenarioLoader.syntaxTree(text: c.text, file: c.name).root
            try Self.json(root).write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            v = Draft202012Validator(schema)
            for path in sys.argv[2:]:
                errors = list(v.iter_errors(json.load(open(path))))
                print("VALID" if not errors else "INVALID", path, "|", "; ".join(e.message[:120] for e in errors[:3]))
            """
        let output = try run(python, ["-c", script, docs.appendingPathComponent("scenario.schema.json").path] + paths)
        let lines = output.split(separator: "\n").filter { $0.hasPrefix("VALID") || $0.hasPrefix("INVALID") }
        XCTAssertEqual(lines.count, cases.count, output)
        for (c, line) in zip(cases, lines) {
            XCTAssertEqual(line.hasPrefix("VALID "), c.valid, "\(c.name): \(line)")
        }
    }

    /// A gas `host` block in flow style, for the schema cases.
    static let gasHost =
        "host: {households: 48, service_pipe: {length_m: 85, inner_diameter_mm: 51.4, roughness_mm: 0.01, upstream_pressure_kpa: 2.7}, worst_household: {elevation_m: 0, internal_loss_kpa: 0.1}}"

    // MARK: Helpers

    private func pythonWithJSONSchema() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/python3" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import jsonschema; jsonschema.Draft202012Validator"])) != nil { return candidate }
        }
        return nil
    }

    /// Runs a program; throws unless it exits 0. Returns standard output.
    @discardableResult
    private func run(_ program: String, _ arguments: [String]) throws -> String {
        let r = try CLIRunner(executableURL: URL(fileURLWithPath: program)).run(arguments)
        guard r.status == 0 else {
            throw NSError(domain: "python", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderrText])
        }
        return r.stdoutText
    }

    /// JSON text for a syntax tree, typed by the loader's scalar rules.
    static func json(_ node: SyntaxNode) -> String {
        switch node.kind {
        case .mapping(let pairs):
            return "{" + pairs.map { string($0.key.scalarText ?? "") + ": " + json($0.value) }.joined(separator: ", ") + "}"
        case .sequence(let items):
            return "[" + items.map(json).joined(separator: ", ") + "]"
        case .scalar(let text, let quoted):
            if ScalarValue.isNull(text: text, quoted: quoted) { return "null" }
            if let b = ScalarValue.bool(text: text, quoted: quoted) { return b ? "true" : "false" }
            if let x = ScalarValue.number(text: text, quoted: quoted) {
                return JSONFallbackParser.isJSONNumber(text) ? text : "\(x)"
            }
            return string(text)
        }
    }

    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
