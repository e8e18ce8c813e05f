// SPDX-License-Identifier: GPL-3.0-or-later
//
// `connplan costs` end to end: the per-household table reconciles to the fen in every format, the
// cases' rules hold (Compound 79's prepaid 2,350 CNY; Shifo's caps, subsidy and advances), and the
// XLSX workbook reads back with a real reader (openpyxl).

import Foundation
import TestSupport
import XCTest

final class CostsCommandTests: CLITestCase {
    private func costsJSON(_ scenario: String) throws -> [String: Any] {
        let r = try connplan("costs", scenario, "--format", "json")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
    }

    private func fen(_ any: Any?) -> Int {
        guard let n = any as? NSNumber else { return Int.min }
        return Int((n.doubleValue * 100).rounded())
    }

    func testCompound79RefundsAndTopUpsReconcile() throws {
        let j = try costsJSON(Self.compound79)
        XCTAssertEqual(j["status"] as? String, "balanced")
        XCTAssertEqual(j["reconciles"] as? Bool, true)
        let households = try XCTUnwrap(j["households"] as? [[String: Any]])
        XCTAssertEqual(households.count, 20)
        let total = try XCTUnwrap(j["total_fen"] as? Int)
        let paid = households.reduce(0) { $0 + fen($1["pays_cny"]) }
        let parties = try XCTUnwrap(j["parties"] as? [[String: Any]])
        let byParties = parties.filter { ["utility", "sponsor", "subsidy"].contains($0["kind"] as? String) }.reduce(0) { $0 + fen($1["pays_cny"]) }
        XCTAssertEqual(paid + byParties, total, "households and parties must add up to the plan's total")
        for h in households {
            XCTAssertEqual(fen(h["already_paid_cny"]), 235_000)
            XCTAssertEqual(fen(h["balance_cny"]), fen(h["pays_cny"]) - 235_000)
        }
    }

    func testShifoRulesHold() throws {
        let j = try costsJSON(Self.shifo)
        XCTAssertEqual(j["reconciles"] as? Bool, true)
        let households = try XCTUnwrap(j["households"] as? [[String: Any]])
        XCTAssertEqual(households.count, 192)
        for h in households {
            let pays = fen(h["pays_cny"])
            XCTAssertLessThanOrEqual(pays, 150_000, "household cap")
            if h["low_income"] as? Bool == true { XCTAssertLessThanOrEqual(pays, 120_000, "low-income cap") }
            XCTAssertEqual(pays % 100, 0, "whole CNY")
            XCTAssertLessThanOrEqual(fen(h["subsidy_cny"]), 40_000, "subsidy per household")
        }
        let subsidy = households.reduce(0) { $0 + fen($1["subsidy_cny"]) }
        XCTAssertLessThanOrEqual(subsidy, 6_000_000)
        let debts = try XCTUnwrap(j["debts"] as? [[String: Any]])
        XCTAssertEqual(debts.count, 12, "the community leader advances the 12 unreachable households")
        XCTAssertTrue(debts.allSatisfy { $0["owes"] as? String == "leader" })
    }

    func testCSVMatchesJSON() throws {
        let j = try costsJSON(Self.shifo)
        let r = try connplan("costs", Self.shifo, "--format", "csv")
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let lines = r.stdoutText.split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines.count, 193)
        let header = lines[0].split(separator: ",").map(String.init)
        let pays = try XCTUnwrap(header.firstIndex(of: "pays_cny"))
        let total = lines.dropFirst().reduce(0) { $0 + Int((Double($1.split(separator: ",", omittingEmptySubsequences: false)[pays])! * 100).rounded()) }
        XCTAssertEqual(total, fen(j["households_total_cny"]))
    }

    func testWorkbookReadsBackWithOpenpyxl() throws {
        let env = CLIRunner(executableURL: URL(fileURLWithPath: "/usr/bin/env"))
        guard try env.run(["python3", "-c", "import openpyxl"]).status == 0 else {
            throw XCTSkip("python3 with openpyxl is not available (scripts/test installs it); skipping the XLSX read-back")
        }
        let dir = try makeTemporaryDirectory()
        let path = dir.appendingPathComponent("shifo-costs.xlsx").path
        let r = try connplan("costs", Self.shifo, "--format", "xlsx", "-o", path)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        XCTAssertTrue(r.stdout.isEmpty)
        let j = try costsJSON(Self.shifo)
        let script = """
            import json, openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
            hs, sm = wb["Households"], wb["Summary"]
            head = [c.value for c in hs[1]]
            rows = [[c.value for c in r] for r in hs.iter_rows(min_row=2, max_row=hs.max_row - 1)]
            total = [c.value for c in hs[hs.max_row]]
            f = openpyxl.load_workbook(sys.argv[1])["Households"]
            print(json.dumps({"head": head, "rows": rows, "total": total, "freeze": hs.freeze_panes, "filter": hs.auto_filter.ref,
                              "fmt": hs.cell(row=2, column=head.index("pays") + 1).number_format,
                              "formula": f.cell(row=f.max_row, column=head.index("pays") + 1).value,
                              "summary_total": sm.cell(row=sm.max_row, column=3).value}))
            """
        let scriptURL = dir.appendingPathComponent("read.py")
        try Data(script.utf8).write(to: scriptURL)
        let reader = try env.run(["python3", scriptURL.path, path])
        XCTAssertEqual(reader.status, 0, reader.stderrText)
        let x = try XCTUnwrap(JSONSerialization.jsonObject(with: reader.stdout) as? [String: Any])
        let head = try XCTUnwrap(x["head"] as? [String])
        let rows = try XCTUnwrap(x["rows"] as? [[Any]])
        let households = try XCTUnwrap(j["households"] as? [[String: Any]])
        XCTAssertEqual(rows.count, households.count)
        let pays = try XCTUnwrap(head.firstIndex(of: "pays"))
        let id = try XCTUnwrap(head.firstIndex(of: "household"))
        for (row, h) in zip(rows, households) {
            XCTAssertEqual(row[id] as? String, h["id"] as? String)
            XCTAssertEqual(fen(row[pays]), fen(h["pays_cny"]))
        }
        XCTAssertEqual(fen((x["total"] as? [Any])?[pays]), fen(j["households_total_cny"]))
        XCTAssertEqual(x["freeze"] as? String, "A2")
        XCTAssertEqual(x["filter"] as? String, "A1:N193")
        XCTAssertTrue((x["fmt"] as? String ?? "").contains("#,##0.00"))
        XCTAssertEqual(x["formula"] as? String, "=SUM(J2:J193)")
        XCTAssertEqual(fen(x["summary_total"]), j["total_fen"] as? Int)
    }

    func testXLSXNeedsAnOutputFile() throws {
        let r = try connplan("costs", Self.compound79, "--format", "xlsx")
        XCTAssertEqual(r.status, Exit.badInput)
        XCTAssertTrue(r.stderrText.contains("-o"))
    }
}
