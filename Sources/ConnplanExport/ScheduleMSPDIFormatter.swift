// SPDX-License-Identifier: GPL-3.0-or-later
//
// The schedule as Microsoft Project XML (MSPDI, the Project 2007+ data interchange format in the
// namespace http://schemas.microsoft.com/project), which MS Project and ProjectLibre import:
// - one base calendar with the working weekdays (08:00–12:00, 13:00–17:00) and the holidays and
//   make-up working days as exceptions;
// - one task per schedule task with its start and finish, its duration (PT<hours>H0M0S, 8 hours a
//   working day), a "start no earlier than" constraint on the planned start so that a program that
//   reschedules from the links keeps connplan's resource-levelled dates, and its predecessor links
//   (type 1 FS, 3 SS, 0 FF; lag in tenths of a minute, format 7 = days);
// - one work resource per crew type (MaxUnits = crews available + hired), and one assignment per
//   task that uses a crew.
// Elements follow the order of the published schema (mspdi_pj12.xsd).

import ConnplanCore
import ConnplanSchedule

public struct ScheduleMSPDIFormatter: ScheduleFormatter {
    public init() {}

    static let minutesPerDay = 480

    public func format(_ report: ScheduleReport) -> String {
        let r = report.schedule
        let c = r.calendar
        var x: [String] = []
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
        x.append("<Project xmlns=\"http://schemas.microsoft.com/project\">")
        x.append("  <SaveVersion>12</SaveVersion>")
        x.append("  <Name>\(Self.escape(report.scenario.name)).xml</Name>")
        x.append("  <Title>\(Self.escape("Works: " + report.scenario.name))</Title>")
        x.append("  <ScheduleFromStart>1</ScheduleFromStart>")
        x.append("  <StartDate>\(Self.start(r.firstWorkingDay))</StartDate>")
        x.append("  <FinishDate>\(Self.finish(r.finishDate))</FinishDate>")
        x.append("  <FYStartDate>1</FYStartDate>")
        x.append("  <CriticalSlackLimit>0</CriticalSlackLimit>")
        x.append("  <CurrencyDigits>2</CurrencyDigits>")
        x.append("  <CurrencySymbol>¥</CurrencySymbol>")
        x.append("  <CurrencyCode>CNY</CurrencyCode>")
        x.append("  <CurrencySymbolPosition>0</CurrencySymbolPosition>")
        x.append("  <CalendarUID>1</CalendarUID>")
        x.append("  <DefaultStartTime>08:00:00</DefaultStartTime>")
        x.append("  <DefaultFinishTime>17:00:00</DefaultFinishTime>")
        x.append("  <MinutesPerDay>\(Self.minutesPerDay)</MinutesPerDay>")
        x.append("  <MinutesPerWeek>\(Self.minutesPerDay * c.workingWeekdays.count)</MinutesPerWeek>")
        x.append("  <DaysPerMonth>20</DaysPerMonth>")
        x.append("  <DefaultTaskType>1</DefaultTaskType>")
        x.append("  <DurationFormat>7</DurationFormat>")
        x.append("  <WeekStartDay>1</WeekStartDay>")

        // Calendar.
        x.append("  <Calendars>")
        x.append("    <Calendar>")
        x.append("      <UID>1</UID>")
        x.append("      <Name>\(Self.escape("connplan: " + ScheduleReport.week(c)))</Name>")
        x.append("      <IsBaseCalendar>1</IsBaseCalendar>")
        x.append("      <BaseCalendarUID>-1</BaseCalendarUID>")
        x.append("      <WeekDays>")
        // MSPDI day types: 1 Sunday … 7 Saturday.
        for (dayType, weekday) in [(1, Weekday.sun), (2, .mon), (3, .tue), (4, .wed), (5, .thu), (6, .fri), (7, .sat)] {
            let working = c.workingWeekdays.contains(weekday)
            x.append("        <WeekDay>")
            x.append("          <DayType>\(dayType)</DayType>")
            x.append("          <DayWorking>\(working ? 1 : 0)</DayWorking>")
            if working { x += Self.workingTimes(indent: "          ") }
            x.append("        </WeekDay>")
        }
        x.append("      </WeekDays>")
        let exceptions = c.holidays.map { ($0, false) } + c.makeUpWorkingDays.map { ($0, true) }
        if !exceptions.isEmpty {
            x.append("      <Exceptions>")
            for (range, working) in exceptions.sorted(by: { $0.0.from < $1.0.from }) {
                x.append("        <Exception>")
                x.append("          <EnteredByOccurrences>0</EnteredByOccurrences>")
                x.append("          <TimePeriod>")
                x.append("            <FromDate>\(range.from)T00:00:00</FromDate>")
                x.append("            <ToDate>\(range.to)T23:59:00</ToDate>")
                x.append("          </TimePeriod>")
                x.append("          <Occurrences>1</Occurrences>")
                x.append("          <Name>\(Self.escape(range.name ?? (working ? "make-up working day" : "holiday")))</Name>")
                x.append("          <Type>1</Type>")
                x.append("          <DayWorking>\(working ? 1 : 0)</DayWorking>")
                if working { x += Self.workingTimes(indent: "          ") }
                x.append("        </Exception>")
            }
            x.append("      </Exceptions>")
        }
        x.append("    </Calendar>")
        x.append("  </Calendars>")

        // Tasks: UID 0 is the project summary task, then one per schedule task.
        let uid = Dictionary(uniqueKeysWithValues: r.tasks.enumerated().map { ($0.element.id, $0.offset + 1) })
        x.append("  <Tasks>")
        x += task(uid: 0, id: 0, name: report.scenario.name, start: r.firstWorkingDay, finish: r.finishDate, days: r.totalWorkingDays,
                  summary: true, critical: true, outline: ("0", 0), float: 0, predecessors: [], uidOf: uid)
        for (i, t) in r.tasks.enumerated() {
            x += task(uid: i + 1, id: i + 1, name: t.name, start: t.startDate, finish: t.finishDate, days: t.durationWorkingDays,
                      summary: false, critical: t.isCritical, outline: (String(i + 1), 1), float: t.totalFloatWorkingDays,
                      predecessors: t.predecessors, uidOf: uid, notes: t.id)
        }
        x.append("  </Tasks>")

        // Resources: one per crew type.
        x.append("  <Resources>")
        for (k, u) in r.crews.enumerated() {
            x.append("    <Resource>")
            x.append("      <UID>\(k + 1)</UID>")
            x.append("      <ID>\(k + 1)</ID>")
            x.append("      <Name>\(Self.escape(u.type.label))</Name>")
            x.append("      <Type>1</Type>")
            x.append("      <IsNull>0</IsNull>")
            x.append("      <Initials>\(Self.escape(u.type.rawValue))</Initials>")
            x.append("      <MaxUnits>\(fixed(Double(u.available + u.hiredExtra), 2))</MaxUnits>")
            x.append("    </Resource>")
        }
        x.append("  </Resources>")

        x.append("  <Assignments>")
        var assignment = 1
        for (i, t) in r.tasks.enumerated() {
            guard let crew = t.crew, let k = r.crews.firstIndex(where: { $0.type == crew }) else { continue }
            x.append("    <Assignment>")
            x.append("      <UID>\(assignment)</UID>")
            x.append("      <TaskUID>\(i + 1)</TaskUID>")
            x.append("      <ResourceUID>\(k + 1)</ResourceUID>")
            x.append("      <Finish>\(Self.finish(t.finishDate))</Finish>")
            x.append("      <Start>\(Self.start(t.startDate))</Start>")
            x.append("      <Units>1</Units>")
            x.append("      <Work>\(Self.duration(t.durationWorkingDays))</Work>")
            x.append("    </Assignment>")
            assignment += 1
        }
        x.append("  </Assignments>")
        x.append("</Project>")
        return x.joined(separator: "\n") + "\n"
    }

    private func task(
        uid: Int, id: Int, name: String, start: CalendarDate, finish: CalendarDate, days: Int, summary: Bool, critical: Bool,
        outline: (String, Int), float: Int, predecessors: [ScheduleDependency], uidOf: [String: Int], notes: String? = nil
    ) -> [String] {
        var x: [String] = []
        x.append("    <Task>")
        x.append("      <UID>\(uid)</UID>")
        x.append("      <ID>\(id)</ID>")
        x.append("      <Name>\(Self.escape(name))</Name>")
        x.append("      <Type>1</Type>")
        x.append("      <IsNull>0</IsNull>")
        x.append("      <OutlineNumber>\(outline.0)</OutlineNumber>")
        x.append("      <OutlineLevel>\(outline.1)</OutlineLevel>")
        x.append("      <Priority>500</Priority>")
        x.append("      <Start>\(Self.start(start))</Start>")
        x.append("      <Finish>\(Self.finish(finish))</Finish>")
        x.append("      <Duration>\(Self.duration(days))</Duration>")
        x.append("      <DurationFormat>7</DurationFormat>")
        x.append("      <EffortDriven>0</EffortDriven>")
        x.append("      <Milestone>0</Milestone>")
        x.append("      <Summary>\(summary ? 1 : 0)</Summary>")
        x.append("      <Critical>\(critical ? 1 : 0)</Critical>")
        x.append("      <TotalSlack>\(float * Self.minutesPerDay * 10)</TotalSlack>")
        if !summary {
            // 4: start no earlier than the planned start (keeps the crew-levelled dates).
            x.append("      <ConstraintType>4</ConstraintType>")
            x.append("      <CalendarUID>-1</CalendarUID>")
            x.append("      <ConstraintDate>\(Self.start(start))</ConstraintDate>")
        }
        if let notes { x.append("      <Notes>\(Self.escape("connplan task id: " + notes))</Notes>") }
        for p in predecessors {
            guard let from = uidOf[p.predecessorID] else { continue }
            let type: Int
            switch p.type {
            case .finishToFinish: type = 0
            case .finishToStart: type = 1
            case .startToStart: type = 3
            }
            x.append("      <PredecessorLink>")
            x.append("        <PredecessorUID>\(from)</PredecessorUID>")
            x.append("        <Type>\(type)</Type>")
            x.append("        <CrossProject>0</CrossProject>")
            x.append("        <LinkLag>\(p.lagWorkingDays * Self.minutesPerDay * 10)</LinkLag>")
            x.append("        <LagFormat>7</LagFormat>")
            x.append("      </PredecessorLink>")
        }
        x.append("    </Task>")
        return x
    }

    static func workingTimes(indent: String) -> [String] {
        [
            "\(indent)<WorkingTimes>",
            "\(indent)  <WorkingTime>", "\(indent)    <FromTime>08:00:00</FromTime>", "\(indent)    <ToTime>12:00:00</ToTime>", "\(indent)  </WorkingTime>",
            "\(indent)  <WorkingTime>", "\(indent)    <FromTime>13:00:00</FromTime>", "\(indent)    <ToTime>17:00:00</ToTime>", "\(indent)  </WorkingTime>",
            "\(indent)</WorkingTimes>",
        ]
    }

    static func start(_ d: CalendarDate) -> String { "\(d)T08:00:00" }
    static func finish(_ d: CalendarDate) -> String { "\(d)T17:00:00" }
    /// ISO 8601 duration of `days` working days of 8 hours.
    static func duration(_ days: Int) -> String { "PT\(days * 8)H0M0S" }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Characters XML 1.0 does not allow are dropped.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
