// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import TestSupport
import XCTest

/// No valid plan: exit 1, and the output says why (the diagnosis) in text and JSON.
final class InfeasibleTests: CLITestCase {
    /// Compound 79 with every neighbour refusing, including the gas company that owns the main.
    func refusedScenario() throws -> String {
        let text = try scenarioText(Self.compound79)
            .replacingOnce(
                "{id: telecom, name: Telecom company site, consent: pending",
                with: "{id: telecom, name: Telecom company site, consent: refused"
            )
            .replacingOnce(
                "{id: estate, name: Residential estate behind, consent: pending",
                with: "{id: estate, name: Residential estate behind, consent: refused"
            )
            .replacingOnce(
                "{id: gas-co, name: City gas company, consent: granted}", with: "{id: gas-co, name: City gas company, consent: refused}")
        return try writeTemporaryScenario("all-refused.yaml", text)
    }

    /// Compound 79 asking 3.0 kPa at the inlets: more than any source can deliver (the regulator
    /// box gives 2.8 kPa, the risers at most 2.4 kPa).
    func lowPressureScenario() throws -> String {
        let text = try scenarioText(Self.compound79).replacingOnce("min_pressure_kpa: 1.7 ", with: "min_pressure_kpa: 3.0 ")
        return try writeTemporaryScenario("too-little-pressure.yaml", text)
    }

    func testAllOwnersRefusingIsExplainedInText() throws {
        let path = try refusedScenario()
        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.noPlan, r.summary)
        let text = r.stdoutText
        XCTAssertTrue(text.contains("Status: INFEASIBLE"), text)
        XCTAssertTrue(text.contains("No valid plan exists. Why:"), text)
        // The text carries every reason and every fix of the diagnosis (read from the JSON of the same run).
        let diagnosis = try planJSON([path], expecting: Exit.noPlan).objects("diagnosis")
        XCTAssertFalse(diagnosis.isEmpty)
        for d in diagnosis {
            let message = try PlanOutput.string(d["message"], "diagnosis[].message")
            XCTAssertTrue(text.contains(message), "reason missing from the text: \(message)")
            XCTAssertFalse((d["fix"] as? String ?? "").isEmpty, "reason without a fix: \(message)")
            if let fix = d["fix"] as? String { XCTAssertTrue(text.contains(fix), "fix missing from the text: \(fix)") }
        }
        for owner in ["tax-bureau", "telecom", "estate", "gas-co"] {
            XCTAssertTrue(text.contains("owner '\(owner)' refused consent"), "the reasons name \(owner):\n\(text)")
        }
        XCTAssertFalse(text.contains("Total cost:"), "no cost for a plan that does not exist")
    }

    func testAllOwnersRefusingInJSON() throws {
        let plan = try planJSON([try refusedScenario()], expecting: Exit.noPlan)
        XCTAssertEqual(try plan.string("status"), "infeasible")
        XCTAssertTrue(plan.isNull("total_cost_cny"))
        XCTAssertEqual(try plan.objects("segments").count, 0)
        XCTAssertEqual(try plan.strings("sources_used"), [])
        XCTAssertEqual(try plan.objects("buildings").count, 0)
        let diagnosis = try plan.objects("diagnosis")
        XCTAssertFalse(diagnosis.isEmpty, "an infeasible result carries a diagnosis")
        for d in diagnosis {
            XCTAssertFalse((d["code"] as? String ?? "").isEmpty)
            XCTAssertFalse((d["message"] as? String ?? "").isEmpty)
        }
        XCTAssertEqual(try plan.object("solver")["status"] as? String, "infeasible")
        XCTAssertEqual(Set(try plan.excluded().keys), ["S-TAX", "S-TEL", "S-ESTATE", "S-MAIN", "X-TAX", "X-TEL", "X-ESTATE"])
    }

    func testTooLittlePressureNamesTheBuildingsAndTheShortfall() throws {
        let path = try lowPressureScenario()
        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.noPlan, r.summary)
        XCTAssertTrue(r.stdoutText.contains("No valid plan exists. Why:"), r.stdoutText)
        XCTAssertTrue(r.stdoutText.contains("3.000 kPa required"), r.stdoutText)

        let plan = try planJSON([path], expecting: Exit.noPlan)
        XCTAssertEqual(try plan.string("status"), "infeasible")
        let diagnosis = try plan.objects("diagnosis")
        XCTAssertEqual(Set(diagnosis.compactMap { $0["subject"] as? String }), ["B1", "B2"], "\(diagnosis)")
        XCTAssertTrue(diagnosis.allSatisfy { $0["code"] as? String == "pressure-unreachable" }, "\(diagnosis)")
        // The best achievable pressure is below 3 kPa but not above the 2.8 kPa regulator outlet.
        for d in diagnosis {
            let message = d["message"] as? String ?? ""
            guard let m = message.firstMatch(of: #/is ([0-9.]+) kPa against/#), let best = Double(m.1) else {
                XCTFail("no achievable pressure in '\(message)'")
                continue
            }
            XCTAssertLessThan(best, 3.0)
            XCTAssertLessThanOrEqual(best, 2.8 + 0.01)
        }
    }

    /// Shifo with the low-head Hongxing pipe required: 24 m of head cannot serve any six-storey
    /// building (28 m), so the diagnosis names the required source and its best shortfall instead of
    /// "no single plan serves them all together" (each building can be served, but not from there).
    func testARequiredSourceTooWeakForEveryBuildingIsNamed() throws {
        let plan = try planJSON([Self.shifo, "--require", "S-HONGXING"], expecting: Exit.noPlan)
        XCTAssertEqual(try plan.string("status"), "infeasible")
        let diagnosis = try plan.objects("diagnosis")
        let finding = try XCTUnwrap(diagnosis.first { $0["code"] as? String == "required-source-unusable" }, "\(diagnosis)")
        XCTAssertEqual(finding["subject"] as? String, "S-HONGXING")
        let message = finding["message"] as? String ?? ""
        XCTAssertTrue(message.contains("against 28.000 m required"), message)
        guard let m = message.firstMatch(of: #/its best is ([0-9.]+) m at building/#), let best = Double(m.1) else {
            return XCTFail("no best head in '\(message)'")
        }
        // At most the source's 24 m of pressure head: no building lies below its node.
        XCTAssertLessThanOrEqual(best, 24.0)
        XCTAssertFalse(diagnosis.contains { $0["code"] as? String == "combined" }, "\(diagnosis)")
    }

    /// The same file through -o: the result file is written and the exit status is still 1.
    func testInfeasibleResultCanBeWrittenToAFile() throws {
        let dir = try makeTemporaryDirectory()
        let r = try connplan(["plan", try refusedScenario(), "--format", "json", "-o", "result.json"], in: dir)
        XCTAssertEqual(r.status, Exit.noPlan, r.summary)
        XCTAssertEqual(r.stdout.count, 0)
        let data = try Data(contentsOf: dir.appendingPathComponent("result.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        XCTAssertEqual(object?["status"] as? String, "infeasible")
    }
}
