// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// Bad scenario files and bad option values: exit 2, nothing on stdout, and stderr that names the
/// file, the lines and the ids, with every problem at once.
final class BadInputTests: CLITestCase {
    /// Compound 79 with four distinct mistakes in four sections.
    func testEveryMistakeInAFileIsReportedAtOnceWithLineAndId() throws {
        let original = try scenarioText(Self.compound79)
        let text =
            original
            // unknown key (typo) in demand
            .replacingOnce("  min_pressure_kpa: 1.7 ", with: "  min_presure_kpa: 1.7 ")
            // wrong type: text where a number is needed, on node B2
            .replacingOnce("{id: B2, x_m: 0, y_m: 22,", with: "{id: B2, x_m: zero, y_m: 22,")
            // dangling reference: source S-TEL names a node that does not exist
            .replacingOnce("    node: TEL-RISER\n", with: "    node: TEL-RISR\n")
            // money with 3 decimals on source S-ESTATE
            .replacingOnce("tie_in_cost_cny: 3500\n", with: "tie_in_cost_cny: 3500.125\n")
        let path = try writeTemporaryScenario("four-mistakes.yaml", text)
        let expected: [(needle: String, mustMention: [String])] = [
            ("min_presure_kpa", ["min_presure_kpa", "min_pressure_kpa"]),
            ("x_m: zero", ["'B2'", "x_m", "zero"]),
            ("TEL-RISR", ["'S-TEL'", "TEL-RISR", "TEL-RISER"]),
            ("3500.125", ["'S-ESTATE'", "3500.125", "2 decimals"]),
        ]

        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0, "stdout stays empty on bad input")
        let lines = r.stderrText.split(separator: "\n").map(String.init)
        XCTAssertTrue(r.stderrText.contains("4 errors"), r.stderrText)
        for e in expected {
            let line = try XCTUnwrap(lineNumbers(of: e.needle, in: text).first, e.needle)
            // "path:LINE:COLUMN: error: ..." for this mistake.
            let report = lines.first { $0.hasPrefix("\(path):\(line):") }
            XCTAssertNotNil(report, "no error at \(path):\(line) (\(e.needle)) in:\n\(r.stderrText)")
            for word in e.mustMention {
                XCTAssertTrue(report?.contains(word) ?? false, "the error at line \(line) does not mention \(word): \(report ?? "")")
            }
        }
        XCTAssertEqual(lines.filter { $0.contains(": error: ") }.count, 4, r.stderrText)
    }

    /// The loader's many-errors fixture through the CLI: each line marked "# <-" has an error.
    func testManyErrorsFixtureReportsEveryMarkedLine() throws {
        let path = CLIRunner.packageRoot.appendingPathComponent("Tests/ConnplanCoreTests/Fixtures/gas-many-errors.yaml").path
        let text = try scenarioText(path)
        let r = try connplan("plan", path, "--format", "json")
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0, "no JSON on bad input")
        let marked = lineNumbers(of: "# <-", in: text)
        XCTAssertGreaterThan(marked.count, 10)
        for line in marked {
            XCTAssertTrue(r.stderrText.contains("\(path):\(line):"), "line \(line) is marked but not reported:\n\(r.stderrText)")
        }
    }

    func testMissingFile() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("no-such-scenario.yaml").path
        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        XCTAssertTrue(r.stderrText.contains(path), r.stderrText)
    }

    func testDirectoryInsteadOfFile() throws {
        let dir = try makeTemporaryDirectory()
        let r = try connplan("plan", dir.path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        XCTAssertTrue(r.stderrText.contains(dir.path), r.stderrText)
    }

    func testYAMLSyntaxErrorGivesTheLine() throws {
        let text = try scenarioText(Self.compound79).replacingOnce("{id: GATE, x_m: 12,", with: "{id: GATE, x_m: 12,,, [")
        let path = try writeTemporaryScenario("syntax.yaml", text)
        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        let line = try XCTUnwrap(lineNumbers(of: "{id: GATE,", in: text).first)
        XCTAssertTrue(r.stderrText.contains(path), r.stderrText)
        XCTAssertTrue(r.stderrText.contains("line \(line)"), "the syntax error is on line \(line):\n\(r.stderrText)")
    }

    /// Each bad option value is rejected before anything is solved or written.
    func testBadOptionValues() throws {
        let dir = try makeTemporaryDirectory()
        let cases: [(args: [String], mentions: String)] = [
            (["--gap", "-1"], "--gap"),
            (["--gap=-1"], "--gap"),
            (["--gap", "1"], "--gap"),
            (["--gap", "abc"], "--gap"),
            (["--time-limit", "0"], "--time-limit"),
            (["--time-limit=-5"], "--time-limit"),
            (["--time-limit", "nan"], "--time-limit"),
            (["--write-model", "x.txt"], "--write-model"),
            (["--write-model", "model.LP.bak"], "--write-model"),
            (["--format", "xml"], "--format"),
            (["--no-such-option"], "--no-such-option"),
        ]
        for c in cases {
            let r = try connplan(["plan", Self.compound79] + c.args, in: dir)
            XCTAssertEqual(r.status, Exit.badInput, r.summary)
            XCTAssertEqual(r.stdout.count, 0, "stdout not empty for \(c.args): \(r.stdoutText)")
            XCTAssertTrue(r.stderrText.contains(c.mentions), "stderr does not name \(c.mentions): \(r.summary)")
        }
        // A rejected value is named in the message where it parsed (the range checks).
        XCTAssertTrue(try connplan("plan", Self.compound79, "--gap=-1").stderrText.contains("--gap must be at least 0"))
        XCTAssertTrue(try connplan("plan", Self.compound79, "--time-limit", "0").stderrText.contains("positive number of seconds"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "a rejected run wrote files")
    }

    func testMissingScenarioArgumentAndUnknownSubcommand() throws {
        let noFile = try connplan("plan")
        XCTAssertEqual(noFile.status, Exit.badInput, noFile.summary)
        XCTAssertEqual(noFile.stdout.count, 0)
        let unknown = try connplan("frobnicate", Self.compound79)
        XCTAssertEqual(unknown.status, Exit.badInput, unknown.summary)
        XCTAssertEqual(unknown.stdout.count, 0)
    }

    func testHelpAndVersionSucceed() throws {
        let help = try connplan("plan", "--help")
        XCTAssertEqual(help.status, 0, help.summary)
        for option in [
            "--format", "--output", "--write-model", "--time-limit", "--gap", "--forbid", "--require", "--verbose", "--reproducible",
        ] {
            XCTAssertTrue(help.stdoutText.contains(option), "plan --help does not list \(option)")
        }
        let root = try connplan("--help")
        XCTAssertEqual(root.status, 0)
        XCTAssertTrue(root.stdoutText.contains("0 plan found, 1 no valid plan, 2 bad input, 3 internal error"), root.stdoutText)
        let version = try connplan("--version")
        XCTAssertEqual(version.status, 0)
        XCTAssertNotNil(version.stdoutText.firstMatch(of: #/^[0-9]+\.[0-9]+\.[0-9]+\n$/#), version.stdoutText)
    }
}
