// SPDX-License-Identifier: GPL-3.0-or-later

// Pass 1: each list section, in file order. Every getter reports its own problems; these
// functions only decide what is required and record ids and references for pass 2.

extension ScenarioBuilder {
    // MARK: nodes

    func readNodes(_ items: [SyntaxNode]?, owner top: ObjectReader, key: String) {
        requireNonEmpty(items, owner: top, key: key, noun: "node")
        enum Style { case metres, degrees }
        var fileStyle: (style: Style, line: Int)?
        var degrees: [(index: Int, lon: Double, lat: Double)] = []
        for (i, item) in (items ?? []).enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "node", subject: "node #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "x_m", "y_m", "lon", "lat", "elevation_m"])
            else { continue }
            let id = r.id()
            let x = r.number("x_m", .any)
            let y = r.number("y_m", .any)
            let lon = r.number("lon", .within(-180, 180))
            let lat = r.number("lat", .within(-90, 90))
            let elevation = r.number("elevation_m", .any) ?? 0
            // A coordinate that was given but is invalid has been reported already.
            var coordinatesOK =
                (x != nil) == r.has("x_m") && (y != nil) == r.has("y_m") && (lon != nil) == r.has("lon")
                && (lat != nil) == r.has("lat")
            for (a, b) in [("x_m", "y_m"), ("lon", "lat")] where r.has(a) != r.has(b) {
                let (given, absent) = r.has(a) ? (a, b) : (b, a)
                r.error(
                    "missing-key", given, "node gives '\(given)' without '\(absent)'",
                    fix: "Give both '\(a)' and '\(b)', or neither.")
                coordinatesOK = false
            }
            var style: Style?
            if r.has("x_m") || r.has("y_m") { style = .metres }
            if r.has("lon") || r.has("lat") {
                if style == .metres {
                    r.error(
                        "conflicting-keys", "lon", "node gives both x_m/y_m and lon/lat",
                        fix: "Use either local metres (x_m, y_m) or degrees (lon, lat) for every node.")
                    coordinatesOK = false
                }
                style = .degrees
            }
            if let style, coordinatesOK {
                if let fileStyle, fileStyle.style != style {
                    let (this, first) = style == .metres ? ("x_m/y_m", "lon/lat") : ("lon/lat", "x_m/y_m")
                    r.error(
                        "mixed-coordinates", style == .metres ? "x_m" : "lon",
                        "node uses \(this) but an earlier node (line \(fileStyle.line)) uses \(first); one file uses one kind",
                        fix: "Write every node's position the same way, all x_m/y_m or all lon/lat.")
                    coordinatesOK = false
                } else if fileStyle == nil {
                    fileStyle = (style, item.line)
                }
            }
            r.finish()
            guard let id, register(id, kind: "node", at: r.keyNode("id")) else { continue }
            if !coordinatesOK { nodesWithBadCoordinates.insert(id) }
            nodeIndex[id] = nodes.count
            let metres = coordinatesOK && style == .metres
            nodes.append(
                Node(
                    id: id, xMetres: metres ? x : nil, yMetres: metres ? y : nil, elevationMetres: elevation,
                    location: diag.location(item)))
            if coordinatesOK, style == .degrees, let lon, let lat { degrees.append((nodes.count - 1, lon, lat)) }
        }
        let (projected, origin) = LocalProjection.project(degrees.map { ($0.lon, $0.lat) })
        geographicOrigin = origin
        for (entry, xy) in zip(degrees, projected) {
            nodes[entry.index].xMetres = xy.x
            nodes[entry.index].yMetres = xy.y
        }
    }

    // MARK: owners

    func readOwners(_ items: [SyntaxNode]) {
        for (i, item) in items.enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "owner", subject: "owner #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "name", "consent", "consent_cost_cny"])
            else { continue }
            let id = r.id()
            let name = r.string("name", required: true)
            let consent = r.choice("consent", required: true, Consent.self)
            let cost = r.money("consent_cost_cny") ?? 0
            r.finish()
            guard let id, register(id, kind: "owner", at: r.keyNode("id")) else { continue }
            ownerIndex[id] = owners.count
            owners.append(
                Owner(
                    id: id, name: name ?? id, consent: consent ?? .pending, consentCostFen: cost, location: diag.location(item)))
        }
    }

    // MARK: pipes

    func readPipes(_ items: [SyntaxNode]) {
        for (i, item) in items.enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "pipe", subject: "pipe #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "material", "dn", "inner_diameter_mm", "max_velocity_m_s", "cost_per_m_cny"],
                    gasKeys: ["roughness_mm"], waterKeys: ["hazen_williams_c"])
            else { continue }
            let id = r.id()
            let material = r.has("material") ? r.string("material") : nil
            let dn = r.integer("dn", required: true, minimum: 1)
            let inner = r.number("inner_diameter_mm", required: true, .positive)
            let roughness = utility == .gas ? r.number("roughness_mm", required: true, .nonNegative) : nil
            let c = utility == .water ? r.number("hazen_williams_c", required: true, .positive) : nil
            let velocity = r.number("max_velocity_m_s", required: true, .positive)
            var prices: [String: Fen] = [:]
            if let costs = r.mapping("cost_per_m_cny", required: true),
                let m = ObjectReader(costs, what: "cost_per_m_cny of pipe", subject: r.subject, diag: diag, utility: utility, keys: [])
            {
                if m.entries.isEmpty {
                    r.error(
                        "empty-list", "cost_per_m_cny", "pipe has no prices",
                        fix: "Add at least one `surface: price` line, e.g. `verge: 420`.")
                }
                for entry in m.entries {
                    // A bad price is reported and kept as 0 so the surface still counts as priced:
                    // that avoids follow-on "unbuildable" findings, and nothing is assembled anyway.
                    prices[entry.key] =
                        ObjectReader.money(entry.value, key: entry.key, what: "cost_per_m_cny of pipe", subject: r.subject, diag: diag)
                        ?? 0
                }
            }
            r.finish()
            guard let id, register(id, kind: "pipe", at: r.keyNode("id")) else { continue }
            pipes.append(
                PipeType(
                    id: id, material: material, nominalDiameter: dn ?? 0, innerDiameterMillimetres: inner ?? 0,
                    roughnessMillimetres: roughness, hazenWilliamsC: c, maxVelocityMetresPerSecond: velocity ?? 0,
                    costPerMetreFen: prices, location: diag.location(item)))
        }
    }

    // MARK: compounds and buildings

    func readCompounds(_ items: [SyntaxNode]?, owner top: ObjectReader, key: String) {
        requireNonEmpty(items, owner: top, key: key, noun: "compound")
        for (i, item) in (items ?? []).enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "compound", subject: "compound #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "name", "buildings"])
            else { continue }
            let id = r.id()
            let name = r.string("name", required: true)
            let list = r.list("buildings", required: true)
            if let list, list.isEmpty {
                r.error("empty-list", "buildings", "compound has no buildings", fix: "Add at least one building to 'buildings'.")
            }
            var ids: [String] = []
            for (j, b) in (list ?? []).enumerated() {
                if let bid = readBuilding(b, compoundID: id ?? "", number: j + 1) { ids.append(bid) }
            }
            r.finish()
            guard let id, register(id, kind: "compound", at: r.keyNode("id")) else { continue }
            compounds.append(Compound(id: id, name: name ?? id, buildingIDs: ids, location: diag.location(item)))
        }
    }

    private func readBuilding(_ item: SyntaxNode, compoundID: String, number: Int) -> String? {
        guard
            let r = ObjectReader(
                item, what: "building", subject: "building #\(number) of compound \(compoundID)", diag: diag,
                utility: utility, keys: ["id", "node", "floors", "households"], gasKeys: ["min_pressure_kpa"],
                waterKeys: ["min_head_m"])
        else { return nil }
        let id = r.id()
        let node = r.string("node", required: true)
        reference(.node, node, at: r.anchor("node"), subject: r.subject, role: "'node' of building")
        let floors = r.integer("floors", required: true, minimum: 1)
        let households = r.integer("households", required: true, minimum: 1)
        let minPressure = utility == .gas ? r.number("min_pressure_kpa", .positive) : nil
        let minHead = utility == .water ? r.number("min_head_m", .positive) : nil
        r.finish()
        guard let id, register(id, kind: "building", at: r.keyNode("id")) else { return nil }
        buildingIndex[id] = buildings.count
        if households != nil { buildingHouseholdsAt[id] = r.anchor("households") }
        buildings.append(
            Building(
                id: id, compoundID: compoundID, nodeID: node ?? "", floors: floors ?? 1, households: households ?? 1,
                minPressureKilopascals: minPressure, minHeadMetres: minHead, location: diag.location(item)))
        return id
    }

    // MARK: households

    func readHouseholds(_ items: [SyntaxNode]) {
        for (i, item) in items.enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "household", subject: "household #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "building", "floor", "occupied", "low_income", "paid_cny", "floor_area_m2"])
            else { continue }
            let id = r.id()
            let building = r.string("building", required: true)
            reference(.building, building, at: r.anchor("building"), subject: r.subject, role: "'building' of household")
            let floor = r.integer("floor", minimum: 1)
            if let building, let floor { householdFloors.append((building, floor, r.anchor("floor"), r.subject)) }
            let occupied = r.bool("occupied") ?? true
            let lowIncome = r.bool("low_income") ?? false
            let paid = r.money("paid_cny") ?? 0
            let area = r.number("floor_area_m2", .positive)
            r.finish()
            guard let id, register(id, kind: "household", at: r.keyNode("id")) else { continue }
            if area == nil, r.has("floor_area_m2") { householdsWithBadFloorArea.insert(id) }
            householdIndex[id] = households.count
            households.append(
                Household(
                    id: id, buildingID: building ?? "", floor: floor, occupied: occupied, lowIncome: lowIncome, paidFen: paid,
                    floorAreaSquareMetres: area, location: diag.location(item)))
        }
    }

    // MARK: sources

    /// GB 50028-2006 pressure classes (Table 6.1.6 as usually quoted; clause not checked against
    /// the text): low pressure is P < 0.01 MPa. At or above 10 kPa a main is medium pressure or
    /// higher, and dwellings may take it only through a pressure-regulator box.
    static let lowPressureLimitKilopascals = 10.0

    func readSources(_ items: [SyntaxNode]?, owner top: ObjectReader, key: String) {
        requireNonEmpty(items, owner: top, key: key, noun: "source")
        for (i, item) in (items ?? []).enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "source", subject: "source #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "name", "node", "owner", "spare_capacity_m3_h", "spare_capacity_l_s", "tie_in_cost_cny", "host"],
                    gasKeys: ["pressure_kpa", "regulator"], waterKeys: ["head_m", "pressure_head_m"])
            else { continue }
            let id = r.id()
            let name = r.string("name", required: true)
            let node = r.string("node", required: true)
            reference(.node, node, at: r.anchor("node"), subject: r.subject, role: "'node' of source")
            let owner = r.string("owner", required: true)
            reference(.owner, owner, at: r.anchor("owner"), subject: r.subject, role: "'owner' of source")
            var spare: Double?
            if r.exclusive("spare_capacity_m3_h", "spare_capacity_l_s") {
                spare = r.number("spare_capacity_m3_h", .nonNegative) ?? r.number("spare_capacity_l_s", .nonNegative).map { $0 * 3.6 }
            }
            let tieIn = r.money("tie_in_cost_cny") ?? 0

            var pressure: Double?
            var regulator: Regulator?
            var head: Double?
            switch utility {
            case .gas:
                pressure = r.number("pressure_kpa", required: true, .positive)
                if let m = r.mapping("regulator"),
                    let reg = ObjectReader(
                        m, what: "regulator", subject: r.subject, diag: diag, utility: utility,
                        keys: ["cost_cny", "outlet_pressure_kpa"])
                {
                    let cost = reg.money("cost_cny", required: true)
                    let outlet = reg.number("outlet_pressure_kpa", required: true, .positive)
                    if let outlet, let pressure, outlet >= pressure {
                        reg.error(
                            "out-of-range", "outlet_pressure_kpa",
                            "regulator outlet pressure \(NumberRule.format(outlet)) kPa is not below the source pressure \(NumberRule.format(pressure)) kPa",
                            fix: "Set 'outlet_pressure_kpa' below 'pressure_kpa', or remove the regulator.")
                    }
                    reg.finish()
                    if let cost, let outlet { regulator = Regulator(costFen: cost, outletPressureKilopascals: outlet) }
                }
                if let pressure, pressure >= Self.lowPressureLimitKilopascals, !r.has("regulator") {
                    r.error(
                        "needs-regulator", "pressure_kpa",
                        "source at \(NumberRule.format(pressure)) kPa is not low pressure (GB 50028: low < 10 kPa) and needs a regulator box",
                        fix: "Add `regulator: {cost_cny: ..., outlet_pressure_kpa: ...}` to this source.")
                }
            case .water:
                if r.exclusive("head_m", "pressure_head_m") {
                    if r.has("head_m") {
                        head = r.number("head_m", .any)
                        if let head, let node { totalHeads.append((node, head, r.anchor("head_m"), r.subject)) }
                    } else if r.has("pressure_head_m") {
                        if let h = r.number("pressure_head_m", .positive) {
                            pendingPressureHeads.append((sources.count, h, r.anchor("pressure_head_m")))
                        }
                    } else {
                        r.error(
                            "missing-key", "head_m", "water source has no head",
                            fix: "Add 'head_m' (total head, m) or 'pressure_head_m' (head above the node's elevation, m).")
                    }
                }
            case nil:
                break
            }
            let host = r.mapping("host")
            r.finish()
            guard let id, register(id, kind: "source", at: r.keyNode("id")) else { continue }
            if let host { pendingHosts.append((sources.count, host, id)) }
            sources.append(
                Source(
                    id: id, name: name ?? id, nodeID: node ?? "", ownerID: owner ?? "", pressureKilopascals: pressure,
                    headMetres: head, spareCapacityCubicMetresPerHour: spare, tieInCostFen: tieIn, regulator: regulator,
                    location: diag.location(item)))
        }
    }

    // MARK: segments

    func readSegments(_ items: [SyntaxNode]?, owner top: ObjectReader, key: String) {
        requireNonEmpty(items, owner: top, key: key, noun: "segment")
        for (i, item) in (items ?? []).enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "segment", subject: "segment #\(i + 1)", diag: diag, utility: utility,
                    keys: ["id", "from", "to", "length_m", "surface", "owner", "existing"])
            else { continue }
            let id = r.id()
            let from = r.string("from", required: true)
            reference(.node, from, at: r.anchor("from"), subject: r.subject, role: "'from' of segment")
            let to = r.string("to", required: true)
            reference(.node, to, at: r.anchor("to"), subject: r.subject, role: "'to' of segment")
            if let from, let to, from == to {
                r.error(
                    "self-loop", "to", "segment starts and ends at node '\(from)'",
                    fix: "Set 'from' and 'to' to two different nodes.")
            }
            let length = r.number("length_m", .positive)
            let surface = r.string("surface", required: true)
            let owner = r.has("owner") ? r.string("owner") : nil
            reference(.owner, owner, at: r.anchor("owner"), subject: r.subject, role: "'owner' of segment")
            var existing: ExistingPipe?
            if let m = r.mapping("existing") { existing = readExisting(m, subject: r.subject) }
            r.finish()
            guard let id, register(id, kind: "segment", at: r.keyNode("id")) else { continue }
            let segment = Segment(
                id: id, fromNodeID: from ?? "", toNodeID: to ?? "", lengthMetres: length ?? 0, surface: surface ?? "",
                ownerID: owner, existing: existing, location: diag.location(item))
            segments.append(
                PendingSegment(
                    segment: segment, lengthGiven: length, at: item, surfaceAt: r.anchor("surface"),
                    lengthAt: r.has("length_m") ? r.anchor("length_m") : nil))
        }
    }

    func readExisting(_ m: SyntaxNode, subject: String?) -> ExistingPipe? {
        guard
            let r = ObjectReader(
                m, what: "existing pipe", subject: subject, diag: diag, utility: utility,
                keys: ["dn", "inner_diameter_mm", "max_velocity_m_s", "replaceable"], gasKeys: ["roughness_mm"],
                waterKeys: ["hazen_williams_c"])
        else { return nil }
        let dn = r.integer("dn", required: true, minimum: 1)
        let inner = r.number("inner_diameter_mm", required: true, .positive)
        let roughness = utility == .gas ? r.number("roughness_mm", required: true, .nonNegative) : nil
        let c = utility == .water ? r.number("hazen_williams_c", required: true, .positive) : nil
        let velocity = r.number("max_velocity_m_s", .positive)
        let replaceable = r.bool("replaceable") ?? true
        r.finish()
        guard let dn, let inner else { return nil }
        return ExistingPipe(
            nominalDiameter: dn, innerDiameterMillimetres: inner, roughnessMillimetres: roughness, hazenWilliamsC: c,
            maxVelocityMetresPerSecond: velocity, replaceable: replaceable)
    }

    // MARK: demands and household costs

    func readNodeDemands(_ items: [SyntaxNode]) {
        for (i, item) in items.enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "demand", subject: "demand #\(i + 1)", diag: diag, utility: utility,
                    keys: ["node", "flow_m3_h", "flow_l_s"], gasKeys: ["min_pressure_kpa"], waterKeys: ["min_head_m"])
            else { continue }
            let node = r.string("node", required: true)
            if let node { r.subject = node }
            reference(.node, node, at: r.anchor("node"), subject: r.subject, role: "'node' of demand")
            var flow: Double?
            if r.exclusive("flow_m3_h", "flow_l_s") {
                if r.has("flow_l_s") {
                    flow = r.number("flow_l_s", .positive).map { $0 * 3.6 }
                } else if r.has("flow_m3_h") {
                    flow = r.number("flow_m3_h", .positive)
                } else {
                    r.error(
                        "missing-key", "flow_m3_h", "demand has no design flow",
                        fix: "Add 'flow_m3_h' (m³/h) or 'flow_l_s' (L/s), a number greater than 0.")
                }
            }
            let minPressure = utility == .gas ? r.number("min_pressure_kpa", .positive) : nil
            let minHead = utility == .water ? r.number("min_head_m", .positive) : nil
            r.finish()
            guard let node, let flow else { continue }
            nodeDemands.append(
                NodeDemand(
                    nodeID: node, designFlowCubicMetresPerHour: flow, minPressureKilopascals: minPressure, minHeadMetres: minHead,
                    location: diag.location(item)))
        }
    }

    func readHouseholdCosts(_ items: [SyntaxNode]) {
        for (i, item) in items.enumerated() {
            guard
                let r = ObjectReader(
                    item, what: "household cost", subject: "household cost #\(i + 1)", diag: diag, utility: utility,
                    keys: ["item", "cost_cny"])
            else { continue }
            let name = r.string("item", required: true)
            if let name { r.subject = name }
            let cost = r.money("cost_cny", required: true)
            r.finish()
            guard let name, register(name, kind: "household cost item", at: r.anchor("item")), let cost else { continue }
            householdCosts.append(HouseholdCost(item: name, costFen: cost))
        }
    }
}
