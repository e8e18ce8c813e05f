// SPDX-License-Identifier: GPL-3.0-or-later
//
// Total float under resource constraints. Each crew-using job is assigned to one crew of its type
// (interval partitioning: by start, to the lowest-numbered crew that is free); a job then waits
// for its predecessors and for the job before it on the same crew. A backward pass over these
// arcs, with the booking slots, gives each job's latest start that keeps the finish: its total
// float is latest − planned start, and the jobs with none are critical (the "critical chain" of
// resource-constrained scheduling; without crews it is the classic critical path).

enum CriticalPath {
    /// The crew (0-based) each job uses, nil for jobs without a crew.
    static func crewUnits(_ p: SchedulingProblem, starts: [Int]) -> [Int?] {
        var units = [Int?](repeating: nil, count: p.jobs.count)
        for k in p.resources.indices {
            let js = p.jobs.indices.filter { p.jobs[$0].resource == k }.sorted { (starts[$0], $0) < (starts[$1], $1) }
            var freeFrom: [Int] = []  // per crew: first day it is free again
            for j in js {
                if let u = freeFrom.firstIndex(where: { $0 <= starts[j] }) {
                    units[j] = u
                    freeFrom[u] = starts[j] + p.jobs[j].duration
                } else {
                    units[j] = freeFrom.count
                    freeFrom.append(starts[j] + p.jobs[j].duration)
                }
            }
        }
        return units
    }

    /// Total float of every job, working days (≥ 0).
    static func totalFloat(_ p: SchedulingProblem, starts: [Int], extra: [Int], units: [Int?]) -> [Int] {
        let n = p.jobs.count
        let lastDay = (0..<n).map { starts[$0] + p.jobs[$0].duration - 1 }.max() ?? 0
        var arcs = Array(repeating: [(to: Int, lag: Int)](), count: n)
        for e in p.precedences { arcs[e.from].append((e.to, e.lag)) }
        for k in p.resources.indices {
            for u in Set(units.enumerated().filter { p.jobs[$0.offset].resource == k }.compactMap(\.element)) {
                let js = (0..<n).filter { p.jobs[$0].resource == k && units[$0] == u }.sorted { (starts[$0], $0) < (starts[$1], $1) }
                for (a, b) in zip(js, js.dropFirst()) { arcs[a].append((b, p.jobs[a].duration)) }
            }
        }
        // Every arc goes forward in time (lag ≥ 1 for positive durations), so decreasing start order is a valid order.
        let order = (0..<n).sorted { (starts[$0], $0) > (starts[$1], $1) }
        var latest = starts
        for j in order {
            var bound = lastDay - p.jobs[j].duration + 1
            for (k, lag) in arcs[j] { bound = min(bound, latest[k] - lag) }
            latest[j] = max(starts[j], p.jobs[j].lastStart(atOrBefore: bound) ?? starts[j])
        }
        return (0..<n).map { latest[$0] - starts[$0] }
    }
}
