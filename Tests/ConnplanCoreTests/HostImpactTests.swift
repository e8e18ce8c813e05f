// SPDX-License-Identifier: GPL-3.0-or-later

import XCTest

@testable import ConnplanCore

/// The neighbour impact statement against cases worked by hand from the closed-form formulas
/// (Renouard for gas, Hazen-Williams for water; docs/background/neighbour-impact.md).
final class HostImpactTests: XCTestCase {
    /// Gas properties with round numbers: d = 0.6 for Renouard, ρ = 0.75 and ρ_air = 1.293 for buoyancy.
    let gas = GasProperties(
        densityKilogramsPerCubicMetre: 0.75, relativeDensity: 0.6, kinematicViscositySquareMetresPerSecond: 1.43e-5,
        airDensityKilogramsPerCubicMetre: 1.293)

    func gasScenario(host: HostNetwork, sourcePressure: Double = 2.3, spare: Double? = 10, tieInElevation: Double = 50) throws -> Scenario {
        let standards = try Standards.load()
        let table = try XCTUnwrap(standards.simultaneityTables["gb50028-stove-water-heater"])
        return Scenario(
            name: "host", utility: .gas,
            nodes: [
                Node(id: "T", xMetres: 0, yMetres: 0, elevationMetres: tieInElevation),
                Node(id: "B", xMetres: 10, yMetres: 0, elevationMetres: 50),
            ],
            compounds: [Compound(id: "C", name: "C", buildingIDs: ["B1"])],
            buildings: [Building(id: "B1", compoundID: "C", nodeID: "B", floors: 3, households: 20)],
            segments: [Segment(id: "E", fromNodeID: "T", toNodeID: "B", lengthMetres: 10, surface: "verge")], pipes: [],
            sources: [
                Source(
                    id: "S", name: "Riser", nodeID: "T", ownerID: "nb", pressureKilopascals: sourcePressure,
                    spareCapacityCubicMetresPerHour: spare, host: host)
            ],
            owners: [Owner(id: "nb", name: "Neighbour", consent: .pending)],
            demand: .gas(
                GasDemand(
                    applianceLoadsCubicMetresPerHour: ["stove": 0.8, "water_heater": 2.0], simultaneity: table,
                    minPressureKilopascals: 1.7, formula: .renouard, gas: gas)))
    }

    /// A fixed host design flow of 20 m³/h and a plan drawing 5 m³/h: the groups are added (25 m³/h).
    /// Renouard, Δp[mbar] = 23200·d·L·Q^1.82·D^-4.82 with d = 0.6, L = 100 m, D = 50 mm:
    ///   Q = 20: 2.1013 mbar = 210.125 Pa;  Q = 25: 3.1539 mbar = 315.395 Pa.
    /// Worst household at the upstream elevation, 0.1 kPa internal loss, 2.5 kPa upstream:
    ///   before 2.5 − 0.210125 − 0.1 = 2.189875 kPa;  after 2.5 − 0.315395 − 0.1 = 2.084605 kPa.
    func testFixedDesignFlowAddsTheGroupsRenouard() throws {
        let host = HostNetwork(
            households: 60, demand: .designFlow(cubicMetresPerHour: 20),
            servicePipe: .init(
                lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.01, upstreamPressureKilopascals: 2.5),
            worstHousehold: .init(elevationMetres: 50, internalLoss: 0.1))
        let s = try gasScenario(host: host)
        let i = try XCTUnwrap(HostHydraulics.impact(source: s.sources[0], scenario: s, planHouseholds: 20, planFlowCubicMetresPerHour: 5))
        XCTAssertEqual(i.flowRule, .sumOfGroups)
        XCTAssertEqual(i.hostFlowCubicMetresPerHour, 20, accuracy: 1e-12)
        XCTAssertEqual(i.flowAfterCubicMetresPerHour, 25, accuracy: 1e-12)
        XCTAssertEqual(i.worstBefore, 2.1898746709775256, accuracy: 1e-9)
        XCTAssertEqual(i.worstAfter, 2.08460512633365, accuracy: 1e-9)
        XCTAssertEqual(i.drop, 0.10526954464387, accuracy: 1e-9)
        XCTAssertEqual(i.dropFraction, 0.10526954464387 / 2.1898746709775256, accuracy: 1e-12)
        XCTAssertEqual(i.minimum, 1.7)
        XCTAssertEqual(i.marginAfter, 2.08460512633365 - 1.7, accuracy: 1e-9)
        XCTAssertTrue(i.meetsMinimumAfter)
        XCTAssertEqual(try XCTUnwrap(i.shareOfSpareCapacity), 0.5, accuracy: 1e-12)  // 5 of 10 m³/h
        // At the tie-in (no internal loss there): 2.5 − 0.315395 = 2.184605 kPa < 2.3 assumed by the source.
        XCTAssertEqual(i.tieInAfter, 2.18460512633365, accuracy: 1e-9)
        XCTAssertTrue(i.tieInBelowAssumption)
        // Velocity v = Q/A: 20/3600 / (π·0.05²/4) = 2.8294 m/s.
        XCTAssertEqual(i.velocityBeforeMetresPerSecond, 20 / 3600 / (Double.pi * 0.05 * 0.05 / 4), accuracy: 1e-12)
    }

    /// Headroom: the extra flow at which the worst household reaches its minimum exactly.
    /// Renouard inverted by hand: 2.5 − 0.1 − 1.7 = 0.7 kPa = 7 mbar of friction allowed, so
    /// Q* = (7 / (23200·0.6·100·50^-4.82))^(1/1.82), and headroom = Q* − 20.
    func testHydraulicHeadroomInvertsTheLossFormula() throws {
        let host = HostNetwork(
            households: 60, demand: .designFlow(cubicMetresPerHour: 20),
            servicePipe: .init(
                lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.01, upstreamPressureKilopascals: 2.5),
            worstHousehold: .init(elevationMetres: 50, internalLoss: 0.1))
        let s = try gasScenario(host: host, spare: nil)
        let i = try XCTUnwrap(HostHydraulics.impact(source: s.sources[0], scenario: s, planHouseholds: 20, planFlowCubicMetresPerHour: 5))
        let qStar = pow(7 / (23200 * 0.6 * 100 * pow(50, -4.82)), 1 / 1.82)
        XCTAssertEqual(i.hydraulicHeadroomCubicMetresPerHour, qStar - 20, accuracy: 1e-6)
        XCTAssertNil(i.shareOfSpareCapacity, "no declared spare capacity")
        XCTAssertEqual(try XCTUnwrap(i.shareOfHydraulicHeadroom), 5 / (qStar - 20), accuracy: 1e-6)
    }

    /// Households like the compound's: one simultaneity for all. With the bundled GB 50028 table
    /// (stove + water heater, 2.8 m³/h per household; rows 40: 0.18, 50: 0.178, 60: 0.176, 70: 0.174):
    ///   k(48) = 0.18 + 0.8·(0.178 − 0.18) = 0.1784, Q = 48·0.1784·2.8 = 23.97696 m³/h;
    ///   k(68) = 0.176 + 0.8·(0.174 − 0.176) = 0.1744, Q = 68·0.1744·2.8 = 33.20576 m³/h,
    /// less than 23.97696 + 11.76 (the plan's own design flow for 20 households, k(20) = 0.21).
    /// Buoyancy: the worst household 6 m above the upstream point gains 9.80665·(1.293 − 0.75)·6 = 31.950 Pa.
    func testSameKindOfHouseholdsUsesCombinedSimultaneityAndBuoyancy() throws {
        let host = HostNetwork(
            households: 48,
            servicePipe: .init(
                lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.01, upstreamPressureKilopascals: 2.5,
                upstreamElevationMetres: 44),
            worstHousehold: .init(elevationMetres: 50, internalLoss: 0))
        let s = try gasScenario(host: host)
        let planFlow = DesignFlow.householdsFlowCubicMetresPerHour(households: 20, demand: s.demand)
        XCTAssertEqual(planFlow, 11.76, accuracy: 1e-9)
        let i = try XCTUnwrap(
            HostHydraulics.impact(source: s.sources[0], scenario: s, planHouseholds: 20, planFlowCubicMetresPerHour: planFlow))
        XCTAssertEqual(i.flowRule, .combinedSimultaneity)
        XCTAssertEqual(i.hostFlowCubicMetresPerHour, 23.97696, accuracy: 1e-9)
        XCTAssertEqual(i.flowAfterCubicMetresPerHour, 33.20576, accuracy: 1e-9)
        func renouardPa(_ q: Double) -> Double { 23200 * 0.6 * 100 * pow(q, 1.82) * pow(50, -4.82) * 100 }
        let gain = 9.80665 * (1.293 - 0.75) * 6
        XCTAssertEqual(gain, 31.950065699999996, accuracy: 1e-9)
        XCTAssertEqual(i.worstBefore, 2.5 - renouardPa(23.97696) / 1000 + gain / 1000, accuracy: 1e-9)
        XCTAssertEqual(i.worstAfter, 2.5 - renouardPa(33.20576) / 1000 + gain / 1000, accuracy: 1e-9)
        // At the tie-in, 6 m above the upstream point like the worst household here.
        XCTAssertEqual(i.tieInAfter, i.worstAfter, accuracy: 1e-12)
    }

    /// Water, Hazen-Williams h = 10.667·C^-1.852·D^-4.871·L·Q^1.852 (SI, Q in m³/s), C = 120,
    /// D = 0.1 m, L = 200 m: Q = 30 m³/h loses 3.153443 m, Q = 45 m³/h loses 6.681992 m.
    /// Upstream total head 140 m, worst inlet at 100 m with 0.5 m internal loss:
    ///   before 140 − 3.153443 − 100 − 0.5 = 36.346557 m; after 32.818008 m. Six storeys: 28 m minimum.
    func testWaterHazenWilliams() throws {
        let demand = WaterDemand(
            personsPerHousehold: 3, litresPerPersonPerDay: 180, peakFactor: 2.5,
            serviceHead: ServiceHeadRule(firstFloorMetres: 10, secondFloorMetres: 12, perExtraFloorMetres: 4))
        let host = HostNetwork(
            households: 100, demand: .designFlow(cubicMetresPerHour: 30),
            servicePipe: .init(lengthMetres: 200, innerDiameterMillimetres: 100, hazenWilliamsC: 120, upstreamHeadMetres: 140),
            worstHousehold: .init(elevationMetres: 100, internalLoss: 0.5, floors: 6))
        let s = Scenario(
            name: "w", utility: .water, nodes: [Node(id: "T", xMetres: 0, yMetres: 0, elevationMetres: 101)], compounds: [], buildings: [],
            segments: [], pipes: [],
            sources: [Source(id: "S", name: "Estate pipe", nodeID: "T", ownerID: "nb", headMetres: 135, host: host)],
            owners: [Owner(id: "nb", name: "Estate", consent: .granted)], demand: .water(demand))
        let i = try XCTUnwrap(HostHydraulics.impact(source: s.sources[0], scenario: s, planHouseholds: 50, planFlowCubicMetresPerHour: 15))
        XCTAssertEqual(i.flowRule, .sumOfGroups)
        XCTAssertEqual(i.worstBefore, 36.346557217281486, accuracy: 1e-8)
        XCTAssertEqual(i.worstAfter, 32.81800775657845, accuracy: 1e-8)
        XCTAssertEqual(i.minimum, 28)  // 12 + 4·4 (GB 50013 rule as data)
        // Tie-in at 101 m: 140 − 6.681992 − 101 = 32.318008 m of head, below the 34 m the source states.
        XCTAssertEqual(i.tieInAfter, 140 - 6.681992243421541 - 101, accuracy: 1e-8)
        XCTAssertEqual(try XCTUnwrap(i.tieInAssumed), 34, accuracy: 1e-12)
        XCTAssertTrue(i.tieInBelowAssumption)
    }

    func testAHostAlreadyBelowItsMinimumHasNoHeadroom() throws {
        let host = HostNetwork(
            households: 60, demand: .designFlow(cubicMetresPerHour: 20),
            servicePipe: .init(
                lengthMetres: 100, innerDiameterMillimetres: 50, roughnessMillimetres: 0.01, upstreamPressureKilopascals: 1.8),
            worstHousehold: .init(elevationMetres: 50, internalLoss: 0.1, minPressureKilopascals: 1.7))
        let s = try gasScenario(host: host)
        let i = try XCTUnwrap(HostHydraulics.impact(source: s.sources[0], scenario: s, planHouseholds: 20, planFlowCubicMetresPerHour: 5))
        XCTAssertLessThan(i.worstBefore, 1.7)
        XCTAssertEqual(i.hydraulicHeadroomCubicMetresPerHour, 0)
        XCTAssertNil(i.shareOfHydraulicHeadroom)
        XCTAssertFalse(i.meetsMinimumAfter)
    }

    func testNoHostNoImpact() throws {
        var s = try gasScenario(
            host: HostNetwork(
                households: 1, servicePipe: .init(lengthMetres: 1, innerDiameterMillimetres: 50, upstreamPressureKilopascals: 2),
                worstHousehold: .init(elevationMetres: 0)))
        s.sources[0].host = nil
        XCTAssertNil(HostHydraulics.impact(source: s.sources[0], scenario: s, planHouseholds: 20, planFlowCubicMetresPerHour: 5))
    }
}
