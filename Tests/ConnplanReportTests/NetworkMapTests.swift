// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import ConnplanPlanner
import TestSupport
import XCTest

@testable import ConnplanReport

final class NetworkMapTests: XCTestCase {
    func testScaleBarIsTheLargestRoundLengthThatFits() {
        // 1, 2 or 5 × 10ⁿ metres, at most the allowed length, and the next round length would not fit.
        for unitsPerMetre in [0.013, 0.5, 1, 2.2, 4.3, 6.3, 9.7, 33, 480] {
            let m = NetworkMap.roundScaleLength(maxUnits: 150, unitsPerMetre: unitsPerMetre)
            let limit = 150 / unitsPerMetre
            XCTAssertLessThanOrEqual(m, limit * (1 + 1e-12), "\(unitsPerMetre)")
            XCTAssertGreaterThan(m * 2.5, limit, "\(unitsPerMetre): a longer round length would fit")
            let mantissa = m / pow(10, floor(log10(m) + 1e-9))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "\(m) is not 1, 2 or 5 × 10ⁿ")
        }
        XCTAssertEqual(NetworkMap.roundScaleLength(maxUnits: 150, unitsPerMetre: 6.3), 20)
        XCTAssertEqual(NetworkMap.lengthText(20), "20 m")
        XCTAssertEqual(NetworkMap.lengthText(2000), "2 km")
        XCTAssertEqual(NetworkMap.lengthText(0.5), "0.5 m")
    }

    /// Every label lies inside the view box (nothing is clipped) and no two labels overlap, on the
    /// bundled scenarios and on random ones (with the estimated text widths; the browser test
    /// checks the real ones).
    func testLabelsFitInsideTheViewBoxAndDoNotOverlap() throws {
        var drawings: [(String, NetworkMap.Drawing)] = []
        for name in ["compound-79-gas.yaml", "shifo-water.yaml"] {
            let input = try ReportFixtures.bundled(name)
            drawings.append((name, NetworkMap(scenario: input.scenario, plan: input.result.plan).draw()))
        }
        let standards = try Standards.load()
        for seed in UInt64(1)...40 {
            let scenario = RandomScenarios.small(seed: seed, utility: seed % 2 == 0 ? .gas : .water, standards: standards)
            let plan = try RoutePlanner(scenario: scenario).plan().plan
            drawings.append(("seed \(seed)", NetworkMap(scenario: scenario, plan: plan).draw()))
        }
        for (name, d) in drawings {
            XCTAssertFalse(d.labelBoxes.isEmpty, name)
            for b in d.labelBoxes {
                XCTAssertTrue(
                    b.minX >= d.viewBox.minX && b.maxX <= d.viewBox.maxX && b.minY >= d.viewBox.minY && b.maxY <= d.viewBox.maxY,
                    "\(name): label \(b) outside the view box \(d.viewBox)")
            }
            for (i, a) in d.labelBoxes.enumerated() {
                for b in d.labelBoxes[(i + 1)...] where a.intersects(b) { XCTFail("\(name): labels overlap: \(a) and \(b)") }
            }
            XCTAssertGreaterThanOrEqual(d.viewBox.width, NetworkMap.minimumWidth - 1e-9, name)
            XCTAssertLessThanOrEqual(
                d.viewBox.height, d.viewBox.width * NetworkMap.maximumAspect + 1e-9, "\(name): too tall for one A4 page")
        }
    }

    func testMapDrawsEachKindOfSegmentDistinctly() throws {
        let input = try ReportFixtures.bundled("compound-79-gas.yaml")
        let svg = NetworkMap(scenario: input.scenario, plan: input.result.plan).html.markup
        // Chosen: X-TEL, C-B1-WEST, C-B2-WEST (thick, coloured); refused: X-TAX (dashed red); pending land: telecom and estate.
        for id in ["X-TEL", "C-B1-WEST", "C-B2-WEST"] {
            XCTAssertNotNil(svg.firstMatch(of: try Regex("<line [^>]*data-segment=\"\(id)\" class=\"chosen\"")), id)
        }
        XCTAssertNotNil(svg.firstMatch(of: #/stroke="#C0001A" stroke-width="2.2" stroke-dasharray="7 4" data-segment="X-TAX"/#))
        XCTAssertEqual(svg.matches(of: #/stroke="#F2B134"[^>]*data-segment=/#).count, 2, "telecom's and the estate's land is pending")
        XCTAssertTrue(svg.contains(">20 m</text>"), "scale bar of a round length")
        XCTAssertTrue(svg.contains("class=\"north-arrow\""))
        for label in ["S-TEL", "S-TAX", "S-ESTATE", "S-MAIN", "B1", "B2", "10 households", "consent refused"] {
            XCTAssertTrue(svg.contains(">\(label)</text>"), label)
        }
        XCTAssertTrue(svg.contains("owner refused consent (cannot be used)"), "legend entry for refused land")
    }

    func testWithoutCoordinatesTheMapIsSchematicAndDeterministic() throws {
        var scenario = try ReportFixtures.bundled("compound-79-gas.yaml").scenario
        scenario.nodes = scenario.nodes.map {
            var n = $0
            n.xMetres = nil
            n.yMetres = nil
            return n
        }
        let layout = MapLayout(scenario: scenario)
        XCTAssertFalse(layout.toScale)
        XCTAssertEqual(layout.nodesWithoutCoordinates.count, scenario.nodes.count)
        XCTAssertEqual(Set(layout.positions.values).count, scenario.nodes.count, "every node has its own place")
        // Sources are in the first layer.
        for s in scenario.sources { XCTAssertEqual(layout.positions[s.nodeID]?.x, 0, s.id) }
        let a = NetworkMap(scenario: scenario, plan: nil).html.markup
        let b = NetworkMap(scenario: scenario, plan: nil).html.markup
        XCTAssertEqual(a, b)
        XCTAssertTrue(a.contains("Schematic, not to scale"))
        XCTAssertFalse(a.contains("scale-bar"))
        XCTAssertFalse(a.contains("north-arrow"))
    }
}
