// SPDX-License-Identifier: GPL-3.0-or-later
//
// The `schedule` section: dates against Foundation's Gregorian calendar (an oracle that shares no
// code with CalendarDate), the working-day calendar, the loader's reading, and every bad input
// reported at once with its line and column.

import Foundation
import XCTest

@testable import ConnplanCore

final class ScheduleSectionTests: XCTestCase {
    /// A valid schedule section for `ScenarioFixtures.minimalGas` (its owner is 'nb', surface 'verge', DN 63).
    /// Line numbers: the section starts on line 22 of the combined text.
    static let section = """
        schedule:
          start: 2024-04-11
          working_weekdays: [mon, tue, wed, thu, fri, sat]
          holidays:
            - {from: 2024-05-01, to: 2024-05-05, name: Labour Day}
            - 2024-06-10
          make_up_working_days: [2024-04-28]
          crews:
            trench: {count: 2, day_rate_cny: 2400.50, extra: 1, extra_cost_cny: 9000}
            pipe_fitter: 2
            meter_installer: 1
            tie_in: {count: 1, slots: [{from: 2024-05-13, to: 2024-05-18}]}
          productivity:
            trench_m_per_crew_day: {verge: 30}
            pipe_m_per_crew_day: {verge: 60}
            households_per_installer_day: 6
            riser_days_per_building: 3
          durations:
            survey_and_design_days: 10
            tie_in_days: 1
            pressure_test_days: 2
            commissioning_days: 2
            permit_days: 8
            procurement_days: 5
          permits:
            - {owner: nb}
          procurement:
            - {dn: 63, days: 7}
          outage:
            cut_off: 2024-04-11
            interim_supply_cost_per_day_cny: 1600
            reference_outage_days: 89

        """

    // MARK: Dates

    func testDatesAgreeWithFoundationsGregorianCalendar() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let epoch = Date(timeIntervalSince1970: 0)
        // Every day from 1899 to 2101 (leap rules at 1900 and 2000), plus a few far ones.
        // (Foundation switches to the Julian calendar before 1582, so the oracle stays after it.)
        for n in Array(-25_567...48_000) + [-130_000, 1_000_000, 2_900_000] {
            let d = CalendarDate(dayNumber: n)
            let f = gregorian.dateComponents([.year, .month, .day, .weekday], from: epoch.addingTimeInterval(Double(n) * 86_400))
            XCTAssertEqual([d.year, d.month, d.day], [f.year!, f.month!, f.day!], "day \(n)")
            // Foundation: 1 = Sunday … 7 = Saturday.
            XCTAssertEqual(d.weekday.isoNumber % 7 + 1, f.weekday!, "weekday of \(d)")
            XCTAssertEqual(CalendarDate(iso: d.description)?.dayNumber, n)
        }
    }

    func testISODatesAreReadStrictly() {
        XCTAssertEqual(CalendarDate(iso: "2024-02-29")?.description, "2024-02-29")
        for bad in ["2023-02-29", "2024-13-01", "2024-04-31", "2024-4-11", "11/04/2024", "2024-04-11T00:00", " 2024-04-11", "０２０24-04-11", "0000-01-01"] {
            XCTAssertNil(CalendarDate(iso: bad), bad)
        }
        XCTAssertEqual(CalendarDate(year: 2024, month: 7, day: 8)! - CalendarDate(year: 2024, month: 4, day: 11)!, 88)
        XCTAssertEqual(CalendarDate(year: 2024, month: 5, day: 6)!.weekday, .mon)
    }

    func testWorkingDaysFollowWeekdaysHolidaysAndMakeUpDays() throws {
        let c = WorkCalendar(
            startDate: CalendarDate(iso: "2024-04-25")!, workingWeekdays: [.mon, .tue, .wed, .thu, .fri],
            holidays: [DateRange(from: CalendarDate(iso: "2024-05-01")!, to: CalendarDate(iso: "2024-05-05")!)],
            makeUpWorkingDays: [DateRange(from: CalendarDate(iso: "2024-04-28")!, to: CalendarDate(iso: "2024-04-28")!)])
        let days = c.workingDays(count: 6).map(\.description)
        // Thu 25, Fri 26, Sun 28 (make-up), Mon 29, Tue 30, then the holiday to Sun 5 May, Mon 6.
        XCTAssertEqual(days, ["2024-04-25", "2024-04-26", "2024-04-28", "2024-04-29", "2024-04-30", "2024-05-06"])
        XCTAssertEqual(c.workingDayIndex(onOrAfter: CalendarDate(iso: "2024-05-02")!), 5)
        XCTAssertFalse(c.isWorkingDay(CalendarDate(iso: "2024-04-27")!))
    }

    // MARK: Loading

    func testSectionLoads() throws {
        let loaded = try XCTUnwrap(load(ScenarioFixtures.minimalGas + Self.section))
        let s = try XCTUnwrap(loaded.scenario.schedule)
        XCTAssertTrue(loaded.scenario.hasSchedule)
        XCTAssertEqual(s.calendar.startDate, CalendarDate(year: 2024, month: 4, day: 11))
        XCTAssertEqual(s.calendar.workingWeekdays, [.mon, .tue, .wed, .thu, .fri, .sat])
        XCTAssertEqual(s.calendar.holidays.count, 2)
        XCTAssertEqual(s.calendar.holidays[1].from, s.calendar.holidays[1].to)
        XCTAssertEqual(s.crews.map(\.type), CrewType.allCases)
        XCTAssertEqual(s.crew(.trench)?.count, 2)
        XCTAssertEqual(s.crew(.trench)?.dayRateFen, 240_050)
        XCTAssertEqual(s.crew(.trench)?.extraCostFen, 900_000)
        XCTAssertEqual(s.crew(.pipeFitter)?.count, 2)
        XCTAssertEqual(s.crew(.tieIn)?.slots.count, 1)
        XCTAssertEqual(s.productivity.trenchMetresPerCrewDay, ["verge": 30])
        XCTAssertEqual(s.permits, [PermitRule(ownerID: "nb", durationWorkingDays: 8, location: s.permits.first?.location)])
        XCTAssertEqual(s.leadTimeDays(nominalDiameter: 63), 7)
        XCTAssertEqual(s.leadTimeDays(nominalDiameter: 110), 5)
        XCTAssertEqual(s.outage?.interimSupplyCostPerDayFen, 160_000)
        XCTAssertEqual(s.outage?.referenceOutageDays, 89)
        XCTAssertTrue(s.outage?.hasCost == true)
        XCTAssertEqual(loaded.warnings, [])
    }

    func testBundledScenariosHaveScheduleSections() throws {
        for name in ["shifo-water.yaml", "compound-79-gas.yaml"] {
            let path = ScenarioFixtures.repositoryRoot.appendingPathComponent("scenarios/\(name)").path
            let loaded = try ScenarioLoader.load(path: path)
            XCTAssertNotNil(loaded.scenario.schedule, name)
            XCTAssertEqual(loaded.warnings, [], name)
        }
    }

    func testEveryProblemIsReportedAtOnceWithLineAndColumn() throws {
        var text = ScenarioFixtures.minimalGas + Self.section
        text = edit(text, "start: 2024-04-11", "start: 2024-02-30")
        text = edit(text, "[mon, tue, wed, thu, fri, sat]", "[mon, tue, wedn]")
        text = edit(text, "{from: 2024-05-01, to: 2024-05-05, name: Labour Day}", "{from: 2024-05-05, to: 2024-05-01, name: Labour Day}")
        text = edit(text, "pipe_fitter: 2", "pipe_fitter: 0")
        text = edit(text, "meter_installer: 1", "meter_instaler: 1")
        text = edit(text, "- {owner: nb}", "- {owner: nbb}")
        text = edit(text, "interim_supply_cost_per_day_cny: 1600", "interim_supply_cost_per_day_cny: 1600.005")
        let f = findings(text)
        let lines = Dictionary(grouping: errors(f), by: \.code).mapValues { $0.compactMap { $0.location?.line } }
        // Line numbers: the section starts on line 22.
        XCTAssertEqual(only("invalid-date", in: f)?.location?.line, 23)
        XCTAssertEqual(only("invalid-date", in: f)?.location?.column, 10)
        XCTAssertTrue(lines["invalid-value"]?.contains(24) == true, "\(lines)")
        XCTAssertTrue(f.contains { $0.code == "invalid-value" && $0.fix?.contains("'wed'") == true }, "did you mean 'wed'")
        XCTAssertTrue(lines["out-of-range"]?.contains(26) == true, "holiday ends before it starts: \(lines)")
        XCTAssertTrue(lines["out-of-range"]?.contains(31) == true, "zero pipe fitters: \(lines)")
        XCTAssertTrue(f.contains { $0.code == "unknown-key" && $0.fix?.contains("meter_installer") == true }, "\(f)")
        XCTAssertTrue(f.contains { $0.code == "missing-key" && $0.message.contains("meter_installer") })
        let owner = try XCTUnwrap(f.first { $0.code == "missing-reference" && $0.subject == "nbb" })
        XCTAssertEqual(owner.location?.line, 47)
        XCTAssertTrue(owner.fix?.contains("Did you mean 'nb'?") == true, owner.description)
        XCTAssertEqual(only("money-precision", in: f)?.location?.line, 52)
        XCTAssertGreaterThanOrEqual(errors(f).count, 8)
        XCTAssertTrue(errors(f).allSatisfy { $0.fix != nil && $0.location?.file == "test.yaml" })
    }

    func testConsentAndOutageRules() throws {
        // A pending consent the plan may use needs a negotiation; latest before it can end is an error.
        let pending = edit(ScenarioFixtures.minimalGas, "consent: granted", "consent: pending")
        var f = findings(pending + Self.section)
        XCTAssertEqual(only("missing-negotiation", in: f)?.subject, "nb")
        let withNegotiation = edit(pending + Self.section, "  procurement:\n", "  negotiations:\n    - {owner: nb, days: 20, latest: 2024-04-30}\n  procurement:\n")
        f = findings(withNegotiation)
        let late = try XCTUnwrap(only("out-of-range", in: f))
        // 20 working days Mon–Sat from Thursday 11 April, with the Sunday make-up day and Labour Day off.
        XCTAssertTrue(late.message.contains("end on 2024-05-07"), late.message)
        XCTAssertNotNil(load(edit(withNegotiation, "latest: 2024-04-30", "latest: 2024-05-07")))
        // A surface of the segments without a productivity.
        f = findings(edit(ScenarioFixtures.minimalGas + Self.section, "trench_m_per_crew_day: {verge: 30}", "trench_m_per_crew_day: {pavement: 30}"))
        XCTAssertEqual(only("missing-productivity", in: f)?.message.contains("'verge'"), true)
        // A negotiation for a granted consent is ignored with a warning.
        let granted = edit(ScenarioFixtures.minimalGas + Self.section, "  procurement:\n", "  negotiations:\n    - {owner: nb, days: 5}\n  procurement:\n")
        XCTAssertEqual(load(granted)?.warnings.map(\.code), ["ignored-negotiation"])
        // No outage and a cut-off at once.
        f = findings(edit(ScenarioFixtures.minimalGas + Self.section, "    cut_off: 2024-04-11\n", "    cut_off: 2024-04-11\n    existing_supply_kept: true\n"))
        XCTAssertEqual(errors(f).filter { $0.code == "conflicting-keys" }.count, 2)
        // Extra crews need their cost.
        f = findings(edit(ScenarioFixtures.minimalGas + Self.section, "extra: 1, extra_cost_cny: 9000", "extra: 1"))
        XCTAssertEqual(only("missing-key", in: f)?.message.contains("extra_cost_cny"), true)
        // No lead time for DN 63 without a default.
        f = findings(edit(edit(ScenarioFixtures.minimalGas + Self.section, "    procurement_days: 5\n", ""), "    - {dn: 63, days: 7}\n", "    - {dn: 110, days: 7}\n"))
        XCTAssertEqual(only("missing-lead-time", in: f)?.message.contains("DN63"), true)
    }
}
