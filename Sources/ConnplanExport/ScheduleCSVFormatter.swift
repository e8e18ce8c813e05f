// SPDX-License-Identifier: GPL-3.0-or-later
//
// One row per task (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
// break): id, name, start, finish, duration in working days, crew, predecessors, critical, and
// a few more columns that spreadsheets sort and filter on.

import ConnplanCore
import ConnplanSchedule

public struct ScheduleCSVFormatter: ScheduleFormatter {
    public static let columns = [
        "id", "name", "start", "finish", "duration_working_days", "crew", "predecessors", "critical", "kind", "crew_unit",
        "total_float_working_days", "segments", "building", "households",
    ]
    public init() {}

    public func format(_ report: ScheduleReport) -> String {
        var lines = [Self.columns.joined(separator: ",")]
        for t in report.schedule.tasks {
            let row = [
                t.id, t.name, t.startDate.description, t.finishDate.description, String(t.durationWorkingDays), t.crew?.rawValue ?? "",
                t.predecessors.map(\.label).joined(separator: ";"), t.isCritical ? "yes" : "no", t.kind.rawValue,
                t.crewUnit.map(String.init) ?? "", String(t.totalFloatWorkingDays), t.segmentIDs.joined(separator: ";"), t.buildingID ?? "",
                t.households.map(String.init) ?? "",
            ]
            lines.append(row.map(CostShareCSVFormatter.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
