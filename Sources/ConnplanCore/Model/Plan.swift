// SPDX-License-Identifier: GPL-3.0-or-later
//
// A connection plan: the decisions (which sources, which segments, which pipe on each)
// and every figure derived from them. The planner fills it in; `PlanChecker` recomputes it
// from scratch and reports any disagreement as a finding.

/// The pipe laid (or reused) on one segment.
public struct PipeChoice: Sendable, Hashable {
    /// Catalogue id, or nil when the existing pipe is reused.
    public var pipeID: String?
    public var material: String?
    public var nominalDiameter: Int
    public var innerDiameterMillimetres: Double
    public var roughnessMillimetres: Double?
    public var hazenWilliamsC: Double?
    public var maxVelocityMetresPerSecond: Double?
    public var reused: Bool
    public init(
        pipeID: String?, material: String?, nominalDiameter: Int, innerDiameterMillimetres: Double,
        roughnessMillimetres: Double?, hazenWilliamsC: Double?, maxVelocityMetresPerSecond: Double?, reused: Bool
    ) {
        self.pipeID = pipeID
        self.material = material
        self.nominalDiameter = nominalDiameter
        self.innerDiameterMillimetres = innerDiameterMillimetres
        self.roughnessMillimetres = roughnessMillimetres
        self.hazenWilliamsC = hazenWilliamsC
        self.maxVelocityMetresPerSecond = maxVelocityMetresPerSecond
        self.reused = reused
    }

    public init(pipe: PipeType) {
        self.init(
            pipeID: pipe.id, material: pipe.material, nominalDiameter: pipe.nominalDiameter,
            innerDiameterMillimetres: pipe.innerDiameterMillimetres, roughnessMillimetres: pipe.roughnessMillimetres,
            hazenWilliamsC: pipe.hazenWilliamsC, maxVelocityMetresPerSecond: pipe.maxVelocityMetresPerSecond,
            reused: false)
    }

    public init(existing: ExistingPipe) {
        self.init(
            pipeID: nil, material: nil, nominalDiameter: existing.nominalDiameter,
            innerDiameterMillimetres: existing.innerDiameterMillimetres, roughnessMillimetres: existing.roughnessMillimetres,
            hazenWilliamsC: existing.hazenWilliamsC, maxVelocityMetresPerSecond: existing.maxVelocityMetresPerSecond,
            reused: true)
    }

    /// "DN110" style label.
    public var label: String { reused ? "DN\(nominalDiameter) (existing)" : "DN\(nominalDiameter)" }
}

/// The decisions of a plan, nothing derived: enough to recompute everything else.
public struct Route: Sendable, Hashable {
    public struct Leg: Sendable, Hashable {
        public var segmentID: String
        public var pipe: PipeChoice
        public init(segmentID: String, pipe: PipeChoice) {
            self.segmentID = segmentID
            self.pipe = pipe
        }
    }
    public var sourceIDs: [String]
    public var legs: [Leg]
    public init(sourceIDs: [String], legs: [Leg]) {
        self.sourceIDs = sourceIDs
        self.legs = legs
    }
}

/// One segment of the chosen route, oriented from the source.
public struct PlannedSegment: Sendable, Hashable {
    public var segmentID: String
    public var sourceID: String
    public var upstreamNodeID: String
    public var downstreamNodeID: String
    public var lengthMetres: Double
    public var surface: String
    public var ownerID: String?
    public var pipe: PipeChoice
    public var costFen: Fen
    public var householdsDownstream: Int
    public var designFlowCubicMetresPerHour: Double
    public var velocityMetresPerSecond: Double
    /// Friction loss along the segment: Pa for gas, m of head for water.
    public var frictionLoss: Double
    public init(segmentID: String, sourceID: String, upstreamNodeID: String, downstreamNodeID: String, lengthMetres: Double, surface: String, ownerID: String?, pipe: PipeChoice, costFen: Fen, householdsDownstream: Int, designFlowCubicMetresPerHour: Double, velocityMetresPerSecond: Double, frictionLoss: Double) {
        self.segmentID = segmentID
        self.sourceID = sourceID
        self.upstreamNodeID = upstreamNodeID
        self.downstreamNodeID = downstreamNodeID
        self.lengthMetres = lengthMetres
        self.surface = surface
        self.ownerID = ownerID
        self.pipe = pipe
        self.costFen = costFen
        self.householdsDownstream = householdsDownstream
        self.designFlowCubicMetresPerHour = designFlowCubicMetresPerHour
        self.velocityMetresPerSecond = velocityMetresPerSecond
        self.frictionLoss = frictionLoss
    }

}

/// Service at one building: the pressure (gas, kPa gauge) or pressure head (water, m above the
/// building's ground) at its inlet, against its requirement.
public struct BuildingService: Sendable, Hashable {
    public var buildingID: String
    public var nodeID: String
    public var households: Int
    public var sourceID: String
    /// kPa for gas, m of pressure head for water.
    public var value: Double
    public var required: Double
    public var margin: Double { value - required }
    public init(buildingID: String, nodeID: String, households: Int, sourceID: String, value: Double, required: Double) {
        self.buildingID = buildingID
        self.nodeID = nodeID
        self.households = households
        self.sourceID = sourceID
        self.value = value
        self.required = required
    }

}

/// A node with an explicit design flow, and its service.
public struct DemandService: Sendable, Hashable {
    public var nodeID: String
    public var sourceID: String
    public var designFlowCubicMetresPerHour: Double
    public var value: Double
    public var required: Double?
    public init(nodeID: String, sourceID: String, designFlowCubicMetresPerHour: Double, value: Double, required: Double?) {
        self.nodeID = nodeID
        self.sourceID = sourceID
        self.designFlowCubicMetresPerHour = designFlowCubicMetresPerHour
        self.value = value
        self.required = required
    }
    /// `value − required`; nil when the demand has no minimum.
    public var margin: Double? { required.map { value - $0 } }
}

public struct SourceUse: Sendable, Hashable {
    public var sourceID: String
    public var households: Int
    public var designFlowCubicMetresPerHour: Double
    public var spareCapacityCubicMetresPerHour: Double?
    public var tieInCostFen: Fen
    public var regulatorCostFen: Fen
    public init(sourceID: String, households: Int, designFlowCubicMetresPerHour: Double, spareCapacityCubicMetresPerHour: Double?, tieInCostFen: Fen, regulatorCostFen: Fen) {
        self.sourceID = sourceID
        self.households = households
        self.designFlowCubicMetresPerHour = designFlowCubicMetresPerHour
        self.spareCapacityCubicMetresPerHour = spareCapacityCubicMetresPerHour
        self.tieInCostFen = tieInCostFen
        self.regulatorCostFen = regulatorCostFen
    }

}

public struct ConsentUse: Sendable, Hashable {
    public var ownerID: String
    public var ownerName: String
    public var consent: Consent
    public var costFen: Fen
    /// Segment and source ids of this owner that the plan uses.
    public var uses: [String]
    public init(ownerID: String, ownerName: String, consent: Consent, costFen: Fen, uses: [String]) {
        self.ownerID = ownerID
        self.ownerName = ownerName
        self.consent = consent
        self.costFen = costFen
        self.uses = uses
    }

}

public struct CostBreakdown: Sendable, Hashable {
    public var pipesFen: Fen
    public var tieInsFen: Fen
    public var regulatorsFen: Fen
    public var consentsFen: Fen
    /// Fixed per-household items (meters, indoor work) times households served.
    public var householdItemsFen: Fen
    public var totalFen: Fen { pipesFen + tieInsFen + regulatorsFen + consentsFen + householdItemsFen }
    public init(pipesFen: Fen, tieInsFen: Fen, regulatorsFen: Fen, consentsFen: Fen, householdItemsFen: Fen) {
        self.pipesFen = pipesFen
        self.tieInsFen = tieInsFen
        self.regulatorsFen = regulatorsFen
        self.consentsFen = consentsFen
        self.householdItemsFen = householdItemsFen
    }

}

/// A line of the bill of quantities.
public struct QuantityLine: Sendable, Hashable {
    public var item: String
    public var unit: String
    public var quantity: Double
    public var costFen: Fen
    public init(item: String, unit: String, quantity: Double, costFen: Fen) {
        self.item = item
        self.unit = unit
        self.quantity = quantity
        self.costFen = costFen
    }

}

/// A complete plan with every derived figure.
public struct Plan: Sendable {
    public var utility: Utility
    public var route: Route
    public var sources: [SourceUse]
    public var segments: [PlannedSegment]
    public var buildings: [BuildingService]
    public var demands: [DemandService]
    public var consents: [ConsentUse]
    public var costs: CostBreakdown
    public var billOfQuantities: [QuantityLine]
    public var households: Int

    /// Owners whose consent is still pending and that the plan relies on.
    public var pendingConsentOwnerIDs: [String] { consents.filter { $0.consent == .pending }.map(\.ownerID) }
    /// Smallest margin over all buildings and explicit demands (kPa or m).
    public var smallestMargin: Double? {
        let m = buildings.map(\.margin) + demands.compactMap(\.margin)
        return m.min()
    }
    public init(utility: Utility, route: Route, sources: [SourceUse], segments: [PlannedSegment], buildings: [BuildingService], demands: [DemandService], consents: [ConsentUse], costs: CostBreakdown, billOfQuantities: [QuantityLine], households: Int) {
        self.utility = utility
        self.route = route
        self.sources = sources
        self.segments = segments
        self.buildings = buildings
        self.demands = demands
        self.consents = consents
        self.costs = costs
        self.billOfQuantities = billOfQuantities
        self.households = households
    }

}
