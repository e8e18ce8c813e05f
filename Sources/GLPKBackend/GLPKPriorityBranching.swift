// SPDX-License-Identifier: GPL-3.0-or-later
//
// Branching on a priority set of columns first (`SolveOptions.branchFirst`, then a second set,
// `SolveOptions.branchNext`, each an instance of this type with its own pseudocosts), from the GLP_IBRANCH
// callback with glp_ios_branch_upon ("choose variable to branch upon", GLPK 5.0 reference
// manual, branch-and-cut API). GLPK's own rules cannot be restricted to a subset of columns, so
// the choice among the set is made here, by pseudocosts learnt on the set alone (Bénichou et al.
// 1971; the product score of Achterberg, "Constraint Integer Programming", 2007, §5.3):
//   score(j) = max(ψ⁻ⱼ·fⱼ, ε) · max(ψ⁺ⱼ·(1 − fⱼ), ε),
// where fⱼ is the fractional part of column j at the node and ψ∓ⱼ the mean objective change per
// unit of rounding observed when j was branched down or up. A column not branched on yet in a
// direction takes the mean of the known ones (1 before any is known, which is the most
// fractional rule). The up branch is explored first: in a routing model it keeps the arc and
// follows the LP's route. Means are taken in the set's order, so the choice is deterministic.
import CGLPK
import MILP

struct GLPKPriorityBranching {
    /// GLPK column numbers (1-based) of the set, in the caller's order.
    private let columns: [Int32]
    private var downSum: [Double]
    private var downCount: [Int]
    private var upSum: [Double]
    private var upCount: [Int]
    /// A branching made at a node: the slot in `columns`, the column's LP value and the node's
    /// LP objective then, and a serial number (GLPK reuses the numbers of deleted nodes).
    private struct Branching { var slot: Int; var value: Double; var objective: Double; var serial: Int }
    private var branchedAt: [Int32: Branching] = [:]
    /// For each node, the serial of the parent branching its objective was counted against.
    private var measured: [Int32: Int] = [:]
    private var serial = 0
    /// +1 when minimising, −1 when maximising: a child's objective moves away from the optimum.
    private let sign: Double
    /// Branchings made on the set.
    private(set) var count = 0

    init(columns: [VariableID], minimizing: Bool) {
        self.columns = columns.map { Int32($0.index + 1) }
        sign = minimizing ? 1 : -1
        downSum = Array(repeating: 0, count: columns.count)
        downCount = Array(repeating: 0, count: columns.count)
        upSum = downSum
        upCount = downCount
    }

    /// At a node whose LP relaxation is solved (GLP_IROWGEN or GLP_IBRANCH): if the node is a child
    /// of a branching made here, records the objective change once.
    mutating func observe(_ tree: OpaquePointer, _ problem: OpaquePointer?) {
        guard !columns.isEmpty, glp_get_status(problem) == GLP_OPT else { return }
        let node = glp_ios_curr_node(tree)
        let parent = glp_ios_up_node(tree, node)
        guard parent != 0, let b = branchedAt[parent], measured[node] != b.serial else { return }
        measured[node] = b.serial
        let change = max(0, sign * (glp_get_obj_val(problem) - b.objective))
        let column = columns[b.slot]
        // The child's bound on the column tells the branch: the down child has ub = ⌊value⌋.
        if glp_get_col_ub(problem, column) < b.value {
            downSum[b.slot] += change / max(b.value - b.value.rounded(.down), 1e-9)
            downCount[b.slot] += 1
        } else {
            upSum[b.slot] += change / max(b.value.rounded(.up) - b.value, 1e-9)
            upCount[b.slot] += 1
        }
    }

    /// At GLP_IBRANCH: branches on the best-scoring fractional column of the set, up branch first,
    /// and returns true; false (GLPK's own rule decides) when none of them is fractional.
    mutating func branch(_ tree: OpaquePointer, _ problem: OpaquePointer?) -> Bool {
        guard !columns.isEmpty else { return false }
        let meanDown = Self.mean(downSum, downCount)
        let meanUp = Self.mean(upSum, upCount)
        var best: (slot: Int, score: Double, value: Double)?
        for (slot, j) in columns.enumerated() where glp_ios_can_branch(tree, j) != 0 {
            let x = glp_get_col_prim(problem, j)
            let f = x - x.rounded(.down)
            let down = downCount[slot] > 0 ? downSum[slot] / Double(downCount[slot]) : meanDown
            let up = upCount[slot] > 0 ? upSum[slot] / Double(upCount[slot]) : meanUp
            let score = max(down * f, 1e-6) * max(up * (1 - f), 1e-6)
            if best == nil || score > best!.score { best = (slot, score, x) }
        }
        guard let best else { return false }
        let node = glp_ios_curr_node(tree)
        serial += 1
        branchedAt[node] = Branching(slot: best.slot, value: best.value, objective: glp_get_obj_val(problem), serial: serial)
        glp_ios_branch_upon(tree, columns[best.slot], GLP_UP_BRNCH)
        count += 1
        return true
    }

    /// Mean of the per-column means known so far; 1 when none is.
    private static func mean(_ sums: [Double], _ counts: [Int]) -> Double {
        var total = 0.0
        var known = 0
        for (s, n) in zip(sums, counts) where n > 0 {
            total += s / Double(n)
            known += 1
        }
        return known > 0 ? total / Double(known) : 1
    }
}
