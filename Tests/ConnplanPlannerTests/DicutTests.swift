// SPDX-License-Identifier: GPL-3.0-or-later
@testable import ConnplanPlanner
import XCTest

/// The max-flow behind dicut separation against brute-force minimum cuts on small random graphs,
/// and both cut sides it reports.
final class DicutTests: XCTestCase {
    func testMaxFlowEqualsTheMinimumCutByEnumeration() {
        var state: UInt64 = 0x5DEE_CE66
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var cutsBelowOne = 0
        for _ in 0..<300 {
            let nodes = 3 + next(5)
            var arcs: [(Int, Int, Double)] = []
            for _ in 0..<(nodes + next(2 * nodes)) {
                let a = next(nodes)
                let b = next(nodes)
                if a != b { arcs.append((a, b, Double(next(9)) / 8)) }
            }
            let (s, t) = (0, nodes - 1)
            var flow = MaxFlow(nodes: nodes)
            for (a, b, c) in arcs { flow.addArc(a, b, c) }
            let value = flow.maximise(from: s, to: t, enough: .infinity)
            // Brute force: every set containing s and not t.
            var best = Double.infinity
            for mask in 0..<(1 << nodes) where mask & 1 == 1 && mask & (1 << t) == 0 {
                let cut = arcs.filter { mask & (1 << $0.0) != 0 && mask & (1 << $0.1) == 0 }.reduce(0) { $0 + $1.2 }
                best = min(best, cut)
            }
            XCTAssertEqual(value, best, accuracy: 1e-9)
            // Both reported sides are minimum cuts.
            for side in [flow.reachableFromSource(s), flow.canReachSink(t).map { !$0 }] {
                XCTAssertTrue(side[s] && !side[t])
                let cut = arcs.filter { side[$0.0] && !side[$0.1] }.reduce(0) { $0 + $1.2 }
                XCTAssertEqual(cut, best, accuracy: 1e-9)
            }
            // Stopping at `enough` never reports more than asked.
            var capped = MaxFlow(nodes: nodes)
            for (a, b, c) in arcs { capped.addArc(a, b, c) }
            let partial = capped.maximise(from: s, to: t, enough: 1)
            XCTAssertEqual(partial, min(1, best), accuracy: 1e-9)
            if best < 1 { cutsBelowOne += 1 }
        }
        XCTAssertGreaterThan(cutsBelowOne, 30, "the random graphs must produce violated dicuts too")
    }
}
