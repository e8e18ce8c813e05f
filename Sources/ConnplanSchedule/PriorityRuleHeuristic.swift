// SPDX-License-Identifier: GPL-3.0-or-later
//
// The priority-rule heuristic: the serial schedule generation scheme (SGS) of Kelley (1963), as
// surveyed by Kolisch & Hartmann (1999, "Heuristic algorithms for the resource-constrained project
// scheduling problem"). Jobs are taken one at a time in priority order among those whose
// predecessors are scheduled, and each is placed at its earliest start that respects precedences,
// slots and the crews already booked. Several classic rules (LST, LFT, MTS, GRPW, EST, SPT) and
// seeded regret-biased random sampling are tried; the best schedule wins.
//
// The same SGS, with the jobs ordered by a feasible schedule's starts, is a left shift: no job
// starts later than before (a job moved left only overlaps less with jobs that start after it), so
// a regular objective never gets worse. The scheduler applies it to every MILP solution.

/// SplitMix64 (Steele, Lea & Flood 2014): a small seedable generator, so runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct HeuristicSolution: Sendable {
    var starts: [Int]
    var extra: [Int]
    var objective: Int
    var rule: String
}

struct PriorityRuleHeuristic {
    let problem: SchedulingProblem
    /// Each job's predecessors and successors, built once: the SGS runs hundreds of times.
    private let predecessors: [[(from: Int, lag: Int)]]
    private let successors: [[(to: Int, lag: Int)]]

    init(problem: SchedulingProblem) {
        self.problem = problem
        var p = Array(repeating: [(from: Int, lag: Int)](), count: problem.jobs.count)
        for e in problem.precedences { p[e.to].append((e.from, e.lag)) }
        predecessors = p
        successors = problem.successors
    }

    /// Random-sampling passes per extra-crew option (fewer for large programmes, so the work stays
    /// near 40 passes of 200 jobs).
    var samplingPasses: Int { max(4, min(40, 8000 / max(1, problem.jobs.count))) }

    /// Serial SGS: jobs in order of increasing `priority` (ties: lower index) among eligible jobs.
    /// Nil when some job finds no start before the horizon limit.
    func generate(priority: [Double], extra: [Int]) -> [Int]? {
        let n = problem.jobs.count
        let preds = predecessors
        let succ = successors
        let limit = problem.horizonLimit + 1
        var usage = problem.resources.map { _ in [Int](repeating: 0, count: limit + 1) }
        var starts = [Int](repeating: -1, count: n)
        var missing = preds.map(\.count)
        var eligible = Set((0..<n).filter { missing[$0] == 0 })
        for _ in 0..<n {
            guard let j = eligible.min(by: { (priority[$0], $0) < (priority[$1], $1) }) else { return nil }
            eligible.remove(j)
            let job = problem.jobs[j]
            var s = preds[j].reduce(job.release) { max($0, starts[$1.from] + $1.lag) }
            placing: while true {
                guard let t = job.firstStart(atOrAfter: s, limit: limit), t + job.duration <= limit else { return nil }
                if let k = job.resource {
                    let cap = problem.resources[k].capacity + extra[k]
                    for d in t..<(t + job.duration) where usage[k][d] >= cap {
                        s = d + 1
                        continue placing
                    }
                }
                s = t
                break
            }
            starts[j] = s
            if let k = job.resource { for d in s..<(s + job.duration) { usage[k][d] += 1 } }
            for (k, _) in succ[j] {
                missing[k] -= 1
                if missing[k] == 0 { eligible.insert(k) }
            }
        }
        return starts
    }

    /// The extra-crew combinations worth trying: all of them when few, else none, each resource
    /// alone at its maximum, and all at their maximum.
    func extraOptions() -> [[Int]] {
        let zero = problem.resources.map { _ in 0 }
        guard problem.cost.allowExtra, problem.resources.contains(where: { $0.extra > 0 }) else { return [zero] }
        let combinations = problem.resources.reduce(1) { $0 * ($1.extra + 1) }
        if combinations <= 32 {
            var out: [[Int]] = [[]]
            for r in problem.resources { out = out.flatMap { prefix in (0...r.extra).map { prefix + [$0] } } }
            return out
        }
        var out = [zero, problem.resources.map(\.extra)]
        for (k, r) in problem.resources.enumerated() where r.extra > 0 {
            var y = zero
            y[k] = r.extra
            out.append(y)
        }
        return out
    }

    /// The best schedule over every rule and extra-crew option; nil if none fits the horizon.
    func solve() -> HeuristicSolution? {
        let n = problem.jobs.count
        let es = problem.earliestStarts()
        guard es.allSatisfy({ $0 != nil }) else { return nil }
        let esv = es.map { $0 ?? 0 }
        let cpmLast = (0..<n).map { esv[$0] + problem.jobs[$0].duration - 1 }.max() ?? 0
        let ls = problem.latestStarts(lastDay: max(cpmLast, 0)).enumerated().map { Double($0.element ?? esv[$0.offset]) }
        let lf = (0..<n).map { ls[$0] + Double(problem.jobs[$0].duration) }
        let succ = problem.successors
        // Transitive successor counts (MTS) and rank positional weight (GRPW).
        var allSuccessors = [Set<Int>](repeating: [], count: n)
        for j in (problem.topologicalOrder ?? Array(0..<n)).reversed() {
            for (k, _) in succ[j] { allSuccessors[j].insert(k); allSuccessors[j].formUnion(allSuccessors[k]) }
        }
        let mts = (0..<n).map { -Double(allSuccessors[$0].count) }
        let grpw = (0..<n).map { j in -Double(problem.jobs[j].duration + succ[j].reduce(0) { $0 + problem.jobs[$1.to].duration }) }
        // Jobs with a finish cost (e.g. households waiting) first among equals: LST, then weight.
        let weight = (0..<n).map { j -> Double in
            guard let f = problem.cost.finishCost[j] else { return 0 }
            return Double(f(esv[j] + problem.jobs[j].duration) - f(esv[j] + problem.jobs[j].duration - 1))
        }
        let maxWeight = max(weight.max() ?? 0, 1)
        let rules: [(String, [Double])] = [
            ("LST", ls), ("LFT", lf), ("MTS", mts.enumerated().map { $0.element * 1000 + ls[$0.offset] }),
            ("GRPW", grpw.enumerated().map { $0.element * 1000 + ls[$0.offset] }), ("EST", esv.map(Double.init)),
            ("SPT", (0..<n).map { Double(problem.jobs[$0].duration) * 1000 + ls[$0] }),
            ("LST-weighted", (0..<n).map { ls[$0] - 0.5 * weight[$0] / maxWeight }),
        ]
        var best: HeuristicSolution?
        func consider(_ starts: [Int]?, _ extra: [Int], _ rule: String) {
            guard let starts else { return }
            let value = problem.objective(starts: starts, extra: extra)
            if best == nil || value < best!.objective || (value == best!.objective && starts.lexicographicallyPrecedes(best!.starts)) {
                best = HeuristicSolution(starts: starts, extra: extra, objective: value, rule: rule)
            }
        }
        for extra in extraOptions() {
            for (name, priority) in rules { consider(generate(priority: priority, extra: extra), extra, name) }
            // Regret-biased random sampling around LST (deterministic seed).
            var g = SplitMix64(seed: 0x5EED_0000 &+ UInt64(extra.reduce(0) { $0 * 31 + $1 }))
            let spread = max(1.0, (ls.max() ?? 0) - (ls.min() ?? 0))
            for pass in 0..<samplingPasses {
                let noise = (0..<n).map { _ in Double.random(in: 0...1, using: &g) * spread * 0.25 }
                consider(generate(priority: (0..<n).map { ls[$0] + noise[$0] }, extra: extra), extra, "sampling #\(pass + 1)")
            }
        }
        return best
    }

    /// Left shift of a feasible schedule (see the file comment): never later, never worse.
    func leftShift(starts: [Int], extra: [Int]) -> [Int]? {
        generate(priority: starts.map(Double.init), extra: extra)
    }
}

/// Lower bounds on the objective that need no solver: the critical path (resources ignored) and,
/// per crew type, the work it must do divided by its crews, between the earliest a job of that
/// type can start and the shortest tail after it.
struct ScheduleLowerBound {
    let problem: SchedulingProblem
    private let earliest: [Int]?
    private let tails: [Int]
    private let order: [Int]
    /// finishedBefore[j]: the jobs that must finish before job j starts (transitively), as a bit set.
    private let finishedBefore: [[UInt64]]

    init(problem: SchedulingProblem) {
        self.problem = problem
        let es = problem.earliestStarts()
        self.earliest = es.allSatisfy { $0 != nil } ? es.map { $0! } : nil
        self.tails = problem.tails()
        let n = problem.jobs.count
        self.order = problem.topologicalOrder ?? Array(0..<n)
        let words = (n + 63) / 64
        var sets = Array(repeating: [UInt64](repeating: 0, count: words), count: n)
        var preds = Array(repeating: [(from: Int, lag: Int)](), count: n)
        for e in problem.precedences { preds[e.to].append((e.from, e.lag)) }
        // Lags are ≥ 1 here (positive durations), so start order is kept along any path: a job that
        // finishes before its successor starts finishes before everything after it starts.
        for j in order {
            for (i, lag) in preds[j] {
                for w in 0..<words { sets[j][w] |= sets[i][w] }
                if lag >= problem.jobs[i].duration { sets[j][i / 64] |= 1 << UInt64(i % 64) }
            }
        }
        self.finishedBefore = sets
    }

    /// Lower bounds on every job's start with `extra` units added: precedences and slots, and per crew
    /// type, the crew time of the jobs that must finish before it, spread over all its crews from the
    /// earliest of their starts (an energetic bound on the head).
    func heads(extra: [Int]) -> [Int]? {
        guard let es = earliest else { return nil }
        let n = problem.jobs.count
        var head = es
        var preds = Array(repeating: [(from: Int, lag: Int)](), count: n)
        for e in problem.precedences { preds[e.to].append((e.from, e.lag)) }
        for j in order {
            var h = head[j]
            for (i, lag) in preds[j] { h = max(h, head[i] + lag) }
            var firstStart = Array(repeating: Int.max, count: problem.resources.count)
            var work = Array(repeating: 0, count: problem.resources.count)
            for (w, word) in finishedBefore[j].enumerated() where word != 0 {
                for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 {
                    let i = w * 64 + bit
                    guard let k = problem.jobs[i].resource else { continue }
                    firstStart[k] = min(firstStart[k], head[i])
                    work[k] += problem.jobs[i].duration
                }
            }
            for k in problem.resources.indices where work[k] > 0 {
                let units = max(1, problem.resources[k].capacity + extra[k])
                h = max(h, firstStart[k] + (work[k] + units - 1) / units)
            }
            guard let allowed = problem.jobs[j].firstStart(atOrAfter: h, limit: problem.horizonLimit + 1) else { return nil }
            head[j] = allowed
        }
        return head
    }

    /// Lower bound on the last working day with `extra` units added.
    func lastDay(extra: [Int]) -> Int? {
        guard let esv = heads(extra: extra) else { return nil }
        var bound = problem.jobs.indices.map { esv[$0] + problem.jobs[$0].duration - 1 }.max() ?? 0
        for (k, r) in problem.resources.enumerated() {
            let js = problem.jobs.indices.filter { problem.jobs[$0].resource == k }
            guard !js.isEmpty else { continue }
            let work = js.reduce(0) { $0 + problem.jobs[$1].duration }
            let units = r.capacity + extra[k]
            let head = js.map { esv[$0] }.min()!
            let after = js.map { tails[$0] - problem.jobs[$0].duration }.min()!
            bound = max(bound, head + (work + units - 1) / units + after - 1)
        }
        return bound
    }

    /// Lower bound on the objective over every allowed extra-crew choice.
    func objective(options: [[Int]]) -> Int? {
        guard earliest != nil else { return nil }
        var best: Int?
        for extra in options {
            guard let last = lastDay(extra: extra) else { continue }
            var value = problem.cost.makespanCost(last) + finishPart(extra: extra)
            for (k, y) in extra.enumerated() { value += y * problem.resources[k].extraCost }
            best = min(best ?? value, value)
        }
        return best
    }

    /// Lower bound on Σ w_c · unit(F_c) over the weighted jobs c.
    ///
    /// Each term is at least its value at the job's earliest finish. Better, when weighted jobs
    /// each wait for a job of their own on one crew type k (a building's commissioning waits for
    /// its own meter installation): the i-th of the n jobs on k to finish cannot finish before
    /// λ_i = max(the i-th smallest earliest finish on k, r + ⌈(sum of the i shortest durations on k)
    /// / units⌉ − 1), r the earliest start on k, since i jobs need that much crew time. Those private
    /// predecessors are distinct jobs of k, so their sorted finishes are ≥ λ_1 ≤ λ_2 ≤ …; the weighted
    /// job then finishes at least δ later. By the rearrangement inequality the least Σ w · unit(λ + δ)
    /// pairs the largest weights with the earliest λ.
    func finishPart(extra: [Int]) -> Int {
        guard let es = heads(extra: extra) else { return 0 }
        let cost = problem.cost
        let weighted = cost.finishWeights.filter { $0.value > 0 }.keys.sorted()
        guard !weighted.isEmpty else { return 0 }
        func ef(_ j: Int) -> Int { es[j] + problem.jobs[j].duration - 1 }
        let base = weighted.reduce(0) { $0 + cost.finishWeights[$1]! * cost.finishUnit(ef($1)) }
        var best = base
        var predecessors = Array(repeating: [(from: Int, lag: Int)](), count: problem.jobs.count)
        var weightedSuccessors = Array(repeating: 0, count: problem.jobs.count)
        for e in problem.precedences {
            predecessors[e.to].append((e.from, e.lag))
            if cost.finishWeights[e.to, default: 0] > 0 { weightedSuccessors[e.from] += 1 }
        }
        for (k, r) in problem.resources.enumerated() {
            let onK = problem.jobs.indices.filter { problem.jobs[$0].resource == k }
            guard !onK.isEmpty else { continue }
            // Weighted jobs with a private direct predecessor on k, and the least delay δ after it.
            var covered: [(weight: Int, delta: Int)] = []
            var uncovered = 0
            for c in weighted {
                let own = predecessors[c].filter { problem.jobs[$0.from].resource == k && weightedSuccessors[$0.from] == 1 }
                if let delta = own.map({ $0.lag - problem.jobs[$0.from].duration + problem.jobs[c].duration }).min() {
                    covered.append((cost.finishWeights[c]!, delta))
                } else {
                    uncovered += cost.finishWeights[c]! * cost.finishUnit(ef(c))
                }
            }
            guard !covered.isEmpty else { continue }
            let units = max(1, r.capacity + extra[k])
            let release = onK.map { es[$0] }.min()!
            let durations = onK.map { problem.jobs[$0].duration }.sorted()
            let earliestFinishes = onK.map(ef).sorted()
            var lambda: [Int] = []
            var work = 0
            for i in 0..<covered.count {
                work += durations[i]
                lambda.append(max(earliestFinishes[i], release + (work + units - 1) / units - 1))
            }
            let delta = covered.map(\.delta).min()!
            let weights = covered.map(\.weight).sorted(by: >)
            var value = uncovered
            for i in 0..<covered.count { value += weights[i] * cost.finishUnit(lambda[i] + delta) }
            best = max(best, value)
        }
        return best
    }

    /// Every extra-crew vector (for the bound, which must cover all choices): the full product when
    /// small, otherwise the maximum for the resource bound and no cost.
    func allOptions() -> [[Int]] {
        let zero = problem.resources.map { _ in 0 }
        guard problem.cost.allowExtra else { return [zero] }
        let combinations = problem.resources.reduce(1) { $0 * ($1.extra + 1) }
        if combinations <= 64 {
            var out: [[Int]] = [[]]
            for r in problem.resources { out = out.flatMap { prefix in (0...r.extra).map { prefix + [$0] } } }
            return out
        }
        return []
    }

    /// The bound when the product of choices is too large: maximum crews (shortest), no hiring cost.
    func objectiveRelaxed() -> Int? {
        let most = problem.resources.map(\.extra)
        guard earliest != nil, let last = lastDay(extra: most) else { return nil }
        return problem.cost.makespanCost(last) + finishPart(extra: most)
    }

    func best() -> Int? {
        let options = allOptions()
        return options.isEmpty ? objectiveRelaxed() : objective(options: options)
    }
}
