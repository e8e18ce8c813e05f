// SPDX-License-Identifier: GPL-3.0-or-later
//
// What a schedule output needs, and the one protocol every schedule format implements
// (text Gantt, JSON, CSV, iCalendar, MS Project XML).

import ConnplanCore
import ConnplanSchedule

public struct ScheduleReport: Sendable {
    public var scenario: Scenario
    public var plan: Plan
    public var schedule: ScheduleResult
    /// Leave out wall-clock figures so that the same input gives the same bytes.
    public var reproducible: Bool
    public init(scenario: Scenario, plan: Plan, schedule: ScheduleResult, reproducible: Bool = false) {
        self.scenario = scenario
        self.plan = plan
        self.schedule = schedule
        self.reproducible = reproducible
    }

    /// "2024-04-11 (Thu)".
    static func day(_ d: CalendarDate) -> String { "\(d) (\(d.weekday.label))" }

    /// The working week in words: "Mon–Fri", "Mon–Sat", or a list.
    static func week(_ c: WorkCalendar) -> String {
        let days = c.workingWeekdays
        let all = Weekday.allCases
        if let first = days.first, let last = days.last, let a = all.firstIndex(of: first), let b = all.firstIndex(of: last),
            b - a + 1 == days.count, days.count > 2
        {
            return "\(first.label)–\(last.label)"
        }
        return days.map(\.label).joined(separator: ", ")
    }

    /// One sentence on the objective value with its unit.
    static func objectiveText(_ s: ScheduleSolverReport, _ value: Double) -> String {
        switch s.objective {
        case .finishDate: return "\(Int(value.rounded())) working days"
        case .worksPlusOutageCost: return "\(Money.cny(Fen(value.rounded()))) CNY"
        }
    }
}

/// One output format of `connplan schedule`.
public protocol ScheduleFormatter {
    func format(_ report: ScheduleReport) -> String
}
