// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// `connplan compare` end to end. The oracle is `connplan plan` itself, run with the --forbid and
/// --require a comparison run says it used: what compare prints must be what plan finds.
final class CompareCommandTests: CLITestCase {
    func compareJSON(_ arguments: [String], expecting status: Int32 = Exit.planFound, file: StaticString = #filePath, line: UInt = #line)
        throws -> PlanOutput
    {
        let r = try connplan(["compare"] + arguments + ["--format", "json", "--reproducible"])
        XCTAssertEqual(r.status, status, r.summary, file: file, line: line)
        return try PlanOutput(r)
    }

    func option(_ out: PlanOutput, _ id: String) throws -> [String: Any] {
        try XCTUnwrap(try out.objects("options").first { $0["id"] as? String == id }, "no option \(id)")
    }

    /// The done-when of the issue: the tax-bureau option is a blocked row with what it would have
    /// cost (not available), the best alternatives are ranked, and the safe plan has its premium.
    func testCompound79BlockedTaxBureauAlternativesAndSafePlan() throws {
        let out = try compareJSON([Self.compound79])
        let optimumFen = try planJSON([Self.compound79]).int("total_cost_fen")
        XCTAssertEqual(try PlanOutput.int(out.object("optimum")["total_cost_fen"], "optimum"), optimumFen)

        let tax = try option(out, "S-TAX")
        XCTAssertEqual(tax["status"] as? String, "blocked: tax-bureau refused consent")
        XCTAssertEqual(tax["kind"] as? String, "blocked")
        XCTAssertEqual(tax["available"] as? Bool, false)
        XCTAssertEqual(tax["hypothetical"] as? Bool, true)
        XCTAssertTrue(tax["rank"] is NSNull)
        // What it would have cost: `connplan plan` on the scenario with the refusal recorded as pending.
        let consenting = try writeTemporaryScenario(
            "tax-pending.yaml",
            try scenarioText(Self.compound79).replacingOnce("consent: refused", with: "consent: pending"))
        let hypothetical = try planJSON([consenting, "--forbid", "S-TEL", "--forbid", "S-ESTATE", "--forbid", "S-MAIN"])
        XCTAssertEqual(try PlanOutput.int(tax["total_cost_fen"], "S-TAX total"), try hypothetical.int("total_cost_fen"))
        XCTAssertLessThan(try hypothetical.int("total_cost_fen"), optimumFen, "on paper the refused route was the cheapest (case 1)")

        // Alternatives ranked by cost, each equal to `plan` with the other sources forbidden.
        let ranked = try out.objects("options").filter { !($0["rank"] is NSNull) }
        XCTAssertEqual(ranked.compactMap { $0["id"] as? String }, ["S-TEL", "S-ESTATE", "S-MAIN"])
        XCTAssertEqual(ranked.first?["overall_optimum"] as? Bool, true)
        for o in ranked {
            let id = try PlanOutput.string(o["id"], "id")
            let others = ["S-TAX", "S-TEL", "S-ESTATE", "S-MAIN"].filter { $0 != id }.flatMap { ["--forbid", $0] }
            XCTAssertEqual(try PlanOutput.int(o["total_cost_fen"], id), try planJSON([Self.compound79] + others).int("total_cost_fen"), id)
        }

        // If telecom refuses: `plan --forbid telecom`.
        let telecom = try XCTUnwrap(try out.objects("consent_what_ifs").first { $0["owner"] as? String == "telecom" })
        let withoutTelecom = try planJSON([Self.compound79, "--forbid", "telecom"]).int("total_cost_fen")
        XCTAssertEqual(try PlanOutput.int(telecom["total_cost_fen"], "what-if"), withoutTelecom)
        XCTAssertEqual(try PlanOutput.int(telecom["extra_cost_fen"], "extra"), withoutTelecom - optimumFen)

        // Safe plan: `plan --forbid telecom --forbid estate`, and its premium over the optimum.
        let safe = try out.object("safe_plan")
        let safeFen = try planJSON([Self.compound79, "--forbid", "telecom", "--forbid", "estate"]).int("total_cost_fen")
        XCTAssertEqual(safe["sources"] as? [String], ["S-MAIN"])
        XCTAssertEqual(try PlanOutput.int(safe["total_cost_fen"], "safe"), safeFen)
        XCTAssertEqual(try PlanOutput.int(safe["premium_fen"], "premium"), safeFen - optimumFen)

        // The neighbour's question, answered for the refused host too, marked hypothetical.
        let impact = try XCTUnwrap(try out.objects("neighbour_impacts").first { $0["source"] as? String == "S-TAX" })
        XCTAssertEqual(impact["hypothetical"] as? Bool, true)
        XCTAssertEqual(impact["consent"] as? String, "refused")
        let before = try PlanOutput.double(impact["worst_before_kpa"], "before")
        let after = try PlanOutput.double(impact["worst_after_kpa"], "after")
        XCTAssertLessThan(after, before)
        XCTAssertEqual(try PlanOutput.double(impact["drop_kpa"], "drop"), before - after, accuracy: 1e-9)
        XCTAssertTrue((impact["statement"] as? String)?.contains("would fall from") ?? false)
    }

    /// The text a planner reads: the blocked row with its bracketed cost, the safe plan line with
    /// the premium, and the hypothetical impact paragraph; no line wider than 100 columns.
    func testCompound79Text() throws {
        let r = try connplan("compare", Self.compound79, "--reproducible")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let text = r.stdoutText
        let lines = text.split(separator: "\n").map(String.init)
        let taxRow = try XCTUnwrap(lines.first { $0.contains(" S-TAX ") && $0.contains("[") }, text)
        XCTAssertTrue(taxRow.hasSuffix("blocked: tax-bureau refused consent"), taxRow)
        XCTAssertNotNil(taxRow.firstMatch(of: #/\[[0-9,]+\.[0-9]{2}\]/#), "hypothetical cost in brackets: \(taxRow)")
        XCTAssertTrue(text.contains("[...] hypothetical, not available"))
        let safe = try XCTUnwrap(
            text.firstMatch(
                of:
                    #/Safe plan \(needs no pending consent; avoids telecom, estate\): S-MAIN at ([0-9,.]+) CNY, a premium of\s+([0-9,.]+) CNY/#
            ), text)
        let optimum = try XCTUnwrap(textTotalFen(try connplan("plan", Self.compound79).stdoutText))
        func fen(_ s: Substring) -> Int { Int(s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: ".", with: ""))! }
        XCTAssertEqual(fen(safe.2), fen(safe.1) - optimum)
        XCTAssertTrue(text.contains("S-TAX, Tax-bureau compound riser (owner tax-bureau, consent refused): HYPOTHETICAL"), text)
        XCTAssertTrue(
            text.contains("Tax bureau staff compound would\n    fall from") || text.contains("Tax bureau staff compound would fall from"),
            text)
        for l in lines { XCTAssertLessThanOrEqual(l.count, 100, "wider than 100 columns: \(l)") }
    }

    /// Every run compare reports solved is the `connplan plan` run with its --forbid and --require.
    func testEachRunIsAPlanRun() throws {
        let out = try compareJSON([Self.compound79, "--forbid", "S-ESTATE"])
        var checked = 0
        for run in try out.objects("runs") where run["outcome"] as? String == "solved" {
            guard (run["refusals_set_aside"] as? [String])?.isEmpty ?? false else { continue }
            let args =
                (run["forbid"] as? [String] ?? []).flatMap { ["--forbid", $0] }
                + (run["require"] as? [String] ?? []).flatMap { ["--require", $0] }
            XCTAssertTrue(args.contains("S-ESTATE"), "the user's --forbid applies to every run")
            let plan = try PlanOutput(try connplan(["plan", Self.compound79, "--format", "json"] + args))
            let id = try PlanOutput.string(run["id"], "runs[].id")
            XCTAssertEqual(run["status"] as? String, try plan.string("status"), id)
            XCTAssertEqual(run["sources"] as? [String], try plan.strings("sources_used"), id)
            if plan.isNull("total_cost_cny") {
                XCTAssertTrue(run["total_cost_cny"] is NSNull, id)
            } else {
                XCTAssertEqual(try PlanOutput.int(run["total_cost_fen"], id), try plan.int("total_cost_fen"), id)
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 4)
    }

    func testOneJobOrTwoGiveIdenticalBytes() throws {
        for format in ["text", "json"] {
            let one = try connplan("compare", Self.compound79, "--format", format, "--reproducible", "--jobs", "1")
            let two = try connplan("compare", Self.compound79, "--format", format, "--reproducible", "-j", "2")
            XCTAssertEqual(one.status, Exit.planFound, one.summary)
            XCTAssertEqual(one.stdout, two.stdout, format)
        }
    }

    /// Water: units in the keys, and a source that cannot serve the compound is a row with its reason.
    func testShifoWater() throws {
        // S-CITY-S alone is a hard MILP for GLPK (tens of seconds); forbid it to keep the test quick.
        let out = try compareJSON([Self.shifo, "--forbid", "S-CITY-S"])
        XCTAssertEqual(try out.string("utility"), "water")
        let north = try option(out, "S-CITY-N")
        XCTAssertEqual(north["overall_optimum"] as? Bool, true)
        XCTAssertNotNil(north["smallest_margin_m"] as? Double)
        XCTAssertNil(north["smallest_margin_kpa"])
        let hongxing = try option(out, "S-HONGXING")
        XCTAssertEqual(hongxing["availability"] as? String, "no_plan")
        XCTAssertTrue((hongxing["status"] as? String)?.hasPrefix("no plan: ") ?? false)
        XCTAssertEqual(try option(out, "S-CITY-S")["status"] as? String, "forbidden: --forbid S-CITY-S")
        XCTAssertEqual(try out.object("safe_plan")["is_overall_optimum"] as? Bool, true, "no pending consent in Shifo")
    }

    func testNoOptionWithAPlanExitsOne() throws {
        // 2.9 kPa at every inlet: above every riser and above the regulator's 2.8 kPa outlet.
        let path = try writeTemporaryScenario(
            "too-high.yaml", try scenarioText(Self.compound79).replacingOnce("min_pressure_kpa: 1.7", with: "min_pressure_kpa: 2.9"))
        let r = try connplan("compare", path, "--reproducible")
        XCTAssertEqual(r.status, Exit.noPlan, r.summary)
        XCTAssertTrue(r.stdoutText.contains("No option has a plan."), r.stdoutText)
        XCTAssertTrue(r.stdoutText.contains("Safe plan (needs no pending consent; avoids telecom, estate): none:"), r.stdoutText)
    }

    /// A broken host block is bad input: exit 2, nothing on stdout, every problem with file:line:column.
    func testBadHostBlockIsBadInputWithLineNumbers() throws {
        let text = try scenarioText(Self.compound79)
            .replacingOnce("upstream_pressure_kpa: 2.45}", with: "upstream_pressure_kpa: 12}")
            .replacingOnce("households: 180", with: "households: many")
        let path = try writeTemporaryScenario("bad-host.yaml", text)
        let r = try connplan("compare", path)
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        for (needle, words) in [
            ("upstream_pressure_kpa: 12}", ["'S-TEL'", "not low pressure"]), ("households: many", ["'S-ESTATE'", "households"]),
        ] {
            let line = try XCTUnwrap(lineNumbers(of: needle, in: text).first)
            let report = r.stderrText.split(separator: "\n").first { $0.hasPrefix("\(path):\(line):") }
            XCTAssertNotNil(report, "no error at line \(line) in:\n\(r.stderrText)")
            for w in words { XCTAssertTrue(report?.contains(w) ?? false, "\(w) missing from \(report ?? "")") }
        }
    }

    func testContradictionsAreBadInput() throws {
        for command in ["compare", "plan"] {
            let r = try connplan(command, Self.compound79, "--forbid", "telecom", "--require", "X-TEL")
            XCTAssertEqual(r.status, Exit.badInput, r.summary)
            XCTAssertTrue(r.stderrText.contains("'X-TEL' cannot be required: its owner 'telecom' is forbidden"), r.stderrText)
        }
        let r = try connplan("compare", Self.compound79, "--jobs", "0")
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
    }

    func testOutputFileIsWritten() throws {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("compare.json").path
        let r = try connplan("compare", Self.compound79, "--format", "json", "-o", file, "--reproducible")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        let direct = try connplan("compare", Self.compound79, "--format", "json", "--reproducible")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), direct.stdout)
    }
}
