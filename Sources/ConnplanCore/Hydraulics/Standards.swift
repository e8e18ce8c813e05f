// SPDX-License-Identifier: GPL-3.0-or-later
// CONTRACT STUB — to be implemented from YAML resources in Sources/ConnplanCore/Standards/.

/// Default tables and figures shipped as data (Sources/ConnplanCore/Standards/*.yaml), each citing its standard.
public struct StandardsData: Sendable {
    /// Simultaneity tables by name, e.g. "gb50028-stove", "gb50028-stove-water-heater".
    public var simultaneityTables: [String: SimultaneityTable]
    public var defaultGas: GasProperties
    public var defaultGasMinPressureKilopascals: Double
    public var defaultGasFormula: GasLossFormula
    public var defaultServiceHead: ServiceHeadRule
    public var defaultPersonsPerHousehold: Double
    public var defaultLitresPerPersonPerDay: Double
    public var defaultPeakFactor: Double
    public var defaultFixtureUnitsPerHousehold: Double
    public var defaultHoursPerDay: Double
    public var probabilityAlphaTable: [(u0Percent: Double, alpha: Double)]
    public init(
        simultaneityTables: [String: SimultaneityTable], defaultGas: GasProperties,
        defaultGasMinPressureKilopascals: Double, defaultGasFormula: GasLossFormula, defaultServiceHead: ServiceHeadRule,
        defaultPersonsPerHousehold: Double, defaultLitresPerPersonPerDay: Double, defaultPeakFactor: Double,
        defaultFixtureUnitsPerHousehold: Double, defaultHoursPerDay: Double,
        probabilityAlphaTable: [(u0Percent: Double, alpha: Double)]
    ) {
        self.simultaneityTables = simultaneityTables
        self.defaultGas = defaultGas
        self.defaultGasMinPressureKilopascals = defaultGasMinPressureKilopascals
        self.defaultGasFormula = defaultGasFormula
        self.defaultServiceHead = defaultServiceHead
        self.defaultPersonsPerHousehold = defaultPersonsPerHousehold
        self.defaultLitresPerPersonPerDay = defaultLitresPerPersonPerDay
        self.defaultPeakFactor = defaultPeakFactor
        self.defaultFixtureUnitsPerHousehold = defaultFixtureUnitsPerHousehold
        self.defaultHoursPerDay = defaultHoursPerDay
        self.probabilityAlphaTable = probabilityAlphaTable
    }
}

public enum Standards {
    /// The bundled standards data. Throws `ScenarioError.unreadable` if the resource bundle is damaged.
    public static func load() throws -> StandardsData { fatalError("unimplemented") }
}
