// SPDX-License-Identifier: GPL-3.0-or-later
//
// The time-indexed MILP of Pritsker, Watters & Wolfe (1969, "Multiproject scheduling with limited
// resources: a zero-one programming approach"), with the disaggregated precedence rows of
// Christofides, Alvarez-Valdés & Tamarit (1987), which give a much stronger LP relaxation.
// Time is counted in working days, so the calendar is already in the index: day t is the t-th
// working day, and weekends and holidays never appear. docs/background/scheduling.md has the
// full formulation.
//
//   x[j,s] = 1  iff job j starts on working day s, for s in its window [ES_j, LS_j] where it may start
//   Σ_s x[j,s] = 1                                            every job starts once
//   Σ_{s≤t} x[b,s] ≤ Σ_{s≤t−lag} x[a,s]        ∀ t            S_b ≥ S_a + lag (disaggregated)
//   Σ_j∈k Σ_{s=t−p_j+1..t} x[j,s] − y_k ≤ cap_k ∀ t           crews of type k on day t
//   u_t ≥ Σ_{s ≥ t−p_j+1} x[j,s]                ∀ j, t ≥ 1     u_t = 1 iff some job runs on day ≥ t
//   u_t ≥ u_{t+1},  0 ≤ u_t ≤ 1,  y_k ∈ {0..extra_k}
//   min  g(0) + Σ_t (g(t) − g(t−1)) u_t + Σ_j Σ_s c_j(s+p_j−1) x[j,s] + Σ_k cost_k y_k
//
// g is the cost of the last working day F (F+1 working days, or the interim supply cost of the
// outage until then); c_j a job's own finish cost (households waiting). Both are nondecreasing,
// so u_t may be continuous: the optimum sets it to 1 exactly while some job still runs.

import MILP

struct TimeIndexedFormulation {
    var model = Model(name: "works-schedule")
    /// (job, start) of each x variable, in variable order.
    private(set) var starts: [(job: Int, start: Int)] = []
    private(set) var jobVariables: [[(start: Int, variable: VariableID)]] = []
    private(set) var extraVariables: [VariableID?] = []
    private(set) var lastDayVariables: [VariableID] = []
    let lastDay: Int
    let durations: [Int]
    /// Constant part of the objective (g(0)).
    let objectiveConstant: Double

    /// Number of start variables the model would have for this horizon (nil if some job has no allowed start).
    static func startVariableCount(_ p: SchedulingProblem, lastDay: Int) -> Int? {
        guard let windows = windows(p, lastDay: lastDay) else { return nil }
        return windows.enumerated().reduce(0) { sum, e in sum + e.element.filter { p.jobs[e.offset].canStart(at: $0) }.count }
    }

    static func windows(_ p: SchedulingProblem, lastDay: Int) -> [ClosedRange<Int>]? {
        let es = p.earliestStarts()
        let ls = p.latestStarts(lastDay: lastDay)
        var out: [ClosedRange<Int>] = []
        for j in p.jobs.indices {
            guard let e = es[j], let l = ls[j], e <= l else { return nil }
            out.append(e...l)
        }
        return out
    }

    /// Builds the model for schedules whose last working day is at most `lastDay`. Nil if no
    /// schedule fits (a job's window is empty).
    init?(_ p: SchedulingProblem, lastDay: Int) {
        guard let windows = Self.windows(p, lastDay: lastDay) else { return nil }
        self.lastDay = lastDay
        self.durations = p.jobs.map(\.duration)
        self.objectiveConstant = Double(p.cost.makespanCost(0))
        var objective = LinearExpression()

        for (j, job) in p.jobs.enumerated() {
            var vars: [(Int, VariableID)] = []
            for s in windows[j] where job.canStart(at: s) {
                let v = model.addVariable("x_\(j)_\(s)", kind: .binary)
                vars.append((s, v))
                starts.append((j, s))
                if let c = p.cost.finishCost[j] {
                    let value = Double(c(s + job.duration - 1))
                    if value != 0 { objective.add(v, value) }
                }
            }
            guard !vars.isEmpty else { return nil }
            jobVariables.append(vars)
            model.addConstraint("start_\(j)", LinearExpression(vars.map { Term($0.1, 1) }), .equal, 1)
        }

        for (k, r) in p.resources.enumerated() {
            if p.cost.allowExtra && r.extra > 0 {
                let y = model.addVariable("extra_\(k)", kind: .integer, lowerBound: 0, upperBound: Double(r.extra))
                extraVariables.append(y)
                if r.extraCost != 0 { objective.add(y, Double(r.extraCost)) }
            } else {
                extraVariables.append(nil)
            }
        }

        // Precedences: disaggregated rows over the successor's window.
        for (i, e) in p.precedences.enumerated() {
            let a = jobVariables[e.from]
            let b = jobVariables[e.to]
            guard let bFirst = b.first?.start, let bLast = b.last?.start else { continue }
            for t in bFirst..<bLast {
                var expr = LinearExpression()
                for (s, v) in b where s <= t { expr.add(v, 1) }
                var covered = 0
                for (s, v) in a where s <= t - e.lag {
                    expr.add(v, -1)
                    covered += 1
                }
                if covered == a.count { continue }  // the predecessor has surely started: the row is slack
                model.addConstraint("prec_\(i)_\(t)", expr, .lessOrEqual, 0)
            }
        }

        // Crews, day by day, only where the jobs that could run exceed the capacity.
        for (k, r) in p.resources.enumerated() {
            let js = p.jobs.indices.filter { p.jobs[$0].resource == k }
            guard !js.isEmpty else { continue }
            for t in 0...lastDay {
                var expr = LinearExpression()
                var jobsThatCanRun = 0
                for j in js {
                    let d = p.jobs[j].duration
                    var any = false
                    for (s, v) in jobVariables[j] where s <= t && t <= s + d - 1 {
                        expr.add(v, 1)
                        any = true
                    }
                    if any { jobsThatCanRun += 1 }
                }
                guard jobsThatCanRun > r.capacity else { continue }
                if let y = extraVariables[k] { expr.add(y, -1) }
                model.addConstraint("crew_\(k)_\(t)", expr, .lessOrEqual, Double(r.capacity))
            }
        }

        // The last working day: u_t for t = 1…lastDay.
        let succ = p.successors
        // Only jobs whose finish is not implied by a successor's finish need rows.
        let needsRow = p.jobs.indices.filter { j in
            !succ[j].contains { $0.lag + p.jobs[$0.to].duration >= p.jobs[j].duration }
        }
        var previous: VariableID?
        if lastDay >= 1 {
            for t in 1...lastDay {
                let u = model.addVariable("u_\(t)", kind: .continuous, lowerBound: 0, upperBound: 1)
                lastDayVariables.append(u)
                let step = Double(p.cost.makespanCost(t) - p.cost.makespanCost(t - 1))
                if step != 0 { objective.add(u, step) }
                if let previous { model.addConstraint("u_order_\(t)", LinearExpression([Term(previous, 1), Term(u, -1)]), .greaterOrEqual, 0) }
                previous = u
                for j in needsRow {
                    let d = p.jobs[j].duration
                    let late = jobVariables[j].filter { $0.start + d - 1 >= t }
                    guard !late.isEmpty else { continue }
                    var expr = LinearExpression([Term(u, 1)])
                    for (_, v) in late { expr.add(v, -1) }
                    model.addConstraint("last_\(j)_\(t)", expr, .greaterOrEqual, 0)
                }
            }
        }
        objective.constant = objectiveConstant
        model.objective = objective
        model.objectiveSense = .minimize
    }

    /// The variable values of a known schedule (for the solver's first incumbent); nil if it
    /// does not fit this model's windows.
    func point(starts s: [Int], extra: [Int]) -> [Double]? {
        var values = [Double](repeating: 0, count: model.variables.count)
        for (j, vars) in jobVariables.enumerated() {
            guard let v = vars.first(where: { $0.start == s[j] })?.variable else { return nil }
            values[v.index] = 1
        }
        for (k, y) in extraVariables.enumerated() {
            if let y { values[y.index] = Double(extra[k]) } else if extra[k] != 0 { return nil }
        }
        let last = durations.indices.map { s[$0] + durations[$0] - 1 }.max() ?? 0
        for (i, u) in lastDayVariables.enumerated() { values[u.index] = i + 1 <= last ? 1 : 0 }
        return values
    }

    /// Starts and extra units from a solver's values.
    func decode(_ values: [Double]) -> (starts: [Int], extra: [Int]) {
        var starts: [Int] = []
        for vars in jobVariables {
            let best = vars.max { values[$0.variable.index] < values[$1.variable.index] }
            starts.append(best?.start ?? 0)
        }
        let extra = extraVariables.map { $0.map { Int(values[$0.index].rounded()) } ?? 0 }
        return (starts, extra)
    }
}
