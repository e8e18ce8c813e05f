// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

/// Default tables and figures shipped as data (Sources/ConnplanCore/Standards/*.yaml), each citing its standard.
///
/// Every value is a default that scenario data may override. Which values were verified against
/// their source is recorded in the YAML files and in docs/background/hydraulics.md.
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
    /// The YAML files that make up the standards data, in the order they are read.
    public static let fileNames = [
        "gb50028-simultaneity.yaml",
        "natural-gas-defaults.yaml",
        "gb50015-water-defaults.yaml",
    ]

    /// The bundled standards data. Throws `ScenarioError.unreadable` if the resource bundle is damaged.
    ///
    /// The bundle is read once per process; later calls return the same value (or the same error).
    public static func load() throws -> StandardsData {
        try bundled.get()
    }

    /// Reads the standards data from `directory`, which must hold every file in `fileNames`.
    ///
    /// Throws `ScenarioError.unreadable` when a file is missing or is not YAML, and
    /// `ScenarioError.invalid` listing every problem found in a file (unknown or missing keys,
    /// unsorted tables, values out of range).
    public static func load(directory: URL) throws -> StandardsData {
        var texts: [String: String] = [:]
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            do {
                texts[name] = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ScenarioError.unreadable(
                    file: url.path, reason: "bundled standards file is missing or unreadable (\(error.localizedDescription))")
            }
        }
        return try parse(texts: texts, directory: directory.path)
    }

    /// Parses the standards files from their text, keyed by file name (`fileNames`).
    public static func parse(texts: [String: String], directory: String = "Standards") throws -> StandardsData {
        func root(_ name: String) throws -> (StandardsFileReader, Yams.Node) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = texts[name] else {
                throw ScenarioError.unreadable(file: path, reason: "bundled standards file is missing")
            }
            let node: Yams.Node?
            do { node = try Yams.compose(yaml: text) } catch {
                throw ScenarioError.unreadable(file: path, reason: "not valid YAML: \(error)")
            }
            guard let node else { throw ScenarioError.unreadable(file: path, reason: "the file is empty") }
            return (StandardsFileReader(file: path), node)
        }

        var (gasTables, gasTablesRoot) = try root("gb50028-simultaneity.yaml")
        let tables = gasTables.simultaneityTables(gasTablesRoot)
        try gasTables.throwIfInvalid()

        var (gas, gasRoot) = try root("natural-gas-defaults.yaml")
        let gasDefaults = gas.gasDefaults(gasRoot)
        try gas.throwIfInvalid()

        var (water, waterRoot) = try root("gb50015-water-defaults.yaml")
        let waterDefaults = water.waterDefaults(waterRoot)
        try water.throwIfInvalid()

        // throwIfInvalid() guarantees every value below was read.
        guard let gasDefaults, let waterDefaults else {
            throw ScenarioError.unreadable(file: directory, reason: "internal error reading the standards data")
        }
        return StandardsData(
            simultaneityTables: tables, defaultGas: gasDefaults.gas,
            defaultGasMinPressureKilopascals: gasDefaults.minPressureKilopascals,
            defaultGasFormula: gasDefaults.formula, defaultServiceHead: waterDefaults.serviceHead,
            defaultPersonsPerHousehold: waterDefaults.personsPerHousehold,
            defaultLitresPerPersonPerDay: waterDefaults.litresPerPersonPerDay,
            defaultPeakFactor: waterDefaults.peakFactor,
            defaultFixtureUnitsPerHousehold: waterDefaults.fixtureUnitsPerHousehold,
            defaultHoursPerDay: waterDefaults.hoursPerDay, probabilityAlphaTable: waterDefaults.alphaTable
        )
    }

    /// The Standards folder of the resource bundle, if present.
    static var bundledDirectory: URL? { Bundle.module.url(forResource: "Standards", withExtension: nil) }

    private static let bundled: Result<StandardsData, ScenarioError> = {
        guard let directory = bundledDirectory else {
            return .failure(.unreadable(
                file: Bundle.module.bundlePath + "/Standards",
                reason: "the resource bundle has no Standards folder; reinstall connplan"))
        }
        do {
            return .success(try load(directory: directory))
        } catch let error as ScenarioError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(file: directory.path, reason: "\(error)"))
        }
    }()
}

// MARK: - Reading the files

/// Walks one standards file's YAML tree, collecting every problem as a finding.
struct StandardsFileReader {
    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) { self.file = file }

    func throwIfInvalid() throws {
        if findings.contains(where: { $0.severity == .error }) {
            throw ScenarioError.invalid(file: file, findings: findings)
        }
    }

    struct GasDefaults {
        var gas: GasProperties
        var formula: GasLossFormula
        var minPressureKilopascals: Double
    }

    struct WaterDefaults {
        var personsPerHousehold: Double
        var litresPerPersonPerDay: Double
        var peakFactor: Double
        var fixtureUnitsPerHousehold: Double
        var hoursPerDay: Double
        var alphaTable: [(u0Percent: Double, alpha: Double)]
        var serviceHead: ServiceHeadRule
    }

    // MARK: Files

    mutating func simultaneityTables(_ root: Yams.Node) -> [String: SimultaneityTable] {
        guard let top = mapping(root, "document", keys: ["source", "verified", "tables"]) else { return [:] }
        _ = string(top, "source")
        _ = bool(top, "verified")
        guard let list = sequence(top, "tables") else { return [:] }
        var tables: [String: SimultaneityTable] = [:]
        for item in list {
            guard let table = mapping(item, "tables[]", keys: ["name", "description", "rows"]),
                let name = string(table, "name")
            else { continue }
            _ = string(table, "description")
            if tables[name] != nil {
                error(item, code: "duplicate-id", "simultaneity table '\(name)' is defined twice",
                      fix: "Give each table a unique name.")
            }
            guard let rows = pairs(table, "rows", context: name) else { continue }
            var checked: [SimultaneityTable.Row] = []
            for (index, row) in rows.enumerated() {
                let (households, factor, node) = row
                guard let n = Int(exactly: households), n >= 1 else {
                    error(node, code: "value-out-of-range",
                          "'\(name)' row \(index + 1): households must be a whole number ≥ 1, got \(households)",
                          fix: "Use a positive integer number of households.")
                    continue
                }
                if !(factor > 0 && factor <= 1) {
                    error(node, code: "value-out-of-range",
                          "'\(name)' row \(index + 1): factor must be in (0, 1], got \(factor)",
                          fix: "A simultaneity factor is a fraction of the connected load.")
                }
                if let last = checked.last {
                    if n <= last.households {
                        error(node, code: "table-not-sorted",
                              "'\(name)' row \(index + 1): households \(n) do not increase (previous \(last.households))",
                              fix: "Sort the rows by households, without repeats.")
                    }
                    if factor > last.factor {
                        error(node, code: "table-not-monotone",
                              "'\(name)' row \(index + 1): factor \(factor) rises above the previous \(last.factor)",
                              fix: "Simultaneity falls (or stays) as households are added; check the transcription.")
                    }
                }
                checked.append(.init(households: n, factor: factor))
            }
            tables[name] = SimultaneityTable(name: name, rows: checked)
        }
        return tables
    }

    mutating func gasDefaults(_ root: Yams.Node) -> GasDefaults? {
        guard let top = mapping(root, "document", keys: ["gas", "formula", "min_inlet_pressure_kpa"]) else { return nil }
        var gas: GasProperties?
        if let g = mapping(
            top["gas"], "gas",
            keys: ["density_kg_per_m3", "relative_density", "kinematic_viscosity_m2_per_s", "air_density_kg_per_m3"])
        {
            let density = entry(g, "density_kg_per_m3", positive: true)
            let relative = entry(g, "relative_density", positive: true)
            let viscosity = entry(g, "kinematic_viscosity_m2_per_s", positive: true)
            let air = entry(g, "air_density_kg_per_m3", positive: true)
            if let density, let relative, let viscosity, let air {
                gas = GasProperties(
                    densityKilogramsPerCubicMetre: density, relativeDensity: relative,
                    kinematicViscositySquareMetresPerSecond: viscosity, airDensityKilogramsPerCubicMetre: air)
                if abs(density / air - relative) > 0.01 {
                    warning(top["gas"], code: "inconsistent-value",
                            "relative_density \(relative) differs from density/air density = \(density / air)",
                            fix: "Keep relative_density equal to density_kg_per_m3 / air_density_kg_per_m3.")
                }
            }
        }
        var formula: GasLossFormula?
        if let raw = string(top, "formula") {
            formula = GasLossFormula(rawValue: raw)
            if formula == nil {
                let allowed = GasLossFormula.allCases.map(\.rawValue).joined(separator: ", ")
                error(top["formula"], code: "unknown-value", "unknown gas loss formula '\(raw)'",
                      fix: "Use one of: \(allowed).")
            }
        }
        let minPressure = entry(top, "min_inlet_pressure_kpa", positive: true)
        guard let gas, let formula, let minPressure else { return nil }
        return GasDefaults(gas: gas, formula: formula, minPressureKilopascals: minPressure)
    }

    mutating func waterDefaults(_ root: Yams.Node) -> WaterDefaults? {
        guard let top = mapping(root, "document", keys: ["peak_hour", "probability", "service_head"]) else { return nil }
        var persons: Double?, litres: Double?, peak: Double?
        if let p = mapping(
            top["peak_hour"], "peak_hour", keys: ["persons_per_household", "litres_per_person_per_day", "peak_factor"])
        {
            persons = entry(p, "persons_per_household", positive: true)
            litres = entry(p, "litres_per_person_per_day", positive: true)
            peak = entry(p, "peak_factor", positive: true)
        }
        var fixtureUnits: Double?, hours: Double?, alpha: [(u0Percent: Double, alpha: Double)]?
        if let p = mapping(
            top["probability"], "probability", keys: ["fixture_units_per_household", "hours_per_day", "alpha_table"])
        {
            fixtureUnits = entry(p, "fixture_units_per_household", positive: true)
            hours = entry(p, "hours_per_day", positive: true)
            if let h = hours, h > 24 {
                error(p["hours_per_day"], code: "value-out-of-range", "hours_per_day \(h) exceeds 24",
                      fix: "Use the hours of use per day, at most 24.")
            }
            if let t = mapping(
                p["alpha_table"], "alpha_table", keys: ["source", "verified", "corroboration", "rows"]),
                let rows = pairs(t, "rows", context: "alpha_table")
            {
                _ = string(t, "source")
                _ = bool(t, "verified")
                var table: [(u0Percent: Double, alpha: Double)] = []
                for (index, (u0, a, node)) in rows.enumerated() {
                    if !(u0 > 0 && a > 0) {
                        error(node, code: "value-out-of-range",
                              "alpha_table row \(index + 1): U0 and α_c must be positive, got \(u0), \(a)",
                              fix: "Copy the row from GB 50015-2019 Table 3.7.5.")
                    }
                    if let last = table.last, !(u0 > last.u0Percent && a > last.alpha) {
                        error(node, code: "table-not-sorted",
                              "alpha_table row \(index + 1): U0 and α_c must both increase",
                              fix: "Sort the rows by U0; α_c grows with U0 in GB 50015-2019 Table 3.7.5.")
                    }
                    table.append((u0, a))
                }
                alpha = table
            }
        }
        var serviceHead: ServiceHeadRule?
        if let s = mapping(
            top["service_head"], "service_head",
            keys: ["first_floor_m", "second_floor_m", "per_extra_floor_m", "verified", "basis"])
        {
            _ = bool(s, "verified")
            _ = string(s, "basis")
            let first = number(s, "first_floor_m", positive: true)
            let second = number(s, "second_floor_m", positive: true)
            let extra = number(s, "per_extra_floor_m", positive: true)
            if let first, let second, let extra {
                if second < first {
                    error(top["service_head"], code: "value-out-of-range",
                          "second_floor_m \(second) is below first_floor_m \(first)",
                          fix: "The head needed grows with the number of storeys.")
                }
                serviceHead = ServiceHeadRule(
                    firstFloorMetres: first, secondFloorMetres: second, perExtraFloorMetres: extra)
            }
        }
        guard let persons, let litres, let peak, let fixtureUnits, let hours, let alpha, let serviceHead else {
            return nil
        }
        return WaterDefaults(
            personsPerHousehold: persons, litresPerPersonPerDay: litres, peakFactor: peak,
            fixtureUnitsPerHousehold: fixtureUnits, hoursPerDay: hours, alphaTable: alpha, serviceHead: serviceHead)
    }

    // MARK: Node helpers

    private func location(_ node: Yams.Node?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private mutating func error(_ node: Yams.Node?, code: String, _ message: String, fix: String) {
        findings.append(Finding(.error, code: code, location: location(node), message: message, fix: fix))
    }

    private mutating func warning(_ node: Yams.Node?, code: String, _ message: String, fix: String) {
        findings.append(Finding(.warning, code: code, location: location(node), message: message, fix: fix))
    }

    /// A mapping whose keys are all in `keys` (all of them required).
    private mutating func mapping(_ node: Yams.Node?, _ name: String, keys: Set<String>) -> Yams.Node.Mapping? {
        guard let node else { return nil }
        guard let map = node.mapping else {
            error(node, code: "wrong-type", "'\(name)' must be a mapping", fix: "Restore the file from the release.")
            return nil
        }
        var seen = Set<String>()
        for key in map.keys {
            let k = key.string ?? "?"
            seen.insert(k)
            if !keys.contains(k) {
                error(key, code: "unknown-key", "unknown key '\(k)' in '\(name)'",
                      fix: "Use only: \(keys.sorted().joined(separator: ", ")).")
            }
        }
        for missing in keys.subtracting(seen).sorted() {
            error(node, code: "missing-key", "'\(name)' has no key '\(missing)'", fix: "Add '\(missing)'.")
        }
        return map
    }

    private mutating func sequence(_ map: Yams.Node.Mapping, _ key: String) -> [Yams.Node]? {
        guard let node = map[key] else { return nil }
        guard let seq = node.sequence else {
            error(node, code: "wrong-type", "'\(key)' must be a list", fix: "Write '\(key)' as a YAML list.")
            return nil
        }
        return Array(seq)
    }

    private mutating func string(_ map: Yams.Node.Mapping, _ key: String) -> String? {
        guard let node = map[key] else { return nil }
        guard let s = node.scalar?.string, !s.isEmpty else {
            error(node, code: "wrong-type", "'\(key)' must be a non-empty text", fix: "Write '\(key)' as text.")
            return nil
        }
        return s
    }

    private mutating func bool(_ map: Yams.Node.Mapping, _ key: String) -> Bool? {
        guard let node = map[key] else { return nil }
        guard let b = node.bool else {
            error(node, code: "wrong-type", "'\(key)' must be true or false", fix: "Write true or false.")
            return nil
        }
        return b
    }

    private mutating func number(_ map: Yams.Node.Mapping, _ key: String, positive: Bool) -> Double? {
        guard let node = map[key] else { return nil }
        return number(node, key, positive: positive)
    }

    private mutating func number(_ node: Yams.Node, _ name: String, positive: Bool) -> Double? {
        guard let x = node.float, x.isFinite else {
            error(node, code: "wrong-type", "'\(name)' must be a number", fix: "Write a plain decimal number.")
            return nil
        }
        if positive && !(x > 0) {
            error(node, code: "value-out-of-range", "'\(name)' must be positive, got \(x)", fix: "Use a value > 0.")
            return nil
        }
        return x
    }

    /// A documented value: `{value: <number>, verified: <bool>, basis: <text>}`.
    private mutating func entry(_ map: Yams.Node.Mapping, _ key: String, positive: Bool) -> Double? {
        guard let e = mapping(map[key], key, keys: ["value", "verified", "basis"]) else { return nil }
        _ = bool(e, "verified")
        _ = string(e, "basis")
        return number(e, "value", positive: positive)
    }

    /// A list of `[x, y]` number pairs, with the node of each pair.
    private mutating func pairs(_ map: Yams.Node.Mapping, _ key: String, context: String) -> [(Double, Double, Yams.Node)]? {
        guard let list = sequence(map, key) else { return nil }
        if list.isEmpty {
            error(map[key], code: "empty-table", "'\(context)' has no rows", fix: "Add the table's rows.")
            return nil
        }
        var out: [(Double, Double, Yams.Node)] = []
        for item in list {
            guard let pair = item.sequence, pair.count == 2 else {
                error(item, code: "wrong-type", "'\(context)': each row must be a pair [x, y]",
                      fix: "Write each row as [x, y].")
                continue
            }
            if let x = number(pair[0], context, positive: false), let y = number(pair[1], context, positive: false) {
                out.append((x, y, item))
            }
        }
        return out
    }
}
