// SPDX-License-Identifier: GPL-3.0-or-later
//
// A summary of a neighbour's own network behind a source (scenario key `host` of a source), so
// that the neighbour's question in case 1 ("will our gas pressure drop?") has a number. Used only
// to report the impact of a tie-in (`HostImpact`); the planner does not read it.

/// The host's side of a tie-in: its households, how much they draw at peak, the pipe the new flow
/// would share with them, and its worst-placed household.
///
/// The summary is one pipe: `servicePipe` runs from the host's upstream point (the main, or the
/// outlet of the host's regulator box) to the point where the tie-in branches off, and carries
/// the host's whole design flow. Past that point, the host's internal pipes keep their own flow,
/// so the loss from there to the worst-placed household (`WorstHousehold.internalLoss`) does not
/// change with the tie-in.
public struct HostNetwork: Sendable, Hashable {
    /// How the host's design flow is worked out.
    public enum Demand: Sendable, Hashable {
        /// The host's households are like the compound's: the scenario's `demand` section.
        case sameAsScenario
        /// Gas: the host's own appliances and simultaneity table (GB 50028-2006 §10.2.9).
        case gasAppliances(applianceLoadsCubicMetresPerHour: [String: Double], simultaneity: SimultaneityTable)
        /// Water: the host's own demand model (GB 50015-2019 §3.2 or §3.7).
        case water(WaterDemand)
        /// The host's peak design flow as its engineer gives it, m³/h.
        case designFlow(cubicMetresPerHour: Double)
    }

    /// The pipe the host's households and the tie-in would share.
    public struct ServicePipe: Sendable, Hashable {
        public var lengthMetres: Double
        public var innerDiameterMillimetres: Double
        /// Gas: absolute roughness for Darcy-Weisbach, mm.
        public var roughnessMillimetres: Double?
        /// Water: Hazen-Williams C.
        public var hazenWilliamsC: Double?
        /// Gas: gauge pressure where the pipe leaves the host's main or regulator box, kPa (low pressure).
        public var upstreamPressureKilopascals: Double?
        /// Gas: elevation of that upstream point, m; nil means the tie-in node's elevation.
        public var upstreamElevationMetres: Double?
        /// Water: total head at the upstream point (elevation + pressure head), m.
        public var upstreamHeadMetres: Double?
        public init(
            lengthMetres: Double, innerDiameterMillimetres: Double, roughnessMillimetres: Double? = nil,
            hazenWilliamsC: Double? = nil, upstreamPressureKilopascals: Double? = nil, upstreamElevationMetres: Double? = nil,
            upstreamHeadMetres: Double? = nil
        ) {
            self.lengthMetres = lengthMetres
            self.innerDiameterMillimetres = innerDiameterMillimetres
            self.roughnessMillimetres = roughnessMillimetres
            self.hazenWilliamsC = hazenWilliamsC
            self.upstreamPressureKilopascals = upstreamPressureKilopascals
            self.upstreamElevationMetres = upstreamElevationMetres
            self.upstreamHeadMetres = upstreamHeadMetres
        }
    }

    /// The host household whose inlet has the lowest pressure at peak.
    public struct WorstHousehold: Sendable, Hashable {
        /// Elevation of its inlet, m.
        public var elevationMetres: Double
        /// Friction loss at peak from the end of the service pipe to this inlet: kPa (gas) or m (water).
        /// The tie-in does not change it (the host's internal pipes keep their own flow).
        public var internalLoss: Double
        /// Gas: minimum inlet pressure, kPa; nil means the scenario's `demand.min_pressure_kpa`.
        public var minPressureKilopascals: Double?
        /// Water: minimum pressure head at the inlet, m (or give `floors`).
        public var minHeadMetres: Double?
        /// Water: storeys of its building, for the service-head rule when `minHeadMetres` is nil.
        public var floors: Int?
        public init(
            elevationMetres: Double, internalLoss: Double = 0, minPressureKilopascals: Double? = nil,
            minHeadMetres: Double? = nil, floors: Int? = nil
        ) {
            self.elevationMetres = elevationMetres
            self.internalLoss = internalLoss
            self.minPressureKilopascals = minPressureKilopascals
            self.minHeadMetres = minHeadMetres
            self.floors = floors
        }
    }

    public var households: Int
    public var demand: Demand
    public var servicePipe: ServicePipe
    public var worstHousehold: WorstHousehold
    public var location: SourceLocation?

    public init(
        households: Int, demand: Demand = .sameAsScenario, servicePipe: ServicePipe, worstHousehold: WorstHousehold,
        location: SourceLocation? = nil
    ) {
        self.households = households
        self.demand = demand
        self.servicePipe = servicePipe
        self.worstHousehold = worstHousehold
        self.location = location
    }
}
