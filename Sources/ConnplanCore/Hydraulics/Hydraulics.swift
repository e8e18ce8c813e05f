// SPDX-License-Identifier: GPL-3.0-or-later
// CONTRACT STUB — to be implemented (see helper brief). Signatures are fixed; bodies are not.

/// Gas flow in low-pressure distribution pipes.
public enum GasHydraulics {
    /// Reynolds number for a volumetric flow (m³/h) in a pipe of inner diameter (mm).
    public static func reynoldsNumber(
        flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double, kinematicViscositySquareMetresPerSecond: Double
    ) -> Double { fatalError("unimplemented") }

    /// Darcy friction factor λ.
    public static func darcyFrictionFactor(reynolds: Double, relativeRoughness: Double) -> Double { fatalError("unimplemented") }

    /// Friction pressure loss along a pipe, Pa (≥ 0; 0 at zero flow).
    public static func pressureLossPascals(
        flowCubicMetresPerHour: Double, lengthMetres: Double, innerDiameterMillimetres: Double,
        roughnessMillimetres: Double, gas: GasProperties, formula: GasLossFormula
    ) -> Double { fatalError("unimplemented") }

    /// Pressure gained by gas lighter than air rising `riseMetres` (negative rise loses), Pa.
    public static func elevationGainPascals(riseMetres: Double, gas: GasProperties) -> Double { fatalError("unimplemented") }
}

/// Water flow in pressurised pipes.
public enum WaterHydraulics {
    /// Hazen-Williams friction head loss, m (EPANET 2 manual, SI form).
    public static func headLossMetres(
        flowCubicMetresPerHour: Double, lengthMetres: Double, innerDiameterMillimetres: Double, hazenWilliamsC: Double
    ) -> Double { fatalError("unimplemented") }
}

public enum PipeFlow {
    /// Mean velocity, m/s.
    public static func velocityMetresPerSecond(flowCubicMetresPerHour: Double, innerDiameterMillimetres: Double) -> Double {
        fatalError("unimplemented")
    }
}

public enum DesignFlow {
    /// Design flow of `households` households, m³/h (0 for 0 households).
    public static func householdsFlowCubicMetresPerHour(households: Int, demand: DemandModel) -> Double {
        fatalError("unimplemented")
    }
}
