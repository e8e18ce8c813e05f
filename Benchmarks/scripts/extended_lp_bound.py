#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""LP bounds of extended formulations on an issue-3 grid instance (analysis, not a test).

Reads a scenario written by `connplan-bench --write-scenario` (grid family, pressure off) and
solves, with HiGHS through scipy, the LP relaxation of:

  A  the route master as connplan writes it before any cut (y per arc and pipe, loads n per arc
     and pipe, in-degree, "an arc leaves a node only if the node is fed", n >= h_head * y);
  B  A + one unit commodity flow per demand node, g^k <= sum of y over pipes that carry k's
     households, loads tied to the flows (sum_o n[a,o] = sum_k h_k g^k[a]);
  C  A + per-commodity per-pipe flows, g^k[a,o] <= y[a,o], n[a,o] = sum_k h_k g^k[a,o].

The issue-3 grid family's pipes carry 10/40/120/400 households (their velocity limits at the
scenario's demand model), which the script assumes. Measured on grid-10x10-s1-poff
(docs/performance.md, fourth run): A 335,951, B 366,830, C 394,871 CNY, against 407,693 CNY
for connplan's root after its cut rounds.

Needs PyYAML, numpy, scipy (with HiGHS). Usage: extended_lp_bound.py SCENARIO.yaml A|B|C
"""
import collections
import sys
import time

import numpy as np
import scipy.sparse as sp
import yaml
from scipy.optimize import linprog

CAPACITY = [10, 40, 120, 400]  # households per pipe, issue-3 grid family


def main(path, model):
    scenario = yaml.safe_load(open(path))
    price = [p["cost_per_m_cny"]["street"] for p in scenario["pipes"]]
    assert len(price) == len(CAPACITY), "expects the four pipes of the issue-3 grid family"
    nodes = [n["id"] for n in scenario["nodes"]]
    index = {v: i for i, v in enumerate(nodes)}
    h = [0] * len(nodes)
    for compound in scenario["compounds"]:
        for b in compound["buildings"]:
            h[index[b["node"]]] += b["households"]
    total = sum(h)
    sources = [(index[s["node"]], s["tie_in_cost_cny"]) for s in scenario["sources"]]
    arcs = []
    for s in scenario["segments"]:
        a, b, length = index[s["from"]], index[s["to"]], s["length_m"]
        arcs += [(a, b, length), (b, a, length)]
    options = range(len(CAPACITY))
    cost, upper = [], []

    def var(c, u):
        cost.append(c)
        upper.append(u)
        return len(cost) - 1

    y = [[var(price[o] * length, 1) for o in options] for (_, _, length) in arcs]
    n = [[var(0, CAPACITY[o]) for o in options] for _ in arcs]
    u = [var(c, 1) for (_, c) in sources]
    supply = [var(0, total) for _ in sources]
    rows, lo, hi = [], [], []

    def row(terms, low, high):
        rows.append(terms)
        lo.append(low)
        hi.append(high)

    into = collections.defaultdict(list)
    out = collections.defaultdict(list)
    for a, (t, hd, _) in enumerate(arcs):
        out[t].append(a)
        into[hd].append(a)
    for e in range(len(arcs) // 2):
        row([(y[2 * e + d][o], 1) for d in range(2) for o in options], -np.inf, 1)
    for v in range(len(nodes)):
        at = [s for s, (sv, _) in enumerate(sources) if sv == v]
        row([(y[a][o], 1) for a in into[v] for o in options] + [(u[s], 1) for s in at], 1 if h[v] > 0 else -np.inf, 1)
        row([(n[a][o], 1) for a in out[v] for o in options] + [(n[a][o], -1) for a in into[v] for o in options]
            + [(supply[s], -1) for s in at], -h[v], -h[v])
    for a, (t, hd, _) in enumerate(arcs):
        for o in options:
            row([(n[a][o], 1), (y[a][o], -CAPACITY[o])], -np.inf, 0)
            if h[hd] > 0:
                row([(n[a][o], 1), (y[a][o], -h[hd])], 0, np.inf)
        at = [s for s, (sv, _) in enumerate(sources) if sv == t]
        row([(y[a][o], 1) for o in options] + [(y[b][o], -1) for b in into[t] if b != (a ^ 1) for o in options]
            + [(u[s], -1) for s in at], -np.inf, 0)
    for s in range(len(sources)):
        row([(supply[s], 1), (u[s], -total)], -np.inf, 0)
    if model in ("B", "C"):
        link = collections.defaultdict(list)
        for k in (v for v in range(len(nodes)) if h[v] > 0):
            fits = [o for o in options if CAPACITY[o] >= h[k]]
            from_source = [var(0, 1) for _ in sources]
            for s in range(len(sources)):
                row([(from_source[s], 1), (u[s], -1)], -np.inf, 0)
            g = [[var(0, 1)] if model == "B" else [var(0, 1) for _ in fits] for _ in arcs]
            for v in range(len(nodes)):
                rhs = -1 if v == k else 0
                row([(c, 1) for a in out[v] for c in g[a]] + [(c, -1) for a in into[v] for c in g[a]]
                    + [(from_source[s], -1) for s, (sv, _) in enumerate(sources) if sv == v], rhs, rhs)
            for a in range(len(arcs)):
                if model == "B":
                    row([(g[a][0], 1)] + [(y[a][o], -1) for o in fits], -np.inf, 0)
                    link[(a, None)].append((g[a][0], h[k]))
                else:
                    for i, o in enumerate(fits):
                        row([(g[a][i], 1), (y[a][o], -1)], -np.inf, 0)
                        link[(a, o)].append((g[a][i], h[k]))
        for (a, o), terms in sorted(link.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else kv[0][1])):
            loads = [(n[a][p], 1) for p in options] if o is None else [(n[a][o], 1)]
            row(loads + [(c, -w) for c, w in terms], 0, 0)
    r, c, v = [], [], []
    for i, terms in enumerate(rows):
        for col, w in terms:
            r.append(i)
            c.append(col)
            v.append(w)
    A = sp.csr_matrix((v, (r, c)), shape=(len(rows), len(cost)))
    lo, hi = np.array(lo), np.array(hi)
    eq = lo == hi
    A_ub = sp.vstack([A[~eq & np.isfinite(hi)], -A[~eq & np.isfinite(lo)]])
    b_ub = np.concatenate([hi[~eq & np.isfinite(hi)], -lo[~eq & np.isfinite(lo)]])
    started = time.time()
    res = linprog(cost, A_ub=A_ub, b_ub=b_ub, A_eq=A[eq], b_eq=lo[eq], bounds=list(zip([0] * len(cost), upper)), method="highs")
    print(f"{model}: {len(cost)} columns, {len(rows)} rows, LP bound {res.fun:,.1f} CNY, {time.time() - started:.1f} s, status {res.status}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
