// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan's sections: key figures, why there is no plan, route, service at each building, bill of
// quantities and consents.

import ConnplanCore
import ConnplanFinance
import ConnplanPlanner

extension ReportBuilder {
    /// Sections whose tables have at most this many rows are kept on one printed page.
    static let shortTableRows = 25

    /// One box of the key-figures grid.
    func figure(_ key: String, _ label: String, _ value: String, _ detail: String?) -> HTML {
        var parts: [HTML] = [.element("div", [("class", "label")], text: label), .element("div", [("class", "value")], text: value)]
        if let detail { parts.append(.element("div", [("class", "detail")], text: detail)) }
        return .element("div", [("class", "figure"), ("data-figure", key)], parts)
    }

    func keyFigures() -> ReportSection {
        var boxes: [HTML] = []
        let s = scenario
        let decimals = ReportText.serviceDecimals(utility)
        let unit = ReportText.serviceUnit(utility)
        if let plan {
            let c = plan.costs
            var parts = ["pipes \(ReportText.cny(c.pipesFen))", "tie-ins \(ReportText.cny(c.tieInsFen))"]
            if c.regulatorsFen > 0 { parts.append("regulator boxes \(ReportText.cny(c.regulatorsFen))") }
            parts += ["consents \(ReportText.cny(c.consentsFen))", "household items \(ReportText.cny(c.householdItemsFen))"]
            boxes.append(figure("total-cost", "Total cost", "\(ReportText.cny(c.totalFen)) CNY", parts.joined(separator: " · ")))
            boxes.append(
                figure(
                    "cost-per-household", "Cost per household", "\(ReportText.cny(ReportText.perHouseholdFen(plan))) CNY",
                    "total ÷ \(ReportText.plural(plan.households, "household")), rounded to the fen"))
            boxes.append(
                figure(
                    "households", "Households served", "\(plan.households)",
                    "of \(s.totalHouseholds) in \(ReportText.plural(s.buildings.count, "building"))"))
            let sources = plan.sources.map(\.sourceID)
            let names = plan.sources.compactMap { u in s.sources.first { $0.id == u.sourceID }.map { "\($0.name) (owner \($0.ownerID))" } }
            boxes.append(
                figure("sources", sources.count == 1 ? "Source" : "Sources", sources.joined(separator: ", "), names.joined(separator: "; "))
            )
            if let m = plan.smallestMargin {
                let worst = plan.buildings.min { $0.margin < $1.margin }
                let what = utility == .gas ? "pressure" : "head"
                let detail = worst.map {
                    "at \($0.buildingID): \(ReportText.fixed($0.value, decimals)) \(unit) \(what) against \(ReportText.fixed($0.required, decimals)) \(unit) required"
                }
                boxes.append(figure("smallest-margin", "Smallest \(what) margin", "\(ReportText.fixed(m, decimals)) \(unit)", detail))
            }
            var byPipe: [String: (dn: Int, tenths: Int)] = [:]
            for seg in plan.segments {
                byPipe[seg.pipe.label, default: (seg.pipe.nominalDiameter, 0)].tenths += Int((seg.lengthMetres * 10).rounded())
            }
            let pipes = byPipe.sorted { $0.value.dn != $1.value.dn ? $0.value.dn < $1.value.dn : $0.key < $1.key }
            let totalTenths = pipes.reduce(0) { $0 + $1.value.tenths }
            boxes.append(
                figure(
                    "pipe-length", "Route length", "\(ReportText.fixed(Double(totalTenths) / 10, 1)) m",
                    "\(ReportText.plural(plan.segments.count, "segment")): "
                        + pipes.map { "\($0.key) \(ReportText.fixed(Double($0.value.tenths) / 10, 1)) m" }.joined(separator: ", ")))
            let pending = plan.consents.filter { $0.consent == .pending }
            let consentValue =
                plan.consents.isEmpty
                ? "none needed"
                : pending.isEmpty ? "all \(plan.consents.count) granted" : "\(pending.count) of \(plan.consents.count) PENDING"
            boxes.append(
                figure(
                    "consents", "Consents needed", consentValue,
                    plan.consents.isEmpty ? nil : plan.consents.map { "\($0.ownerID) \(consentWord($0.consent))" }.joined(separator: ", ")))
            if let share = input.costShare {
                let pays = share.households.map(\.paymentFen)
                let range =
                    (pays.min().map(ReportText.cny) ?? "0.00")
                    + (pays.min() == pays.max() ? "" : " to " + (pays.max().map(ReportText.cny) ?? ""))
                boxes.append(
                    figure(
                        "households-pay", "Households pay in all", "\(ReportText.cny(share.householdsTotalFen)) CNY",
                        "\(range) CNY each; "
                            + (share.status == .balanced ? "balanced to the fen" : "FUNDING GAP \(ReportText.cny(share.fundingGapFen)) CNY")
                    ))
            }
        } else {
            boxes.append(figure("total-cost", "Total cost", "no plan", "see “Why there is no plan”"))
            boxes.append(
                figure(
                    "households", "Households to serve", "\(s.totalHouseholds)", "in \(ReportText.plural(s.buildings.count, "building"))"))
            boxes.append(figure("sources", "Candidate sources", "\(s.sources.count)", s.sources.map(\.id).joined(separator: ", ")))
            let refused = s.owners.filter { $0.consent == .refused }.map(\.id)
            boxes.append(
                figure(
                    "consents", "Consents refused", "\(refused.count) of \(s.owners.count)",
                    refused.isEmpty ? nil : refused.joined(separator: ", ")))
        }
        return ReportSection(
            id: .keyFigures, title: "Key figures", body: .element("div", [("class", "figures")], boxes), keepTogether: true)
    }

    func consentWord(_ c: Consent) -> String {
        switch c {
        case .granted: return "granted"
        case .pending: return "PENDING"
        case .refused: return "REFUSED"
        }
    }

    func consentCell(_ c: Consent) -> HTML {
        .element("span", [("class", c == .granted ? nil : "status-" + c.rawValue)], text: consentWord(c))
    }

    func noPlan() -> ReportSection {
        let r = input.result
        var body: [HTML] = []
        if r.status == .infeasible {
            body.append(.paragraph("No plan satisfies every constraint. The reasons found, most specific first:"))
            body.append(.element("ul", [], r.diagnosis.map { .element("li", text: $0.message) }))
            var fixes: [String] = []
            for f in r.diagnosis { if let fix = f.fix, !fixes.contains(fix) { fixes.append(fix) } }
            if !fixes.isEmpty {
                body.append(.element("h3", text: "What would help"))
                body.append(.element("ul", [], fixes.map { .element("li", text: $0) }))
            }
        } else {
            body.append(.paragraph("No valid plan was found within the time limit. Run again with a longer --time-limit."))
        }
        return ReportSection(id: .noPlan, title: "Why there is no plan", body: HTML.join(body))
    }

    func route(_ plan: Plan) -> ReportSection {
        let lossUnit = utility == .gas ? "Pa" : "m"
        var t = HTMLTable(columns: [
            .init("segment", noWrap: true), .init("from → to"), .init("length m", numeric: true), .init("pipe"), .init("surface"),
            .init("owner"),
            .init("households", numeric: true), .init("flow m³/h", numeric: true), .init("v m/s", numeric: true),
            .init("loss \(lossUnit)", numeric: true), .init("cost CNY", numeric: true),
        ])
        var lengthTenths = 0
        var costFen: Fen = 0
        for seg in plan.segments {
            t.add([
                seg.segmentID, "\(seg.upstreamNodeID) → \(seg.downstreamNodeID)", ReportText.fixed(seg.lengthMetres, 1), seg.pipe.label,
                seg.surface,
                seg.ownerID ?? "–", String(seg.householdsDownstream), ReportText.fixed(seg.designFlowCubicMetresPerHour, 2),
                ReportText.fixed(seg.velocityMetresPerSecond, 2), ReportText.fixed(seg.frictionLoss, utility == .gas ? 1 : 2),
                ReportText.cny(seg.costFen),
            ])
            lengthTenths += Int((seg.lengthMetres * 10).rounded())
            costFen += seg.costFen
        }
        t.addFooter([
            "total", ReportText.plural(plan.segments.count, "segment"), ReportText.fixed(Double(lengthTenths) / 10, 1), "", "", "", "", "",
            "", "", ReportText.cny(costFen),
        ])
        let note = HTML.paragraph(
            "Segments in the order the gas or water flows, from the source. “households” counts those downstream of the segment; "
                + "flow is the design flow through it; loss is the friction loss along it.", class: "note")
        return ReportSection(id: .route, title: "Route", body: note + t.html, keepTogether: plan.segments.count <= Self.shortTableRows)
    }

    func service(_ plan: Plan) -> ReportSection {
        let decimals = ReportText.serviceDecimals(utility)
        let what = utility == .gas ? "pressure kPa" : "head m"
        var t = HTMLTable(columns: [
            .init("building"), .init("node"), .init("floors", numeric: true), .init("households", numeric: true), .init("source"),
            .init(what, numeric: true), .init("required", numeric: true), .init("margin", numeric: true), .init("note"),
        ])
        let smallest = plan.smallestMargin
        for b in plan.buildings {
            let floors = scenario.buildings.first { $0.id == b.buildingID }?.floors ?? 0
            let tight = smallest.map { abs(b.margin - $0) < 1e-12 } ?? false
            t.add(
                [
                    b.buildingID, b.nodeID, String(floors), String(b.households), b.sourceID, ReportText.fixed(b.value, decimals),
                    ReportText.fixed(b.required, decimals), ReportText.fixed(b.margin, decimals), tight ? "smallest margin" : "",
                ],
                class: tight ? "tight" : nil)
        }
        for d in plan.demands {
            t.add([
                d.nodeID, d.nodeID, "", "", d.sourceID, ReportText.fixed(d.value, decimals),
                d.required.map { ReportText.fixed($0, decimals) } ?? "–",
                d.margin.map { ReportText.fixed($0, decimals) } ?? "–",
                "explicit demand \(ReportText.fixed(d.designFlowCubicMetresPerHour, 2)) m³/h",
            ])
        }
        let note: String
        if utility == .gas {
            note =
                "Gauge pressure at each building inlet at the design flow, against the minimum the building needs. The margin is what the network may still lose."
        } else {
            note =
                "Pressure head at each building inlet (metres above the building's ground) at the peak flow, against the service head its floors need."
        }
        return ReportSection(
            id: .service, title: utility == .gas ? "Pressure at the buildings" : "Pressure head at the buildings",
            body: .paragraph(note, class: "note") + t.html, keepTogether: plan.buildings.count + plan.demands.count <= Self.shortTableRows)
    }

    func quantities(_ plan: Plan) -> ReportSection {
        var t = HTMLTable(columns: [.init("item"), .init("quantity", numeric: true), .init("unit"), .init("cost CNY", numeric: true)])
        var sum: Fen = 0
        for l in plan.billOfQuantities {
            t.add([
                l.item, l.unit == "m" ? ReportText.fixed(l.quantity, 1) : ReportText.fixed(l.quantity, 0), l.unit,
                ReportText.cny(l.costFen),
            ])
            sum += l.costFen
        }
        t.addFooter(["total of the bill", "", "", ReportText.cny(sum)])
        let c = plan.costs
        var k = HTMLTable(columns: [.init("part"), .init("CNY", numeric: true)], styleClass: "key-value", caption: "Cost summary")
        k.add(["pipes", ReportText.cny(c.pipesFen)])
        k.add(["tie-ins", ReportText.cny(c.tieInsFen)])
        k.add(["regulator boxes", ReportText.cny(c.regulatorsFen)])
        k.add(["consents (not in the bill of quantities)", ReportText.cny(c.consentsFen)])
        k.add(["household items", ReportText.cny(c.householdItemsFen)])
        k.addFooter(["total", ReportText.cny(c.totalFen)])
        return ReportSection(
            id: .quantities, title: "Bill of quantities and cost", body: t.html + k.html,
            keepTogether: plan.billOfQuantities.count <= Self.shortTableRows)
    }

    func consents() -> ReportSection {
        var t = HTMLTable(columns: [
            .init("owner"), .init("name"), .init("status"), .init("cost CNY", numeric: true), .init("in this plan"),
        ])
        let used = Dictionary(plan?.consents.map { ($0.ownerID, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let forbidden = input.constraints.forbidden
        let ordered = scenario.owners.sorted { (used[$0.id] == nil ? 1 : 0, $0.id) < (used[$1.id] == nil ? 1 : 0, $1.id) }
        for o in ordered {
            let use: String
            if let u = used[o.id] {
                use = "used for " + u.uses.joined(separator: ", ")
            } else if o.consent == .refused {
                use = "left out: consent refused"
            } else if forbidden.contains(o.id) {
                use = "left out with --forbid"
            } else {
                use = plan == nil ? "–" : "not used"
            }
            t.add(html: [
                HTML(text: o.id), HTML(text: o.name), consentCell(o.consent),
                HTML(text: ReportText.cny(used[o.id]?.costFen ?? o.consentCostFen)), HTML(text: use),
            ])
        }
        var body = HTML.paragraph(
            "Everyone whose land or network a candidate route crosses. The plan may use only granted or pending consents; a pending one is a risk until it is granted.",
            class: "note")
        body += t.html
        if let pending = plan?.pendingConsentOwnerIDs, !pending.isEmpty {
            body += .paragraph(
                "Pending: \(pending.joined(separator: ", ")). The plan depends on \(pending.count == 1 ? "this consent" : "these consents"); "
                    + "run connplan with --forbid \(pending[0]) to see the plan if it is refused.")
        }
        return ReportSection(id: .consents, title: "Consents", body: body, keepTogether: scenario.owners.count <= Self.shortTableRows)
    }
}
