// SPDX-License-Identifier: GPL-3.0-or-later
//
// The works schedule in the report: the finish, the outage and its cost, a Gantt chart drawn as
// inline SVG (one row per task, time in working days as in `connplan schedule`, critical tasks
// dark and solid, others light with a dashed outline so they read in black and white), and the
// connection date of each building.

import ConnplanCore
import ConnplanSchedule

public enum ScheduleSection {
    public static func section(_ r: ScheduleResult) -> ReportSection {
        var body = HTML.empty
        var summary = "Start \(r.firstWorkingDay), finish \(r.finishDate): \(ReportText.plural(r.totalWorkingDays, "working day")), "
            + "\(ReportText.plural(r.calendarDaysFromStart, "calendar day")) from the start. "
            + "Solved by \(r.solver.method.rawValue) (\(r.solver.status.rawValue), gap \(ReportText.fixed(r.solver.relativeGap * 100, 2)) %)."
        if let o = r.outage {
            if o.existingSupplyKept {
                summary += " The existing supply stays in use until commissioning: no outage."
            } else if let cut = o.cutOff {
                summary += " Planned outage \(ReportText.plural(o.days, "day")) (from the cut-off on \(cut) to the last connection on \(o.lastConnection)),"
                    + " interim supply \(ReportText.cny(o.interimSupplyCostFen)) CNY"
                if let ref = o.referenceDays {
                    summary += "; \(o.referenceSource ?? "reference"): \(ref) days"
                }
                summary += "."
            }
        }
        body += HTML.paragraph(summary)
        body += gantt(r)
        var table = HTMLTable(
            columns: [.init("Building"), .init("Households", numeric: true), .init("Connected on", noWrap: true), .init("Outage days", numeric: true)],
            caption: "When each building's households are connected (at commissioning of its branch)")
        for c in r.connections {
            table.add([c.buildingID, String(c.households), c.date.description, c.outageDays.map(String.init) ?? "–"])
        }
        body += table.html
        body += HTML.paragraph("Critical path (no float; “+” joins tasks that start together): " + r.criticalPathLine + ".", class: "note")
        return ReportSection(id: .worksSchedule, title: "Works schedule", body: body, startsNewPage: true)
    }

    /// One bar per task on a working-day axis; weekends and holidays are left out of the axis.
    static func gantt(_ r: ScheduleResult) -> HTML {
        let tasks = r.tasks.sorted { ($0.startIndex, $0.finishIndex, $0.id) < ($1.startIndex, $1.finishIndex, $1.id) }
        let days = max(1, (tasks.map(\.finishIndex).max() ?? 0) + 1)
        let labelWidth = 210.0, chartWidth = 460.0, rowHeight = 13.0, top = 18.0
        let dayWidth = chartWidth / Double(days)
        let height = top + rowHeight * Double(tasks.count) + 6
        let width = labelWidth + chartWidth + 8
        func n(_ x: Double) -> String { ReportText.fixed(x, 1) }
        var svg = "<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\" aria-label=\"Gantt chart\">"
        // Axis: a tick every 5 working days with its date.
        let dates = r.calendar.workingDays(count: days)
        var d = 0
        while d < days {
            let x = labelWidth + Double(d) * dayWidth
            svg += "<line x1=\"\(n(x))\" y1=\"\(n(top - 4))\" x2=\"\(n(x))\" y2=\"\(n(height - 6))\" stroke=\"#ccc\" stroke-width=\"0.5\"/>"
            let label = d < dates.count ? String(dates[d].description.dropFirst(5)) : "+\(d)"
            svg += "<text x=\"\(n(x + 1))\" y=\"\(n(top - 7))\" font-size=\"7\">\(HTML.escape(label))</text>"
            d += 5
        }
        for (i, t) in tasks.enumerated() {
            let y = top + Double(i) * rowHeight
            let name = t.name.count > 44 ? String(t.name.prefix(43)) + "…" : t.name
            svg += "<text x=\"0\" y=\"\(n(y + 9))\" font-size=\"7.5\"\(t.isCritical ? " font-weight=\"bold\"" : "")>"
                + HTML.escape((t.isCritical ? "* " : "") + name) + "</text>"
            let x = labelWidth + Double(t.startIndex) * dayWidth
            let w = max(dayWidth * Double(max(t.durationWorkingDays, 0)), 1.5)
            let style = t.isCritical
                ? "fill=\"#1f3b73\" stroke=\"#1f3b73\""
                : "fill=\"#b9cbe8\" stroke=\"#1f3b73\" stroke-dasharray=\"2 1\""
            svg += "<rect x=\"\(n(x))\" y=\"\(n(y + 2))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 4))\" \(style) stroke-width=\"0.6\">"
                + "<title>\(HTML.escape("\(t.name): \(t.startDate) to \(t.finishDate), \(t.durationWorkingDays) working days"))</title></rect>"
        }
        svg += "</svg>"
        return HTML(trustedMarkup: "<figure class=\"gantt\">" + svg
            + "<figcaption>Time in working days from \(HTML.escape(r.firstWorkingDay.description)); ticks every 5 working days (month-day). "
            + "Dark solid bars and * are critical tasks (no float); light dashed bars have float.</figcaption></figure>")
    }
}
