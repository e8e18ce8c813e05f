// SPDX-License-Identifier: GPL-3.0-or-later
//
// A gas plan as a short Python script that builds the same network in pandapipes, runs its
// pipeflow and prints the pressures as JSON. Documented in docs/reference/exports.md.

import ConnplanCore
import Foundation

/// pandapipes script of a gas plan.
///
/// The script is plain data plus a dozen lines of pandapipes calls, so an engineer can read and
/// change it. Modelling choices, each chosen so pandapipes solves the planner's model:
/// - Junctions at every node the plan reaches, with `height_m` = the node's elevation; an external
///   grid at each used source with its supply gauge pressure (the regulator's outlet, if any).
/// - Pipes with length, inner diameter and absolute roughness `k_mm`; pipeflow with
///   `friction_model="colebrook"` (Colebrook-White, as the planner's `darcy_weisbach`; pandapipes'
///   default "nikuradse" is the fully rough law, far off for smooth PE).
/// - Sinks with the equivalent nodal demands of `PlanNetwork` as mass flows (ṁ = Q·ρ/3600), so
///   pandapipes' pipe flows are the planner's design flows; a negative one is a pandapipes source.
/// - A custom gas: dynamic viscosity ρ·ν, ideal (Z = 1), at 273.15 K, with its normal density set
///   so that at the sources' mean absolute pressure the density is the scenario's `density_kg_m3`
///   (the planner's density at working conditions; pandapipes then lets it fall with pressure
///   along the pipes, which the planner does not).
/// - pandapipes' gauge pressure is relative to the ambient air at each junction's height
///   (barometric formula, about 1.225 kg/m³ of air at sea level), so buoyancy is modelled as in
///   GB 50028; the planner uses the scenario's `air_density_kg_m3` (1.293 by default): about 0.7 Pa
///   per metre of rise apart.
/// - Renouard plans are exported the same way; pandapipes has no Renouard formula, so its
///   pressures for them follow Colebrook-White and the script's header says so.
/// Same plan, same bytes.
public struct PandapipesExport: PlanExport {
    public init() {}

    public var utilities: Set<Utility> { [.gas] }

    public func export(scenario: Scenario, plan: Plan) throws -> String {
        guard case .gas(let demand) = scenario.demand else {
            throw ExportError.wrongUtility(
                format: "pandapipes", utility: scenario.utility, use: "use --format epanet for water (or geojson for either utility)")
        }
        let gas = demand.gas
        let network = PlanNetwork(scenario: scenario, plan: plan)
        func py(_ s: String) -> String { JSONValue.quote(s) }  // a JSON string literal is a Python str literal
        func bar(_ kilopascals: Double) -> String { fixed(kilopascals / 100, 10) }

        var lines: [String] = []
        lines.append("#!/usr/bin/env python3")
        lines.append("# connplan export: pandapipes model of a gas plan (docs/reference/exports.md).")
        lines.append("# Scenario: \(oneLine(scenario.name))")
        lines.append(
            "# Plan: \(plan.segments.count) pipes from \(plan.route.sourceIDs.joined(separator: ", ")); total cost \(Money.cny(plan.costs.totalFen)) CNY.")
        lines.append("#")
        lines.append("# Run: python3 THIS_FILE  (needs pandapipes). It builds the net, runs pipeflow and prints JSON:")
        lines.append("# the gauge pressure (kPa) at every junction from pandapipes and from connplan, and the largest")
        lines.append("# difference at a building in per cent of connplan's gauge pressure.")
        lines.append("# - Sinks carry equivalent nodal demands (design flow in minus design flows out), so the pipe")
        lines.append("#   flows are connplan's design flows; a negative demand is a pandapipes source.")
        lines.append("# - Friction: Colebrook-White with each pipe's roughness (friction_model=\"colebrook\").")
        switch demand.formula {
        case .darcyWeisbach:
            lines.append("#   connplan used Darcy-Weisbach with Colebrook-White too.")
        case .renouard:
            lines.append("#   NOTE: connplan used Renouard's formula for this plan; pandapipes has none, so the")
            lines.append("#   pressures below follow Colebrook-White and may differ from connplan's.")
        }
        lines.append("# - Fluid: the scenario's gas, ideal, at 273.15 K, with the scenario's density at the")
        lines.append("#   sources' absolute pressure; heights make buoyancy against the ambient air (pandapipes:")
        lines.append("#   barometric formula, ~1.225 kg/m3 of air at sea level; connplan: air_density_kg_m3).")
        lines.append("")
        lines.append("import json")
        lines.append("")
        lines.append("import pandapipes as pp")
        lines.append("from pandapipes.component_models.component_toolbox import p_correction_height_air")
        lines.append("from pandapipes.properties.fluids import Fluid, FluidPropertyConstant, FluidPropertyLinear")
        lines.append("")
        lines.append("GAS_DENSITY_KG_M3 = \(fixed(gas.densityKilogramsPerCubicMetre, 9))  # gas.density_kg_m3 (working conditions)")
        lines.append(
            "GAS_KINEMATIC_VISCOSITY_M2_S = \(String(format: "%.9e", gas.kinematicViscositySquareMetresPerSecond))  # gas.kinematic_viscosity_m2_s")
        lines.append("TEMPERATURE_K = 273.15")
        lines.append("NORMAL_PRESSURE_BAR = 1.01325")
        lines.append("R_UNIVERSAL_J_MOL_K = 8.314462618")
        lines.append("")
        lines.append("# Used sources: (source id, node, gauge supply pressure in bar).")
        lines.append("SOURCES = [")
        for use in plan.sources {
            guard let s = scenario.sources.first(where: { $0.id == use.sourceID }) else { continue }
            lines.append("    (\(py(s.id)), \(py(s.nodeID)), \(bar(s.supplyPressureKilopascals ?? 0))),")
        }
        lines.append("]")
        lines.append("# Nodes: (id, height m).")
        lines.append("JUNCTIONS = [")
        for n in network.nodes { lines.append("    (\(py(n.id)), \(fixed(n.elevationMetres, 4))),") }
        lines.append("]")
        lines.append("# Planned segments, upstream to downstream: (id, from, to, length km, inner diameter mm, roughness mm).")
        lines.append("PIPES = [")
        for p in network.pipes {
            let s = p.planned
            lines.append(
                "    (\(py(s.segmentID)), \(py(s.upstreamNodeID)), \(py(s.downstreamNodeID)), \(fixed(s.lengthMetres / 1000, 10)), "
                    + "\(fixed(s.pipe.innerDiameterMillimetres, 4)), \(fixed(s.pipe.roughnessMillimetres ?? 0, 6))),")
        }
        lines.append("]")
        lines.append("# Equivalent nodal demands, m3/h (negative: the node gives back flow).")
        lines.append("DEMANDS_M3_H = [")
        for n in network.nodes where n.sourceID == nil && n.equivalentDemandCubicMetresPerHour != 0 {
            lines.append("    (\(py(n.id)), \(fixed(n.equivalentDemandCubicMetresPerHour, 10))),")
        }
        lines.append("]")
        lines.append("# connplan's gauge pressure at each building's node, kPa.")
        lines.append("CONNPLAN_BUILDING_PRESSURE_KPA = {")
        var seenNodes = Set<String>()
        for b in plan.buildings where seenNodes.insert(b.nodeID).inserted {
            lines.append("    \(py(b.nodeID)): \(fixed(b.value, 10)),")
        }
        lines.append("}")
        lines.append("")
        lines.append(
            """
            def build():
                supply_abs_bar = sum(p + float(p_correction_height_air(height_of[node])) for _, node, p in SOURCES) / len(SOURCES)
                normal_density = GAS_DENSITY_KG_M3 * NORMAL_PRESSURE_BAR / supply_abs_bar
                fluid = Fluid("connplan-gas", "gas",
                              density=FluidPropertyConstant(normal_density),
                              viscosity=FluidPropertyConstant(GAS_DENSITY_KG_M3 * GAS_KINEMATIC_VISCOSITY_M2_S),
                              heat_capacity=FluidPropertyConstant(2200.0),  # not used by a hydraulic pipeflow
                              molar_mass=FluidPropertyConstant(
                                  normal_density * R_UNIVERSAL_J_MOL_K * TEMPERATURE_K / (NORMAL_PRESSURE_BAR * 1e5) * 1e3),
                              compressibility=FluidPropertyLinear(0.0, 1.0),  # ideal gas, Z = 1
                              der_compressibility=FluidPropertyConstant(0.0))
                net = pp.create_empty_network(name=\(py(scenario.name)), fluid=fluid)
                start_bar = max(p for _, _, p in SOURCES)
                junction = {}
                for node, height in JUNCTIONS:
                    junction[node] = pp.create_junction(net, pn_bar=start_bar, tfluid_k=TEMPERATURE_K, height_m=height, name=node)
                for source, node, p in SOURCES:
                    pp.create_ext_grid(net, junction[node], p_bar=p, t_k=TEMPERATURE_K, name=source)
                for name, a, b, length_km, diameter_mm, k_mm in PIPES:
                    pp.create_pipe_from_parameters(net, junction[a], junction[b], length_km=length_km,
                                                   inner_diameter_mm=diameter_mm, k_mm=k_mm, name=name)
                for node, q in DEMANDS_M3_H:
                    mdot = abs(q) * GAS_DENSITY_KG_M3 / 3600.0
                    if q > 0:
                        pp.create_sink(net, junction[node], mdot_kg_per_s=mdot, name=node)
                    else:
                        pp.create_source(net, junction[node], mdot_kg_per_s=mdot, name=node)
                return net


            height_of = dict(JUNCTIONS)


            def main():
                net = build()
                pp.pipeflow(net, friction_model="colebrook", use_numba=False, max_iter_hyd=200, tol_p=1e-10, tol_m=1e-10,
                            tol_res=1e-10, max_iter_colebrook=200, tolerance_colebrook=1e-12)
                pressure = {str(net.junction.at[i, "name"]): float(net.res_junction.at[i, "p_bar"]) * 100.0
                            for i in net.junction.index}
                deviation = {node: 100.0 * (pressure[node] - value) / value
                             for node, value in CONNPLAN_BUILDING_PRESSURE_KPA.items()}
                print(json.dumps({
                    "converged": bool(net.converged),
                    "pandapipes_pressure_kpa": pressure,
                    "connplan_building_pressure_kpa": CONNPLAN_BUILDING_PRESSURE_KPA,
                    "building_deviation_percent": deviation,
                    "largest_building_deviation_percent": max((abs(d) for d in deviation.values()), default=0.0),
                }, sort_keys=True, indent=1))


            if __name__ == "__main__":
                main()
            """)
        return lines.joined(separator: "\n") + "\n"
    }

    private func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
