#!/usr/bin/env python3
# connplan export: pandapipes model of a gas plan (docs/reference/exports.md).
# Scenario: Compound No. 79 gas connection (Xianning)
# Plan: 3 pipes from S-TEL; total cost 55,947.45 CNY.
#
# Run: python3 THIS_FILE  (needs pandapipes). It builds the net, runs pipeflow and prints JSON:
# the gauge pressure (kPa) at every junction from pandapipes and from connplan, and the largest
# difference at a building in per cent of connplan's gauge pressure.
# - Sinks carry equivalent nodal demands (design flow in minus design flows out), so the pipe
#   flows are connplan's design flows; a negative demand is a pandapipes source.
# - Friction: Colebrook-White with each pipe's roughness (friction_model="colebrook").
#   connplan used Darcy-Weisbach with Colebrook-White too.
# - Fluid: the scenario's gas, ideal, at 273.15 K, with the scenario's density at the
#   sources' absolute pressure; heights make buoyancy against the ambient air (pandapipes:
#   barometric formula, ~1.225 kg/m3 of air at sea level; connplan: air_density_kg_m3).

import json

import pandapipes as pp
from pandapipes.component_models.component_toolbox import p_correction_height_air
from pandapipes.properties.fluids import Fluid, FluidPropertyConstant, FluidPropertyLinear

GAS_DENSITY_KG_M3 = 0.750000000  # gas.density_kg_m3 (working conditions)
GAS_KINEMATIC_VISCOSITY_M2_S = 1.430000000e-05  # gas.kinematic_viscosity_m2_s
TEMPERATURE_K = 273.15
NORMAL_PRESSURE_BAR = 1.01325
R_UNIVERSAL_J_MOL_K = 8.314462618

# Used sources: (source id, node, gauge supply pressure in bar).
SOURCES = [
    ("S-TEL", "TEL-RISER", 0.0225000000),
]
# Nodes: (id, height m).
JUNCTIONS = [
    ("TEL-RISER", 52.6000),
    ("WEST-WALL", 52.2000),
    ("B1", 52.0000),
    ("B2", 52.4000),
]
# Planned segments, upstream to downstream: (id, from, to, length km, inner diameter mm, roughness mm).
PIPES = [
    ("X-TEL", "TEL-RISER", "WEST-WALL", 0.0251793566, 26.2000, 0.010000),
    ("C-B1-WEST", "WEST-WALL", "B1", 0.0142126704, 26.2000, 0.010000),
    ("C-B2-WEST", "WEST-WALL", "B2", 0.0142126704, 26.2000, 0.010000),
]
# Equivalent nodal demands, m3/h (negative: the node gives back flow).
DEMANDS_M3_H = [
    ("WEST-WALL", -2.2400000000),
    ("B1", 7.0000000000),
    ("B2", 7.0000000000),
]
# connplan's gauge pressure at each building's node, kPa.
CONNPLAN_BUILDING_PRESSURE_KPA = {
    "B1": 1.7484438198,
    "B2": 1.7505738242,
}

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
    net = pp.create_empty_network(name="Compound No. 79 gas connection (Xianning)", fluid=fluid)
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
