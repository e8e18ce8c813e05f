// SPDX-License-Identifier: GPL-3.0-or-later
//
// `connplan compare` for a planner at a terminal (fits 100 columns): the options side by side, the
// consents each one needs, what happens if a pending consent is refused, the safe plan, the
// neighbour impact statements, and one status line per planner run.

import ConnplanCompare
import ConnplanCore
import ConnplanPlanner

public struct CompareTextFormatter: CompareFormatter {
    /// Paragraphs are wrapped to this many columns.
    public var width = 100
    public init() {}

    public func format(_ report: CompareReport) -> String {
        let c = report.comparison
        let s = c.scenario
        var out: [String] = []
        let buildings = s.buildings.count
        out.append("connplan compare: \(s.name)")
        out.append(
            "\(s.utility.rawValue), \(s.totalHouseholds) households in \(buildings) building\(buildings == 1 ? "" : "s"), \(s.sources.count) candidate source\(s.sources.count == 1 ? "" : "s")"
        )
        if !c.constraints.forbidden.isEmpty || !c.constraints.required.isEmpty {
            let parts =
                c.constraints.forbidden.sorted().map { "--forbid \($0)" } + c.constraints.required.sorted().map { "--require \($0)" }
            out.append("Applied to every run: \(parts.joined(separator: " "))")
        }
        out.append("")
        out += optionLines(c)
        out.append("")
        out += consentLines(c)
        out.append("")
        out += whatIfLines(c)
        out.append("")
        out += safePlanLines(c)
        out.append("")
        out += impactLines(c)
        out.append("")
        out += runLines(c, reproducible: report.reproducible)
        if !report.warnings.isEmpty {
            out.append("")
            out.append("Scenario warnings")
            for w in report.warnings { out.append("  - " + w.description) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Longest status kept in the options table; longer ones go to a numbered note below it.
    static let statusColumnWidth = 40

    private func optionName(_ o: ComparedOption) -> String {
        o.kind == .overallOptimum ? o.sourceIDs.joined(separator: "+") : o.id
    }

    private func optionLines(_ c: Comparison) -> [String] {
        let decimals = c.scenario.utility == .gas ? 3 : 2
        var out = ["Options, cheapest first"]
        var t = TextTable(
            ["rank", "option", "total CNY", "per household", "min margin \(c.scenario.valueUnit)", "status"], rightAligned: [0, 2, 3, 4])
        var notes: [String] = []
        for o in c.options {
            var status = o.statusText
            if status.count > Self.statusColumnWidth, status.contains(":") {
                notes.append("[\(notes.count + 1)] \(optionName(o)): \(status)")
                status = String(status.prefix { $0 != ":" }) + " [\(notes.count)]"
            }
            if o.isOverallOptimum { status += "; overall optimum" }
            t.add(Self.optionRow(o, decimals: decimals) + [status])
        }
        out.append(t.render())
        for n in notes { out += NeighbourImpactWording.wrap(n, width: width, indent: "  ", hanging: "      ") }
        if c.options.contains(where: { $0.planStatus == .feasible && $0.plan != nil }) {
            out += NeighbourImpactWording.wrap(
                "feasible: the best plan found within --time-limit (or before Ctrl-C), not proven cheapest; "
                    + "the gap bounds how much cheaper one could be.",
                width: width, indent: "  ", hanging: "  ")
        }
        if c.options.contains(where: \.isHypothetical) {
            out.append("  [...] hypothetical, not available: the cheapest plan from that source had its owner agreed.")
        }
        out.append("  Per household: total ÷ households, rounded; `connplan costs` gives each household's share.")
        if c.options.allSatisfy({ $0.durationWorkingDays == nil }) {
            out.append("  Duration: not known yet; it needs a works schedule for the scenario.")
        } else {
            out.append("  Duration: the works schedule of each option's plan, in the table below.")
        }
        if !c.hasAvailablePlan {
            out.append("  No option has a plan. `connplan plan` on the scenario gives the reasons and what would help.")
        }
        return out
    }

    /// Rank, option, total, per household and margin cells of an option's row; figures of a
    /// hypothetical plan in brackets. Kept out of line: Swift 6.3.1's optimiser crashed
    /// (CopyPropagation, "outside of lifetime use") on these reads inlined in the loop.
    @inline(never)
    private static func optionRow(_ o: ComparedOption, decimals: Int) -> [String] {
        let name = o.kind == .overallOptimum ? o.sourceIDs.joined(separator: "+") : o.id
        let total = o.plan.map { Money.cny($0.costs.totalFen) }
        let perHousehold = o.costPerHouseholdFen.map { Money.cny($0) }
        let margin = o.plan?.smallestMargin.map { fixed($0, decimals) }
        return [
            o.rank.map(String.init) ?? "-", name, mark(total, o.isHypothetical), mark(perHousehold, o.isHypothetical),
            mark(margin, o.isHypothetical),
        ]
    }

    /// A cell of the options table: "-" when absent, in brackets when hypothetical.
    private static func mark(_ text: String?, _ hypothetical: Bool) -> String {
        guard let text else { return "-" }
        return hypothetical ? "[\(text)]" : text
    }

    private func consentLines(_ c: Comparison) -> [String] {
        let s = c.scenario
        // With a works schedule, each option's duration (working days to the last commissioning).
        let showDays = c.options.contains { $0.durationWorkingDays != nil }
        var ct = TextTable(showDays ? ["option", "work days", "consents"] : ["option", "consents"], rightAligned: showDays ? [1] : [])
        for o in c.options {
            let days = showDays ? [Self.mark(o.durationWorkingDays.map(String.init), o.isHypothetical)] : []
            if let plan = o.plan {
                let list = plan.consents.map { consentWords(ownerID: $0.ownerID, s, costFen: $0.costFen) }
                ct.add([optionName(o)] + days + [
                    (list.isEmpty ? "none" : list.joined(separator: ", ")) + (o.isHypothetical ? " (hypothetical plan)" : ""),
                ])
            } else {
                let owners = o.sourceIDs.compactMap { id in s.sources.first { $0.id == id }?.ownerID }
                var why = "no plan"
                if case .forbidden = o.availability { why = "forbidden by the user" }
                if case .conflicts = o.availability { why = "not run" }
                ct.add([optionName(o)] + days + [
                    "\(why); the source's owner: " + owners.map { consentWords(ownerID: $0, s, costFen: nil) }.joined(separator: ", "),
                ])
            }
        }
        return [showDays ? "Consents each option needs, and the works' duration" : "Consents each option needs", ct.render()]
    }

    private func whatIfLines(_ c: Comparison) -> [String] {
        var out = ["If a pending consent is refused"]
        guard !c.consentWhatIfs.isEmpty else { return out + ["  No option depends on a pending consent."] }
        var wt = TextTable(["owner", "optimum needs it", "best plan then", "total CNY", "extra CNY", "status"], rightAligned: [3, 4])
        var notes: [String] = []
        for w in c.consentWhatIfs {
            let needs = c.optimum == nil ? "-" : w.usedByOptimum ? "yes" : "no"
            if let p = w.plan {
                wt.add([
                    w.ownerID, needs,
                    p.route.sourceIDs.joined(separator: "+") + (w.usedByOptimum ? "" : " (no change)"),
                    Money.cny(p.costs.totalFen), w.extraCostFen.map { Money.cny($0) } ?? "-", statusWords(w.planStatus, w.relativeGap),
                ])
            } else {
                notes.append("[\(notes.count + 1)] without \(w.ownerID): \(w.noPlanReason ?? "infeasible")")
                wt.add([w.ownerID, needs, "none", "-", "-", "no plan [\(notes.count)]"])
            }
        }
        out.append(wt.render())
        for n in notes { out += NeighbourImpactWording.wrap(n, width: width, indent: "  ", hanging: "      ") }
        return out
    }

    private func safePlanLines(_ c: Comparison) -> [String] {
        let safe = c.safePlan
        let avoided = safe.pendingOwnerIDs.isEmpty ? "" : "; avoids \(safe.pendingOwnerIDs.joined(separator: ", "))"
        var text = "Safe plan (needs no pending consent\(avoided)): "
        if let p = safe.plan {
            let sources = p.route.sourceIDs.joined(separator: "+")
            if safe.isOverallOptimum {
                text += "the overall optimum itself, \(sources) at \(Money.cny(p.costs.totalFen)) CNY; no premium."
            } else {
                text += "\(sources) at \(Money.cny(p.costs.totalFen)) CNY"
                if let premium = safe.premiumFen {
                    text += ", a premium of \(Money.cny(premium)) CNY"
                    if let f = safe.premiumFraction { text += " (\(fixed(f * 100, 1)) %)" }
                    text += " over the optimum"
                }
                text +=
                    safe.planStatus == .optimal && (safe.relativeGap ?? 0) == 0
                    ? "." : "; \(statusWords(safe.planStatus, safe.relativeGap))."
            }
        } else {
            text += "none: \(safe.noPlanReason ?? "no plan avoids every pending consent")."
        }
        return NeighbourImpactWording.wrap(text, width: width, indent: "", hanging: "  ")
    }

    private func impactLines(_ c: Comparison) -> [String] {
        var out = ["Neighbour impact (at the host's worst-placed household, at peak hour)"]
        if c.neighbourImpacts.isEmpty {
            out.append("  No option taps a source with host data (a `host` block of a source in the scenario).")
        }
        for n in c.neighbourImpacts {
            var head = "\(n.sourceID), \(n.sourceName) (owner \(n.ownerID), consent \(n.consent.rawValue))"
            if n.isHypothetical { head += ": HYPOTHETICAL, the plan that would have been used had the owner agreed" }
            out += NeighbourImpactWording.wrap(head, width: width, indent: "  ", hanging: "    ")
            out += NeighbourImpactWording.wrap(NeighbourImpactWording.statement(n), width: width, indent: "    ", hanging: "    ")
            out += NeighbourImpactWording.wrap(NeighbourImpactWording.figures(n), width: width, indent: "    ", hanging: "    ")
        }
        if !c.sourcesWithoutHostData.isEmpty {
            out.append("  No host data for \(c.sourcesWithoutHostData.joined(separator: ", ")), so no impact statement.")
        }
        return out
    }

    private func runLines(_ c: Comparison, reproducible: Bool) -> [String] {
        var headers = ["run", "status", "gap"]
        if !reproducible { headers.append("time s") }
        headers.append("note")
        var rt = TextTable(headers, rightAligned: reproducible ? [2] : [2, 3])
        for r in c.runs { rt.add(runRow(r, reproducible: reproducible)) }
        var summary = "\(c.runs.count) runs, \(c.solvedRunCount) solved"
        if !reproducible { summary += ", at most \(c.maxConcurrentRuns) at a time, \(fixed(c.wallSeconds, 3)) s in all" }
        summary += ". Each run is a `connplan plan` run; --format json lists its --forbid and --require."
        return ["Planner runs", rt.render()] + NeighbourImpactWording.wrap(summary, width: width, indent: "  ", hanging: "  ")
    }

    private func runRow(_ r: ComparisonRun, reproducible: Bool) -> [String] {
        switch r.outcome {
        case .notRun(let reason):
            return [r.id, "not run", "-"] + (reproducible ? [] : ["-"]) + [reason]
        case .solved(let res), .reused(_, let res):
            var row = [r.id, res.status.rawValue, res.solver.relativeGap.map { fixed($0 * 100, 2) + " %" } ?? "-"]
            if let from = r.reusedFromRunID {
                if !reproducible { row.append("-") }
                row.append("same answer as \(from), not solved again")
            } else {
                if !reproducible { row.append(fixed(res.solver.seconds, 3)) }
                row.append(r.refusalsSetAside.isEmpty ? "" : "\(r.refusalsSetAside.joined(separator: ", ")) treated as pending")
            }
            return row
        }
    }

    private func consentWords(ownerID: String, _ s: Scenario, costFen: Fen?) -> String {
        guard let o = s.owner(ownerID) else { return ownerID }
        let status = o.consent == .granted ? "granted" : o.consent.rawValue.uppercased()
        let cost = (costFen ?? 0) > 0 ? " (\(Money.cny(costFen ?? 0)) CNY)" : ""
        return "\(o.id) \(status)\(cost)"
    }

    private func statusWords(_ status: PlanStatus?, _ gap: Double?) -> String {
        guard let status else { return "-" }
        if status == .feasible { return "feasible (gap \(fixed((gap ?? 0) * 100, 2)) %)" }
        if status == .optimal, let g = gap, g > 0 { return "optimal within \(fixed(g * 100, 2)) %" }
        return status.rawValue
    }
}
