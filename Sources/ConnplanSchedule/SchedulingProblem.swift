// SPDX-License-Identifier: GPL-3.0-or-later
//
// The scheduling problem in working-day time, apart from the scenario: a resource-constrained
// project scheduling problem (RCPSP) with generalised start-to-start precedences, renewable
// resources whose capacity may be raised at a cost, start windows (booking slots), and a regular
// objective (nondecreasing in every finish day). Both the MILP and the heuristic solve this, and
// `violations(starts:extra:)` checks a solution against it.

/// One job: `duration` working days on one unit of `resource` (nil: no resource limit).
struct Job: Sendable, Hashable {
    var duration: Int
    var resource: Int?
    /// Earliest start (working-day index).
    var release: Int = 0
    /// When non-nil, the job must lie entirely inside one of these inclusive working-day ranges.
    var slots: [ClosedRange<Int>]?

    /// Whether the job may start on day `s` (release and slots).
    func canStart(at s: Int) -> Bool {
        guard s >= release else { return false }
        guard let slots else { return true }
        return slots.contains { s >= $0.lowerBound && s + duration - 1 <= $0.upperBound }
    }

    /// The first allowed start ≥ `s`, if any below `limit`.
    func firstStart(atOrAfter s: Int, limit: Int) -> Int? {
        let t = max(s, release)
        guard let slots else { return t < limit ? t : nil }
        for slot in slots.sorted(by: { $0.lowerBound < $1.lowerBound }) where slot.upperBound - slot.lowerBound + 1 >= duration {
            let candidate = max(t, slot.lowerBound)
            if candidate + duration - 1 <= slot.upperBound { return candidate < limit ? candidate : nil }
        }
        return nil
    }

    /// The last allowed start ≤ `s`, if any ≥ release.
    func lastStart(atOrBefore s: Int) -> Int? {
        guard s >= release else { return nil }
        guard let slots else { return s }
        var best: Int?
        for slot in slots {
            let candidate = min(s, slot.upperBound - duration + 1)
            if candidate >= max(slot.lowerBound, release) { best = max(best ?? candidate, candidate) }
        }
        return best
    }
}

/// `S[to] ≥ S[from] + lag` (lag in working days; a finish-to-start link has lag = duration of `from`).
struct Precedence: Sendable, Hashable {
    var from: Int
    var to: Int
    var lag: Int
}

struct Resource: Sendable, Hashable {
    var capacity: Int
    /// Further units that may be added, each at `extraCost` (fen) for the whole horizon.
    var extra: Int = 0
    var extraCost: Int = 0
}

/// A regular objective: `makespanCost(F)` of the last finish day F over all jobs, plus
/// `finishWeights[j] · finishUnit(F_j)` per job, plus the extra units' cost. Both functions are
/// nondecreasing and the weights are ≥ 0 (households waiting × the cost of one household-day).
struct ScheduleCostModel: Sendable {
    var makespanCost: @Sendable (Int) -> Int
    var finishWeights: [Int: Int] = [:]
    var finishUnit: @Sendable (Int) -> Int = { _ in 0 }
    /// Each weighted job's finish cost as a function of its last working day.
    var finishCost: [Int: @Sendable (Int) -> Int] {
        let unit = finishUnit
        return finishWeights.mapValues { w in { f in w * unit(f) } }
    }
    /// Whether extra resource units are worth considering (they cost money and only a cost
    /// objective can pay for them).
    var allowExtra: Bool
}

struct SchedulingProblem: Sendable {
    var jobs: [Job]
    var resources: [Resource]
    var precedences: [Precedence]
    var cost: ScheduleCostModel
    /// No schedule may run past this working-day index.
    var horizonLimit: Int

    // MARK: Evaluation

    func finishDay(_ j: Int, start: Int) -> Int { start + jobs[j].duration - 1 }

    /// The objective of a solution (fen or working days).
    func objective(starts: [Int], extra: [Int]) -> Int {
        let last = jobs.indices.map { finishDay($0, start: starts[$0]) }.max() ?? 0
        var total = cost.makespanCost(last)
        for (j, f) in cost.finishCost { total += f(finishDay(j, start: starts[j])) }
        for (k, y) in extra.enumerated() { total += y * resources[k].extraCost }
        return total
    }

    /// Every broken rule of a solution, in words (empty: feasible). Independent of how it was found.
    func violations(starts: [Int], extra: [Int]) -> [String] {
        var out: [String] = []
        guard starts.count == jobs.count, extra.count == resources.count else { return ["wrong number of starts or extras"] }
        for (j, job) in jobs.enumerated() {
            if !job.canStart(at: starts[j]) { out.append("job \(j) may not start on day \(starts[j])") }
            if starts[j] + job.duration - 1 > horizonLimit { out.append("job \(j) ends past the horizon") }
        }
        for p in precedences where starts[p.to] < starts[p.from] + p.lag {
            out.append("job \(p.to) starts on \(starts[p.to]), before job \(p.from)'s start \(starts[p.from]) + \(p.lag)")
        }
        for (k, r) in resources.enumerated() {
            if extra[k] < 0 || extra[k] > r.extra { out.append("resource \(k): \(extra[k]) extra units, allowed 0…\(r.extra)") }
            var usage: [Int: Int] = [:]
            for (j, job) in jobs.enumerated() where job.resource == k {
                for t in starts[j]..<(starts[j] + job.duration) { usage[t, default: 0] += 1 }
            }
            for (t, u) in usage where u > r.capacity + extra[k] {
                out.append("resource \(k) uses \(u) units on day \(t), capacity \(r.capacity + extra[k])")
            }
        }
        return out.sorted()
    }

    // MARK: Time windows

    /// Successor lists (job → [(to, lag)]).
    var successors: [[(to: Int, lag: Int)]] {
        var s = Array(repeating: [(to: Int, lag: Int)](), count: jobs.count)
        for p in precedences { s[p.from].append((p.to, p.lag)) }
        return s
    }

    /// A topological order of the precedence graph (nil if it has a cycle).
    var topologicalOrder: [Int]? {
        var indegree = Array(repeating: 0, count: jobs.count)
        for p in precedences { indegree[p.to] += 1 }
        let succ = successors
        var ready = jobs.indices.filter { indegree[$0] == 0 }.reversed().map { $0 }
        var order: [Int] = []
        while let j = ready.popLast() {
            order.append(j)
            for (k, _) in succ[j] {
                indegree[k] -= 1
                if indegree[k] == 0 { ready.append(k) }
            }
        }
        return order.count == jobs.count ? order : nil
    }

    /// Earliest starts ignoring resources (precedences, release, slots); nil entries cannot start
    /// before `horizonLimit`.
    func earliestStarts() -> [Int?] {
        guard let order = topologicalOrder else { return Array(repeating: nil, count: jobs.count) }
        var bound = jobs.map(\.release)
        var es = [Int?](repeating: nil, count: jobs.count)
        let succ = successors
        for j in order {
            guard let s = jobs[j].firstStart(atOrAfter: bound[j], limit: horizonLimit + 1) else { continue }
            es[j] = s
            for (k, lag) in succ[j] { bound[k] = max(bound[k], s + lag) }
        }
        // Predecessors that cannot start make their successors impossible too.
        for j in order where es[j] == nil { for (k, _) in succ[j] { es[k] = nil } }
        return es
    }

    /// Working days from a job's start to the last finish of any schedule containing it
    /// (longest path to the end, resources ignored): tail[j] ≥ duration[j].
    func tails() -> [Int] {
        guard let order = topologicalOrder else { return jobs.map(\.duration) }
        var tail = jobs.map(\.duration)
        let succ = successors
        for j in order.reversed() {
            for (k, lag) in succ[j] { tail[j] = max(tail[j], lag + tail[k]) }
        }
        return tail
    }

    /// Latest starts so that every job finishes by day `lastDay` (resources ignored), slot-aware.
    func latestStarts(lastDay: Int) -> [Int?] {
        guard let order = topologicalOrder else { return Array(repeating: nil, count: jobs.count) }
        var ls = [Int?](repeating: nil, count: jobs.count)
        let succ = successors
        for j in order.reversed() {
            var bound = lastDay - jobs[j].duration + 1
            var ok = true
            for (k, lag) in succ[j] {
                guard let lk = ls[k] else { ok = false; break }
                bound = min(bound, lk - lag)
            }
            guard ok else { continue }
            ls[j] = jobs[j].lastStart(atOrBefore: bound)
        }
        return ls
    }
}
