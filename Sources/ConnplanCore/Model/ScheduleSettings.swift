// SPDX-License-Identifier: GPL-3.0-or-later
//
// The `schedule` section of a scenario: calendar, crews, productivity, fixed durations, permits,
// consent negotiations, procurement lead times and the outage. Every duration is in working days
// of the project calendar; money is integer fen. All of it is scenario data: nothing here is a
// default baked into code.

/// The kinds of crew the works need. Each task of the works uses one crew of one kind.
public enum CrewType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Digs (and reinstates) trenches.
    case trench
    /// Lays and joins pipe, builds building risers and regulator boxes.
    case pipeFitter = "pipe_fitter"
    /// Installs household meters and connects them to the indoor pipe.
    case meterInstaller = "meter_installer"
    /// Makes the live tie-in to the host network; usually the utility company's own team.
    case tieIn = "tie_in"

    public var label: String {
        switch self {
        case .trench: return "trench crew"
        case .pipeFitter: return "pipe fitters"
        case .meterInstaller: return "meter installers"
        case .tieIn: return "tie-in team"
        }
    }
}

/// How many crews of one kind the works can use, and what they cost.
public struct Crew: Sendable, Hashable {
    public var type: CrewType
    /// Crews available for the whole works (≥ 1).
    public var count: Int
    /// Further crews that may be hired if they pay for themselves against the outage cost.
    public var extra: Int
    /// Lump sum per extra crew hired for the works, fen.
    public var extraCostFen: Fen
    /// Cost of one crew-day of work, fen (reported as the works cost; the same for every schedule).
    public var dayRateFen: Fen
    /// Booking slots: when non-empty, every task of this crew runs entirely inside one slot.
    public var slots: [DateRange]
    public var location: SourceLocation?
    public init(
        type: CrewType, count: Int, extra: Int = 0, extraCostFen: Fen = 0, dayRateFen: Fen = 0, slots: [DateRange] = [],
        location: SourceLocation? = nil
    ) {
        self.type = type
        self.count = count
        self.extra = extra
        self.extraCostFen = extraCostFen
        self.dayRateFen = dayRateFen
        self.slots = slots
        self.location = location
    }
}

/// Output rates of the crews.
public struct Productivity: Sendable, Hashable {
    /// Metres of trench one trench crew digs per working day, by surface; 0 means no trench
    /// (e.g. a wall-mounted pipe).
    public var trenchMetresPerCrewDay: [String: Double]
    /// Metres of pipe one pipe-fitter crew lays per working day, by surface (> 0).
    public var pipeMetresPerCrewDay: [String: Double]
    /// Households whose meters one installer connects per working day.
    public var householdsPerInstallerDay: Double
    /// Working days of one pipe-fitter crew for one building's riser.
    public var riserDaysPerBuilding: Int
    public init(
        trenchMetresPerCrewDay: [String: Double], pipeMetresPerCrewDay: [String: Double], householdsPerInstallerDay: Double,
        riserDaysPerBuilding: Int
    ) {
        self.trenchMetresPerCrewDay = trenchMetresPerCrewDay
        self.pipeMetresPerCrewDay = pipeMetresPerCrewDay
        self.householdsPerInstallerDay = householdsPerInstallerDay
        self.riserDaysPerBuilding = riserDaysPerBuilding
    }
}

/// Fixed durations, working days.
public struct FixedDurations: Sendable, Hashable {
    public var surveyAndDesignDays: Int
    public var tieInDays: Int
    /// Installing a pressure-regulator box (gas sources that need one).
    public var regulatorBoxDays: Int
    public var pressureTestDays: Int
    /// Per building branch: gas purge and gas-in, or water disinfection and flushing.
    public var commissioningDays: Int
    /// Defaults for permits, negotiations and procurement without their own entry.
    public var permitDays: Int?
    public var negotiationDays: Int?
    public var procurementDays: Int?
    public init(
        surveyAndDesignDays: Int, tieInDays: Int, regulatorBoxDays: Int = 1, pressureTestDays: Int, commissioningDays: Int,
        permitDays: Int? = nil, negotiationDays: Int? = nil, procurementDays: Int? = nil
    ) {
        self.surveyAndDesignDays = surveyAndDesignDays
        self.tieInDays = tieInDays
        self.regulatorBoxDays = regulatorBoxDays
        self.pressureTestDays = pressureTestDays
        self.commissioningDays = commissioningDays
        self.permitDays = permitDays
        self.negotiationDays = negotiationDays
        self.procurementDays = procurementDays
    }
}

/// A road-excavation permit: one per road owner whose road the plan opens.
public struct PermitRule: Sendable, Hashable {
    public var ownerID: String
    public var durationWorkingDays: Int
    public var location: SourceLocation?
    public init(ownerID: String, durationWorkingDays: Int, location: SourceLocation? = nil) {
        self.ownerID = ownerID
        self.durationWorkingDays = durationWorkingDays
        self.location = location
    }
}

/// The negotiation of a pending consent. The schedule plans on `durationWorkingDays` from the
/// start; `latest` is the date by which the owner has promised a decision at the latest.
public struct NegotiationRule: Sendable, Hashable {
    public var ownerID: String
    public var durationWorkingDays: Int
    public var latest: CalendarDate?
    public var location: SourceLocation?
    public init(ownerID: String, durationWorkingDays: Int, latest: CalendarDate? = nil, location: SourceLocation? = nil) {
        self.ownerID = ownerID
        self.durationWorkingDays = durationWorkingDays
        self.latest = latest
        self.location = location
    }
}

/// Procurement lead time of one pipe size (from order, after design, to delivery on site).
public struct LeadTime: Sendable, Hashable {
    public var nominalDiameter: Int
    public var durationWorkingDays: Int
    public init(nominalDiameter: Int, durationWorkingDays: Int) {
        self.nominalDiameter = nominalDiameter
        self.durationWorkingDays = durationWorkingDays
    }
}

/// The households' loss of supply while the works go on.
public struct OutageSettings: Sendable, Hashable {
    /// The existing supply stays in service until the new one is commissioned: no outage.
    public var existingSupplyKept: Bool
    /// The date supply was cut (the first day without supply).
    public var cutOff: CalendarDate?
    /// Interim supply (water trucks, bottled gas) per calendar day until the last household is connected, fen.
    public var interimSupplyCostPerDayFen: Fen
    /// Hardship cost per household per calendar day without supply, fen (0: not counted).
    public var costPerHouseholdDayFen: Fen
    /// An outage reported elsewhere for comparison (e.g. the 89 days of DOMAIN.md case 2).
    public var referenceOutageDays: Int?
    /// Where the reference figure comes from, for the report ("the case").
    public var referenceSource: String?
    public init(
        existingSupplyKept: Bool = false, cutOff: CalendarDate? = nil, interimSupplyCostPerDayFen: Fen = 0,
        costPerHouseholdDayFen: Fen = 0, referenceOutageDays: Int? = nil, referenceSource: String? = nil
    ) {
        self.existingSupplyKept = existingSupplyKept
        self.cutOff = cutOff
        self.interimSupplyCostPerDayFen = interimSupplyCostPerDayFen
        self.costPerHouseholdDayFen = costPerHouseholdDayFen
        self.referenceOutageDays = referenceOutageDays
        self.referenceSource = referenceSource
    }

    /// True when the outage has a cost, so the schedule minimises works plus outage cost.
    public var hasCost: Bool { !existingSupplyKept && cutOff != nil && (interimSupplyCostPerDayFen > 0 || costPerHouseholdDayFen > 0) }
}

/// The `schedule` section of a scenario.
public struct ScheduleSettings: Sendable, Hashable {
    public var calendar: WorkCalendar
    /// One entry per crew type, in `CrewType.allCases` order.
    public var crews: [Crew]
    public var productivity: Productivity
    public var durations: FixedDurations
    public var permits: [PermitRule]
    /// Explicit negotiations; pending owners without one use `durations.negotiationDays`.
    public var negotiations: [NegotiationRule]
    public var procurement: [LeadTime]
    public var outage: OutageSettings?
    public var location: SourceLocation?
    public init(
        calendar: WorkCalendar, crews: [Crew], productivity: Productivity, durations: FixedDurations, permits: [PermitRule] = [],
        negotiations: [NegotiationRule] = [], procurement: [LeadTime] = [], outage: OutageSettings? = nil, location: SourceLocation? = nil
    ) {
        self.calendar = calendar
        self.crews = crews
        self.productivity = productivity
        self.durations = durations
        self.permits = permits
        self.negotiations = negotiations
        self.procurement = procurement
        self.outage = outage
        self.location = location
    }

    public func crew(_ type: CrewType) -> Crew? { crews.first { $0.type == type } }

    /// Working days to negotiate `ownerID`'s pending consent (its own entry, else the default).
    public func negotiation(for ownerID: String) -> NegotiationRule? {
        if let n = negotiations.first(where: { $0.ownerID == ownerID }) { return n }
        return durations.negotiationDays.map { NegotiationRule(ownerID: ownerID, durationWorkingDays: $0) }
    }

    public func permit(for ownerID: String) -> PermitRule? { permits.first { $0.ownerID == ownerID } }

    /// Lead time for pipe of `nominalDiameter` (its own entry, else the default).
    public func leadTimeDays(nominalDiameter: Int) -> Int? {
        procurement.first { $0.nominalDiameter == nominalDiameter }?.durationWorkingDays ?? durations.procurementDays
    }
}

extension Scenario {
    /// Whether the scenario has a `schedule` section (commands that show durations skip it otherwise).
    public var hasSchedule: Bool { schedule != nil }
}
