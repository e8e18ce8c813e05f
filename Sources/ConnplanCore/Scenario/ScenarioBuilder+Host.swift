// SPDX-License-Identifier: GPL-3.0-or-later

// A source's `host` block: a summary of the neighbour's own network behind the tie-in, for the
// neighbour impact statement (docs/scenario-format.md, `sources`; method in
// docs/background/neighbour-impact.md). Read after the `demand` section, whose model it may
// share, and checked against the source it belongs to.

extension ScenarioBuilder {
    static let hostKeys = ["households", "demand", "design_flow_m3_h", "design_flow_l_s", "service_pipe", "worst_household"]
    static let hostServicePipeKeys = ["length_m", "inner_diameter_mm"]
    static let hostServicePipeGasKeys = ["roughness_mm", "upstream_pressure_kpa", "upstream_elevation_m"]
    static let hostServicePipeWaterKeys = ["hazen_williams_c", "upstream_head_m"]
    static let hostWorstKeys = ["elevation_m"]
    static let hostWorstGasKeys = ["min_pressure_kpa", "internal_loss_kpa"]
    static let hostWorstWaterKeys = ["min_head_m", "floors", "internal_loss_m"]
    static let hostGasDemandKeys = ["appliances_m3_h", "simultaneity"]

    /// Reads every pending `host` block and attaches it to its source.
    func readHosts() throws {
        for pending in pendingHosts where pending.sourceIndex < sources.count {
            if let host = try readHost(pending.node, source: sources[pending.sourceIndex]) {
                sources[pending.sourceIndex].host = host
            }
        }
    }

    private func readHost(_ node: SyntaxNode, source: Source) throws -> HostNetwork? {
        let subject = source.id
        guard
            let r = ObjectReader(
                node, what: "host of source", subject: subject, diag: diag, utility: utility, keys: Self.hostKeys)
        else { return nil }
        defer { r.finish() }
        let households = r.integer("households", required: true, minimum: 1)

        // At most one of: the host's own demand model, or its peak design flow; neither means
        // households like the compound's.
        var demand: HostNetwork.Demand? = .sameAsScenario
        let given = ["demand", "design_flow_m3_h", "design_flow_l_s"].filter { r.has($0) }
        if given.count > 1 {
            diag.error(
                "conflicting-keys", at: r.keyNode(given[1]), subject: subject, "host of source gives both '\(given[0])' and '\(given[1])'",
                fix: "Give only one: 'demand' (the host's appliances or persons), 'design_flow_m3_h' or 'design_flow_l_s'.")
            demand = nil
        } else if r.has("design_flow_m3_h") {
            demand = r.number("design_flow_m3_h", .positive).map { .designFlow(cubicMetresPerHour: $0) }
        } else if r.has("design_flow_l_s") {
            demand = r.number("design_flow_l_s", .positive).map { .designFlow(cubicMetresPerHour: $0 * 3.6) }
        } else if r.has("demand") {
            demand = nil
            if let m = r.mapping("demand") { demand = try readHostDemand(m, subject: subject) }
        }

        let pipe = r.mapping("service_pipe", required: true).flatMap { readServicePipe($0, source: source) }
        let worst = r.mapping("worst_household", required: true).flatMap { readWorstHousehold($0, subject: subject) }

        if let regulator = source.regulator {
            r.error(
                "host-on-regulated-source", "households",
                "source has a regulator box (outlet \(NumberRule.format(regulator.outletPressureKilopascals)) kPa): its tie-in is on a medium-pressure main, which a host block (a neighbour's low-pressure network) does not describe",
                fix: "Remove 'host' from this source, or remove the regulator if the tie-in really is on a low-pressure network.")
            return nil
        }
        guard let households, let demand, let pipe, let worst else { return nil }
        let host = HostNetwork(
            households: households, demand: demand, servicePipe: pipe, worstHousehold: worst, location: diag.location(node))
        checkHostToday(host, source: source, at: r)
        return host
    }

    /// The host's own demand model: the keys of the main `demand` section.
    private func readHostDemand(_ m: SyntaxNode, subject: String) throws -> HostNetwork.Demand? {
        switch utility {
        case .water:
            guard case .water(let w)? = try readWaterDemand(m, what: "the demand of host of source \(subject)") else { return nil }
            return .water(w)
        case .gas:
            let standards = try standards()
            guard
                let d = ObjectReader(
                    m, what: "the demand of host", subject: subject, diag: diag, utility: utility, keys: [],
                    gasKeys: Self.hostGasDemandKeys, waterKeys: Self.waterDemandKeys)
            else { return nil }
            defer { d.finish() }
            var loads: [String: Double] = [:]
            var names: [String] = []
            var ok = true
            if let a = d.mapping("appliances_m3_h", required: true),
                let reader = ObjectReader(a, what: "appliances_m3_h of host", subject: subject, diag: diag, utility: utility, keys: [])
            {
                if reader.entries.isEmpty {
                    d.error(
                        "empty-list", "appliances_m3_h", "the host's appliances are not listed",
                        fix: "List each host household's appliances with their rated load, e.g. `stove: 0.8`.")
                    ok = false
                }
                for entry in reader.entries {
                    names.append(entry.key)
                    if let load = reader.number(entry.key, required: true, .positive) { loads[entry.key] = load } else { ok = false }
                }
            } else {
                ok = false
            }
            var table: SimultaneityTable?
            if let v = d.value("simultaneity") {
                switch v.kind {
                case .scalar(let name, _): table = namedTable(name, at: v, standards: standards)
                case .sequence(let rows): table = inlineTable(rows, at: v)
                case .mapping:
                    d.error(
                        "wrong-type", "simultaneity",
                        "'simultaneity' must be a bundled table name or a list of {households, factor} rows, not a mapping",
                        fix: "Write a name such as gb50028-stove, or a list of `- {households: 1, factor: 1.0}` rows.")
                }
            } else if !names.isEmpty {
                table = standards.simultaneityTables[Self.defaultSimultaneityTableName(applianceNames: names)]
            }
            guard ok, let table else { return nil }
            return .gasAppliances(applianceLoadsCubicMetresPerHour: loads, simultaneity: table)
        case nil:
            return nil
        }
    }

    private func readServicePipe(_ m: SyntaxNode, source: Source) -> HostNetwork.ServicePipe? {
        guard
            let r = ObjectReader(
                m, what: "service_pipe of host", subject: source.id, diag: diag, utility: utility, keys: Self.hostServicePipeKeys,
                gasKeys: Self.hostServicePipeGasKeys, waterKeys: Self.hostServicePipeWaterKeys)
        else { return nil }
        defer { r.finish() }
        let length = r.number("length_m", required: true, .positive)
        let inner = r.number("inner_diameter_mm", required: true, .positive)
        switch utility {
        case .gas:
            let roughness = r.number("roughness_mm", required: true, .nonNegative)
            let upstream = r.number("upstream_pressure_kpa", required: true, .positive)
            let elevation = r.number("upstream_elevation_m", .any)
            if let upstream, upstream >= Self.lowPressureLimitKilopascals {
                r.error(
                    "out-of-range", "upstream_pressure_kpa",
                    "the host's service pipe starts at \(NumberRule.format(upstream)) kPa, which is not low pressure (GB 50028: low < 10 kPa); the impact statement models low-pressure pipes only",
                    fix: "Give the pressure where the host's low-pressure pipe starts (the outlet of its regulator box), below 10 kPa.")
                return nil
            }
            guard let length, let inner, let roughness, let upstream else { return nil }
            return HostNetwork.ServicePipe(
                lengthMetres: length, innerDiameterMillimetres: inner, roughnessMillimetres: roughness,
                upstreamPressureKilopascals: upstream, upstreamElevationMetres: elevation)
        case .water:
            let c = r.number("hazen_williams_c", required: true, .positive)
            let head = r.number("upstream_head_m", required: true, .any)
            guard let length, let inner, let c, let head else { return nil }
            return HostNetwork.ServicePipe(
                lengthMetres: length, innerDiameterMillimetres: inner, hazenWilliamsC: c, upstreamHeadMetres: head)
        case nil:
            return nil
        }
    }

    private func readWorstHousehold(_ m: SyntaxNode, subject: String) -> HostNetwork.WorstHousehold? {
        guard
            let r = ObjectReader(
                m, what: "worst_household of host", subject: subject, diag: diag, utility: utility, keys: Self.hostWorstKeys,
                gasKeys: Self.hostWorstGasKeys, waterKeys: Self.hostWorstWaterKeys)
        else { return nil }
        defer { r.finish() }
        let elevation = r.number("elevation_m", required: true, .any)
        switch utility {
        case .gas:
            let minimum = r.number("min_pressure_kpa", .positive)
            let internalLoss = r.number("internal_loss_kpa", .nonNegative)
            if (r.has("min_pressure_kpa") && minimum == nil) || (r.has("internal_loss_kpa") && internalLoss == nil) { return nil }
            guard let elevation else { return nil }
            return HostNetwork.WorstHousehold(elevationMetres: elevation, internalLoss: internalLoss ?? 0, minPressureKilopascals: minimum)
        case .water:
            var minimum: Double?
            var floors: Int?
            var ok = r.exclusive("min_head_m", "floors")
            if ok {
                if r.has("min_head_m") {
                    minimum = r.number("min_head_m", .positive)
                    ok = minimum != nil
                } else if r.has("floors") {
                    floors = r.integer("floors", minimum: 1)
                    ok = floors != nil
                } else {
                    r.error(
                        "missing-key", "elevation_m", "worst_household of host says neither its minimum head nor its storeys",
                        fix: "Add 'min_head_m' (pressure head the inlet needs, m) or 'floors' (storeys, for the service-head rule).")
                    ok = false
                }
            }
            let internalLoss = r.number("internal_loss_m", .nonNegative)
            if r.has("internal_loss_m") && internalLoss == nil { ok = false }
            guard ok, let elevation else { return nil }
            return HostNetwork.WorstHousehold(
                elevationMetres: elevation, internalLoss: internalLoss ?? 0, minHeadMetres: minimum, floors: floors)
        case nil:
            return nil
        }
    }

    /// Warnings on the host data as they stand today (without any tie-in): a worst household already
    /// below its minimum, and a tie-in value above what the host data can give.
    private func checkHostToday(_ host: HostNetwork, source: Source, at r: ObjectReader) {
        guard let demand, let minimum = HostHydraulics.minimum(host, scenarioDemand: demand),
            let n = nodeIndex[source.nodeID]
        else { return }
        let tieIn = nodes[n].elevationMetres
        let flow = HostHydraulics.designFlow(host, households: host.households, scenarioDemand: demand)
        let unit = utility == .gas ? "kPa" : "m"
        let worst = HostHydraulics.worstValue(host, flow: flow, tieInElevationMetres: tieIn, demand: demand)
        if !ModelTolerance.meets(value: worst, required: minimum) {
            diag.warning(
                "host-below-minimum", at: r.keyNode("worst_household"), subject: source.id,
                "with its own peak flow (\(String(format: "%.2f", flow)) m³/h) the host's worst-placed household gets \(String(format: "%.3f", worst)) \(unit), below its minimum of \(NumberRule.format(minimum)) \(unit)",
                fix: "Check the host's service pipe, upstream pressure and worst household; the impact statement starts from today's state."
            )
        }
        let assumed: Double? = utility == .gas ? source.pressureKilopascals : source.headMetres.map { $0 - tieIn }
        let today = HostHydraulics.valueAtEnd(host, flow: flow, elevationMetres: tieIn, tieInElevationMetres: tieIn, demand: demand)
        if let assumed, !ModelTolerance.meets(value: today, required: assumed) {
            diag.warning(
                "host-tie-in-pressure", at: r.keyNode("service_pipe"), subject: source.id,
                "the host data give \(String(format: "%.3f", today)) \(unit) at the tie-in with the host's own peak flow alone, less than the \(String(format: "%.3f", assumed)) \(unit) the source states; the plan's pressures would be optimistic",
                fix: "Make the source's pressure and the host's service pipe describe the same network (survey both at peak hour).")
        }
    }
}
