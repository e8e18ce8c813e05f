// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

@testable import ConnplanCore

/// The properties the optimiser's exactness proofs rely on, checked exhaustively on grids:
/// every loss is ≥ 0, 0 at zero flow, continuous, nondecreasing in flow, nonincreasing in inner
/// diameter, nondecreasing in roughness (gas) / nonincreasing in C (water), exactly linear in length.
///
/// Monotonicity is exact in real arithmetic; in floating point, two inputs a few ulps apart can give
/// losses that differ by rounding in the wrong direction (seen: 2e-16 relative). Comparisons
/// therefore allow `slack` = 1e-13 relative, far below any tolerance an optimiser uses and far
/// above rounding, so a real violation would still show.
final class HydraulicsMonotonicityTests: XCTestCase {
    let gases = [
        GasProperties(
            densityKilogramsPerCubicMetre: 0.75, relativeDensity: 0.58,
            kinematicViscositySquareMetresPerSecond: 1.43e-5, airDensityKilogramsPerCubicMetre: 1.293),
        // LPG vapour: heavier and less viscous per unit mass.
        GasProperties(
            densityKilogramsPerCubicMetre: 2.35, relativeDensity: 1.82,
            kinematicViscositySquareMetresPerSecond: 3.5e-6, airDensityKilogramsPerCubicMetre: 1.293),
    ]
    let diameters: [Double] = [8, 10, 15, 20, 26, 32, 40, 50, 63, 75, 80, 90, 100, 110, 150, 200, 300, 500]
    let roughnesses: [Double] = [0, 0.0015, 0.007, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 3]
    let hazenWilliamsCs: [Double] = [40, 60, 80, 100, 110, 120, 130, 140, 150]
    let slack = 1e-13

    /// `later` is not below `earlier` beyond rounding.
    func notBelow(_ later: Double, _ earlier: Double) -> Bool { later >= earlier * (1 - slack) }
    /// `later` is not above `earlier` beyond rounding.
    func notAbove(_ later: Double, _ earlier: Double) -> Bool { later <= earlier * (1 + slack) }

    /// A wide sweep of flows plus a dense sweep through the laminar/transition/turbulent boundaries
    /// of every diameter, so each regime change is crossed between neighbouring grid points.
    func flows(gas: GasProperties) -> [Double] {
        var q: [Double] = [0, 1e-9, 1e-6, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.5, 0.8, 1, 1.6, 2, 2.8, 3, 5, 8, 10, 15, 20, 30]
        q += [50, 80, 100, 150, 200, 300, 500, 800, 1000, 2000, 5000, 1e4, 1e5]
        for d in diameters {
            // Q at Reynolds number Re: Q = Re·π·D·ν/4 (m³/s) × 3600.
            let perRe = Double.pi * d / 1000 * gas.kinematicViscositySquareMetresPerSecond / 4 * 3600
            for re in stride(from: 1500.0, through: 4600, by: 50) { q.append(re * perRe) }
            for re in [1999.999, 2000, 2000.001, 3999.999, 4000, 4000.001] { q.append(re * perRe) }
        }
        return Array(Set(q)).sorted()
    }

    func gasLoss(_ q: Double, _ l: Double, _ d: Double, _ e: Double, _ g: GasProperties, _ f: GasLossFormula) -> Double {
        GasHydraulics.pressureLossPascals(
            flowCubicMetresPerHour: q, lengthMetres: l, innerDiameterMillimetres: d, roughnessMillimetres: e, gas: g,
            formula: f)
    }

    func testGasLossIsNonnegativeAndZeroAtZeroFlow() {
        for f in GasLossFormula.allCases {
            for g in gases {
                for d in diameters {
                    for e in roughnesses {
                        XCTAssertEqual(gasLoss(0, 100, d, e, g, f), 0)
                        for q in flows(gas: g) { XCTAssertGreaterThanOrEqual(gasLoss(q, 100, d, e, g, f), 0) }
                    }
                }
            }
        }
    }

    func testGasLossIsNondecreasingInFlow() {
        var compared = 0
        for f in GasLossFormula.allCases {
            for g in gases {
                let qs = flows(gas: g)
                for d in diameters {
                    for e in roughnesses {
                        var previous = 0.0
                        for q in qs {
                            let dp = gasLoss(q, 1, d, e, g, f)
                            XCTAssertTrue(notBelow(dp, previous), "\(f) Q \(q) D \(d) ε \(e): \(dp) < \(previous)")
                            previous = dp
                            compared += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 100_000)
    }

    func testGasLossIsNonincreasingInDiameter() {
        let dense = stride(from: 5.0, through: 600, by: 0.75).map { $0 }
        for f in GasLossFormula.allCases {
            for g in gases {
                // Every other flow of the sweep still crosses each regime boundary of each diameter.
                let qs = flows(gas: g).filter { $0 > 0 }.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                for q in qs {
                    for e in roughnesses {
                        var previous = Double.infinity
                        for d in dense {
                            let dp = gasLoss(q, 1, d, e, g, f)
                            XCTAssertTrue(notAbove(dp, previous), "\(f) Q \(q) D \(d) ε \(e): \(dp) > \(previous)")
                            previous = dp
                        }
                    }
                }
            }
        }
    }

    func testGasLossIsNondecreasingInRoughness() {
        let dense = [0.0] + stride(from: -7.0, through: 1, by: 0.05).map { pow(10, $0) }
        for f in GasLossFormula.allCases {
            for g in gases {
                for q in flows(gas: g) {
                    for d in diameters {
                        var previous = 0.0
                        for e in dense {
                            let dp = gasLoss(q, 1, d, e, g, f)
                            XCTAssertTrue(notBelow(dp, previous), "\(f) Q \(q) D \(d) ε \(e): \(dp) < \(previous)")
                            previous = dp
                        }
                    }
                }
            }
        }
    }

    func testGasLossIsExactlyLinearInLength() {
        for f in GasLossFormula.allCases {
            for g in gases {
                for q in flows(gas: g) {
                    for d in [15.0, 50, 110] {
                        let perMetre = gasLoss(q, 1, d, 0.01, g, f)
                        XCTAssertEqual(gasLoss(q, 0, d, 0.01, g, f), 0)
                        for l in [0.5, 3, 7.25, 100, 1234.5] {
                            let dp = gasLoss(q, l, d, 0.01, g, f)
                            XCTAssertEqual(dp, l * perMetre, accuracy: 1e-15 * dp)
                            XCTAssertEqual(gasLoss(q, 2 * l, d, 0.01, g, f), 2 * dp)  // doubling is exact in binary
                        }
                    }
                }
            }
        }
    }

    /// Continuity in flow: a relative step of 1e-9 in Q moves the loss by a relative 1e-7 at most,
    /// including at the regime boundaries Re = 2000 and 4000 (where λ is continuous by construction).
    func testGasLossIsContinuousInFlow() {
        for f in GasLossFormula.allCases {
            for g in gases {
                for q in flows(gas: g).filter({ $0 > 0 }) {
                    for d in [10.0, 32, 100] {
                        for e in [0.0, 0.01, 1] {
                            let a = gasLoss(q, 1, d, e, g, f)
                            let b = gasLoss(q * (1 + 1e-9), 1, d, e, g, f)
                            XCTAssertEqual(b, a, accuracy: 1e-7 * a + 1e-300, "\(f) Q \(q) D \(d) ε \(e)")
                        }
                    }
                }
            }
        }
    }

    /// Negative flow is a direction: its loss is that of the same flow forwards.
    func testNegativeFlowIsAMagnitude() {
        let g = gases[0]
        XCTAssertEqual(gasLoss(-5, 10, 32, 0.01, g, .darcyWeisbach), gasLoss(5, 10, 32, 0.01, g, .darcyWeisbach))
        XCTAssertEqual(
            WaterHydraulics.headLossMetres(flowCubicMetresPerHour: -5, lengthMetres: 10, innerDiameterMillimetres: 32, hazenWilliamsC: 130),
            WaterHydraulics.headLossMetres(flowCubicMetresPerHour: 5, lengthMetres: 10, innerDiameterMillimetres: 32, hazenWilliamsC: 130))
    }

    // MARK: Water

    func waterLoss(_ q: Double, _ l: Double, _ d: Double, _ c: Double) -> Double {
        WaterHydraulics.headLossMetres(
            flowCubicMetresPerHour: q, lengthMetres: l, innerDiameterMillimetres: d, hazenWilliamsC: c)
    }

    func testWaterLossProperties() {
        let qs = flows(gas: gases[0])
        for c in hazenWilliamsCs {
            for d in diameters {
                XCTAssertEqual(waterLoss(0, 100, d, c), 0)
                var previous = 0.0
                for q in qs {
                    let h = waterLoss(q, 1, d, c)
                    XCTAssertTrue(notBelow(h, previous), "nondecreasing in flow: Q \(q) D \(d) C \(c)")
                    previous = h
                    let l = 37.5
                    XCTAssertEqual(waterLoss(q, l, d, c), l * h, accuracy: 1e-15 * l * h, "linear in length")
                    XCTAssertEqual(waterLoss(q, 2 * l, d, c), 2 * waterLoss(q, l, d, c))
                    let up = waterLoss(q * (1 + 1e-9), 1, d, c)
                    XCTAssertEqual(up, h, accuracy: 1e-7 * h, "continuous")
                }
            }
        }
        for q in qs {
            for c in hazenWilliamsCs {
                var previous = Double.infinity
                for d in stride(from: 5.0, through: 600, by: 0.5) {
                    let h = waterLoss(q, 1, d, c)
                    XCTAssertTrue(notAbove(h, previous), "nonincreasing in diameter: Q \(q) D \(d) C \(c)")
                    previous = h
                }
            }
            for d in diameters {
                var previous = Double.infinity
                for c in stride(from: 20.0, through: 160, by: 0.5) {
                    let h = waterLoss(q, 1, d, c)
                    XCTAssertTrue(notAbove(h, previous), "nonincreasing in C: Q \(q) D \(d) C \(c)")
                    previous = h
                }
            }
        }
    }

    func testVelocityIsMonotone() {
        for d in diameters {
            var previous = 0.0
            for q in flows(gas: gases[0]) {
                let v = PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: q, innerDiameterMillimetres: d)
                XCTAssertTrue(notBelow(v, previous))
                previous = v
            }
        }
        for q in [0.1, 1, 10, 100] {
            var previous = Double.infinity
            for d in diameters {
                let v = PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: q, innerDiameterMillimetres: d)
                XCTAssertTrue(notAbove(v, previous))
                previous = v
            }
        }
    }

    /// Out-of-domain inputs keep the properties instead of trapping.
    func testDegenerateInputs() {
        let g = gases[0]
        XCTAssertEqual(gasLoss(1, -5, 32, 0.01, g, .darcyWeisbach), 0, "negative length")
        XCTAssertEqual(gasLoss(1, 10, 32, -1, g, .darcyWeisbach), gasLoss(1, 10, 32, 0, g, .darcyWeisbach), "negative roughness is smooth")
        XCTAssertEqual(gasLoss(1, 10, 0, 0.01, g, .darcyWeisbach), .infinity, "no bore")
        XCTAssertEqual(gasLoss(0, 10, 0, 0.01, g, .darcyWeisbach), 0)
        XCTAssertEqual(waterLoss(1, 10, 32, 0), .infinity)
        XCTAssertEqual(waterLoss(1, 0, 0, 0), 0)
    }
}
