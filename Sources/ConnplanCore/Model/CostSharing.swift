// SPDX-License-Identifier: GPL-3.0-or-later
//
// Who pays what: the parties to a connection and their rules (scenario section `cost_sharing`).
// Amounts are integer fen.

/// A category of cost in a plan, which a party's rule can cover.
public enum CostCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Pipe laid on the compound's own land (segments without an owner).
    case pipesInside = "pipes_inside"
    /// Pipe laid on others' land or under roads (segments with an owner).
    case pipesOutside = "pipes_outside"
    case tieIn = "tie_in"
    case regulator
    case consent
    /// Fixed per-household items (meter, indoor work): each household's own items.
    case householdItems = "household_items"

    /// Categories shared by households through the sharing basis (everything but own items).
    public static let common: [CostCategory] = [.pipesInside, .pipesOutside, .tieIn, .regulator, .consent]
}

/// How common works are shared among households before caps and subsidies.
public enum SharingBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each segment's cost split equally among the households downstream of it; tie-ins,
    /// regulators and consents among the households fed through them. On a tree this is the
    /// Shapley value of the airport game, which is in the core.
    case path
    case equal
    /// Proportional to each household's floor area (needs `floor_area_m2` on every household).
    case floorArea = "floor_area"
    /// Proportional to each household's design demand (equal when all households have the same appliances).
    case demand
}

public enum PartyKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The gas or water company: pays the categories it covers outright.
    case utility
    /// A subsidy fund (e.g. the district treasury): pays towards eligible households' shares.
    case subsidy
    /// A sponsor (e.g. a bureau that adopted the compound): pays the categories it covers outright.
    case sponsor
    /// Receives a compensation (e.g. a host compound); the compensation is an extra cost item.
    case host
    /// A person or body that only advances households' shares (e.g. a community leader).
    case advancer
}

public enum Eligibility: Sendable, Hashable {
    case all
    case lowIncome
    case households([String])
}

public struct Party: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: PartyKind
    /// Categories this party pays outright (utility, sponsor) or subsidises (subsidy).
    public var covers: [CostCategory]
    public var totalCapFen: Fen?
    /// Subsidies: the most paid towards one household.
    public var perHouseholdCapFen: Fen?
    public var eligible: Eligibility
    /// Hosts: compensation paid to this party, added to the cost to share.
    public var compensationFen: Fen
    public var location: SourceLocation?
    public init(
        id: String, name: String, kind: PartyKind, covers: [CostCategory] = [], totalCapFen: Fen? = nil,
        perHouseholdCapFen: Fen? = nil, eligible: Eligibility = .all, compensationFen: Fen = 0, location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.covers = covers
        self.totalCapFen = totalCapFen
        self.perHouseholdCapFen = perHouseholdCapFen
        self.eligible = eligible
        self.compensationFen = compensationFen
        self.location = location
    }
}

/// Party `partyID` pays the balances due of these households now; each household owes it back.
public struct Advance: Sendable, Hashable {
    public var partyID: String
    public var householdIDs: [String]
    public var location: SourceLocation?
    public init(partyID: String, householdIDs: [String], location: SourceLocation? = nil) {
        self.partyID = partyID
        self.householdIDs = householdIDs
        self.location = location
    }
}

/// The `cost_sharing` section of a scenario.
public struct CostSharing: Sendable, Hashable {
    public var basis: SharingBasis
    /// Households pay whole multiples of this (1, 100 or 1000 fen: 0.01, 1 or 10 CNY).
    public var roundingUnitFen: Fen
    /// Cap on what a low-income household pays, before reconciliation with what it already paid.
    public var lowIncomeCapFen: Fen?
    /// Cap on what any household pays.
    public var householdCapFen: Fen?
    public var parties: [Party]
    public var advances: [Advance]
    public init(
        basis: SharingBasis = .path, roundingUnitFen: Fen = 1, lowIncomeCapFen: Fen? = nil, householdCapFen: Fen? = nil,
        parties: [Party] = [], advances: [Advance] = []
    ) {
        self.basis = basis
        self.roundingUnitFen = roundingUnitFen
        self.lowIncomeCapFen = lowIncomeCapFen
        self.householdCapFen = householdCapFen
        self.parties = parties
        self.advances = advances
    }
}
