// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

@testable import ConnplanCore

/// Design flows by GB 50028-2006 §10.2.9 (gas) and GB 50015-2019 §3.2, §3.7 (water): hand-computed
/// values, 0 at 0 households, and nondecreasing in households.
final class HydraulicsDesignFlowTests: XCTestCase {
    let serviceHead = ServiceHeadRule(firstFloorMetres: 10, secondFloorMetres: 12, perExtraFloorMetres: 4)
    let gas = GasProperties(
        densityKilogramsPerCubicMetre: 0.75, relativeDensity: 0.58,
        kinematicViscositySquareMetresPerSecond: 1.43e-5, airDensityKilogramsPerCubicMetre: 1.293)

    func gasDemand(_ table: SimultaneityTable, loads: [String: Double]) -> DemandModel {
        .gas(GasDemand(
            applianceLoadsCubicMetresPerHour: loads, simultaneity: table, minPressureKilopascals: 1.5,
            formula: .darcyWeisbach, gas: gas))
    }

    func flow(_ n: Int, _ demand: DemandModel) -> Double {
        DesignFlow.householdsFlowCubicMetresPerHour(households: n, demand: demand)
    }

    // MARK: Gas

    /// Stove only (0.8 m³/h): N = 1 → 1.00·1·0.8 = 0.8; N = 10 → 0.54·10·0.8 = 4.32;
    /// N = 20 (Xianning "No. 79") → 0.45·20·0.8 = 7.2 m³/h.
    /// Stove + water heater (0.8 + 2.0 m³/h): N = 20 → 0.21·20·2.8 = 11.76 m³/h.
    func testGasHandComputedValues() throws {
        let tables = try Standards.load().simultaneityTables
        let stove = gasDemand(try XCTUnwrap(tables["gb50028-stove"]), loads: ["stove": 0.8])
        XCTAssertEqual(flow(0, stove), 0)
        XCTAssertEqual(flow(1, stove), 0.8, accuracy: 1e-12)
        XCTAssertEqual(flow(10, stove), 4.32, accuracy: 1e-12)
        XCTAssertEqual(flow(20, stove), 7.2, accuracy: 1e-12)
        let both = gasDemand(
            try XCTUnwrap(tables["gb50028-stove-water-heater"]), loads: ["stove": 0.8, "water_heater": 2.0])
        XCTAssertEqual(flow(20, both), 11.76, accuracy: 1e-12)
        XCTAssertEqual(flow(-3, both), 0)
    }

    func testGasFlowIsNondecreasingAndMatchesTheTableForBundledTables() throws {
        for (name, table) in try Standards.load().simultaneityTables {
            let demand = gasDemand(table, loads: ["stove": 0.8, "water_heater": 2.0])
            var previous = 0.0
            for n in 0...5000 {
                let q = flow(n, demand)
                XCTAssertGreaterThanOrEqual(q, previous, "\(name) at N = \(n)")
                // The running maximum changes nothing for a monotone table.
                XCTAssertEqual(q, table.factor(households: n) * Double(n) * 2.8, accuracy: 1e-12 * max(q, 1))
                previous = q
            }
        }
    }

    /// A table whose k(N)·N falls (1 household at 1.0, then 2 at 0.3) is made monotone by the running maximum.
    func testRunningMaximumRepairsAFallingTable() {
        let table = SimultaneityTable(name: "steep", rows: [.init(households: 1, factor: 1.0), .init(households: 2, factor: 0.3), .init(households: 10, factor: 0.3)])
        XCTAssertEqual(table.nondecreasingSimultaneousUnits(households: 2), 1.0, accuracy: 1e-15)
        XCTAssertEqual(table.nondecreasingSimultaneousUnits(households: 3), 1.0, accuracy: 1e-15)
        XCTAssertEqual(table.nondecreasingSimultaneousUnits(households: 4), 1.2, accuracy: 1e-12)
        XCTAssertEqual(table.nondecreasingSimultaneousUnits(households: 0), 0)
    }

    /// The O(rows) running maximum equals the brute-force maximum over 1…N for random tables.
    func testRunningMaximumAgainstBruteForce() {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<300 {
            var rows: [SimultaneityTable.Row] = []
            var households = Int(rng.next() % 3) + 1
            var factor = 1.0
            for _ in 0..<(Int(rng.next() % 6) + 1) {
                rows.append(.init(households: households, factor: factor))
                households += Int(rng.next() % 40) + 1
                factor *= Double(rng.next() % 1000) / 1000  // may fall steeply
                factor = max(factor, 0.001)
            }
            let table = SimultaneityTable(name: "random-\(trial)", rows: rows)
            var best = 0.0
            for n in 1...(households + 20) {
                best = max(best, table.factor(households: n) * Double(n))
                XCTAssertEqual(table.nondecreasingSimultaneousUnits(households: n), best, accuracy: 1e-12 * best, "trial \(trial), N \(n)")
            }
        }
    }

    // MARK: Water, peak hour

    func waterDemand(method: WaterDemand.Method, probability: WaterDemand.ProbabilityParameters? = nil) -> WaterDemand {
        WaterDemand(
            personsPerHousehold: 3.5, litresPerPersonPerDay: 200, peakFactor: 2.5, method: method,
            probability: probability, serviceHead: serviceHead)
    }

    /// Shifo compound, 192 households: 192·3.5 = 672 persons · 200 L = 134.4 m³/day;
    /// / 24 h = 5.6 m³/h; · K_h 2.5 = 14.0 m³/h.
    func testPeakHourHandComputed() {
        let demand = DemandModel.water(waterDemand(method: .peakHour))
        XCTAssertEqual(flow(192, demand), 14.0, accuracy: 1e-12)
        XCTAssertEqual(flow(0, demand), 0)
        XCTAssertEqual(flow(384, demand), 2 * flow(192, demand), accuracy: 1e-12)
    }

    // MARK: Water, probability method

    func defaultProbability() throws -> WaterDemand.ProbabilityParameters {
        let data = try Standards.load()
        return WaterDemand.ProbabilityParameters(
            fixtureUnitsPerHousehold: 4, hoursPerDay: 24, alphaTable: data.probabilityAlphaTable)
    }

    /// Defaults (q_L 200, m 3.5, K_h 2.5, N_g 4/household, T 24 h):
    ///   U0 = 100·200·3.5·2.5 / (0.2·4·24·3600) = 175000/69120 = 2.531829 %;
    ///   α_c = 0.01512 + (0.031829/0.5)·(0.01939 − 0.01512) = 0.0153918;
    ///   N = 1:   N_g = 4,   U = 100·(1 + α_c·3^0.49)/2   = 51.3184 %, q = 0.2·0.513184·4 = 0.410547 L/s = 1.477970 m³/h;
    ///   N = 50:  N_g = 200, U = 100·(1 + α_c·199^0.49)/√200 = 8.52724 %, q = 3.410896 L/s = 12.279226 m³/h;
    ///   N = 192: N_g = 768, U = 5.04776 %, q = 7.753367 L/s = 27.912119 m³/h;
    ///   N = 3000: N_g = 12000, U = 2.3140 % < U0, so q = max-hour flow = 3000·3.5·200·2.5/(24·3600) L/s
    ///             = 60.763889 L/s = 218.75 m³/h (also the peak-hour flow).
    func testProbabilityMethodHandComputed() throws {
        let parameters = try defaultProbability()
        let water = waterDemand(method: .probability, probability: parameters)
        XCTAssertEqual(DesignFlow.waterAverageUsePercent(demand: water, parameters: parameters), 2.531829, accuracy: 1e-6)
        XCTAssertEqual(DesignFlow.alphaC(u0Percent: 2.531829, table: parameters.alphaTable), 0.0153918, accuracy: 1e-7)
        let demand = DemandModel.water(water)
        XCTAssertEqual(flow(1, demand), 1.477970, accuracy: 1e-6)
        XCTAssertEqual(flow(50, demand), 12.279226, accuracy: 1e-6)
        XCTAssertEqual(flow(192, demand), 27.912119, accuracy: 1e-6)
        XCTAssertEqual(flow(3000, demand), 218.75, accuracy: 1e-9)
        XCTAssertEqual(flow(3000, demand), flow(3000, .water(waterDemand(method: .peakHour))), accuracy: 1e-9)
        XCTAssertEqual(flow(0, demand), 0)
    }

    func testAlphaInterpolationAndClamping() throws {
        let table = try defaultProbability().alphaTable
        XCTAssertEqual(DesignFlow.alphaC(u0Percent: 0.2, table: table), 0.00323, accuracy: 1e-15)
        XCTAssertEqual(DesignFlow.alphaC(u0Percent: 1.0, table: table), 0.00323, accuracy: 1e-15)
        XCTAssertEqual(DesignFlow.alphaC(u0Percent: 5.5, table: table), (0.03715 + 0.04629) / 2, accuracy: 1e-15)
        XCTAssertEqual(DesignFlow.alphaC(u0Percent: 12, table: table), 0.06489, accuracy: 1e-15)
        XCTAssertEqual(DesignFlow.alphaC(u0Percent: 3, table: []), 0)
    }

    /// Nondecreasing in households for a spread of parameters, including U0 outside the α_c table
    /// and fewer than one fixture unit per household (N_g − 1 < 0 for one household).
    func testProbabilityFlowIsNondecreasing() throws {
        let alpha = try defaultProbability().alphaTable
        for units in [0.3, 0.75, 1, 2.5, 4, 6, 10] {
            for (litres, peak) in [(130.0, 2.8), (200, 2.5), (300, 2.3), (20, 2.0), (1000, 3.0)] {
                let p = WaterDemand.ProbabilityParameters(fixtureUnitsPerHousehold: units, hoursPerDay: 24, alphaTable: alpha)
                let demand = DemandModel.water(WaterDemand(
                    personsPerHousehold: 3.5, litresPerPersonPerDay: litres, peakFactor: peak, method: .probability,
                    probability: p, serviceHead: serviceHead))
                var previous = 0.0
                for n in 0...5000 {
                    let q = flow(n, demand)
                    XCTAssertGreaterThanOrEqual(q, previous, "N_g/household \(units), q_L \(litres), N \(n)")
                    previous = q
                }
            }
        }
    }

    /// Without probability parameters the bundled defaults are used.
    func testProbabilityFallsBackToBundledDefaults() throws {
        let withDefaults = DemandModel.water(waterDemand(method: .probability, probability: try defaultProbability()))
        let without = DemandModel.water(waterDemand(method: .probability, probability: nil))
        for n in [1, 7, 192] { XCTAssertEqual(flow(n, without), flow(n, withDefaults), accuracy: 1e-12) }
    }
}

/// A small deterministic generator so random tests repeat exactly.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
