// SPDX-License-Identifier: GPL-3.0-or-later
//
// Shared set-up for the end-to-end tests: the real `connplan` binary, the bundled scenarios,
// temporary directories, and the checks every plan output must pass.

import Foundation
import TestSupport
import XCTest

/// Exit codes documented in `connplan --help` and docs/reference/cli.md.
enum Exit {
    static let planFound: Int32 = 0
    static let noPlan: Int32 = 1
    static let badInput: Int32 = 2
}

/// Base class: runs `connplan` and keeps per-test temporary directories.
class CLITestCase: XCTestCase {
    /// Located once per test process; a missing binary fails every test with the same clear message.
    static let runner: Result<CLIRunner, any Error> = Result { try CLIRunner.locate() }

    static let compound79 = CLIRunner.packageRoot.appendingPathComponent("scenarios/compound-79-gas.yaml").path
    static let shifo = CLIRunner.packageRoot.appendingPathComponent("scenarios/shifo-water.yaml").path

    /// Runs `connplan` with `arguments` (optionally in `directory`).
    func connplan(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        let runner: CLIRunner
        do {
            runner = try Self.runner.get()
        } catch {
            XCTFail("\(error)")
            throw error
        }
        return try runner.run(arguments, in: directory)
    }

    func connplan(_ arguments: String..., in directory: URL? = nil) throws -> CLIResult {
        try connplan(arguments, in: directory)
    }

    /// Runs `connplan plan ... --format json`, expects `status`, and parses stdout.
    func planJSON(_ arguments: [String], expecting status: Int32 = Exit.planFound, file: StaticString = #filePath, line: UInt = #line)
        throws -> PlanOutput
    {
        let r = try connplan(["plan"] + arguments + ["--format", "json"])
        XCTAssertEqual(r.status, status, r.summary, file: file, line: line)
        return try PlanOutput(r)
    }

    /// A new empty directory, removed after the test.
    func makeTemporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Writes `text` to `name` in a new temporary directory and returns its path.
    func writeTemporaryScenario(_ name: String, _ text: String) throws -> String {
        let url = try makeTemporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func scenarioText(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Lines (1-based) of `text` that contain `needle`.
    func lineNumbers(of needle: String, in text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains(needle) }.map { $0.offset + 1 }
    }

    // MARK: Checks every plan must pass

    /// Internal consistency of a plan in JSON, with oracles that do not share the formatter's code:
    /// money reconciles to the fen, the route is a tree whose downstream household counts match the
    /// buildings it feeds, and every building meets its requirement.
    func assertConsistent(_ plan: PlanOutput, utility: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let valueKey = utility == "gas" ? "pressure_kpa" : "head_m"
        let otherKey = utility == "gas" ? "head_m" : "pressure_kpa"
        XCTAssertEqual(try plan.string("utility"), utility, file: file, line: line)

        // Money: total in CNY and in fen agree; the parts add up; segments add up to the pipes.
        let totalFen = try plan.int("total_cost_fen")
        XCTAssertEqual(try plan.fen("total_cost_cny"), totalFen, "total_cost_cny vs total_cost_fen", file: file, line: line)
        let costs = try plan.object("costs")
        let parts = ["pipes_cny", "tie_ins_cny", "regulators_cny", "consents_cny", "household_items_cny"]
        let partsFen = try parts.map { try PlanOutput.fen(costs[$0], "costs.\($0)") }
        XCTAssertEqual(
            partsFen.reduce(0, +), totalFen, "costs parts \(zip(parts, partsFen).map { "\($0)=\($1)" }) vs total", file: file, line: line)
        XCTAssertEqual(try PlanOutput.fen(costs["total_cny"], "costs.total_cny"), totalFen, file: file, line: line)
        XCTAssertTrue(partsFen.allSatisfy { $0 >= 0 }, "negative cost part", file: file, line: line)

        let segments = try plan.segments()
        XCTAssertEqual(segments.map(\.costFen).reduce(0, +), partsFen[0], "sum of segment costs vs costs.pipes_cny", file: file, line: line)
        let consents = try plan.objects("consents")
        let consentFen = try consents.map { try PlanOutput.fen($0["cost_cny"], "consents[].cost_cny") }.reduce(0, +)
        XCTAssertEqual(consentFen, partsFen[3], "sum of consents vs costs.consents_cny", file: file, line: line)
        // The bill of quantities prices everything except consents (which are not quantities).
        let boqFen = try plan.objects("bill_of_quantities").map { try PlanOutput.fen($0["cost_cny"], "bill_of_quantities[].cost_cny") }
            .reduce(0, +)
        XCTAssertEqual(boqFen, totalFen - partsFen[3], "bill of quantities vs total minus consents", file: file, line: line)

        // Segments: required keys with sane values.
        for s in segments {
            XCTAssertGreaterThan(s.dn, 0, s.id, file: file, line: line)
            XCTAssertGreaterThan(s.lengthMetres, 0, s.id, file: file, line: line)
            XCTAssertGreaterThanOrEqual(s.costFen, 0, s.id, file: file, line: line)
            XCTAssertNotEqual(s.from, s.to, s.id, file: file, line: line)
        }
        let sourcesUsed = try plan.strings("sources_used")
        XCTAssertFalse(sourcesUsed.isEmpty, "a plan taps at least one source", file: file, line: line)
        XCTAssertEqual(Set(sourcesUsed).count, sourcesUsed.count, "sources_used has duplicates", file: file, line: line)

        // Buildings: value − required = margin ≥ 0, and the key matches the utility.
        let buildings = try plan.objects("buildings")
        XCTAssertFalse(buildings.isEmpty, file: file, line: line)
        for b in buildings {
            let id = try PlanOutput.string(b["id"], "buildings[].id")
            XCTAssertNil(b[otherKey], "\(id) has '\(otherKey)' in a \(utility) plan", file: file, line: line)
            let value = try PlanOutput.double(b[valueKey], "\(id).\(valueKey)")
            let required = try PlanOutput.double(b["required"], "\(id).required")
            let margin = try PlanOutput.double(b["margin"], "\(id).margin")
            XCTAssertGreaterThanOrEqual(margin, 0, "\(id): margin", file: file, line: line)
            XCTAssertEqual(
                margin, value - required, accuracy: 1e-9 * max(1, abs(value)), "\(id): margin = value − required", file: file, line: line)
            XCTAssertGreaterThan(try PlanOutput.int(b["households"], "\(id).households"), 0, file: file, line: line)
            XCTAssertTrue(
                sourcesUsed.contains(try PlanOutput.string(b["source"], "\(id).source")), "\(id) fed by an unused source",
                file: file, line: line)
        }
        XCTAssertEqual(
            try buildings.map { try PlanOutput.int($0["households"], "households") }.reduce(0, +), try plan.int("households"),
            "buildings' households vs households", file: file, line: line)

        // The route is a tree oriented away from the sources: no node is fed twice, and walking up
        // from every building reaches a root without a cycle. Counting the households above which
        // each segment lies must reproduce households_downstream (an independent recount).
        var parent: [String: PlanOutput.Segment] = [:]
        for s in segments {
            XCTAssertNil(
                parent[s.to], "node \(s.to) is fed by two segments (\(parent[s.to]?.id ?? "") and \(s.id))", file: file, line: line)
            parent[s.to] = s
        }
        var recount = Dictionary(uniqueKeysWithValues: segments.map { ($0.id, 0) })
        for b in buildings {
            let id = try PlanOutput.string(b["id"], "id")
            var node = try PlanOutput.string(b["node"], "\(id).node")
            let source = try PlanOutput.string(b["source"], "\(id).source")
            let households = try PlanOutput.int(b["households"], "\(id).households")
            var steps = 0
            while let s = parent[node] {
                recount[s.id, default: 0] += households
                XCTAssertEqual(s.source, source, "segment \(s.id) on the path of \(id) belongs to another source", file: file, line: line)
                node = s.from
                steps += 1
                if steps > segments.count {
                    XCTFail("cycle in the route above building \(id)", file: file, line: line)
                    break
                }
            }
        }
        for s in segments {
            XCTAssertEqual(s.householdsDownstream, recount[s.id], "households_downstream of \(s.id)", file: file, line: line)
        }

        // Pending consents are exactly the consents with status pending.
        let pending = try plan.strings("consents_pending")
        let pendingFromConsents = try consents.filter { try PlanOutput.string($0["status"], "status") == "pending" }
            .map { try PlanOutput.string($0["owner"], "owner") }
        XCTAssertEqual(Set(pending), Set(pendingFromConsents), file: file, line: line)
        XCTAssertFalse(
            try consents.contains { try PlanOutput.string($0["status"], "status") == "refused" },
            "the plan relies on a refused consent", file: file, line: line)

        // Solver block.
        let solver = try plan.object("solver")
        XCTAssertNotNil(solver["status"] as? String, "solver.status", file: file, line: line)
        XCTAssertNotNil(solver["gap"], "solver.gap", file: file, line: line)
        XCTAssertNotNil(solver["seconds"], "solver.seconds", file: file, line: line)
    }

    /// Text output of a plan has every section a planner reads, in order.
    func assertTextSections(_ text: String, utility: String, file: StaticString = #filePath, line: UInt = #line) {
        let sections = [
            "connplan plan: ", "Status: ", "Total cost: ", "Sources tapped", "Consents the plan relies on", "Route (flow from the source)",
            utility == "gas" ? "Pressure at building inlets (kPa gauge)" : "Pressure head at building inlets (m above ground)",
            "Bill of quantities", "Cost summary",
        ]
        var from = text.startIndex
        for s in sections {
            guard let r = text.range(of: s, range: from..<text.endIndex) else {
                XCTFail("section '\(s)' missing or out of order in:\n\(text)", file: file, line: line)
                return
            }
            from = r.upperBound
        }
    }

    /// The total printed in the text ("Total cost: 55,947.45 CNY"), in fen.
    func textTotalFen(_ text: String) -> Int? {
        guard let m = text.firstMatch(of: #/Total cost: ([0-9,]+)\.([0-9]{2}) CNY/#) else { return nil }
        guard let yuan = Int(m.1.replacingOccurrences(of: ",", with: "")), let fen = Int(m.2) else { return nil }
        return yuan * 100 + fen
    }
}

extension String {
    /// Replaces exactly one occurrence of `old`; fails the test if there is not exactly one (so a
    /// scenario edit can never silently leave the file unchanged).
    func replacingOnce(_ old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let n = components(separatedBy: old).count - 1
        XCTAssertEqual(n, 1, "expected exactly one '\(old)' in the scenario", file: file, line: line)
        guard let r = range(of: old) else { return self }
        return replacingCharacters(in: r, with: new)
    }
}
