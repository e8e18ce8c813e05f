// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// `connplan plan` on the two bundled scenarios: exit 0, every section of the text, the documented
/// JSON keys, internal consistency, and the facts of each case (DOMAIN.md).
final class BundledScenarioTests: CLITestCase {
    func testCompound79TextHasEverySection() throws {
        let r = try connplan("plan", Self.compound79)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        XCTAssertEqual(r.stderrText, "", "a successful plan writes nothing to stderr")
        assertTextSections(r.stdoutText, utility: "gas")
        XCTAssertTrue(r.stdoutText.contains("Status: OPTIMAL"), r.stdoutText)
        XCTAssertTrue(r.stdoutText.contains("Left out before optimising"), "the refused tax-bureau route is listed as left out")
        XCTAssertTrue(r.stdoutText.contains("X-TAX: owner 'tax-bureau' refused consent"), r.stdoutText)
    }

    func testShifoTextHasEverySection() throws {
        let r = try connplan("plan", Self.shifo)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        assertTextSections(r.stdoutText, utility: "water")
        XCTAssertTrue(r.stdoutText.contains("Status: OPTIMAL"), r.stdoutText)
    }

    func testCompound79JSONAvoidsTheRefusedTaxBureauAndIsConsistent() throws {
        let plan = try planJSON([Self.compound79])
        for key in ["status", "total_cost_cny", "sources_used", "segments", "buildings", "consents_pending", "solver"] {
            XCTAssertTrue(plan.has(key), "missing top-level key '\(key)'")
        }
        XCTAssertEqual(try plan.string("status"), "optimal")
        XCTAssertEqual(try plan.object("solver")["status"] as? String, "optimal")
        try assertConsistent(plan, utility: "gas")

        // The tax bureau refused (DOMAIN.md case 1): neither its riser nor its land may be used.
        let segments = try plan.segments()
        XCTAssertFalse(segments.contains { $0.owner == "tax-bureau" }, "a segment crosses the tax bureau: \(segments.map(\.id))")
        XCTAssertFalse(try plan.strings("sources_used").contains("S-TAX"))
        XCTAssertFalse(try plan.objects("consents").contains { $0["owner"] as? String == "tax-bureau" })
        let excluded = try plan.excluded()
        XCTAssertEqual(excluded["S-TAX"], "owner 'tax-bureau' refused consent")
        XCTAssertEqual(excluded["X-TAX"], "owner 'tax-bureau' refused consent")

        // Every remaining neighbour's consent is pending, so the plan depends on at least one.
        XCTAssertFalse(try plan.strings("consents_pending").isEmpty)
        XCTAssertEqual(try plan.int("households"), 20)
        XCTAssertEqual(Set(try plan.buildingSources().keys), ["B1", "B2"])
        for b in try plan.objects("buildings") {
            XCTAssertNoThrow(try PlanOutput.double(b["pressure_kpa"], "pressure_kpa"), "gas buildings have pressure_kpa")
        }
        for s in try plan.objects("segments") { XCTAssertNotNil(s["loss_pa"], "gas segments have loss_pa") }
    }

    func testShifoJSONUsesTheCityMainAndIsConsistent() throws {
        let plan = try planJSON([Self.shifo])
        XCTAssertEqual(try plan.string("status"), "optimal")
        try assertConsistent(plan, utility: "water")
        // DOMAIN.md case 2: the neighbouring estate's head is too low for six storeys; the city main
        // 7 m north was chosen. The scenario gives the estate 24 m against the 28 m six storeys need.
        XCTAssertEqual(try plan.strings("sources_used"), ["S-CITY-N"])
        XCTAssertEqual(try plan.int("households"), 192)
        XCTAssertEqual(try plan.objects("buildings").count, 8)
        for b in try plan.objects("buildings") {
            XCTAssertEqual(
                try PlanOutput.double(b["required"], "required"), 28, accuracy: 1e-9,
                "six storeys: 12 m for two plus 4 m for each of four more = 28 m")
        }
        XCTAssertEqual(try plan.strings("consents_pending"), [], "every Shifo owner has granted consent")
        for s in try plan.objects("segments") { XCTAssertNotNil(s["head_loss_m"], "water segments have head_loss_m") }
    }

    /// The text and the JSON of the same run describe the same plan.
    func testTextAndJSONAgree() throws {
        for scenario in [Self.compound79, Self.shifo] {
            let text = try connplan("plan", scenario, "--reproducible").stdoutText
            let plan = try planJSON([scenario, "--reproducible"])
            XCTAssertEqual(textTotalFen(text), try plan.int("total_cost_fen"), scenario)
            for s in try plan.segments() {
                XCTAssertNotNil(text.range(of: "\n  \(s.id) "), "segment \(s.id) of the JSON is not in the text route")
            }
            for id in try plan.strings("sources_used") {
                XCTAssertNotNil(text.range(of: "\n  \(id) "), "source \(id) of the JSON is not in the text")
            }
        }
    }

    /// Text advice such as "run `connplan X`" must name a subcommand that exists (one listed under
    /// SUBCOMMANDS in `connplan --help`; `connplan X --help` is no test, it falls back to the root help).
    func testTextOnlyPointsToSubcommandsThatExist() throws {
        let help = try connplan("--help").stdoutText
        let list = try XCTUnwrap(help.components(separatedBy: "SUBCOMMANDS:").last, help)
        let subcommands = Set(list.matches(of: #/(?m)^  ([a-z][a-z-]*)\s/#).map { String($0.1) })
        XCTAssertTrue(subcommands.contains("plan"), "cannot read the subcommand list:\n\(help)")
        var mentioned: Set<String> = []
        for scenario in [Self.compound79, Self.shifo] {
            let text = try connplan("plan", scenario).stdoutText
            for m in text.matches(of: #/`connplan ([a-z][a-z-]*)/#) { mentioned.insert(String(m.1)) }
        }
        for sub in mentioned.sorted() {
            XCTAssertTrue(
                subcommands.contains(sub),
                "the plan output tells the user to run `connplan \(sub)`, which is not a subcommand \(subcommands.sorted())")
        }
    }
}
