// SPDX-License-Identifier: GPL-3.0-or-later
//
// The report's sections from `connplan compare`: the options side by side, what happens if a
// pending consent is refused (and the safe plan), and the neighbour impact statements. The
// figures are the comparison's own; the wording of the impact statement is the one `compare`
// prints (ConnplanExport's NeighbourImpactWording), so a resident reads the same sentence in both.

import ConnplanCompare
import ConnplanCore
import ConnplanExport
import ConnplanPlanner

public enum ComparisonSections {
    /// The sections for a comparison, in report order: options, consent what-if, neighbour impact
    /// (the last only when a source has host data).
    public static func sections(_ c: Comparison) -> [ReportSection] {
        var out = [options(c), whatIf(c)]
        if let impact = neighbourImpact(c) { out.append(impact) }
        return out
    }

    /// The consents a plan needs, each with its status in the scenario (a hypothetical plan was
    /// solved with the refusal set aside, so its own record would say "pending").
    static func consentWords(_ plan: Plan, scenario: Scenario) -> String {
        guard !plan.consents.isEmpty else { return "none" }
        return plan.consents.map { "\($0.ownerID) (\((scenario.owner($0.ownerID)?.consent ?? $0.consent).rawValue))" }.joined(separator: ", ")
    }

    static func options(_ c: Comparison) -> ReportSection {
        let utility = c.scenario.utility
        let unit = ReportText.serviceUnit(utility)
        let showDuration = c.options.contains { $0.durationWorkingDays != nil }
        var columns: [HTMLTable.Column] = [
            .init("Rank", numeric: true), .init("Option"), .init("Total CNY", numeric: true, noWrap: true),
            .init("Per household CNY", numeric: true, noWrap: true), .init("Smallest margin \(unit)", numeric: true),
            .init("Consents needed"),
        ]
        if showDuration { columns.append(.init("Working days", numeric: true)) }
        columns.append(.init("Status"))
        var table = HTMLTable(columns: columns, caption: "Each usable source on its own, and the overall optimum")
        for o in c.options { table.add(optionCells(o, scenario: c.scenario, showDuration: showDuration), class: optionClass(o)) }
        var body = HTML.paragraph(
            "Each row is the cheapest valid plan that takes supply from that source alone (the overall optimum may combine sources). "
                + "Figures in [brackets] are hypothetical: the plan that would have been used had the owner not refused consent.")
        body += table.html
        return ReportSection(id: .optionsCompared, title: "Options compared", body: body, startsNewPage: true)
    }

    // Kept out of the loop above: Swift 6.3.1's optimiser (CopyPropagation) crashes on a closure
    // that captures the loop variable there.
    @inline(never)
    static func optionCells(_ o: ComparedOption, scenario: Scenario, showDuration: Bool) -> [String] {
        let utility = scenario.utility
        func bracket(_ text: String) -> String { o.isHypothetical ? "[\(text)]" : text }
        var cells = [o.rank.map(String.init) ?? "–", o.label + (o.isOverallOptimum ? " (overall optimum)" : "")]
        cells.append(o.totalCostFen.map { bracket(ReportText.cny($0)) } ?? "–")
        cells.append(o.costPerHouseholdFen.map { bracket(ReportText.cny($0)) } ?? "–")
        cells.append(o.smallestMargin.map { bracket(ReportText.fixed($0, ReportText.serviceDecimals(utility))) } ?? "–")
        cells.append(o.plan.map { consentWords($0, scenario: scenario) } ?? "–")
        if showDuration { cells.append(o.durationWorkingDays.map { bracket(String($0)) } ?? "–") }
        cells.append(o.statusText)
        return cells
    }

    static func optionClass(_ o: ComparedOption) -> String? {
        o.isOverallOptimum ? "optimum" : (o.isAvailable ? nil : "unavailable")
    }

    static func whatIf(_ c: Comparison) -> ReportSection {
        var body = HTML.empty
        if c.consentWhatIfs.isEmpty {
            body += HTML.paragraph("No option depends on a pending consent.")
        } else {
            var table = HTMLTable(
                columns: [
                    .init("If this owner refuses"), .init("Optimum needs it"), .init("Best plan then"),
                    .init("Total CNY", numeric: true, noWrap: true), .init("Extra CNY", numeric: true, noWrap: true), .init("Status"),
                ],
                caption: "The best plan if one pending consent is refused")
            for w in c.consentWhatIfs {
                let sources = w.plan.map { $0.sources.map(\.sourceID).joined(separator: " + ") } ?? "no plan"
                let status: String
                if let reason = w.noPlanReason {
                    status = reason
                } else if let s = w.planStatus {
                    status = s == .feasible ? "feasible, gap \(ReportText.fixed((w.relativeGap ?? 0) * 100, 2)) %" : s.rawValue
                } else {
                    status = "–"
                }
                table.add([
                    "\(w.ownerName) (\(w.ownerID))", w.usedByOptimum ? "yes" : "no",
                    sources + (w.usedByOptimum ? "" : " (no change)"),
                    w.plan.map { ReportText.cny($0.costs.totalFen) } ?? "–",
                    w.extraCostFen.map { ReportText.cny($0) } ?? "–", status,
                ])
            }
            body += table.html
        }
        let s = c.safePlan
        if let plan = s.plan {
            let avoided = s.pendingOwnerIDs.isEmpty ? "" : " (it avoids " + s.pendingOwnerIDs.joined(separator: ", ") + ")"
            if s.isOverallOptimum {
                body += HTML.paragraph("The optimum itself needs no pending consent: it is the safe plan.")
            } else {
                let premium = s.premiumFen.map { ReportText.cny($0) } ?? "–"
                let percent = s.premiumFraction.map { ReportText.fixed($0 * 100, 1) } ?? "–"
                body += HTML.paragraph(
                    "Safe plan, needing no pending consent\(avoided): " + plan.sources.map(\.sourceID).joined(separator: " + ")
                        + " at \(ReportText.cny(plan.costs.totalFen)) CNY, a premium of \(premium) CNY (\(percent) %) over the optimum.")
            }
        } else {
            body += HTML.paragraph("No safe plan: " + (s.noPlanReason ?? "no plan avoids every pending consent") + ".")
        }
        return ReportSection(id: .consentWhatIf, title: "If a consent is refused", body: body, keepTogether: true)
    }

    static func neighbourImpact(_ c: Comparison) -> ReportSection? {
        guard !c.neighbourImpacts.isEmpty else { return nil }
        var body = HTML.paragraph(
            "What a tie-in does to the neighbour's own supply at peak hour, in the neighbour's worst-placed home. "
                + "Statements marked hypothetical describe a route the owner refused.")
        for n in c.neighbourImpacts {
            let head = "\(n.sourceName) (\(n.ownerName), consent \(n.consent.rawValue))" + (n.isHypothetical ? " — hypothetical" : "")
            body += HTML.element("h3", text: head)
            body += HTML.paragraph(NeighbourImpactWording.statement(n))
            body += HTML.paragraph(NeighbourImpactWording.figures(n), class: "note")
        }
        return ReportSection(id: .neighbourImpact, title: "Neighbour impact", body: body, keepTogether: false)
    }
}
