// SPDX-License-Identifier: GPL-3.0-or-later
//
// The schedule as an engineer reads it in a terminal: a Gantt chart on a working-day axis (at most
// 100 columns) with the critical tasks marked, the critical path, each building's connection date,
// the pending consents the finish depends on, crews, costs, and the outage line.

import ConnplanCore
import ConnplanSchedule

public struct ScheduleTextFormatter: ScheduleFormatter {
    public static let width = 100
    public init() {}

    public func format(_ report: ScheduleReport) -> String {
        let r = report.schedule
        let s = report.scenario
        var out: [String] = []
        out.append("connplan schedule: \(s.name)")
        out += wrap("Plan: \(Money.cny(report.plan.costs.totalFen)) CNY, source\(report.plan.sources.count == 1 ? "" : "s") \(report.plan.sources.map(\.sourceID).joined(separator: ", ")); \(report.plan.households) households in \(report.plan.buildings.count) building\(report.plan.buildings.count == 1 ? "" : "s")")
        let c = r.calendar
        var cal = "Calendar: start \(ScheduleReport.day(c.startDate)), working days \(ScheduleReport.week(c))"
        if !c.holidays.isEmpty { cal += ", \(c.holidays.count) holiday\(c.holidays.count == 1 ? "" : "s")" }
        if !c.makeUpWorkingDays.isEmpty { cal += ", \(c.makeUpWorkingDays.count) make-up working day\(c.makeUpWorkingDays.count == 1 ? "" : "s")" }
        out += wrap(cal)
        out += wrap("Crews: " + r.crews.map { u in
            var t = "\(u.type.label) \(u.available)"
            if u.hiredExtra > 0 { t += " (+\(u.hiredExtra) hired)" }
            if s.schedule?.crew(u.type)?.slots.isEmpty == false { t += " (booking slots)" }
            return t
        }.joined(separator: ", "))
        out += statusLines(report)
        out += wrap("Finish: \(ScheduleReport.day(r.finishDate)), \(r.totalWorkingDays) working days, \(r.calendarDaysFromStart) calendar days from the start")
        out.append("")
        out += gantt(r)
        out.append("")
        out += wrap("Critical path (no float; '+' joins tasks that start together): " + r.criticalPathLine, indent: "  ")

        out.append("")
        out.append("Connections (a household is connected when its building's branch is commissioned)")
        var ct = TextTable(["building", "households", "connected", "outage days"], rightAligned: [1, 3])
        for b in r.connections {
            ct.add([b.buildingID, String(b.households), ScheduleReport.day(b.date), b.outageDays.map(String.init) ?? "-"])
        }
        out.append(ct.render())

        if !r.consents.isEmpty {
            out.append("")
            out.append("Pending consents the schedule waits on")
            for d in r.consents {
                var line = "- \(d.ownerID) (\(d.ownerName)): negotiation of \(d.negotiationWorkingDays) working days, decision planned \(d.plannedDecision); "
                line += d.isCritical ? "it is on the critical path" : "it can slip \(d.floatWorkingDays) working day\(d.floatWorkingDays == 1 ? "" : "s") without moving the finish"
                line += "; waiting: \(d.waitingTaskIDs.joined(separator: ", "))."
                out += wrap(line, indent: "  ", hanging: "    ")
                if let latest = d.latest, let late = d.finishIfLatest {
                    var l = "If the decision comes only on its latest date \(latest), the finish is \(late)"
                    if let delay = d.delayWorkingDaysIfLatest { l += " (\(delay >= 0 ? "+" : "")\(delay) working days)" }
                    if let cost = d.outageCostIfLatestFen, r.outage?.existingSupplyKept == false, r.outage?.cutOff != nil { l += ", outage cost \(Money.cny(cost)) CNY" }
                    out += wrap(l + ".", indent: "    ", hanging: "    ")
                }
            }
        }

        out.append("")
        out.append("Crews and costs")
        var kt = TextTable(["crew", "available", "hired", "peak in use", "crew-days"], rightAligned: [1, 2, 3, 4])
        for u in r.crews { kt.add([u.type.label, String(u.available), String(u.hiredExtra), String(u.peakInUse), String(u.crewDays)]) }
        out.append(kt.render())
        var costs = "  crew time \(Money.cny(r.costs.crewTimeFen)) CNY + extra crews \(Money.cny(r.costs.extraCrewsFen)) CNY"
        if r.outage != nil { costs += " + outage \(Money.cny(r.costs.outageFen)) CNY" }
        costs += " = \(Money.cny(r.costs.totalFen)) CNY"
        out += wrap(costs, indent: "", hanging: "  ")

        if let o = r.outage {
            out.append("")
            out += wrap(Self.outageLine(o), indent: "")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "planned outage N days (from cut-off … to commissioning …), interim supply cost X CNY; the case reports 89 days".
    public static func outageLine(_ o: OutageSummary) -> String {
        if o.existingSupplyKept {
            return "No outage: the existing supply stays in service until the new connection is commissioned on \(o.lastConnection)."
        }
        var line = "Planned outage \(o.days) day\(o.days == 1 ? "" : "s") (from cut-off \(o.cutOff.map(\.description) ?? "-") to commissioning \(o.lastConnection)), interim supply cost \(Money.cny(o.interimSupplyCostFen)) CNY"
        if o.householdHardshipCostFen > 0 {
            line += ", household hardship \(Money.cny(o.householdHardshipCostFen)) CNY for \(o.householdDays) household-days"
        }
        if let ref = o.referenceDays {
            line += "; \(o.referenceSource ?? "the case") reports \(ref) days"
            let diff = o.days - ref
            if diff != 0 { line += " (\(abs(diff)) days \(diff < 0 ? "fewer" : "more") planned)" }
        }
        return line + "."
    }

    private func statusLines(_ report: ScheduleReport) -> [String] {
        let sv = report.schedule.solver
        var head = sv.status == .optimal ? "Status: OPTIMAL" : "Status: FEASIBLE, not proven best"
        head += sv.objective == .finishDate ? " (earliest finish)" : " (least works plus outage cost)"
        var items: [String] = []
        items.append(sv.method == .milp ? "time-indexed MILP\(sv.backend.map { " (\($0))" } ?? "")" : "priority-rule heuristic")
        if sv.method == .milp { items.append("\(sv.startVariables) start variables") }
        items.append("objective \(ScheduleReport.objectiveText(sv, sv.objectiveValue))")
        if sv.status != .optimal || sv.relativeGap > 0 { items.append("bound \(ScheduleReport.objectiveText(sv, sv.bestBound))") }
        items.append("gap \(fixed(sv.relativeGap * 100, 2)) %")
        if !report.reproducible { items.append("\(fixed(sv.seconds, 2)) s") }
        var lines = [head]
        var current = "  Solver:"
        for item in items {
            let candidate = current + (current == "  Solver:" ? " " : "; ") + item
            if candidate.count > Self.width {
                lines.append(current + ";")
                current = "    " + item
            } else {
                current = candidate
            }
        }
        lines.append(current)
        if sv.method == .heuristic { lines += wrap("  Why: " + sv.note, hanging: "    ") }
        return lines
    }

    // MARK: Gantt

    private func gantt(_ r: ScheduleResult) -> [String] {
        let nameWidth = 30
        let prefix = 1 + 1 + nameWidth + 1 + 5 + 1 + 4 + 1  // mark, name, start, days, spaces
        let barWidth = Self.width - prefix - 2
        let days = max(r.totalWorkingDays, 1)
        let perColumn = (days + barWidth - 1) / barWidth
        let columns = (days + perColumn - 1) / perColumn
        var workingDates = r.calendar.workingDays(count: days)
        while workingDates.count < days { workingDates.append(workingDates.last ?? r.firstWorkingDay) }

        var out: [String] = []
        out.append("Gantt (time axis in working days, \(perColumn == 1 ? "one column per working day" : "one column per \(perColumn) working days"); weekends and holidays left out)")
        var axis = [Character](repeating: " ", count: columns)
        var c = 0
        while c < columns {
            let label = Array(Self.monthDay(workingDates[min(c * perColumn, days - 1)]))
            if c + label.count <= columns {
                for (i, ch) in label.enumerated() { axis[c + i] = ch }
            }
            c += 10
        }
        out.append(Self.pad("  task", 2 + nameWidth) + " start  days |" + String(axis))
        for t in r.tasks {
            var bar = [Character](repeating: " ", count: columns)
            for i in t.startIndex...t.finishIndex where i < days {
                bar[i / perColumn] = t.isCritical ? "#" : "="
            }
            let mark = t.isCritical ? "*" : " "
            let name = Self.pad(Self.clip(t.name, nameWidth), nameWidth)
            let daysText = String(t.durationWorkingDays)
            let line = "\(mark) \(name) \(Self.monthDay(t.startDate)) \(String(repeating: " ", count: max(0, 4 - daysText.count)))\(daysText) |\(String(bar))|"
            out.append(line)
        }
        out.append("  * critical task (no float), bar '#'; other tasks '='")
        return out
    }

    static func monthDay(_ d: CalendarDate) -> String { String(d.description.dropFirst(5)) }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    /// Word-wraps `text` to the report width.
    private func wrap(_ text: String, indent: String = "", hanging: String? = nil) -> [String] {
        let width = Self.width
        var lines: [String] = []
        var current = indent
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = empty ? current + word : current + " " + word
            if candidate.count > width && !empty {
                lines.append(current)
                current = (hanging ?? indent + "  ") + word
            } else {
                current = candidate
            }
            empty = false
        }
        lines.append(current)
        return lines
    }
}
