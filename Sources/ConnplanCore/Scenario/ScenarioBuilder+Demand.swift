// SPDX-License-Identifier: GPL-3.0-or-later

// Pass 1: the `gas:` and `demand:` sections. Anything not given comes from `Standards.load()`.

extension ScenarioBuilder {
    static let gasSectionKeys = ["formula", "density_kg_m3", "relative_density", "kinematic_viscosity_m2_s", "air_density_kg_m3"]
    static let gasDemandKeys = ["appliances_m3_h", "simultaneity", "min_pressure_kpa"]
    static let waterDemandKeys = [
        "persons_per_household", "litres_per_person_day", "peak_factor", "method", "fixture_units_per_household",
        "hours_per_day", "service_head",
    ]
    /// The largest household count the simultaneity check walks through (brief: "up to 5000").
    static let simultaneityCheckLimit = 5_000

    /// Table used when `simultaneity` is absent: stove-only when `stove` is the only appliance.
    static func defaultSimultaneityTableName(applianceNames: [String]) -> String {
        applianceNames == ["stove"] ? "gb50028-stove" : "gb50028-stove-water-heater"
    }

    // MARK: gas

    func readGasDemand(gas: SyntaxNode?, demand: SyntaxNode?, top: ObjectReader) throws -> DemandModel? {
        let standards = try standards()
        var properties = standards.defaultGas
        var formula = standards.defaultGasFormula
        if let gas, let r = ObjectReader(gas, what: "the gas section", diag: diag, utility: utility, keys: Self.gasSectionKeys) {
            formula = r.choice("formula", GasLossFormula.self) ?? formula
            if let v = r.number("density_kg_m3", .positive) { properties.densityKilogramsPerCubicMetre = v }
            if let v = r.number("relative_density", .positive) { properties.relativeDensity = v }
            if let v = r.number("kinematic_viscosity_m2_s", .positive) { properties.kinematicViscositySquareMetresPerSecond = v }
            if let v = r.number("air_density_kg_m3", .positive) { properties.airDensityKilogramsPerCubicMetre = v }
            // Renouard uses the relative density, Darcy-Weisbach the density: they must describe the same gas.
            let implied = properties.densityKilogramsPerCubicMetre / properties.airDensityKilogramsPerCubicMetre
            if abs(implied - properties.relativeDensity) > 0.05 * properties.relativeDensity {
                diag.warning(
                    "inconsistent-gas", at: gas, subject: nil,
                    "relative_density \(NumberRule.format(properties.relativeDensity)) does not match density_kg_m3 / air_density_kg_m3 = \(String(format: "%.3f", implied))",
                    fix: "Give density_kg_m3, relative_density and air_density_kg_m3 for the same gas.")
            }
            r.finish()
        }

        guard let demand,
            let r = ObjectReader(
                demand, what: "the demand section", diag: diag, utility: utility, keys: [], gasKeys: Self.gasDemandKeys,
                waterKeys: Self.waterDemandKeys)
        else { return nil }
        defer { r.finish() }

        var appliances: [String: Double] = [:]
        var applianceOrder: [String] = []
        if let m = r.mapping("appliances_m3_h", required: true),
            let a = ObjectReader(m, what: "appliances_m3_h", diag: diag, utility: utility, keys: [])
        {
            if a.entries.isEmpty {
                r.error(
                    "empty-list", "appliances_m3_h", "no appliances are listed",
                    fix: "List each household's appliances with their rated load, e.g. `stove: 0.8`.")
            }
            for entry in a.entries {
                applianceOrder.append(entry.key)
                if a.value(entry.key) == nil {
                    diag.error(
                        "missing-key", at: entry.value, subject: entry.key, "appliance '\(entry.key)' has no rated load",
                        fix: "Give its rated load in m³/h, e.g. `\(entry.key): 0.8`.")
                } else if let load = a.number(entry.key, .positive) {
                    appliances[entry.key] = load
                }
            }
        }

        var table: SimultaneityTable?
        if let v = r.value("simultaneity") {
            switch v.kind {
            case .scalar(let name, _):
                table = namedTable(name, at: v, standards: standards)
            case .sequence(let rows):
                table = inlineTable(rows, at: v)
            case .mapping:
                r.error(
                    "wrong-type", "simultaneity",
                    "'simultaneity' must be a bundled table name or a list of {households, factor} rows, not a mapping",
                    fix: "Write a name such as gb50028-stove, or a list of `- {households: 1, factor: 1.0}` rows.")
            }
        } else if !applianceOrder.isEmpty {
            let name = Self.defaultSimultaneityTableName(applianceNames: applianceOrder)
            table = standards.simultaneityTables[name]
            if table == nil {
                r.error(
                    "unknown-table", "appliances_m3_h", "the default simultaneity table '\(name)' is not in the bundled standards",
                    fix: "Give 'simultaneity' explicitly as a list of {households, factor} rows.")
            }
        }
        let minPressure =
            r.has("min_pressure_kpa")
            ? r.number("min_pressure_kpa", .positive) : standards.defaultGasMinPressureKilopascals

        guard let table, let minPressure, appliances.count == applianceOrder.count, !appliances.isEmpty else { return nil }
        return .gas(
            GasDemand(
                applianceLoadsCubicMetresPerHour: appliances, simultaneity: table, minPressureKilopascals: minPressure,
                formula: formula, gas: properties))
    }

    func namedTable(_ name: String, at node: SyntaxNode, standards: StandardsData) -> SimultaneityTable? {
        if let table = standards.simultaneityTables[name] { return table }
        let names = standards.simultaneityTables.keys.sorted()
        let hint = Suggestion.closest(to: name, in: names).map { "Did you mean '\($0)'? " } ?? ""
        diag.error(
            "invalid-value", at: node, subject: nil,
            "'\(ScalarValue.clip(name))' is not a bundled simultaneity table; bundled tables: \(Suggestion.list(names))",
            fix: "\(hint)Use a bundled name or an inline list of {households, factor} rows.")
        return nil
    }

    /// An inline k(N) table: households strictly increasing from ≥ 1, 0 < k ≤ 1, and the peak
    /// k(N)·N (with the linear interpolation GB 50028-2006 §10.2.9 allows) never falling as N grows.
    func inlineTable(_ rows: [SyntaxNode], at node: SyntaxNode) -> SimultaneityTable? {
        guard !rows.isEmpty else {
            diag.error(
                "empty-list", at: node, subject: nil, "the simultaneity table has no rows",
                fix: "Add rows such as `- {households: 1, factor: 1.0}`.")
            return nil
        }
        var parsed: [(row: SimultaneityTable.Row, at: SyntaxNode)] = []
        var ok = true
        for (i, item) in rows.enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "simultaneity row", subject: "simultaneity row #\(i + 1)", diag: diag, utility: utility,
                    keys: ["households", "factor"])
            else {
                ok = false
                continue
            }
            let n = r.integer("households", required: true, minimum: 1)
            let k = r.number("factor", required: true, .positiveAtMost(1))
            r.finish()
            guard let n, let k else {
                ok = false
                continue
            }
            if let previous = parsed.last, n <= previous.row.households {
                r.error(
                    "simultaneity-table", "households",
                    "households \(n) does not increase on the previous row (\(previous.row.households)); rows must be strictly increasing",
                    fix: "Sort the rows by households and remove repeated counts.")
                ok = false
            }
            parsed.append((SimultaneityTable.Row(households: n, factor: k), item))
        }
        guard ok else { return nil }
        let table = SimultaneityTable(name: "inline", rows: parsed.map(\.row))
        var previousPeak = table.factor(households: 1)
        for n in 2...Self.simultaneityCheckLimit {
            let peak = table.factor(households: n) * Double(n)
            // A relative tolerance keeps exact-plateau tables (k·N constant) from failing on rounding.
            if peak < previousPeak * (1 - 1e-12) {
                let row = parsed.first { $0.row.households >= n } ?? parsed[parsed.count - 1]
                diag.error(
                    "simultaneity-table", at: row.at, subject: nil,
                    "k(N)·N falls from \(String(format: "%.4g", previousPeak)) at N = \(n - 1) to \(String(format: "%.4g", peak)) at N = \(n) households: adding a household would lower the peak flow",
                    fix: "Raise this row's factor so that factor × households never decreases.")
                return nil
            }
            previousPeak = peak
        }
        return table
    }

    // MARK: water

    /// `what` names the section in messages (a source's `host` has a `demand` of its own).
    func readWaterDemand(_ demand: SyntaxNode?, what: String = "the demand section") throws -> DemandModel? {
        let standards = try standards()
        var persons = standards.defaultPersonsPerHousehold
        var litres = standards.defaultLitresPerPersonPerDay
        var peak = standards.defaultPeakFactor
        var method = WaterDemand.Method.peakHour
        var fixtureUnits = standards.defaultFixtureUnitsPerHousehold
        var hours = standards.defaultHoursPerDay
        var head = standards.defaultServiceHead
        var ok = true
        if let demand,
            let r = ObjectReader(
                demand, what: what, diag: diag, utility: utility, keys: [], gasKeys: Self.gasDemandKeys,
                waterKeys: Self.waterDemandKeys)
        {
            func read(_ key: String, _ rule: NumberRule, into value: inout Double) {
                guard r.value(key) != nil else { return }
                if let v = r.number(key, rule) { value = v } else { ok = false }
            }
            read("persons_per_household", .positive, into: &persons)
            read("litres_per_person_day", .positive, into: &litres)
            read("peak_factor", .atLeast(1), into: &peak)
            if r.has("method") {
                if let m = r.choice("method", WaterDemand.Method.self) { method = m } else { ok = false }
            }
            read("fixture_units_per_household", .positive, into: &fixtureUnits)
            read("hours_per_day", .positiveAtMost(24), into: &hours)
            if method != .probability {
                for key in ["fixture_units_per_household", "hours_per_day"] where r.has(key) {
                    diag.warning(
                        "ignored-key", at: r.keyNode(key), subject: nil,
                        "'\(key)' is used only by `method: probability`; it is ignored with method \(method.rawValue)",
                        fix: "Remove '\(key)' or set `method: probability`.")
                }
            }
            if let m = r.mapping("service_head"),
                let s = ObjectReader(
                    m, what: "service_head", diag: diag, utility: utility,
                    keys: ["first_floor_m", "second_floor_m", "per_extra_floor_m"])
            {
                func readHead(_ key: String, _ rule: NumberRule, into value: inout Double) {
                    guard s.value(key) != nil else { return }
                    if let v = s.number(key, rule) { value = v } else { ok = false }
                }
                readHead("first_floor_m", .positive, into: &head.firstFloorMetres)
                readHead("second_floor_m", .positive, into: &head.secondFloorMetres)
                readHead("per_extra_floor_m", .nonNegative, into: &head.perExtraFloorMetres)
                s.finish()
            } else if r.value("service_head") != nil {
                ok = false
            }
            r.finish()
        }
        guard ok else { return nil }
        let probability =
            method == .probability
            ? WaterDemand.ProbabilityParameters(
                fixtureUnitsPerHousehold: fixtureUnits, hoursPerDay: hours, alphaTable: standards.probabilityAlphaTable)
            : nil
        return .water(
            WaterDemand(
                personsPerHousehold: persons, litresPerPersonPerDay: litres, peakFactor: peak, method: method,
                probability: probability, serviceHead: head))
    }
}
