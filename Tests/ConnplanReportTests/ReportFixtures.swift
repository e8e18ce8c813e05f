// SPDX-License-Identifier: GPL-3.0-or-later
//
// Plans and cost-share plans of the bundled scenarios, made once per test process.

import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import Foundation
import TestSupport
import XCTest

@testable import ConnplanReport

enum ReportFixtures {
    static func path(_ name: String) -> String { CLIRunner.packageRoot.appendingPathComponent("scenarios/\(name)").path }

    /// Loads, plans and shares the costs of a scenario the way `connplan report` does.
    static func input(_ loaded: LoadedScenario, constraints: PlanConstraints = PlanConstraints()) throws -> ReportInput {
        let scenario = loaded.scenario
        let result = try RoutePlanner(scenario: scenario, options: PlannerOptions(constraints: constraints)).plan()
        var share: CostSharePlan?
        if let plan = result.plan {
            share = try CostShareAllocator(scenario: scenario, plan: plan).allocate(standAloneCostFen: nil)
        }
        return ReportInput(
            scenario: scenario, result: result, warnings: loaded.warnings, costShare: share, constraints: constraints, reproducible: true)
    }

    static func bundled(_ name: String) throws -> ReportInput { try input(try ScenarioLoader.load(path: path(name))) }

    /// Rows of the first table whose class attribute contains `cls`: body rows and footer rows, as cell text.
    static func table(_ html: String, class cls: String) -> (body: [[String]], footer: [[String]])? {
        guard let start = html.range(of: "<table class=\"\(cls)\"") ?? html.range(of: "<table class=\"compact \(cls)\""),
            let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex)
        else { return nil }
        let t = String(html[start.lowerBound..<end.upperBound])
        func rows(_ part: String) -> [[String]] {
            guard let a = t.range(of: "<\(part)>"), let b = t.range(of: "</\(part)>") else { return [] }
            return t[a.upperBound..<b.lowerBound].components(separatedBy: "</tr>").filter { $0.contains("<td") }.map { row in
                row.matches(of: #/<td[^>]*>(.*?)</td>/#).map { unescape(String($0.1)) }
            }
        }
        return (rows("tbody"), rows("tfoot"))
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(
            of: "&quot;", with: "\""
        )
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// "1,234.56" → 123456 fen; nil for anything else.
    static func fen(_ s: String) -> Int? {
        guard let m = s.wholeMatch(of: #/(-?)([0-9]{1,3}(?:,[0-9]{3})*)\.([0-9]{2})/#),
            let whole = Int(m.2.replacingOccurrences(of: ",", with: "")),
            let cents = Int(m.3)
        else { return nil }
        return (m.1.isEmpty ? 1 : -1) * (whole * 100 + cents)
    }
}
