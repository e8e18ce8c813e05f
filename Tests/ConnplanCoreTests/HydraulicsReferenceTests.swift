// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import XCTest

@testable import ConnplanCore

/// Hydraulic formulas against independent references: the implicit Colebrook equation itself,
/// explicit approximations (Haaland, von Kármán), Hagen-Poiseuille, a second Hazen-Williams form,
/// and hand computations whose arithmetic is written out in the comments.
final class HydraulicsReferenceTests: XCTestCase {
    /// Typical natural gas at the reference state (the bundled defaults, written out).
    let gas = GasProperties(
        densityKilogramsPerCubicMetre: 0.75, relativeDensity: 0.58,
        kinematicViscositySquareMetresPerSecond: 1.43e-5, airDensityKilogramsPerCubicMetre: 1.293)

    private func assertRelative(
        _ actual: Double, _ expected: Double, _ tolerance: Double, _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual, expected, accuracy: abs(expected) * tolerance, message, file: file, line: line)
    }

    // MARK: Friction factor

    /// The solver's λ satisfies 1/√λ = −2·log10(ε/3.7 + 2.51/(Re·√λ)) to ~1e-12.
    func testColebrookSatisfiesItsOwnEquation() {
        for re in [4000.0, 6000, 1e4, 3e4, 1e5, 5e5, 1e6, 1e7, 1e8] {
            for eps in [0.0, 1e-6, 1e-5, 1e-4, 1e-3, 0.005, 0.01, 0.05] {
                let lambda = GasHydraulics.darcyFrictionFactor(reynolds: re, relativeRoughness: eps)
                let x = 1 / lambda.squareRoot()
                let residual = x + 2 * log10(eps / 3.7 + 2.51 / (re * lambda.squareRoot()))
                XCTAssertLessThan(abs(residual), 1e-12 * x, "Re \(re), ε/D \(eps)")
            }
        }
    }

    /// Haaland (1983): 1/√λ = −1.8·log10((ε/3.7)^1.11 + 6.9/Re), within about 1.5 % of Colebrook.
    func testColebrookAgreesWithHaaland() {
        for re in [4000.0, 1e4, 1e5, 1e6, 1e7, 1e8] {
            for eps in [0.0, 1e-5, 1e-4, 1e-3, 0.01, 0.05] {
                let haaland = pow(-1.8 * log10(pow(eps / 3.7, 1.11) + 6.9 / re), -2)
                let lambda = GasHydraulics.darcyFrictionFactor(reynolds: re, relativeRoughness: eps)
                assertRelative(lambda, haaland, 0.02, "Re \(re), ε/D \(eps)")
            }
        }
    }

    /// Moody-chart readings: ε/D = 1e-4, Re = 1e5 → λ ≈ 0.0185; smooth pipe, Re = 1e5 → λ ≈ 0.018.
    func testColebrookMatchesMoodyChartReadings() {
        assertRelative(GasHydraulics.darcyFrictionFactor(reynolds: 1e5, relativeRoughness: 1e-4), 0.0185, 0.01)
        assertRelative(GasHydraulics.darcyFrictionFactor(reynolds: 1e5, relativeRoughness: 0), 0.0180, 0.01)
    }

    /// At very high Re Colebrook tends to von Kármán's rough-pipe law 1/√λ = 2·log10(3.7/(ε/D)).
    func testColebrookTendsToTheFullyRoughLaw() {
        for eps in [1e-3, 0.01, 0.05] {
            let rough = pow(2 * log10(3.7 / eps), -2)
            assertRelative(GasHydraulics.darcyFrictionFactor(reynolds: 1e12, relativeRoughness: eps), rough, 1e-4)
            assertRelative(GasHydraulics.darcyFrictionFactor(reynolds: .infinity, relativeRoughness: eps), rough, 1e-12)
        }
    }

    func testLaminarAndTransitionRegimes() {
        XCTAssertEqual(GasHydraulics.darcyFrictionFactor(reynolds: 1000, relativeRoughness: 0.01), 0.064, accuracy: 1e-15)
        XCTAssertEqual(GasHydraulics.darcyFrictionFactor(reynolds: 2000, relativeRoughness: 0.01), 0.032, accuracy: 1e-15)
        for eps in [0.0, 1e-4, 0.01] {
            let at4000 = GasHydraulics.darcyFrictionFactor(reynolds: 4000, relativeRoughness: eps)
            let mid = GasHydraulics.darcyFrictionFactor(reynolds: 3000, relativeRoughness: eps)
            XCTAssertEqual(mid, (0.032 + at4000) / 2, accuracy: 1e-15, "linear in Re across the transition")
            // Continuous at both ends of the transition.
            for boundary in [2000.0, 4000.0] {
                let below = GasHydraulics.darcyFrictionFactor(reynolds: boundary * (1 - 1e-10), relativeRoughness: eps)
                let above = GasHydraulics.darcyFrictionFactor(reynolds: boundary * (1 + 1e-10), relativeRoughness: eps)
                XCTAssertEqual(below, above, accuracy: 1e-9, "continuous at Re \(boundary), ε/D \(eps)")
            }
        }
        XCTAssertEqual(GasHydraulics.darcyFrictionFactor(reynolds: 0, relativeRoughness: 0), .infinity)
    }

    // MARK: Flow kinematics

    /// 36 m³/h = 0.01 m³/s through DN100 (A = π·0.1²/4 = 7.853982e-3 m²): v = 1.273240 m/s.
    func testVelocity() {
        assertRelative(PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: 36, innerDiameterMillimetres: 100), 1.273240, 1e-6)
        XCTAssertEqual(PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: 0, innerDiameterMillimetres: 100), 0)
        XCTAssertEqual(PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: 1, innerDiameterMillimetres: 0), .infinity)
    }

    /// 10 m³/h in 50 mm: v = 2.777778e-3 / 1.963495e-3 = 1.414711 m/s; Re = 1.414711·0.05/1.43e-5 = 4946.54.
    func testReynoldsNumber() {
        let re = GasHydraulics.reynoldsNumber(
            flowCubicMetresPerHour: 10, innerDiameterMillimetres: 50, kinematicViscositySquareMetresPerSecond: 1.43e-5)
        assertRelative(re, 4946.54, 1e-5)
        XCTAssertEqual(
            GasHydraulics.reynoldsNumber(
                flowCubicMetresPerHour: 0, innerDiameterMillimetres: 50, kinematicViscositySquareMetresPerSecond: 1.43e-5), 0)
    }

    // MARK: Gas pressure loss

    /// Laminar flow obeys Hagen-Poiseuille, Δp = 32·μ·L·v/D² (a different formula for the same physics).
    /// 0.1 m³/h in 50 mm: v = 0.01414711 m/s, Re = 49.5; μ = ρ·ν = 1.0725e-5 Pa·s;
    /// Δp = 32 · 1.0725e-5 · 100 · 0.01414711 / 0.0025 = 0.194211 Pa over 100 m.
    func testLaminarDarcyEqualsHagenPoiseuille() {
        let dp = GasHydraulics.pressureLossPascals(
            flowCubicMetresPerHour: 0.1, lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.5,
            gas: gas, formula: .darcyWeisbach)
        assertRelative(dp, 0.194211, 1e-5)
    }

    /// 10 m³/h, DN50 (50 mm), 100 m, ε = 0.01 mm: v = 1.414711 m/s, Re = 4946.5, ε/D = 2e-4.
    /// Haaland: λ = [−1.8·log10((2e-4/3.7)^1.11 + 6.9/4946.5)]^-2 = 0.03800 (computed below).
    /// Δp = λ · (100/0.05) · 0.75 · 1.414711² / 2 = λ · 1501.05 Pa ≈ 57.0 Pa (Haaland); Colebrook gives ≈ 56.6 Pa.
    func testTurbulentDarcyAgainstHandComputation() {
        let v = 10.0 / 3600 / (Double.pi * 0.05 * 0.05 / 4)
        XCTAssertEqual(v, 1.414711, accuracy: 1e-6)
        let re = v * 0.05 / 1.43e-5
        let haaland = pow(-1.8 * log10(pow(2e-4 / 3.7, 1.11) + 6.9 / re), -2)
        let expected = haaland * (100 / 0.05) * 0.75 * v * v / 2
        let dp = GasHydraulics.pressureLossPascals(
            flowCubicMetresPerHour: 10, lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.01,
            gas: gas, formula: .darcyWeisbach)
        assertRelative(dp, expected, 0.02)
        XCTAssertEqual(dp, 57.0, accuracy: 1.2)
    }

    /// Renouard: Δp = 23200 · 0.58 · 100 · 10^1.82 · 50^-4.82 mbar
    ///   = 23200 · 0.58 · 100 · 66.0693 / 1.54538e8 = 0.57528 mbar = 57.53 Pa.
    func testRenouardAgainstHandComputation() {
        let dp = GasHydraulics.pressureLossPascals(
            flowCubicMetresPerHour: 10, lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.01,
            gas: gas, formula: .renouard)
        assertRelative(dp, 57.528, 1e-4)
        XCTAssertTrue(GasHydraulics.renouardIsInValidityRange(flowCubicMetresPerHour: 10, innerDiameterMillimetres: 50))
        XCTAssertFalse(GasHydraulics.renouardIsInValidityRange(flowCubicMetresPerHour: 8000, innerDiameterMillimetres: 50))
    }

    /// In its validity range (Q/D < 150, turbulent flow) Renouard stays within 20 % of
    /// Darcy-Weisbach + Colebrook for smooth PE pipe (ε = 0.01 mm) of compound sizes. It runs high
    /// (conservative) for most of the range; outside it (laminar or transitional flow, or
    /// Re > 1e5 in large pipes) the two part further, as the docs explain.
    func testRenouardAgreesWithDarcyWeisbachInItsValidityRange() {
        var checked = 0
        for d in [20.0, 26, 32, 40, 50, 63, 80, 90, 100, 110] {
            for q in [0.5, 1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 80, 100, 150, 200] {
                let re = GasHydraulics.reynoldsNumber(
                    flowCubicMetresPerHour: q, innerDiameterMillimetres: d,
                    kinematicViscositySquareMetresPerSecond: gas.kinematicViscositySquareMetresPerSecond)
                guard re >= 4000, re <= 1e5,
                    GasHydraulics.renouardIsInValidityRange(flowCubicMetresPerHour: q, innerDiameterMillimetres: d)
                else { continue }
                let darcy = GasHydraulics.pressureLossPascals(
                    flowCubicMetresPerHour: q, lengthMetres: 50, innerDiameterMillimetres: d, roughnessMillimetres: 0.01,
                    gas: gas, formula: .darcyWeisbach)
                let renouard = GasHydraulics.pressureLossPascals(
                    flowCubicMetresPerHour: q, lengthMetres: 50, innerDiameterMillimetres: d, roughnessMillimetres: 0.01,
                    gas: gas, formula: .renouard)
                XCTAssertEqual(renouard / darcy, 1, accuracy: 0.20, "Q \(q) m³/h, D \(d) mm, Re \(re)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 60)
    }

    // MARK: Elevation

    /// 15 m riser (five storeys): Δp = 9.80665 · (1.293 − 0.75) · 15 = 79.875 Pa gained going up.
    func testElevationGain() {
        assertRelative(GasHydraulics.elevationGainPascals(riseMetres: 15, gas: gas), 79.875, 1e-5)
        assertRelative(GasHydraulics.elevationGainPascals(riseMetres: -15, gas: gas), -79.875, 1e-5)
        XCTAssertEqual(GasHydraulics.elevationGainPascals(riseMetres: 0, gas: gas), 0)
        // LPG vapour (ρ ≈ 2.0 kg/m³) is heavier than air and loses pressure going up.
        var lpg = gas
        lpg.densityKilogramsPerCubicMetre = 2.0
        XCTAssertLessThan(GasHydraulics.elevationGainPascals(riseMetres: 10, gas: lpg), 0)
    }

    // MARK: Water

    /// EPANET 2 SI form, 36 m³/h (0.01 m³/s), DN100 (0.1 m), 1000 m, C = 130:
    /// h = 10.667 · 130^-1.852 · 0.1^-4.871 · 1000 · 0.01^1.852
    ///   = 10.667 · 1.21612e-4 · 74301.9 · 1000 · 1.97697e-4 = 19.055 m.
    func testHazenWilliamsAgainstHandComputation() {
        let h = WaterHydraulics.headLossMetres(
            flowCubicMetresPerHour: 36, lengthMetres: 1000, innerDiameterMillimetres: 100, hazenWilliamsC: 130)
        assertRelative(h, 19.055, 1e-4)
    }

    /// EPANET's documented US-customary form, h[ft] = 4.727·C^-1.852·d[ft]^-4.871·L[ft]·Q[cfs]^1.852,
    /// evaluated in feet and cubic feet per second and converted back, gives the same loss: the SI
    /// constant 10.667 is that 4.727 carried through the unit conversion (to about 1e-4).
    func testHazenWilliamsAgreesWithEPANETsUSCustomaryForm() {
        let foot = 0.3048
        let cubicFoot = pow(foot, 3)
        for (q, d, c, l) in [(36.0, 100.0, 130.0, 1000.0), (5, 50, 140, 80), (120, 150, 100, 400), (1, 20, 150, 12)] {
            let qCfs = q / 3600 / cubicFoot
            let dFeet = d / 1000 / foot
            let lFeet = l / foot
            let hFeet = 4.727 * pow(c, -1.852) * pow(dFeet, -4.871) * lFeet * pow(qCfs, 1.852)
            let h = WaterHydraulics.headLossMetres(
                flowCubicMetresPerHour: q, lengthMetres: l, innerDiameterMillimetres: d, hazenWilliamsC: c)
            assertRelative(h, hFeet * foot, 2e-4, "Q \(q), D \(d), C \(c)")
        }
    }

    /// The textbook SI form V = 0.849·C·R^0.63·S^0.54 (R = D/4) has slightly different rounding of
    /// the constants; it must agree with EPANET's form to well under 1 %.
    func testHazenWilliamsAgreesWithTheVelocityForm() {
        for (q, d, c) in [(36.0, 100.0, 130.0), (5, 50, 140), (120, 150, 100), (1, 20, 150)] {
            let area = Double.pi * pow(d / 1000, 2) / 4
            let radius = d / 1000 / 4
            let slope = pow(q / 3600 / (0.849 * c * area * pow(radius, 0.63)), 1 / 0.54)
            let h = WaterHydraulics.headLossMetres(
                flowCubicMetresPerHour: q, lengthMetres: 250, innerDiameterMillimetres: d, hazenWilliamsC: c)
            assertRelative(h, slope * 250, 0.005, "Q \(q), D \(d), C \(c)")
        }
    }
}
