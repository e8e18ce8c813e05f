// SPDX-License-Identifier: GPL-3.0-or-later
//
// The domain model of a connection scenario. Units are in every name that crosses a
// boundary; money is integer fen (0.01 CNY). The model is solver-neutral: nothing here
// knows about GLPK.

/// Integer fen (0.01 CNY). All money in connplan is held in this unit so totals reconcile exactly.
public typealias Fen = Int

/// Where a value came from in a scenario file (1-based line and column).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String { "\(file):\(line):\(column)" }
}

public enum Utility: String, Sendable, Codable, CaseIterable {
    case gas
    case water
}

/// A point of the candidate network. Positions are local metres (lon/lat input is projected on load).
public struct Node: Sendable, Hashable {
    public var id: String
    public var xMetres: Double?
    public var yMetres: Double?
    public var elevationMetres: Double
    public var location: SourceLocation?
    public init(id: String, xMetres: Double?, yMetres: Double?, elevationMetres: Double, location: SourceLocation? = nil) {
        self.id = id
        self.xMetres = xMetres
        self.yMetres = yMetres
        self.elevationMetres = elevationMetres
        self.location = location
    }
}

public struct Compound: Sendable, Hashable {
    public var id: String
    public var name: String
    public var buildingIDs: [String]
    public var location: SourceLocation?
    public init(id: String, name: String, buildingIDs: [String], location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.buildingIDs = buildingIDs
        self.location = location
    }
}

/// A building to be served. Its households draw at its node.
public struct Building: Sendable, Hashable {
    public var id: String
    public var compoundID: String
    public var nodeID: String
    public var floors: Int
    public var households: Int
    /// Overrides the demand model's minimum inlet pressure (gas), kPa gauge.
    public var minPressureKilopascals: Double?
    /// Overrides the service-head rule (water): minimum pressure head at the building inlet, m.
    public var minHeadMetres: Double?
    public var location: SourceLocation?
    public init(
        id: String, compoundID: String, nodeID: String, floors: Int, households: Int,
        minPressureKilopascals: Double? = nil, minHeadMetres: Double? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.compoundID = compoundID
        self.nodeID = nodeID
        self.floors = floors
        self.households = households
        self.minPressureKilopascals = minPressureKilopascals
        self.minHeadMetres = minHeadMetres
        self.location = location
    }
}

/// An optional per-household record (for cost sharing and reconciliation).
public struct Household: Sendable, Hashable {
    public var id: String
    public var buildingID: String
    public var floor: Int?
    public var occupied: Bool
    public var lowIncome: Bool
    public var paidFen: Fen
    public var floorAreaSquareMetres: Double?
    public var location: SourceLocation?
    public init(
        id: String, buildingID: String, floor: Int? = nil, occupied: Bool = true, lowIncome: Bool = false,
        paidFen: Fen = 0, floorAreaSquareMetres: Double? = nil, location: SourceLocation? = nil
    ) {
        self.id = id
        self.buildingID = buildingID
        self.floor = floor
        self.occupied = occupied
        self.lowIncome = lowIncome
        self.paidFen = paidFen
        self.floorAreaSquareMetres = floorAreaSquareMetres
        self.location = location
    }
}

/// A pipe already in the ground along a segment, reusable at no pipe cost.
public struct ExistingPipe: Sendable, Hashable {
    public var nominalDiameter: Int
    public var innerDiameterMillimetres: Double
    /// Absolute roughness for Darcy-Weisbach (gas), mm.
    public var roughnessMillimetres: Double?
    /// Hazen-Williams C (water).
    public var hazenWilliamsC: Double?
    public var maxVelocityMetresPerSecond: Double?
    /// Whether the planner may lay a new catalogue pipe instead (at full cost).
    public var replaceable: Bool
    public init(
        nominalDiameter: Int, innerDiameterMillimetres: Double, roughnessMillimetres: Double? = nil,
        hazenWilliamsC: Double? = nil, maxVelocityMetresPerSecond: Double? = nil, replaceable: Bool = true
    ) {
        self.nominalDiameter = nominalDiameter
        self.innerDiameterMillimetres = innerDiameterMillimetres
        self.roughnessMillimetres = roughnessMillimetres
        self.hazenWilliamsC = hazenWilliamsC
        self.maxVelocityMetresPerSecond = maxVelocityMetresPerSecond
        self.replaceable = replaceable
    }
}

/// A candidate pipe run between two nodes. Flow may go either way.
public struct Segment: Sendable, Hashable {
    public var id: String
    public var fromNodeID: String
    public var toNodeID: String
    public var lengthMetres: Double
    /// A key of the catalogue's surface prices (verge, pavement, asphalt, road_crossing, wall, ...).
    public var surface: String
    /// Owner of the land or network crossed; nil for the compound's own land (no consent needed).
    public var ownerID: String?
    public var existing: ExistingPipe?
    public var location: SourceLocation?
    /// The pipe's route as drawn, in local metres, from `fromNodeID`'s position to `toNodeID`'s
    /// (GeoJSON input); nil: a straight line between the two nodes.
    public var routeMetres: [PlanePoint]?
    public init(
        id: String, fromNodeID: String, toNodeID: String, lengthMetres: Double, surface: String,
        ownerID: String? = nil, existing: ExistingPipe? = nil, location: SourceLocation? = nil,
        routeMetres: [PlanePoint]? = nil
    ) {
        self.id = id
        self.fromNodeID = fromNodeID
        self.toNodeID = toNodeID
        self.lengthMetres = lengthMetres
        self.surface = surface
        self.ownerID = ownerID
        self.existing = existing
        self.location = location
        self.routeMetres = routeMetres
    }
}

/// One catalogue pipe size.
public struct PipeType: Sendable, Hashable {
    public var id: String
    public var material: String?
    /// Nominal size as printed on the bill of quantities (DN or dn).
    public var nominalDiameter: Int
    public var innerDiameterMillimetres: Double
    public var roughnessMillimetres: Double?
    public var hazenWilliamsC: Double?
    public var maxVelocityMetresPerSecond: Double
    /// Installed cost per metre by surface type, fen/m.
    public var costPerMetreFen: [String: Fen]
    public var location: SourceLocation?
    public init(
        id: String, material: String? = nil, nominalDiameter: Int, innerDiameterMillimetres: Double,
        roughnessMillimetres: Double? = nil, hazenWilliamsC: Double? = nil, maxVelocityMetresPerSecond: Double,
        costPerMetreFen: [String: Fen], location: SourceLocation? = nil
    ) {
        self.id = id
        self.material = material
        self.nominalDiameter = nominalDiameter
        self.innerDiameterMillimetres = innerDiameterMillimetres
        self.roughnessMillimetres = roughnessMillimetres
        self.hazenWilliamsC = hazenWilliamsC
        self.maxVelocityMetresPerSecond = maxVelocityMetresPerSecond
        self.costPerMetreFen = costPerMetreFen
        self.location = location
    }
}

/// A pressure-regulator box needed to tap a medium-pressure gas main (GB 50028 §6.6).
public struct Regulator: Sendable, Hashable {
    public var costFen: Fen
    public var outletPressureKilopascals: Double
    public init(costFen: Fen, outletPressureKilopascals: Double) {
        self.costFen = costFen
        self.outletPressureKilopascals = outletPressureKilopascals
    }
}

/// A tie-in point on a neighbour's network or a main in the road.
public struct Source: Sendable, Hashable {
    public var id: String
    public var name: String
    public var nodeID: String
    public var ownerID: String
    /// Gas: gauge pressure available at the tie-in, kPa.
    public var pressureKilopascals: Double?
    /// Water: total hydraulic head at the tie-in (elevation + pressure head), m.
    public var headMetres: Double?
    /// Spare capacity the host can give, m³/h of design flow; nil for unlimited.
    public var spareCapacityCubicMetresPerHour: Double?
    public var tieInCostFen: Fen
    public var regulator: Regulator?
    public var location: SourceLocation?
    /// The neighbour's own network behind this tie-in (scenario key `host`), for the impact statement;
    /// nil when not given. The planner does not read it.
    public var host: HostNetwork?
    public init(
        id: String, name: String, nodeID: String, ownerID: String, pressureKilopascals: Double? = nil,
        headMetres: Double? = nil, spareCapacityCubicMetresPerHour: Double? = nil, tieInCostFen: Fen = 0,
        regulator: Regulator? = nil, location: SourceLocation? = nil, host: HostNetwork? = nil
    ) {
        self.id = id
        self.name = name
        self.nodeID = nodeID
        self.ownerID = ownerID
        self.pressureKilopascals = pressureKilopascals
        self.headMetres = headMetres
        self.spareCapacityCubicMetresPerHour = spareCapacityCubicMetresPerHour
        self.tieInCostFen = tieInCostFen
        self.regulator = regulator
        self.location = location
        self.host = host
    }

    /// Gas pressure feeding the compound's low-pressure network: the regulator outlet if there is one.
    public var supplyPressureKilopascals: Double? { regulator?.outletPressureKilopascals ?? pressureKilopascals }
}

public enum Consent: String, Sendable, Codable, CaseIterable {
    case granted
    case pending
    case refused
}

/// A party whose land or network a plan may cross, with the status of its consent.
public struct Owner: Sendable, Hashable {
    public var id: String
    public var name: String
    public var consent: Consent
    /// One-off cost of obtaining consent (compensation, fees), paid once if the plan uses anything of this owner.
    public var consentCostFen: Fen
    public var location: SourceLocation?
    public init(id: String, name: String, consent: Consent, consentCostFen: Fen = 0, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.consent = consent
        self.consentCostFen = consentCostFen
        self.location = location
    }
}

/// An explicit design flow drawn at a node, in addition to any households there.
public struct NodeDemand: Sendable, Hashable {
    public var nodeID: String
    public var designFlowCubicMetresPerHour: Double
    public var minPressureKilopascals: Double?
    public var minHeadMetres: Double?
    public var location: SourceLocation?
    public init(
        nodeID: String, designFlowCubicMetresPerHour: Double, minPressureKilopascals: Double? = nil,
        minHeadMetres: Double? = nil, location: SourceLocation? = nil
    ) {
        self.nodeID = nodeID
        self.designFlowCubicMetresPerHour = designFlowCubicMetresPerHour
        self.minPressureKilopascals = minPressureKilopascals
        self.minHeadMetres = minHeadMetres
        self.location = location
    }
}

/// A fixed cost per household (meter, indoor work), charged for every household served.
public struct HouseholdCost: Sendable, Hashable {
    public var item: String
    public var costFen: Fen
    public init(item: String, costFen: Fen) {
        self.item = item
        self.costFen = costFen
    }
}

/// A complete, validated scenario. Build one with `ScenarioLoader`; every id reference resolves.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    /// The file it was loaded from (for messages); "<memory>" for built ones.
    public var file: String
    public var utility: Utility
    public var nodes: [Node]
    public var compounds: [Compound]
    public var buildings: [Building]
    public var households: [Household]
    public var segments: [Segment]
    public var pipes: [PipeType]
    public var sources: [Source]
    public var owners: [Owner]
    public var nodeDemands: [NodeDemand]
    public var householdCosts: [HouseholdCost]
    public var demand: DemandModel
    /// Who pays what (scenario section `cost_sharing`); nil: households share everything by the path rule.
    public var costSharing: CostSharing?
    /// Where local (0, 0) is on the globe when positions were given in WGS84 degrees (nodes'
    /// `lon`/`lat`, or a GeoJSON network with `crs: wgs84`); nil for local metres only.
    public var geographicOrigin: GeographicOrigin?
    /// The works schedule's data (scenario section `schedule`); nil: the scenario cannot be scheduled.
    public var schedule: ScheduleSettings?

    public init(
        name: String, description: String? = nil, file: String = "<memory>", utility: Utility, nodes: [Node],
        compounds: [Compound], buildings: [Building], households: [Household] = [], segments: [Segment],
        pipes: [PipeType], sources: [Source], owners: [Owner], nodeDemands: [NodeDemand] = [],
        householdCosts: [HouseholdCost] = [], demand: DemandModel, costSharing: CostSharing? = nil,
        geographicOrigin: GeographicOrigin? = nil,
        schedule: ScheduleSettings? = nil
    ) {
        self.name = name
        self.description = description
        self.file = file
        self.utility = utility
        self.nodes = nodes
        self.compounds = compounds
        self.buildings = buildings
        self.households = households
        self.segments = segments
        self.pipes = pipes
        self.sources = sources
        self.owners = owners
        self.nodeDemands = nodeDemands
        self.householdCosts = householdCosts
        self.demand = demand
        self.costSharing = costSharing
        self.geographicOrigin = geographicOrigin
        self.schedule = schedule
    }

    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }
    public func owner(_ id: String) -> Owner? { owners.first { $0.id == id } }
    public var totalHouseholds: Int { buildings.reduce(0) { $0 + $1.households } }
    /// Fixed cost per household (sum of `householdCosts`), fen.
    public var perHouseholdFixedCostFen: Fen { householdCosts.reduce(0) { $0 + $1.costFen } }
}
