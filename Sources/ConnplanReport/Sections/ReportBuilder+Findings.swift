// SPDX-License-Identifier: GPL-3.0-or-later
//
// Findings from every stage (scenario, planning, cost sharing) in one list, and the legend of how
// to read the report.

import ConnplanCore
import ConnplanFinance

extension ReportBuilder {
    func findingItem(_ f: Finding) -> HTML {
        var parts: [HTML] = [.element("span", [("class", "sev " + f.severity.rawValue)], text: f.severity.rawValue.uppercased())]
        var text = ""
        if let l = f.location { text += "\(l.description.split(separator: "/").last.map(String.init) ?? l.description): " }
        if let subject = f.subject { text += "'\(subject)': " }
        text += f.message
        parts.append(HTML(text: text))
        if let fix = f.fix { parts.append(.element("span", [("class", "note")], text: " Fix: " + fix)) }
        return .element("li", [], parts)
    }

    func findings() -> ReportSection {
        var body: [HTML] = []
        var any = false
        func group(_ title: String, _ items: [HTML]) {
            guard !items.isEmpty else { return }
            any = true
            body.append(.element("h3", text: title))
            body.append(.element("ul", [("class", "findings")], items))
        }
        group("Scenario", input.warnings.map(findingItem))
        var planning: [HTML] = input.result.excluded.map { e in
            .element("li", [], [.element("span", [("class", "sev note")], text: "LEFT OUT"), HTML(text: "\(e.id): \(e.reason)")])
        }
        if let pending = plan?.pendingConsentOwnerIDs, !pending.isEmpty {
            planning.append(
                findingItem(
                    Finding(
                        .warning, code: "pending-consent", subject: pending.joined(separator: ", "),
                        message: "the plan relies on consent that is still pending.",
                        fix: "Obtain the consent, or run connplan with --forbid \(pending[0]) to see the plan without it.")))
        }
        if input.result.status == .feasible {
            planning.append(
                findingItem(
                    Finding(
                        .warning, code: "not-proven", message: "the plan was not proven cheapest before the time limit.",
                        fix: "Run again with a longer --time-limit.")))
        }
        group("Planning", planning)
        group("Cost sharing", (input.costShare?.findings ?? []).map(findingItem))
        if !any { body.append(.paragraph("Nothing to report: no warnings from the scenario, the planner or the cost-share rules.")) }
        let count = input.warnings.count + input.result.excluded.count + (input.costShare?.findings.count ?? 0)
        return ReportSection(id: .findings, title: "Findings", body: HTML.join(body), keepTogether: count <= 12)
    }

    func howToRead() -> ReportSection {
        let unit = ReportText.serviceUnit(utility)
        let entries: [(String, String)] = [
            (
                "Money",
                "All amounts are CNY with two decimals, computed in whole fen (0.01 CNY), so every total is exactly the sum of its parts."
            ),
            (
                "Status",
                "OPTIMAL means no cheaper plan exists under the scenario's prices, pipes, consents and pressure rules; the gap says how far from proven a plan is."
            ),
            (
                "Margin",
                "How much \(utility == .gas ? "pressure" : "head") (\(unit)) a building has above its minimum. The smallest margin is the plan's weakest point."
            ),
            (
                "Consents",
                "granted: may be used; PENDING: the plan may use it but depends on it; REFUSED: never used. The map draws refused land dashed and pending land on a wide band."
            ),
            (
                "Map",
                "Thick lines are the chosen route, coloured and widened by pipe size; thin grey lines are candidate segments the plan does not use. Triangles are sources, squares buildings."
            ),
            (
                "Who pays what",
                "Each household's basis share of the works, then subsidies, caps and rounding; “pays” is what it pays in all, and the top-up or refund squares that with what it has already paid."
            ),
            (
                "Printing",
                "The report is laid out for A4 portrait; print it from a browser with background graphics on. Colours also differ by line style, so black and white prints read the same."
            ),
        ]
        let items = entries.flatMap { [HTML.element("dt", text: $0.0), HTML.element("dd", text: $0.1)] }
        return ReportSection(
            id: .howToRead, title: "How to read this report", body: .element("dl", [("class", "read")], items), keepTogether: true)
    }
}
