// SPDX-License-Identifier: GPL-3.0-or-later
//
// `connplan schedule` end to end on the bundled scenarios: the text Gantt, JSON, CSV, the
// iCalendar file read back with Python's `icalendar` (every date compared), the MS Project XML
// read back with Python's xml.etree (structure, links, resources, the schema's element order),
// bad input, and determinism.

import Foundation
import TestSupport
import XCTest

final class ScheduleCommandTests: CLITestCase {
    func json(_ r: CLIResult) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any], r.summary)
    }

    func testShifoTextHasTheGanttTheCriticalPathAndTheOutage() throws {
        let r = try connplan("schedule", Self.shifo, "--reproducible")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let text = r.stdoutText
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 100, "line longer than 100 columns: \(line)")
        }
        XCTAssertTrue(text.contains("Gantt (time axis in working days"), text)
        XCTAssertTrue(text.contains("* Pressure test"), "the pressure test is critical in Shifo:\n\(text)")
        XCTAssertTrue(text.contains("Critical path (no float; '+' joins tasks that start together): "), text)
        // Parallel critical tasks are joined, not chained: no arrow between two tasks that start together.
        let j0 = try json(try connplan("schedule", Self.shifo, "--format", "json", "--reproducible"))
        let tasks = try XCTUnwrap(j0["tasks"] as? [[String: Any]])
        let startOf = Dictionary(uniqueKeysWithValues: tasks.compactMap { t in (t["id"] as? String).map { ($0, t["start"] as? String ?? "") } })
        let flat = text.components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
        let line = try XCTUnwrap(flat.range(of: "start together): ").map { String(flat[$0.upperBound...]) })
        let pathText = try XCTUnwrap(line.range(of: " Connections (").map { String(line[..<$0.lowerBound]) })
        let stages = pathText.components(separatedBy: " → ").map { $0.components(separatedBy: " + ").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertGreaterThan(stages.count, 1, pathText)
        for (a, b) in zip(stages, stages.dropFirst()) {
            XCTAssertNotEqual(startOf[a[0]], startOf[b[0]], "\(a) → \(b) start together: \(pathText)")
        }
        XCTAssertTrue(stages.contains { $0.count > 1 }, "Shifo has critical tasks that start together: \(pathText)")
        // The outage line comes from the model and the scenario (its 89 days), in the lead's words.
        let j = try json(try connplan("schedule", Self.shifo, "--format", "json", "--reproducible"))
        let outage = try XCTUnwrap(j["outage"] as? [String: Any])
        let days = try XCTUnwrap(outage["days"] as? Int)
        let last = try XCTUnwrap(outage["last_connection"] as? String)
        let cost = try XCTUnwrap(outage["interim_supply_cost_cny"] as? NSNumber)
        let expected = "Planned outage \(days) days (from cut-off 2024-04-11 to commissioning \(last)), interim supply cost "
        XCTAssertTrue(text.replacingOccurrences(of: "\n", with: " ").contains(expected), "missing '\(expected)' in\n\(text)")
        XCTAssertTrue(text.replacingOccurrences(of: "\n", with: " ").contains("reports 89 days"), text)
        XCTAssertEqual(cost.doubleValue, Double(days) * 1600, accuracy: 0.001)
        XCTAssertFalse(text.contains(" s]"), "--reproducible leaves timings out")
    }

    func testShifoJSONIsConsistent() throws {
        let r = try connplan("schedule", Self.shifo, "--format", "json", "--reproducible")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let j = try json(r)
        let tasks = try XCTUnwrap(j["tasks"] as? [[String: Any]])
        let ids = Set(tasks.compactMap { $0["id"] as? String })
        XCTAssertEqual(ids.count, tasks.count, "task ids are unique")
        let finish = try XCTUnwrap(j["finish"] as? String)
        XCTAssertEqual(tasks.compactMap { $0["finish"] as? String }.max(), finish)
        let critical = try XCTUnwrap(j["critical_path"] as? [String])
        XCTAssertEqual(Set(critical), Set(tasks.filter { $0["critical"] as? Bool == true }.compactMap { $0["id"] as? String }))
        for t in tasks {
            for p in (t["predecessors"] as? [[String: Any]]) ?? [] {
                XCTAssertTrue(ids.contains(p["id"] as? String ?? ""), "unknown predecessor in \(t)")
            }
        }
        let connections = try XCTUnwrap(j["connections"] as? [[String: Any]])
        XCTAssertEqual(connections.compactMap { $0["households"] as? Int }.reduce(0, +), 192)
        XCTAssertEqual(connections.flatMap { ($0["household_ids"] as? [String]) ?? [] }.count, 192)
        let outage = try XCTUnwrap(j["outage"] as? [String: Any])
        XCTAssertEqual(outage["reference_days"] as? Int, 89)
        XCTAssertEqual(outage["last_connection"] as? String, connections.compactMap { $0["date"] as? String }.max())
        let solver = try XCTUnwrap(j["solver"] as? [String: Any])
        // The combinatorial bound proves the priority-rule schedule optimal, so no MILP runs.
        XCTAssertEqual(solver["status"] as? String, "optimal")
        XCTAssertEqual(solver["gap"] as? Double, 0)
        XCTAssertEqual(solver["best_bound"] as? Double, solver["objective_value"] as? Double)
        XCTAssertEqual(solver["objective"] as? String, "works_plus_outage_cost")
        XCTAssertNil(solver["seconds"], "--reproducible leaves timings out")
    }

    func testCompound79WaitsOnTheTelecomConsent() throws {
        let r = try connplan("schedule", Self.compound79, "--format", "json", "--reproducible")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let j = try json(r)
        let consents = try XCTUnwrap(j["pending_consents"] as? [[String: Any]])
        let telecom = try XCTUnwrap(consents.first { $0["owner"] as? String == "telecom" })
        let finish = try XCTUnwrap(j["finish"] as? String)
        XCTAssertGreaterThan(try XCTUnwrap(telecom["finish_if_latest"] as? String), finish)
        XCTAssertTrue((telecom["waiting_tasks"] as? [String] ?? []).contains("trench-X-TEL"))
        let text = try connplan("schedule", Self.compound79, "--reproducible").stdoutText
        XCTAssertTrue(text.contains("Pending consents the schedule waits on"), text)
        XCTAssertTrue(text.contains("No outage"), text)
        // If the telecom consent is ruled out, the plan and the schedule change, and nothing waits on telecom.
        let forbidden = try json(try connplan("schedule", Self.compound79, "--format", "json", "--forbid", "telecom", "--reproducible"))
        let others = try XCTUnwrap(forbidden["pending_consents"] as? [[String: Any]])
        XCTAssertFalse(others.contains { $0["owner"] as? String == "telecom" })
    }

    func testCSVHasOneRowPerTask() throws {
        let r = try connplan("schedule", Self.shifo, "--format", "csv", "--reproducible")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let lines = r.stdoutText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(
            lines[0].split(separator: ",").prefix(8).map(String.init),
            ["id", "name", "start", "finish", "duration_working_days", "crew", "predecessors", "critical"])
        let j = try json(try connplan("schedule", Self.shifo, "--format", "json", "--reproducible"))
        XCTAssertEqual(lines.count - 1, (j["tasks"] as? [Any])?.count)
        XCTAssertTrue(lines.contains { $0.hasPrefix("pressure-test,Pressure test,") && $0.contains(",yes,") })
    }

    // MARK: Read back by real parsers

    func testICSParsesWithPythonIcalendarAndEveryDateMatches() throws {
        let python = try pythonWith("icalendar")
        let dir = try makeTemporaryDirectory()
        let ics = dir.appendingPathComponent("shifo.ics").path
        let js = dir.appendingPathComponent("shifo.json").path
        XCTAssertEqual(try connplan("schedule", Self.shifo, "--format", "ics", "-o", ics).status, Exit.planFound)
        XCTAssertEqual(try connplan("schedule", Self.shifo, "--format", "json", "-o", js).status, Exit.planFound)
        let raw = try Data(contentsOf: URL(fileURLWithPath: ics))
        // RFC 5545 §3.1: CRLF everywhere, no line over 75 octets.
        let text = String(decoding: raw, as: UTF8.self)
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF in the ICS file")
        for line in text.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
        let script = """
            import sys, json, datetime, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            tasks = {t['id']: t for t in json.load(open(sys.argv[2]))['tasks']}
            seen = set()
            for ev in cal.walk('VEVENT'):
                uid = str(ev['UID'])
                tid = uid.split('.')[0]
                t = tasks[tid]
                start, end = ev['DTSTART'].dt, ev['DTEND'].dt
                assert type(start) is datetime.date and type(end) is datetime.date, (uid, start, end)
                assert start.isoformat() == t['start'], (uid, start, t['start'])
                assert (end - datetime.timedelta(days=1)).isoformat() == t['finish'], (uid, end, t['finish'])
                assert ev['DTSTAMP'].dt.isoformat() == '2024-04-11T00:00:00+00:00', ev['DTSTAMP'].dt
                assert uid.endswith('@connplan') and uid not in seen, uid
                seen.add(uid)
            assert seen and len(seen) == len(tasks), (len(seen), len(tasks))
            print('OK', len(seen))
            """
        let out = try runPython(python, script, [ics, js])
        XCTAssertTrue(out.hasPrefix("OK "), out)
    }

    func testMSPDIParsesWithPythonAndFollowsTheSchemaOrder() throws {
        let python = try pythonWith("xml.etree.ElementTree")
        let dir = try makeTemporaryDirectory()
        let xml = dir.appendingPathComponent("shifo.xml").path
        let js = dir.appendingPathComponent("shifo.json").path
        XCTAssertEqual(try connplan("schedule", Self.shifo, "--format", "mspdi", "-o", xml).status, Exit.planFound)
        XCTAssertEqual(try connplan("schedule", Self.shifo, "--format", "json", "-o", js).status, Exit.planFound)
        // Element order of Project, Task, PredecessorLink, Calendar, WeekDay, Exception, Resource and
        // Assignment in Microsoft's published schema (mspdi_pj12.xsd), for the elements connplan
        // writes (and their neighbours): xsd:sequence means they must appear in this order.
        let script = """
            import sys, json, xml.etree.ElementTree as ET
            NS = '{http://schemas.microsoft.com/project}'
            PROJECT = ['SaveVersion','UID','Name','Title','Subject','Category','Company','Manager','Author','CreationDate','Revision',
              'LastSaved','ScheduleFromStart','StartDate','FinishDate','FYStartDate','CriticalSlackLimit','CurrencyDigits','CurrencySymbol',
              'CurrencyCode','CurrencySymbolPosition','CalendarUID','DefaultStartTime','DefaultFinishTime','MinutesPerDay','MinutesPerWeek',
              'DaysPerMonth','DefaultTaskType','DefaultFixedCostAccrual','DefaultStandardRate','DefaultOvertimeRate','DurationFormat',
              'WorkFormat','EditableActualCosts','HonorConstraints','EarnedValueMethod','InsertedProjectsLikeSummary','MultipleCriticalPaths',
              'NewTasksEffortDriven','NewTasksEstimated','SplitsInProgressTasks','SpreadActualCost','SpreadPercentComplete',
              'TaskUpdatesResource','FiscalYearStart','WeekStartDay','OutlineCodes','WBSMasks','ExtendedAttributes','Calendars','Tasks',
              'Resources','Assignments']
            TASK = ['UID','ID','Name','Type','IsNull','CreateDate','Contact','WBS','WBSLevel','OutlineNumber','OutlineLevel','Priority',
              'Start','Finish','Duration','DurationFormat','Work','Stop','Resume','ResumeValid','EffortDriven','Recurring','OverAllocated',
              'Estimated','Milestone','Summary','Critical','IsSubproject','IsSubprojectReadOnly','SubprojectName','ExternalTask',
              'ExternalTaskProject','EarlyStart','EarlyFinish','LateStart','LateFinish','StartVariance','FinishVariance','WorkVariance',
              'FreeSlack','TotalSlack','FixedCost','FixedCostAccrual','PercentComplete','PercentWorkComplete','Cost','OvertimeCost',
              'OvertimeWork','ActualStart','ActualFinish','ActualDuration','ActualCost','ActualOvertimeCost','ActualWork',
              'ActualOvertimeWork','RegularWork','RemainingDuration','RemainingCost','RemainingWork','RemainingOvertimeCost',
              'RemainingOvertimeWork','ACWP','CV','ConstraintType','CalendarUID','ConstraintDate','Deadline','LevelAssignments',
              'LevelingCanSplit','LevelingDelay','LevelingDelayFormat','PreLeveledStart','PreLeveledFinish','Hyperlink','HyperlinkAddress',
              'HyperlinkSubAddress','IgnoreResourceCalendar','Notes','HideBar','Rollup','BCWS','BCWP','PhysicalPercentComplete',
              'EarnedValueMethod','PredecessorLink']
            LINK = ['PredecessorUID','Type','CrossProject','CrossProjectName','LinkLag','LagFormat']
            CALENDAR = ['UID','Name','IsBaseCalendar','BaseCalendarUID','WeekDays','Exceptions','WorkWeeks']
            WEEKDAY = ['DayType','DayWorking','TimePeriod','WorkingTimes']
            EXCEPTION = ['EnteredByOccurrences','TimePeriod','Occurrences','Name','Type','Period','DaysOfWeek','MonthItem',
              'MonthPosition','Month','MonthDay','DayWorking','WorkingTimes']
            RESOURCE = ['UID','ID','Name','Type','IsNull','Initials','Phonetics','NTAccount','MaterialLabel','Code','Group','WorkGroup',
              'EmailAddress','Hyperlink','HyperlinkAddress','HyperlinkSubAddress','MaxUnits']
            ASSIGNMENT = ['UID','GUID','TaskUID','ResourceUID','Finish','RemainingWork','ResponsePending','Start','Stop','Resume','Units','Work']
            def in_order(el, order):
                names = [c.tag[len(NS):] for c in el]
                idx = [order.index(n) for n in names]
                assert idx == sorted(idx), (el.tag, names)
            root = ET.parse(sys.argv[1]).getroot()
            assert root.tag == NS + 'Project', root.tag
            in_order(root, PROJECT)
            j = json.load(open(sys.argv[2]))
            tasks = root.findall(NS + 'Tasks/' + NS + 'Task')
            assert len(tasks) == len(j['tasks']) + 1, (len(tasks), len(j['tasks']))
            uids = {t.find(NS + 'UID').text for t in tasks}
            byname = {}
            for t in tasks:
                in_order(t, TASK)
                for link in t.findall(NS + 'PredecessorLink'):
                    in_order(link, LINK)
                    assert link.find(NS + 'PredecessorUID').text in uids
                    assert link.find(NS + 'Type').text in ('0', '1', '3')
                byname.setdefault(t.find(NS + 'Name').text, []).append(t)
            for jt in j['tasks']:
                t = [x for x in byname[jt['name']] if x.find(NS + 'Notes').text.endswith(jt['id'])][0]
                assert t.find(NS + 'Start').text == jt['start'] + 'T08:00:00', (jt['id'], t.find(NS + 'Start').text)
                assert t.find(NS + 'Finish').text == jt['finish'] + 'T17:00:00'
                assert t.find(NS + 'Duration').text == 'PT%dH0M0S' % (8 * jt['duration_working_days'])
                assert t.find(NS + 'Critical').text == ('1' if jt['critical'] else '0')
                assert len(t.findall(NS + 'PredecessorLink')) == len(jt['predecessors'])
            resources = root.findall(NS + 'Resources/' + NS + 'Resource')
            assert [r.find(NS + 'Name').text for r in resources] == ['trench crew', 'pipe fitters', 'meter installers', 'tie-in team']
            crewed = [t for t in j['tasks'] if t['crew']]
            assignments = root.findall(NS + 'Assignments/' + NS + 'Assignment')
            assert len(assignments) == len(crewed), (len(assignments), len(crewed))
            for r in resources: in_order(r, RESOURCE)
            for a in assignments: in_order(a, ASSIGNMENT)
            cal = root.find(NS + 'Calendars/' + NS + 'Calendar')
            in_order(cal, CALENDAR)
            for w in cal.findall(NS + 'WeekDays/' + NS + 'WeekDay'): in_order(w, WEEKDAY)
            for e in cal.findall(NS + 'Exceptions/' + NS + 'Exception'): in_order(e, EXCEPTION)
            weekdays = cal.findall(NS + 'WeekDays/' + NS + 'WeekDay')
            assert len(weekdays) == 7 and sum(int(w.find(NS + 'DayWorking').text) for w in weekdays) == 6
            exceptions = cal.findall(NS + 'Exceptions/' + NS + 'Exception')
            assert len(exceptions) == 3, len(exceptions)
            print('OK', len(tasks))
            """
        let out = try runPython(python, script, [xml, js])
        XCTAssertTrue(out.hasPrefix("OK "), out)
    }

    // MARK: Bad input, determinism, files

    func testScenarioWithoutScheduleSectionIsBadInput() throws {
        let text = try scenarioText(Self.shifo)
        let cut = try XCTUnwrap(text.range(of: "\nschedule:"))
        let path = try writeTemporaryScenario("no-schedule.yaml", String(text[..<cut.lowerBound]) + "\n")
        let r = try connplan("schedule", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertTrue(r.stderrText.contains("has no 'schedule' section"), r.stderrText)
        XCTAssertTrue(r.stdoutText.isEmpty)
        // The plan command does not need it.
        XCTAssertEqual(try connplan("plan", path).status, Exit.planFound)
    }

    func testBadScheduleSectionListsEveryProblemWithItsLine() throws {
        var text = try scenarioText(Self.compound79)
        text = text.replacingOnce("start: 2025-03-03", with: "start: 2025-02-29")
        text = text.replacingOnce("- {owner: telecom, days: 20, latest: 2025-05-30}", with: "- {owner: telekom, days: 20, latest: 2025-05-30}")
        text = text.replacingOnce("households_per_installer_day: 5", with: "households_per_installer_day: -5")
        let path = try writeTemporaryScenario("bad.yaml", text)
        let r = try connplan("schedule", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        let err = r.stderrText
        for (needle, code) in [("start: 2025-02-29", "a day that does not exist"), ("owner: telekom", "Did you mean 'telecom'?"), ("households_per_installer_day: -5", "greater than 0")] {
            let line = try XCTUnwrap(lineNumbers(of: needle, in: text).first)
            XCTAssertTrue(err.contains("bad.yaml:\(line):"), "no finding at line \(line) for \(needle):\n\(err)")
            XCTAssertTrue(err.contains(code), "missing '\(code)' in:\n\(err)")
        }
    }

    func testUnschedulableBookingSlotsExitOne() throws {
        var text = try scenarioText(Self.shifo)
        text = text.replacingOnce("    tie_in:                         # the water company's own team, booked by week\n      count: 1\n", with: "    tie_in:\n      count: 1\n")
        text = text.replacingOnce("        - {from: 2024-05-13, to: 2024-05-18}\n        - {from: 2024-05-27, to: 2024-06-01}\n        - {from: 2024-06-11, to: 2024-06-15}\n        - {from: 2024-06-24, to: 2024-06-29}\n        - {from: 2024-07-08, to: 2024-07-13}\n", with: "        - {from: 2024-04-12, to: 2024-04-13}\n")
        let path = try writeTemporaryScenario("slots.yaml", text)
        let r = try connplan("schedule", path)
        XCTAssertEqual(r.status, Exit.noPlan, r.summary)
        XCTAssertTrue(r.stderrText.contains("tie-in-S-CITY-N"), r.stderrText)
        XCTAssertTrue(r.stderrText.contains("booking slot"), r.stderrText)
    }

    func testEveryFormatIsDeterministicAndWrittenAtomically() throws {
        let dir = try makeTemporaryDirectory()
        for format in ["text", "json", "csv", "ics", "mspdi"] {
            let a = try connplan("schedule", Self.shifo, "--format", format, "--reproducible")
            XCTAssertEqual(a.status, Exit.planFound, a.summary)
            let out = dir.appendingPathComponent("out.\(format)")
            let c = try connplan("schedule", Self.shifo, "--format", format, "--reproducible", "-o", out.path)
            XCTAssertEqual(c.status, Exit.planFound, c.summary)
            XCTAssertEqual(try Data(contentsOf: out), a.stdout, "\(format): two runs (stdout, then -o) differ")
        }
    }

    /// The outputs pasted in docs/reference/schedule-output.md and docs/tutorial.md are current.
    func testDocumentedOutputsAreCurrent() throws {
        let docs = CLIRunner.packageRoot.appendingPathComponent("docs")
        let reference = try String(contentsOf: docs.appendingPathComponent("reference/schedule-output.md"), encoding: .utf8)
        let tutorial = try String(contentsOf: docs.appendingPathComponent("tutorial.md"), encoding: .utf8)
        let shifo = try connplan("schedule", Self.shifo, "--reproducible")
        XCTAssertTrue(reference.contains("```text\n" + shifo.stdoutText + "```"), "docs/reference/schedule-output.md shows an old Shifo schedule:\n\(shifo.stdoutText)")
        let c79 = try connplan("schedule", Self.compound79, "--reproducible")
        XCTAssertTrue(tutorial.contains("```text\n" + c79.stdoutText + "```"), "docs/tutorial.md shows an old Compound 79 schedule:\n\(c79.stdoutText)")
    }

    // MARK: Python helpers

    /// The first python3 on PATH that can import `module`; skips the test (saying why) if none can.
    func pythonWith(_ module: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let python = URL(fileURLWithPath: "\(dir)/python3")
            guard FileManager.default.isExecutableFile(atPath: python.path) else { continue }
            if (try? CLIRunner(executableURL: python).run(["-c", "import \(module)"]).status) == 0 { return python }
        }
        let reason = "no python3 on PATH has the '\(module)' module (scripts/install-deps test installs it); skipped"
        print(reason)
        throw XCTSkip(reason)
    }

    func runPython(_ python: URL, _ script: String, _ arguments: [String]) throws -> String {
        let r = try CLIRunner(executableURL: python).run(["-c", script] + arguments)
        XCTAssertEqual(r.status, 0, "python failed:\n\(r.stderrText)")
        return r.stdoutText
    }
}
