// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// The same input gives the same bytes: exactly with --reproducible, and up to the wall-clock
/// figures without it.
final class DeterminismTests: CLITestCase {
    let scenarios = [CLITestCase.compound79, CLITestCase.shifo]
    let formats = ["text", "json"]

    func testReproducibleRunsAreByteIdentical() throws {
        for scenario in scenarios {
            for format in formats {
                let args = ["plan", scenario, "--format", format, "--reproducible"]
                let first = try connplan(args)
                let second = try connplan(args)
                XCTAssertEqual(first.status, Exit.planFound, first.summary)
                XCTAssertFalse(first.stdout.isEmpty)
                XCTAssertEqual(first.stdout, second.stdout, "\(args) differs between runs")
            }
        }
    }

    func testReproducibleJSONHasNullSecondsAndTextHasNoTiming() throws {
        for scenario in scenarios {
            let plan = try planJSON([scenario, "--reproducible"])
            XCTAssertTrue(try plan.object("solver")["seconds"] is NSNull, "--reproducible nulls solver.seconds")
            let timed = try planJSON([scenario])
            XCTAssertGreaterThanOrEqual(try PlanOutput.double(timed.object("solver")["seconds"], "solver.seconds"), 0)
            let text = try connplan("plan", scenario, "--reproducible").stdoutText
            XCTAssertNil(text.firstMatch(of: Self.textTiming), "timing in reproducible text")
        }
    }

    /// Without --reproducible, two runs and the reproducible run differ only in the timing figures:
    /// masking them out leaves identical bytes.
    func testRunsDifferOnlyInTimings() throws {
        for scenario in scenarios {
            for format in formats {
                let reproducible = try connplan("plan", scenario, "--format", format, "--reproducible").stdoutText
                let first = try connplan("plan", scenario, "--format", format)
                let second = try connplan("plan", scenario, "--format", format)
                XCTAssertEqual(first.status, Exit.planFound, first.summary)
                let mask = format == "json" ? Self.maskJSON : Self.maskText
                XCTAssertNotEqual(mask(first.stdoutText), first.stdoutText, "\(format): no timing figure found to mask")
                XCTAssertEqual(mask(first.stdoutText), mask(second.stdoutText), "\(scenario) \(format): runs differ beyond timings")
                XCTAssertEqual(mask(first.stdoutText), reproducible, "\(scenario) \(format): differs from --reproducible beyond timings")
            }
        }
    }

    /// "[gap 0.00 %, 0.011 s, GLPK 5.0, …]" on the status line: the only wall-clock figure in the text.
    static var textTiming: Regex<(Substring, Substring)> { #/(?m)^(Status: [^\n]*?[\[ ])[0-9]+\.[0-9]{3} s, /# }

    static func maskText(_ s: String) -> String {
        s.replacing(textTiming) { m in m.1 }
    }

    static func maskJSON(_ s: String) -> String {
        s.replacing(#/"seconds": [0-9.eE+-]+/#, with: "\"seconds\": null")
    }
}
