// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// A scenario written as JSON plans exactly like the same scenario in YAML. The conversion uses an
/// independent YAML reader (PyYAML), so it cannot share connplan's parsing bugs.
final class JSONScenarioTests: CLITestCase {
    /// Converts `yamlPath` to JSON with python3 + PyYAML, or skips the test saying why.
    func convertToJSON(_ yamlPath: String) throws -> String {
        let out = try makeTemporaryDirectory().appendingPathComponent(
            URL(fileURLWithPath: yamlPath).deletingPathExtension().lastPathComponent + ".json")
        let script = """
            import json, sys, yaml
            data = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
            # PyYAML reads unquoted YYYY-MM-DD as dates; JSON has no date type, so they become the same text.
            json.dump(data, open(sys.argv[2], 'w', encoding='utf-8'), indent=2, ensure_ascii=False, default=str)
            """
        let python = CLIRunner(executableURL: URL(fileURLWithPath: "/usr/bin/env"))
        let r: CLIResult
        do {
            r = try python.run(["python3", "-c", script, yamlPath, out.path])
        } catch {
            print("JSONScenarioTests skipped: cannot run python3: \(error)")
            throw XCTSkip("cannot run python3: \(error)")
        }
        guard r.status == 0 else {
            let lastLine = r.stderrText.split(separator: "\n").last ?? ""
            let reason = "python3 with PyYAML is needed to convert the scenario to JSON (exit \(r.status)): \(lastLine)"
            print("JSONScenarioTests skipped: \(reason)")
            throw XCTSkip(reason)
        }
        return out.path
    }

    func testJSONScenarioGivesTheSamePlanAsYAML() throws {
        for yaml in [Self.compound79, Self.shifo] {
            let json = try convertToJSON(yaml)
            let text = try String(contentsOfFile: json, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("{"), "the converted file is JSON")
            for format in ["json", "text"] {
                let fromYAML = try connplan("plan", yaml, "--format", format, "--reproducible")
                let fromJSON = try connplan("plan", json, "--format", format, "--reproducible")
                XCTAssertEqual(fromJSON.status, Exit.planFound, fromJSON.summary)
                XCTAssertEqual(fromJSON.stdoutText, fromYAML.stdoutText, "\(yaml) as JSON plans differently (\(format))")
            }
            let scheduleFromYAML = try connplan("schedule", yaml, "--format", "json", "--reproducible")
            let scheduleFromJSON = try connplan("schedule", json, "--format", "json", "--reproducible")
            XCTAssertEqual(scheduleFromJSON.status, Exit.planFound, scheduleFromJSON.summary)
            XCTAssertEqual(scheduleFromJSON.stdoutText, scheduleFromYAML.stdoutText, "\(yaml) as JSON schedules differently")
        }
    }

    /// Errors in a JSON scenario are located by line too.
    func testJSONScenarioErrorsHaveLines() throws {
        let json = try convertToJSON(Self.compound79)
        let text = try String(contentsOfFile: json, encoding: .utf8).replacingOnce(
            "\"node\": \"TEL-RISER\"", with: "\"node\": \"TEL-RISR\"")
        let path = try writeTemporaryScenario("dangling.json", text)
        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        let line = try XCTUnwrap(lineNumbers(of: "\"TEL-RISR\"", in: text).first)
        XCTAssertTrue(r.stderrText.contains("\(path):\(line):"), "expected an error at line \(line):\n\(r.stderrText)")
        XCTAssertTrue(r.stderrText.contains("'S-TEL'"), r.stderrText)
    }
}
