// SPDX-License-Identifier: GPL-3.0-or-later

import TestSupport
import XCTest

@testable import ConnplanCore

/// The `cost_sharing` section: a full section reads to exact model values, the YAML and JSON
/// forms agree, and every rule in docs/scenario-format.md#cost_sharing is reported where it is broken.
final class ScenarioCostSharingTests: XCTestCase {
    let gas = ScenarioFixtures.minimalGas

    /// `minimalGas` with four household records for B1 (H1, H2 low income, H3, H4) and `section` appended.
    func scenario(_ section: String, households: String? = nil) -> String {
        let records =
            households ?? """
                households:
                  - {id: H1, building: B1, floor_area_m2: 55.5}
                  - {id: H2, building: B1, floor_area_m2: 60, low_income: true}
                  - {id: H3, building: B1, floor_area_m2: 72}
                  - {id: H4, building: B1, floor_area_m2: 80.25}

                """
        return gas + records + section
    }

    func costSharing(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> CostSharing? {
        guard let loaded = load(text, file: file, line: line) else { return nil }
        XCTAssertEqual(loaded.warnings, [], file: file, line: line)
        return loaded.scenario.costSharing
    }

    // MARK: Valid sections

    func testFullSectionReadsToExactModelValues() throws {
        let path = ScenarioFixtures.path("cost-sharing-gas.yaml")
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.warnings, [])
        let at = { (line: Int) in SourceLocation(file: path, line: line, column: 7) }
        let expected = CostSharing(
            basis: .path, roundingUnitFen: 1, lowIncomeCapFen: 150_000, householdCapFen: 300_000,
            parties: [
                Party(
                    id: "gas-co", name: "City gas company", kind: .utility, covers: [.pipesOutside, .tieIn, .regulator],
                    totalCapFen: 5_000_000, location: at(56)),
                Party(
                    id: "district", name: "District treasury", kind: .subsidy, covers: [.pipesInside, .pipesOutside, .tieIn],
                    totalCapFen: 12_000_000, perHouseholdCapFen: 80_000, eligible: .lowIncome, location: at(57)),
                Party(id: "bureau", name: "Tax bureau (host)", kind: .host, compensationFen: 600_000, location: at(58)),
                Party(id: "leader", name: "Community leader", kind: .advancer, location: at(59)),
            ],
            advances: [Advance(partyID: "leader", householdIDs: ["B2-101", "B3-402"], location: at(61))])
        XCTAssertEqual(loaded.scenario.costSharing, expected)
        // A party may share its id with an owner (the gas company is both): no finding.
        XCTAssertNotNil(loaded.scenario.owner("gas-co"))
    }

    func testJSONFormIsEquivalent() throws {
        let yaml = try ScenarioLoader.load(path: ScenarioFixtures.path("cost-sharing-gas.yaml"))
        let json = try ScenarioLoader.load(path: ScenarioFixtures.path("cost-sharing-gas.json"))
        XCTAssertEqual(json.warnings, [])
        let a = try XCTUnwrap(yaml.scenario.costSharing)
        let b = try XCTUnwrap(json.scenario.costSharing)
        XCTAssertEqual(Self.withoutLocations(a), Self.withoutLocations(b))
        XCTAssertEqual(b.parties.count, 4)
        // JSON locations are exact too: the advance's object opens on line 242 of the JSON file.
        XCTAssertEqual(b.advances.first?.location?.line, 242)
    }

    /// The example in docs/scenario-format.md is the fixture's section, character for character.
    func testDocumentedExampleIsTheFixtureSection() throws {
        let docs = ScenarioFixtures.repositoryRoot.appendingPathComponent("docs/scenario-format.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let marker = "<!-- example: cost_sharing section of Tests/ConnplanCoreTests/Fixtures/cost-sharing-gas.yaml -->\n```yaml\n"
        let start = try XCTUnwrap(markdown.range(of: marker), "no cost_sharing example block in the docs")
        let end = try XCTUnwrap(markdown.range(of: "```\n", range: start.upperBound..<markdown.endIndex))
        let block = String(markdown[start.upperBound..<end.lowerBound])
        let fixture = try ScenarioFixtures.text("cost-sharing-gas.yaml")
        let section = try XCTUnwrap(fixture.range(of: "\ncost_sharing:\n"))
        XCTAssertEqual(block, String(fixture[fixture.index(after: section.lowerBound)...]))
    }

    func testAbsentAndEmptySectionsTakeTheDefaults() {
        XCTAssertNil(load(gas)?.scenario.costSharing)
        XCTAssertEqual(costSharing(scenario("cost_sharing: {}\n")), CostSharing())
        XCTAssertEqual(CostSharing().basis, .path)
        XCTAssertEqual(CostSharing().roundingUnitFen, 1)
        let bases = SharingBasis.allCases.map { costSharing(scenario("cost_sharing: {basis: \($0.rawValue)}\n"))?.basis }
        XCTAssertEqual(bases, SharingBasis.allCases)
    }

    func testRoundingAndMoneyAreExact() {
        for (text, fen) in [("0.01", 1), ("1", 100), ("10", 1000), ("10.00", 1000), ("1.0", 100)] {
            XCTAssertEqual(costSharing(scenario("cost_sharing: {rounding_cny: \(text)}\n"))?.roundingUnitFen, fen, text)
        }
        let cs = costSharing(
            scenario(
                """
                cost_sharing:
                  low_income_cap_cny: 0.1
                  household_cap_cny: 0
                  parties:
                    - {id: d, name: D, kind: subsidy, covers: [common], total_cap_cny: 19.99, per_household_cap_cny: 1234.56}

                """))
        XCTAssertEqual(cs?.lowIncomeCapFen, 10)
        XCTAssertEqual(cs?.householdCapFen, 0)
        XCTAssertEqual(cs?.parties.first?.totalCapFen, 1999)
        XCTAssertEqual(cs?.parties.first?.perHouseholdCapFen, 123_456)
    }

    func testCommonExpandsToTheFiveSharedCategories() {
        let cs = costSharing(
            scenario(
                """
                household_costs:
                  - {item: meter, cost_cny: 650}
                cost_sharing:
                  parties:
                    - {id: u, name: U, kind: utility, covers: [common]}
                    - {id: s, name: S, kind: sponsor, covers: [household_items, tie_in, common, tie_in]}
                    - {id: d, name: D, kind: subsidy, covers: [consent, pipes_inside]}

                """))
        XCTAssertEqual(cs?.parties.map(\.covers), [CostCategory.common, CostCategory.allCases, [.pipesInside, .consent]])
        XCTAssertEqual(CostCategory.common, [.pipesInside, .pipesOutside, .tieIn, .regulator, .consent])
    }

    func testEligibility() {
        let cs = costSharing(
            scenario(
                """
                cost_sharing:
                  parties:
                    - {id: a, name: A, kind: subsidy, covers: [common]}
                    - {id: b, name: B, kind: subsidy, covers: [common], eligible: all}
                    - {id: c, name: C, kind: subsidy, covers: [common], eligible: low_income}
                    - {id: d, name: D, kind: sponsor, covers: [common], eligible: [H3, H1]}

                """))
        XCTAssertEqual(cs?.parties.map(\.eligible), [.all, .all, .lowIncome, .households(["H3", "H1"])])
    }

    func testFloorAreaBasisAcceptsCompleteRecords() {
        XCTAssertEqual(costSharing(scenario("cost_sharing: {basis: floor_area}\n"))?.basis, .floorArea)
    }

    // MARK: Errors

    func testManyErrorsAreAllReportedInFileOrder() throws {
        let path = ScenarioFixtures.path("cost-sharing-errors.yaml")
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            guard case ScenarioError.invalid(_, let findings) = error else { return XCTFail("\(error)") }
            let got = findings.map { "\($0.location!.line):\($0.location!.column) \($0.severity.rawValue) \($0.code)" }
            XCTAssertEqual(
                got,
                [
                    "32:10 error missing-floor-area",
                    "33:17 error invalid-value",  // rounding 5
                    "34:23 error money-precision",
                    "35:22 error out-of-range",  // -1
                    "36:3 error unknown-key",  // basiss
                    "38:71 error wrong-party-kind",  // household_items on a utility
                    "39:8 error duplicate-id",
                    "40:36 error invalid-value",  // sponser
                    "41:7 warning covers-nothing",  // u2: no tie-in cost in this scenario
                    "41:71 error wrong-party-kind",  // per_household_cap_cny on a utility
                    "42:55 error invalid-value",  // pipes_ouside
                    "42:88 error wrong-party-kind",  // compensation_cny on a sponsor
                    "43:57 error empty-list",
                    "44:7 error missing-key",  // utility without covers
                    "45:7 error missing-key",  // host without compensation
                    "46:63 error out-of-range",  // compensation 0
                    "47:55 error wrong-party-kind",  // covers on an advancer
                    "48:81 error missing-reference",  // H9
                    "49:79 error invalid-value",  // lowincome
                    "49:90 error unknown-key",  // totl_cap_cny
                    "52:15 error missing-reference",  // party leader
                    "52:36 error duplicate-household",  // H2 again
                    "52:40 error missing-reference",  // H7
                ])
            // Every marked line has a finding, and only marked lines do.
            let lines = (try? ScenarioFixtures.text("cost-sharing-errors.yaml"))?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            let marked = Set(lines.indices.filter { lines[$0].contains("# <-") }.map { $0 + 1 })
            XCTAssertEqual(Set(findings.map { $0.location!.line }), marked)
            XCTAssertTrue(findings.allSatisfy { !($0.fix ?? "").isEmpty && !$0.message.isEmpty })

            let byLine = Dictionary(grouping: findings.filter { $0.severity == .error }, by: { $0.location!.line })
            XCTAssertEqual(byLine[36]?.first?.fix, "Did you mean 'basis'?")
            XCTAssertEqual(byLine[49]?.last?.fix, "Did you mean 'total_cap_cny'?")
            XCTAssertEqual(byLine[49]?.last?.subject, "sub2")
            XCTAssertTrue(byLine[40]?.first?.fix?.hasPrefix("Did you mean 'sponsor'?") ?? false)
            XCTAssertTrue(byLine[42]?.first?.fix?.hasPrefix("Did you mean 'pipes_outside'?") ?? false)
            XCTAssertTrue(byLine[49]?.first?.fix?.hasPrefix("Did you mean 'low_income'?") ?? false)
            XCTAssertEqual(
                byLine[32]?.first?.message,
                "basis 'floor_area' needs 'floor_area_m2' for every household, but 4 of 5 households have none: 'H2', building 'B2' (no household records)"
            )
            XCTAssertEqual(byLine[39]?.first?.message, "party id 'gas-co' is used twice (first at line 38)")
            XCTAssertEqual(
                byLine[52]?.map(\.message),
                [
                    "'party' of advance is 'leader', but no party has that id",
                    "household 'H2' is advanced twice (first by 'adv' at line 51)",
                    "an entry of 'households' is 'H7', but no household has that id",
                ])
            XCTAssertEqual(byLine[52]?.map(\.subject), ["leader", "leader", "leader"])
            XCTAssertEqual(byLine[48]?.first?.subject, "sub")
            XCTAssertTrue(byLine[48]?.first?.fix?.hasPrefix("Did you mean 'H1'?") ?? false)
        }
    }

    func testEachPartyKindRule() {
        func error(_ party: String, file: StaticString = #filePath, line: UInt = #line) -> Finding? {
            let found = findings(scenario("cost_sharing:\n  parties:\n    - \(party)\n"), file: file, line: line)
            XCTAssertEqual(errors(found).count, 1, "\(found)", file: file, line: line)
            XCTAssertEqual(errors(found).first?.location?.line, 29, file: file, line: line)
            XCTAssertEqual(errors(found).first?.subject, "p", file: file, line: line)
            return errors(found).first
        }
        var f = error("{id: p, name: P, kind: utility, covers: [tie_in], per_household_cap_cny: 5}")
        XCTAssertEqual(f?.code, "wrong-party-kind")
        XCTAssertEqual(
            f?.message, "'per_household_cap_cny' does not apply to a utility party: only a subsidy pays towards individual households' shares")
        XCTAssertEqual(f?.fix, "Remove 'per_household_cap_cny', or set `kind: subsidy`.")

        f = error("{id: p, name: P, kind: subsidy, covers: [tie_in], compensation_cny: 5}")
        XCTAssertEqual(f?.code, "wrong-party-kind")
        XCTAssertEqual(f?.fix, "Remove 'compensation_cny', or set `kind: host`.")

        for key in ["covers: [tie_in]", "total_cap_cny: 5", "eligible: all"] {
            f = error("{id: p, name: P, kind: advancer, \(key)}")
            XCTAssertEqual(f?.code, "wrong-party-kind", key)
            XCTAssertTrue(f?.message.hasSuffix("does not apply to an advancer party: hosts and advancers pay no share of the works") ?? false, key)
            f = error("{id: p, name: P, kind: host, compensation_cny: 1, \(key)}")
            XCTAssertEqual(f?.code, "wrong-party-kind", key)
        }

        f = error("{id: p, name: P, kind: utility, covers: [tie_in, household_items]}")
        XCTAssertEqual(f?.code, "wrong-party-kind")
        XCTAssertEqual(f?.location?.column, 56)
        for kind in ["sponsor", "subsidy"] {
            XCTAssertEqual(
                costSharing(scenario("household_costs:\n  - {item: meter, cost_cny: 650}\ncost_sharing:\n  parties:\n    - {id: p, name: P, kind: \(kind), covers: [household_items]}\n"))?.parties.first?.covers,
                [.householdItems])
        }

        for kind in ["utility", "subsidy", "sponsor"] {
            f = error("{id: p, name: P, kind: \(kind)}")
            XCTAssertEqual(f?.code, "missing-key", kind)
            XCTAssertEqual(f?.message, "party is missing the required key 'covers'")
            f = error("{id: p, name: P, kind: \(kind), covers: []}")
            XCTAssertEqual(f?.code, "empty-list", kind)
        }

        f = error("{id: p, name: P, kind: host}")
        XCTAssertEqual(f?.message, "party is missing the required key 'compensation_cny'")
        f = error("{id: p, name: P, kind: host, compensation_cny: 0}")
        XCTAssertEqual(f?.code, "out-of-range")
        f = error("{id: p, name: P, kind: host, compensation_cny: -5}")
        XCTAssertEqual(f?.code, "out-of-range")
        f = error("{id: p, name: P, kind: subsidy, covers: [common], total_cap_cny: 1.234}")
        XCTAssertEqual(f?.code, "money-precision")
        f = error("{id: p, name: P, kind: subsidy, covers: [common], total_cap_cny: \"100\"}")
        XCTAssertEqual(f?.code, "wrong-type")
        f = error("{id: p, name: P, kind: subsidy, covers: [common], eligible: []}")
        XCTAssertEqual(f?.code, "empty-list")
        f = error("{id: p, name: P, kind: subsidy, covers: [common], eligible: [H1, H2, H1]}")
        XCTAssertEqual(f?.code, "duplicate-household")
        XCTAssertEqual(f?.message, "household 'H1' is listed twice in 'eligible' (first at line 29)")
        f = error("{id: p, name: P, kind: subsidy, covers: [common], eligible: {all: true}}")
        XCTAssertEqual(f?.code, "wrong-type")
        f = error("{id: p, name: P, kind: subsidy, covers: common}")
        XCTAssertEqual(f?.code, "wrong-type")
        f = error("{id: p, name: P, kind: sponsor, covers: [[tie_in]]}")
        XCTAssertEqual(f?.code, "wrong-type")
        f = error("{id: p, kind: sponsor, covers: [tie_in]}")
        XCTAssertEqual(f?.message, "party is missing the required key 'name'")
    }

    func testSectionLevelErrors() {
        for (section, code) in [
            ("cost_sharing: {rounding_cny: 5}", "invalid-value"),
            ("cost_sharing: {rounding_cny: 0}", "invalid-value"),
            ("cost_sharing: {rounding_cny: 100}", "invalid-value"),
            ("cost_sharing: {rounding_cny: \"1\"}", "wrong-type"),
            ("cost_sharing: {basis: shapley}", "invalid-value"),
            ("cost_sharing: {household_cap_cny: -0.01}", "out-of-range"),
            ("cost_sharing: {parties: {id: p}}", "wrong-type"),
            ("cost_sharing: [basis]", "wrong-type"),
            ("cost_sharing: {advances: [{party: x, households: []}], parties: [{id: x, name: X, kind: advancer}]}", "empty-list"),
            ("cost_sharing: {advances: [{households: [H1]}]}", "missing-key"),
            ("cost_sharing: {advances: [{party: x, households: [[H1]]}], parties: [{id: x, name: X, kind: advancer}]}", "wrong-type"),
        ] {
            let found = findings(scenario(section + "\n"))
            XCTAssertEqual(errors(found).map(\.code), [code], section)
            XCTAssertEqual(errors(found).first?.location?.line, 27, section)
        }
        let f = only("invalid-value", in: findings(scenario("cost_sharing: {rounding_cny: 0.1}\n")))
        XCTAssertEqual(f?.message, "'rounding_cny' in the cost_sharing section is 0.1; allowed values: 0.01, 1, 10")
        let basis = only("invalid-value", in: findings(scenario("cost_sharing: {basis: floorarea}\n")))
        XCTAssertTrue(basis?.fix?.hasPrefix("Did you mean 'floor_area'?") ?? false)
    }

    func testFloorAreaBasisNamesTheFirstMissingHouseholds() {
        let records = (1...7).map { "  - {id: R\($0), building: B2\($0 == 3 ? ", floor_area_m2: 50" : "")}\n" }.joined()
        var text = edit(
            scenario("cost_sharing:\n  basis: floor_area\n", households: "households:\n" + records),
            "      - {id: B1, node: b1, floors: 2, households: 4}",
            "      - {id: B1, node: b1, floors: 2, households: 4}\n      - {id: B2, node: b1, floors: 2, households: 7}")
        var f = only("missing-floor-area", in: findings(text))
        XCTAssertEqual(f?.location?.line, 32)
        XCTAssertEqual(f?.location?.column, 10)
        XCTAssertEqual(
            f?.message,
            "basis 'floor_area' needs 'floor_area_m2' for every household, but 10 of 11 households have none: building 'B1' (no household records), 'R1', 'R2', 'R4', …"
        )
        // An invalid floor area is reported once, as itself.
        text = scenario("cost_sharing: {basis: floor_area}\n")
        f = only("out-of-range", in: findings(edit(text, "floor_area_m2: 72", "floor_area_m2: -72")))
        XCTAssertEqual(errors(findings(edit(text, "floor_area_m2: 72", "floor_area_m2: -72"))).count, 1)
        XCTAssertEqual(f?.subject, "H3")
    }

    func testAdvancesMustNameExistingPartiesAndHouseholdsOnce() {
        let base = """
            cost_sharing:
              parties:
                - {id: leader, name: Leader, kind: advancer}
                - {id: nb, name: Owner too, kind: sponsor, covers: [common]}
              advances:

            """
        XCTAssertEqual(
            costSharing(scenario(base + "    - {party: leader, households: [H1, H4]}\n    - {party: nb, households: [H2]}\n"))?.advances
                .map(\.householdIDs), [["H1", "H4"], ["H2"]])
        var f = only("missing-reference", in: findings(scenario(base + "    - {party: leadr, households: [H1]}\n")))
        XCTAssertEqual(f?.location?.line, 32)
        XCTAssertEqual(f?.fix, "Did you mean 'leader'? Correct the id, or add a party 'leadr' to cost_sharing's parties.")
        f = only("missing-reference", in: findings(scenario(base + "    - {party: leader, households: [H1, H5]}\n")))
        XCTAssertEqual(f?.location?.column, 40)
        XCTAssertEqual(f?.fix, "Did you mean 'H1'? Correct the id, or add a household 'H5' to households.")
        f = only("duplicate-household", in: findings(scenario(base + "    - {party: leader, households: [H1, H1]}\n")))
        XCTAssertEqual(f?.message, "household 'H1' is advanced twice (first by 'leader' at line 32)")
        // A household id that names a building, not a household record, is not a household.
        only("missing-reference", in: findings(scenario(base + "    - {party: leader, households: [B1]}\n")))
    }

    // MARK: Warnings

    func testAdvancerWithoutAdvancesAndPartiesWithNothingToPayAreWarned() throws {
        let loaded = load(
            scenario(
                """
                cost_sharing:
                  parties:
                    - {id: leader, name: Leader, kind: advancer}
                    - {id: gas-co, name: Gas company, kind: utility, covers: [regulator, tie_in]}
                    - {id: d, name: District, kind: subsidy, covers: [regulator, pipes_inside]}

                """))
        let warnings = try XCTUnwrap(loaded?.warnings)
        XCTAssertEqual(warnings.map(\.code), ["unused-party", "covers-nothing"])
        XCTAssertEqual(warnings.map(\.subject), ["leader", "gas-co"])
        XCTAssertEqual(warnings.map { $0.location?.line }, [29, 30])
        XCTAssertEqual(
            warnings.last?.message, "party covers 'tie_in', 'regulator', but the scenario has no cost in those categories")
        XCTAssertEqual(loaded?.scenario.costSharing?.parties.count, 3)
    }

    func testPartyIDsMayEqualOwnerIDs() {
        let cs = costSharing(scenario("cost_sharing:\n  parties:\n    - {id: nb, name: Neighbour, kind: sponsor, covers: [common]}\n"))
        XCTAssertEqual(cs?.parties.map(\.id), ["nb"])
    }

    // MARK: Schema

    /// docs/scenario.schema.json accepts the valid fixtures and rejects each party-kind rule it can
    /// express (python3 with `jsonschema`; skipped without it).
    func testSchemaAcceptsTheSectionAndRejectsKindRules() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard
            let python = path.split(separator: ":").map({ "\($0)/python3" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0) && (try? runPython($0, ["-c", "import jsonschema"])) != nil
            })
        else { throw XCTSkip("python3 with the jsonschema module is not available; schema validation skipped") }
        let base = "cost_sharing:\n  parties:\n    - "
        var cases: [(String, Bool)] = [
            (try ScenarioFixtures.text("cost-sharing-gas.yaml"), true), (try ScenarioFixtures.text("cost-sharing-gas.json"), true),
            (try ScenarioFixtures.text("cost-sharing-errors.yaml"), false),
        ]
        for (party, valid) in [
            ("{id: p, name: P, kind: sponsor, covers: [household_items, common]}", true),
            ("{id: p, name: P, kind: host, compensation_cny: 5}", true),
            ("{id: p, name: P, kind: subsidy, covers: [tie_in], per_household_cap_cny: 1, eligible: [H1]}", true),
            ("{id: p, name: P, kind: utility, covers: [household_items]}", false),
            ("{id: p, name: P, kind: utility}", false),
            ("{id: p, name: P, kind: host}", false),
            ("{id: p, name: P, kind: host, compensation_cny: 0}", false),
            ("{id: p, name: P, kind: advancer, covers: [tie_in]}", false),
            ("{id: p, name: P, kind: utility, covers: [tie_in], per_household_cap_cny: 1}", false),
            ("{id: p, name: P, kind: subsidy, covers: [tie_in], eligible: some}", false),
        ] {
            cases.append((scenario(base + party + "\n"), valid))
        }
        cases.append((scenario("cost_sharing: {rounding_cny: 5}\n"), false))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-cs-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (i, c) in cases.enumerated() {
            let url = directory.appendingPathComponent("\(i).json")
            try ScenarioFormatDocsTests.json(try ScenarioLoader.syntaxTree(text: c.0, file: "\(i)").root)
                .write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            v = Draft202012Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                print("VALID" if not list(v.iter_errors(json.load(open(path)))) else "INVALID")
            """
        let schema = ScenarioFixtures.repositoryRoot.appendingPathComponent("docs/scenario.schema.json").path
        let output = try runPython(python, ["-c", script, schema] + paths)
        XCTAssertEqual(output.split(separator: "\n").map { $0 == "VALID" }, cases.map(\.1), output)
    }

    private func runPython(_ program: String, _ arguments: [String]) throws -> String {
        let r = try CLIRunner(executableURL: URL(fileURLWithPath: program)).run(arguments)
        guard r.status == 0 else { throw XCTSkip("python exited with \(r.status)") }
        return r.stdoutText
    }

    // MARK: Helpers

    static func withoutLocations(_ cs: CostSharing) -> CostSharing {
        var cs = cs
        for i in cs.parties.indices { cs.parties[i].location = nil }
        for i in cs.advances.indices { cs.advances[i].location = nil }
        return cs
    }
}
