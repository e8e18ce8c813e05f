// SPDX-License-Identifier: GPL-3.0-or-later

import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import Foundation
import XCTest

@testable import ConnplanReport

final class ReportBuilderTests: XCTestCase {
    func testSectionsOfAPlan() throws {
        let doc = ReportBuilder(try ReportFixtures.bundled("compound-79-gas.yaml")).document()
        XCTAssertEqual(doc.sectionIDs, [.keyFigures, .map, .route, .service, .quantities, .consents, .costShare, .findings, .howToRead])
        XCTAssertEqual(doc.banner?.tone, .warning, "the plan relies on the telecom site's pending consent")
    }

    func testKeyFiguresComeFromThePlanAndTheCostShare() throws {
        let input = try ReportFixtures.bundled("compound-79-gas.yaml")
        let plan = try XCTUnwrap(input.result.plan)
        let share = try XCTUnwrap(input.costShare)
        let html = ReportBuilder(input).document().render()
        func figure(_ key: String) -> String? {
            html.firstMatch(of: try! Regex("data-figure=\"\(key)\"><div class=\"label\">[^<]*</div><div class=\"value\">([^<]*)</div>"))
                .map { String($0.output[1].substring ?? "") }
        }
        XCTAssertEqual(figure("total-cost"), MoneyText.cny(plan.costs.totalFen) + " CNY")
        XCTAssertEqual(figure("households"), String(plan.households))
        XCTAssertEqual(figure("sources"), plan.route.sourceIDs.joined(separator: ", "))
        XCTAssertEqual(figure("households-pay"), MoneyText.cny(share.householdsTotalFen) + " CNY")
        XCTAssertEqual(figure("smallest-margin"), String(format: "%.3f kPa", plan.smallestMargin ?? .nan))
        XCTAssertEqual(figure("consents"), "1 of 1 PENDING")
        // The bundled case: 55,947.45 CNY for 20 households (docs/tutorial.md).
        XCTAssertEqual(figure("total-cost"), "55,947.45 CNY")
    }

    /// Every money column of the household table sums to its totals row, to the fen; the payments sum
    /// to the cost-share plan's household total; and the route table's costs sum to the pipes' cost.
    func testTotalsRowsAreTheSumsOfTheRows() throws {
        for name in ["compound-79-gas.yaml", "shifo-water.yaml"] {
            let input = try ReportFixtures.bundled(name)
            let html = ReportBuilder(input).document().render()
            let share = try XCTUnwrap(input.costShare)
            let t = try XCTUnwrap(ReportFixtures.table(html, class: "households"), name)
            XCTAssertEqual(t.body.count, share.households.count, name)
            XCTAssertEqual(t.footer.count, 1, name)
            let footer = t.footer[0]
            for column in [4, 5, 6, 7, 9, 11, 12, 13] {
                let sum = t.body.reduce(0) { $0 + (ReportFixtures.fen($1[column]) ?? 0) }
                XCTAssertEqual(ReportFixtures.fen(footer[column]), sum, "\(name): column \(column)")
            }
            XCTAssertEqual(ReportFixtures.fen(footer[9]), share.householdsTotalFen, "\(name): households pay")
            XCTAssertEqual(footer[1], "\(share.households.count) households")

            let route = try XCTUnwrap(ReportFixtures.table(html, class: "route") ?? firstTable(after: "id=\"route\"", in: html), name)
            let plan = try XCTUnwrap(input.result.plan)
            XCTAssertEqual(route.body.count, plan.segments.count)
            XCTAssertEqual(ReportFixtures.fen(route.footer[0][10]), route.body.reduce(0) { $0 + (ReportFixtures.fen($1[10]) ?? 0) })
            XCTAssertEqual(ReportFixtures.fen(route.footer[0][10]), plan.costs.pipesFen)
        }
    }

    func firstTable(after marker: String, in html: String) -> (body: [[String]], footer: [[String]])? {
        guard let r = html.range(of: marker) else { return nil }
        let rest = String(html[r.upperBound...]).replacingOccurrences(of: "<table>", with: "<table class=\"found\">")
        return ReportFixtures.table(rest, class: "found")
    }

    func testWithoutAPlanTheReportExplainsWhy() throws {
        var loaded = try ScenarioLoader.load(path: ReportFixtures.path("compound-79-gas.yaml"))
        loaded.scenario.owners = loaded.scenario.owners.map {
            var o = $0
            o.consent = .refused
            return o
        }
        let input = try ReportFixtures.input(loaded)
        XCTAssertNil(input.result.plan)
        let doc = ReportBuilder(input).document()
        XCTAssertEqual(doc.sectionIDs, [.keyFigures, .noPlan, .map, .consents, .findings, .howToRead])
        XCTAssertEqual(doc.banner?.tone, .bad)
        let html = doc.render()
        XCTAssertTrue(html.contains("INFEASIBLE"))
        for f in input.result.diagnosis {
            XCTAssertTrue(html.contains(HTML(text: f.message).markup), f.message)
            if let fix = f.fix { XCTAssertTrue(html.contains(HTML(text: fix).markup), fix) }
        }
        XCTAssertTrue(html.contains("There is no plan: the map shows the candidate network only."))
        XCTAssertFalse(html.contains("class=\"chosen\""))
    }

    /// Scenario strings reach the report only escaped: a name, ids and a description full of markup
    /// leave no element behind.
    func testHostileScenarioStringsAreEscaped() throws {
        let hostile = #"<script>alert('x')</script><img src="http://example.com/x.png">&"#
        var loaded = try ScenarioLoader.load(path: ReportFixtures.path("compound-79-gas.yaml"))
        var s = loaded.scenario
        s.name = hostile
        s.description = hostile
        let rename: (String) -> String = { $0 == "B1" ? "B1" + hostile : $0 }
        s.buildings = s.buildings.map {
            var b = $0
            b.id = rename(b.id)
            return b
        }
        s.households = s.households.map {
            var h = $0
            h.buildingID = rename(h.buildingID)
            h.id = h.id + hostile
            return h
        }
        s.compounds = s.compounds.map {
            var c = $0
            c.buildingIDs = c.buildingIDs.map(rename)
            return c
        }
        s.owners = s.owners.map {
            var o = $0
            o.name = o.name + hostile
            return o
        }
        s.sources = s.sources.map {
            var x = $0
            x.name = hostile
            return x
        }
        loaded.scenario = s
        let input = try ReportFixtures.input(loaded)
        XCTAssertNotNil(input.result.plan)
        let html = ReportBuilder(input).document().render()
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertNil(html.firstMatch(of: #/(src|href)\s*=\s*"(https?:|//)/#))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    func testTheSameInputGivesTheSameBytes() throws {
        for name in ["compound-79-gas.yaml", "shifo-water.yaml"] {
            let a = ReportBuilder(try ReportFixtures.bundled(name)).document().render()
            let b = ReportBuilder(try ReportFixtures.bundled(name)).document().render()
            XCTAssertEqual(a, b, name)
        }
    }

    /// The one-call API the other commands use: a contributed section lands in its place and in the contents.
    func testAContributedSectionJoinsTheReport() throws {
        var doc = ReportBuilder(try ReportFixtures.bundled("shifo-water.yaml")).document()
        var table = HTMLTable(columns: [.init("option"), .init("cost CNY", numeric: true)])
        table.add(["north main", "303,490.00"])
        try doc.add(ReportSection(id: .optionsCompared, title: "Options compared", body: table.html, startsNewPage: true))
        XCTAssertEqual(doc.sectionIDs[doc.sectionIDs.firstIndex(of: .consents)! + 1], .optionsCompared)
        let html = doc.render()
        XCTAssertTrue(html.contains("<a href=\"#options-compared\">Options compared</a>"))
        XCTAssertTrue(html.contains("<section id=\"options-compared\" class=\"new-page\"><h2>Options compared</h2><table>"))
    }
}
