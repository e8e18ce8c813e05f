// SPDX-License-Identifier: GPL-3.0-or-later
//
// Independent planner runs on several threads. Each run makes its own solver on the thread that
// runs it (GLPK keeps its state per thread: a problem is created, solved and deleted on one thread,
// and solves on different threads are independent; docs/background/solver-layer.md). Results come
// back in input order, whatever order the runs finish in, so the output is deterministic.

import Dispatch
import Foundation

public enum ParallelRuns {
    /// `body` applied to every item, at most `maxConcurrent` at a time; results in input order.
    /// If any call throws, the error of the first such item (in input order) is rethrown after all
    /// calls have ended.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], maxConcurrent: Int, _ body: @Sendable (T) throws -> R
    ) throws -> [R] {
        let workers = max(1, min(maxConcurrent, items.count))
        if workers <= 1 { return try items.map(body) }
        let slots = Slots<R>(count: items.count)
        // Each worker pulls the next unstarted item, so a long run does not hold up the others.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = slots.claim() {
                let outcome = Result { try body(items[i]) }
                slots.store(outcome, at: i)
            }
        }
        return try slots.results()
    }
}

/// Results of a parallel map, guarded by one lock.
private final class Slots<R: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var values: [Result<R, any Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < values.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ r: Result<R, any Error>, at i: Int) {
        lock.lock()
        values[i] = r
        lock.unlock()
    }

    func results() throws -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return try values.map { slot in
            guard let slot else { preconditionFailure("a parallel run was never started") }
            return try slot.get()
        }
    }
}
