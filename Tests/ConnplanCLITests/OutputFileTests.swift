// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// --write-model and -o: the files are written whole (atomically: no temporary files left behind),
/// and -o sends nothing to stdout.
final class OutputFileTests: CLITestCase {
    func testWriteModelLP() throws {
        let dir = try makeTemporaryDirectory()
        let r = try connplan(["plan", Self.compound79, "--write-model", "model.lp", "--reproducible"], in: dir)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        XCTAssertTrue(r.stdoutText.contains("Status: OPTIMAL"), "the plan is still printed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["model.lp"], "only the model, no temporary files")
        let lp = try String(contentsOf: dir.appendingPathComponent("model.lp"), encoding: .utf8)
        XCTAssertFalse(lp.isEmpty)
        // CPLEX LP sections, in order.
        var from = lp.startIndex
        for section in ["Minimize", "Subject To", "Bounds", "End"] {
            guard let r = lp.range(of: section, range: from..<lp.endIndex) else { return XCTFail("LP file lacks '\(section)'") }
            from = r.upperBound
        }
        XCTAssertTrue(lp.contains("Binar") || lp.contains("General"), "the LP declares integer variables")
    }

    func testWriteModelMPSOverwritesAtomically() throws {
        let dir = try makeTemporaryDirectory()
        let target = dir.appendingPathComponent("model.mps")
        try Data("stale\n".utf8).write(to: target)
        let r = try connplan(["plan", Self.shifo, "--write-model", "model.mps"], in: dir)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["model.mps"], "only the model, no temporary files")
        let mps = try String(contentsOf: target, encoding: .utf8)
        XCTAssertFalse(mps.hasPrefix("stale"), "the old file was replaced")
        for section in ["NAME", "ROWS", "COLUMNS", "RHS", "ENDATA"] {
            XCTAssertTrue(mps.contains(section), "MPS file lacks \(section)")
        }
    }

    /// The model written for inspection matches the size the solver block reports.
    func testWrittenModelMatchesTheReportedSize() throws {
        let dir = try makeTemporaryDirectory()
        let r = try connplan(["plan", Self.compound79, "--write-model", "m.lp", "--format", "json", "-o", "plan.json"], in: dir)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)), ["m.lp", "plan.json"])
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.json"))) as? [String: Any]
        let solver = try XCTUnwrap(plan?["solver"] as? [String: Any])
        let lp = try String(contentsOf: dir.appendingPathComponent("m.lp"), encoding: .utf8)
        let header = try XCTUnwrap(lp.firstMatch(of: #/Variables: ([0-9]+) .*; constraints: ([0-9]+)/#), "LP header comment")
        XCTAssertEqual(Int(header.1), (solver["variables"] as? NSNumber)?.intValue)
        XCTAssertEqual(Int(header.2), (solver["constraints"] as? NSNumber)?.intValue)
    }

    func testOutputFileGetsExactlyWhatStdoutWouldHave() throws {
        let dir = try makeTemporaryDirectory()
        for format in ["json", "text"] {
            let name = "out.\(format)"
            let toFile = try connplan(["plan", Self.compound79, "--format", format, "--reproducible", "-o", name], in: dir)
            XCTAssertEqual(toFile.status, Exit.planFound, toFile.summary)
            XCTAssertEqual(toFile.stdout.count, 0, "-o writes nothing to stdout")
            XCTAssertEqual(toFile.stderr.count, 0, toFile.stderrText)
            let toStdout = try connplan(["plan", Self.compound79, "--format", format, "--reproducible"], in: dir)
            XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent(name)), toStdout.stdout, format)
        }
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)), ["out.json", "out.text"], "no temporary files")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out.json"))))
    }

    func testUnwritableDestinationsAreBadInput() throws {
        let missing = try makeTemporaryDirectory().appendingPathComponent("no/such/dir")
        let model = try connplan("plan", Self.compound79, "--write-model", missing.appendingPathComponent("m.lp").path)
        XCTAssertEqual(model.status, Exit.badInput, model.summary)
        XCTAssertEqual(model.stdout.count, 0)
        XCTAssertTrue(model.stderrText.contains(missing.path), model.stderrText)
        let output = try connplan("plan", Self.compound79, "-o", missing.appendingPathComponent("plan.txt").path)
        XCTAssertEqual(output.status, Exit.badInput, output.summary)
        XCTAssertEqual(output.stdout.count, 0)
        XCTAssertTrue(output.stderrText.contains(missing.path), output.stderrText)
    }
}
