// SPDX-License-Identifier: GPL-3.0-or-later
//
// The full schedule as JSON (docs/reference/schedule-output.md): keys in a fixed order, dates as
// YYYY-MM-DD, durations in working days, money as CNY with two decimals and as fen.

import ConnplanCore
import ConnplanSchedule

public struct ScheduleJSONFormatter: ScheduleFormatter {
    public init() {}

    public func format(_ report: ScheduleReport) -> String {
        let r = report.schedule
        let sv = r.solver
        var solver: [(String, JSONValue)] = [
            ("method", .string(sv.method.rawValue)), ("status", .string(sv.status.rawValue)), ("objective", .string(sv.objective.rawValue)),
            ("objective_unit", .string(sv.objective == .finishDate ? "working_days" : "fen")),
            ("objective_value", .double(sv.objectiveValue)), ("best_bound", .double(sv.bestBound)), ("gap", .double(sv.relativeGap)),
            ("heuristic_objective_value", .double(sv.heuristicObjectiveValue)), ("backend", sv.backend.map(JSONValue.string) ?? .null),
            ("start_variables", .int(sv.startVariables)), ("constraints", .int(sv.constraints)), ("note", .string(sv.note)),
        ]
        if !report.reproducible { solver.append(("seconds", .double((sv.seconds * 1000).rounded() / 1000))) }
        let c = r.calendar
        let calendar: JSONValue = .object([
            ("start", .string(c.startDate.description)), ("first_working_day", .string(r.firstWorkingDay.description)),
            ("working_weekdays", .array(c.workingWeekdays.map { .string($0.rawValue) })),
            ("holidays", .array(c.holidays.map(Self.range))), ("make_up_working_days", .array(c.makeUpWorkingDays.map(Self.range))),
        ])
        let tasks: [JSONValue] = r.tasks.map { t in
            var o: [(String, JSONValue)] = [
                ("id", .string(t.id)), ("name", .string(t.name)), ("kind", .string(t.kind.rawValue)),
                ("crew", t.crew.map { .string($0.rawValue) } ?? .null), ("crew_unit", t.crewUnit.map(JSONValue.int) ?? .null),
                ("start", .string(t.startDate.description)), ("finish", .string(t.finishDate.description)),
                ("start_working_day", .int(t.startIndex)), ("duration_working_days", .int(t.durationWorkingDays)),
                ("total_float_working_days", .int(t.totalFloatWorkingDays)), ("critical", .bool(t.isCritical)),
                ("predecessors", .array(t.predecessors.map { p in
                    .object([("id", .string(p.predecessorID)), ("type", .string(p.type.rawValue)), ("lag_working_days", .int(p.lagWorkingDays))])
                })),
            ]
            if !t.segmentIDs.isEmpty { o.append(("segments", .array(t.segmentIDs.map(JSONValue.string)))) }
            if let l = t.lengthMetres { o.append(("length_m", .double((l * 10).rounded() / 10))) }
            if let s = t.surface { o.append(("surface", .string(s))) }
            if let s = t.ownerID { o.append(("owner", .string(s))) }
            if let s = t.buildingID { o.append(("building", .string(s))) }
            if let s = t.sourceID { o.append(("source", .string(s))) }
            if !t.nominalDiameters.isEmpty { o.append(("dn", .array(t.nominalDiameters.map(JSONValue.int)))) }
            if let h = t.households { o.append(("households", .int(h))) }
            return .object(o)
        }
        let connections: [JSONValue] = r.connections.map { b in
            .object([
                ("building", .string(b.buildingID)), ("households", .int(b.households)), ("date", .string(b.date.description)),
                ("outage_days", b.outageDays.map(JSONValue.int) ?? .null), ("household_ids", .array(b.householdIDs.map(JSONValue.string))),
            ])
        }
        var top: [(String, JSONValue)] = [
            ("scenario", .string(report.scenario.name)), ("utility", .string(r.utility.rawValue)),
            ("plan_total_cost_cny", .money(report.plan.costs.totalFen)), ("calendar", calendar),
            ("finish", .string(r.finishDate.description)), ("total_working_days", .int(r.totalWorkingDays)),
            ("calendar_days_from_start", .int(r.calendarDaysFromStart)), ("critical_path", .array(r.criticalPath.map(JSONValue.string))),
            ("solver", .object(solver)),
            ("crews", .array(r.crews.map { u in
                .object([
                    ("type", .string(u.type.rawValue)), ("available", .int(u.available)), ("hired_extra", .int(u.hiredExtra)),
                    ("peak_in_use", .int(u.peakInUse)), ("crew_days", .int(u.crewDays)),
                ])
            })),
            ("costs", .object([
                ("crew_time_cny", .money(r.costs.crewTimeFen)), ("extra_crews_cny", .money(r.costs.extraCrewsFen)),
                ("outage_cny", .money(r.costs.outageFen)), ("total_cny", .money(r.costs.totalFen)), ("total_fen", .int(r.costs.totalFen)),
            ])),
        ]
        if let o = r.outage {
            top.append(("outage", .object([
                ("existing_supply_kept", .bool(o.existingSupplyKept)), ("cut_off", o.cutOff.map { .string($0.description) } ?? .null),
                ("last_connection", .string(o.lastConnection.description)), ("days", .int(o.days)), ("household_days", .int(o.householdDays)),
                ("interim_supply_cost_cny", .money(o.interimSupplyCostFen)), ("household_hardship_cost_cny", .money(o.householdHardshipCostFen)),
                ("total_cost_cny", .money(o.totalFen)), ("total_cost_fen", .int(o.totalFen)),
                ("reference_days", o.referenceDays.map(JSONValue.int) ?? .null), ("reference_source", o.referenceSource.map(JSONValue.string) ?? .null),
            ])))
        } else {
            top.append(("outage", .null))
        }
        top.append(("pending_consents", .array(r.consents.map { d in
            .object([
                ("owner", .string(d.ownerID)), ("name", .string(d.ownerName)), ("negotiation_task", .string(d.negotiationTaskID)),
                ("negotiation_working_days", .int(d.negotiationWorkingDays)), ("planned_decision", .string(d.plannedDecision.description)),
                ("critical", .bool(d.isCritical)), ("float_working_days", .int(d.floatWorkingDays)),
                ("waiting_tasks", .array(d.waitingTaskIDs.map(JSONValue.string))), ("latest", d.latest.map { .string($0.description) } ?? .null),
                ("finish_if_latest", d.finishIfLatest.map { .string($0.description) } ?? .null),
                ("delay_working_days_if_latest", d.delayWorkingDaysIfLatest.map(JSONValue.int) ?? .null),
                ("outage_cost_if_latest_cny", d.outageCostIfLatestFen.map(JSONValue.money) ?? .null),
            ])
        })))
        top.append(("connections", .array(connections)))
        top.append(("tasks", .array(tasks)))
        return JSONValue.object(top).render() + "\n"
    }

    static func range(_ d: DateRange) -> JSONValue {
        .object([("from", .string(d.from.description)), ("to", .string(d.to.description)), ("name", d.name.map(JSONValue.string) ?? .null)])
    }
}
