// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

@testable import ConnplanCore

/// The bundled standards data loads, is well formed, and holds the values its files cite.
final class StandardsDataTests: XCTestCase {
    func testBundledDataLoads() throws {
        let data = try Standards.load()
        XCTAssertEqual(Set(data.simultaneityTables.keys), ["gb50028-stove", "gb50028-stove-water-heater"])
        XCTAssertEqual(data.defaultGasFormula, .darcyWeisbach)
        XCTAssertEqual(data.defaultGasMinPressureKilopascals, 1.5, accuracy: 1e-12)
    }

    func testLoadIsRepeatable() throws {
        let a = try Standards.load()
        let b = try Standards.load()
        XCTAssertEqual(a.simultaneityTables, b.simultaneityTables)
        XCTAssertEqual(a.defaultGas, b.defaultGas)
    }

    func testSimultaneityTablesAreWellFormed() throws {
        let data = try Standards.load()
        for (name, table) in data.simultaneityTables {
            XCTAssertEqual(table.name, name)
            XCTAssertEqual(table.rows.first?.households, 1, name)
            XCTAssertEqual(table.rows.first?.factor ?? 0, 1.0, accuracy: 1e-12, "\(name): one household runs at full load")
            XCTAssertEqual(table.rows.last?.households, 2000, name)
            for (a, b) in zip(table.rows, table.rows.dropFirst()) {
                XCTAssertLessThan(a.households, b.households, name)
                XCTAssertGreaterThanOrEqual(a.factor, b.factor, name)
                XCTAssertGreaterThan(b.factor, 0, name)
            }
        }
    }

    /// Spot values of GB 50028-2006 Table 10.2.9 as shipped (transcription check, not verification).
    func testSimultaneitySpotValues() throws {
        let tables = try Standards.load().simultaneityTables
        let stove = try XCTUnwrap(tables["gb50028-stove"])
        let heater = try XCTUnwrap(tables["gb50028-stove-water-heater"])
        XCTAssertEqual(stove.rows.count, 28)
        XCTAssertEqual(heater.rows.count, 28)
        XCTAssertEqual(stove.factor(households: 10), 0.54, accuracy: 1e-12)
        XCTAssertEqual(stove.factor(households: 90), 0.345, accuracy: 1e-12)
        XCTAssertEqual(heater.factor(households: 2), 0.56, accuracy: 1e-12)
        XCTAssertEqual(heater.factor(households: 50), 0.178, accuracy: 1e-12)
        // Interpolation between 10 (0.54) and 15 (0.48), and the last factor beyond the table.
        XCTAssertEqual(stove.factor(households: 12), 0.54 + 2.0 / 5.0 * (0.48 - 0.54), accuracy: 1e-12)
        XCTAssertEqual(stove.factor(households: 5000), 0.24, accuracy: 1e-12)
    }

    /// k(N)·N must never fall when a household is added (else a larger compound would need less gas).
    func testSimultaneousLoadIsNondecreasingUpTo5000Households() throws {
        for (name, table) in try Standards.load().simultaneityTables {
            var previous = 0.0
            for n in 1...5000 {
                let load = table.factor(households: n) * Double(n)
                XCTAssertGreaterThanOrEqual(load, previous - 1e-12, "\(name): k(N)·N falls at N = \(n)")
                previous = load
            }
        }
    }

    func testGasDefaultsAreConsistent() throws {
        let gas = try Standards.load().defaultGas
        XCTAssertEqual(gas.airDensityKilogramsPerCubicMetre, 1.293, accuracy: 1e-9)
        XCTAssertLessThan(gas.densityKilogramsPerCubicMetre, gas.airDensityKilogramsPerCubicMetre, "natural gas is lighter than air")
        XCTAssertEqual(
            gas.relativeDensity, gas.densityKilogramsPerCubicMetre / gas.airDensityKilogramsPerCubicMetre, accuracy: 0.005)
        XCTAssertGreaterThan(gas.kinematicViscositySquareMetresPerSecond, 1e-5)
        XCTAssertLessThan(gas.kinematicViscositySquareMetresPerSecond, 2e-5)
    }

    /// Appliances need at least 0.75 × their rated 2.0 kPa; the default must not be below that.
    func testMinimumGasPressureCoversAppliances() throws {
        let data = try Standards.load()
        XCTAssertGreaterThanOrEqual(data.defaultGasMinPressureKilopascals, 0.75 * 2.0 - 1e-12)
        XCTAssertLessThanOrEqual(data.defaultGasMinPressureKilopascals, 1.5 * 2.0)
    }

    func testWaterDefaultsAreWithinTheStandardsRanges() throws {
        let data = try Standards.load()
        XCTAssertGreaterThanOrEqual(data.defaultPeakFactor, 2.3)
        XCTAssertLessThanOrEqual(data.defaultPeakFactor, 2.8)
        XCTAssertGreaterThanOrEqual(data.defaultLitresPerPersonPerDay, 130)
        XCTAssertLessThanOrEqual(data.defaultLitresPerPersonPerDay, 300)
        XCTAssertGreaterThan(data.defaultPersonsPerHousehold, 0)
        XCTAssertGreaterThan(data.defaultFixtureUnitsPerHousehold, 0)
        XCTAssertEqual(data.defaultHoursPerDay, 24, accuracy: 1e-12)
    }

    func testAlphaTable() throws {
        let table = try Standards.load().probabilityAlphaTable
        XCTAssertEqual(table.count, 12)
        XCTAssertEqual(table.first?.u0Percent ?? 0, 1.0, accuracy: 1e-12)
        XCTAssertEqual(table.first?.alpha ?? 0, 0.00323, accuracy: 1e-12)
        XCTAssertEqual(table.last?.u0Percent ?? 0, 8.0, accuracy: 1e-12)
        XCTAssertEqual(table.last?.alpha ?? 0, 0.06489, accuracy: 1e-12)
        for (a, b) in zip(table, table.dropFirst()) {
            XCTAssertLessThan(a.u0Percent, b.u0Percent)
            XCTAssertLessThan(a.alpha, b.alpha)
        }
    }

    func testServiceHeadRule() throws {
        let rule = try Standards.load().defaultServiceHead
        XCTAssertEqual(rule.minimumHeadMetres(floors: 1), 10, accuracy: 1e-12)
        XCTAssertEqual(rule.minimumHeadMetres(floors: 2), 12, accuracy: 1e-12)
        XCTAssertEqual(rule.minimumHeadMetres(floors: 6), 28, accuracy: 1e-12)
    }

    // MARK: Damaged data is reported, every problem at once

    private func bundledTexts() throws -> [String: String] {
        let dir = try XCTUnwrap(Standards.bundledDirectory)
        var texts: [String: String] = [:]
        for name in Standards.fileNames {
            texts[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    func testBundledTextsParseTheSameAsLoad() throws {
        let parsed = try Standards.parse(texts: bundledTexts())
        XCTAssertEqual(parsed.simultaneityTables, try Standards.load().simultaneityTables)
    }

    func testMissingFileIsUnreadable() throws {
        var texts = try bundledTexts()
        texts["natural-gas-defaults.yaml"] = nil
        XCTAssertThrowsError(try Standards.parse(texts: texts)) { error in
            guard case ScenarioError.unreadable = error else { return XCTFail("expected unreadable, got \(error)") }
        }
    }

    func testEveryProblemInAFileIsReported() throws {
        var texts = try bundledTexts()
        var gasTables = try XCTUnwrap(texts["gb50028-simultaneity.yaml"])
        gasTables = gasTables.replacingOccurrences(of: "- [3, 0.85]", with: "- [3, 1.85]")  // factor > 1 and rising
        gasTables = gasTables.replacingOccurrences(of: "- [15, 0.48]", with: "- [9, 0.48]")  // not sorted
        gasTables = gasTables.replacingOccurrences(of: "verified: false", with: "verified: false\nsurprise: 1")
        texts["gb50028-simultaneity.yaml"] = gasTables
        XCTAssertThrowsError(try Standards.parse(texts: texts)) { error in
            guard case let ScenarioError.invalid(_, findings) = error else {
                return XCTFail("expected invalid, got \(error)")
            }
            let codes = Set(findings.map(\.code))
            XCTAssertTrue(codes.isSuperset(of: ["value-out-of-range", "table-not-monotone", "table-not-sorted", "unknown-key"]),
                          "\(codes)")
            XCTAssertTrue(findings.allSatisfy { $0.location != nil }, "every finding points at a line")
        }
    }

    func testUnknownFormulaIsReported() throws {
        var texts = try bundledTexts()
        texts["natural-gas-defaults.yaml"] = texts["natural-gas-defaults.yaml"]?
            .replacingOccurrences(of: "formula: darcy_weisbach", with: "formula: weymouth")
        XCTAssertThrowsError(try Standards.parse(texts: texts)) { error in
            guard case let ScenarioError.invalid(_, findings) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(findings.map(\.code), ["unknown-value"])
        }
    }
}
