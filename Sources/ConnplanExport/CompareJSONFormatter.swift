// SPDX-License-Identifier: GPL-3.0-or-later
//
// `connplan compare --format json` (documented in docs/reference/compare-output.md). Money is CNY
// with exactly two decimals and integer fen; pressures carry their unit in the key (`_kpa` for gas,
// `_m` of pressure head for water), as in the plan's JSON.

import ConnplanCompare
import ConnplanCore
import ConnplanPlanner

public struct CompareJSONFormatter: CompareFormatter {
    public init() {}

    public func format(_ report: CompareReport) -> String {
        json(report).render() + "\n"
    }

    public func json(_ report: CompareReport) -> JSONValue {
        let c = report.comparison
        let s = c.scenario
        let u = s.utility == .gas ? "kpa" : "m"
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        func money(_ key: String, _ fen: Fen?) -> [(String, JSONValue)] {
            [("\(key)_cny", fen.map { .money($0) } ?? .null), ("\(key)_fen", fen.map { .int($0) } ?? .null)]
        }
        func consents(_ plan: Plan?) -> JSONValue {
            .array(
                (plan?.consents ?? []).map { k in
                    let owner = s.owner(k.ownerID)
                    return .object([
                        ("owner", .string(k.ownerID)), ("name", .string(k.ownerName)),
                        ("status", .string((owner?.consent ?? k.consent).rawValue)), ("cost_cny", .money(k.costFen)),
                    ])
                })
        }

        var top: [(String, JSONValue)] = [
            ("connplan_output", .int(1)),
            ("command", .string("compare")),
            ("scenario", .string(s.name)),
            ("utility", .string(s.utility.rawValue)),
            ("households", .int(s.totalHouseholds)),
            (
                "constraints",
                .object([
                    ("forbid", strings(c.constraints.forbidden.sorted())), ("require", strings(c.constraints.required.sorted())),
                ])
            ),
        ]
        if let opt = c.optimumRun, let plan = opt.plan {
            top.append(
                (
                    "optimum",
                    .object(
                        [
                            ("run", .string(opt.id)), ("status", .string(opt.result?.status.rawValue ?? "")),
                            ("sources", strings(plan.route.sourceIDs)),
                        ] + money("total_cost", plan.costs.totalFen))
                ))
        } else {
            top.append(("optimum", .null))
        }

        top.append(
            (
                "options",
                .array(
                    c.options.map { o in
                        var fields: [(String, JSONValue)] = [
                            ("rank", o.rank.map { .int($0) } ?? .null),
                            ("id", .string(o.id)),
                            ("kind", .string(o.kind.rawValue)),
                            ("label", .string(o.label)),
                            ("sources", strings(o.sourceIDs)),
                            ("available", .bool(o.isAvailable)),
                            ("hypothetical", .bool(o.isHypothetical)),
                            ("overall_optimum", .bool(o.isOverallOptimum)),
                            ("status", .string(o.statusText)),
                            ("availability", .string(availabilityCode(o.availability))),
                            ("refused_owners", strings(refusedOwners(o.availability))),
                            ("run", o.runID.map { .string($0) } ?? .null),
                            ("solver_status", o.planStatus.map { .string($0.rawValue) } ?? .null),
                            ("gap", .number(o.relativeGap)),
                        ]
                        fields += money("total_cost", o.totalCostFen)
                        fields += money("cost_per_household", o.costPerHouseholdFen)
                        fields += [
                            ("smallest_margin_\(u)", .number(o.smallestMargin)),
                            ("consents", consents(o.plan)),
                            (
                                "consents_pending",
                                strings(o.plan?.consents.filter { s.owner($0.ownerID)?.consent == .pending }.map(\.ownerID) ?? [])
                            ),
                            ("segments", strings(o.plan?.segments.map(\.segmentID) ?? [])),
                            ("duration_working_days", o.durationWorkingDays.map { .int($0) } ?? .null),
                        ]
                        return .object(fields)
                    })
            ))

        top.append(
            (
                "consent_what_ifs",
                .array(
                    c.consentWhatIfs.map { w in
                        var fields: [(String, JSONValue)] = [
                            ("owner", .string(w.ownerID)), ("name", .string(w.ownerName)), ("used_by_optimum", .bool(w.usedByOptimum)),
                            ("run", w.runID.map { .string($0) } ?? .null), ("available", .bool(w.plan != nil)),
                            ("solver_status", w.planStatus.map { .string($0.rawValue) } ?? .null), ("gap", .number(w.relativeGap)),
                            ("sources", strings(w.plan?.route.sourceIDs ?? [])),
                        ]
                        fields += money("total_cost", w.plan?.costs.totalFen)
                        fields += money("extra_cost", w.extraCostFen)
                        fields.append(("no_plan_reason", w.noPlanReason.map { .string($0) } ?? .null))
                        return .object(fields)
                    })
            ))

        let safe = c.safePlan
        var safeFields: [(String, JSONValue)] = [
            ("pending_owners_avoided", strings(safe.pendingOwnerIDs)), ("run", safe.runID.map { .string($0) } ?? .null),
            ("available", .bool(safe.plan != nil)), ("is_overall_optimum", .bool(safe.isOverallOptimum)),
            ("solver_status", safe.planStatus.map { .string($0.rawValue) } ?? .null), ("gap", .number(safe.relativeGap)),
            ("sources", strings(safe.plan?.route.sourceIDs ?? [])),
        ]
        safeFields += money("total_cost", safe.plan?.costs.totalFen)
        safeFields += money("premium", safe.premiumFen)
        safeFields += [
            ("premium_fraction", .number(safe.premiumFraction)),
            ("no_plan_reason", safe.noPlanReason.map { .string($0) } ?? .null),
        ]
        top.append(("safe_plan", .object(safeFields)))

        top.append(
            (
                "neighbour_impacts",
                .array(
                    c.neighbourImpacts.map { n in
                        let i = n.impact
                        return .object([
                            ("option", .string(n.optionID)), ("hypothetical", .bool(n.isHypothetical)), ("source", .string(n.sourceID)),
                            ("source_name", .string(n.sourceName)), ("owner", .string(n.ownerID)), ("owner_name", .string(n.ownerName)),
                            ("consent", .string(n.consent.rawValue)),
                            ("host_households", .int(i.hostHouseholds)), ("plan_households", .int(i.planHouseholds)),
                            ("host_flow_m3_h", .number(i.hostFlowCubicMetresPerHour)),
                            ("plan_flow_m3_h", .number(i.planFlowCubicMetresPerHour)),
                            ("flow_after_m3_h", .number(i.flowAfterCubicMetresPerHour)), ("flow_rule", .string(i.flowRule.rawValue)),
                            ("worst_before_\(u)", .number(i.worstBefore)), ("worst_after_\(u)", .number(i.worstAfter)),
                            ("drop_\(u)", .number(i.drop)), ("drop_fraction", .number(i.dropFraction)),
                            ("minimum_\(u)", .number(i.minimum)), ("margin_after_\(u)", .number(i.marginAfter)),
                            ("meets_minimum_after", .bool(i.meetsMinimumAfter)),
                            ("velocity_before_m_s", .number(i.velocityBeforeMetresPerSecond)),
                            ("velocity_after_m_s", .number(i.velocityAfterMetresPerSecond)),
                            ("spare_capacity_m3_h", .number(i.spareCapacityCubicMetresPerHour)),
                            ("share_of_spare_capacity", .number(i.shareOfSpareCapacity)),
                            ("hydraulic_headroom_m3_h", .number(i.hydraulicHeadroomCubicMetresPerHour)),
                            ("share_of_hydraulic_headroom", .number(i.shareOfHydraulicHeadroom)),
                            ("tie_in_after_\(u)", .number(i.tieInAfter)), ("tie_in_assumed_\(u)", .number(i.tieInAssumed)),
                            ("tie_in_below_assumption", .bool(i.tieInBelowAssumption)),
                            ("statement", .string(NeighbourImpactWording.statement(n))),
                        ])
                    })
            ))
        top.append(("sources_without_host_data", strings(c.sourcesWithoutHostData)))

        top.append(
            (
                "runs",
                .array(
                    c.runs.map { r in
                        var fields: [(String, JSONValue)] = [
                            ("id", .string(r.id)), ("purpose", .string(purposeCode(r.purpose))),
                            ("forbid", strings(r.constraints.forbidden.sorted())), ("require", strings(r.constraints.required.sorted())),
                            ("refusals_set_aside", strings(r.refusalsSetAside)),
                        ]
                        switch r.outcome {
                        case .notRun(let reason):
                            fields += [
                                ("outcome", .string("not_run")), ("reused_from", .null), ("not_run_reason", .string(reason)),
                                ("status", .null), ("sources", .array([])),
                            ]
                            fields += money("total_cost", nil)
                            fields += [("gap", .null), ("best_bound_cny", .null), ("seconds", .null)]
                        case .solved(let res), .reused(_, let res):
                            let reused = r.reusedFromRunID
                            fields += [
                                ("outcome", .string(reused == nil ? "solved" : "reused")),
                                ("reused_from", reused.map { .string($0) } ?? .null),
                                ("not_run_reason", .null), ("status", .string(res.status.rawValue)),
                                ("sources", strings(res.plan?.route.sourceIDs ?? [])),
                            ]
                            fields += money("total_cost", res.plan?.costs.totalFen)
                            fields += [
                                ("gap", .number(res.solver.relativeGap)),
                                ("best_bound_cny", res.solver.bestBoundFen.map { .money(Fen($0.rounded(.up))) } ?? .null),
                                (
                                    "seconds",
                                    report.reproducible || reused != nil ? .null : .number((res.solver.seconds * 1000).rounded() / 1000)
                                ),
                            ]
                        }
                        return .object(fields)
                    })
            ))
        top.append(("solved_runs", .int(c.solvedRunCount)))
        top.append(("max_concurrent_runs", report.reproducible ? .null : .int(c.maxConcurrentRuns)))
        top.append(("seconds", report.reproducible ? .null : .number((c.wallSeconds * 1000).rounded() / 1000)))
        return .object(top)
    }

    private func availabilityCode(_ a: ComparedOption.Availability) -> String {
        switch a {
        case .available: return "available"
        case .noPlan: return "no_plan"
        case .refused: return "refused"
        case .forbidden: return "forbidden"
        case .conflicts: return "not_run"
        }
    }

    private func refusedOwners(_ a: ComparedOption.Availability) -> [String] {
        if case .refused(let owners) = a { return owners }
        return []
    }

    private func purposeCode(_ p: ComparisonRun.Purpose) -> String {
        switch p {
        case .overallOptimum: return "overall_optimum"
        case .singleSource: return "single_source"
        case .withoutOwner: return "consent_refused"
        case .safe: return "safe"
        case .hypothetical: return "hypothetical"
        }
    }
}
