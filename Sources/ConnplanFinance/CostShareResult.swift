// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cost-share plan: what each household and each party pays, why, and how it squares with
// money already collected. Every amount is integer fen; the parts add up to the total exactly.

import ConnplanCore

/// One household's line of the cost-share table.
public struct HouseholdShare: Sendable, Hashable {
    public var householdID: String
    public var buildingID: String
    public var floor: Int?
    public var lowIncome: Bool
    /// The household's share under the basis rule (common works + own items), fen, before caps and
    /// subsidies (rounded to the fen for display; the optimisation works with the exact value).
    public var basisShareFen: Fen
    /// Its share of the common works that households bear (basis rule), fen.
    public var commonWorksFen: Fen
    /// Its own items (meter, indoor work) that households bear, fen.
    public var ownItemsFen: Fen
    /// Subsidy paid towards this household, fen.
    public var subsidyFen: Fen
    /// What the household pays in all (after subsidy and caps), fen.
    public var paymentFen: Fen
    /// The cap that limited its payment, if one bound.
    public var capAppliedFen: Fen?
    /// Party that advances its balance now, if any.
    public var advancedBy: String?
    public var alreadyPaidFen: Fen
    /// payment − already paid: > 0 a top-up is due, < 0 a refund.
    public var balanceFen: Fen { paymentFen - alreadyPaidFen }
    /// Payment above its basis share net of subsidy (what others' caps cost it), fen; ≤ 0 when none.
    public var excessFen: Fen { paymentFen + subsidyFen - basisShareFen }
}

/// One party's line: what it pays and for what.
public struct PartyShare: Sendable, Hashable {
    public var partyID: String
    public var name: String
    public var kind: String
    /// Amounts it pays by cost category (utility, sponsor) or in subsidies, fen.
    public var paysFen: Fen
    public var detail: [(category: String, fen: Fen)]
    /// Amount it advances now for households (recovered from them later), fen.
    public var advancesFen: Fen
    /// Compensation it receives (hosts), fen.
    public var receivesFen: Fen
    public static func == (a: PartyShare, b: PartyShare) -> Bool {
        a.partyID == b.partyID && a.paysFen == b.paysFen && a.advancesFen == b.advancesFen && a.receivesFen == b.receivesFen
            && a.detail.map(\.category) == b.detail.map(\.category) && a.detail.map(\.fen) == b.detail.map(\.fen)
    }
    public func hash(into h: inout Hasher) { h.combine(partyID); h.combine(paysFen) }
}

/// A debt created by an advance: `householdID` owes `partyID`.
public struct Debt: Sendable, Hashable {
    public var householdID: String
    public var partyID: String
    public var amountFen: Fen
}

public enum CostShareStatus: String, Sendable, Codable {
    /// Every rule holds and the total is covered exactly.
    case balanced
    /// The rules cannot cover the cost; `fundingGapFen` and the findings say what would close it.
    case fundingGap = "funding_gap"
}

public struct CostSharePlan: Sendable {
    public var status: CostShareStatus
    public var basis: SharingBasis
    public var roundingUnitFen: Fen
    /// The plan's capital cost plus any host compensation: what everybody together pays, fen.
    public var totalFen: Fen
    public var households: [HouseholdShare]
    public var parties: [PartyShare]
    public var debts: [Debt]
    public var fundingGapFen: Fen
    /// Fairness and funding findings (buildings above their stand-alone cost, households above
    /// their basis share and why, binding caps, what would close a gap).
    public var findings: [Finding]

    public var householdsTotalFen: Fen { households.reduce(0) { $0 + $1.paymentFen } }
    public var subsidiesTotalFen: Fen { households.reduce(0) { $0 + $1.subsidyFen } }
    public var partiesOutrightFen: Fen {
        parties.filter { $0.kind == PartyKind.utility.rawValue || $0.kind == PartyKind.sponsor.rawValue }.reduce(0) { $0 + $1.paysFen }
    }
    /// households + subsidies + utility/sponsor payments + gap == total, exactly.
    public var reconciles: Bool { householdsTotalFen + subsidiesTotalFen + partiesOutrightFen + fundingGapFen == totalFen }
}
