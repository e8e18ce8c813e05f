// SPDX-License-Identifier: GPL-3.0-or-later

// The `cost_sharing` section: who pays what. Pass 1 reads the section (types, enums, money,
// which keys each kind of party may have); `checkCostSharing` (pass 2) checks what needs the
// rest of the file: households named by advances and eligibility lists, floor areas for the
// `floor_area` basis, and warnings for parties that have nothing to do.

extension ScenarioBuilder {
    static let costSharingKeys = ["basis", "rounding_cny", "low_income_cap_cny", "household_cap_cny", "parties", "advances"]
    static let partyKeys = [
        "id", "name", "kind", "covers", "total_cap_cny", "per_household_cap_cny", "eligible", "compensation_cny",
    ]

    /// `rounding_cny` → `CostSharing.roundingUnitFen`: households pay whole fen, yuan or tens of yuan.
    static let roundingUnitsFen: [Fen] = [1, 100, 1000]

    /// What pass 2 needs from the section.
    struct PendingCostSharing {
        /// Where `basis: floor_area` was written (nil for other bases).
        var floorAreaBasisAt: SyntaxNode?
    }

    // MARK: Pass 1

    func readCostSharing(_ m: SyntaxNode?) {
        guard let m,
            let r = ObjectReader(
                m, what: "the cost_sharing section", diag: diag, utility: utility, keys: Self.costSharingKeys)
        else { return }
        let basis = r.choice("basis", SharingBasis.self) ?? .path
        var rounding: Fen = 1
        if let v = r.value("rounding_cny"), let fen = r.money("rounding_cny") {
            if Self.roundingUnitsFen.contains(fen) {
                rounding = fen
            } else {
                r.error(
                    "invalid-value", "rounding_cny",
                    "'rounding_cny' in the cost_sharing section is \(ScalarValue.clip(v.scalarText ?? "")); allowed values: 0.01, 1, 10",
                    fix: "Use 0.01 (whole fen, the default), 1 (whole yuan) or 10 (tens of yuan).")
            }
        }
        let lowIncomeCap = r.money("low_income_cap_cny")
        let householdCap = r.money("household_cap_cny")

        var parties: [Party] = []
        for (i, item) in (r.list("parties") ?? []).enumerated() {
            if let party = readParty(item, number: i + 1) { parties.append(party) }
        }
        var advances: [Advance] = []
        /// Household id → (party, line) of the advance that first named it.
        var advanced: [String: (party: String, line: Int)] = [:]
        for (i, item) in (r.list("advances") ?? []).enumerated() {
            if let advance = readAdvance(item, number: i + 1, advanced: &advanced) { advances.append(advance) }
        }
        r.finish()

        pendingCostSharing = PendingCostSharing(floorAreaBasisAt: basis == .floorArea ? r.anchor("basis") : nil)
        costSharing = CostSharing(
            basis: basis, roundingUnitFen: rounding, lowIncomeCapFen: lowIncomeCap, householdCapFen: householdCap,
            parties: parties, advances: advances)
    }

    private func readParty(_ item: SyntaxNode, number: Int) -> Party? {
        guard
            let r = ObjectReader(
                item, what: "party", subject: "party #\(number)", diag: diag, utility: utility, keys: Self.partyKeys)
        else { return nil }
        let id = r.id()
        let name = r.string("name", required: true)
        let kind = r.choice("kind", required: true, PartyKind.self)

        /// Reports `key` when this kind of party may not have it; true when the key may be read.
        func allowed(_ key: String, on kinds: [PartyKind], because reason: String, fix: String) -> Bool {
            guard let kind, r.has(key), !kinds.contains(kind) else { return true }
            r.error("wrong-party-kind", key, "'\(key)' does not apply to \(Self.article(kind)) party: \(reason)", fix: fix)
            return false
        }
        let payers: [PartyKind] = [.utility, .subsidy, .sponsor]
        let paysNothing = "hosts and advancers pay no share of the works"

        var covers: [CostCategory] = []
        if allowed("covers", on: payers, because: paysNothing, fix: "Remove 'covers', or set 'kind' to utility, subsidy or sponsor.") {
            covers = readCovers(r, kind: kind)
            if let kind, payers.contains(kind), r.value("covers") == nil {
                r.missing("covers", "a list of cost categories, e.g. [pipes_outside, tie_in] or [common]")
            }
        }
        var totalCap: Fen?
        if allowed(
            "total_cap_cny", on: payers, because: paysNothing, fix: "Remove 'total_cap_cny', or set 'kind' to utility, subsidy or sponsor.")
        {
            totalCap = r.money("total_cap_cny")
        }
        var perHouseholdCap: Fen?
        if allowed(
            "per_household_cap_cny", on: [.subsidy], because: "only a subsidy pays towards individual households' shares",
            fix: "Remove 'per_household_cap_cny', or set `kind: subsidy`.")
        {
            perHouseholdCap = r.money("per_household_cap_cny")
        }
        var eligible: Eligibility = .all
        if allowed(
            "eligible", on: payers, because: paysNothing, fix: "Remove 'eligible', or set 'kind' to utility, subsidy or sponsor.")
        {
            eligible = readEligibility(r) ?? .all
        }
        var compensation: Fen = 0
        if allowed(
            "compensation_cny", on: [.host], because: "only a host receives a compensation",
            fix: "Remove 'compensation_cny', or set `kind: host`.")
        {
            if kind == .host, let fen = r.money("compensation_cny", required: true) {
                if fen == 0 {
                    r.error(
                        "out-of-range", "compensation_cny", "'compensation_cny' of a host party is 0; it must be greater than 0",
                        fix: "Set the compensation paid to the host, or remove the party if it is paid nothing.")
                }
                compensation = fen
            }
        }
        r.finish()
        guard let id, register(id, kind: "party", at: r.keyNode("id")) else { return nil }
        // Known even when the party itself has errors, so advances naming it are not reported too.
        partyIndex[id] = number - 1
        guard let kind else { return nil }
        return Party(
            id: id, name: name ?? id, kind: kind, covers: covers, totalCapFen: totalCap, perHouseholdCapFen: perHouseholdCap,
            eligible: eligible, compensationFen: compensation, location: diag.location(item))
    }

    /// `covers`: category names or `common` (all five shared categories). Stored in the order of
    /// `CostCategory.allCases`, without repeats, so equal meanings give equal models.
    private func readCovers(_ r: ObjectReader, kind: PartyKind?) -> [CostCategory] {
        guard let items = r.list("covers") else { return [] }
        if items.isEmpty {
            r.error(
                "empty-list", "covers", "'covers' of party is empty",
                fix: "List the cost categories the party pays, e.g. [pipes_outside, tie_in] or [common].")
        }
        let allowed = ["common"] + CostCategory.allCases.map(\.rawValue)
        var covered: Set<CostCategory> = []
        for item in items {
            guard case .scalar(let text, _) = item.kind else {
                diag.error(
                    "wrong-type", at: item, subject: r.subject,
                    "an entry of 'covers' in party is \(ScalarValue.describe(item)), not a cost category",
                    fix: "Write each entry as one of \(Suggestion.list(allowed)).")
                continue
            }
            if text == "common" {
                covered.formUnion(CostCategory.common)
            } else if let category = CostCategory(rawValue: text) {
                if category == .householdItems, kind == .utility {
                    diag.error(
                        "wrong-party-kind", at: item, subject: r.subject,
                        "a utility party cannot cover 'household_items': each household's own items (meter, indoor work) are paid by the household, a subsidy or a sponsor",
                        fix: "Remove 'household_items' from 'covers', or set 'kind' to subsidy or sponsor.")
                    continue
                }
                covered.insert(category)
            } else {
                let hint = Suggestion.closest(to: text, in: allowed).map { "Did you mean '\($0)'? " } ?? ""
                diag.error(
                    "invalid-value", at: item, subject: r.subject,
                    "'covers' of party lists '\(ScalarValue.clip(text))'; allowed values: \(Suggestion.list(allowed))",
                    fix: "\(hint)Use one of \(Suggestion.list(allowed)).")
            }
        }
        return CostCategory.allCases.filter(covered.contains)
    }

    /// `eligible`: `all`, `low_income`, or a list of household ids (checked in pass 2).
    private func readEligibility(_ r: ObjectReader) -> Eligibility? {
        guard let v = r.value("eligible") else { return .all }
        let allowed = ["all", "low_income"]
        switch v.kind {
        case .scalar(let text, _):
            if text == "all" { return .all }
            if text == "low_income" { return .lowIncome }
            let hint = Suggestion.closest(to: text, in: allowed).map { "Did you mean '\($0)'? " } ?? ""
            r.error(
                "invalid-value", "eligible",
                "'eligible' in party is '\(ScalarValue.clip(text))'; allowed values: 'all', 'low_income', or a list of household ids",
                fix: "\(hint)Use 'all', 'low_income', or a list of household ids such as [B1-101, B1-102].")
            return nil
        case .mapping:
            r.error(
                "wrong-type", "eligible", "'eligible' in party must be 'all', 'low_income' or a list of household ids, not a mapping",
                fix: "Write 'eligible' as 'all', 'low_income', or a list of household ids such as [B1-101, B1-102].")
            return nil
        case .sequence(let items):
            if items.isEmpty {
                r.error(
                    "empty-list", "eligible", "'eligible' of party is an empty list, so no household could receive anything",
                    fix: "List the eligible household ids, or write 'all' or 'low_income'.")
                return nil
            }
            guard let ids = householdIDs(items, key: "eligible", subject: r.subject) else { return nil }
            var seen: [String: SyntaxNode] = [:]
            for (id, at) in zip(ids, items) {
                if let first = seen[id] {
                    diag.error(
                        "duplicate-household", at: at, subject: r.subject,
                        "household '\(ScalarValue.clip(id))' is listed twice in 'eligible' (first at line \(first.line))",
                        fix: "List each household once.")
                } else {
                    seen[id] = at
                }
            }
            return .households(ids)
        }
    }

    private func readAdvance(
        _ item: SyntaxNode, number: Int, advanced: inout [String: (party: String, line: Int)]
    ) -> Advance? {
        guard
            let r = ObjectReader(
                item, what: "advance", subject: "advance #\(number)", diag: diag, utility: utility, keys: ["party", "households"])
        else { return nil }
        let party = r.string("party", required: true)
        if let party { r.subject = party }
        reference(.party, party, at: r.anchor("party"), subject: r.subject, role: "'party' of advance")
        let items = r.list("households", required: true)
        if let items, items.isEmpty {
            r.error(
                "empty-list", "households", "advance names no households",
                fix: "List the households whose shares the party advances, e.g. [B2-101, B3-402].")
        }
        let ids = items.flatMap { householdIDs($0, key: "households", subject: r.subject) }
        for (id, at) in zip(ids ?? [], items ?? []) {
            if let first = advanced[id] {
                diag.error(
                    "duplicate-household", at: at, subject: r.subject,
                    "household '\(ScalarValue.clip(id))' is advanced twice (first by '\(ScalarValue.clip(first.party))' at line \(first.line))",
                    fix: "Name each household in one advance only.")
            } else {
                advanced[id] = (party ?? "", at.line)
            }
        }
        r.finish()
        guard let party, let ids, !ids.isEmpty else { return nil }
        return Advance(partyID: party, householdIDs: ids, location: diag.location(item))
    }

    /// Household ids from a list, each recorded as a reference; nil (after reporting) if any entry is not text.
    private func householdIDs(_ items: [SyntaxNode], key: String, subject: String?) -> [String]? {
        var ids: [String] = []
        var ok = true
        for item in items {
            guard case .scalar(let text, let quoted) = item.kind, !ScalarValue.isNull(text: text, quoted: quoted),
                !text.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                diag.error(
                    "wrong-type", at: item, subject: subject,
                    "an entry of '\(key)' is \(ScalarValue.describe(item)), not a household id",
                    fix: "Write each entry of '\(key)' as a household id from 'households'.")
                ok = false
                continue
            }
            ids.append(text)
            reference(.household, text, at: item, subject: subject, role: "an entry of '\(key)'")
        }
        return ok ? ids : nil
    }

    static func article(_ kind: PartyKind) -> String {
        (kind == .advancer ? "an " : "a ") + kind.rawValue
    }

    // MARK: Pass 2

    /// Floor areas for the `floor_area` basis; warnings for advancers without advances and for
    /// parties whose categories have no cost in this scenario.
    func checkCostSharing() {
        guard let costSharing else { return }
        if let at = pendingCostSharing?.floorAreaBasisAt { checkFloorAreas(at: at) }

        let advancing = Set(costSharing.advances.map(\.partyID))
        let present = presentCategories(hosts: costSharing.parties.contains { $0.kind == .host })
        for party in costSharing.parties {
            let at = SyntaxNode(kind: .sequence([]), line: party.location?.line ?? 1, column: party.location?.column ?? 1)
            if party.kind == .advancer, !advancing.contains(party.id) {
                diag.warning(
                    "unused-party", at: at, subject: party.id, "advancer is not named by any advance",
                    fix: "Add an entry to 'advances' with `party: \(party.id)`, or remove the party.")
            }
            if !party.covers.isEmpty, present.isDisjoint(with: party.covers) {
                diag.warning(
                    "covers-nothing", at: at, subject: party.id,
                    "party covers \(Suggestion.list(party.covers.map(\.rawValue))), but the scenario has no cost in \(party.covers.count == 1 ? "that category" : "those categories")",
                    fix: "Correct 'covers', or remove the party if it has nothing to pay.")
            }
        }
    }

    /// Categories that can carry a cost in this scenario. Generous on purpose: a warning must
    /// never fire for a category some plan could use.
    private func presentCategories(hosts: Bool) -> Set<CostCategory> {
        var present: Set<CostCategory> = []
        for pending in segments {
            let s = pending.segment
            // A non-replaceable existing pipe is reused at no pipe cost.
            if let existing = s.existing, !existing.replaceable { continue }
            present.insert(s.ownerID == nil ? .pipesInside : .pipesOutside)
        }
        if sources.contains(where: { $0.tieInCostFen > 0 }) { present.insert(.tieIn) }
        if sources.contains(where: { $0.regulator != nil }) { present.insert(.regulator) }
        // A host's compensation is an extra cost of crossing its land or network, like a consent fee.
        if hosts || owners.contains(where: { $0.consentCostFen > 0 }) { present.insert(.consent) }
        if !householdCosts.isEmpty { present.insert(.householdItems) }
        return present
    }

    /// `basis: floor_area` needs a record with `floor_area_m2` for every household of every building.
    private func checkFloorAreas(at: SyntaxNode) {
        let byBuilding = Dictionary(grouping: households, by: \.buildingID)
        var missing: [String] = []
        var missingCount = 0
        for building in buildings {
            let records = byBuilding[building.id] ?? []
            if records.isEmpty {
                missingCount += building.households
                missing.append("building '\(building.id)' (no household records)")
                continue
            }
            for h in records where h.floorAreaSquareMetres == nil && !householdsWithBadFloorArea.contains(h.id) {
                missingCount += 1
                missing.append("'\(h.id)'")
            }
        }
        guard missingCount > 0 else { return }
        let shown = missing.prefix(4).joined(separator: ", ") + (missing.count > 4 ? ", …" : "")
        diag.error(
            "missing-floor-area", at: at, subject: nil,
            "basis 'floor_area' needs 'floor_area_m2' for every household, but \(missingCount) of \(totalHouseholds) household\(totalHouseholds == 1 ? "" : "s") have none: \(shown)",
            fix: "Add a record with 'floor_area_m2' to 'households' for every household of every building, or choose another basis.")
    }

    private var totalHouseholds: Int { buildings.reduce(0) { $0 + $1.households } }
}
