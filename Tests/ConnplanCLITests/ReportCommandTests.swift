// SPDX-License-Identifier: GPL-3.0-or-later
//
// `connplan report` end to end (no browser): one self-contained file, the same figures as
// `connplan plan` and `connplan costs`, byte-identical with --reproducible, a report even without a
// plan, variants with --forbid, and the usual exit codes.

import Foundation
import TestSupport
import XCTest

final class ReportCommandTests: CLITestCase {
    /// "55,947.45" from fen (the grouping both the text output and the report use).
    static func cny(_ fen: Int) -> String {
        let yuan = String(fen / 100)
        var grouped = ""
        for (i, ch) in yuan.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return String(grouped.reversed()) + "." + String(format: "%02d", fen % 100)
    }

    /// Anything that would make the file depend on the network or run code.
    static func externalReferences(_ html: String) -> [String] {
        var found: [String] = []
        for m in html.matches(of: #/(?i)(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:|//|ftp:)[^"' >]*/#) {
            found.append(String(m.0))
        }
        for needle in ["<script", "<link", "@import", "url(", "<iframe", "<object", "<embed"] where html.lowercased().contains(needle) {
            found.append(needle)
        }
        return found
    }

    func report(_ arguments: [String], expecting status: Int32 = Exit.planFound, file: StaticString = #filePath, line: UInt = #line) throws
        -> String
    {
        let dir = try makeTemporaryDirectory()
        let r = try connplan(["report"] + arguments + ["-o", "report.html"], in: dir)
        XCTAssertEqual(r.status, status, r.summary, file: file, line: line)
        XCTAssertTrue(r.stdout.isEmpty, "-o sends nothing to stdout", file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir.path), ["report.html"], "only the report, no temporary files",
            file: file, line: line)
        return try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
    }

    func testReportIsSelfContainedAndCarriesThePlansFigures() throws {
        for scenario in [Self.compound79, Self.shifo] {
            // Shifo's options need a ~40 s planner run; they are tested on Compound 79 below.
            let html = try report([scenario, "--reproducible"] + (scenario == Self.shifo ? ["--no-options"] : []))
            XCTAssertEqual(Self.externalReferences(html), [], scenario)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
            XCTAssertTrue(html.contains("<svg "), "inline map")

            let text = try connplan("plan", scenario, "--reproducible").stdoutText
            let totalFen = try XCTUnwrap(textTotalFen(text))
            XCTAssertTrue(html.contains(">\(Self.cny(totalFen)) CNY<"), "total cost as `connplan plan` prints it")
            let plan = try planJSON([scenario])
            XCTAssertTrue(html.contains("<div class=\"value\">\(try plan.int("households"))</div>"), "households served")
            for s in try plan.segments() { XCTAssertTrue(html.contains(">\(s.id)</td>"), "route row for \(s.id)") }

            let costs = try JSONSerialization.jsonObject(with: connplan("costs", scenario, "--format", "json").stdout) as? [String: Any]
            let householdsTotal = try XCTUnwrap((costs?["households_total_cny"] as? NSNumber)?.doubleValue)
            XCTAssertTrue(
                html.contains(">\(Self.cny(Int((householdsTotal * 100).rounded())))</td>"), "households' total in the cost-share table")
            for h in try XCTUnwrap(costs?["households"] as? [[String: Any]]) {
                XCTAssertTrue(html.contains(">\(try XCTUnwrap(h["id"] as? String))</td>"), "one row per household")
            }
        }
    }

    func testStdoutGetsWhatTheFileWouldHaveAndRunsAreByteIdentical() throws {
        let fromFile = try report([Self.shifo, "--reproducible", "--no-options"])
        let first = try connplan("report", Self.shifo, "--reproducible", "--no-options")
        let second = try connplan("report", Self.shifo, "--reproducible", "--no-options")
        XCTAssertEqual(first.status, Exit.planFound, first.summary)
        XCTAssertEqual(first.stdoutText, fromFile)
        XCTAssertEqual(first.stdout, second.stdout, "--reproducible gives the same bytes")
    }

    func testWithoutAPlanTheReportIsWrittenAndSaysWhy() throws {
        let text = try scenarioText(Self.compound79)
            .replacingOccurrences(of: "consent: pending", with: "consent: refused")
            .replacingOnce(
                "{id: gas-co, name: City gas company, consent: granted}", with: "{id: gas-co, name: City gas company, consent: refused}")
        let path = try writeTemporaryScenario("all-refused.yaml", text)
        let html = try report([path, "--reproducible"], expecting: Exit.noPlan)
        XCTAssertTrue(html.contains("<section id=\"no-plan\">"))
        XCTAssertTrue(html.contains("Status: INFEASIBLE"))
        XCTAssertTrue(html.contains("owner &#39;telecom&#39; refused consent"))
        XCTAssertFalse(html.contains("id=\"cost-share\""), "no cost share without a plan")
        XCTAssertTrue(html.contains("<svg "), "the candidate network is still drawn")
    }

    func testForbidStudiesTheVariant() throws {
        let html = try report([Self.compound79, "--forbid", "telecom", "--reproducible"])
        let text = try connplan("plan", Self.compound79, "--forbid", "telecom", "--reproducible").stdoutText
        let totalFen = try XCTUnwrap(textTotalFen(text))
        XCTAssertTrue(html.contains(">\(Self.cny(totalFen)) CNY<"), "the variant's total")
        XCTAssertTrue(html.contains("Variant studied (forbidden: telecom)"))
        XCTAssertTrue(html.contains("left out with --forbid"), "map and consents show the forbidden owner")
    }

    func testBadInputExitsTwoAndWritesNothing() throws {
        let dir = try makeTemporaryDirectory()
        let r = try connplan(["report", Self.compound79, "--forbid", "no-such-id", "-o", "report.html"], in: dir)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertTrue(r.stderrText.contains("'no-such-id' is not a segment, source or owner id"), r.stderrText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
        let missingDir = try connplan(["report", Self.compound79, "-o", dir.appendingPathComponent("no/such/dir/report.html").path])
        XCTAssertEqual(missingDir.status, Exit.badInput, missingDir.summary)
        XCTAssertTrue(missingDir.stderrText.contains("cannot write the output"), missingDir.stderrText)
    }
}

extension ReportCommandTests {
    /// Undoes the five escapes the report (and a DOM dump) use.
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(
            of: "&quot;", with: "\""
        )
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The options compared, the consent what-if and the neighbour impact carry the figures
    /// `connplan compare` computes; --no-options leaves all three out.
    func testReportCarriesTheComparisonOfOptions() throws {
        let html = try report([Self.compound79, "--reproducible"])
        let data = try connplan("compare", Self.compound79, "--format", "json", "--reproducible").stdout
        let compare = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for id in ["options-compared", "consent-what-if", "neighbour-impact"] {
            XCTAssertTrue(html.contains("id=\"\(id)\""), "section \(id) missing")
        }
        let options = try XCTUnwrap(compare["options"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(options.count, 3)
        for o in options {
            guard let fen = o["total_cost_fen"] as? Int else { continue }
            let hypothetical = o["hypothetical"] as? Bool ?? false
            let figure = hypothetical ? "[\(Self.cny(fen))]" : Self.cny(fen)
            XCTAssertTrue(html.contains(">\(figure)<"), "option \(o["id"] ?? "?") at \(figure)")
            XCTAssertTrue(html.contains(try XCTUnwrap(o["status"] as? String)), "status of \(o["id"] ?? "?")")
        }
        XCTAssertTrue(html.contains("blocked: tax-bureau refused consent"))
        let safe = try XCTUnwrap(compare["safe_plan"] as? [String: Any])
        let premium = try XCTUnwrap(safe["premium_fen"] as? Int)
        XCTAssertTrue(html.contains("a premium of \(Self.cny(premium)) CNY"), "safe plan premium")
        XCTAssertFalse((compare["neighbour_impacts"] as? [Any] ?? []).isEmpty, "precondition: host data in the scenario")

        let without = try report([Self.compound79, "--reproducible", "--no-options"])
        for id in ["options-compared", "consent-what-if", "neighbour-impact"] {
            XCTAssertFalse(without.contains("id=\"\(id)\""), "--no-options still has \(id)")
        }
    }
}
