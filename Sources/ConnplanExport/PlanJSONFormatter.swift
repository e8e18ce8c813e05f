// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan as JSON (documented in docs/reference/json-output.md). Money is given both as CNY with
// exactly two decimals and as integer fen.

import ConnplanCore
import ConnplanPlanner

public struct PlanJSONFormatter: PlanFormatter {
    public init() {}

    public func format(_ report: PlanReport) -> String {
        json(report).render() + "\n"
    }

    public func json(_ report: PlanReport) -> JSONValue {
        let s = report.scenario
        let r = report.result
        let gas = s.utility == .gas
        var top: [(String, JSONValue)] = [
            ("connplan_output", .int(1)),
            ("scenario", .string(s.name)),
            ("utility", .string(s.utility.rawValue)),
            ("status", .string(r.status.rawValue)),
        ]
        if let plan = r.plan {
            top += [
                ("total_cost_cny", .money(plan.costs.totalFen)),
                ("total_cost_fen", .int(plan.costs.totalFen)),
                ("households", .int(plan.households)),
                ("cost_per_household_cny", .number(plan.households > 0 ? (Double(plan.costs.totalFen) / Double(plan.households)).rounded() / 100 : nil)),
                ("sources_used", .array(plan.sources.map { .string($0.sourceID) })),
                ("segments", .array(plan.segments.map { seg in
                    .object([
                        ("id", .string(seg.segmentID)), ("from", .string(seg.upstreamNodeID)), ("to", .string(seg.downstreamNodeID)),
                        ("dn", .int(seg.pipe.nominalDiameter)), ("pipe", seg.pipe.pipeID.map { .string($0) } ?? .null),
                        ("reused_existing", .bool(seg.pipe.reused)),
                        ("inner_diameter_mm", .double(seg.pipe.innerDiameterMillimetres)),
                        ("length_m", .double(seg.lengthMetres)), ("surface", .string(seg.surface)),
                        ("owner", seg.ownerID.map { .string($0) } ?? .null), ("source", .string(seg.sourceID)),
                        ("households_downstream", .int(seg.householdsDownstream)),
                        ("flow_m3_h", .number(seg.designFlowCubicMetresPerHour)),
                        ("velocity_m_s", .number(seg.velocityMetresPerSecond)),
                        (gas ? "loss_pa" : "head_loss_m", .number(seg.frictionLoss)),
                        ("cost_cny", .money(seg.costFen)),
                    ])
                })),
                ("buildings", .array(plan.buildings.map { b in
                    .object([
                        ("id", .string(b.buildingID)), ("node", .string(b.nodeID)), ("households", .int(b.households)),
                        ("source", .string(b.sourceID)), (gas ? "pressure_kpa" : "head_m", .number(b.value)),
                        ("required", .number(b.required)), ("margin", .number(b.margin)),
                    ])
                })),
                ("demands", .array(plan.demands.map { d in
                    .object([
                        ("node", .string(d.nodeID)), ("source", .string(d.sourceID)),
                        ("flow_m3_h", .number(d.designFlowCubicMetresPerHour)), (gas ? "pressure_kpa" : "head_m", .number(d.value)),
                        ("required", d.required.map { .number($0) } ?? .null),
                        ("margin", d.margin.map { .number($0) } ?? .null),
                    ])
                })),
                ("consents_pending", .array(plan.pendingConsentOwnerIDs.map { .string($0) })),
                ("consents", .array(plan.consents.map { c in
                    .object([("owner", .string(c.ownerID)), ("status", .string(c.consent.rawValue)),
                             ("cost_cny", .money(c.costFen)), ("uses", .array(c.uses.map { .string($0) }))])
                })),
                ("costs", .object([
                    ("pipes_cny", .money(plan.costs.pipesFen)), ("tie_ins_cny", .money(plan.costs.tieInsFen)),
                    ("regulators_cny", .money(plan.costs.regulatorsFen)), ("consents_cny", .money(plan.costs.consentsFen)),
                    ("household_items_cny", .money(plan.costs.householdItemsFen)), ("total_cny", .money(plan.costs.totalFen)),
                ])),
                ("bill_of_quantities", .array(plan.billOfQuantities.map { l in
                    .object([("item", .string(l.item)), ("quantity", .double(l.quantity)), ("unit", .string(l.unit)),
                             ("cost_cny", .money(l.costFen))])
                })),
            ]
        } else {
            top += [
                ("total_cost_cny", .null), ("sources_used", .array([])), ("segments", .array([])), ("buildings", .array([])),
                ("demands", .array([])), ("consents_pending", .array([])),
            ]
        }
        top.append(("diagnosis", .array(r.diagnosis.map { f in
            .object([("code", .string(f.code)), ("subject", f.subject.map { .string($0) } ?? .null),
                     ("message", .string(f.message)), ("fix", f.fix.map { .string($0) } ?? .null)])
        })))
        top.append(("excluded", .array(r.excluded.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })))
        let sv = r.solver
        top.append(("solver", .object([
            ("status", .string(sv.status.rawValue)),
            ("gap", .number(sv.relativeGap)),
            ("best_bound_cny", sv.bestBoundFen.map { .money(Fen($0.rounded(.up))) } ?? .null),
            ("seconds", report.reproducible ? .null : .number((sv.seconds * 1000).rounded() / 1000)),
            ("backend", .string(sv.backend)),
            ("milp_solves", .int(sv.masterSolves)),
            ("hydraulic_cuts", .int(sv.cutsAdded)),
            ("variables", .int(sv.variables)),
            ("constraints", .int(sv.constraints)),
        ])))
        return .object(top)
    }
}
