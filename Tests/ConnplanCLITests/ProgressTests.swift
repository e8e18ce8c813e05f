// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// The progress line on stderr: only with --progress (the tests' stderr is a pipe, not a
/// terminal), never on stdout, and never changing the plan.
final class ProgressTests: CLITestCase {
    func testProgressGoesToStderrOnlyWhenAskedFor() throws {
        let quiet = try connplan("plan", Self.compound79, "--format", "json", "--reproducible")
        let loud = try connplan("plan", Self.compound79, "--format", "json", "--reproducible", "--progress")
        XCTAssertEqual(quiet.status, 0, quiet.summary)
        XCTAssertEqual(loud.status, 0, loud.summary)
        XCTAssertEqual(quiet.stdout, loud.stdout, "--progress must not change the plan or its bytes")
        XCTAssertFalse(quiet.stderrText.contains("best plan"), "progress shown without --progress on a pipe: \(quiet.stderrText)")
        let lines = loud.stderrText.split(separator: "\n").map(String.init)
        XCTAssertFalse(lines.isEmpty, "no progress line with --progress")
        // Every line carries the elapsed time and the best verified plan so far.
        for line in lines {
            XCTAssertTrue(line.contains(" s | best plan "), line)
            XCTAssertFalse(line.contains("\u{1B}"), "terminal escapes written to a pipe: \(line)")
        }
        XCTAssertTrue(lines.contains { $0.contains("55,947.45 CNY") }, loud.stderrText)
    }
}
