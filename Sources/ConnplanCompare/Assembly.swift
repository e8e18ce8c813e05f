// SPDX-License-Identifier: GPL-3.0-or-later
//
// Turns the runs of a comparison into its rows: options ranked by cost, consent what-ifs, the safe
// plan and the neighbour impact statements. No solving here.

import ConnplanCore
import ConnplanPlanner

struct Assembly {
    let scenario: Scenario
    let constraints: PlanConstraints
    let facts: ScenarioFacts
    let runs: [ComparisonRun]

    func run(_ id: String) -> ComparisonRun? { runs.first { $0.id == id } }

    func comparison(maxConcurrentRuns: Int, wallSeconds: Double) -> Comparison {
        let options = optionRows()
        return Comparison(
            scenario: scenario, constraints: constraints, runs: runs, options: options, consentWhatIfs: whatIfs(),
            safePlan: safePlan(), neighbourImpacts: impacts(options), sourcesWithoutHostData: sourcesWithoutHost(options),
            maxConcurrentRuns: maxConcurrentRuns, wallSeconds: wallSeconds)
    }

    var optimum: Plan? { run(ComparisonRunID.optimum)?.plan }

    /// The first reason a run has no plan, in a few words.
    static func noPlanReason(_ r: PlanningResult) -> String {
        if r.status == .noSolutionWithinTimeLimit { return "none found within the time limit" }
        guard var m = r.diagnosis.first?.message else { return "infeasible" }
        if m.hasSuffix(".") { m.removeLast() }
        return m
    }

    // MARK: Options

    func optionRows() -> [ComparedOption] {
        var rows: [ComparedOption] = []
        for s in scenario.sources {
            let refused = facts.refusedOwners(of: s)
            let forbidden = facts.forbiddenBy(source: s)
            var row = ComparedOption(
                kind: .singleSource, id: s.id, sourceIDs: [s.id], label: s.name, availability: .available, runID: nil, plan: nil,
                isHypothetical: false, isOverallOptimum: false, rank: nil, planStatus: nil, relativeGap: nil, durationWorkingDays: nil)
            if !refused.isEmpty || !forbidden.isEmpty {
                row.kind = .blocked
                row.availability = refused.isEmpty ? .forbidden(ids: forbidden) : .refused(ownerIDs: refused)
                if let hyp = run(ComparisonRunID.hypothetical(s.id)) {
                    row.runID = hyp.id
                    fill(&row, from: hyp)
                    row.isHypothetical = row.plan != nil
                }
            } else if let single = run(ComparisonRunID.source(s.id)) {
                row.runID = single.id
                switch single.outcome {
                case .notRun(let reason): row.availability = .conflicts(reason: reason)
                case .solved(let r), .reused(_, let r):
                    fill(&row, from: single)
                    if r.plan == nil { row.availability = .noPlan(status: r.status, reason: Self.noPlanReason(r)) }
                }
                row.isOverallOptimum = row.plan != nil && optimum?.route.sourceIDs == [s.id]
            }
            if let p = row.plan { row.sourceIDs = p.route.sourceIDs }
            rows.append(row)
        }
        if let opt = run(ComparisonRunID.optimum), let plan = opt.plan, plan.route.sourceIDs.count > 1 {
            var row = ComparedOption(
                kind: .overallOptimum, id: ComparisonRunID.optimum, sourceIDs: plan.route.sourceIDs,
                label: "all usable sources together", availability: .available, runID: opt.id, plan: nil, isHypothetical: false,
                isOverallOptimum: true, rank: nil, planStatus: nil, relativeGap: nil, durationWorkingDays: nil)
            fill(&row, from: opt)
            rows.append(row)
        }
        // Rank the available options by cost; ties: the overall optimum first, then scenario order.
        let order = Dictionary(uniqueKeysWithValues: scenario.sources.enumerated().map { ($1.id, $0) })
        func position(_ r: ComparedOption) -> Int { r.kind == .overallOptimum ? -1 : order[r.id] ?? Int.max }
        let available = rows.filter(\.isAvailable).sorted {
            ($0.totalCostFen ?? 0, position($0)) < ($1.totalCostFen ?? 0, position($1))
        }
        var ranked: [ComparedOption] = []
        for (i, var r) in available.enumerated() {
            r.rank = i + 1
            ranked.append(r)
        }
        return ranked + rows.filter { !$0.isAvailable }
    }

    private func fill(_ row: inout ComparedOption, from run: ComparisonRun) {
        row.plan = run.plan
        row.planStatus = run.result?.status
        row.relativeGap = run.result?.solver.relativeGap
    }

    // MARK: Consents

    func whatIfs() -> [ConsentWhatIf] {
        facts.pendingOwners.map { owner in
            let r = run(ComparisonRunID.without(owner.id))
            var w = ConsentWhatIf(
                ownerID: owner.id, ownerName: owner.name,
                usedByOptimum: optimum?.consents.contains { $0.ownerID == owner.id } ?? false, runID: r?.id, plan: r?.plan,
                planStatus: r?.result?.status, relativeGap: r?.result?.solver.relativeGap, noPlanReason: nil, extraCostFen: nil)
            if let r {
                switch r.outcome {
                case .notRun(let reason): w.noPlanReason = reason
                case .solved(let res), .reused(_, let res):
                    if res.plan == nil { w.noPlanReason = Self.noPlanReason(res) }
                }
            }
            if let p = w.plan, let o = optimum { w.extraCostFen = p.costs.totalFen - o.costs.totalFen }
            return w
        }
    }

    func safePlan() -> SafePlan {
        let r = run(ComparisonRunID.safe)
        var safe = SafePlan(
            pendingOwnerIDs: facts.pendingOwners.map(\.id), runID: r?.id, plan: r?.plan, planStatus: r?.result?.status,
            relativeGap: r?.result?.solver.relativeGap, premiumFen: nil, premiumFraction: nil, noPlanReason: nil,
            isOverallOptimum: false)
        if let r {
            switch r.outcome {
            case .notRun(let reason): safe.noPlanReason = reason
            case .solved(let res), .reused(_, let res):
                if res.plan == nil { safe.noPlanReason = Self.noPlanReason(res) }
            }
        }
        if let p = safe.plan, let o = optimum {
            safe.premiumFen = p.costs.totalFen - o.costs.totalFen
            safe.premiumFraction = o.costs.totalFen > 0 ? Double(p.costs.totalFen - o.costs.totalFen) / Double(o.costs.totalFen) : nil
            safe.isOverallOptimum = o.pendingConsentOwnerIDs.isEmpty
        }
        return safe
    }

    // MARK: Neighbours

    func impacts(_ options: [ComparedOption]) -> [NeighbourImpact] {
        var out: [NeighbourImpact] = []
        for row in options {
            guard let plan = row.plan else { continue }
            for impact in HostHydraulics.impacts(of: plan, scenario: scenario) {
                guard let source = scenario.sources.first(where: { $0.id == impact.sourceID }) else { continue }
                let owner = facts.ownerByID[source.ownerID]
                out.append(
                    NeighbourImpact(
                        optionID: row.id, isHypothetical: row.isHypothetical, sourceID: source.id, sourceName: source.name,
                        ownerID: source.ownerID, ownerName: owner?.name ?? source.ownerID, consent: owner?.consent ?? .pending,
                        impact: impact))
            }
        }
        return out
    }

    func sourcesWithoutHost(_ options: [ComparedOption]) -> [String] {
        let tapped = Set(options.compactMap(\.plan).flatMap(\.route.sourceIDs))
        return scenario.sources.filter { tapped.contains($0.id) && $0.host == nil }.map(\.id)
    }
}
