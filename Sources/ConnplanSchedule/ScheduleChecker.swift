// SPDX-License-Identifier: GPL-3.0-or-later
//
// An independent check of a schedule, in the spirit of PlanChecker: it reads only the scenario,
// the plan and the returned dates, and recomputes every rule from the scenario data, without the
// scheduler's task graph, working-day table or solver. Findings, not errors: the scheduler turns
// an error finding into `ScheduleError.checkFailed` (a bug), tests assert on them.

import ConnplanCore

public enum ScheduleChecker {
    public static func check(_ r: ScheduleResult, scenario: Scenario, plan: Plan) -> [Finding] {
        var out: [Finding] = []
        func fail(_ code: String, _ subject: String?, _ message: String) {
            out.append(Finding(.error, code: code, subject: subject, message: message))
        }
        guard let s = scenario.schedule else {
            fail("no-schedule-section", nil, "the scenario has no schedule section")
            return out
        }
        // The calendar, from the scenario's words directly.
        func working(_ d: CalendarDate) -> Bool {
            if s.calendar.makeUpWorkingDays.contains(where: { $0.from <= d && d <= $0.to }) { return true }
            if s.calendar.holidays.contains(where: { $0.from <= d && d <= $0.to }) { return false }
            return s.calendar.workingWeekdays.contains(d.weekday)
        }
        func workingDays(from a: CalendarDate, to b: CalendarDate) -> Int {
            guard a <= b else { return 0 }
            var n = 0
            var d = a
            while d <= b {
                if working(d) { n += 1 }
                d = d.adding(days: 1)
            }
            return n
        }
        var firstWorking = s.calendar.startDate
        while !working(firstWorking) && firstWorking.year < 9999 { firstWorking = firstWorking.adding(days: 1) }
        let byID = Dictionary(r.tasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if byID.count != r.tasks.count { fail("duplicate-task", nil, "two tasks share an id") }

        // 1. Calendar: working days only, and the stated duration is the working days between the dates.
        for t in r.tasks {
            if !working(t.startDate) { fail("non-working-start", t.id, "starts on \(t.startDate), which is not a working day") }
            if !working(t.finishDate) { fail("non-working-finish", t.id, "finishes on \(t.finishDate), which is not a working day") }
            if t.startDate < firstWorking { fail("before-start", t.id, "starts on \(t.startDate), before the first working day \(firstWorking)") }
            let n = workingDays(from: t.startDate, to: t.finishDate)
            if n != t.durationWorkingDays {
                fail("wrong-duration", t.id, "\(t.startDate)…\(t.finishDate) holds \(n) working days, but the task says \(t.durationWorkingDays)")
            }
        }

        // 2. Durations from the scenario's rates, and every piece of the plan covered once.
        let p = s.productivity
        func ceilDays(_ x: Double, _ rate: Double) -> Int { max(1, Int((x / rate - 1e-9).rounded(.up))) }
        let laid = plan.segments.filter { !$0.pipe.reused }
        let trenchNeeded = laid.filter { (p.trenchMetresPerCrewDay[$0.surface] ?? 0) > 0 }
        for (kind, needed) in [(ScheduleTaskKind.trench, trenchNeeded), (.pipeLaying, laid)] {
            var count: [String: Int] = [:]
            for t in r.tasks where t.kind == kind {
                for id in t.segmentIDs { count[id, default: 0] += 1 }
                let segs = t.segmentIDs.compactMap { id in plan.segments.first { $0.segmentID == id } }
                guard segs.count == t.segmentIDs.count, let first = segs.first else {
                    fail("unknown-segment", t.id, "covers a segment that is not in the plan")
                    continue
                }
                if segs.contains(where: { $0.surface != first.surface || $0.ownerID != first.ownerID }) {
                    fail("mixed-run", t.id, "mixes surfaces or owners")
                }
                let length = segs.reduce(0) { $0 + $1.lengthMetres }
                let rate = kind == .trench ? p.trenchMetresPerCrewDay[first.surface] : p.pipeMetresPerCrewDay[first.surface]
                if let rate, rate > 0, ceilDays(length, rate) != t.durationWorkingDays {
                    fail("wrong-duration", t.id, "\(length) m at \(rate) m per crew-day needs \(ceilDays(length, rate)) working days, not \(t.durationWorkingDays)")
                }
                if t.crew != (kind == .trench ? .trench : .pipeFitter) { fail("wrong-crew", t.id, "has the wrong crew type") }
            }
            for seg in needed where count[seg.segmentID] != 1 {
                fail("uncovered-segment", seg.segmentID, "is in \(count[seg.segmentID] ?? 0) \(kind.rawValue) tasks, not exactly 1")
            }
        }
        func only(_ kind: ScheduleTaskKind, where match: (ScheduledTask) -> Bool = { _ in true }) -> [ScheduledTask] {
            r.tasks.filter { $0.kind == kind && match($0) }
        }
        let d = s.durations
        for b in plan.buildings {
            let risers = only(.riser) { $0.buildingID == b.buildingID }
            if p.riserDaysPerBuilding > 0 && (risers.count != 1 || risers.first?.durationWorkingDays != p.riserDaysPerBuilding) {
                fail("riser", b.buildingID, "needs one riser of \(p.riserDaysPerBuilding) working days")
            }
            let meters = only(.meters) { $0.buildingID == b.buildingID }
            let meterDays = ceilDays(Double(b.households), p.householdsPerInstallerDay)
            if meters.count != 1 || meters.first?.durationWorkingDays != meterDays || meters.first?.crew != .meterInstaller {
                fail("meters", b.buildingID, "needs one meter installation of \(meterDays) working days")
            }
            let comm = only(.commissioning) { $0.buildingID == b.buildingID }
            if comm.count != 1 || comm.first?.durationWorkingDays != d.commissioningDays {
                fail("commissioning", b.buildingID, "needs one commissioning of \(d.commissioningDays) working days")
            }
        }
        if only(.pressureTest).count != 1 || only(.pressureTest).first?.durationWorkingDays != d.pressureTestDays {
            fail("pressure-test", nil, "needs exactly one pressure test of \(d.pressureTestDays) working days")
        }
        if d.surveyAndDesignDays > 0 && (only(.design).count != 1 || only(.design).first?.durationWorkingDays != d.surveyAndDesignDays) {
            fail("design", nil, "needs one survey and design task of \(d.surveyAndDesignDays) working days")
        }
        for use in plan.sources {
            let tieIns = only(.tieIn) { $0.sourceID == use.sourceID }
            if tieIns.count != 1 || tieIns.first?.durationWorkingDays != d.tieInDays || tieIns.first?.crew != .tieIn {
                fail("tie-in", use.sourceID, "needs one tie-in of \(d.tieInDays) working days by the tie-in team")
            }
            if scenario.sources.first(where: { $0.id == use.sourceID })?.regulator != nil, only(.regulatorBox, where: { $0.sourceID == use.sourceID }).count != 1 {
                fail("regulator", use.sourceID, "needs one regulator box")
            }
        }
        for c in plan.consents {
            if c.consent == .pending, let n = s.negotiation(for: c.ownerID), n.durationWorkingDays > 0 {
                let tasks = only(.negotiation, where: { $0.ownerID == c.ownerID })
                if tasks.count != 1 || tasks.first?.durationWorkingDays != n.durationWorkingDays {
                    fail("negotiation", c.ownerID, "the plan relies on this pending consent: it needs one negotiation of \(n.durationWorkingDays) working days")
                }
            }
            if let permit = s.permit(for: c.ownerID), permit.durationWorkingDays > 0 {
                let tasks = only(.permit, where: { $0.ownerID == c.ownerID })
                if tasks.count != 1 || tasks.first?.durationWorkingDays != permit.durationWorkingDays {
                    fail("permit", c.ownerID, "the plan opens this owner's road or land: it needs one permit of \(permit.durationWorkingDays) working days")
                }
            }
        }
        for dn in Set(laid.map(\.pipe.nominalDiameter)) {
            guard let days = s.leadTimeDays(nominalDiameter: dn), days > 0 else { continue }
            let tasks = only(.procurement, where: { $0.nominalDiameters == [dn] })
            if tasks.count != 1 || tasks.first?.durationWorkingDays != days {
                fail("procurement", "DN\(dn)", "pipe of this size is laid: it needs one procurement of \(days) working days")
            }
        }

        // 3. Precedences, as the rules say (not as the task list's links say).
        func before(_ a: ScheduledTask, _ b: ScheduledTask, _ rule: String) {
            if !(a.finishDate < b.startDate) { fail("precedence", b.id, "starts \(b.startDate) before '\(a.id)' finishes \(a.finishDate) (\(rule))") }
        }
        let design = only(.design).first
        for t in r.tasks where t.kind == .negotiation || t.kind == .design {
            if t.startDate != firstWorking { fail("late-start", t.id, "should start on the first working day \(firstWorking)") }
        }
        let works: Set<ScheduleTaskKind> = [.trench, .pipeLaying, .riser, .regulatorBox, .meters, .tieIn, .permit, .procurement]
        for t in r.tasks where works.contains(t.kind) {
            if let design { before(design, t, "design comes first") }
        }
        for t in r.tasks where [.trench, .pipeLaying, .tieIn, .regulatorBox].contains(t.kind) {
            guard let owner = t.ownerID else { continue }
            for g in r.tasks where (g.kind == .permit || g.kind == .negotiation) && g.ownerID == owner {
                before(g, t, "permits and consents before any work on the owner's land, road or network")
            }
        }
        let test = only(.pressureTest).first
        for t in r.tasks where [.trench, .pipeLaying, .riser, .regulatorBox].contains(t.kind) {
            if let test { before(t, test, "the new pipe is complete before the pressure test") }
        }
        for t in only(.pipeLaying) {
            if let trench = only(.trench, where: { $0.segmentIDs == t.segmentIDs }).first {
                if !(trench.startDate < t.startDate) || !(trench.finishDate < t.finishDate) {
                    fail("precedence", t.id, "pipe laying must start and finish after its trench's start and finish")
                }
            }
            for dn in t.nominalDiameters {
                for proc in only(.procurement, where: { $0.nominalDiameters.contains(dn) }) { before(proc, t, "pipe delivered before it is laid") }
            }
        }
        for tie in only(.tieIn) { if let test { before(test, tie, "tested before the tie-in to the live main") } }
        for b in plan.buildings {
            guard let comm = only(.commissioning, where: { $0.buildingID == b.buildingID }).first else { continue }
            if let test { before(test, comm, "the test before commissioning") }
            for tie in only(.tieIn, where: { $0.sourceID == b.sourceID }) { before(tie, comm, "tie-in before commissioning") }
            for m in only(.meters, where: { $0.buildingID == b.buildingID }) {
                before(m, comm, "meters before commissioning")
                for riser in only(.riser, where: { $0.buildingID == b.buildingID }) { before(riser, m, "risers before the meters in that building") }
            }
            // 6. A household counts as connected at the commissioning of its branch.
            guard let c = r.connections.first(where: { $0.buildingID == b.buildingID }) else {
                fail("connection", b.buildingID, "has no connection date")
                continue
            }
            if c.date != comm.finishDate { fail("connection", b.buildingID, "connected \(c.date), but commissioned \(comm.finishDate)") }
            let records = scenario.households.filter { $0.buildingID == b.buildingID }.map(\.id)
            if c.householdIDs != records || c.households != b.households { fail("connection", b.buildingID, "household list differs from the scenario") }
        }

        // 4. Crews: on every date, no more tasks of a type than its crews (plus those hired).
        let hired = Dictionary(uniqueKeysWithValues: r.crews.map { ($0.type, $0.hiredExtra) })
        for crew in s.crews {
            let h = hired[crew.type] ?? 0
            if h < 0 || h > crew.extra { fail("crews", crew.type.rawValue, "hires \(h) extra crews, allowed 0…\(crew.extra)") }
            var perDay: [CalendarDate: Int] = [:]
            for t in r.tasks where t.crew == crew.type {
                var day = t.startDate
                while day <= t.finishDate {
                    if working(day) { perDay[day, default: 0] += 1 }
                    day = day.adding(days: 1)
                }
                // 5. Booking slots.
                if !crew.slots.isEmpty, !crew.slots.contains(where: { $0.from <= t.startDate && t.finishDate <= $0.to }) {
                    fail("slot", t.id, "\(t.startDate)…\(t.finishDate) is not inside one booking slot of the \(crew.type.label)")
                }
            }
            for (day, n) in perDay where n > crew.count + h {
                fail("crews", crew.type.rawValue, "\(n) tasks on \(day), but only \(crew.count + h) crews")
            }
        }
        for t in r.tasks where t.crew == nil && [.trench, .pipeLaying, .riser, .meters, .tieIn].contains(t.kind) {
            fail("wrong-crew", t.id, "needs a crew")
        }

        // 7. Totals and outage.
        let finish = r.tasks.map(\.finishDate).max()
        if finish != r.finishDate { fail("finish", nil, "the finish date \(r.finishDate) is not the last task's finish") }
        if let finish {
            if workingDays(from: firstWorking, to: finish) != r.totalWorkingDays { fail("finish", nil, "total working days \(r.totalWorkingDays) do not match the dates") }
            if finish - s.calendar.startDate + 1 != r.calendarDaysFromStart { fail("finish", nil, "calendar days from the start do not match the dates") }
        }
        if let o = s.outage {
            guard let summary = r.outage else {
                fail("outage", nil, "the scenario has an outage, but the schedule reports none")
                return out
            }
            let last = r.connections.map(\.date).max()
            if summary.lastConnection != last { fail("outage", nil, "the outage ends \(summary.lastConnection), not at the last connection") }
            if let cut = o.cutOff, !o.existingSupplyKept, let last {
                let days = max(0, last - cut + 1)
                if summary.days != days { fail("outage", nil, "\(summary.days) outage days, but \(cut) to \(last) is \(days) days") }
                if summary.interimSupplyCostFen != days * o.interimSupplyCostPerDayFen { fail("outage", nil, "interim supply cost does not match its rate") }
                let householdDays = r.connections.reduce(0) { $0 + $1.households * max(0, $1.date - cut + 1) }
                if summary.householdDays != householdDays || summary.householdHardshipCostFen != householdDays * o.costPerHouseholdDayFen {
                    fail("outage", nil, "household outage days or their cost do not match")
                }
            } else if summary.days != 0 || summary.totalFen != 0 {
                fail("outage", nil, "the existing supply is kept, so there is no outage")
            }
        }
        return out
    }
}
