// SPDX-License-Identifier: GPL-3.0-or-later
//
// Definitions of the stated model that the planner, the checker and the test oracle all use.
// They are rules, not algorithms: a cost rounding rule and the requirement at a building.

extension Scenario {
    /// Cost of laying `pipe` along `segment`, fen: the per-metre price for the segment's surface times
    /// the length, rounded to the nearest fen (half away from zero). Nil if the pipe has no price for
    /// that surface. Reusing an existing pipe costs 0.
    public static func pipeCostFen(pricePerMetreFen: Fen, lengthMetres: Double) -> Fen {
        Fen((Double(pricePerMetreFen) * lengthMetres).rounded(.toNearestOrAwayFromZero))
    }

    /// Minimum at a building inlet: kPa gauge (gas) or m of pressure head above ground (water).
    public func requiredValue(for building: Building) -> Double {
        switch demand {
        case .gas(let g): return building.minPressureKilopascals ?? g.minPressureKilopascals
        case .water(let w): return building.minHeadMetres ?? w.serviceHead.minimumHeadMetres(floors: building.floors)
        }
    }

    /// Minimum at an explicit demand node, same units as `requiredValue(for:)`; nil if none is set.
    public func requiredValue(for demand: NodeDemand) -> Double? {
        switch utility {
        case .gas: return demand.minPressureKilopascals
        case .water: return demand.minHeadMetres
        }
    }

    /// Unit of building values: "kPa" or "m".
    public var valueUnit: String { utility == .gas ? "kPa" : "m" }
}

/// Tolerances of the stated model, shared by the planner, the checker and the test oracle, so that
/// all three agree on what "meets the requirement" means.
public enum ModelTolerance {
    /// A pressure (kPa) or pressure head (m) meets its minimum if value ≥ required − this.
    public static let requirement = 1e-7
    /// A flow meets a velocity or capacity limit if flow ≤ limit · (1 + this).
    public static let relativeFlow = 1e-9

    public static func meets(value: Double, required: Double) -> Bool { value >= required - requirement }
    public static func within(flow: Double, limit: Double) -> Bool { flow <= limit * (1 + relativeFlow) }
}
