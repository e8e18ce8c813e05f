// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

// Every function here is a pure function of its arguments. The route optimiser's exactness
// proofs rely on these properties, which Tests/ConnplanCoreTests/HydraulicsMonotonicityTests.swift
// checks on grids (derivations in docs/background/hydraulics.md):
//   - every loss is ≥ 0, exactly 0 at zero flow, and continuous;
//   - nondecreasing in flow, nonincreasing in inner diameter;
//   - nondecreasing in roughness (gas) and nonincreasing in Hazen-Williams C (water);
//   - exactly linear in length: loss = length × (a factor that does not depend on length);
//   - design flow is 0 for 0 households and nondecreasing in households.
// Flows are taken as magnitudes (the sign of a flow is a direction, not a smaller flow).
// Out-of-domain inputs never trap: a length ≤ 0 gives 0, a negative roughness counts as
// smooth, and a diameter ≤ 0 (or C ≤ 0) carrying flow gives an infinite loss.

/// Physical constants (these, unlike standards figures, may live in code).
public enum PhysicalConstants {
    /// Standard acceleration of gravity, m/s² (exact by definition, 3rd CGPM 1901).
    public static let standardGravityMetresPerSecondSquared = 9.80665
}

/// Gas flow in low-pressure distribution pipes.
///
/// Gas is treated as incompressible at its reference-state density. This is the basis of the
/// low-pressure formula of GB 50028-2006 §6.2.5: low-pressure networks lose at most a few kPa
/// on about 101 kPa absolute, so the density changes by a few per cent at most.
public enum GasHydraulics {
    /// Upper end of the laminar regime: λ = 64/Re for Re ≤ 2000.
    public static let laminarReynoldsLimit = 2000.0
    /// Lower end of the turbulent regime: Colebrook-White for Re ≥ 4000.
    public static let turbulentReynoldsLimit = 4000.0

    /// Reynolds number for a volumetric flow (m³/h) in a pipe of inner diameter (mm).
    ///
    /// Re = v·D/ν = 4Q/(π·D·ν), Q in m³/s, D in m, ν in m²/s. Dimensionless, ≥ 0.
    /// Infinite when flow passes through a diameter ≤ 0 or a viscosity ≤ 0.
    public static func reynoldsNumber(
        flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double, kinematicViscositySquareMetresPerSecond: Double
    ) -> Double {
        let q = abs(flowCubicMetresPerHour) / 3600
        if q == 0 { return 0 }
        let d = innerDiameterMillimetres / 1000
        let nu = kinematicViscositySquareMetresPerSecond
        guard d > 0, nu > 0 else { return .infinity }
        return 4 * q / (Double.pi * d * nu)
    }

    /// Darcy friction factor λ (dimensionless) for a Reynolds number and relative roughness ε/D.
    ///
    /// - Re ≤ 2000: laminar, λ = 64/Re (Hagen-Poiseuille). Infinite at Re = 0.
    /// - Re ≥ 4000: Colebrook-White, 1/√λ = −2·log10(ε/(3.7·D) + 2.51/(Re·√λ)), solved by
    ///   Newton's method to a relative change below 1e-14 in 1/√λ.
    /// - 2000 < Re < 4000: linear in Re from 64/2000 to the Colebrook value at Re = 4000, so λ is
    ///   continuous in Re everywhere.
    /// A negative relative roughness counts as smooth (0).
    ///
    /// λ is nondecreasing in relative roughness. It is decreasing in Re in the laminar and
    /// turbulent regimes and increasing across the transition (as in the Moody chart); the
    /// friction loss λ·v² is nevertheless increasing in flow in all three regimes.
    public static func darcyFrictionFactor(reynolds: Double, relativeRoughness: Double) -> Double {
        if reynolds.isNaN || relativeRoughness.isNaN { return .nan }
        if reynolds <= 0 { return .infinity }
        let eps = max(relativeRoughness, 0)
        if reynolds <= laminarReynoldsLimit { return 64 / reynolds }
        if reynolds >= turbulentReynoldsLimit { return colebrookWhite(reynolds: reynolds, relativeRoughness: eps) }
        let low = 64 / laminarReynoldsLimit
        let high = colebrookWhite(reynolds: turbulentReynoldsLimit, relativeRoughness: eps)
        let t = (reynolds - laminarReynoldsLimit) / (turbulentReynoldsLimit - laminarReynoldsLimit)
        return low + t * (high - low)
    }

    /// Colebrook-White friction factor, solved for x = 1/√λ.
    ///
    /// f(x) = x + 2·log10(a + b·x) with a = ε/3.7, b = 2.51/Re is increasing and concave, so
    /// Newton's method from any start reaches the left of the root within one step and then
    /// climbs to it monotonically. The start is the Swamee-Jain approximation.
    static func colebrookWhite(reynolds re: Double, relativeRoughness eps: Double) -> Double {
        let a = eps / 3.7
        let b = re.isInfinite ? 0 : 2.51 / re
        if b == 0 {
            // Fully rough limit (Re → ∞): von Kármán's rough-pipe law; λ → 0 for a smooth pipe.
            return a > 0 ? pow(-2 * log10(a), -2) : 0
        }
        let ln10 = log(10.0)
        var x = -2 * log10(a + 5.74 / pow(re, 0.9))  // Swamee-Jain, 1/√λ
        if !(x > 0) { x = 1 }
        for _ in 0..<100 {
            var arg = a + b * x
            if arg <= 0 {  // cannot happen for x > 0; kept so the logarithm is always defined
                x = 1
                arg = a + b
            }
            let f = x + 2 * log10(arg)
            let fPrime = 1 + 2 * b / (arg * ln10)
            let step = f / fPrime
            x -= step
            if abs(step) <= 1e-14 * abs(x) { break }
        }
        return 1 / (x * x)
    }

    /// Friction pressure loss along a pipe, Pa (≥ 0; 0 at zero flow).
    ///
    /// - `.darcyWeisbach`: Δp = λ·(L/D)·ρ·v²/2 with v = Q/A and λ from `darcyFrictionFactor`
    ///   (GB 50028-2006 §6.2.5 gives the same equation in mixed units, with a temperature factor
    ///   T/T0 that is 1 at the reference state used here; flowing at 15 °C the loss is 5.5 % higher,
    ///   which is not modelled: see docs/background/hydraulics.md).
    /// - `.renouard`: Δp[mbar] = 23200·d·L[m]·Q[m³/h]^1.82·D[mm]^-4.82 (Renouard's low-pressure
    ///   formula, as given by Coelho & Pinho 2007, J. Braz. Soc. Mech. Sci. & Eng. 29(3)); valid
    ///   for Q/D < 150 (see `renouardIsInValidityRange`). Independent of roughness and viscosity.
    ///
    /// Units: flow m³/h at the gas's reference state, length m, inner diameter mm, roughness mm.
    public static func pressureLossPascals(
        flowCubicMetresPerHour: Double, lengthMetres: Double, innerDiameterMillimetres: Double,
        roughnessMillimetres: Double, gas: GasProperties, formula: GasLossFormula
    ) -> Double {
        let perMetre = pressureGradientPascalsPerMetre(
            flowCubicMetresPerHour: flowCubicMetresPerHour, innerDiameterMillimetres: innerDiameterMillimetres,
            roughnessMillimetres: roughnessMillimetres, gas: gas, formula: formula)
        guard lengthMetres > 0, perMetre > 0 else { return 0 }
        return lengthMetres * perMetre
    }

    /// Friction pressure loss per metre of pipe, Pa/m: `pressureLossPascals` for a length of 1 m.
    /// The loss of any length is exactly `length × gradient`.
    public static func pressureGradientPascalsPerMetre(
        flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double, roughnessMillimetres: Double,
        gas: GasProperties, formula: GasLossFormula
    ) -> Double {
        let qHour = abs(flowCubicMetresPerHour)
        if qHour == 0 { return 0 }
        guard innerDiameterMillimetres > 0 else { return .infinity }
        switch formula {
        case .darcyWeisbach:
            let d = innerDiameterMillimetres / 1000
            let v = PipeFlow.velocityMetresPerSecond(
                flowCubicMetresPerHour: qHour, innerDiameterMillimetres: innerDiameterMillimetres)
            let re = reynoldsNumber(
                flowCubicMetresPerHour: qHour, innerDiameterMillimetres: innerDiameterMillimetres,
                kinematicViscositySquareMetresPerSecond: gas.kinematicViscositySquareMetresPerSecond)
            let lambda = darcyFrictionFactor(
                reynolds: re, relativeRoughness: max(roughnessMillimetres, 0) / innerDiameterMillimetres)
            return lambda / d * gas.densityKilogramsPerCubicMetre * v * v / 2
        case .renouard:
            let millibar = renouardCoefficient * gas.relativeDensity * pow(qHour, 1.82)
                * pow(innerDiameterMillimetres, -4.82)
            return millibar * 100  // 1 mbar = 100 Pa
        }
    }

    /// Renouard's low-pressure coefficient (mbar, m, m³/h, mm).
    public static let renouardCoefficient = 23200.0

    /// Whether Renouard's formula is inside its stated range of validity, Q[m³/h]/D[mm] < 150.
    public static func renouardIsInValidityRange(flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double)
        -> Bool
    {
        innerDiameterMillimetres > 0 && abs(flowCubicMetresPerHour) / innerDiameterMillimetres < 150
    }

    /// Pressure gained by gas lighter than air rising `riseMetres` (negative rise loses), Pa.
    ///
    /// Δp = g·(ρ_air − ρ_gas)·Δz: GB 50028-2006's additional pressure ΔH = 9.8·(ρk − ρm)·h for
    /// low-pressure risers and sloping ground (clause 10.2.11 as we recall it; the domain model
    /// cites §6.2.8). Positive for natural gas going up, negative going down; heavier-than-air
    /// gas (LPG) loses going up. g is standard gravity, 9.80665 m/s².
    public static func elevationGainPascals(riseMetres: Double, gas: GasProperties) -> Double {
        PhysicalConstants.standardGravityMetresPerSecondSquared
            * (gas.airDensityKilogramsPerCubicMetre - gas.densityKilogramsPerCubicMetre) * riseMetres
    }
}

/// Water flow in pressurised pipes.
public enum WaterHydraulics {
    /// Hazen-Williams friction head loss, m (EPANET 2 manual, SI form).
    ///
    /// h = 10.667·C^-1.852·D^-4.871·L·Q^1.852 with Q in m³/s, D in m, L in m (EPANET 2 Users
    /// Manual, Table 3.1, whose US-customary constant 4.727 (ft, cfs) converts to 10.667 in SI).
    /// Units here: flow m³/h, length m, inner diameter mm; C dimensionless (about 130–150 for
    /// new plastic pipe, 100 for old cast iron).
    public static func headLossMetres(
        flowCubicMetresPerHour: Double, lengthMetres: Double, innerDiameterMillimetres: Double, hazenWilliamsC: Double
    ) -> Double {
        let perMetre = headGradientMetresPerMetre(
            flowCubicMetresPerHour: flowCubicMetresPerHour, innerDiameterMillimetres: innerDiameterMillimetres,
            hazenWilliamsC: hazenWilliamsC)
        guard lengthMetres > 0, perMetre > 0 else { return 0 }
        return lengthMetres * perMetre
    }

    /// Hazen-Williams head loss per metre of pipe (hydraulic gradient), m/m.
    /// The loss of any length is exactly `length × gradient`.
    public static func headGradientMetresPerMetre(
        flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double, hazenWilliamsC: Double
    ) -> Double {
        let q = abs(flowCubicMetresPerHour) / 3600
        if q == 0 { return 0 }
        guard innerDiameterMillimetres > 0, hazenWilliamsC > 0 else { return .infinity }
        let d = innerDiameterMillimetres / 1000
        return 10.667 * pow(hazenWilliamsC, -1.852) * pow(d, -4.871) * pow(q, 1.852)
    }
}

public enum PipeFlow {
    /// Mean velocity, m/s: v = Q/A with A = π·D²/4 (Q in m³/h converted to m³/s, D in mm).
    ///
    /// Nondecreasing in flow (as a magnitude), nonincreasing in diameter; 0 at zero flow and
    /// infinite when flow passes through a diameter ≤ 0.
    public static func velocityMetresPerSecond(flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double) -> Double {
        let q = abs(flowCubicMetresPerHour) / 3600
        if q == 0 { return 0 }
        guard innerDiameterMillimetres > 0 else { return .infinity }
        let d = innerDiameterMillimetres / 1000
        return q / (Double.pi * d * d / 4)
    }
}

public enum DesignFlow {
    /// Design flow of `households` households, m³/h (0 for 0 households).
    ///
    /// - Gas (GB 50028-2006 §10.2.9): Q = k(N)·N·q, q the household's rated load
    ///   (`GasDemand.householdLoadCubicMetresPerHour`), k from the simultaneity table. To keep Q
    ///   nondecreasing for any table a scenario may supply, k(N)·N is replaced by its running
    ///   maximum over 1…N (`SimultaneityTable.nondecreasingSimultaneousUnits`). For the bundled
    ///   GB 50028 tables the two agree for N = 1…5000 (tested).
    /// - Water, peak hour (GB 50015-2019 §3.2): Q = N·m·q_L/1000/24·K_h.
    /// - Water, probability method (GB 50015-2019 §3.7.4–3.7.5): see
    ///   `waterProbabilityFlowCubicMetresPerHour`. If the demand has no probability parameters,
    ///   the bundled defaults (`Standards.load()`) are used.
    /// Negative parameters count as 0, so the result is never negative.
    public static func householdsFlowCubicMetresPerHour(households: Int, demand: DemandModel) -> Double {
        guard households > 0 else { return 0 }
        switch demand {
        case let .gas(gas):
            let load = max(gas.householdLoadCubicMetresPerHour, 0)
            return gas.simultaneity.nondecreasingSimultaneousUnits(households: households) * load
        case let .water(water):
            switch water.method {
            case .peakHour:
                return waterPeakHourFlowCubicMetresPerHour(households: households, demand: water)
            case .probability:
                guard let parameters = water.probability ?? bundledProbabilityParameters else {
                    return waterPeakHourFlowCubicMetresPerHour(households: households, demand: water)
                }
                return waterProbabilityFlowCubicMetresPerHour(
                    households: households, demand: water, parameters: parameters)
            }
        }
    }

    /// Peak-hour water flow, m³/h: N · persons · L/(person·day) / 1000 / 24 h · K_h
    /// (GB 50015-2019 §3.2; dwellings are supplied 24 h a day). Linear in N.
    public static func waterPeakHourFlowCubicMetresPerHour(households: Int, demand: WaterDemand) -> Double {
        guard households > 0 else { return 0 }
        let perHousehold = max(demand.personsPerHousehold, 0) * max(demand.litresPerPersonPerDay, 0) / 1000 / 24
            * max(demand.peakFactor, 0)
        return Double(households) * perHousehold
    }

    /// Average probability of simultaneous use of a fixture unit, U0 in % (GB 50015-2019 §3.7.4):
    /// U0 = 100·q_L·m·K_h / (0.2·N_g·T·3600), with q_L in L/(person·day), m persons per household,
    /// N_g fixture units per household and T hours of use per day. 0 if N_g or T is not positive.
    public static func waterAverageUsePercent(demand: WaterDemand, parameters: WaterDemand.ProbabilityParameters)
        -> Double
    {
        let ng = parameters.fixtureUnitsPerHousehold
        let t = parameters.hoursPerDay
        guard ng > 0, t > 0 else { return 0 }
        let daily = max(demand.litresPerPersonPerDay, 0) * max(demand.personsPerHousehold, 0) * max(demand.peakFactor, 0)
        return 100 * daily / (0.2 * ng * t * 3600)
    }

    /// α_c for U0 (%), interpolated linearly in the table (GB 50015-2019 Table 3.7.5); outside the
    /// table the end value holds. 0 for an empty table.
    public static func alphaC(u0Percent: Double, table: [(u0Percent: Double, alpha: Double)]) -> Double {
        guard let first = table.first, let last = table.last else { return 0 }
        if u0Percent <= first.u0Percent { return first.alpha }
        if u0Percent >= last.u0Percent { return last.alpha }
        for (lo, hi) in zip(table, table.dropFirst()) where u0Percent <= hi.u0Percent {
            let t = (u0Percent - lo.u0Percent) / (hi.u0Percent - lo.u0Percent)
            return lo.alpha + t * (hi.alpha - lo.alpha)
        }
        return last.alpha
    }

    /// Design seconds flow by the probability method (GB 50015-2019 §3.7.4–3.7.5), in m³/h.
    ///
    /// With N_g = households × fixture units per household:
    ///   U  = 100·(1 + α_c·(N_g − 1)^0.49)/√N_g            (%; (N_g − 1) taken as ≥ 0)
    ///   q_g = 0.2·max(U, U0)·N_g/100                        (L/s), × 3.6 for m³/h.
    /// Taking max(U, U0) means the flow never drops below the maximum-hour flow
    /// (0.2·U0·N_g/100 L/s equals N·m·q_L·K_h/(T·3600)); GB 50015 uses the maximum-hour flow
    /// beyond the end of its flow table, which is where U falls to U0.
    ///
    /// Monotone in households without any correction: U·N_g = 100·(1 + α_c·(N_g − 1)^0.49)·√N_g
    /// is a product of two positive nondecreasing factors, U0·N_g is linear, and α_c depends on
    /// U0 only, which does not depend on the number of households.
    public static func waterProbabilityFlowCubicMetresPerHour(
        households: Int, demand: WaterDemand, parameters: WaterDemand.ProbabilityParameters
    ) -> Double {
        guard households > 0, parameters.fixtureUnitsPerHousehold > 0 else { return 0 }
        let ng = Double(households) * parameters.fixtureUnitsPerHousehold
        let u0 = waterAverageUsePercent(demand: demand, parameters: parameters)
        let alpha = max(alphaC(u0Percent: u0, table: parameters.alphaTable), 0)
        let u = 100 * (1 + alpha * pow(max(ng - 1, 0), 0.49)) / ng.squareRoot()
        let litresPerSecond = 0.2 * max(u, u0) * ng / 100
        return litresPerSecond * 3.6
    }

    private static var bundledProbabilityParameters: WaterDemand.ProbabilityParameters? {
        guard let data = try? Standards.load() else { return nil }
        return WaterDemand.ProbabilityParameters(
            fixtureUnitsPerHousehold: data.defaultFixtureUnitsPerHousehold, hoursPerDay: data.defaultHoursPerDay,
            alphaTable: data.probabilityAlphaTable)
    }
}
