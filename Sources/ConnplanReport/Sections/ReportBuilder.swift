// SPDX-License-Identifier: GPL-3.0-or-later
//
// Builds the report's document from a planning result (and its cost-share plan, if any): the title
// block and the standard sections. Every figure comes from the plan, the scenario or the
// cost-share plan; nothing is recomputed here except sums of the rows a table shows.

import ConnplanCore
import ConnplanFinance
import ConnplanPlanner
import Foundation

/// What a report is made from.
public struct ReportInput: Sendable {
    public var scenario: Scenario
    public var result: PlanningResult
    /// Scenario warnings from loading.
    public var warnings: [Finding]
    /// The cost-share plan of `result.plan` (nil when there is no plan).
    public var costShare: CostSharePlan?
    /// The --forbid/--require choices that made this variant.
    public var constraints: PlanConstraints
    /// Leave out wall-clock figures, so that the same input gives the same bytes.
    public var reproducible: Bool

    public init(
        scenario: Scenario, result: PlanningResult, warnings: [Finding] = [], costShare: CostSharePlan? = nil,
        constraints: PlanConstraints = PlanConstraints(), reproducible: Bool = false
    ) {
        self.scenario = scenario
        self.result = result
        self.warnings = warnings
        self.costShare = costShare
        self.constraints = constraints
        self.reproducible = reproducible
    }
}

/// Makes the standard report. Add other commands' sections to the document it returns with
/// `ReportDocument.add(_:)`.
public struct ReportBuilder: Sendable {
    public let input: ReportInput
    public init(_ input: ReportInput) { self.input = input }

    var scenario: Scenario { input.scenario }
    var plan: Plan? { input.result.plan }
    var utility: Utility { input.scenario.utility }

    public func document() -> ReportDocument {
        var doc = ReportDocument(
            title: scenario.name, subtitle: subtitle(), banner: banner(), pageFooter: "connplan report: " + scenario.name)
        var sections: [ReportSection] = [keyFigures()]
        if plan == nil { sections.append(noPlan()) }
        sections.append(ReportSection(id: .map, title: "Map", body: mapBody(), startsNewPage: true))
        if let plan {
            sections.append(route(plan))
            sections.append(service(plan))
            sections.append(quantities(plan))
        }
        sections.append(consents())
        if let plan, let share = input.costShare { sections.append(costShare(plan, share)) }
        sections.append(findings())
        sections.append(howToRead())
        // Ids are constants of this module and unique, so adding cannot fail; a failure would be a bug
        // caught by the tests, and the section is then simply left out rather than crashing.
        for s in sections { try? doc.add(s) }
        return doc
    }

    func subtitle() -> [String] {
        var lines: [String] = []
        let file = scenario.file.split(separator: "/").last.map(String.init) ?? scenario.file
        let kind = utility == .gas ? "Gas" : "Water"
        lines.append(
            "\(kind) connection · \(ReportText.plural(scenario.totalHouseholds, "household")) in \(ReportText.plural(scenario.buildings.count, "building")) · "
                + "\(ReportText.plural(scenario.segments.count, "candidate segment")) · \(ReportText.plural(scenario.sources.count, "candidate source")) · "
                + "scenario file \(file)")
        let c = input.constraints
        if !c.forbidden.isEmpty || !c.required.isEmpty {
            var parts: [String] = []
            if !c.forbidden.isEmpty { parts.append("forbidden: " + c.forbidden.sorted().joined(separator: ", ")) }
            if !c.required.isEmpty { parts.append("required: " + c.required.sorted().joined(separator: ", ")) }
            lines.append("Variant studied (" + parts.joined(separator: "; ") + ")")
        }
        if let d = scenario.description?.trimmingCharacters(in: .whitespacesAndNewlines), !d.isEmpty { lines.append(d) }
        return lines
    }

    func banner() -> ReportDocument.Banner {
        let text = ReportText.status(input.result, reproducible: input.reproducible)
        guard let plan else { return .init(text, tone: .bad) }
        var extra: [String] = []
        let pending = plan.pendingConsentOwnerIDs
        if !pending.isEmpty {
            extra.append(
                "The plan relies on \(pending.count == 1 ? "a pending consent" : "pending consents") (\(pending.joined(separator: ", "))).")
        }
        if input.costShare?.status == .fundingGap { extra.append("The cost-share rules leave a funding gap.") }
        let tone: ReportDocument.Banner.Tone = input.result.status == .optimal && extra.isEmpty ? .good : .warning
        return .init(([text] + extra).joined(separator: " "), tone: tone)
    }

    func mapBody() -> HTML {
        let forbidden = input.constraints.forbidden
        return NetworkMap(scenario: scenario, plan: plan, forbiddenIDs: forbidden).html
    }
}
