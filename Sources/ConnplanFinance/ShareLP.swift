// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cost-share LPs over classes of identical households. Per class k (n_k households, basis
// share b_k, cap c_k, subsidy room r_pk): x_k = what one household pays, s_pk = subsidy p gives it.
//   Σ_k n_k·(x_k + Σ_p s_pk) = H (what households bear), 0 ≤ x_k ≤ c_k, 0 ≤ s_pk ≤ r_pk,
//   Σ_p s_pk ≤ b_k, Σ_k n_k·s_pk ≤ cap_p.
// Excess e_k = x_k + Σ_p s_pk − b_k. Leximin: minimise max e_k, fix the classes that cannot go lower,
// repeat.

import GLPKBackend
import MILP

struct ShareLP {
    /// (households in class, basis share per household, cap per household, subsidy room per party)
    var classes: [(count: Double, basis: Double, cap: Double, room: [Double])]
    var subsidyCaps: [Double?]
    var householdsBear: Double

    struct Values {
        var payment: [Double]
        var subsidy: [[Double]]
        var classCounts: [Double]
        func subsidyTotal(_ p: Int) -> Double { zip(subsidy[p], classCounts).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    private var tolerance: Double { 1e-7 * max(1, householdsBear) }

    private struct Built {
        var model: Model
        var x: [VariableID]
        var s: [[VariableID]]
    }

    private func build(balance: ConstraintSense) -> Built {
        var m = Model(name: "cost-share")
        let x = classes.indices.map { k in
            m.addVariable("x_\(k)", lowerBound: 0, upperBound: classes[k].cap.isFinite && classes[k].cap < 1e15 ? classes[k].cap : nil)
        }
        let s = subsidyCaps.indices.map { p in classes.indices.map { k in m.addVariable("s_\(p)_\(k)", lowerBound: 0, upperBound: max(0, classes[k].room[p])) } }
        var bal = LinearExpression()
        for k in classes.indices {
            bal.add(x[k], classes[k].count)
            for p in subsidyCaps.indices { bal.add(s[p][k], classes[k].count) }
            var own = LinearExpression()
            for p in subsidyCaps.indices { own.add(s[p][k], 1) }
            if !own.terms.isEmpty { m.addConstraint("sub_le_basis_\(k)", own, .lessOrEqual, max(0, classes[k].basis)) }
        }
        m.addConstraint("balance", bal, balance, householdsBear)
        for (p, cap) in subsidyCaps.enumerated() {
            guard let cap else { continue }
            var e = LinearExpression()
            for k in classes.indices { e.add(s[p][k], classes[k].count) }
            m.addConstraint("subsidy_cap_\(p)", e, .lessOrEqual, cap)
        }
        return Built(model: m, x: x, s: s)
    }

    private func values(_ b: Built, _ sol: Solution) -> Values {
        Values(payment: b.x.map { sol.values[$0.index] }, subsidy: b.s.map { $0.map { sol.values[$0.index] } },
               classCounts: classes.map(\.count))
    }

    private func solve(_ m: Model, _ solver: GLPKSolver) throws -> Solution {
        do { return try solver.solve(m, options: SolveOptions()) } catch { throw CostShareError.solver("\(error)") }
    }

    /// Largest total subsidy compatible with covering the cost exactly; nil if the cost cannot be covered.
    func maximiseSubsidy(_ solver: GLPKSolver) throws -> Double? {
        var b = build(balance: .equal)
        var obj = LinearExpression()
        for p in subsidyCaps.indices { for k in classes.indices { obj.add(b.s[p][k], classes[k].count) } }
        b.model.objective = obj
        b.model.objectiveSense = .maximize
        let sol = try solve(b.model, solver)
        guard sol.status == .optimal else { return nil }
        return sol.objectiveValue ?? 0
    }

    /// The most the rules can cover when they cannot cover everything, and the payments doing so.
    func maximiseCoverage(_ solver: GLPKSolver) throws -> (Double, Values) {
        var b = build(balance: .lessOrEqual)
        var obj = LinearExpression()
        for k in classes.indices {
            obj.add(b.x[k], classes[k].count)
            for p in subsidyCaps.indices { obj.add(b.s[p][k], classes[k].count) }
        }
        b.model.objective = obj
        b.model.objectiveSense = .maximize
        let sol = try solve(b.model, solver)
        guard sol.status == .optimal else { throw CostShareError.solver("coverage LP ended \(sol.status)") }
        return (sol.objectiveValue ?? 0, values(b, sol))
    }

    /// Leximin payments with the total subsidy held at `subsidyTotal`: first over excess above the
    /// basis share (x + Σs − b), then, with those levels fixed, over payments x (so that subsidy
    /// relieves the highest payers first and identical households are treated alike).
    func leximin(_ solver: GLPKSolver, subsidyTotal: Double) throws -> Values {
        func excess(_ b: Built, _ k: Int) -> LinearExpression {
            var e = LinearExpression([Term(b.x[k], 1)])
            for p in subsidyCaps.indices { e.add(b.s[p][k], 1) }
            return e
        }
        func payment(_ b: Built, _ k: Int) -> LinearExpression { LinearExpression([Term(b.x[k], 1)]) }
        let first = try leximinLevels(solver, subsidyTotal: subsidyTotal, fixed: [], expression: excess, offset: { classes[$0].basis })
        let levels: [(Int, (Built, Int) -> LinearExpression, Double)] = first.map { k, v in (k, excess, v + classes[k].basis) }
        let second = try leximinLevels(solver, subsidyTotal: subsidyTotal, fixed: levels, expression: payment, offset: { _ in 0 })
        let b = base(subsidyTotal: subsidyTotal, fixed: levels + second.map { k, v in (k, payment, v) })
        let sol = try solve(b.model, solver)
        guard sol.status == .optimal else { throw CostShareError.solver("final cost-share LP ended \(sol.status)") }
        return values(b, sol)
    }

    private func base(subsidyTotal: Double, fixed: [(Int, (Built, Int) -> LinearExpression, Double)]) -> Built {
        var b = build(balance: .equal)
        var sub = LinearExpression()
        for p in subsidyCaps.indices { for k in classes.indices { sub.add(b.s[p][k], classes[k].count) } }
        if !sub.terms.isEmpty { b.model.addConstraint("subsidy_used", sub, .greaterOrEqual, subsidyTotal - tolerance) }
        for (i, (k, expr, level)) in fixed.enumerated() {
            b.model.addConstraint("fixed_\(i)_\(k)", expr(b, k), .lessOrEqual, level + tolerance / max(1, classes[k].count))
        }
        return b
    }

    /// Lexicographic minimax of `expression(k) − offset(k)` over the classes not yet fixed.
    /// Returns each class's level (expression − offset).
    private func leximinLevels(
        _ solver: GLPKSolver, subsidyTotal: Double, fixed: [(Int, (Built, Int) -> LinearExpression, Double)],
        expression: @escaping (Built, Int) -> LinearExpression, offset: (Int) -> Double
    ) throws -> [Int: Double] {
        var levels: [Int: Double] = [:]
        func constraints() -> [(Int, (Built, Int) -> LinearExpression, Double)] {
            fixed + levels.sorted { $0.key < $1.key }.map { k, v in (k, expression, v + offset(k)) }
        }
        while levels.count < classes.count {
            let unfixed = classes.indices.filter { levels[$0] == nil }
            var b = base(subsidyTotal: subsidyTotal, fixed: constraints())
            let t = b.model.addVariable("t", lowerBound: nil, upperBound: nil)
            for k in unfixed {
                var e = expression(b, k)
                e.add(t, -1)
                b.model.addConstraint("level_\(k)", e, .lessOrEqual, offset(k))
            }
            b.model.objective = LinearExpression([Term(t, 1)])
            let sol = try solve(b.model, solver)
            guard sol.status == .optimal, let tStar = sol.objectiveValue else {
                throw CostShareError.solver("leximin round ended \(sol.status)")
            }
            var newlyFixed: [Int] = []
            if unfixed.count == 1 {
                newlyFixed = unfixed
            } else {
                for k in unfixed {
                    // Can class k go below t* while every other unfixed class stays at or below t*?
                    var c = base(subsidyTotal: subsidyTotal, fixed: constraints())
                    for j in unfixed {
                        c.model.addConstraint("cap_\(j)", expression(c, j), .lessOrEqual, offset(j) + tStar + tolerance / max(1, classes[j].count))
                    }
                    c.model.objective = expression(c, k)
                    let s2 = try solve(c.model, solver)
                    guard s2.status == .optimal, let v = s2.objectiveValue else { continue }
                    if v - offset(k) >= tStar - tolerance { newlyFixed.append(k) }
                }
                if newlyFixed.isEmpty { newlyFixed = unfixed }
            }
            for k in newlyFixed { levels[k] = tStar }
        }
        return levels
    }
}
