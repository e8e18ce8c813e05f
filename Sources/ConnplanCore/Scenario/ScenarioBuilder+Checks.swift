// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

// Pass 2: rules that need the whole file: references, record counts, segment lengths,
// buildability, water heads, and warnings for things nothing uses.

extension ScenarioBuilder {
    func checkReferences() {
        for ref in references {
            let table: [String: Int]
            let section: String
            switch ref.kind {
            case .node: (table, section) = (nodeIndex, "nodes")
            case .owner: (table, section) = (ownerIndex, "owners")
            case .building: (table, section) = (buildingIndex, "compounds' buildings")
            case .household: (table, section) = (householdIndex, "households")
            case .party: (table, section) = (partyIndex, "cost_sharing's parties")
            }
            guard table[ref.id] == nil else { continue }
            let hint = Suggestion.closest(to: ref.id, in: Array(table.keys).sorted()).map { "Did you mean '\($0)'? " } ?? ""
            diag.error(
                "missing-reference", at: ref.at, subject: ref.subject,
                "\(ref.role) is '\(ScalarValue.clip(ref.id))', but no \(ref.kind.rawValue) has that id",
                fix: "\(hint)Correct the id, or add a \(ref.kind.rawValue) '\(ScalarValue.clip(ref.id))' to \(section).")
        }
    }

    /// If any household record names a building, that building's records must number exactly
    /// its `households`; and a record's floor must exist in its building.
    func checkHouseholds() {
        var counts: [String: Int] = [:]
        for h in households where buildingIndex[h.buildingID] != nil { counts[h.buildingID, default: 0] += 1 }
        for building in buildings {
            guard let count = counts[building.id], count != building.households, let at = buildingHouseholdsAt[building.id]
            else { continue }
            diag.error(
                "household-count", at: at, subject: building.id,
                "building declares \(building.households) households but \(count) household record\(count == 1 ? "" : "s") name\(count == 1 ? "s" : "") it",
                fix: "Add or remove household records, or correct 'households', so the two agree.")
        }
        for entry in householdFloors {
            guard let b = buildingIndex[entry.buildingID].map({ buildings[$0] }), entry.floor > b.floors else { continue }
            diag.error(
                "out-of-range", at: entry.at, subject: entry.subject,
                "household is on floor \(entry.floor) but building '\(b.id)' has \(b.floors) floor\(b.floors == 1 ? "" : "s")",
                fix: "Correct the household's 'floor' or the building's 'floors'.")
        }
    }

    /// Water heads: `pressure_head_m` becomes total head (elevation + pressure head); a total
    /// `head_m` below the node's own elevation would mean negative pressure at the tie-in.
    func resolveWaterHeads() {
        for pending in pendingPressureHeads where pending.sourceIndex < sources.count {
            guard let n = nodeIndex[sources[pending.sourceIndex].nodeID] else { continue }
            sources[pending.sourceIndex].headMetres = nodes[n].elevationMetres + pending.pressureHeadMetres
        }
        for entry in totalHeads {
            guard let n = nodeIndex[entry.nodeID], entry.headMetres < nodes[n].elevationMetres else { continue }
            diag.error(
                "out-of-range", at: entry.at, subject: entry.subject,
                "head_m \(NumberRule.format(entry.headMetres)) m is below the elevation of node '\(entry.nodeID)' (\(NumberRule.format(nodes[n].elevationMetres)) m), i.e. negative pressure",
                fix: "Give the total head (elevation + pressure head), or use 'pressure_head_m' for the head above the node.")
        }
    }

    /// Length from coordinates when `length_m` is absent; a warning when both are given and
    /// differ by more than 20 %; every segment must be buildable.
    func resolveSegments() {
        let pricedBy = Dictionary(grouping: pipes.flatMap { p in p.costPerMetreFen.keys.map { ($0, p.id) } }, by: \.0)
        for i in segments.indices {
            let s = segments[i].segment
            let subject = s.id
            if let a = nodeIndex[s.fromNodeID].map({ nodes[$0] }), let b = nodeIndex[s.toNodeID].map({ nodes[$0] }),
                s.fromNodeID != s.toNodeID
            {
                var straight: Double?
                if let ax = a.xMetres, let ay = a.yMetres, let bx = b.xMetres, let by = b.yMetres {
                    straight = hypot(bx - ax, by - ay)
                }
                switch (segments[i].lengthGiven, straight) {
                case (_?, _?) where segments[i].lengthFromGeometry:
                    break  // measured along the drawn route, which may wind
                case (let given?, let straight?):
                    if abs(given - straight) > 0.2 * straight {
                        diag.warning(
                            "length-mismatch", at: segments[i].lengthAt ?? segments[i].at, subject: subject,
                            "length_m is \(NumberRule.format(given)) m but its nodes are \(String(format: "%.1f", straight)) m apart in a straight line (more than 20 % different)",
                            fix: "Check length_m and the node positions; keep length_m if the route really winds.")
                    }
                case (nil, let straight?):
                    if straight > 0 {
                        segments[i].segment.lengthMetres = straight
                    } else {
                        diag.error(
                            "missing-length", at: segments[i].at, subject: subject,
                            "segment has no length_m and its nodes '\(a.id)' and '\(b.id)' are at the same position",
                            fix: "Add 'length_m', or correct the node coordinates.")
                    }
                case (nil, nil):
                    if nodesWithBadCoordinates.contains(a.id) || nodesWithBadCoordinates.contains(b.id) { break }
                    let without = [a, b].first { $0.xMetres == nil }?.id ?? a.id
                    diag.error(
                        "missing-length", at: segments[i].at, subject: subject,
                        "segment has no length_m and node '\(without)' has no coordinates to compute it from",
                        fix: "Add 'length_m', or give both nodes coordinates.")
                case (_?, nil):
                    break
                }
            }
            guard s.existing == nil, !s.surface.isEmpty, pricedBy[s.surface] == nil else { continue }
            let surfaces = pricedBy.keys.sorted()
            let catalogue =
                surfaces.isEmpty
                ? "the scenario has no priced catalogue pipes"
                : "catalogue pipes price only " + Suggestion.list(surfaces) + " (pipes " + Suggestion.list(pipes.map(\.id)) + ")"
            let hint = Suggestion.closest(to: s.surface, in: surfaces).map { "Did you mean '\($0)'? Otherwise add" } ?? "Add"
            diag.error(
                "unbuildable-segment", at: segments[i].surfaceAt, subject: subject,
                "segment cannot be built: no pipe has a price for surface '\(ScalarValue.clip(s.surface))' and there is no existing pipe; \(catalogue)",
                fix: "\(hint) a '\(ScalarValue.clip(s.surface))' price to a pipe's cost_per_m_cny, or describe the existing pipe.")
        }
    }

    /// Owners, nodes and pipes that nothing refers to: harmless, but usually a typo elsewhere.
    func warnUnused() {
        let referenced = Set(references.map { "\($0.kind.rawValue)\u{0}\($0.id)" })
        for owner in owners where !referenced.contains("owner\u{0}\(owner.id)") {
            warn(
                "unused-owner", owner.location, owner.id, "owner is not used by any source or segment",
                "Remove it, or refer to it from a source or segment 'owner'.")
        }
        for node in nodes where !referenced.contains("node\u{0}\(node.id)") {
            warn(
                "unused-node", node.location, node.id, "node is not used by any building, source, segment or demand",
                "Remove it, or connect it with a segment.")
        }
        let surfaces = Set(segments.map(\.segment.surface))
        for pipe in pipes where !pipe.costPerMetreFen.isEmpty && surfaces.isDisjoint(with: pipe.costPerMetreFen.keys) {
            warn(
                "unused-pipe", pipe.location, pipe.id,
                "pipe prices no surface that any segment has (\(Suggestion.list(pipe.costPerMetreFen.keys.sorted())))",
                "Remove it, or add the segments' surfaces to its cost_per_m_cny.")
        }
    }

    private func warn(_ code: String, _ location: SourceLocation?, _ subject: String, _ message: String, _ fix: String) {
        diag.warning(
            code,
            at: SyntaxNode(kind: .sequence([]), line: location?.line ?? 1, column: location?.column ?? 1, file: location?.file),
            subject: subject, message, fix: fix)
    }
}
