// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// A source's `host` block: what it reads, its defaults, and every problem with its location.
final class ScenarioHostTests: XCTestCase {
    let gasSource = "  - {id: s1, name: Riser, node: src, owner: nb, pressure_kpa: 3}\n"
    let waterSource = "  - {id: s1, name: DN300 main, node: src, owner: wc, pressure_head_m: 30}\n"

    /// `minimalGas` with `host` lines added to source s1 (block style, starting on line 18).
    func gas(_ hostLines: String) -> String {
        edit(
            ScenarioFixtures.minimalGas, gasSource,
            """
              - id: s1
                name: Riser
                node: src
                owner: nb
                pressure_kpa: 3
                host:
            \(hostLines)

            """)
    }

    func water(_ hostLines: String) -> String {
        edit(
            ScenarioFixtures.minimalWater, waterSource,
            """
              - id: s1
                name: Estate pipe
                node: src
                owner: wc
                pressure_head_m: 30
                host:
            \(hostLines)

            """)
    }

    let gasHost = """
              households: 48
              service_pipe: {length_m: 85, inner_diameter_mm: 51.4, roughness_mm: 0.01, upstream_pressure_kpa: 3.3}
              worst_household: {elevation_m: 1.5, internal_loss_kpa: 0.15}
        """

    func testGasHostWithDefaults() throws {
        let loaded = try XCTUnwrap(load(gas(gasHost)))
        XCTAssertEqual(loaded.warnings, [])
        let host = try XCTUnwrap(loaded.scenario.sources[0].host)
        XCTAssertEqual(host.households, 48)
        XCTAssertEqual(host.demand, .sameAsScenario)
        XCTAssertEqual(host.servicePipe.lengthMetres, 85)
        XCTAssertEqual(host.servicePipe.innerDiameterMillimetres, 51.4)
        XCTAssertEqual(host.servicePipe.roughnessMillimetres, 0.01)
        XCTAssertEqual(host.servicePipe.upstreamPressureKilopascals, 3.3)
        XCTAssertNil(host.servicePipe.upstreamElevationMetres, "defaults to the tie-in node's elevation")
        XCTAssertEqual(host.worstHousehold.elevationMetres, 1.5)
        XCTAssertEqual(host.worstHousehold.internalLoss, 0.15)
        XCTAssertNil(host.worstHousehold.minPressureKilopascals, "defaults to the demand section's minimum")
        XCTAssertEqual(host.location?.line, 23)
    }

    func testGasHostOwnAppliancesAndDesignFlow() throws {
        let own = try XCTUnwrap(load(gas(gasHost + "\n      demand: {appliances_m3_h: {stove: 0.8}}")))
        guard case .gasAppliances(let loads, let table)? = own.scenario.sources[0].host?.demand else {
            return XCTFail("expected the host's own appliances")
        }
        XCTAssertEqual(loads, ["stove": 0.8])
        XCTAssertEqual(table.name, "gb50028-stove", "default table by appliance names, as in the main demand section")

        let flow = try XCTUnwrap(load(gas(gasHost + "\n      design_flow_l_s: 5")))
        XCTAssertEqual(flow.scenario.sources[0].host?.demand, .designFlow(cubicMetresPerHour: 18))
    }

    func testWaterHost() throws {
        let loaded = try XCTUnwrap(
            load(
                water(
                    """
                          households: 120
                          demand: {persons_per_household: 2.5}
                          service_pipe: {length_m: 60, inner_diameter_mm: 100, hazen_williams_c: 120, upstream_head_m: 140}
                          worst_household: {elevation_m: 101, floors: 6}
                    """)))
        let host = try XCTUnwrap(loaded.scenario.sources[0].host)
        guard case .water(let w) = host.demand else { return XCTFail("expected the host's own water demand") }
        XCTAssertEqual(w.personsPerHousehold, 2.5)
        XCTAssertEqual(host.servicePipe.hazenWilliamsC, 120)
        XCTAssertEqual(host.servicePipe.upstreamHeadMetres, 140)
        XCTAssertEqual(host.worstHousehold.floors, 6)
        XCTAssertEqual(HostHydraulics.minimum(host, scenarioDemand: loaded.scenario.demand), 28)
    }

    /// Every problem in host blocks at once, each at its own line and column, with the source as subject.
    func testEveryHostProblemIsReportedWithItsLocation() {
        let text = gas(
            """
                      households: 0
                      demand: {appliances_m3_h: {stove: 0.8}}
                      design_flow_m3_h: 20
                      service_pipe: {length_m: 85, inner_diameter_mm: 51.4, hazen_williams_c: 120, upstream_pressure_kpa: 12}
                      worst_household: {elevaton_m: 1.5}
            """)
        let f = findings(text)
        XCTAssertEqual(
            errors(f).map { "\($0.location!.line):\($0.location!.column) \($0.code)" },
            [
                "23:23 out-of-range",  // households: 0
                "25:11 conflicting-keys",  // demand and design_flow_m3_h
                "26:25 missing-key",  // no roughness_mm
                "26:65 wrong-utility",  // hazen_williams_c in gas
                "26:111 out-of-range",  // 12 kPa is not low pressure
                "27:28 missing-key",  // no elevation_m
                "27:29 unknown-key",  // elevaton_m
            ], f.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(errors(f).allSatisfy { $0.subject == "s1" && !($0.fix ?? "").isEmpty })
        XCTAssertEqual(f.first { $0.code == "unknown-key" }?.fix, "Did you mean 'elevation_m'?")
    }

    func testWaterWorstHouseholdNeedsMinimumOrFloors() {
        let f = findings(
            water(
                """
                      households: 10
                      service_pipe: {length_m: 60, inner_diameter_mm: 100, hazen_williams_c: 120, upstream_head_m: 140}
                      worst_household: {elevation_m: 101, min_pressure_kpa: 1.5}
                """))
        XCTAssertEqual(Set(errors(f).map(\.code)), ["missing-key", "wrong-utility"], f.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(errors(f).contains { $0.message.contains("neither its minimum head nor its storeys") })
    }

    func testHostOnARegulatedSourceIsRejected() {
        let text = edit(
            gas(gasHost), "pressure_kpa: 3\n", "pressure_kpa: 150\n    regulator: {cost_cny: 28000, outlet_pressure_kpa: 2.8}\n")
        let f = findings(text)
        only("host-on-regulated-source", in: f)
    }

    func testHostDataInconsistentWithTheSourceWarns() throws {
        // 48 households through 85 m of 26.2 mm pipe lose far more than 3.3 − 3 kPa: the tie-in cannot have 3 kPa.
        let loaded = try XCTUnwrap(load(gas(gasHost.replacingOccurrences(of: "51.4", with: "26.2"))))
        XCTAssertEqual(Set(loaded.warnings.map(\.code)), ["host-tie-in-pressure", "host-below-minimum"])
    }

    func testHostMustBeAMapping() {
        let text = edit(ScenarioFixtures.minimalGas, "pressure_kpa: 3}", "pressure_kpa: 3, host: yes}")
        let f = findings(text)
        XCTAssertEqual(only("wrong-type", in: f)?.location?.line, 17)
    }
}
