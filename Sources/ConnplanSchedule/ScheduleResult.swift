// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the scheduler returns: every task with its calendar dates, the critical path, each
// household's connection date, the outage and its cost, and how the schedule was found (MILP or
// heuristic, with bound and gap). Durations are in working days of the scenario's calendar;
// money is integer fen.

import ConnplanCore

/// Options for `Scheduler`.
public struct ScheduleOptions: Sendable {
    /// Wall-clock limit for the MILP, seconds (the heuristic always runs first and is fast).
    public var timeLimitSeconds: Double
    /// Largest time-indexed model (start-time binaries) handed to the MILP solver; larger
    /// programmes are scheduled by the priority-rule heuristic, with a lower bound and gap.
    public var maximumStartVariables: Int
    /// Reschedule once per pending consent with a `latest` date, to report the finish if the
    /// decision comes only then.
    public var evaluateLatestConsents: Bool
    /// Relative MIP gap at which the MILP stops (0: prove optimality).
    public var relativeGap: Double
    /// Run the MILP even when the combinatorial bound already proves the heuristic's schedule
    /// optimal (normally skipped); the tests use it to confirm such proofs with GLPK.
    public var solveProvenWithMILP = false
    public init(timeLimitSeconds: Double = 20, maximumStartVariables: Int = 25_000, evaluateLatestConsents: Bool = true, relativeGap: Double = 0) {
        self.timeLimitSeconds = timeLimitSeconds
        self.maximumStartVariables = maximumStartVariables
        self.evaluateLatestConsents = evaluateLatestConsents
        self.relativeGap = relativeGap
    }
}

public enum ScheduleTaskKind: String, Sendable, Hashable, CaseIterable, Codable {
    case design
    case permit
    case negotiation
    case procurement
    case trench
    case pipeLaying = "pipe_laying"
    case riser
    case regulatorBox = "regulator_box"
    case meters
    case pressureTest = "pressure_test"
    case tieIn = "tie_in"
    case commissioning
}

/// How a task depends on a predecessor (the codes MS Project uses).
public enum DependencyType: String, Sendable, Hashable, Codable {
    /// The task starts after the predecessor finishes (plus the lag).
    case finishToStart = "FS"
    /// The task starts at least `lag` working days after the predecessor starts.
    case startToStart = "SS"
    /// The task finishes at least `lag` working days after the predecessor finishes.
    case finishToFinish = "FF"
}

public struct ScheduleDependency: Sendable, Hashable {
    public var predecessorID: String
    public var type: DependencyType
    public var lagWorkingDays: Int
    public init(predecessorID: String, type: DependencyType = .finishToStart, lagWorkingDays: Int = 0) {
        self.predecessorID = predecessorID
        self.type = type
        self.lagWorkingDays = lagWorkingDays
    }
    /// "design", "trench-C-B1 SS+1".
    public var label: String {
        if type == .finishToStart && lagWorkingDays == 0 { return predecessorID }
        return "\(predecessorID) \(type.rawValue)\(lagWorkingDays >= 0 ? "+" : "")\(lagWorkingDays)"
    }
}

/// One task of the works, placed on the calendar.
public struct ScheduledTask: Sendable, Hashable {
    /// Stable id, e.g. "design", "trench-R-NORTH", "meters-B1", "commission-B1".
    public var id: String
    public var name: String
    public var kind: ScheduleTaskKind
    /// The crew type the task needs (nil: office, supplier or utility work without a crew limit).
    public var crew: CrewType?
    /// Which crew of its type does it (1-based), for the Gantt and the resource assignment.
    public var crewUnit: Int?
    /// First and last working day of the task (inclusive).
    public var startDate: CalendarDate
    public var finishDate: CalendarDate
    /// Working-day index of the start (0 = first working day of the schedule).
    public var startIndex: Int
    public var durationWorkingDays: Int
    public var predecessors: [ScheduleDependency]
    /// Working days the task could start later without moving the finish (crews and calendar as planned).
    public var totalFloatWorkingDays: Int
    public var isCritical: Bool { totalFloatWorkingDays == 0 }

    // What the task covers (those that apply to its kind).
    public var segmentIDs: [String]
    public var lengthMetres: Double?
    public var surface: String?
    public var ownerID: String?
    public var buildingID: String?
    public var sourceID: String?
    public var nominalDiameters: [Int]
    public var households: Int?

    /// Index of the last working day.
    public var finishIndex: Int { startIndex + durationWorkingDays - 1 }
}

/// When a building's households are connected: at the finish of its branch's commissioning.
public struct BuildingConnection: Sendable, Hashable {
    public var buildingID: String
    public var households: Int
    /// Household record ids of the building (empty when the scenario has no records for it).
    public var householdIDs: [String]
    public var date: CalendarDate
    /// Calendar days without supply for these households (from the cut-off, both days counted).
    public var outageDays: Int?
}

/// The households' time without supply and what it costs.
public struct OutageSummary: Sendable, Hashable {
    /// No outage: the existing supply stays in service until commissioning.
    public var existingSupplyKept: Bool
    public var cutOff: CalendarDate?
    /// The date the last household is connected (the end of the outage).
    public var lastConnection: CalendarDate
    /// Calendar days from the cut-off to the last connection, both counted (0 without an outage).
    public var days: Int
    /// Σ over households of their own outage days.
    public var householdDays: Int
    public var interimSupplyCostFen: Fen
    public var householdHardshipCostFen: Fen
    public var totalFen: Fen { interimSupplyCostFen + householdHardshipCostFen }
    public var referenceDays: Int?
    public var referenceSource: String?
}

/// Money the schedule decides or reports, fen.
public struct ScheduleCosts: Sendable, Hashable {
    /// Crew-days worked × day rates (the same for every schedule of this plan).
    public var crewTimeFen: Fen
    /// Lump sums for extra crews hired.
    public var extraCrewsFen: Fen
    public var outageFen: Fen
    public var totalFen: Fen { crewTimeFen + extraCrewsFen + outageFen }
}

/// Crews of one type: available, hired, and the most used on one day.
public struct CrewUse: Sendable, Hashable {
    public var type: CrewType
    public var available: Int
    public var hiredExtra: Int
    public var peakInUse: Int
    public var crewDays: Int
}

public enum ScheduleMethod: String, Sendable, Hashable, Codable {
    /// Time-indexed MILP solved by the given solver (the heuristic's schedule as the first incumbent).
    case milp = "MILP"
    /// Priority-rule heuristic (serial schedule generation), with a combinatorial lower bound.
    case heuristic
}

public enum ScheduleStatus: String, Sendable, Hashable, Codable {
    /// Proven best under the stated objective (within the requested gap).
    case optimal
    /// A valid schedule; see the bound and gap.
    case feasible
}

public enum ScheduleObjective: String, Sendable, Hashable, Codable {
    /// Minimise the last working day.
    case finishDate = "finish_date"
    /// Minimise extra crews' cost plus outage cost (crew time is the same for every schedule).
    case worksPlusOutageCost = "works_plus_outage_cost"
}

public struct ScheduleSolverReport: Sendable, Hashable {
    public var method: ScheduleMethod
    public var status: ScheduleStatus
    public var objective: ScheduleObjective
    /// The objective: working days (finish date) or fen (cost), of the returned schedule.
    public var objectiveValue: Double
    /// Best proven lower bound on the objective.
    public var bestBound: Double
    /// (value − bound) / value; 0 when proven optimal.
    public var relativeGap: Double
    /// The heuristic's objective (for comparison with the MILP's).
    public var heuristicObjectiveValue: Double
    public var backend: String?
    public var startVariables: Int
    public var constraints: Int
    public var seconds: Double
    /// Why the method was chosen or how the solve ended, in one sentence.
    public var note: String
}

/// How the finish depends on a pending consent the plan relies on.
public struct ConsentDependence: Sendable, Hashable {
    public var ownerID: String
    public var ownerName: String
    public var negotiationTaskID: String
    public var negotiationWorkingDays: Int
    /// The planned decision: the negotiation's last working day.
    public var plannedDecision: CalendarDate
    public var isCritical: Bool
    /// Working days the decision may slip without moving the finish.
    public var floatWorkingDays: Int
    /// Tasks that wait for the consent (works on the owner's land, or its tie-in).
    public var waitingTaskIDs: [String]
    public var latest: CalendarDate?
    /// The finish if the decision comes only on `latest` (nil without a latest date).
    public var finishIfLatest: CalendarDate?
    public var delayWorkingDaysIfLatest: Int?
    public var outageCostIfLatestFen: Fen?
}

public struct ScheduleResult: Sendable {
    public var scenarioName: String
    public var utility: Utility
    public var calendar: WorkCalendar
    /// The first working day (index 0).
    public var firstWorkingDay: CalendarDate
    /// In start order (then id).
    public var tasks: [ScheduledTask]
    public var finishDate: CalendarDate
    /// Working days from the first working day to the finish, both counted.
    public var totalWorkingDays: Int
    /// Calendar days from the schedule's start date to the finish, both counted.
    public var calendarDaysFromStart: Int
    /// Ids of the critical tasks (zero total float), in start order.
    public var criticalPath: [String]
    public var connections: [BuildingConnection]
    public var outage: OutageSummary?
    public var costs: ScheduleCosts
    public var crews: [CrewUse]
    public var consents: [ConsentDependence]
    public var solver: ScheduleSolverReport

    public func task(_ id: String) -> ScheduledTask? { tasks.first { $0.id == id } }

    /// The critical tasks grouped by start day, in start order: tasks in one group start on the same
    /// working day and run side by side; each group starts after the one before it.
    public var criticalStages: [[String]] {
        var stages: [[String]] = []
        var lastStart: Int?
        for id in criticalPath {
            guard let t = task(id) else { continue }
            if t.startIndex == lastStart, !stages.isEmpty { stages[stages.count - 1].append(id) } else { stages.append([id]) }
            lastStart = t.startIndex
        }
        return stages
    }

    /// "design → riser-B1 + riser-B2 → …": the critical tasks in start order, with '+' joining the
    /// ones that start together (an arrow between parallel tasks would read as a link).
    public var criticalPathLine: String {
        criticalStages.map { $0.joined(separator: " + ") }.joined(separator: " → ")
    }

    /// Every household's connection date: record ids where the scenario has them, else
    /// "BUILDING#n" for the n-th household of a building without records.
    public var householdConnectionDates: [(householdID: String, date: CalendarDate)] {
        connections.flatMap { c -> [(String, CalendarDate)] in
            if !c.householdIDs.isEmpty { return c.householdIDs.map { ($0, c.date) } }
            return (1...max(1, c.households)).map { ("\(c.buildingID)#\($0)", c.date) }
        }
    }
}

/// The scheduler's one public error.
public enum ScheduleError: Error, Sendable, CustomStringConvertible {
    /// The scenario has no `schedule` section.
    case noScheduleSection(file: String)
    /// No schedule satisfies the crews' booking slots within the horizon; the reasons say which.
    case unschedulable(reasons: [String])
    /// The independent check rejected a schedule the scheduler produced: a bug, never a result.
    case checkFailed([Finding])
    /// The MILP solver failed on a model it should accept: a bug.
    case solverFailed(String)

    public var description: String {
        switch self {
        case .noScheduleSection(let file):
            return "\(file): error: the scenario has no 'schedule' section, so the works cannot be scheduled. Fix: add a schedule section with the start date, working weekdays, crews, productivity and durations (docs/scenario-format.md#schedule)."
        case .unschedulable(let reasons):
            return "No schedule fits the calendar and the crews' booking slots:\n" + reasons.map { "  - " + $0 }.joined(separator: "\n")
        case .checkFailed(let f):
            return "internal error: the independent schedule check rejected the schedule (please report this):\n"
                + f.map(\.description).joined(separator: "\n")
        case .solverFailed(let m):
            return "internal error: the scheduling MILP could not be solved: \(m)"
        }
    }
}
