// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// The schedule where other commands use it: `compare`'s duration column and the report's works
/// schedule section must carry the figures `connplan schedule` computes for the same plan.
final class ScheduleIntegrationTests: CLITestCase {
    private func json(_ arguments: String...) throws -> [String: Any] {
        let r = try connplan(arguments)
        XCTAssertEqual(r.status, 0, r.summary)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdout) as? [String: Any], r.summary)
    }

    func testCompareDurationsAreTheSchedulesOfEachOption() throws {
        let compare = try json("compare", Self.compound79, "--format", "json", "--reproducible")
        let options = try XCTUnwrap(compare["options"] as? [[String: Any]])
        var checked = 0
        for o in options where !(o["hypothetical"] as? Bool ?? false) {
            guard let days = o["duration_working_days"] as? Int, let sources = o["sources"] as? [String], sources.count == 1 else { continue }
            // The same option as a variant: every other source forbidden.
            let others = ["S-TAX", "S-TEL", "S-ESTATE", "S-MAIN"].filter { $0 != sources[0] && $0 != "S-TAX" }
            var args = ["schedule", Self.compound79, "--format", "json", "--reproducible"]
            for s in others { args += ["--forbid", s] }
            let r = try connplan(args)
            XCTAssertEqual(r.status, 0, r.summary)
            let schedule = try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
            XCTAssertEqual(schedule["total_working_days"] as? Int, days, "option \(sources[0])")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 3, "the available options should all have durations")
    }

    func testReportCarriesTheSchedule() throws {
        let schedule = try json("schedule", Self.shifo, "--format", "json", "--reproducible")
        let dir = try makeTemporaryDirectory()
        let r = try connplan(["report", Self.shifo, "--no-options", "--reproducible", "-o", "r.html"], in: dir)
        XCTAssertEqual(r.status, 0, r.summary)
        let html = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("id=\"works-schedule\""))
        let finish = try XCTUnwrap(schedule["finish"] as? String)
        let days = try XCTUnwrap(schedule["total_working_days"] as? Int)
        XCTAssertTrue(html.contains("finish \(finish): \(days) working days"), "finish and working days as `connplan schedule` computes them")
        let tasks = try XCTUnwrap(schedule["tasks"] as? [[String: Any]])
        // One Gantt bar per task (each bar's tooltip ends with its working days).
        XCTAssertEqual(html.components(separatedBy: " working days</title></rect>").count - 1, tasks.count, "one bar per task")
        let outage = try XCTUnwrap(schedule["outage"] as? [String: Any])
        let outageDays = try XCTUnwrap(outage["days"] as? Int)
        XCTAssertTrue(html.contains("Planned outage \(outageDays) days"), "outage days")
    }
}
