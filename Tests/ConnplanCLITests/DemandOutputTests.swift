// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import XCTest

/// Explicit `demands` in the output of `connplan plan`: each one's head, with or without a
/// minimum, in text and JSON, and the warning when a demand without a minimum ends below
/// atmospheric pressure (the cheapest plan may lose all the head it likes on the way there).
final class DemandOutputTests: CLITestCase {
    /// A building next to the source, a demand without a minimum behind 200 m of the thinnest
    /// pipe (it ends about 15 m below ground), and a demand with a minimum head.
    private static let scenario = """
        connplan: 1
        name: explicit demands
        utility: water
        demand:
          persons_per_household: 3.0
          litres_per_person_day: 180
          peak_factor: 2.5
          method: peak_hour
          service_head: {first_floor_m: 10, second_floor_m: 12, per_extra_floor_m: 4}
        nodes:
          - {id: SRC, elevation_m: 100}
          - {id: A, elevation_m: 100}
          - {id: B, elevation_m: 100}
          - {id: TAP, elevation_m: 100}
          - {id: KIOSK, elevation_m: 100}
        compounds:
          - id: C
            name: C
            buildings:
              - {id: B1, node: A, floors: 2, households: 4}
        owners:
          - {id: co, name: Water company, consent: granted}
        sources:
          - {id: S, name: Main, node: SRC, owner: co, pressure_head_m: 13, tie_in_cost_cny: 1000}
        pipes:
          - {id: small, material: PE, dn: 20, inner_diameter_mm: 16, hazen_williams_c: 140, max_velocity_m_s: 3.0, cost_per_m_cny: {verge: 100}}
          - {id: big, material: PE, dn: 63, inner_diameter_mm: 55.4, hazen_williams_c: 140, max_velocity_m_s: 3.0, cost_per_m_cny: {verge: 300}}
        segments:
          - {id: S-A, from: SRC, to: A, length_m: 10, surface: verge}
          - {id: S-B, from: SRC, to: B, length_m: 10, surface: verge}
          - {id: B-T, from: B, to: TAP, length_m: 200, surface: verge}
          - {id: A-K, from: A, to: KIOSK, length_m: 20, surface: verge}
        demands:
          - {node: TAP, flow_m3_h: 0.9}
          - {node: KIOSK, flow_m3_h: 0.3, min_head_m: 5}
        """

    func testTextListsEveryDemandAndWarnsBelowAtmospheric() throws {
        let path = try writeTemporaryScenario("demands.yaml", Self.scenario)
        let r = try connplan("plan", path)
        XCTAssertEqual(r.status, Exit.planFound, r.summary)
        let text = r.stdoutText
        XCTAssertTrue(text.contains("Pressure head at explicit demands (m above ground)"), text)
        let rows = text.split(separator: "\n").map(String.init)
        let tap = try XCTUnwrap(rows.first { $0.hasPrefix("  TAP ") }, text)
        XCTAssertTrue(tap.contains("none"), tap)
        XCTAssertTrue(tap.contains("-15."), "TAP's head is about 15 m below ground: \(tap)")
        let kiosk = try XCTUnwrap(rows.first { $0.hasPrefix("  KIOSK ") }, text)
        XCTAssertTrue(kiosk.contains("5.00"), kiosk)
        XCTAssertTrue(text.contains("TAP: below atmospheric pressure at the design flow"), text)
        XCTAssertFalse(text.contains("KIOSK: below atmospheric"), text)
    }

    func testJSONListsEveryDemandWithItsHeadAndMinimum() throws {
        let path = try writeTemporaryScenario("demands.yaml", Self.scenario)
        let plan = try planJSON([path])
        let demands = try plan.objects("demands")
        XCTAssertEqual(demands.map { $0["node"] as? String }, ["TAP", "KIOSK"], "one object per demand, in scenario order")
        let tap = demands[0]
        XCTAssertEqual(tap["flow_m3_h"] as? Double, 0.9)
        XCTAssertTrue(tap["required"] is NSNull, "\(tap)")
        XCTAssertTrue(tap["margin"] is NSNull, "\(tap)")
        XCTAssertLessThan(try XCTUnwrap(tap["head_m"] as? Double), -10, "\(tap)")
        let kiosk = demands[1]
        let head = try XCTUnwrap(kiosk["head_m"] as? Double)
        XCTAssertEqual(kiosk["required"] as? Double, 5)
        XCTAssertEqual(try XCTUnwrap(kiosk["margin"] as? Double), head - 5, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(head, 5 - 1e-7, "a demand with a minimum must meet it")
        XCTAssertEqual(kiosk["source"] as? String, "S")
    }

    func testBundledScenariosHaveAnEmptyDemandsList() throws {
        XCTAssertEqual(try planJSON([Self.shifo]).objects("demands").count, 0)
    }
}
