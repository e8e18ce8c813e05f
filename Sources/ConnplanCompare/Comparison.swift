// SPDX-License-Identifier: GPL-3.0-or-later
//
// The result of comparing a compound's connection options: plain data, everything a text, JSON or
// HTML report needs, no formatting. Built by `OptionComparer`.

import ConnplanCore
import ConnplanPlanner

/// One planning run of a comparison: a `RoutePlanner` run with the user's --forbid/--require plus
/// what the comparison adds (other sources forbidden, a pending owner forbidden, or a refusal set aside).
public struct ComparisonRun: Sendable {
    public enum Purpose: Sendable, Hashable {
        /// Every usable source: the cheapest plan there is.
        case overallOptimum
        /// This source alone (every other source forbidden).
        case singleSource(sourceID: String)
        /// The cheapest plan if this owner's pending consent is refused (the owner forbidden).
        case withoutOwner(ownerID: String)
        /// The cheapest plan that needs no pending consent (every pending owner forbidden).
        case safe(pendingOwnerIDs: [String])
        /// What a source blocked by a refused consent would have been, had the owner agreed
        /// (its consent treated as pending; every other source forbidden). Not an available plan.
        case hypothetical(sourceID: String, refusedOwnerIDs: [String])
    }

    public enum Outcome: Sendable {
        /// Solved by its own planner run.
        case solved(PlanningResult)
        /// Not solved again: the answer is that of run `fromRunID`. Either the two runs have the
        /// same constraints, or the other run's plan avoids everything this run forbids (it is then
        /// also this run's cheapest plan, with the same proof: forbidding more cannot make a plan cheaper).
        case reused(fromRunID: String, PlanningResult)
        /// Not run: the constraints contradict the user's --require.
        case notRun(reason: String)
    }

    /// Stable id: "optimum", "source:S-TEL", "without:telecom", "safe", "hypothetical:S-TAX".
    public var id: String
    public var purpose: Purpose
    /// The user's constraints plus this run's own.
    public var constraints: PlanConstraints
    /// Owners whose refused consent was treated as pending (hypothetical runs only), sorted.
    public var refusalsSetAside: [String]
    public var outcome: Outcome

    public var result: PlanningResult? {
        switch outcome {
        case .solved(let r), .reused(_, let r): return r
        case .notRun: return nil
        }
    }
    public var plan: Plan? { result?.plan }
    public var reusedFromRunID: String? {
        if case .reused(let from, _) = outcome { return from }
        return nil
    }
}

/// One row of the options table.
public struct ComparedOption: Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// The cheapest plan over all usable sources, shown as its own row only when it taps more
        /// than one source (otherwise its single-source row carries `isOverallOptimum`).
        case overallOptimum = "overall_optimum"
        /// The best plan from one usable source on its own.
        case singleSource = "single_source"
        /// A source that cannot be used: its owner refused consent (or the user forbade it).
        case blocked
    }

    public enum Availability: Sendable, Hashable {
        /// The option has a plan (`plan`).
        case available
        /// No plan: infeasible (with the first reason), or none within the time limit.
        case noPlan(status: PlanStatus, reason: String)
        /// Its owner refused consent; `plan`, if any, is hypothetical.
        case refused(ownerIDs: [String])
        /// The user forbade the source or its owner (--forbid).
        case forbidden(ids: [String])
        /// Not run: it would contradict the user's --require.
        case conflicts(reason: String)
    }

    public var kind: Kind
    /// The source id, or "optimum" for a separate overall-optimum row.
    public var id: String
    /// Sources the option taps (its plan's sources; the source itself when there is no plan).
    public var sourceIDs: [String]
    public var label: String
    public var availability: Availability
    /// The run behind the row (the hypothetical run for a refused source).
    public var runID: String?
    /// The plan: available, or hypothetical for a refused source (`isHypothetical`); nil otherwise.
    public var plan: Plan?
    public var isHypothetical: Bool
    public var isOverallOptimum: Bool
    /// 1 = cheapest available option; nil for options without an available plan.
    public var rank: Int?
    /// Solver status of the row's run (nil when not run).
    public var planStatus: PlanStatus?
    /// Relative gap of the row's run (0 when proven).
    public var relativeGap: Double?
    /// Working days of the works; nil until the scenario has a works schedule.
    public var durationWorkingDays: Int?

    public var isAvailable: Bool { availability == .available && plan != nil }
    public var totalCostFen: Fen? { plan?.costs.totalFen }
    /// Total cost ÷ households served, rounded half away from zero to the fen (an average for
    /// comparing options; `connplan costs` gives each household's exact share).
    public var costPerHouseholdFen: Fen? {
        guard let p = plan, p.households > 0 else { return nil }
        return Fen((Double(p.costs.totalFen) / Double(p.households)).rounded(.toNearestOrAwayFromZero))
    }
    public var smallestMargin: Double? { plan?.smallestMargin }

    /// The row's status in words: "optimal", "feasible, gap 1.20 %" (the best plan found in the
    /// time limit, not proven cheapest), "no plan: ...",
    /// "blocked: tax-bureau refused consent", "forbidden: --forbid S-TEL", "not run: ...".
    public var statusText: String {
        switch availability {
        case .available:
            switch planStatus {
            case .feasible?:
                return "feasible, gap \(Self.percent(relativeGap ?? 0))"
            case .optimal?:
                if let g = relativeGap, g > 0 { return "optimal within gap \(Self.percent(g))" }
                return "optimal"
            default: return planStatus?.rawValue ?? "available"
            }
        case .noPlan(_, let reason): return "no plan: \(reason)"
        case .refused(let owners):
            return "blocked: \(owners.joined(separator: ", ")) refused consent"
        case .forbidden(let ids): return "forbidden: " + ids.map { "--forbid \($0)" }.joined(separator: " ")
        case .conflicts(let reason): return "not run: \(reason)"
        }
    }

    static func percent(_ fraction: Double) -> String {
        let p = (fraction * 10_000).rounded() / 100
        return String(format: "%.2f %%", p)
    }
}

/// What happens if one pending consent is refused.
public struct ConsentWhatIf: Sendable {
    public var ownerID: String
    public var ownerName: String
    /// Whether the overall optimum relies on this consent (if not, a refusal changes nothing).
    public var usedByOptimum: Bool
    public var runID: String?
    /// The cheapest plan without this owner; nil if none (see `noPlanReason`).
    public var plan: Plan?
    public var planStatus: PlanStatus?
    public var relativeGap: Double?
    public var noPlanReason: String?
    /// plan cost − optimum cost, fen (nil without both).
    public var extraCostFen: Fen?
}

/// The cheapest plan that needs no pending consent.
public struct SafePlan: Sendable {
    /// Pending owners it avoids.
    public var pendingOwnerIDs: [String]
    public var runID: String?
    public var plan: Plan?
    public var planStatus: PlanStatus?
    public var relativeGap: Double?
    /// Safe cost − optimum cost, fen, and as a fraction of the optimum.
    public var premiumFen: Fen?
    public var premiumFraction: Double?
    /// Why there is none (no plan avoids every pending owner, or --require keeps one).
    public var noPlanReason: String?
    /// True when the overall optimum itself needs no pending consent.
    public var isOverallOptimum: Bool
}

/// The neighbour impact statement of one option's plan on one host network.
public struct NeighbourImpact: Sendable {
    /// The option row (`ComparedOption.id`) whose plan this is.
    public var optionID: String
    /// True when that plan is hypothetical (the host refused consent).
    public var isHypothetical: Bool
    public var sourceID: String
    public var sourceName: String
    public var ownerID: String
    public var ownerName: String
    public var consent: Consent
    public var impact: HostImpact
}

/// Everything `connplan compare` reports.
public struct Comparison: Sendable {
    public var scenario: Scenario
    /// The user's --forbid/--require, applied to every run.
    public var constraints: PlanConstraints
    /// Every run in a fixed order: optimum, hypotheticals, single sources, what-ifs, safe plan.
    public var runs: [ComparisonRun]
    /// Options cheapest first; then options without a plan, blocked and forbidden ones, in scenario order.
    public var options: [ComparedOption]
    public var consentWhatIfs: [ConsentWhatIf]
    public var safePlan: SafePlan
    public var neighbourImpacts: [NeighbourImpact]
    /// Sources some option taps that have no `host` data (no impact statement possible).
    public var sourcesWithoutHostData: [String]
    /// How many runs were allowed at once, and the wall-clock time of the whole comparison, s.
    public var maxConcurrentRuns: Int
    public var wallSeconds: Double

    public func run(_ id: String) -> ComparisonRun? { runs.first { $0.id == id } }
    /// The overall optimum's run.
    public var optimumRun: ComparisonRun? { run(ComparisonRunID.optimum) }
    public var optimum: Plan? { optimumRun?.plan }
    /// True if at least one option has an available plan (exit status 0 of `connplan compare`).
    public var hasAvailablePlan: Bool { options.contains { $0.isAvailable } }
    /// Runs actually solved (not reused, not skipped).
    public var solvedRunCount: Int {
        runs.filter { if case .solved = $0.outcome { return true } else { return false } }.count
    }
}

/// Run ids, stable across versions (they appear in the JSON output).
public enum ComparisonRunID {
    public static let optimum = "optimum"
    public static let safe = "safe"
    public static func source(_ id: String) -> String { "source:\(id)" }
    public static func without(_ owner: String) -> String { "without:\(owner)" }
    public static func hypothetical(_ source: String) -> String { "hypothetical:\(source)" }
}
