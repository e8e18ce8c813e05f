// SPDX-License-Identifier: GPL-3.0-or-later
//
// What a tie-in does to the neighbour whose network it taps (DOMAIN.md, case 1): the pressure at
// the host's worst-placed household before and after, and how much of the host's spare capacity
// the new households would use. Pure functions of the scenario data; method and formulas in
// docs/background/neighbour-impact.md.

import Foundation

/// How the design flow through the shared service pipe is found once the compound is connected.
public enum HostFlowRule: String, Sendable, Hashable, Codable {
    /// Host and compound households are of one kind (same demand model): the design flow of all of
    /// them together, Q = k(N_host + N_plan)·(N_host + N_plan)·q (GB 50028-2006 §10.2.9; for water the
    /// same method of GB 50015-2019 §3.2/§3.7 on the combined count), plus any explicit flows of the plan.
    case combinedSimultaneity = "combined_simultaneity"
    /// Different kinds of household (or a fixed host design flow): the two groups' design flows are
    /// added, as GB 50028-2006 §10.2.9 does for groups of different appliances (Q = Σ k·N·Qn). For
    /// water this is on the safe side (it ignores the diversity between the two groups).
    case sumOfGroups = "sum_of_groups"
}

/// The impact statement for one host and one plan. Values are kPa gauge (gas) or m of pressure
/// head above the inlet (water), like `BuildingService.value`.
public struct HostImpact: Sendable, Hashable {
    public var sourceID: String
    public var utility: Utility
    public var hostHouseholds: Int
    /// Households of the plan fed through this tie-in.
    public var planHouseholds: Int
    /// Design flow of the host's households alone, m³/h.
    public var hostFlowCubicMetresPerHour: Double
    /// The plan's design flow at the tie-in (what the planner checks against spare capacity), m³/h.
    public var planFlowCubicMetresPerHour: Double
    /// Design flow through the service pipe once connected, m³/h (see `flowRule`).
    public var flowAfterCubicMetresPerHour: Double
    public var flowRule: HostFlowRule
    /// At the host's worst-placed household inlet, at peak, before and after the tie-in.
    public var worstBefore: Double
    public var worstAfter: Double
    /// The minimum at that inlet (kPa or m).
    public var minimum: Double
    /// Mean velocity in the service pipe at peak, before and after, m/s.
    public var velocityBeforeMetresPerSecond: Double
    public var velocityAfterMetresPerSecond: Double
    /// The source's declared spare capacity (`spare_capacity_m3_h`), m³/h; nil when not given.
    public var spareCapacityCubicMetresPerHour: Double?
    /// Extra flow the service pipe can take on top of the host's own before its worst household
    /// reaches the minimum, m³/h (0 if it is already at or below the minimum).
    public var hydraulicHeadroomCubicMetresPerHour: Double
    /// At the tie-in point once connected, from the host data (kPa, or m of pressure head).
    public var tieInAfter: Double
    /// What the planner assumed at the tie-in: the source's `pressure_kpa`, or its head above the node (m).
    public var tieInAssumed: Double?

    public var drop: Double { worstBefore - worstAfter }
    /// drop / worstBefore (0 when worstBefore ≤ 0).
    public var dropFraction: Double { worstBefore > 0 ? drop / worstBefore : 0 }
    public var marginBefore: Double { worstBefore - minimum }
    public var marginAfter: Double { worstAfter - minimum }
    public var meetsMinimumAfter: Bool { ModelTolerance.meets(value: worstAfter, required: minimum) }
    /// planFlow / spare capacity; nil without a declared spare capacity.
    public var shareOfSpareCapacity: Double? {
        guard let spare = spareCapacityCubicMetresPerHour else { return nil }
        return spare > 0 ? planFlowCubicMetresPerHour / spare : (planFlowCubicMetresPerHour > 0 ? .infinity : 0)
    }
    /// Extra flow in the service pipe / hydraulic headroom; nil when there is no headroom.
    public var shareOfHydraulicHeadroom: Double? {
        hydraulicHeadroomCubicMetresPerHour > 0
            ? (flowAfterCubicMetresPerHour - hostFlowCubicMetresPerHour) / hydraulicHeadroomCubicMetresPerHour : nil
    }
    /// True when the host data give less at the tie-in than the planner assumed: the plan's own
    /// pressures are then optimistic.
    public var tieInBelowAssumption: Bool {
        guard let assumed = tieInAssumed else { return false }
        return !ModelTolerance.meets(value: tieInAfter, required: assumed)
    }
}

/// The host's side of a tie-in, in the scenario's hydraulics (Darcy-Weisbach/Colebrook or Renouard
/// for gas, Hazen-Williams for water).
public enum HostHydraulics {
    /// Whether the host's households are of the compound's kind, so one simultaneity applies to all.
    public static func sharesHouseholdKind(_ host: HostNetwork, scenarioDemand: DemandModel) -> Bool {
        switch (host.demand, scenarioDemand) {
        case (.sameAsScenario, _): return true
        case (.gasAppliances(let loads, let table), .gas(let g)):
            return loads == g.applianceLoadsCubicMetresPerHour && table == g.simultaneity
        case (.water(let w), .water(let sw)): return w == sw
        default: return false
        }
    }

    /// Design flow of `households` households of the host's kind, m³/h (the host's fixed design
    /// flow for `.designFlow`, whatever the count).
    public static func designFlow(_ host: HostNetwork, households: Int, scenarioDemand: DemandModel) -> Double {
        switch host.demand {
        case .sameAsScenario:
            return DesignFlow.householdsFlowCubicMetresPerHour(households: households, demand: scenarioDemand)
        case .gasAppliances(let loads, let table):
            // GB 50028-2006 §10.2.9: Q = k(N)·N·Σ Qn, through the same function as the compound's flow.
            guard case .gas(var g) = scenarioDemand else { return 0 }
            g.applianceLoadsCubicMetresPerHour = loads
            g.simultaneity = table
            return DesignFlow.householdsFlowCubicMetresPerHour(households: households, demand: .gas(g))
        case .water(let w):
            return DesignFlow.householdsFlowCubicMetresPerHour(households: households, demand: .water(w))
        case .designFlow(let q):
            return max(q, 0)
        }
    }

    /// Minimum at the worst household: kPa (gas) or m of pressure head (water); nil if the data
    /// do not say (water without `min_head_m` or `floors`; the loader rejects that).
    public static func minimum(_ host: HostNetwork, scenarioDemand: DemandModel) -> Double? {
        switch scenarioDemand {
        case .gas(let g): return host.worstHousehold.minPressureKilopascals ?? g.minPressureKilopascals
        case .water(let sw):
            if let m = host.worstHousehold.minHeadMetres { return m }
            guard let floors = host.worstHousehold.floors else { return nil }
            if case .water(let w) = host.demand { return w.serviceHead.minimumHeadMetres(floors: floors) }
            return sw.serviceHead.minimumHeadMetres(floors: floors)
        }
    }

    /// Friction loss along the service pipe at `flow` m³/h: Pa (gas) or m (water).
    static func serviceLoss(_ pipe: HostNetwork.ServicePipe, flow: Double, demand: DemandModel) -> Double {
        switch demand {
        case .gas(let g):
            return GasHydraulics.pressureLossPascals(
                flowCubicMetresPerHour: flow, lengthMetres: pipe.lengthMetres, innerDiameterMillimetres: pipe.innerDiameterMillimetres,
                roughnessMillimetres: pipe.roughnessMillimetres ?? 0, gas: g.gas, formula: g.formula)
        case .water:
            return WaterHydraulics.headLossMetres(
                flowCubicMetresPerHour: flow, lengthMetres: pipe.lengthMetres, innerDiameterMillimetres: pipe.innerDiameterMillimetres,
                hazenWilliamsC: pipe.hazenWilliamsC ?? 0)
        }
    }

    /// Value at a point of elevation `elevation` at the end of the service pipe carrying `flow`.
    ///
    /// - Gas: p = p_up − Δp_f(Q)/1000 + g·(ρ_air − ρ_gas)·(z − z_up)/1000 kPa (friction by the
    ///   scenario's formula; buoyancy as in GB 50028-2006's additional pressure, `GasHydraulics.elevationGainPascals`).
    /// - Water: pressure head h = H_up − h_f(Q) − z m (Hazen-Williams, EPANET 2 manual Table 3.1).
    static func valueAtEnd(
        _ host: HostNetwork, flow: Double, elevationMetres z: Double, tieInElevationMetres: Double, demand: DemandModel
    ) -> Double {
        let pipe = host.servicePipe
        let loss = serviceLoss(pipe, flow: flow, demand: demand)
        switch demand {
        case .gas(let g):
            let zUp = pipe.upstreamElevationMetres ?? tieInElevationMetres
            let gain = GasHydraulics.elevationGainPascals(riseMetres: z - zUp, gas: g.gas)
            return (pipe.upstreamPressureKilopascals ?? 0) - loss / 1000 + gain / 1000
        case .water:
            return (pipe.upstreamHeadMetres ?? 0) - loss - z
        }
    }

    /// At the host's worst-placed household inlet with `flow` m³/h in the service pipe: the value at
    /// the end of the service pipe less the (unchanged) internal loss.
    public static func worstValue(_ host: HostNetwork, flow: Double, tieInElevationMetres: Double, demand: DemandModel) -> Double {
        valueAtEnd(
            host, flow: flow, elevationMetres: host.worstHousehold.elevationMetres, tieInElevationMetres: tieInElevationMetres,
            demand: demand) - host.worstHousehold.internalLoss
    }

    /// Extra flow on top of `baseFlow` before the worst household falls to `minimum`, m³/h.
    /// The loss is continuous and nondecreasing in flow (Hydraulics.swift), so bisection finds the
    /// crossing; 0 if the worst household is already at or below the minimum.
    static func headroom(
        _ host: HostNetwork, baseFlow: Double, minimum: Double, tieInElevationMetres: Double, demand: DemandModel
    ) -> Double {
        func ok(_ q: Double) -> Bool {
            worstValue(host, flow: q, tieInElevationMetres: tieInElevationMetres, demand: demand) >= minimum
        }
        guard ok(baseFlow) else { return 0 }
        var lo = baseFlow
        var hi = max(2 * baseFlow, baseFlow + 1)
        var steps = 0
        while ok(hi) {
            lo = hi
            hi *= 2
            steps += 1
            if steps > 80 { return .infinity }  // a pipe with no friction (cannot happen for D > 0 and C > 0)
        }
        for _ in 0..<200 where hi - lo > 1e-9 * max(1, hi) {
            let mid = (lo + hi) / 2
            if ok(mid) { lo = mid } else { hi = mid }
        }
        return lo - baseFlow
    }

    /// The impact statement for `source` (which must have a `host`) when a plan feeds
    /// `planHouseholds` households with design flow `planFlowCubicMetresPerHour` through it.
    /// Nil without host data or without a minimum.
    public static func impact(
        source: Source, scenario: Scenario, planHouseholds: Int, planFlowCubicMetresPerHour: Double
    ) -> HostImpact? {
        guard let host = source.host, let minimum = minimum(host, scenarioDemand: scenario.demand) else { return nil }
        let demand = scenario.demand
        let tieInElevation = scenario.node(source.nodeID)?.elevationMetres ?? 0
        let before = designFlow(host, households: host.households, scenarioDemand: demand)
        let rule: HostFlowRule
        let after: Double
        if sharesHouseholdKind(host, scenarioDemand: demand) {
            // Explicit flows of the plan (an engineer's own figures) are not households: added as they are.
            let explicit = max(
                0, planFlowCubicMetresPerHour - DesignFlow.householdsFlowCubicMetresPerHour(households: planHouseholds, demand: demand))
            after = DesignFlow.householdsFlowCubicMetresPerHour(households: host.households + planHouseholds, demand: demand) + explicit
            rule = .combinedSimultaneity
        } else {
            after = before + planFlowCubicMetresPerHour
            rule = .sumOfGroups
        }
        let worstBefore = worstValue(host, flow: before, tieInElevationMetres: tieInElevation, demand: demand)
        let worstAfter = worstValue(host, flow: after, tieInElevationMetres: tieInElevation, demand: demand)
        let tieInAfter = valueAtEnd(
            host, flow: after, elevationMetres: tieInElevation, tieInElevationMetres: tieInElevation, demand: demand)
        let assumed: Double? =
            switch scenario.utility {
            case .gas: source.pressureKilopascals
            case .water: source.headMetres.map { $0 - tieInElevation }
            }
        let d = host.servicePipe.innerDiameterMillimetres
        return HostImpact(
            sourceID: source.id, utility: scenario.utility, hostHouseholds: host.households, planHouseholds: planHouseholds,
            hostFlowCubicMetresPerHour: before, planFlowCubicMetresPerHour: planFlowCubicMetresPerHour,
            flowAfterCubicMetresPerHour: after, flowRule: rule, worstBefore: worstBefore, worstAfter: worstAfter, minimum: minimum,
            velocityBeforeMetresPerSecond: PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: before, innerDiameterMillimetres: d),
            velocityAfterMetresPerSecond: PipeFlow.velocityMetresPerSecond(flowCubicMetresPerHour: after, innerDiameterMillimetres: d),
            spareCapacityCubicMetresPerHour: source.spareCapacityCubicMetresPerHour,
            hydraulicHeadroomCubicMetresPerHour: headroom(
                host, baseFlow: before, minimum: minimum, tieInElevationMetres: tieInElevation, demand: demand),
            tieInAfter: tieInAfter, tieInAssumed: assumed)
    }

    /// The impact of a plan on every host it taps, in the plan's source order.
    public static func impacts(of plan: Plan, scenario: Scenario) -> [HostImpact] {
        plan.sources.compactMap { use in
            guard let source = scenario.sources.first(where: { $0.id == use.sourceID }) else { return nil }
            return impact(
                source: source, scenario: scenario, planHouseholds: use.households,
                planFlowCubicMetresPerHour: use.designFlowCubicMetresPerHour)
        }
    }
}
