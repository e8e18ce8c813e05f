// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// The two complete example files load with every field as written, and their JSON forms load
/// to the same scenario through both the Yams path and the JSON fallback.
final class ScenarioLoaderTests: XCTestCase {
    func testGasExampleLoadsEveryField() throws {
        let path = ScenarioFixtures.path("gas-xianning.yaml")
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.warnings, [])
        let s = loaded.scenario
        XCTAssertEqual(s.name, "Xianning No. 79 gas connection")
        XCTAssertEqual(
            s.description,
            "Two 5-storey buildings, 20 households; tie-in candidates on the tax-bureau, telecom and estate networks.")
        XCTAssertEqual(s.file, path)
        XCTAssertEqual(s.utility, .gas)

        guard case .gas(let g) = s.demand else { return XCTFail("expected a gas demand model") }
        XCTAssertEqual(g.applianceLoadsCubicMetresPerHour, ["stove": 0.8, "water_heater": 2.0])
        XCTAssertEqual(g.simultaneity, try Standards.load().simultaneityTables["gb50028-stove-water-heater"])
        XCTAssertEqual(g.minPressureKilopascals, 2.0)
        XCTAssertEqual(g.formula, .darcyWeisbach)
        XCTAssertEqual(
            g.gas,
            GasProperties(
                densityKilogramsPerCubicMetre: 0.75, relativeDensity: 0.58, kinematicViscositySquareMetresPerSecond: 1.43e-5,
                airDensityKilogramsPerCubicMetre: 1.293))

        XCTAssertEqual(s.nodes.map(\.id), ["tax-riser", "telecom-main", "estate-box", "gate", "b1", "b2"])
        XCTAssertEqual(s.nodes[0], Node(id: "tax-riser", xMetres: -30, yMetres: 0, elevationMetres: 0, location: loc(path, 21, 5)))
        XCTAssertEqual(s.nodes[1].elevationMetres, 0, "elevation defaults to 0")
        XCTAssertEqual(s.nodes[2].elevationMetres, 1.5)

        XCTAssertEqual(s.compounds, [Compound(id: "no79", name: "No. 79 compound", buildingIDs: ["B1", "B2"], location: loc(path, 29, 5))])
        XCTAssertEqual(
            s.buildings,
            [
                Building(id: "B1", compoundID: "no79", nodeID: "b1", floors: 5, households: 10, location: loc(path, 32, 9)),
                Building(
                    id: "B2", compoundID: "no79", nodeID: "b2", floors: 5, households: 10, minPressureKilopascals: 2.2,
                    location: loc(path, 33, 9)),
            ])

        XCTAssertEqual(s.households.count, 10)
        XCTAssertEqual(
            s.households[0],
            Household(id: "B1-101", buildingID: "B1", floor: 1, paidFen: 235_000, floorAreaSquareMetres: 62.5, location: loc(path, 37, 5)))
        XCTAssertEqual(s.households[1].lowIncome, true)
        XCTAssertEqual(s.households[3].occupied, false)
        XCTAssertEqual(s.households[3].paidFen, 0)
        XCTAssertEqual(s.households[7].paidFen, 117_550)
        XCTAssertNil(s.households[9].floor)
        XCTAssertEqual(s.households.map(\.paidFen).reduce(0, +), 8 * 235_000 + 117_550)

        XCTAssertEqual(
            s.owners,
            [
                Owner(id: "tax-bureau", name: "Tax bureau staff compound", consent: .refused, location: loc(path, 49, 5)),
                Owner(id: "telecom", name: "Telecom company site", consent: .pending, consentCostFen: 500_000, location: loc(path, 50, 5)),
                Owner(
                    id: "estate", name: "Residential estate behind", consent: .granted, consentCostFen: 120_050, location: loc(path, 51, 5)),
            ])

        XCTAssertEqual(
            s.sources,
            [
                Source(
                    id: "src-tax", name: "Tax bureau low-pressure riser", nodeID: "tax-riser", ownerID: "tax-bureau",
                    pressureKilopascals: 2.8, spareCapacityCubicMetresPerHour: 15, tieInCostFen: 300_000, location: loc(path, 54, 5)),
                Source(
                    id: "src-telecom", name: "Medium-pressure main at the telecom site", nodeID: "telecom-main", ownerID: "telecom",
                    pressureKilopascals: 150, tieInCostFen: 800_000,
                    regulator: Regulator(costFen: 2_800_000, outletPressureKilopascals: 3.0), location: loc(path, 61, 5)),
                Source(
                    id: "src-estate", name: "Estate regulator box", nodeID: "estate-box", ownerID: "estate", pressureKilopascals: 3.2,
                    spareCapacityCubicMetresPerHour: 18, location: loc(path, 68, 5)),
            ])
        XCTAssertEqual(s.sources[1].supplyPressureKilopascals, 3.0)

        XCTAssertEqual(s.pipes.map(\.id), ["pe32", "pe63", "pe90", "steel-riser"])
        XCTAssertEqual(
            s.pipes[0],
            PipeType(
                id: "pe32", material: "PE100 SDR11", nominalDiameter: 32, innerDiameterMillimetres: 26.2, roughnessMillimetres: 0.01,
                maxVelocityMetresPerSecond: 10, costPerMetreFen: ["verge": 28_000, "pavement": 35_050], location: loc(path, 76, 5)))
        XCTAssertEqual(s.pipes[2].costPerMetreFen, ["verge": 56_000, "pavement": 68_000, "asphalt": 95_000, "road_crossing": 145_075])
        XCTAssertEqual(s.pipes[3].costPerMetreFen, ["wall": 39_000])
        XCTAssertNil(s.pipes[0].hazenWilliamsC)

        XCTAssertEqual(s.segments.map(\.id), ["s-tax", "s-telecom", "s-estate", "s-gate-b1", "s-b1-b2"])
        XCTAssertEqual(
            s.segments[0],
            Segment(
                id: "s-tax", fromNodeID: "tax-riser", toNodeID: "gate", lengthMetres: 30, surface: "pavement", ownerID: "tax-bureau",
                location: loc(path, 94, 5)))
        XCTAssertEqual(s.segments[1].lengthMetres, 35)
        XCTAssertNil(s.segments[3].ownerID)
        XCTAssertEqual(s.segments[4].lengthMetres, 20, accuracy: 1e-12, "computed from coordinates")
        XCTAssertEqual(
            s.segments[4].existing,
            ExistingPipe(
                nominalDiameter: 50, innerDiameterMillimetres: 53, roughnessMillimetres: 0.1, maxVelocityMetresPerSecond: 8,
                replaceable: false))

        XCTAssertEqual(
            s.nodeDemands,
            [NodeDemand(nodeID: "gate", designFlowCubicMetresPerHour: 1.2, minPressureKilopascals: 2.0, location: loc(path, 105, 5))])
        XCTAssertEqual(
            s.householdCosts, [HouseholdCost(item: "meter", costFen: 65_000), HouseholdCost(item: "indoor piping", costFen: 120_050)])
        XCTAssertEqual(s.perHouseholdFixedCostFen, 185_050)
        XCTAssertEqual(s.totalHouseholds, 20)
    }

    func testWaterExampleLoadsEveryField() throws {
        let path = ScenarioFixtures.path("water-shifo.yaml")
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.warnings, [])
        let s = loaded.scenario
        XCTAssertEqual(s.name, "Shifo compound water reconnection")
        XCTAssertNil(s.description)
        XCTAssertEqual(s.utility, .water)
        guard case .water(let w) = s.demand else { return XCTFail("expected a water demand model") }
        XCTAssertEqual(
            w,
            WaterDemand(
                personsPerHousehold: 3.2, litresPerPersonPerDay: 180, peakFactor: 2.5, method: .peakHour, probability: nil,
                serviceHead: ServiceHeadRule(firstFloorMetres: 10, secondFloorMetres: 12, perExtraFloorMetres: 4)))

        // lon/lat projected around the mean: check two distances against the equirectangular formula.
        let byID = Dictionary(uniqueKeysWithValues: s.nodes.map { ($0.id, $0) })
        let r = 6_371_008.8
        let rad = Double.pi / 180
        let meanLat = [34.81010, 34.81004, 34.80990, 34.80980, 34.80960, 34.80960, 34.80930, 34.80930, 34.80945].reduce(0, +) / 9
        func distance(_ a: String, _ b: String) -> Double {
            hypot(byID[a]!.xMetres! - byID[b]!.xMetres!, byID[a]!.yMetres! - byID[b]!.yMetres!)
        }
        XCTAssertEqual(distance("main-north", "gate"), r * 0.00006 * rad, accuracy: 1e-6)
        XCTAssertEqual(distance("b1", "b2"), r * 0.0006 * rad * cos(meanLat * rad), accuracy: 1e-6)
        XCTAssertEqual(s.nodes.map { $0.xMetres! }.reduce(0, +), 0, accuracy: 1e-6, "projection is centred on the mean")
        XCTAssertEqual(s.nodes.map { $0.yMetres! }.reduce(0, +), 0, accuracy: 1e-6)
        XCTAssertEqual(byID["factory-tap"]?.elevationMetres, 103.5)

        XCTAssertEqual(
            s.buildings.map(\.households), [48, 48, 48, 42, 6])
        XCTAssertEqual(s.totalHouseholds, 192)
        XCTAssertEqual(s.buildings[2].minHeadMetres, 30)
        XCTAssertNil(s.buildings[2].minPressureKilopascals)
        XCTAssertEqual(s.households.map(\.paidFen), [150_000, 150_000, 150_000, 0, 75_025, 150_000])
        XCTAssertEqual(s.households[4].floorAreaSquareMetres, 48)

        XCTAssertEqual(s.sources[0].headMetres, 134, "pressure_head_m 32 above elevation 102")
        XCTAssertEqual(s.sources[0].spareCapacityCubicMetresPerHour, 200)
        XCTAssertEqual(s.sources[0].tieInCostFen, 1_500_000)
        XCTAssertNil(s.sources[0].pressureKilopascals)
        XCTAssertEqual(s.sources[1].headMetres, 125.5)
        XCTAssertEqual(s.sources[1].spareCapacityCubicMetresPerHour!, 9, accuracy: 1e-12, "2.5 L/s = 9 m³/h")

        XCTAssertEqual(s.pipes[1].costPerMetreFen, ["verge": 69_000, "asphalt": 142_080, "road_crossing": 230_000])
        XCTAssertEqual(s.pipes[1].hazenWilliamsC, 140)
        XCTAssertNil(s.pipes[1].roughnessMillimetres)

        XCTAssertEqual(s.segments[0].lengthMetres, 7)
        XCTAssertEqual(s.segments[1].lengthMetres, distance("gate", "j1"), accuracy: 1e-9)
        XCTAssertEqual(
            s.segments[7].existing,
            ExistingPipe(nominalDiameter: 100, innerDiameterMillimetres: 98, hazenWilliamsC: 100, replaceable: true))
        XCTAssertEqual(s.nodeDemands.first?.designFlowCubicMetresPerHour ?? 0, 1.8, accuracy: 1e-12, "0.5 L/s")
        XCTAssertEqual(s.nodeDemands.first?.minHeadMetres, 15)
        XCTAssertEqual(s.householdCosts, [HouseholdCost(item: "meter connection", costFen: 150_000)])
    }

    func testMinimalFilesTakeDefaultsFromStandards() throws {
        let standards = try Standards.load()
        let gas = try XCTUnwrap(load(ScenarioFixtures.minimalGas)).scenario
        guard case .gas(let g) = gas.demand else { return XCTFail("expected gas") }
        XCTAssertEqual(g.simultaneity, standards.simultaneityTables["gb50028-stove"], "stove only → stove table")
        XCTAssertEqual(g.minPressureKilopascals, standards.defaultGasMinPressureKilopascals)
        XCTAssertEqual(g.formula, standards.defaultGasFormula)
        XCTAssertEqual(g.gas, standards.defaultGas)
        XCTAssertEqual(gas.segments[0].lengthMetres, 50, accuracy: 1e-12)
        XCTAssertEqual(gas.owners[0].consentCostFen, 0)
        XCTAssertEqual(gas.sources[0].tieInCostFen, 0)
        XCTAssertNil(gas.sources[0].spareCapacityCubicMetresPerHour)

        let heater = try XCTUnwrap(load(edit(ScenarioFixtures.minimalGas, "{stove: 0.8}", "{stove: 0.8, heater: 2.0}"))).scenario
        guard case .gas(let h) = heater.demand else { return XCTFail("expected gas") }
        XCTAssertEqual(h.simultaneity, standards.simultaneityTables["gb50028-stove-water-heater"])

        let water = try XCTUnwrap(load(ScenarioFixtures.minimalWater)).scenario
        guard case .water(let w) = water.demand else { return XCTFail("expected water") }
        XCTAssertEqual(w.personsPerHousehold, standards.defaultPersonsPerHousehold)
        XCTAssertEqual(w.litresPerPersonPerDay, standards.defaultLitresPerPersonPerDay)
        XCTAssertEqual(w.peakFactor, 2.5)
        XCTAssertEqual(w.method, .peakHour)
        XCTAssertNil(w.probability)
        XCTAssertEqual(w.serviceHead, standards.defaultServiceHead)
        XCTAssertEqual(water.sources[0].headMetres, 130)

        let probability = try XCTUnwrap(
            load(edit(ScenarioFixtures.minimalWater, "  peak_factor: 2.5\n", "  method: probability\n  hours_per_day: 24\n"))
        ).scenario
        guard case .water(let p) = probability.demand else { return XCTFail("expected water") }
        XCTAssertEqual(p.method, .probability)
        XCTAssertEqual(p.probability?.hoursPerDay, 24)
        XCTAssertEqual(p.probability?.fixtureUnitsPerHousehold, standards.defaultFixtureUnitsPerHousehold)
        XCTAssertEqual(p.probability?.alphaTable.map(\.alpha), standards.probabilityAlphaTable.map(\.alpha))
    }

    // MARK: JSON

    func testJSONFilesLoadToTheSameScenarioAsYAML() throws {
        for (yaml, json) in [
            ("gas-xianning.yaml", "gas-xianning.json"), ("gas-xianning.yaml", "gas-xianning-tabs.json"),
            ("water-shifo.yaml", "water-shifo.json"),
        ] {
            let a = try ScenarioLoader.load(path: ScenarioFixtures.path(yaml))
            let b = try ScenarioLoader.load(path: ScenarioFixtures.path(json))
            assertSameContent(a.scenario, b.scenario, json)
            XCTAssertEqual(b.warnings, [])
            // Locations point into the JSON file itself.
            XCTAssertEqual(b.scenario.nodes[0].location?.file, ScenarioFixtures.path(json))
        }
    }

    func testTabIndentedJSONGoesThroughYams() throws {
        let text = try ScenarioFixtures.text("gas-xianning-tabs.json")
        XCTAssertTrue(text.contains("\n\t\t\"formula\""))
        XCTAssertEqual(try ScenarioLoader.syntaxTree(text: text, file: "t.json").parser, .yams)
        // "s-tax" is the first segment; its mapping opens on the line after `"segments": [`.
        let loaded = try ScenarioLoader.parse(text: text, file: "t.json")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"s-tax\"") }! + 1
        XCTAssertEqual(loaded.scenario.segments[0].location?.line, line - 1)
        XCTAssertEqual(loaded.scenario.segments[0].location?.column, 3, "two tabs, then '{'")
    }

    /// libyaml rejects a tab before the top-level value and surrogate-pair escapes; the fallback
    /// parser reads them, with the same line and column numbers.
    func testJSONThatLibyamlRejectsFallsBackWithLineNumbers() throws {
        let tabs = try ScenarioFixtures.text("gas-xianning-tabs.json")
        let shifted = "\t" + tabs.replacingOccurrences(of: "\"Xianning No. 79 gas connection\"", with: "\"No. 79 \\ud83d\\udd25\"")
        XCTAssertEqual(try ScenarioLoader.syntaxTree(text: shifted, file: "t.json").parser, .jsonFallback)
        let viaFallback = try ScenarioLoader.parse(text: shifted, file: "t.json")
        XCTAssertEqual(viaFallback.scenario.name, "No. 79 🔥")
        var expected = try ScenarioLoader.load(path: ScenarioFixtures.path("gas-xianning.yaml")).scenario
        expected.name = "No. 79 🔥"
        assertSameContent(expected, viaFallback.scenario, "fallback")
        let viaYams = try ScenarioLoader.parse(text: tabs, file: "t.json")
        XCTAssertEqual(
            viaFallback.scenario.segments.map(\.location?.line), viaYams.scenario.segments.map(\.location?.line))
        XCTAssertEqual(
            viaFallback.scenario.pipes.map(\.location?.column), viaYams.scenario.pipes.map(\.location?.column))

        // A validation error in a fallback-parsed file points at the right line and column.
        let bad = shifted.replacingOccurrences(of: "\"surface\": \"verge\"", with: "\"surface\": \"vrege\"")
        let found = findings(bad)
        let line = bad.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"vrege\"") }! + 1
        let f = only("unbuildable-segment", in: found)
        XCTAssertEqual(f?.location?.line, line)
        XCTAssertEqual(f?.location?.column, 15, "three tabs + \"surface\": ")
        XCTAssertEqual(f?.subject, "s-gate-b1")
        XCTAssertTrue(f?.fix?.contains("Did you mean 'verge'?") ?? false)
    }

    func testDuplicateJSONKeysAreReportedAsFindings() throws {
        let json = """
            {
              "connplan": 1, "name": "dup", "utility": "gas",
              "name": "again"
            }
            """
        let found = findings(json)
        let dup = only("duplicate-key", in: found)
        XCTAssertEqual(dup?.location?.line, 3)
        XCTAssertEqual(dup?.location?.column, 3)
    }

    func testJSONSyntaxErrorIsUnreadableWithLine() {
        let json = "\t{\n  \"connplan\": 1,\n  \"name\": tru\n}"
        XCTAssertThrowsError(try ScenarioLoader.parse(text: json, file: "x.json")) { error in
            guard case ScenarioError.unreadable(let file, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "x.json")
            XCTAssertTrue(reason.contains("line 3, column 11"), reason)
        }
    }

    // MARK: Helpers

    private func loc(_ file: String, _ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// Same scenario apart from where things were written.
    private func assertSameContent(_ a: Scenario, _ b: Scenario, _ label: String, line: UInt = #line) {
        func clear<T>(_ items: [T], _ path: WritableKeyPath<T, SourceLocation?>) -> [T] {
            items.map {
                var x = $0
                x[keyPath: path] = nil
                return x
            }
        }
        XCTAssertEqual(a.name, b.name, label, line: line)
        XCTAssertEqual(a.description, b.description, label, line: line)
        XCTAssertEqual(a.utility, b.utility, label, line: line)
        XCTAssertEqual(a.demand, b.demand, label, line: line)
        XCTAssertEqual(clear(a.nodes, \.location), clear(b.nodes, \.location), label, line: line)
        XCTAssertEqual(clear(a.compounds, \.location), clear(b.compounds, \.location), label, line: line)
        XCTAssertEqual(clear(a.buildings, \.location), clear(b.buildings, \.location), label, line: line)
        XCTAssertEqual(clear(a.households, \.location), clear(b.households, \.location), label, line: line)
        XCTAssertEqual(clear(a.owners, \.location), clear(b.owners, \.location), label, line: line)
        XCTAssertEqual(clear(a.sources, \.location), clear(b.sources, \.location), label, line: line)
        XCTAssertEqual(clear(a.pipes, \.location), clear(b.pipes, \.location), label, line: line)
        XCTAssertEqual(clear(a.segments, \.location), clear(b.segments, \.location), label, line: line)
        XCTAssertEqual(clear(a.nodeDemands, \.location), clear(b.nodeDemands, \.location), label, line: line)
        XCTAssertEqual(a.householdCosts, b.householdCosts, label, line: line)
    }
}
