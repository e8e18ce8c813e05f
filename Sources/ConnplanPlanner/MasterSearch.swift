// SPDX-License-Identifier: GPL-3.0-or-later
//
// How GLPK searches the route master, chosen once per network: MIR cuts, capacity cut-set rows
// with load terms, the branching rule and the node selection. Every rule rests on measurements
// recorded in docs/performance.md; none changes which plan is optimal, only how fast it is proven.

import MILP

struct MasterSearch {
    let mixedIntegerRounding: Bool
    let branching: BranchingRule
    let nodeSelection: NodeSelection
    /// Columns branched on before any other (`SolveOptions.branchFirst`): the sources and the
    /// laid arc directions, where the master has them (`RouteFormulation.laid`); empty otherwise.
    let routesFirst: [VariableID]
    /// Columns branched on next (`SolveOptions.branchNext`): the pipe sizes y, with their own
    /// pseudocosts, after the routes where there are route columns, first otherwise; empty with
    /// `PlannerOptions.sizesNext = false`. `branching` then decides only on what is left
    /// fractional (sources without route columns, owners' consents).
    let sizesNext: [VariableID]

    /// The settings for `network`; `branching` overrides the rule (`PlannerOptions.branching`).
    /// `headLossDecidesSizes`: pipes sized by load alone leave a building short of pressure
    /// (`RoutePlanner.capacitySizingFallsShortOfPressure`, only where pressure can bind).
    /// `routeColumns`: the route decisions to branch on first, see `routesFirst`.
    ///
    /// Why routes first where pressure can bind: the potentials enter the master through loss
    /// rows relaxed by a big-M on arcs that are not laid, so an LP point that spreads the supply
    /// over several routes (Σ_o y well below 1 on each) escapes most of the head loss, and pipe
    /// sizes chosen under it prove little. Once each arc is laid or not, every loss row holds in
    /// full and the sizes follow. Measured back to back (docs/performance.md, sixth run): Shifo's
    /// `plan --require S-CITY-S` 16.4 s → 1.05 s (11,589 → 531 nodes), `compare` on Shifo 5.8 s
    /// → 1.4 s, the 20 generated compounds with pressure on 9.9 s → 4.7 s (compound-b12-s1-pon
    /// 2.2 s → 0.45 s). In a first pass (old search 10.2 s on the compounds) the most fractional
    /// route column took 11.9 s, GLPK's own rule over all columns 9.1 s, pseudocosts on the
    /// route columns 5.0 s. Without potentials (the pressure-off grids) the route columns only
    /// slowed the LP: 5×5 and 7×7 3.2 s → 4.4 s, so the formulation leaves them out there.
    ///
    /// Then the sizes, by pseudocosts learnt on them alone, up branch first, instead of GLPK's
    /// hybrid pseudocosts, whose initialisation solves an LP copy per new candidate (and
    /// refactorises it): compare's S-CITY-S run on Shifo 275 → 227 nodes, 0.94 s → 0.61 s;
    /// `plan --require S-CITY-S` 353 → 223 nodes, 1.1 s → 0.65 s; `compare` on Shifo 0.97 s →
    /// 0.72 s; the pressure-on compounds and grids within noise (performance.md, seventh run).
    /// Down first took 385 and 485 nodes on the two Shifo runs, GLPK's choice of branch 297 and 211.
    /// The same on networks without route columns (the pressure-off grids, where the most
    /// fractional rule chose before): 10×10 seeds 1–3 after 30 s 2.19 %, 1.05 %, 0.44 % →
    /// 2.09 %, 0.74 %, optimal in 21.8 s; with 90 s seed 2 optimal in 65 s (0.46 % left before)
    /// and seed 1 1.92 % → 1.38 %; but seed 4 2.43 % → 2.84 % and seed 5 optimal in 5.3 s → 6.0 s.
    /// 7×7 seeds 1–5 90 → 74 nodes in all, the 20 pressure-off compounds 124 → 112.
    init(
        network: Network, branching override: BranchingRule? = nil, headLossDecidesSizes: Bool = false, routeColumns: [VariableID] = [],
        sizeColumns: [VariableID] = []
    ) {
        routesFirst = routeColumns
        sizesNext = sizeColumns
        mixedIntegerRounding = Self.wantsMixedIntegerRounding(network)
        branching = override
            ?? (Self.wantsMostFractionalBranching(network) && !headLossDecidesSizes ? .mostFractional : .hybridPseudocost)
        // Where sizes follow head loss, GLPK's best projection (measured on Shifo's S-CITY-S
        // option: 8.9 s instead of 13.1 s for `compare`); on the grids it was no better at 30 s
        // and worse at 300 s (10×10 seed 1: 1.94 % against 1.27 % gap), see performance.md.
        nodeSelection = branching == .hybridPseudocost ? .bestProjection : .bestBound
    }

    func apply(to options: inout SolveOptions) {
        options.mixedIntegerRounding = mixedIntegerRounding
        options.branching = branching
        options.nodeSelection = nodeSelection
        options.branchFirst = routesFirst
        options.branchNext = sizesNext
    }

    /// Demand nodes × directed arcs above which the master keeps GLPK's MIR cuts. Measured
    /// (docs/performance.md, 2026-12-06): without them 5×5 grids (640) prove optimal in 0.74 s
    /// instead of 1.41 s (five seeds), 7×7 (2,688) closes more in 20 s on all three seeds and
    /// the compounds take 4.1 s instead of 8.4 s, but 10×10 (11,880) ends with 12.1/9.9 % gap
    /// instead of 10.3/7.6 %: there the root bound matters most.
    static let mixedIntegerRoundingFrom = 5_000

    static func wantsMixedIntegerRounding(_ network: Network) -> Bool {
        MasterConnectivity.size(network) > mixedIntegerRoundingFrom
    }

    /// Whether capacity cut-set rows may count an entering arc by its load (`DicutSeparator`'s
    /// `loadTerms`): on the same large networks as the MIR rule. Measured (docs/performance.md,
    /// 2026-12-06 third run): 10×10 gaps after 30 s 2.2/1.8/0.8 % instead of 2.7/2.1/2.4 %
    /// (bounds higher by 1,460–3,380 CNY), but 7×7 seeds 1–5 4.9 s in all instead of 3.5 s.
    static func wantsLoadTermsInCapacityCuts(_ network: Network) -> Bool {
        MasterConnectivity.size(network) > mixedIntegerRoundingFrom
    }

    /// Share of all households up to which the cheapest pipe of a typical segment (the median
    /// over segments) makes the sizing capacity-driven; see `wantsMostFractionalBranching`.
    static let capacityDrivenShare = 0.25

    /// Whether the master search branches on the most fractional variable instead of hybrid
    /// pseudocosts: when the cheapest pipe of the median segment carries at most
    /// `capacityDrivenShare` of all households, pipe sizes follow loads, and the LP point is
    /// fractional on many arcs of similar weight; GLPK's pseudocost look-ahead (an LP copy per new
    /// candidate) then costs more than it saves. Where small pipes carry much of the demand,
    /// sizes follow head loss and the look-ahead finds the few decisive arcs. Measured
    /// (docs/performance.md, 2026-12-06 fourth run): the 5×5 and 7×7 grids (cheapest pipe 10
    /// households of 167–416) prove optimal in 5.3 s for all twenty instances instead of 11.3 s,
    /// 10×10 seed 3 (10 of 863) proves in 26 s instead of over 30 s, seed 2 in 76 s instead of
    /// 207 s; Shifo's S-CITY-S option (72 of 192) proves with pseudocosts and leaves 1.2 % gap
    /// after 60 s with the most fractional rule. Even where the share is small, the planner keeps
    /// pseudocosts when pipes sized by load alone leave a building short of pressure (the
    /// `headLossDecidesSizes` argument of `init`): on the generated compounds with pressure on
    /// (sizes 5–16, seeds 1–5, back to back) the most fractional rule took 28.1 s in all with one
    /// instance unproven after 20 s, pseudocosts 6.2 s, the rule by both tests 7.3 s; the 5×5 and
    /// 7×7 grids with pressure on, where load-sized pipes meet every requirement but on one
    /// instance, take 3.6 s (pseudocosts 5.9 s; docs/performance.md, fifth run).
    static func wantsMostFractionalBranching(_ network: Network) -> Bool {
        let cheapest = network.edges.map { edge -> Int in
            guard let o = edge.options.indices.min(by: { (edge.options[$0].costFen, $0) < (edge.options[$1].costFen, $1) }) else { return 0 }
            return network.householdsWithin(flow: edge.options[o].maxFlowCubicMetresPerHour)
        }.sorted()
        guard !cheapest.isEmpty, network.totalHouseholds > 0 else { return false }
        return Double(cheapest[cheapest.count / 2]) <= capacityDrivenShare * Double(network.totalHouseholds)
    }
}
