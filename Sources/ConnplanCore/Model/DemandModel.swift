// SPDX-License-Identifier: GPL-3.0-or-later

/// How head loss is computed for gas pipes.
public enum GasLossFormula: String, Sendable, Codable, CaseIterable {
    /// Darcy-Weisbach with the Colebrook-White friction factor (GB 50028-2006 §6.2.5 gives the
    /// low-pressure form of the same equation).
    case darcyWeisbach = "darcy_weisbach"
    /// Renouard's simplified low-pressure formula.
    case renouard
}

/// Physical properties of the gas at working conditions (data, not constants).
public struct GasProperties: Sendable, Hashable {
    public var densityKilogramsPerCubicMetre: Double
    /// Relative density to air (Renouard's `d`).
    public var relativeDensity: Double
    public var kinematicViscositySquareMetresPerSecond: Double
    /// Density of air, for the additional-pressure (buoyancy) term of GB 50028-2006 (clause as recalled, §10.2.11; unverified).
    public var airDensityKilogramsPerCubicMetre: Double
    public init(
        densityKilogramsPerCubicMetre: Double, relativeDensity: Double,
        kinematicViscositySquareMetresPerSecond: Double, airDensityKilogramsPerCubicMetre: Double
    ) {
        self.densityKilogramsPerCubicMetre = densityKilogramsPerCubicMetre
        self.relativeDensity = relativeDensity
        self.kinematicViscositySquareMetresPerSecond = kinematicViscositySquareMetresPerSecond
        self.airDensityKilogramsPerCubicMetre = airDensityKilogramsPerCubicMetre
    }
}

/// A simultaneity-factor table k(N): households → factor, interpolated linearly between rows
/// (GB 50028-2006 §10.2.9 allows interpolation). Beyond the last row the last factor holds.
public struct SimultaneityTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var households: Int
        public var factor: Double
        public init(households: Int, factor: Double) {
            self.households = households
            self.factor = factor
        }
    }
    public var name: String
    /// Sorted by `households`, strictly increasing, first row at households ≥ 1.
    public var rows: [Row]
    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }

    /// k(N) for N ≥ 1 households; 0 for N ≤ 0.
    public func factor(households n: Int) -> Double {
        guard n > 0, let first = rows.first, let last = rows.last else { return 0 }
        if n <= first.households { return first.factor }
        if n >= last.households { return last.factor }
        var lo = first
        for row in rows.dropFirst() {
            if n <= row.households {
                let t = Double(n - lo.households) / Double(row.households - lo.households)
                return lo.factor + t * (row.factor - lo.factor)
            }
            lo = row
        }
        return last.factor
    }
}

/// Gas demand: every household has the same appliances (GB 50028-2006 §10.2.9: Q = Σ k·N·Qn).
public struct GasDemand: Sendable, Hashable {
    /// Rated load per appliance, m³/h (for example stove 0.8, water heater 2.0).
    public var applianceLoadsCubicMetresPerHour: [String: Double]
    public var simultaneity: SimultaneityTable
    /// Minimum gauge pressure at a building inlet, kPa.
    public var minPressureKilopascals: Double
    public var formula: GasLossFormula
    public var gas: GasProperties
    public init(
        applianceLoadsCubicMetresPerHour: [String: Double], simultaneity: SimultaneityTable,
        minPressureKilopascals: Double, formula: GasLossFormula, gas: GasProperties
    ) {
        self.applianceLoadsCubicMetresPerHour = applianceLoadsCubicMetresPerHour
        self.simultaneity = simultaneity
        self.minPressureKilopascals = minPressureKilopascals
        self.formula = formula
        self.gas = gas
    }
    /// Rated load of one household, m³/h.
    public var householdLoadCubicMetresPerHour: Double {
        applianceLoadsCubicMetresPerHour.values.reduce(0, +)
    }
}

/// Minimum service head by storeys: 10 m for one storey, 12 m for two, +4 m per further storey
/// (GB 50013-2006 §3.0.9 as recalled, also quoted in GB 50282; 28 m for six storeys; clause unverified). All three figures are data.
public struct ServiceHeadRule: Sendable, Hashable {
    public var firstFloorMetres: Double
    public var secondFloorMetres: Double
    public var perExtraFloorMetres: Double
    public init(firstFloorMetres: Double, secondFloorMetres: Double, perExtraFloorMetres: Double) {
        self.firstFloorMetres = firstFloorMetres
        self.secondFloorMetres = secondFloorMetres
        self.perExtraFloorMetres = perExtraFloorMetres
    }
    public func minimumHeadMetres(floors: Int) -> Double {
        if floors <= 1 { return firstFloorMetres }
        return secondFloorMetres + Double(floors - 2) * perExtraFloorMetres
    }
}

/// Water demand per household.
public struct WaterDemand: Sendable, Hashable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Peak-hour flow: N · persons · q / 24 h · K_h (GB 50015-2019 §3.2).
        case peakHour = "peak_hour"
        /// Design seconds flow by the probability method (GB 50015-2019 §3.7.4–3.7.5).
        case probability
    }
    public struct ProbabilityParameters: Sendable, Hashable {
        /// Fixture-unit equivalents (当量) per household, N_g.
        public var fixtureUnitsPerHousehold: Double
        /// Hours of use per day, T.
        public var hoursPerDay: Double
        /// α_c by U0 (%) table, sorted by U0 (GB 50015-2019 Appendix C / Table 3.7.5).
        public var alphaTable: [(u0Percent: Double, alpha: Double)]
        public init(fixtureUnitsPerHousehold: Double, hoursPerDay: Double, alphaTable: [(u0Percent: Double, alpha: Double)]) {
            self.fixtureUnitsPerHousehold = fixtureUnitsPerHousehold
            self.hoursPerDay = hoursPerDay
            self.alphaTable = alphaTable
        }
        public static func == (a: Self, b: Self) -> Bool {
            a.fixtureUnitsPerHousehold == b.fixtureUnitsPerHousehold && a.hoursPerDay == b.hoursPerDay
                && a.alphaTable.map(\.u0Percent) == b.alphaTable.map(\.u0Percent)
                && a.alphaTable.map(\.alpha) == b.alphaTable.map(\.alpha)
        }
        public func hash(into h: inout Hasher) {
            h.combine(fixtureUnitsPerHousehold)
            h.combine(hoursPerDay)
        }
    }
    public var personsPerHousehold: Double
    public var litresPerPersonPerDay: Double
    /// Peak-hour factor K_h (2.3–2.8 for dwellings, GB 50015-2019 Table 3.2.1).
    public var peakFactor: Double
    public var method: Method
    public var probability: ProbabilityParameters?
    public var serviceHead: ServiceHeadRule
    public init(
        personsPerHousehold: Double, litresPerPersonPerDay: Double, peakFactor: Double, method: Method = .peakHour,
        probability: ProbabilityParameters? = nil, serviceHead: ServiceHeadRule
    ) {
        self.personsPerHousehold = personsPerHousehold
        self.litresPerPersonPerDay = litresPerPersonPerDay
        self.peakFactor = peakFactor
        self.method = method
        self.probability = probability
        self.serviceHead = serviceHead
    }
}

public enum DemandModel: Sendable, Hashable {
    case gas(GasDemand)
    case water(WaterDemand)
}
