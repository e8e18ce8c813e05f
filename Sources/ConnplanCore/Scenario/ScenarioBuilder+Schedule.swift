// SPDX-License-Identifier: GPL-3.0-or-later

// The `schedule` section: calendar, crews, productivity, durations, permits, negotiations,
// procurement and outage. Pass 1 reads the section (types, ranges, dates); `checkSchedule`
// (pass 2) checks what needs the rest of the file: owners named by permits and negotiations,
// a negotiation for every pending consent, a productivity for every surface, a lead time for every
// pipe size, and promised decision dates the negotiation can meet.

extension ScenarioBuilder {
    static let scheduleKeys = [
        "start", "working_weekdays", "holidays", "make_up_working_days", "crews", "productivity", "durations", "permits",
        "negotiations", "procurement", "outage",
    ]
    static let crewKeys = ["count", "extra", "extra_cost_cny", "day_rate_cny", "slots"]
    static let productivityKeys = ["trench_m_per_crew_day", "pipe_m_per_crew_day", "households_per_installer_day", "riser_days_per_building"]
    static let durationKeys = [
        "survey_and_design_days", "tie_in_days", "regulator_box_days", "pressure_test_days", "commissioning_days", "permit_days",
        "negotiation_days", "procurement_days",
    ]
    static let outageKeys = [
        "cut_off", "interim_supply_cost_per_day_cny", "cost_per_household_day_cny", "reference_outage_days", "reference_source",
        "existing_supply_kept",
    ]

    /// What pass 2 needs from the section: where things were written.
    struct PendingSchedule {
        var at: SyntaxNode
        var permitsAt: [(rule: PermitRule, at: SyntaxNode, ownerAt: SyntaxNode)] = []
        var negotiationsAt: [(rule: NegotiationRule, ownerAt: SyntaxNode, latestAt: SyntaxNode?)] = []
        var trenchAt: SyntaxNode?
        var pipeAt: SyntaxNode?
        var durationsAt: SyntaxNode?
        var procurementAt: SyntaxNode?
        var regulatorDaysGiven = false
        var hadErrors = false
    }

    // MARK: Pass 1

    func readSchedule(_ m: SyntaxNode?) {
        guard let m, let r = ObjectReader(m, what: "the schedule section", diag: diag, utility: utility, keys: Self.scheduleKeys)
        else { return }
        let errorsBefore = diag.findings.filter { $0.severity == .error }.count
        var pending = PendingSchedule(at: m)

        let start = date(r, "start", required: true)
        let weekdays = readWeekdays(r)
        let holidays = dateRanges(r, "holidays", what: "holiday")
        let makeUps = dateRanges(r, "make_up_working_days", what: "make-up working day")
        for mu in makeUps {
            for h in holidays where h.range.from <= mu.range.to && mu.range.from <= h.range.to {
                diag.error(
                    "conflicting-dates", at: mu.at, subject: nil,
                    "make-up working day \(mu.range.from) overlaps the holiday \(h.range.name.map { "'\($0)' " } ?? "")\(h.range.from)…\(h.range.to) (line \(h.at.line))",
                    fix: "A make-up working day replaces a weekend day, not a holiday: correct one of the two ranges.")
            }
        }

        var crews: [Crew] = []
        if let c = r.mapping("crews", required: true),
            let cr = ObjectReader(c, what: "crews of the schedule", diag: diag, utility: utility, keys: CrewType.allCases.map(\.rawValue))
        {
            for type in CrewType.allCases {
                guard let v = cr.value(type.rawValue) else {
                    cr.missing(type.rawValue, "the number of \(type.label) (or {count: ..., extra: ..., extra_cost_cny: ...})")
                    continue
                }
                if let crew = readCrew(v, type: type) { crews.append(crew) }
            }
            cr.finish()
        }

        var productivity: Productivity?
        if let p = r.mapping("productivity", required: true),
            let pr = ObjectReader(p, what: "productivity of the schedule", diag: diag, utility: utility, keys: Self.productivityKeys)
        {
            let trench = surfaceRates(pr, "trench_m_per_crew_day", rule: .nonNegative)
            let pipe = surfaceRates(pr, "pipe_m_per_crew_day", rule: .positive)
            pending.trenchAt = pr.has("trench_m_per_crew_day") ? pr.anchor("trench_m_per_crew_day") : nil
            pending.pipeAt = pr.has("pipe_m_per_crew_day") ? pr.anchor("pipe_m_per_crew_day") : nil
            let households = pr.number("households_per_installer_day", required: true, .positive)
            let riser = pr.integer("riser_days_per_building", required: true, minimum: 0)
            pr.finish()
            if let trench, let pipe, let households, let riser {
                productivity = Productivity(
                    trenchMetresPerCrewDay: trench, pipeMetresPerCrewDay: pipe, householdsPerInstallerDay: households,
                    riserDaysPerBuilding: riser)
            }
        }

        var durations: FixedDurations?
        if let d = r.mapping("durations", required: true),
            let dr = ObjectReader(d, what: "durations of the schedule", diag: diag, utility: utility, keys: Self.durationKeys)
        {
            pending.durationsAt = d
            let design = dr.integer("survey_and_design_days", required: true, minimum: 0)
            let tieIn = dr.integer("tie_in_days", required: true, minimum: 1)
            let regulator = dr.integer("regulator_box_days", minimum: 1)
            pending.regulatorDaysGiven = dr.has("regulator_box_days")
            let test = dr.integer("pressure_test_days", required: true, minimum: 1)
            let commissioning = dr.integer("commissioning_days", required: true, minimum: 1)
            let permit = dr.integer("permit_days", minimum: 0)
            let negotiation = dr.integer("negotiation_days", minimum: 0)
            let procurement = dr.integer("procurement_days", minimum: 0)
            dr.finish()
            if let design, let tieIn, let test, let commissioning {
                durations = FixedDurations(
                    surveyAndDesignDays: design, tieInDays: tieIn, regulatorBoxDays: regulator ?? 1, pressureTestDays: test,
                    commissioningDays: commissioning, permitDays: permit, negotiationDays: negotiation, procurementDays: procurement)
            }
        }

        var permits: [PermitRule] = []
        var seenPermit: [String: Int] = [:]
        for (i, item) in (r.list("permits") ?? []).enumerated() {
            guard
                let pr = ObjectReader(
                    item, what: "permit", subject: "permit #\(i + 1)", diag: diag, utility: utility, keys: ["owner", "days"])
            else { continue }
            let owner = pr.string("owner", required: true)
            if let owner { pr.subject = owner }
            let days = pr.integer("days", minimum: 0) ?? durations?.permitDays
            if !pr.has("days"), durations != nil, durations?.permitDays == nil {
                pr.missing("days", "the permit's duration in working days (or set durations.permit_days as the default)")
            }
            pr.finish()
            guard let owner, let days else { continue }
            if let first = seenPermit[owner] {
                diag.error(
                    "duplicate-id", at: pr.anchor("owner"), subject: owner, "owner '\(owner)' has two permits (first at line \(first))",
                    fix: "Keep one permit per road owner.")
                continue
            }
            seenPermit[owner] = item.line
            let rule = PermitRule(ownerID: owner, durationWorkingDays: days, location: diag.location(item))
            permits.append(rule)
            pending.permitsAt.append((rule, item, pr.anchor("owner")))
        }

        var negotiations: [NegotiationRule] = []
        var seenNegotiation: [String: Int] = [:]
        for (i, item) in (r.list("negotiations") ?? []).enumerated() {
            guard
                let nr = ObjectReader(
                    item, what: "negotiation", subject: "negotiation #\(i + 1)", diag: diag, utility: utility,
                    keys: ["owner", "days", "latest"])
            else { continue }
            let owner = nr.string("owner", required: true)
            if let owner { nr.subject = owner }
            let days = nr.integer("days", minimum: 0) ?? durations?.negotiationDays
            if !nr.has("days"), durations != nil, durations?.negotiationDays == nil {
                nr.missing("days", "the negotiation's expected duration in working days (or set durations.negotiation_days)")
            }
            let latest = date(nr, "latest")
            nr.finish()
            guard let owner, let days else { continue }
            if let first = seenNegotiation[owner] {
                diag.error(
                    "duplicate-id", at: nr.anchor("owner"), subject: owner,
                    "owner '\(owner)' has two negotiations (first at line \(first))", fix: "Keep one negotiation per owner.")
                continue
            }
            seenNegotiation[owner] = item.line
            let rule = NegotiationRule(ownerID: owner, durationWorkingDays: days, latest: latest, location: diag.location(item))
            negotiations.append(rule)
            pending.negotiationsAt.append((rule, nr.anchor("owner"), nr.has("latest") ? nr.anchor("latest") : nil))
        }

        var procurement: [LeadTime] = []
        var seenDN: [Int: Int] = [:]
        if r.has("procurement") { pending.procurementAt = r.anchor("procurement") }
        for (i, item) in (r.list("procurement") ?? []).enumerated() {
            guard
                let lr = ObjectReader(
                    item, what: "procurement lead time", subject: "procurement #\(i + 1)", diag: diag, utility: utility,
                    keys: ["dn", "days"])
            else { continue }
            let dn = lr.integer("dn", required: true, minimum: 1)
            let days = lr.integer("days", required: true, minimum: 0)
            lr.finish()
            guard let dn, let days else { continue }
            if let first = seenDN[dn] {
                diag.error(
                    "duplicate-id", at: lr.anchor("dn"), subject: "DN\(dn)", "DN\(dn) has two lead times (first at line \(first))",
                    fix: "Keep one lead time per pipe size.")
                continue
            }
            seenDN[dn] = item.line
            procurement.append(LeadTime(nominalDiameter: dn, durationWorkingDays: days))
        }

        let outage = readOutage(r.mapping("outage"))
        r.finish()

        pending.hadErrors = diag.findings.filter { $0.severity == .error }.count > errorsBefore
        pendingSchedule = pending
        guard let start, let weekdays, let productivity, let durations, crews.count == CrewType.allCases.count else { return }
        let calendar = WorkCalendar(
            startDate: start, workingWeekdays: weekdays, holidays: holidays.map(\.range), makeUpWorkingDays: makeUps.map(\.range))
        schedule = ScheduleSettings(
            calendar: calendar, crews: crews, productivity: productivity, durations: durations, permits: permits,
            negotiations: negotiations, procurement: procurement.sorted { $0.nominalDiameter < $1.nominalDiameter }, outage: outage,
            location: diag.location(m))
    }

    private func readWeekdays(_ r: ObjectReader) -> [Weekday]? {
        guard let items = r.list("working_weekdays", required: true) else { return nil }
        let allowed = Weekday.allCases.map(\.rawValue)
        if items.isEmpty {
            r.error("empty-list", "working_weekdays", "'working_weekdays' is empty, so no day could ever be worked", fix: "List the days worked, e.g. [mon, tue, wed, thu, fri].")
            return nil
        }
        var days: [Weekday] = []
        var ok = true
        for item in items {
            guard case .scalar(let text, _) = item.kind, let d = Weekday(rawValue: text.lowercased()) else {
                let text = item.scalarText ?? ""
                let hint = Suggestion.closest(to: text.lowercased(), in: allowed).map { "Did you mean '\($0)'? " } ?? ""
                diag.error(
                    "invalid-value", at: item, subject: nil,
                    "an entry of 'working_weekdays' is \(ScalarValue.describe(item)), not a weekday; allowed values: \(Suggestion.list(allowed))",
                    fix: "\(hint)Write weekdays as \(Suggestion.list(allowed)).")
                ok = false
                continue
            }
            if days.contains(d) {
                diag.error("duplicate-id", at: item, subject: nil, "weekday '\(d.rawValue)' is listed twice in 'working_weekdays'", fix: "List each weekday once.")
                ok = false
            }
            days.append(d)
        }
        return ok ? days : nil
    }

    /// A date value `YYYY-MM-DD` under `key`; reports anything else.
    func date(_ r: ObjectReader, _ key: String, required: Bool = false) -> CalendarDate? {
        guard let v = r.value(key) else {
            if required { r.missing(key, "a date written YYYY-MM-DD") }
            return nil
        }
        return date(v, key: key, what: r.what, subject: r.subject)
    }

    private func date(_ v: SyntaxNode, key: String, what: String, subject: String?) -> CalendarDate? {
        guard case .scalar(let text, _) = v.kind else {
            diag.error(
                "wrong-type", at: v, subject: subject, "'\(key)' in \(what) must be a date written YYYY-MM-DD, not \(ScalarValue.describe(v))",
                fix: "Write '\(key)' as a date such as 2024-04-11.")
            return nil
        }
        guard let d = CalendarDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
            let shaped = text.utf8.count == 10 && text.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == "-" : c.isASCII && c.isNumber }
            if shaped {
                diag.error(
                    "invalid-date", at: v, subject: subject, "'\(key)' in \(what) is '\(ScalarValue.clip(text))', a day that does not exist",
                    fix: "Correct the month or day (months have 28 to 31 days; 29 February only in leap years).")
                return nil
            }
            diag.error(
                "invalid-date", at: v, subject: subject,
                "'\(key)' in \(what) is '\(ScalarValue.clip(text))', which is not a calendar date written YYYY-MM-DD",
                fix: "Write '\(key)' as year-month-day with a valid day, e.g. 2024-04-11.")
            return nil
        }
        return d
    }

    /// A list of dates or `{from, to, name}` ranges; each entry is reported on its own.
    private func dateRanges(_ r: ObjectReader, _ key: String, what: String) -> [(range: DateRange, at: SyntaxNode)] {
        var out: [(DateRange, SyntaxNode)] = []
        for item in r.list(key) ?? [] {
            if let range = dateRange(item, key: key, what: what, subject: r.subject) { out.append((range, item)) }
        }
        return out
    }

    private func dateRange(_ item: SyntaxNode, key: String, what: String, subject: String?) -> DateRange? {
        if case .scalar = item.kind {
            guard let d = date(item, key: "an entry of '\(key)'", what: "the schedule section", subject: subject) else { return nil }
            return DateRange(from: d, to: d)
        }
        guard let rr = ObjectReader(item, what: what, subject: subject, diag: diag, utility: utility, keys: ["from", "to", "name"])
        else { return nil }
        let from = date(rr, "from", required: true)
        let to = date(rr, "to", required: true)
        let name = rr.has("name") ? rr.string("name") : nil
        rr.finish()
        guard let from, let to else { return nil }
        if to < from {
            rr.error("out-of-range", "to", "\(what) ends (\(to)) before it starts (\(from))", fix: "Swap 'from' and 'to', or correct the dates.")
            return nil
        }
        return DateRange(from: from, to: to, name: name)
    }

    private func readCrew(_ v: SyntaxNode, type: CrewType) -> Crew? {
        let what = "crew '\(type.rawValue)'"
        if case .scalar(let text, let quoted) = v.kind {
            guard let x = ScalarValue.number(text: text, quoted: quoted), x == x.rounded(), x >= 1, x < 1e6 else {
                diag.error(
                    "out-of-range", at: v, subject: type.rawValue,
                    "\(what) is \(ScalarValue.describe(v)); it must be a whole number of crews of at least 1",
                    fix: "Write the number of \(type.label), e.g. `\(type.rawValue): 2`, or a mapping with 'count'.")
                return nil
            }
            return Crew(type: type, count: Int(x), location: diag.location(v))
        }
        guard let r = ObjectReader(v, what: what, subject: type.rawValue, diag: diag, utility: utility, keys: Self.crewKeys) else { return nil }
        let count = r.integer("count", required: true, minimum: 1)
        let extra = r.integer("extra", minimum: 0) ?? 0
        let extraCost = r.money("extra_cost_cny")
        if extra > 0, !r.has("extra_cost_cny") {
            r.missing("extra_cost_cny", "the lump sum for hiring one extra crew for the works")
        }
        let dayRate = r.money("day_rate_cny") ?? 0
        var slots: [DateRange] = []
        for item in r.list("slots") ?? [] {
            if let s = dateRange(item, key: "slots", what: "booking slot", subject: type.rawValue) { slots.append(s) }
        }
        if let items = r.list("slots"), items.isEmpty {
            r.error("empty-list", "slots", "\(what) has an empty list of booking slots, so it could never work", fix: "List its booking slots, or remove 'slots' if it is always available.")
        }
        r.finish()
        guard let count else { return nil }
        return Crew(
            type: type, count: count, extra: extra, extraCostFen: extraCost ?? 0, dayRateFen: dayRate,
            slots: slots.sorted { $0.from < $1.from }, location: diag.location(v))
    }

    private func surfaceRates(_ r: ObjectReader, _ key: String, rule: NumberRule) -> [String: Double]? {
        guard let m = r.mapping(key, required: true),
            let sr = ObjectReader(m, what: "\(key) of the schedule", diag: diag, utility: utility, keys: [])
        else { return nil }
        var rates: [String: Double] = [:]
        var ok = true
        for entry in sr.entries {
            if let x = sr.number(entry.key, rule) { rates[entry.key] = x } else { ok = false }
        }
        if sr.entries.isEmpty {
            r.error("empty-list", key, "'\(key)' has no surfaces", fix: "Give a rate for every surface the segments have, e.g. {verge: 40, pavement: 25}.")
            ok = false
        }
        return ok ? rates : nil
    }

    private func readOutage(_ m: SyntaxNode?) -> OutageSettings? {
        guard let m, let r = ObjectReader(m, what: "the outage of the schedule", diag: diag, utility: utility, keys: Self.outageKeys)
        else { return nil }
        let kept = r.bool("existing_supply_kept") ?? false
        let cutOff = date(r, "cut_off")
        let interim = r.money("interim_supply_cost_per_day_cny") ?? 0
        let perHousehold = r.money("cost_per_household_day_cny") ?? 0
        let reference = r.integer("reference_outage_days", minimum: 0)
        let source = r.has("reference_source") ? r.string("reference_source") : nil
        if kept {
            for key in ["cut_off", "interim_supply_cost_per_day_cny", "cost_per_household_day_cny"] where r.has(key) {
                diag.error(
                    "conflicting-keys", at: r.keyNode(key), subject: nil,
                    "the outage gives 'existing_supply_kept: true' (no outage) and '\(key)'",
                    fix: "Remove '\(key)', or set existing_supply_kept to false if supply was cut.")
            }
        } else if !r.has("cut_off") {
            r.missing("cut_off", "the date supply was cut (YYYY-MM-DD), or `existing_supply_kept: true` if there is no outage")
        }
        r.finish()
        return OutageSettings(
            existingSupplyKept: kept, cutOff: kept ? nil : cutOff, interimSupplyCostPerDayFen: kept ? 0 : interim,
            costPerHouseholdDayFen: kept ? 0 : perHousehold, referenceOutageDays: reference, referenceSource: source)
    }

    // MARK: Pass 2

    func checkSchedule() {
        guard let pending = pendingSchedule else { return }
        let at = pending.at
        // Owners named by permits and negotiations.
        for (rule, _, ownerAt) in pending.permitsAt {
            checkOwnerReference(rule.ownerID, at: ownerAt, role: "'owner' of permit")
        }
        for (rule, ownerAt, _) in pending.negotiationsAt {
            guard checkOwnerReference(rule.ownerID, at: ownerAt, role: "'owner' of negotiation"),
                let owner = ownerIndex[rule.ownerID].map({ owners[$0] })
            else { continue }
            if owner.consent != .pending {
                diag.warning(
                    "ignored-negotiation", at: ownerAt, subject: rule.ownerID,
                    "owner's consent is \(owner.consent.rawValue), so there is nothing to negotiate; the negotiation is ignored",
                    fix: "Remove the negotiation, or record the consent as pending.")
            }
        }
        guard let schedule else { return }

        // Every pending consent that a plan could use needs a negotiation duration.
        let usedOwners = Set(segments.compactMap(\.segment.ownerID) + sources.map(\.ownerID))
        let explicit = Set(schedule.negotiations.map(\.ownerID))
        if schedule.durations.negotiationDays == nil {
            for owner in owners where owner.consent == .pending && usedOwners.contains(owner.id) && !explicit.contains(owner.id) {
                diag.error(
                    "missing-negotiation", at: at, subject: owner.id,
                    "the consent of '\(owner.id)' is pending, but the schedule has no negotiation duration for it",
                    fix: "Add `- {owner: \(owner.id), days: ...}` to schedule.negotiations, or set durations.negotiation_days as the default.")
            }
        }

        // Productivity for every surface a pipe may be laid on.
        var laidSurfaces: [String] = []
        for p in segments where p.segment.existing.map({ $0.replaceable }) ?? true {
            if !laidSurfaces.contains(p.segment.surface) { laidSurfaces.append(p.segment.surface) }
        }
        for (map, key, anchor) in [
            (schedule.productivity.trenchMetresPerCrewDay, "trench_m_per_crew_day", pending.trenchAt),
            (schedule.productivity.pipeMetresPerCrewDay, "pipe_m_per_crew_day", pending.pipeAt),
        ] {
            let missing = laidSurfaces.filter { map[$0] == nil }
            guard !missing.isEmpty else { continue }
            diag.error(
                "missing-productivity", at: anchor ?? at, subject: nil,
                "'\(key)' has no rate for surface\(missing.count == 1 ? "" : "s") \(Suggestion.list(missing)), which segments have",
                fix: "Add \(missing.map { "\($0): ..." }.joined(separator: ", ")) to '\(key)'.")
        }

        // A lead time for every pipe size that may be laid.
        let missingDN = Array(Set(pipes.map(\.nominalDiameter))).sorted().filter { schedule.leadTimeDays(nominalDiameter: $0) == nil }
        if !missingDN.isEmpty {
            diag.error(
                "missing-lead-time", at: pending.procurementAt ?? pending.durationsAt ?? at, subject: nil,
                "no procurement lead time for pipe size\(missingDN.count == 1 ? "" : "s") \(missingDN.map { "DN\($0)" }.joined(separator: ", ")) of the catalogue",
                fix: "Add `- {dn: \(missingDN[0]), days: ...}` to schedule.procurement for each size, or set durations.procurement_days as the default.")
        }

        if !pending.regulatorDaysGiven, sources.contains(where: { $0.regulator != nil }) {
            diag.error(
                "missing-key", at: pending.durationsAt ?? at, subject: nil,
                "a source needs a pressure-regulator box, but durations has no 'regulator_box_days'",
                fix: "Add 'regulator_box_days:' with the working days to install the box.")
        }

        // A promised decision date the planned negotiation cannot meet is a contradiction.
        let days = schedule.calendar.workingDays(count: 1 + (schedule.negotiations.map(\.durationWorkingDays).max() ?? 0))
        for (rule, _, latestAt) in pending.negotiationsAt {
            guard let latest = rule.latest, let latestAt, rule.durationWorkingDays > 0 else { continue }
            guard rule.durationWorkingDays <= days.count else { continue }
            let end = days[rule.durationWorkingDays - 1]
            if latest < end {
                diag.error(
                    "out-of-range", at: latestAt, subject: rule.ownerID,
                    "'latest' \(latest) is before the negotiation can end: \(rule.durationWorkingDays) working days from \(schedule.calendar.startDate) end on \(end)",
                    fix: "Set 'latest' to \(end) or later, or shorten 'days'.")
            }
        }
    }

    @discardableResult
    private func checkOwnerReference(_ id: String, at: SyntaxNode, role: String) -> Bool {
        guard ownerIndex[id] == nil else { return true }
        let hint = Suggestion.closest(to: id, in: Array(ownerIndex.keys).sorted()).map { "Did you mean '\($0)'? " } ?? ""
        diag.error(
            "missing-reference", at: at, subject: id, "\(role) is '\(ScalarValue.clip(id))', but no owner has that id",
            fix: "\(hint)Correct the id, or add an owner '\(ScalarValue.clip(id))' to owners.")
        return false
    }
}
