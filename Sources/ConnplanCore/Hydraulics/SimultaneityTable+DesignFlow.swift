// SPDX-License-Identifier: GPL-3.0-or-later

extension SimultaneityTable {
    /// max over 1 ≤ m ≤ N of k(m)·m: the simultaneous number of households, made nondecreasing in N.
    ///
    /// GB 50028-2006 §10.2.9 sizes gas pipes for k(N)·N households' rated load. A table that
    /// falls steeply (whether a transcription error or a utility's own figures) can make k(N)·N
    /// drop when a household is added, and the optimiser's exactness proofs need the design flow
    /// to be nondecreasing in households. Taking the running maximum restores that without
    /// changing any value of a table that is already monotone, as the bundled GB 50028 tables are
    /// for N = 1…5000.
    ///
    /// Cost O(rows): k is piecewise linear in m, so k(m)·m is a quadratic on each segment and its
    /// maximum over the integers of a segment lies at an end or next to the vertex. 0 for N ≤ 0.
    public func nondecreasingSimultaneousUnits(households n: Int) -> Double {
        guard n > 0, let first = rows.first else { return 0 }
        func units(_ m: Int) -> Double { factor(households: m) * Double(m) }

        // k is constant up to the first row and beyond the last, so k(m)·m grows there: the
        // ends of those stretches (m = N and m = first row) are candidates.
        var best = units(n)
        if first.households <= n { best = max(best, units(first.households)) }
        for (lo, hi) in zip(rows, rows.dropFirst()) where lo.households < n {
            let end = min(hi.households, n)
            best = max(best, units(lo.households), units(end))
            let slope = (hi.factor - lo.factor) / Double(hi.households - lo.households)
            guard slope < 0 else { continue }
            // k(m)·m = slope·m² + (k_lo − slope·m_lo)·m, maximal at m* = −(k_lo − slope·m_lo)/(2·slope).
            let vertex = -(lo.factor - slope * Double(lo.households)) / (2 * slope)
            guard vertex.isFinite, vertex > Double(lo.households), vertex < Double(end) else { continue }
            let below = Int(vertex.rounded(.down))
            best = max(best, units(below), units(min(below + 1, end)))
        }
        return best
    }
}
