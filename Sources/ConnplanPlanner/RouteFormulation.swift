// SPDX-License-Identifier: GPL-3.0-or-later
//
// The master MILP (a relaxation of the exact model) and the cuts that close the gap to it.
// See docs/background/route-formulation.md for the full statement and the validity proofs.
//
// Variables: y[e][d][o] (segment e laid in direction d with pipe option o), n/f (households and
// explicit flow carried, disaggregated by option), u[s] (source s tapped), σ (what it supplies),
// w[o] (owner o's consent is used), π[v] (potential: Pa for gas, m of total head for water).
// Hydraulics enter the master only through linear under-estimates of the friction loss (the lower
// convex hull of the exact loss at every integer household count), so every exactly feasible plan is
// feasible in the master. Plans the master accepts but the exact model rejects are cut off by
// combinatorial cuts that remove them and nothing exactly feasible.

import ConnplanCore
import Foundation
import MILP

struct RouteFormulation {
    struct HullLine: Hashable {
        /// Loss per metre ≥ slope·n + intercept for every integer n in the option's range.
        var slope: Double
        var intercept: Double
        var fromHouseholds: Int
        var toHouseholds: Int
    }
    struct ArcKey: Hashable { var edge: Int; var forward: Bool; var option: Int }

    let network: Network
    var model = Model(name: "connplan-route")
    var y: [[[VariableID]]] = []
    var nVar: [[[VariableID?]]] = []
    var fVar: [[[VariableID?]]] = []
    var u: [VariableID] = []
    var sigma: [VariableID?] = []
    var sigmaF: [VariableID?] = []
    var w: [Int: VariableID] = [:]
    var pi: [VariableID?] = []
    /// Commodity flows: node k → g[e][d], and supply per source (empty when not used).
    var commodityArcs: [Int: [[VariableID]]] = [:]
    var commoditySupply: [Int: [Int: VariableID]] = [:]
    /// Full hull per (edge, option), per metre.
    var hulls: [[[HullLine]]] = []
    var linesAdded = Set<[Int]>()
    var hasPotentials = false
    var bigM = 0.0
    /// How far below a requirement the checker still accepts a potential (Pa for gas, m for water).
    var requirementSlack = 0.0
    /// laid[e][d] = Σ_o y[e][d][o]: segment e laid in direction d (any pipe), when the master
    /// branches on routes first (`MasterSearch`); empty otherwise.
    var laid: [[VariableID]] = []
    /// Sources whose head is below every requirement even without friction loss: fixed untapped.
    var weakSources: [Int] = []
    /// True when the master carries the downsizing rows (`addDownsizingRows`): its points are then
    /// the plans whose every pipe is the cheapest that carries its load (`Network.downsized`).
    private(set) var downsizing = false
    /// How many rows of each downsizing family the master carries.
    private(set) var downsizingRowCount = (fewest: 0, upstream: 0)
    var cutsAdded = 0
    var hullCutsAdded = 0

    /// Loss rows per arc direction to start with (more are added where plans violate). Zero leaves
    /// the hydraulics entirely to the cuts, which the oracle tests use to exercise them.
    let initialLossLines: Int

    /// Commodity flows in the LP, or dicuts separated in the search (never `.automatic` here).
    let connectivity: MasterConnectivity
    /// The dicut separator when `connectivity` is `.dicutsInSearch`.
    private(set) var dicuts: DicutSeparator?

    /// With `routeColumns`, where pressure can bind the master carries one binary per segment and
    /// direction (`laid`) for the search to branch on before pipe sizes.
    /// With `downsizingRows`, where pressure cannot bind (no potential rows) and every demand is in
    /// households, the master keeps only plans whose every pipe is the cheapest that carries its
    /// load (`addDownsizingRows`).
    init(
        network: Network, initialLossLines: Int = 4, connectivity: MasterConnectivity = .automatic, routeColumns: Bool = false,
        downsizingRows: Bool = true
    ) {
        self.network = network
        self.initialLossLines = initialLossLines
        self.connectivity = connectivity.resolved(for: network)
        build(routeColumns: routeColumns, downsizingRows: downsizingRows)
        if self.connectivity == .dicutsInSearch { dicuts = DicutSeparator(network: network, y: y, n: nVar, u: u) }
    }

    private mutating func build(routeColumns: Bool, downsizingRows: Bool) {
        let net = network
        let nTot = net.totalHouseholds
        let fTot = net.totalExplicitFlow
        let nodes = net.nodeIDs.count
        // Smallest design flow per household (for the combined velocity/capacity relaxation).
        let perHousehold = nTot > 0 ? (1...nTot).map { net.householdFlow[$0] / Double($0) }.min() ?? 0 : 0

        // Potentials.
        let finiteReqs = net.requiredPotential.compactMap { $0 }.filter(\.isFinite)
        hasPotentials = !finiteReqs.isEmpty && !net.sources.isEmpty && !Self.pressureCannotBind(net)
        let span = net.gasElevationSpan
        let lowerReq = finiteReqs.min() ?? 0
        // The lower bound must hold every potential the master point of a valid plan takes
        // (`point(for:)`). A node with a floored demand node below it is at least that node's
        // requirement less one elevation span (gas gains pressure going up; water's total head
        // only falls); a node that feeds only unfloored demand takes its nearest floored
        // ancestor's potential plus the elevation gain, at most one more span lower, or, with no
        // floored node in its tree, its source's potential plus the gain. The requirement rows
        // allow the checker's tolerance (`ModelTolerance.requirement`, kPa for gas). The bound
        // sits a further 1 % (at least 1 m or 1 Pa) lower: without that margin (big-M 1.2 m
        // instead of 2.6 m on Shifo) the S-CITY-S root bound rose from 4.3 % to 2.9 % below the
        // optimum but its search took 5,071 nodes instead of 1,637 (docs/performance.md, fifth run).
        requirementSlack = Tolerance.requirementSlack(utility: net.scenario.utility)
        var lowest = lowerReq - span - requirementSlack
        if net.hasUnflooredDemand, let weakest = net.sources.map(\.potential).min() { lowest = min(lowest, weakest) }
        let lower = lowest - span - max(1, 0.01 * abs(lowerReq))
        // If no source reaches even the lowest requirement, the requirement rows make the master
        // infeasible, which is the right answer; the bounds themselves must stay ordered.
        let upper = max((net.sources.map(\.potential).max() ?? 0) + span, lower + 1)
        bigM = max(upper - lower, 1)
        pi = (0..<nodes).map { v in
            hasPotentials ? model.addVariable("pi_\(net.nodeIDs[v])", lowerBound: lower, upperBound: upper) : nil
        }

        // Arc variables.
        for edge in net.edges {
            var ye: [[VariableID]] = []
            var ne: [[VariableID?]] = []
            var fe: [[VariableID?]] = []
            for forward in [true, false] {
                let dir = forward ? "f" : "r"
                var yo: [VariableID] = []
                var no: [VariableID?] = []
                var fo: [VariableID?] = []
                for (o, opt) in edge.options.enumerated() {
                    let base = "\(edge.segment.id)_\(dir)_\(o)"
                    yo.append(model.addVariable("y_\(base)", kind: .binary))
                    let nCap = net.householdsWithin(flow: opt.maxFlowCubicMetresPerHour)
                    no.append(nTot > 0 ? model.addVariable("n_\(base)", lowerBound: 0, upperBound: Double(nCap)) : nil)
                    let fCap = min(fTot, opt.maxFlowCubicMetresPerHour)
                    fo.append(fTot > 0 ? model.addVariable("f_\(base)", lowerBound: 0, upperBound: fCap) : nil)
                }
                ye.append(yo)
                ne.append(no)
                fe.append(fo)
            }
            y.append(ye)
            nVar.append(ne)
            fVar.append(fe)
        }
        for (s, src) in net.sources.enumerated() {
            let id = src.source.id
            let uv = model.addVariable("u_\(id)", kind: .binary)
            if net.constraints.required.contains(id) {
                model.setBounds(uv, lower: 1, upper: 1)
            } else if hasPotentials && !net.hasUnflooredDemand,
                !Tolerance.meets(potential: src.potential + span, required: lowerReq, utility: net.scenario.utility)
            {
                // Too weak for every demand even with no friction loss at all (every elevation
                // gain in its favour): no valid plan feeds anything from it, and pruned plans
                // never tap a source that feeds nothing. (A required one is left to the
                // requirement rows, which then make the master infeasible, as they should.)
                model.setBounds(uv, lower: 0, upper: 0)
                weakSources.append(s)
            }
            u.append(uv)
            let nCap = src.capacityCubicMetresPerHour.map { net.householdsWithin(flow: $0) } ?? nTot
            sigma.append(nTot > 0 ? model.addVariable("sigma_\(id)", lowerBound: 0, upperBound: Double(nCap)) : nil)
            let fCap = min(fTot, src.capacityCubicMetresPerHour ?? .infinity)
            sigmaF.append(fTot > 0 ? model.addVariable("sigmaf_\(id)", lowerBound: 0, upperBound: fCap) : nil)
        }
        // Route columns: laid = Σ_o y per arc direction. Redundant for the LP (an aggregate of
        // binaries), they let the search decide where pipes run before their sizes.
        if routeColumns && hasPotentials {
            for (e, edge) in net.edges.enumerated() {
                laid.append(
                    ["f", "r"].enumerated().map { d, dir in
                        let xv = model.addVariable("laid_\(edge.segment.id)_\(dir)", kind: .binary)
                        var ex = LinearExpression(y[e][d].map { Term($0, 1) })
                        ex.add(xv, -1)
                        model.addConstraint("laid_\(edge.segment.id)_\(dir)", ex, .equal, 0)
                        return xv
                    })
            }
        }

        // Owners whose use costs money or is required.
        var ownerUses: [Int: [VariableID]] = [:]
        for (e, edge) in net.edges.enumerated() {
            if let o = edge.owner { ownerUses[o, default: []] += y[e].flatMap { $0 } }
        }
        for (s, src) in net.sources.enumerated() { ownerUses[src.owner, default: []].append(u[s]) }
        for o in ownerUses.keys.sorted() {
            let owner = net.owners[o]
            let required = net.constraints.required.contains(owner.id)
            guard owner.consentCostFen > 0 || required else { continue }
            let wv = model.addVariable("w_\(owner.id)", kind: .binary)
            w[o] = wv
            if required {
                model.setBounds(wv, lower: 1, upper: 1)
                // Required means actually used: its land or network carries supply to someone.
                var e = LinearExpression()
                for (e2, edge) in net.edges.enumerated() where edge.owner == o {
                    for d in 0..<2 {
                        for x in nVar[e2][d] { if let x { e.add(x, 1) } }
                        for x in fVar[e2][d] { if let x { e.add(x, 1) } }
                    }
                }
                for (s, src) in net.sources.enumerated() where src.owner == o {
                    if let x = sigma[s] { e.add(x, 1) }
                    if let x = sigmaF[s] { e.add(x, 1) }
                }
                let least = nTot > 0 ? 1.0 : (net.explicitFlowAt.filter { $0 > 0 }.min() ?? 0)
                if least > 0 { model.addConstraint("owner_required_\(owner.id)", e, .greaterOrEqual, least) }
            }
        }
        for (e, edge) in net.edges.enumerated() {
            guard let o = edge.owner, let wv = w[o] else { continue }
            var ex = LinearExpression(y[e].flatMap { $0 }.map { Term($0, 1) })
            ex.add(wv, -1)
            model.addConstraint("owner_\(edge.segment.id)", ex, .lessOrEqual, 0)
        }
        for (s, src) in net.sources.enumerated() {
            guard let wv = w[src.owner] else { continue }
            model.addConstraint("owner_src_\(src.source.id)", LinearExpression([Term(u[s], 1), Term(wv, -1)]), .lessOrEqual, 0)
        }

        // At most one direction and one pipe per segment (exactly one if required).
        for (e, edge) in net.edges.enumerated() {
            let ex = LinearExpression(y[e].flatMap { $0 }.map { Term($0, 1) })
            let required = net.constraints.required.contains(edge.segment.id)
            model.addConstraint("seg_\(edge.segment.id)", ex, required ? .equal : .lessOrEqual, 1)
        }

        // In-degree: demand nodes are fed exactly once, other nodes at most once.
        var inArcs = [[(Int, Int)]](repeating: [], count: nodes)  // (edge, dirIndex)
        var outArcs = [[(Int, Int)]](repeating: [], count: nodes)
        for (e, edge) in net.edges.enumerated() {
            inArcs[edge.v].append((e, 0)); outArcs[edge.u].append((e, 0))
            inArcs[edge.u].append((e, 1)); outArcs[edge.v].append((e, 1))
        }
        var sourcesAt = [[Int]](repeating: [], count: nodes)
        for (s, src) in net.sources.enumerated() { sourcesAt[src.node].append(s) }
        for v in 0..<nodes {
            var ex = LinearExpression()
            for (e, d) in inArcs[v] { for yv in y[e][d] { ex.add(yv, 1) } }
            for s in sourcesAt[v] { ex.add(u[s], 1) }
            if ex.terms.isEmpty { continue }
            let isDemand = net.requiredPotential[v] != nil
            model.addConstraint("in_\(net.nodeIDs[v])", ex, isDemand ? .equal : .lessOrEqual, 1)
        }

        // A laid arc hangs from the tree: its tail is a tapped source or is itself fed. Valid for
        // every forest; it also keeps required segments attached rather than floating.
        for (e, edge) in net.edges.enumerated() {
            for d in 0..<2 {
                let tail = d == 0 ? edge.u : edge.v
                var ex = LinearExpression(y[e][d].map { Term($0, 1) })
                for (e2, d2) in inArcs[tail] where e2 != e { for yv in y[e2][d2] { ex.add(yv, -1) } }
                for s in sourcesAt[tail] { ex.add(u[s], -1) }
                model.addConstraint("fed_\(edge.segment.id)_\(d)", ex, .lessOrEqual, 0)
            }
        }
        // A required source must feed something.
        for (s, src) in net.sources.enumerated() where net.constraints.required.contains(src.source.id) {
            var ex = LinearExpression()
            if let sv = sigma[s] { ex.add(sv, 1) }
            if let sv = sigmaF[s] { ex.add(sv, 1) }
            let least = nTot > 0 ? 1.0 : (net.explicitFlowAt.filter { $0 > 0 }.min() ?? 0)
            if !ex.terms.isEmpty && least > 0 { model.addConstraint("feeds_\(src.source.id)", ex, .greaterOrEqual, least) }
        }

        // Flow balance (households, explicit flow).
        func balance(_ prefix: String, _ vars: [[[VariableID?]]], _ supply: [VariableID?], _ demandAt: (Int) -> Double) {
            for v in 0..<nodes {
                var ex = LinearExpression()
                for (e, d) in inArcs[v] { for x in vars[e][d] { if let x { ex.add(x, 1) } } }
                for (e, d) in outArcs[v] { for x in vars[e][d] { if let x { ex.add(x, -1) } } }
                for s in sourcesAt[v] { if let x = supply[s] { ex.add(x, 1) } }
                let rhs = demandAt(v)
                if ex.terms.isEmpty && rhs == 0 { continue }
                model.addConstraint("\(prefix)_\(net.nodeIDs[v])", ex, .equal, rhs)
            }
        }
        if nTot > 0 { balance("balN", nVar, sigma) { Double(net.householdsAt[$0]) } }
        if fTot > 0 { balance("balF", fVar, sigmaF) { net.explicitFlowAt[$0] } }

        // Multi-commodity strengthening: one unit of "commodity" per demand node, routed from a
        // tapped source along laid arcs (g ≤ Σ_o y). In an integer solution this is the tree path to
        // the node; in the LP relaxation it forces every path to be fully built, which is what makes
        // the relaxation of a Steiner-tree problem tight (Wong 1984; Magnanti & Wolsey 1995). The
        // aggregate loads are tied to it: Σ_o n = Σ_k h_k·g^k. And a pipe too small for one node's
        // demand alone cannot carry that node's commodity.
        let commodities = net.demandNodes
        if connectivity == .commodityFlows && (commodities.count > 1 || nTot == 0) {
            var loadTerms: [[[(VariableID, Double)]]] = net.edges.map { _ in [[], []] }
            var flowTerms: [[[(VariableID, Double)]]] = net.edges.map { _ in [[], []] }
            for k in commodities {
                let hk = net.householdsAt[k]
                let fk = net.explicitFlowAt[k]
                let qk = net.designFlow(households: hk, explicit: fk)
                var g: [[VariableID]] = []
                for (e, edge) in net.edges.enumerated() {
                    var gd: [VariableID] = []
                    for d in 0..<2 {
                        let gv = model.addVariable("g_\(net.nodeIDs[k])_\(edge.segment.id)_\(d)", lowerBound: 0, upperBound: 1)
                        gd.append(gv)
                        var link = LinearExpression([Term(gv, 1)])
                        for (o, opt) in edge.options.enumerated() where Tolerance.within(flow: qk, limit: opt.maxFlowCubicMetresPerHour) {
                            link.add(y[e][d][o], -1)
                        }
                        model.addConstraint("gl_\(net.nodeIDs[k])_\(edge.segment.id)_\(d)", link, .lessOrEqual, 0)
                        if hk > 0 { loadTerms[e][d].append((gv, Double(hk))) }
                        if fk > 0 { flowTerms[e][d].append((gv, fk)) }
                    }
                    g.append(gd)
                }
                var supply: [Int: VariableID] = [:]
                for (s, src) in net.sources.enumerated() {
                    let gs = model.addVariable("gs_\(net.nodeIDs[k])_\(src.source.id)", lowerBound: 0, upperBound: 1)
                    supply[s] = gs
                    model.addConstraint("gsl_\(net.nodeIDs[k])_\(src.source.id)", LinearExpression([Term(gs, 1), Term(u[s], -1)]), .lessOrEqual, 0)
                }
                commodityArcs[k] = g
                commoditySupply[k] = supply
                for v in 0..<nodes {
                    var ex = LinearExpression()
                    for (e, d) in inArcs[v] { ex.add(g[e][d], 1) }
                    for (e, d) in outArcs[v] { ex.add(g[e][d], -1) }
                    for s in sourcesAt[v] { ex.add(supply[s]!, 1) }
                    if ex.terms.isEmpty && v != k { continue }
                    model.addConstraint("mc_\(net.nodeIDs[k])_\(net.nodeIDs[v])", ex, .equal, v == k ? 1 : 0)
                }
            }
            for e in net.edges.indices {
                for d in 0..<2 {
                    if nTot > 0 {
                        var ex = LinearExpression()
                        for x in nVar[e][d] { if let x { ex.add(x, 1) } }
                        for (gv, h) in loadTerms[e][d] { ex.add(gv, -h) }
                        model.addConstraint("mcN_\(net.edges[e].segment.id)_\(d)", ex, .equal, 0)
                    }
                    if fTot > 0 {
                        var ex = LinearExpression()
                        for x in fVar[e][d] { if let x { ex.add(x, 1) } }
                        for (gv, f) in flowTerms[e][d] { ex.add(gv, -f) }
                        model.addConstraint("mcF_\(net.edges[e].segment.id)_\(d)", ex, .equal, 0)
                    }
                }
            }
        }

        // Linking flows to chosen pipes; velocity and capacity (exact for households alone, relaxed
        // when explicit flows are mixed in: exactness then comes from the velocity/capacity cuts).
        for (e, edge) in net.edges.enumerated() {
            for d in 0..<2 {
                for (o, opt) in edge.options.enumerated() {
                    let yv = y[e][d][o]
                    let name = "\(edge.segment.id)_\(d)_\(o)"
                    let head = d == 0 ? edge.v : edge.u
                    if let nv = nVar[e][d][o] {
                        let cap = Double(net.householdsWithin(flow: opt.maxFlowCubicMetresPerHour))
                        model.addConstraint("linkN_\(name)", LinearExpression([Term(nv, 1), Term(yv, -cap)]), .lessOrEqual, 0)
                        // An arc carries at least the households at its head.
                        if net.householdsAt[head] > 0 {
                            model.addConstraint(
                                "minN_\(name)", LinearExpression([Term(nv, 1), Term(yv, -Double(net.householdsAt[head]))]), .greaterOrEqual, 0)
                        }
                    }
                    // A leaf that is not a source can only be fed, never feed.
                    let tail = d == 0 ? edge.u : edge.v
                    if net.degree[tail] == 1 && !net.isSourceNode[tail] { model.setBounds(yv, lower: 0, upper: 0) }
                    if let fv = fVar[e][d][o] {
                        let cap = min(fTot, opt.maxFlowCubicMetresPerHour)
                        model.addConstraint("linkF_\(name)", LinearExpression([Term(fv, 1), Term(yv, -cap)]), .lessOrEqual, 0)
                        if let nv = nVar[e][d][o], opt.maxFlowCubicMetresPerHour.isFinite {
                            model.addConstraint(
                                "vel_\(name)",
                                LinearExpression([Term(nv, perHousehold), Term(fv, 1), Term(yv, -opt.maxFlowCubicMetresPerHour)]),
                                .lessOrEqual, 0)
                        }
                    }
                }
            }
        }
        // Without potential rows only velocity limits a pipe's size; with explicit flows a pipe's
        // capacity is not a household count, which the rows are written in.
        if downsizingRows && !hasPotentials && nTot > 0 && fTot == 0 {
            addDownsizingRows(inArcs: inArcs, outArcs: outArcs, sourcesAt: sourcesAt)
        }
        for (s, src) in net.sources.enumerated() {
            let id = src.source.id
            if let sv = sigma[s] {
                let cap = Double(src.capacityCubicMetresPerHour.map { net.householdsWithin(flow: $0) } ?? nTot)
                model.addConstraint("supN_\(id)", LinearExpression([Term(sv, 1), Term(u[s], -cap)]), .lessOrEqual, 0)
            }
            if let sv = sigmaF[s] {
                let cap = min(fTot, src.capacityCubicMetresPerHour ?? .infinity)
                model.addConstraint("supF_\(id)", LinearExpression([Term(sv, 1), Term(u[s], -cap)]), .lessOrEqual, 0)
                if let nv = sigma[s], let c = src.capacityCubicMetresPerHour {
                    model.addConstraint(
                        "cap_\(id)", LinearExpression([Term(nv, perHousehold), Term(sv, 1), Term(u[s], -c)]), .lessOrEqual, 0)
                }
            }
        }

        // Potentials: source pressure at roots, requirements, and per-arc loss under-estimates.
        if hasPotentials {
            for (s, src) in net.sources.enumerated() {
                guard let p = pi[src.node] else { continue }
                model.addConstraint(
                    "root_\(src.source.id)", LinearExpression([Term(p, 1), Term(u[s], upper - src.potential)]), .lessOrEqual, upper)
            }
            for v in 0..<nodes {
                if let r = net.requiredPotential[v], r.isFinite, let p = pi[v] {
                    model.addConstraint("req_\(net.nodeIDs[v])", LinearExpression([Term(p, 1)]), .greaterOrEqual, r - requirementSlack)
                }
            }
            hulls = net.edges.map { edge in edge.options.map { opt in Self.lowerHull(net: net, option: opt) } }
            for (e, edge) in net.edges.enumerated() {
                for forward in [true, false] {
                    let head = forward ? edge.v : edge.u
                    let low = net.householdsAt[head]
                    let high = max(low, edge.options.map { net.householdsWithin(flow: $0.maxFlowCubicMetresPerHour) }.max() ?? 0)
                    // A few well-spread loads to start with; the loop adds the line at each violated load.
                    for k in Self.spread(high - low + 1, count: initialLossLines) where initialLossLines > 0 { addLossLine(edge: e, forward: forward, households: low + k) }
                    // The explicit-flow line counts every explicit flow on the arc. With a demand
                    // that has no pressure floor, a branch may lose any head on its way there, and
                    // potentials below the lower bound would have to follow: the lines are left out
                    // (the hydraulic cuts enforce what the floored nodes need).
                    if fTot > 0 && !net.hasUnflooredDemand { addFlowLine(edge: e, forward: forward) }
                }
            }
        }

        // Objective: pipes, tie-ins and regulators, consents, and fixed household items (constant).
        var obj = LinearExpression(constant: Double(net.scenario.totalHouseholds * net.scenario.perHouseholdFixedCostFen))
        for (e, edge) in net.edges.enumerated() {
            for d in 0..<2 { for (o, opt) in edge.options.enumerated() where opt.costFen != 0 { obj.add(y[e][d][o], Double(opt.costFen)) } }
        }
        for (s, src) in net.sources.enumerated() where src.fixedCostFen != 0 { obj.add(u[s], Double(src.fixedCostFen)) }
        for o in w.keys.sorted() where net.owners[o].consentCostFen != 0 { obj.add(w[o]!, Double(net.owners[o].consentCostFen)) }
        model.objective = obj
        model.objectiveSense = .minimize
    }

    /// Rows that hold for every plan whose pipes are each the cheapest option that carries its load,
    /// which is every plan worth having where pressure cannot bind: there, swapping a pipe for a
    /// cheaper one that carries the same load keeps the plan valid (velocity is the only limit a
    /// pipe's size has to meet, and no loss can leave a building short; `pressureCannotBind`) and
    /// makes it cheaper. So for every valid plan, `Network.downsized` gives one at most as costly
    /// that meets these rows, and the master's optimum stays a lower bound (MasterRelaxationTests).
    /// With `fewest(e, o)` = 1 + the most households any strictly cheaper option of segment `e`
    /// carries (0 if there is none):
    ///
    /// - an arc laid with option `o` carries at least that many:  n[a,o] ≥ fewest(e,o)·y[a,o];
    /// - loads only grow towards the source, so an arc b = (v → w) whose pipe only carries loads of
    ///   at least t is fed through an arc into v that carries t + h_v, or from a source at v. With
    ///   least(b,o) = max(fewest(b,o), h_w) where fewest(b,o) > 0 (such a pipe carries w's own
    ///   households too), else 0:
    ///       Σ_{arcs a into v, not b's segment} Σ_{p: cap_p ≥ t + h_v} y[a,p] + Σ_{sources at v} u
    ///           ≥ Σ_{o of b: least(b,o) ≥ t} y[b,o]      for each t among b's least(b,·) > 0.
    ///
    /// The second family is the branched-network rule that diameters never grow downstream
    /// (used as a constraint in tree design since Alperovits & Shamir 1977, "Design of optimal
    /// water distribution systems"), exact here because a downsized plan obeys it. Neither family
    /// cuts off a cheapest plan. The LP gains because a fractional large pipe must now be matched
    /// by large pipes all the way up to its source, instead of carrying a large load cheaply on
    /// its own: on grid-10x10-s1 (pressure off) the first LP bound rises from 335,951 to 359,261
    /// CNY, and the search proves the optimum in 120–125 s instead of 635 s (docs/performance.md,
    /// ninth run). Counting the head's households only where fewest > 0 (not as a threshold of
    /// its own for every pipe, which lost seed 1's proof within 200 s) took seed 2 from 28 s to 16 s.
    private mutating func addDownsizingRows(inArcs: [[(Int, Int)]], outArcs: [[(Int, Int)]], sourcesAt: [[Int]]) {
        let net = network
        downsizing = true
        let capacity = net.edges.map { edge in edge.options.map { net.householdsWithin(flow: $0.maxFlowCubicMetresPerHour) } }
        let fewest = net.edges.indices.map { e in net.fewestHouseholds(edge: e) }
        for (e, edge) in net.edges.enumerated() {
            for d in 0..<2 {
                for o in edge.options.indices where fewest[e][o] > 0 {
                    guard let nv = nVar[e][d][o] else { continue }
                    model.addConstraint(
                        "fewest_\(edge.segment.id)_\(d)_\(o)", LinearExpression([Term(nv, 1), Term(y[e][d][o], -Double(fewest[e][o]))]),
                        .greaterOrEqual, 0)
                    downsizingRowCount.fewest += 1
                }
            }
        }
        for v in net.nodeIDs.indices {
            for (b, db) in outArcs[v] {
                // A pipe that is only worth laying for loads ≥ fewest carries at least the
                // households at its head, too.
                let w = db == 0 ? net.edges[b].v : net.edges[b].u
                let least = fewest[b].map { $0 > 0 ? max($0, net.householdsAt[w]) : 0 }
                for t in Set(least.filter { $0 > 0 }).sorted() {
                    var ex = LinearExpression()
                    for (a, da) in inArcs[v] where a != b {
                        for p in net.edges[a].options.indices where capacity[a][p] >= t + net.householdsAt[v] { ex.add(y[a][da][p], 1) }
                    }
                    for s in sourcesAt[v] { ex.add(u[s], 1) }
                    for o in net.edges[b].options.indices where least[o] >= t { ex.add(y[b][db][o], -1) }
                    model.addConstraint("upstream_\(net.nodeIDs[v])_\(net.edges[b].segment.id)_\(db)_\(t)", ex, .greaterOrEqual, 0)
                    downsizingRowCount.upstream += 1
                }
            }
        }
    }

    /// `plan` as the master's points take it: with the downsizing rows, pruned and with each pipe
    /// the cheapest that carries its load (`Network.downsized`: never costlier, still valid);
    /// otherwise unchanged.
    func admissible(_ plan: Evaluation) -> Evaluation {
        guard downsizing else { return plan }
        return network.evaluate(network.downsized(network.pruned(plan.candidate)))
    }

    /// True when no plan could miss a requirement: even a path through every usable edge, each with
    /// its lossiest option at the largest flow it can carry and every elevation working against it,
    /// leaves every source above every requirement. Then the potential rows are left out (exactly:
    /// they could never bind), which keeps large grids small.
    static func pressureCannotBind(_ net: Network) -> Bool {
        let reqs = net.requiredPotential.compactMap { $0 }.filter(\.isFinite)
        guard let worstReq = reqs.max(), let weakest = net.sources.map(\.potential).min() else { return false }
        let totalFlow = net.designFlow(households: net.totalHouseholds, explicit: net.totalExplicitFlow)
        var worstLoss = 0.0
        for (e, edge) in net.edges.enumerated() {
            worstLoss += edge.options.indices.map { o in
                net.loss(edge: e, option: o, flow: min(totalFlow, edge.options[o].maxFlowCubicMetresPerHour))
            }.max() ?? 0
        }
        // Elevation gains telescope along a path: at worst the whole span once.
        let worstElevation = net.gasElevationSpan
        return weakest - worstLoss - worstElevation > worstReq
    }

    /// Indices 0..<n spread evenly, at most `count`, always including the first and last.
    static func spread(_ n: Int, count: Int) -> [Int] {
        guard n > count else { return Array(0..<n) }
        return Array(Set((0..<count).map { Int((Double($0) * Double(n - 1) / Double(count - 1)).rounded()) })).sorted()
    }

    /// Lower convex hull of (n, loss per metre at the design flow of n households), n = 0...cap.
    /// Each facet line is ≤ the exact loss at every integer n in range, so it is a valid under-estimate.
    static func lowerHull(net: Network, option: Network.Option) -> [HullLine] {
        let cap = net.totalHouseholds > 0 ? net.householdsWithin(flow: option.maxFlowCubicMetresPerHour) : 0
        let pts: [(Double, Double)] = (0...cap).map { n in
            (Double(n), net.lossPerLength(option.pipe, flow: net.householdFlow[n], length: 1))
        }
        var hull: [(Double, Double)] = []
        for p in pts {
            while hull.count >= 2 {
                let a = hull[hull.count - 2]
                let b = hull[hull.count - 1]
                // Keep only right turns (convex from below).
                if (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0) <= 0 { hull.removeLast() } else { break }
            }
            hull.append(p)
        }
        guard hull.count >= 2 else { return [HullLine(slope: 0, intercept: 0, fromHouseholds: 0, toHouseholds: cap)] }
        var lines: [HullLine] = []
        for i in 0..<(hull.count - 1) {
            let (x0, y0) = hull[i]
            let (x1, y1) = hull[i + 1]
            let slope = (y1 - y0) / (x1 - x0)
            // Shave a relative 1e-9 so that rounding never lifts the line above a hull point.
            let intercept = (y0 - slope * x0) - 1e-9 * max(abs(y0), abs(y1))
            lines.append(HullLine(slope: slope, intercept: intercept, fromHouseholds: Int(x0), toHouseholds: Int(x1)))
        }
        return lines
    }

    /// Adds, for the arc of segment `e` in one direction, the loss under-estimate that is tight at
    /// `households`: for each pipe option the hull facet covering that load, summed over the options
    /// (only one is 1 in an integer solution, so the row is exact there; with fractional options it
    /// is far tighter than one big-M row per option).
    ///     π[h] − π[t] + Σ_o (L·α_o·n_o + (L·β_o − gain + M)·y_o) ≤ M
    mutating func addLossLine(edge e: Int, forward: Bool, households: Int) {
        guard hasPotentials else { return }
        let net = network
        let edge = net.edges[e]
        let d = forward ? 0 : 1
        let facets = edge.options.indices.map { o -> Int in
            let lines = hulls[e][o]
            return lines.firstIndex { households >= $0.fromHouseholds && households <= $0.toHouseholds } ?? (lines.count - 1)
        }
        let key = [e, d] + facets
        guard !linesAdded.contains(key) else { return }
        linesAdded.insert(key)
        let (t, h) = forward ? (edge.u, edge.v) : (edge.v, edge.u)
        guard let pt = pi[t], let ph = pi[h] else { return }
        let length = edge.segment.lengthMetres
        let gain = net.elevationGain(from: t, to: h)
        var ex = LinearExpression([Term(ph, 1), Term(pt, -1)])
        for (o, k) in facets.enumerated() {
            let line = hulls[e][o][k]
            if let nv = nVar[e][d][o], line.slope != 0 { ex.add(nv, length * line.slope) }
            ex.add(y[e][d][o], length * line.intercept - gain + bigM)
        }
        model.addConstraint("loss_\(edge.segment.id)_\(d)_\(linesAdded.count)", ex, .lessOrEqual, bigM)
    }

    /// A valid under-estimate of the loss in the explicit flow alone (used when explicit demands exist):
    /// Hazen-Williams and Renouard are convex power laws through the origin, so the tangent at the
    /// option's largest flow is below them; Darcy-Weisbach is never below its laminar (Hagen-Poiseuille)
    /// line, λ ≥ 64/Re, which is linear in flow.
    mutating func addFlowLine(edge e: Int, forward: Bool) {
        let net = network
        let edge = net.edges[e]
        let d = forward ? 0 : 1
        let (t, h) = forward ? (edge.u, edge.v) : (edge.v, edge.u)
        guard let pt = pi[t], let ph = pi[h] else { return }
        let length = edge.segment.lengthMetres
        let gain = net.elevationGain(from: t, to: h)
        var ex = LinearExpression([Term(ph, 1), Term(pt, -1)])
        for (o, opt) in edge.options.enumerated() {
            guard let fv = fVar[e][d][o] else { continue }
            var slope = 0.0
            var intercept = 0.0
            switch net.scenario.demand {
            case .gas(let g) where g.formula == .darcyWeisbach:
                // Δp = 128·μ·L·Q/(π·D⁴), μ = ρ·ν, Q in m³/s (Hagen-Poiseuille), per metre and per m³/h.
                let dm = opt.pipe.innerDiameterMillimetres / 1000
                let mu = g.gas.densityKilogramsPerCubicMetre * g.gas.kinematicViscositySquareMetresPerSecond
                slope = 128 * mu / (Double.pi * pow4(dm)) / 3600 * (1 - 1e-9)
            default:
                let exponent: Double = net.scenario.utility == .water ? 1.852 : 1.82
                let q0 = min(net.totalExplicitFlow, opt.maxFlowCubicMetresPerHour)
                if q0 > 0 {
                    let a = net.lossPerLength(opt.pipe, flow: 1, length: 1)
                    slope = a * exponent * pow(q0, exponent - 1) * (1 - 1e-9)
                    intercept = a * pow(q0, exponent) - slope * q0 - 1e-9 * a * pow(q0, exponent)
                }
            }
            if slope != 0 { ex.add(fv, length * slope) }
            ex.add(y[e][d][o], length * intercept - gain + bigM)
        }
        model.addConstraint("lossF_\(edge.segment.id)_\(d)", ex, .lessOrEqual, bigM)
    }

    /// Adds the hull facet that covers `households` on an arc, if it is not in the model yet.
    mutating func addHullLine(for a: ArcChoice, households: Int) {
        let before = linesAdded.count
        addLossLine(edge: a.edge, forward: a.forward, households: households)
        if linesAdded.count > before { hullCutsAdded += 1 }
    }

    // MARK: Reading a master solution

    func candidate(from values: [Double]) -> Candidate {
        var arcs: [ArcChoice] = []
        for e in y.indices {
            for d in 0..<2 {
                for o in y[e][d].indices where values[y[e][d][o].index] > 0.5 {
                    arcs.append(ArcChoice(edge: e, forward: d == 0, option: o))
                }
            }
        }
        let srcs = u.indices.filter { values[u[$0].index] > 0.5 }
        return Candidate(sources: srcs, arcs: arcs.sorted())
    }

    /// A full master point for an exactly feasible candidate (offered to the solver as an incumbent).
    func point(for ev: Evaluation) -> [Double] {
        let net = network
        var x = [Double](repeating: 0, count: model.variables.count)
        for (i, a) in ev.candidate.arcs.enumerated() where ev.parentArc[net.head(a)] == i {
            let d = a.forward ? 0 : 1
            x[y[a.edge][d][a.option].index] = 1
            if !laid.isEmpty { x[laid[a.edge][d].index] = 1 }
            if let nv = nVar[a.edge][d][a.option] { x[nv.index] = Double(ev.loadHouseholds[net.head(a)]) }
            if let fv = fVar[a.edge][d][a.option] { x[fv.index] = ev.loadFlow[net.head(a)] }
            if let o = net.edges[a.edge].owner, let wv = w[o] { x[wv.index] = 1 }
        }
        for s in ev.candidate.sources {
            x[u[s].index] = 1
            let v = net.sources[s].node
            if let sv = sigma[s] { x[sv.index] = Double(ev.loadHouseholds[v]) }
            if let sv = sigmaF[s] { x[sv.index] = ev.loadFlow[v] }
            if let wv = w[net.sources[s].owner] { x[wv.index] = 1 }
        }
        // Commodity k runs along the tree path from its root to k.
        for (k, g) in commodityArcs {
            guard ev.root[k] != nil else { continue }
            var v = k
            while let ai = ev.parentArc[v] {
                let a = ev.candidate.arcs[ai]
                x[g[a.edge][a.forward ? 0 : 1].index] = 1
                v = net.tail(a)
            }
            if let s = ev.root[k], let gs = commoditySupply[k]?[s] { x[gs.index] = 1 }
        }
        // Which reached nodes have a demand node with a pressure floor at or below them.
        var floored = [Bool](repeating: false, count: net.nodeIDs.count)
        for v in ev.order.reversed() {
            if let r = net.requiredPotential[v], r.isFinite { floored[v] = true }
            if floored[v], let ai = ev.parentArc[v] { floored[net.tail(ev.candidate.arcs[ai])] = true }
        }
        // Reached nodes with a floor below sit at their exact potential; the others only feed
        // demand without a floor, and take their parent's value plus the elevation gain (the loss
        // rows then hold: a branch without households has a loss under-estimate of at most 0).
        // Unreached nodes sit at the lower bound.
        var value = [Double](repeating: 0, count: net.nodeIDs.count)
        for v in ev.order {
            if floored[v] || ev.parentArc[v] == nil {
                value[v] = ev.potential[v]
            } else {
                let t = net.tail(ev.candidate.arcs[ev.parentArc[v]!])
                value[v] = value[t] + net.elevationGain(from: t, to: v)
            }
        }
        for v in pi.indices {
            guard let p = pi[v] else { continue }
            let lb = model.variables[p.index].lowerBound ?? -.infinity
            let ub = model.variables[p.index].upperBound ?? .infinity
            x[p.index] = ev.root[v] == nil ? lb : min(max(value[v], lb), ub)
        }
        return x
    }
}

@inline(__always) func pow4(_ x: Double) -> Double { x * x * x * x }
