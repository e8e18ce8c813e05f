// SPDX-License-Identifier: GPL-3.0-or-later

/// Turns a `SyntaxNode` tree into a `Scenario`, collecting every problem as a `Finding`.
///
/// Reading happens in three passes: the sections in file order (types, ranges, unknown keys,
/// duplicate ids), then the cross-references and whole-file rules (dangling ids, household
/// counts, segment lengths, buildability), then assembly. Nothing is assembled if any error was
/// found, so a returned `Scenario` always satisfies every rule in docs/scenario-format.md.
final class ScenarioBuilder {
    let diag: Diagnostics
    var utility: Utility?

    // Pass 1 results, in file order.
    var name: String?
    var description: String?
    var nodes: [Node] = []
    var compounds: [Compound] = []
    var buildings: [Building] = []
    var households: [Household] = []
    var owners: [Owner] = []
    var sources: [Source] = []
    var pipes: [PipeType] = []
    var segments: [PendingSegment] = []
    var nodeDemands: [NodeDemand] = []
    var householdCosts: [HouseholdCost] = []
    var demand: DemandModel?
    var costSharing: CostSharing?
    var pendingCostSharing: PendingCostSharing?
    /// Set when positions were given in degrees (nodes' lon/lat or a WGS84 GeoJSON network).
    var geographicOrigin: GeographicOrigin?
    var schedule: ScheduleSettings?
    var pendingSchedule: PendingSchedule?

    /// Kind → id → where it was first defined (duplicate detection).
    var definitions: [String: [String: SyntaxNode]] = [:]
    /// Id → index in `nodes` / `buildings` / `owners` (first definition wins).
    var nodeIndex: [String: Int] = [:]
    var buildingIndex: [String: Int] = [:]
    var ownerIndex: [String: Int] = [:]
    var householdIndex: [String: Int] = [:]
    /// Party id → position in the `cost_sharing.parties` list as written.
    var partyIndex: [String: Int] = [:]
    /// Where each building's `households` count was written (for the record-count check).
    var buildingHouseholdsAt: [String: SyntaxNode] = [:]
    /// Household records' floors, checked against their building's floors in pass 2.
    var householdFloors: [(buildingID: String, floor: Int, at: SyntaxNode, subject: String?)] = []
    /// Water sources given as `pressure_head_m`: resolved against the node's elevation in pass 2.
    var pendingPressureHeads: [(sourceIndex: Int, pressureHeadMetres: Double, at: SyntaxNode)] = []
    /// Water sources given as total `head_m`, checked against their node's elevation in pass 2.
    var totalHeads: [(nodeID: String, headMetres: Double, at: SyntaxNode, subject: String?)] = []
    /// Sources' `host` blocks, read once the demand model is known (ScenarioBuilder+Host.swift).
    var pendingHosts: [(sourceIndex: Int, node: SyntaxNode, subject: String)] = []
    var references: [Reference] = []
    /// Nodes whose coordinates were given but invalid (already reported): no length is derived from them.
    var nodesWithBadCoordinates: Set<String> = []
    /// Households whose `floor_area_m2` was given but invalid (already reported).
    var householdsWithBadFloorArea: Set<String> = []

    struct Reference {
        enum Kind: String { case node, owner, building, household, party }
        var kind: Kind
        var id: String
        var at: SyntaxNode
        var subject: String?
        /// e.g. "'from' of segment".
        var role: String
    }

    /// A segment whose length may still have to come from its nodes' coordinates.
    struct PendingSegment {
        var segment: Segment
        var lengthGiven: Double?
        var at: SyntaxNode
        var surfaceAt: SyntaxNode
        var lengthAt: SyntaxNode?
        /// The length was measured along a GeoJSON LineString (no straight-line comparison).
        var lengthFromGeometry = false
    }

    private var cachedStandards: StandardsData?

    init(file: String) {
        diag = Diagnostics(file: file)
    }

    /// The bundled defaults, loaded only when a default is actually needed.
    func standards() throws -> StandardsData {
        if let cachedStandards { return cachedStandards }
        let s = try Standards.load()
        cachedStandards = s
        return s
    }

    static let topLevelKeys = [
        "connplan", "name", "description", "utility", "demand", "nodes", "compounds", "households", "owners",
        "sources", "pipes", "segments", "demands", "household_costs", "cost_sharing", "network", "schedule",
    ]

    /// Reads the whole document. Returns nil when errors were found (they are in `diag`).
    func build(root: SyntaxNode) throws -> Scenario? {
        guard
            let top = ObjectReader(
                root, what: "the scenario file", diag: diag, utility: nil, keys: Self.topLevelKeys, gasKeys: ["gas"])
        else { return nil }

        readVersion(top)
        name = top.string("name", required: true)
        description = top.has("description") ? top.string("description") : nil
        utility = top.choice("utility", required: true, Utility.self)
        top.utility = utility

        // With a GeoJSON network the nodes and segments come from its layers (read after the
        // owners and pipes they refer to); see ScenarioBuilder+Network.swift.
        let network = top.mapping("network")
        if network != nil { rejectListsBesideNetwork(top) }
        readNodes(network == nil ? top.list("nodes", required: true) : nil, owner: top, key: "nodes")
        readOwners(top.list("owners") ?? [])
        readPipes(top.list("pipes") ?? [])
        readCompounds(top.list("compounds", required: true), owner: top, key: "compounds")
        readHouseholds(top.list("households") ?? [])
        readSources(top.list("sources", required: true), owner: top, key: "sources")
        readSegments(network == nil ? top.list("segments", required: true) : nil, owner: top, key: "segments")
        if let network { readNetwork(network) }
        readNodeDemands(top.list("demands") ?? [])
        readHouseholdCosts(top.list("household_costs") ?? [])
        readCostSharing(top.mapping("cost_sharing"))
        readSchedule(top.mapping("schedule"))
        switch utility {
        case .gas:
            demand = try readGasDemand(gas: top.mapping("gas"), demand: top.mapping("demand", required: true), top: top)
        case .water:
            demand = try readWaterDemand(top.mapping("demand"))
        case nil:
            break
        }
        try readHosts()
        top.finish()

        checkReferences()
        checkHouseholds()
        resolveWaterHeads()
        resolveSegments()
        checkCostSharing()
        checkSchedule()
        warnUnused()

        return assemble()
    }

    private func readVersion(_ top: ObjectReader) {
        guard let v = top.value("connplan") else {
            diag.error(
                "missing-key", at: top.node, subject: nil, "the file does not say which scenario format it uses",
                fix: "Add `connplan: 1` as the first line.")
            return
        }
        guard let version = top.integer("connplan", minimum: 1) else { return }
        if version != 1 {
            diag.error(
                "unsupported-version", at: v, subject: nil,
                "scenario format version \(version) is not supported; this connplan reads version 1",
                fix: "Set `connplan: 1` and write the file in format version 1 (docs/scenario-format.md).")
        }
    }

    /// Records `id` as defined at `at`; reports a duplicate within the same kind.
    /// Returns false for a duplicate (the caller still keeps the first definition).
    func register(_ id: String, kind: String, at: SyntaxNode) -> Bool {
        if let first = definitions[kind]?[id] {
            diag.error(
                "duplicate-id", at: at, subject: id, "\(kind) id '\(id)' is used twice (first at line \(first.line))",
                fix: "Give each \(kind) a unique id.")
            return false
        }
        definitions[kind, default: [:]][id] = at
        return true
    }

    func reference(_ kind: Reference.Kind, _ id: String?, at: SyntaxNode, subject: String?, role: String) {
        guard let id else { return }
        references.append(Reference(kind: kind, id: id, at: at, subject: subject, role: role))
    }

    /// Reports an empty list that must have entries.
    func requireNonEmpty(_ items: [SyntaxNode]?, owner: ObjectReader, key: String, noun: String) {
        guard let items, items.isEmpty else { return }
        owner.error(
            "empty-list", key, "'\(key)' is empty; a scenario needs at least one \(noun)", fix: "Add at least one \(noun) to '\(key)'.")
    }

    private func assemble() -> Scenario? {
        guard !diag.hasErrors, let name, let utility, let demand else { return nil }
        return Scenario(
            name: name, description: description, file: diag.file, utility: utility, nodes: nodes, compounds: compounds,
            buildings: buildings, households: households, segments: segments.map(\.segment), pipes: pipes, sources: sources,
            owners: owners, nodeDemands: nodeDemands, householdCosts: householdCosts, demand: demand, costSharing: costSharing,
            geographicOrigin: geographicOrigin, schedule: schedule)
    }
}
