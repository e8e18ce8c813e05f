// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// Every kind of problem is reported, with the right location, subject and a fix, and all
/// problems in a file are reported together in file order.
final class ScenarioErrorTests: XCTestCase {
    let gas = ScenarioFixtures.minimalGas
    let water = ScenarioFixtures.minimalWater

    // MARK: Many errors at once

    func testManyErrorsAreAllReportedInFileOrder() throws {
        let path = ScenarioFixtures.path("gas-many-errors.yaml")
        let text = try ScenarioFixtures.text("gas-many-errors.yaml")
        XCTAssertThrowsError(try ScenarioLoader.load(path: path)) { error in
            guard case ScenarioError.invalid(let file, let findings) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, path)
            let got = findings.map { "\($0.location!.line):\($0.location!.column) \($0.code)" }
            // Each line marked "<-" in the file, plus the missing name and the pipe's missing roughness.
            XCTAssertEqual(
                got,
                [
                    "2:1 missing-key",  // no 'name' (the root mapping starts on line 2)
                    "3:1 unknown-key",  // nmae
                    "7:12 invalid-value",  // formula: colebrook
                    "9:28 out-of-range",  // stove: -0.8
                    "12:19 wrong-type",  // x_m: ten
                    "13:6 duplicate-id",  // second n1
                    "20:24 missing-reference",  // node: b9
                    "20:36 out-of-range",  // floors: 0
                    "23:40 invalid-value",  // consent: maybe
                    "30:19 needs-regulator",  // 150 kPa, no regulator
                    "31:5 wrong-utility",  // head_m in gas
                    "34:5 missing-key",  // p1 has no roughness_mm
                    "37:5 wrong-utility",  // hazen_williams_c in gas
                    "39:29 money-precision",  // 12.345
                    "43:28 self-loop",  // e1 n1 → n1
                    "44:32 unknown-key",  // lenght_m
                    "45:54 unbuildable-segment",  // gravel
                    "48:27 out-of-range",  // flow_m3_h: 0
                    "51:29 wrong-type",  // "650"
                ])
            XCTAssertTrue(findings.allSatisfy { $0.severity == .error })
            XCTAssertTrue(findings.allSatisfy { $0.location?.file == path })
            XCTAssertTrue(findings.allSatisfy { !($0.fix ?? "").isEmpty && !$0.message.isEmpty })

            // Every marked line has a finding, and every finding's line is a marked line or one of the two above.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let marked = Set(lines.indices.filter { lines[$0].contains("# <-") }.map { $0 + 1 })
            XCTAssertEqual(Set(findings.map { $0.location!.line }).subtracting([2, 34]), marked)

            let byCode = Dictionary(grouping: findings, by: \.code)
            XCTAssertEqual(byCode["unknown-key"]?.map(\.fix), ["Did you mean 'name'?", "Did you mean 'length_m'?"])
            XCTAssertEqual(byCode["missing-reference"]?.first?.subject, "B1")
            XCTAssertTrue(byCode["missing-reference"]?.first?.fix?.hasPrefix("Did you mean 'b1'?") ?? false)
            XCTAssertTrue(byCode["needs-regulator"]?.first?.message.contains("needs a regulator box") ?? false)

            let description = "\(error)"
            XCTAssertTrue(description.hasPrefix("\(path): 19 errors in the scenario\n"), description)
            XCTAssertTrue(
                description.contains("\(path):44:32: error: 'e2': unknown key 'lenght_m' in segment Fix: Did you mean 'length_m'?"))
        }
    }

    // MARK: Each kind

    func testUnknownKeysSuggestTheClosestAllowedKey() {
        let found = findings(edit(gas, "surface: verge}", "surfce: verge}"))
        let f = only("unknown-key", in: found)
        XCTAssertEqual(f?.location?.line, 21)
        XCTAssertEqual(f?.subject, "e1")
        XCTAssertEqual(f?.fix, "Did you mean 'surface'?")
        XCTAssertEqual(only("missing-key", in: found)?.message, "segment is missing the required key 'surface'")

        let far = only("unknown-key", in: findings(edit(gas, "name: Minimal gas", "name: Minimal gas\ncolour: blue")))
        XCTAssertEqual(far?.location?.line, 3)
        XCTAssertTrue(far?.fix?.contains("the keys allowed here are 'connplan', 'name'") ?? false, far?.fix ?? "")
    }

    func testWrongTypesNameWhatWasFound() {
        let floors = only("wrong-type", in: findings(edit(gas, "floors: 2", "floors: two")))
        XCTAssertEqual(floors?.message, "'floors' in building must be a whole number of at least 1, not the text \"two\"")
        XCTAssertEqual(floors?.location?.line, 13)
        XCTAssertEqual(floors?.subject, "B1")

        let fractional = only("wrong-type", in: findings(edit(gas, "floors: 2", "floors: 2.5")))
        XCTAssertTrue(fractional?.message.contains("whole number") ?? false)
        XCTAssertNotNil(load(edit(gas, "floors: 2", "floors: 2.0")), "a whole number written as 2.0 is accepted")

        let quoted = only("wrong-type", in: findings(edit(gas, "inner_diameter_mm: 51.4", "inner_diameter_mm: \"51.4\"")))
        XCTAssertTrue(quoted?.message.contains("not the text \"51.4\"") ?? false)

        let list = findings(edit(gas, "compounds:\n", "compounds: {}\nx_compounds:\n"))
        XCTAssertEqual(
            only("wrong-type", in: list)?.message,
            "'compounds' in the scenario file must be a list (lines starting with '- '), not a mapping")

        let item = only("wrong-type", in: findings(edit(gas, "  - {id: b1, x_m: 30, y_m: 40}", "  - b1")))
        XCTAssertEqual(item?.message, "node must be a mapping of keys to values, not the text \"b1\"")
        XCTAssertEqual(item?.subject, "node #2")

    }

    func testBooleansMustBeTrueOrFalse() {
        let text =
            edit(gas, "      - {id: B1, node: b1, floors: 2, households: 4}", "      - {id: B1, node: b1, floors: 2, households: 1}")
            + "households:\n  - {id: h1, building: B1, low_income: yes}\n"
        let f = only("wrong-type", in: findings(text))
        XCTAssertEqual(f?.message, "'low_income' in household must be true or false, not the text \"yes\"")
        XCTAssertEqual(f?.location?.line, 23)
    }

    func testBadEnumValuesListTheAllowedValues() {
        let utility = only("invalid-value", in: findings(edit(gas, "utility: gas", "utility: gsa")))
        XCTAssertEqual(utility?.message, "'utility' in the scenario file is 'gsa'; allowed values: 'gas', 'water'")
        XCTAssertEqual(utility?.fix, "Did you mean 'gas'? Use one of 'gas', 'water'.")

        let consent = only("invalid-value", in: findings(edit(gas, "consent: granted", "consent: yes")))
        XCTAssertEqual(consent?.location?.line, 15)
        XCTAssertTrue(consent?.message.hasSuffix("allowed values: 'granted', 'pending', 'refused'") ?? false)

        let method = only("invalid-value", in: findings(edit(water, "peak_factor: 2.5", "method: peak")))
        XCTAssertTrue(method?.message.contains("'peak_hour', 'probability'") ?? false)
    }

    func testMissingRequiredKeys() {
        let pressure = only("missing-key", in: findings(edit(gas, ", pressure_kpa: 3}", "}")))
        XCTAssertEqual(pressure?.message, "source is missing the required key 'pressure_kpa'")
        XCTAssertEqual(pressure?.location?.line, 17)
        XCTAssertEqual(pressure?.subject, "s1")

        let version = only("missing-key", in: findings(edit(gas, "connplan: 1\n", "")))
        XCTAssertEqual(version?.fix, "Add `connplan: 1` as the first line.")

        let sources = only(
            "missing-key", in: findings(edit(gas, "sources:\n  - {id: s1, name: Riser, node: src, owner: nb, pressure_kpa: 3}\n", "")))
        XCTAssertEqual(sources?.message, "the scenario file is missing the required key 'sources'")

        let demand = findings(edit(gas, "demand:\n  appliances_m3_h: {stove: 0.8}\n", ""))
        XCTAssertEqual(only("missing-key", in: demand)?.message, "the scenario file is missing the required key 'demand'")

        let head = only("missing-key", in: findings(edit(water, ", pressure_head_m: 30}", "}")))
        XCTAssertEqual(head?.message, "water source has no head")

        let empty = only(
            "empty-list",
            in: findings(
                edit(gas, "  - {id: e1, from: src, to: b1, surface: verge}\n", "").replacingOccurrences(
                    of: "segments:\n", with: "segments: []\n")))
        XCTAssertEqual(empty?.location?.line, 20)
    }

    func testDuplicateIDs() {
        let segment = only("duplicate-id", in: findings(gas + "  - {id: e1, from: b1, to: src, surface: verge}\n"))
        XCTAssertEqual(segment?.message, "segment id 'e1' is used twice (first at line 21)")
        XCTAssertEqual(segment?.location?.line, 22)

        let text = gas + "  - {id: e2, from: b1, to: src, surface: verge}\n"
        let building = findings(
            edit(
                text, "      - {id: B1, node: b1, floors: 2, households: 4}\n",
                "      - {id: B1, node: b1, floors: 2, households: 4}\n  - id: c2\n    name: C2\n    buildings:\n      - {id: B1, node: src, floors: 1, households: 1}\n"
            ))
        XCTAssertEqual(only("duplicate-id", in: building)?.location?.line, 17)

        let cost = only(
            "duplicate-id", in: findings(gas + "household_costs:\n  - {item: meter, cost_cny: 1}\n  - {item: meter, cost_cny: 2}\n"))
        XCTAssertEqual(cost?.location?.line, 24)
    }

    func testDanglingReferencesSuggestExistingIDs() {
        let owner = only("missing-reference", in: findings(edit(gas, "owner: nb,", "owner: nv,")))
        XCTAssertEqual(owner?.message, "'owner' of source is 'nv', but no owner has that id")
        XCTAssertEqual(owner?.fix, "Did you mean 'nb'? Correct the id, or add a owner 'nv' to owners.")
        XCTAssertEqual(owner?.location?.line, 17)

        let node = only("missing-reference", in: findings(edit(gas, "to: b1,", "to: b7,")))
        XCTAssertEqual(node?.subject, "e1")
        XCTAssertEqual(node?.location?.column, 29)

        let household = findings(gas + "households:\n  - {id: h1, building: B9}\n")
        XCTAssertEqual(only("missing-reference", in: household)?.message, "'building' of household is 'B9', but no building has that id")

        let segmentOwner = only("missing-reference", in: findings(edit(gas, "surface: verge}", "surface: verge, owner: city}")))
        XCTAssertTrue(segmentOwner?.fix?.hasPrefix("Correct the id") ?? false, "no near id, no suggestion")
    }

    func testNonPositiveValuesAreRejected() {
        for (old, new, key) in [
            ("inner_diameter_mm: 51.4", "inner_diameter_mm: 0", "inner_diameter_mm"),
            ("max_velocity_m_s: 10", "max_velocity_m_s: -1", "max_velocity_m_s"),
            ("surface: verge}", "surface: verge, length_m: -3}", "length_m"),
            ("households: 4", "households: 0", "households"),
            ("pressure_kpa: 3", "pressure_kpa: 0", "pressure_kpa"),
            ("{stove: 0.8}", "{stove: 0}", "stove"),
        ] {
            let f = only("out-of-range", in: findings(edit(gas, old, new)))
            XCTAssertTrue(f?.message.hasPrefix("'\(key)'") ?? false, "\(key): \(f?.message ?? "")")
        }
        XCTAssertNotNil(only("out-of-range", in: findings(edit(water, "peak_factor: 2.5", "peak_factor: 0.8"))))
        XCTAssertNotNil(only("out-of-range", in: findings(gas + "household_costs:\n  - {item: meter, cost_cny: -5}\n")))
        XCTAssertNotNil(
            only(
                "out-of-range",
                in: findings(
                    edit(gas, "x_m: 0, y_m: 0}", "lon: 181, lat: 0}").replacingOccurrences(of: "x_m: 30, y_m: 40", with: "lon: 1, lat: 1")))
        )
    }

    func testMoneyWithMoreThanTwoDecimalsIsRejected() {
        let f = only("money-precision", in: findings(edit(gas, "{verge: 420}", "{verge: 420.125}")))
        XCTAssertEqual(f?.location?.line, 19)
        XCTAssertEqual(f?.subject, "pe63")
        XCTAssertEqual(f?.fix, "Round 'verge' to at most 2 decimals.")
        XCTAssertNotNil(only("wrong-type", in: findings(edit(gas, "{verge: 420}", "{verge: 4.2e2}"))))
        XCTAssertEqual(load(edit(gas, "{verge: 420}", "{verge: 420.10}"))?.scenario.pipes[0].costPerMetreFen, ["verge": 42_010])
    }

    func testKeysOfTheOtherUtilityAreErrors() {
        let gasInWater = findings(
            edit(
                water, ", pressure_head_m: 30}", ", pressure_head_m: 30, pressure_kpa: 3, regulator: {cost_cny: 1, outlet_pressure_kpa: 2}}"
            )
                + "gas: {formula: renouard}\n")
        let wrong = gasInWater.filter { $0.code == "wrong-utility" }
        XCTAssertEqual(wrong.count, 3)
        XCTAssertEqual(wrong.map { $0.location!.line }, [17, 17, 22])
        XCTAssertTrue(wrong[0].message.contains("applies only to gas scenarios, but this scenario is water"))
        XCTAssertEqual(wrong[0].fix, "Remove 'pressure_kpa', or set `utility: gas` if the scenario is for gas.")

        let headInGas = only("wrong-utility", in: findings(edit(gas, "households: 4}", "households: 4, min_head_m: 28}")))
        XCTAssertTrue(headInGas?.message.contains("(gas scenarios use 'min_pressure_kpa')") ?? false)

        let demandKeys = findings(edit(gas, "  appliances_m3_h: {stove: 0.8}\n", "  appliances_m3_h: {stove: 0.8}\n  peak_factor: 2.5\n"))
        XCTAssertEqual(only("wrong-utility", in: demandKeys)?.location?.line, 6)
        let cInGas = only("wrong-utility", in: findings(edit(gas, "roughness_mm: 0.01,", "roughness_mm: 0.01, hazen_williams_c: 140,")))
        XCTAssertEqual(cInGas?.subject, "pe63")
    }

    func testGasSourceAtTenKilopascalsOrMoreNeedsARegulator() {
        let f = only("needs-regulator", in: findings(edit(gas, "pressure_kpa: 3}", "pressure_kpa: 10}")))
        XCTAssertTrue(f?.message.contains("needs a regulator box") ?? false)
        XCTAssertNotNil(load(edit(gas, "pressure_kpa: 3}", "pressure_kpa: 9.9}")))
        let regulated = load(edit(gas, "pressure_kpa: 3}", "pressure_kpa: 200, regulator: {cost_cny: 18000.5, outlet_pressure_kpa: 2.8}}"))
        XCTAssertEqual(regulated?.scenario.sources[0].regulator, Regulator(costFen: 1_800_050, outletPressureKilopascals: 2.8))
        let upside = only(
            "out-of-range",
            in: findings(edit(gas, "pressure_kpa: 3}", "pressure_kpa: 20, regulator: {cost_cny: 1, outlet_pressure_kpa: 25}}")))
        XCTAssertTrue(upside?.message.contains("not below the source pressure") ?? false)
        XCTAssertNotNil(
            only("missing-key", in: findings(edit(gas, "pressure_kpa: 3}", "pressure_kpa: 20, regulator: {outlet_pressure_kpa: 2}}"))))
    }

    func testSegmentsMustJoinTwoNodesAndBeBuildable() {
        XCTAssertEqual(only("self-loop", in: findings(edit(gas, "to: b1,", "to: src,")))?.subject, "e1")

        let surface = only("unbuildable-segment", in: findings(edit(gas, "surface: verge}", "surface: asphalt}")))
        XCTAssertEqual(
            surface?.message,
            "segment cannot be built: no pipe has a price for surface 'asphalt' and there is no existing pipe; catalogue pipes price only 'verge' (pipes 'pe63')"
        )
        XCTAssertEqual(surface?.location?.line, 21)

        let reused = load(edit(gas, "surface: verge}", "surface: asphalt, existing: {dn: 50, inner_diameter_mm: 50, roughness_mm: 0.1}}"))
        XCTAssertEqual(reused?.scenario.segments[0].existing?.replaceable, true, "an existing pipe makes any surface buildable")
        XCTAssertNotNil(
            only("missing-key", in: findings(edit(gas, "surface: verge}", "surface: verge, existing: {dn: 50, inner_diameter_mm: 50}}"))))

        let noPipes = findings(
            edit(
                gas,
                "  - {id: pe63, dn: 63, inner_diameter_mm: 51.4, roughness_mm: 0.01, max_velocity_m_s: 10, cost_per_m_cny: {verge: 420}}\n",
                ""
            ).replacingOccurrences(of: "pipes:\n", with: ""))
        XCTAssertTrue(only("unbuildable-segment", in: noPipes)?.message.hasSuffix("the scenario has no priced catalogue pipes") ?? false)
    }

    func testCoordinatesAndLengths() {
        let mixed = only("mixed-coordinates", in: findings(edit(gas, "x_m: 30, y_m: 40", "lon: 114.3, lat: 29.8")))
        XCTAssertEqual(mixed?.location?.line, 8)
        XCTAssertTrue(mixed?.message.contains("earlier node (line 7)") ?? false)

        XCTAssertEqual(
            only("conflicting-keys", in: findings(edit(gas, "x_m: 30, y_m: 40", "x_m: 30, y_m: 40, lon: 1, lat: 2")))?.subject, "b1")
        XCTAssertEqual(
            only("missing-key", in: findings(edit(gas, "x_m: 30, y_m: 40", "x_m: 30")))?.message, "node gives 'x_m' without 'y_m'")

        let noLength = only("missing-length", in: findings(edit(gas, "{id: b1, x_m: 30, y_m: 40}", "{id: b1}")))
        XCTAssertEqual(noLength?.message, "segment has no length_m and node 'b1' has no coordinates to compute it from")
        XCTAssertEqual(
            load(
                edit(gas, "{id: b1, x_m: 30, y_m: 40}", "{id: b1}").replacingOccurrences(
                    of: "surface: verge}", with: "surface: verge, length_m: 12.5}"))?.scenario.segments[0].lengthMetres, 12.5)
        XCTAssertNotNil(only("missing-length", in: findings(edit(gas, "x_m: 30, y_m: 40", "x_m: 0, y_m: 0"))))

        // Within 20 %: no warning. Beyond: a warning, and the given length is kept.
        XCTAssertEqual(load(edit(gas, "surface: verge}", "surface: verge, length_m: 59}"))?.warnings, [])
        let far = load(edit(gas, "surface: verge}", "surface: verge, length_m: 61}"))
        XCTAssertEqual(far?.scenario.segments[0].lengthMetres, 61)
        XCTAssertEqual(far?.warnings.map(\.code), ["length-mismatch"])
        XCTAssertEqual(far?.warnings.first?.location?.line, 21)
        XCTAssertEqual(load(edit(gas, "surface: verge}", "surface: verge, length_m: 39}"))?.warnings.map(\.code), ["length-mismatch"])

        // lon/lat: 0.001° of latitude is R·0.001·π/180 = 111.195 m on the WGS84 mean sphere.
        let degrees = load(
            edit(gas, "x_m: 0, y_m: 0}", "lon: 114.3, lat: 29.8}").replacingOccurrences(
                of: "x_m: 30, y_m: 40", with: "lon: 114.3, lat: 29.801"))
        XCTAssertEqual(degrees?.scenario.segments[0].lengthMetres ?? 0, 6_371_008.8 * 0.001 * Double.pi / 180, accuracy: 1e-6)
    }

    func testHouseholdRecordsMustMatchTheirBuilding() {
        let three = gas + "households:\n" + (1...3).map { "  - {id: h\($0), building: B1, floor: 1}\n" }.joined()
        let f = only("household-count", in: findings(three))
        XCTAssertEqual(f?.message, "building declares 4 households but 3 household records name it")
        XCTAssertEqual(f?.location?.line, 13)
        XCTAssertEqual(f?.location?.column, 51)
        XCTAssertEqual(f?.subject, "B1")

        let four = gas + "households:\n" + (1...4).map { "  - {id: h\($0), building: B1, floor: \($0 == 4 ? 3 : 2)}\n" }.joined()
        let floor = only("out-of-range", in: findings(four))
        XCTAssertEqual(floor?.message, "household is on floor 3 but building 'B1' has 2 floors")
        XCTAssertEqual(floor?.location?.line, 26)
        XCTAssertEqual(floor?.subject, "h4")
    }

    func testSimultaneityTables() throws {
        func withTable(_ table: String) -> String {
            edit(gas, "  appliances_m3_h: {stove: 0.8}\n", "  appliances_m3_h: {stove: 0.8}\n  simultaneity: \(table)\n")
        }
        // k·N = N(0.5222 − N/450) between 10 and 100 households peaks at N = 117, beyond the row: never falls.
        let inline = load(withTable("[{households: 1, factor: 1}, {households: 10, factor: 0.5}, {households: 100, factor: 0.3}]"))
        guard case .gas(let g)? = inline?.scenario.demand else { return XCTFail("expected gas") }
        XCTAssertEqual(g.simultaneity.name, "inline")
        XCTAssertEqual(
            g.simultaneity.rows, [.init(households: 1, factor: 1), .init(households: 10, factor: 0.5), .init(households: 100, factor: 0.3)])
        // With 0.2 at 100 households, k·N = N(0.5333 − N/300) peaks at N = 80 and then falls.
        let peaked = only(
            "simultaneity-table",
            in: findings(withTable("[{households: 1, factor: 1}, {households: 10, factor: 0.5}, {households: 100, factor: 0.2}]")))
        XCTAssertEqual(peaked?.message.contains("at N = 80 to 21.33 at N = 81 households"), true, peaked?.message ?? "")

        let unsorted = only("simultaneity-table", in: findings(withTable("[{households: 5, factor: 1}, {households: 5, factor: 0.5}]")))
        XCTAssertTrue(unsorted?.message.contains("rows must be strictly increasing") ?? false)
        XCTAssertNotNil(only("out-of-range", in: findings(withTable("[{households: 1, factor: 1.2}]"))))
        XCTAssertNotNil(only("out-of-range", in: findings(withTable("[{households: 0, factor: 1}]"))))

        // 1 → 1.0 and 2 → 0.4: k·N falls from 1.0 at N = 1 to 0.8 at N = 2.
        let falling = only("simultaneity-table", in: findings(withTable("[{households: 1, factor: 1}, {households: 2, factor: 0.4}]")))
        XCTAssertEqual(falling?.message.contains("at N = 1 to 0.8 at N = 2 households"), true, falling?.message ?? "")
        // Between rows: k(11) = 0.46 → 5.06, k(12) = 0.42 → 5.04. Reported at the row that ends the interval.
        let dip = only("simultaneity-table", in: findings(withTable("[{households: 10, factor: 0.5},\n    {households: 20, factor: 0.1}]")))
        XCTAssertEqual(dip?.message.contains("from 5.06 at N = 11 to 5.04 at N = 12 households"), true, dip?.message ?? "")
        XCTAssertEqual(dip?.location?.line, 7)

        let name = only("invalid-value", in: findings(withTable("gb50028-stoev")))
        XCTAssertTrue(name?.fix?.hasPrefix("Did you mean 'gb50028-stove'?") ?? false, name?.fix ?? "")
        let bundled = try Standards.load().simultaneityTables.keys.sorted()
        XCTAssertTrue(name?.message.hasSuffix(Suggestion.list(bundled)) ?? false)
    }

    func testFormatVersionMustBeOne() {
        let f = only("unsupported-version", in: findings(edit(gas, "connplan: 1", "connplan: 2")))
        XCTAssertEqual(f?.location?.line, 1)
        XCTAssertEqual(f?.location?.column, 11)
    }

    func testWaterHeadsAndFlowUnits() {
        let head = only("out-of-range", in: findings(edit(water, "pressure_head_m: 30", "head_m: 95")))
        XCTAssertTrue(head?.message.contains("below the elevation of node 'src' (100 m)") ?? false)
        XCTAssertEqual(load(edit(water, "pressure_head_m: 30", "head_m: 131.5"))?.scenario.sources[0].headMetres, 131.5)
        XCTAssertNotNil(only("conflicting-keys", in: findings(edit(water, "pressure_head_m: 30", "pressure_head_m: 30, head_m: 130"))))

        let flows = load(water + "demands:\n  - {node: b1, flow_m3_h: 3}\n  - {node: src, flow_l_s: 0.25, min_head_m: 12}\n")
        XCTAssertEqual(flows?.scenario.nodeDemands.map(\.designFlowCubicMetresPerHour), [3, 0.9])
        XCTAssertEqual(flows?.scenario.nodeDemands.last?.minHeadMetres, 12)
        XCTAssertNotNil(only("conflicting-keys", in: findings(water + "demands:\n  - {node: b1, flow_m3_h: 3, flow_l_s: 1}\n")))
        XCTAssertNotNil(only("missing-key", in: findings(water + "demands:\n  - {node: b1}\n")))
        XCTAssertNotNil(
            only(
                "conflicting-keys",
                in: findings(edit(water, "pressure_head_m: 30", "pressure_head_m: 30, spare_capacity_m3_h: 1, spare_capacity_l_s: 1"))))
    }

    // MARK: Warnings

    func testUnusedOwnersNodesAndPipesAreWarnings() throws {
        let text = edit(gas, "consent: granted}", "consent: granted}\n  - {id: idle, name: Idle owner, consent: pending}")
            .replacingOccurrences(
                of: "  - {id: b1, x_m: 30, y_m: 40}", with: "  - {id: b1, x_m: 30, y_m: 40}\n  - {id: spare, x_m: 1, y_m: 1}"
            )
            .replacingOccurrences(
                of: "cost_per_m_cny: {verge: 420}}",
                with:
                    "cost_per_m_cny: {verge: 420}}\n  - {id: big, dn: 110, inner_diameter_mm: 90, roughness_mm: 0.01, max_velocity_m_s: 10, cost_per_m_cny: {asphalt: 900}}"
            )
        let loaded = try XCTUnwrap(load(text))
        XCTAssertEqual(loaded.warnings.map(\.code), ["unused-node", "unused-owner", "unused-pipe"])
        XCTAssertEqual(loaded.warnings.map(\.subject), ["spare", "idle", "big"])
        XCTAssertEqual(loaded.warnings.map { $0.location!.line }, [9, 17, 22])
        XCTAssertTrue(loaded.warnings.allSatisfy { $0.severity == .warning && $0.fix != nil })

        // Warnings ride along with errors when a file is invalid.
        let invalid = findings(edit(text, "floors: 2", "floors: 0"))
        XCTAssertEqual(invalid.filter { $0.severity == .warning }.count, 3)
        XCTAssertEqual(errors(invalid).count, 1)
    }

    // MARK: Unreadable files

    func testUnreadableFiles() throws {
        XCTAssertThrowsError(try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")) { error in
            guard case ScenarioError.unreadable(let file, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "/nonexistent/scenario.yaml")
            XCTAssertEqual(reason, "no such file")
        }
        XCTAssertThrowsError(try ScenarioLoader.load(path: ScenarioFixtures.directory.path)) { error in
            guard case ScenarioError.unreadable = error else { return XCTFail("\(error)") }
        }

        let syntax = edit(gas, "  - {id: b1, x_m: 30, y_m: 40}", "  - {id: b1, x_m: 30, y_m: 40")
        XCTAssertThrowsError(try ScenarioLoader.parse(text: syntax, file: "s.yaml")) { error in
            guard case ScenarioError.unreadable(let file, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "s.yaml")
            XCTAssertTrue(
                reason.hasPrefix(
                    "YAML syntax error at line 9, column 10: did not find expected ',' or '}' (while parsing a flow mapping at line 8, column 5)"
                ),
                reason)
            XCTAssertTrue(reason.hasSuffix("\n  compounds:\n           ^"), reason)
        }

        let duplicate = edit(gas, "name: Minimal gas\n", "name: Minimal gas\nname: Again\n")
        XCTAssertThrowsError(try ScenarioLoader.parse(text: duplicate, file: "d.yaml")) { error in
            guard case ScenarioError.unreadable(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("duplicate key 'name' in one mapping at line 2, column 1"), reason)
        }

        for empty in ["", "\n# only a comment\n"] {
            XCTAssertThrowsError(try ScenarioLoader.parse(text: empty, file: "e.yaml")) { error in
                guard case ScenarioError.unreadable(_, let reason) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.hasPrefix("the file is empty"))
            }
        }

        let notUTF8 = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-scn-latin1.yaml")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF, 0x0A]).write(to: notUTF8)
        defer { try? FileManager.default.removeItem(at: notUTF8) }
        XCTAssertThrowsError(try ScenarioLoader.load(path: notUTF8.path)) { error in
            guard case ScenarioError.unreadable(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("not UTF-8"))
        }

        let list = only("wrong-type", in: findings("- a\n- b\n"))
        XCTAssertEqual(list?.message, "the scenario file must be a mapping of keys to values, not a list")
    }
}
