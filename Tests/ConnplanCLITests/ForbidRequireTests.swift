// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// What-ifs with --forbid and --require on Compound No. 79.
final class ForbidRequireTests: CLITestCase {
    /// Forbidding the owner of the cheapest plan's source moves the plan to another source, and
    /// (both plans being proven optimal) cannot make it cheaper: the option set only shrank.
    func testForbiddingTelecomMovesThePlanAndCostsNoLess() throws {
        let base = try planJSON([Self.compound79])
        let forbidden = try planJSON([Self.compound79, "--forbid", "telecom"])
        XCTAssertEqual(try base.string("status"), "optimal")
        XCTAssertEqual(try forbidden.string("status"), "optimal")
        try assertConsistent(forbidden, utility: "gas")

        XCTAssertTrue(try base.strings("sources_used").contains("S-TEL"), "precondition: the cheapest plan taps the telecom riser")
        let sources = try forbidden.strings("sources_used")
        XCTAssertNotEqual(Set(sources), Set(try base.strings("sources_used")))
        XCTAssertFalse(sources.contains("S-TEL"))
        XCTAssertFalse(sources.contains("S-TAX"))
        XCTAssertFalse(try forbidden.segments().contains { $0.owner == "telecom" || $0.owner == "tax-bureau" })
        XCTAssertFalse(try forbidden.objects("consents").contains { $0["owner"] as? String == "telecom" })
        XCTAssertGreaterThanOrEqual(try forbidden.int("total_cost_fen"), try base.int("total_cost_fen"))
        XCTAssertEqual(try forbidden.excluded()["S-TEL"], "owner 'telecom' is forbidden by the user")
    }

    /// --require S-MAIN: the plan takes gas from the medium-pressure main, i.e. the main feeds at
    /// least one building through the road crossing. Paying for a tie-in and a regulator box that
    /// feed nothing is not a plan "using" the main.
    func testRequiringTheMainGivesAPlanFedFromTheMain() throws {
        let base = try planJSON([Self.compound79])
        let plan = try planJSON([Self.compound79, "--require", "S-MAIN"])
        XCTAssertEqual(try plan.string("status"), "optimal")
        try assertConsistent(plan, utility: "gas")
        XCTAssertTrue(try plan.strings("sources_used").contains("S-MAIN"))
        XCTAssertGreaterThanOrEqual(try plan.int("total_cost_fen"), try base.int("total_cost_fen"))
        XCTAssertGreaterThan(
            try PlanOutput.fen(plan.object("costs")["regulators_cny"], "regulators_cny"), 0, "the main needs its regulator box")

        let feeds = try plan.buildingSources()
        XCTAssertTrue(feeds.values.contains("S-MAIN"), "S-MAIN is in sources_used but feeds no building: \(feeds)")
        let route = try plan.segments()
        XCTAssertTrue(route.contains { $0.id == "R-GATE-MAIN" && $0.source == "S-MAIN" }, "no pipe from the main: route \(route.map(\.id))")
    }

    /// Every --require is either honoured (the id is in the plan) or the run says it cannot be
    /// (exit 1 with a diagnosis, or exit 2). Silently returning a plan without it is wrong.
    func testEveryRequirementIsHonouredOrRefused() throws {
        // A segment on a cheaper route, one that only leads to refused land, the road crossing to
        // the main, a segment and a source and an owner that refused consent, and an owner whose
        // consent is free.
        let ids = ["C-B1-YARD", "C-YARD-EAST", "R-GATE-MAIN", "X-TAX", "S-TAX", "tax-bureau", "city-roads", "gas-co", "S-ESTATE"]
        var ignored: [String] = []
        for id in ids {
            let r = try connplan("plan", Self.compound79, "--require", id, "--format", "json")
            XCTAssertTrue([Exit.planFound, Exit.noPlan, Exit.badInput].contains(r.status), r.summary)
            guard r.status == Exit.planFound else {
                XCTAssertFalse(r.stderrText.isEmpty && r.stdoutText.isEmpty, "\(id): refused without a reason")
                continue
            }
            let plan = try PlanOutput(r)
            let segments = try plan.segments()
            let sources = try plan.strings("sources_used")
            let consentOwners = try plan.objects("consents").compactMap { $0["owner"] as? String }
            let inPlan = segments.contains { $0.id == id || $0.owner == id } || sources.contains(id) || consentOwners.contains(id)
            if !inPlan { ignored.append("\(id) (route: \(segments.map(\.id).joined(separator: ", ")))") }
        }
        XCTAssertEqual(ignored, [], "--require accepted with exit 0, but the plan does not contain the required id")
    }

    func testUnknownIdsAreBadInputAndAllNamed() throws {
        let r = try connplan("plan", Self.compound79, "--forbid", "no-such-owner", "--require", "S-NOWHERE")
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0, "stdout stays empty on bad input")
        XCTAssertTrue(r.stderrText.contains("no-such-owner"), r.stderrText)
        XCTAssertTrue(r.stderrText.contains("S-NOWHERE"), r.stderrText)
    }

    func testForbiddingAndRequiringTheSameIdIsBadInput() throws {
        let r = try connplan("plan", Self.compound79, "--forbid", "telecom", "--require", "telecom")
        XCTAssertEqual(r.status, Exit.badInput, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        XCTAssertTrue(r.stderrText.contains("'telecom' is both forbidden and required"), r.stderrText)
    }
}
