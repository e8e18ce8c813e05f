// SPDX-License-Identifier: GPL-3.0-or-later
//
// The three exports of the bundled scenarios against checked-in snapshots. A change in the output
// fails here; re-record only on purpose with RECORD_SNAPSHOTS=1 and review the diff.

import ConnplanCore
import ConnplanExport
import Foundation
import TestSupport
import XCTest

final class ExportSnapshotTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    private func assertSnapshot(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("no snapshot \(name); record it with RECORD_SNAPSHOTS=1", file: file, line: line)
            return
        }
        if text != expected {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            XCTFail(
                "\(name) differs from its snapshot at line \(first + 1):\n  got:      \(first < a.count ? String(a[first]) : "<end>")\n  expected: \(first < b.count ? String(b[first]) : "<end>")",
                file: file, line: line)
        }
    }

    func testGeoJSONOfTheGISScenario() throws {
        let (scenario, plan) = try ExportFixtures.plan(ExportFixtures.compound79GIS)
        try assertSnapshot(try GeoJSONExport().export(scenario: scenario, plan: plan), "compound-79-gis.geojson")
    }

    func testEPANETOfShifo() throws {
        let (scenario, plan) = try ExportFixtures.plan(ExportFixtures.shifo)
        try assertSnapshot(try EPANETExport().export(scenario: scenario, plan: plan), "shifo-water.inp")
    }

    func testPandapipesOfCompound79() throws {
        let (scenario, plan) = try ExportFixtures.plan(ExportFixtures.compound79)
        try assertSnapshot(try PandapipesExport().export(scenario: scenario, plan: plan), "compound-79-gas.pandapipes.py")
    }

    /// Formats that cannot describe a utility say so instead of writing a wrong file.
    func testWrongUtilityIsAnError() throws {
        let (gas, gasPlan) = try ExportFixtures.plan(ExportFixtures.compound79)
        let (water, waterPlan) = try ExportFixtures.plan(ExportFixtures.shifo)
        XCTAssertThrowsError(try EPANETExport().export(scenario: gas, plan: gasPlan)) { error in
            XCTAssertTrue("\(error)".contains("pandapipes"), "\(error)")
        }
        XCTAssertThrowsError(try PandapipesExport().export(scenario: water, plan: waterPlan)) { error in
            XCTAssertTrue("\(error)".contains("epanet"), "\(error)")
        }
    }
}
