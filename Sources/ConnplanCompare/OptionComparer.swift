// SPDX-License-Identifier: GPL-3.0-or-later
//
// Every connection option side by side (DOMAIN.md, case 1): the best plan from each usable source on
// its own and the overall optimum; what happens if each pending consent is refused; the cheapest
// plan that needs no pending consent; what a source blocked by a refused consent would have been;
// and the impact of each option on the neighbour whose network it taps.
//
// The runs are independent `RoutePlanner` runs. They go in two rounds: the overall optimum (with
// the hypothetical runs, which can never reuse it) first, then every other run that the optimum
// does not already answer, in parallel. Results are assembled in a fixed order.

import ConnplanCore
import ConnplanPlanner
import Foundation
import MILP

/// Settings of a comparison.
public struct CompareOptions: Sendable {
    /// Time limit of each planner run, s (nil: none).
    public var timeLimitSeconds: Double?
    /// Relative gap at which each run may stop (0 proves every plan cheapest).
    public var relativeGap: Double
    /// How many runs may solve at once (1 = one after another).
    public var maxConcurrentRuns: Int
    public var stopFlag: StopFlag?
    /// Solver name for the reports, e.g. "GLPK 5.0".
    public var backendName: String

    public init(
        timeLimitSeconds: Double? = nil, relativeGap: Double = 0,
        maxConcurrentRuns: Int = ProcessInfo.processInfo.activeProcessorCount, stopFlag: StopFlag? = nil,
        backendName: String = "MILP solver"
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.maxConcurrentRuns = max(1, maxConcurrentRuns)
        self.stopFlag = stopFlag
        self.backendName = backendName
    }
}

/// Compares a compound's connection options. See `Comparison` for what comes back.
public struct OptionComparer: Sendable {
    public let scenario: Scenario
    /// The user's --forbid/--require; applied to every run.
    public let constraints: PlanConstraints
    public let options: CompareOptions
    /// Makes a fresh solver; called once per run, on the thread that runs it.
    let solverFactory: @Sendable () -> any MILPSolver

    public init(
        scenario: Scenario, constraints: PlanConstraints = PlanConstraints(), options: CompareOptions = CompareOptions(),
        solverFactory: @escaping @Sendable () -> any MILPSolver
    ) {
        self.scenario = scenario
        self.constraints = constraints
        self.options = options
        self.solverFactory = solverFactory
    }

    /// A run to make: what it adds to the user's constraints.
    struct Spec: Sendable {
        var id: String
        var purpose: ComparisonRun.Purpose
        var extraForbidden: Set<String>
        var refusalsSetAside: [String]
    }

    /// Same constraints (the user's required ids are common to all runs) and scenario ⇒ same answer.
    static func key(forbidden: Set<String>, refusalsSetAside: [String]) -> String {
        "forbid=" + forbidden.sorted().joined(separator: ",") + ";aside=" + refusalsSetAside.joined(separator: ",")
    }

    /// Runs every planner run the comparison needs and assembles the result.
    ///
    /// Throws `PlannerError` only for internal errors (a bug); infeasible options are results.
    public func compare() throws -> Comparison {
        let clock = ContinuousClock()
        let started = clock.now
        let facts = ScenarioFacts(scenario: scenario, constraints: constraints)

        // Round 1: the overall optimum, and the hypothetical runs (a different scenario, never reusable).
        var round1 = [Spec(id: ComparisonRunID.optimum, purpose: .overallOptimum, extraForbidden: [], refusalsSetAside: [])]
        for s in scenario.sources where facts.forbiddenBy(source: s).isEmpty {
            let refused = facts.refusedOwners(of: s)
            guard !refused.isEmpty else { continue }
            round1.append(
                Spec(
                    id: ComparisonRunID.hypothetical(s.id), purpose: .hypothetical(sourceID: s.id, refusedOwnerIDs: refused),
                    extraForbidden: facts.otherSources(than: s.id), refusalsSetAside: refused))
        }
        // Round 2: each usable source alone, each pending consent refused, and the safe plan.
        var round2: [Spec] = []
        for s in scenario.sources where facts.forbiddenBy(source: s).isEmpty && facts.refusedOwners(of: s).isEmpty {
            round2.append(
                Spec(
                    id: ComparisonRunID.source(s.id), purpose: .singleSource(sourceID: s.id),
                    extraForbidden: facts.otherSources(than: s.id), refusalsSetAside: []))
        }
        for o in facts.pendingOwners {
            round2.append(
                Spec(id: ComparisonRunID.without(o.id), purpose: .withoutOwner(ownerID: o.id), extraForbidden: [o.id], refusalsSetAside: [])
            )
        }
        let pendingIDs = facts.pendingOwners.map(\.id)
        round2.append(
            Spec(
                id: ComparisonRunID.safe, purpose: .safe(pendingOwnerIDs: pendingIDs), extraForbidden: Set(pendingIDs), refusalsSetAside: []
            ))

        var runs: [ComparisonRun] = []
        try execute(round1, facts: facts, into: &runs)
        try execute(round2, facts: facts, into: &runs)

        let d = clock.now - started
        let wall = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return Assembly(scenario: scenario, constraints: constraints, facts: facts, runs: runs)
            .comparison(maxConcurrentRuns: options.maxConcurrentRuns, wallSeconds: wall)
    }

    /// Resolves each spec (not run, reused or solved), solves the rest in parallel, and appends the
    /// runs in spec order.
    private func execute(_ specs: [Spec], facts: ScenarioFacts, into runs: inout [ComparisonRun]) throws {
        enum Decision {
            case notRun(String)
            case reuse(String)
            case solve
        }
        var decisions: [Decision] = []
        var firstWithKey: [String: String] = [:]
        func key(_ spec: Spec) -> String {
            Self.key(forbidden: constraints.forbidden.union(spec.extraForbidden), refusalsSetAside: spec.refusalsSetAside)
        }
        for run in runs {
            let k = Self.key(forbidden: run.constraints.forbidden, refusalsSetAside: run.refusalsSetAside)
            if case .solved = run.outcome, firstWithKey[k] == nil { firstWithKey[k] = run.id }
        }
        for spec in specs {
            if let conflict = facts.conflict(extraForbidden: spec.extraForbidden) {
                decisions.append(.notRun(conflict))
            } else if let same = firstWithKey[key(spec)] {
                decisions.append(.reuse(same))
            } else if spec.refusalsSetAside.isEmpty, let optimum = runs.first(where: { $0.id == ComparisonRunID.optimum }),
                Self.answers(optimum, spec: spec)
            {
                decisions.append(.reuse(optimum.id))
            } else {
                firstWithKey[key(spec)] = spec.id
                decisions.append(.solve)
            }
        }
        let toSolve = zip(specs, decisions).compactMap { spec, d -> Spec? in
            if case .solve = d { return spec }
            return nil
        }
        let solved = try ParallelRuns.map(toSolve, maxConcurrent: options.maxConcurrentRuns) { spec in try self.solve(spec) }
        // Every answer so far, by run id: earlier rounds' and this round's.
        var answers = Dictionary(uniqueKeysWithValues: zip(toSolve.map(\.id), solved))
        for run in runs { if let r = run.result { answers[run.id] = r } }
        for (spec, decision) in zip(specs, decisions) {
            let outcome: ComparisonRun.Outcome
            switch decision {
            case .notRun(let reason): outcome = .notRun(reason: reason)
            case .solve:
                // Every spec decided `.solve` is in `toSolve`, and `ParallelRuns.map` returns one result each.
                guard let r = answers[spec.id] else { preconditionFailure("run \(spec.id) was not solved") }
                outcome = .solved(r)
            case .reuse(let from):
                // Only solved runs (earlier, or in this round before this spec) are reused.
                guard let r = answers[from] else { preconditionFailure("run \(spec.id) reuses \(from), which has no answer") }
                outcome = .reused(fromRunID: from, r)
            }
            var c = constraints
            c.forbidden.formUnion(spec.extraForbidden)
            runs.append(
                ComparisonRun(id: spec.id, purpose: spec.purpose, constraints: c, refusalsSetAside: spec.refusalsSetAside, outcome: outcome)
            )
        }
    }

    /// Whether the overall optimum is also the answer of `spec`: it has a plan, and the plan uses
    /// nothing `spec` forbids. That plan is then feasible for the smaller problem, and no plan of the
    /// smaller problem can be cheaper than the larger problem's bound, so cost, status and gap carry over.
    static func answers(_ optimum: ComparisonRun, spec: Spec) -> Bool {
        guard let r = optimum.result, let plan = r.plan, r.status == .optimal || r.status == .feasible else { return false }
        let used = Set(
            plan.route.sourceIDs + plan.segments.map(\.segmentID) + plan.consents.map(\.ownerID)
                + plan.segments.compactMap(\.ownerID))
        return used.isDisjoint(with: spec.extraForbidden)
    }

    /// One planner run, on the calling thread, with its own solver.
    private func solve(_ spec: Spec) throws -> PlanningResult {
        var s = scenario
        if !spec.refusalsSetAside.isEmpty {
            for i in s.owners.indices where spec.refusalsSetAside.contains(s.owners[i].id) { s.owners[i].consent = .pending }
        }
        var c = constraints
        c.forbidden.formUnion(spec.extraForbidden)
        let planner = RoutePlanner(
            scenario: s,
            options: PlannerOptions(
                timeLimitSeconds: options.timeLimitSeconds, relativeGap: options.relativeGap, constraints: c, stopFlag: options.stopFlag),
            solver: solverFactory(), backendName: options.backendName)
        return try planner.plan()
    }
}

/// What the comparison needs to know about the scenario and the user's constraints.
struct ScenarioFacts: Sendable {
    let scenario: Scenario
    let constraints: PlanConstraints
    let ownerByID: [String: Owner]
    /// Pending owners that own a segment or source and that the user did not forbid, in scenario order.
    let pendingOwners: [Owner]

    init(scenario: Scenario, constraints: PlanConstraints) {
        self.scenario = scenario
        self.constraints = constraints
        ownerByID = Dictionary(scenario.owners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let owning = Set(scenario.segments.compactMap(\.ownerID) + scenario.sources.map(\.ownerID))
        pendingOwners = scenario.owners.filter {
            $0.consent == .pending && owning.contains($0.id) && !constraints.forbidden.contains($0.id)
        }
    }

    /// The user's --forbid ids that rule this source out (its id or its owner's).
    func forbiddenBy(source s: Source) -> [String] {
        [s.id, s.ownerID].filter { constraints.forbidden.contains($0) }
    }

    /// The source's owner, if it refused consent.
    func refusedOwners(of s: Source) -> [String] {
        ownerByID[s.ownerID]?.consent == .refused ? [s.ownerID] : []
    }

    func otherSources(than id: String) -> Set<String> {
        Set(scenario.sources.map(\.id).filter { $0 != id })
    }

    /// Why forbidding `extraForbidden` on top of the user's constraints contradicts a --require, if it does.
    func conflict(extraForbidden: Set<String>) -> String? {
        for id in constraints.required.sorted() {
            if extraForbidden.contains(id) { return "conflicts with --require \(id)" }
            let owner = scenario.segments.first { $0.id == id }?.ownerID ?? scenario.sources.first { $0.id == id }?.ownerID
            if let owner, extraForbidden.contains(owner) { return "conflicts with --require \(id) (needs \(owner))" }
        }
        return nil
    }
}
