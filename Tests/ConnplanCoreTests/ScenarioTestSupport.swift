// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// Fixtures and helpers shared by the Scenario* test classes. Fixtures are located with #filePath
/// so the test target needs no resources.
enum ScenarioFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// A small valid gas scenario. Line numbers (used by tests): 7 node src, 8 node b1,
    /// 13 building B1, 15 owner nb, 17 source s1, 19 pipe pe63, 21 segment e1.
    static let minimalGas = """
        connplan: 1
        name: Minimal gas
        utility: gas
        demand:
          appliances_m3_h: {stove: 0.8}
        nodes:
          - {id: src, x_m: 0, y_m: 0}
          - {id: b1, x_m: 30, y_m: 40}
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
        segments:
          - {id: e1, from: src, to: b1, surface: verge}

        """

    /// A small valid water scenario, same line layout as `minimalGas`.
    static let minimalWater = """
        connplan: 1
        name: Minimal water
        utility: water
        demand:
          peak_factor: 2.5
        nodes:
          - {id: src, x_m: 0, y_m: 0, elevation_m: 100}
          - {id: b1, x_m: 30, y_m: 40, elevation_m: 101}
        compounds:
          - id: c1
            name: C1
            buildings:
              - {id: B1, node: b1, floors: 6, households: 24}
        owners:
          - {id: wc, name: Water company, consent: granted}
        sources:
          - {id: s1, name: DN300 main, node: src, owner: wc, pressure_head_m: 30}
        pipes:
          - {id: pe110, dn: 110, inner_diameter_mm: 90, hazen_williams_c: 140, max_velocity_m_s: 1.5, cost_per_m_cny: {verge: 480}}
        segments:
          - {id: e1, from: src, to: b1, surface: verge}

        """
}

extension XCTestCase {
    /// Replaces `old` (which must occur) with `new` in `text`.
    func edit(_ text: String, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertTrue(text.contains(old), "fixture text does not contain \(old)", file: file, line: line)
        return text.replacingOccurrences(of: old, with: new)
    }

    /// Parses text that must load; fails the test with the findings otherwise.
    func load(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LoadedScenario? {
        do {
            return try ScenarioLoader.parse(text: text, file: "test.yaml")
        } catch {
            XCTFail("expected the scenario to load:\n\(error)", file: file, line: line)
            return nil
        }
    }

    /// Parses text that must be invalid and returns its findings (errors and warnings).
    func findings(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Finding] {
        do {
            _ = try ScenarioLoader.parse(text: text, file: "test.yaml")
            XCTFail("expected ScenarioError.invalid, but the scenario loaded", file: file, line: line)
        } catch let ScenarioError.invalid(_, findings) {
            return findings
        } catch {
            XCTFail("expected ScenarioError.invalid, got \(error)", file: file, line: line)
        }
        return []
    }

    /// The single error with `code`; fails unless exactly one exists.
    @discardableResult
    func only(
        _ code: String, in findings: [Finding], file: StaticString = #filePath, line: UInt = #line
    ) -> Finding? {
        let matching = findings.filter { $0.code == code && $0.severity == .error }
        XCTAssertEqual(
            matching.count, 1, "expected one '\(code)' error in:\n\(findings.map(\.description).joined(separator: "\n"))",
            file: file, line: line)
        return matching.first
    }

    func errors(_ findings: [Finding]) -> [Finding] { findings.filter { $0.severity == .error } }
}
