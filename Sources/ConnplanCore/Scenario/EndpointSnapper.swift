// SPDX-License-Identifier: GPL-3.0-or-later
//
// Connects the ends of drawn pipe runs to nodes: each end snaps to the point within the
// tolerance; ends near no point but near each other meet at a new junction; every other end is
// reported with the distance to the nearest point. Pure geometry in local metres.

/// How one end of a line was connected.
enum SnappedEnd: Equatable {
    /// To point `point`, `distanceMetres` away (≤ the tolerance).
    case point(Int, distanceMetres: Double)
    /// To new junction `junction` (an index into `EndpointSnapper.Result.junctions`).
    case junction(Int)
    /// Within the tolerance of more than one point: (point, distance) nearest first.
    case ambiguous([(point: Int, distanceMetres: Double)])
    /// Within the tolerance of no point and no other line's end; the nearest point, if any.
    case unsnapped(nearestPoint: Int?, distanceMetres: Double?)

    static func == (a: SnappedEnd, b: SnappedEnd) -> Bool {
        switch (a, b) {
        case let (.point(i, d), .point(j, e)): return i == j && d == e
        case let (.junction(i), .junction(j)): return i == j
        case let (.ambiguous(x), .ambiguous(y)): return x.map(\.point) == y.map(\.point) && x.map(\.distanceMetres) == y.map(\.distanceMetres)
        case let (.unsnapped(i, d), .unsnapped(j, e)): return i == j && d == e
        default: return false
        }
    }
}

enum EndpointSnapper {
    /// One end of a line: `line` is the line's index, `isStart` tells which end.
    struct End {
        var line: Int
        var isStart: Bool
        var position: PlanePoint
    }

    struct Result {
        /// Parallel to the `ends` given.
        var ends: [SnappedEnd]
        /// The ends (indices into `ends`) that meet at each junction, in order of first appearance.
        var junctions: [[Int]]
    }

    /// Snaps every end. An end snaps to a point at distance ≤ `toleranceMetres`; if two or more
    /// points are that close it is ambiguous. Ends near no point are grouped with other such ends
    /// within the tolerance (single linkage); a group holding ends of at least two different lines
    /// becomes a junction, any other end is unsnapped. Deterministic for a given input order.
    static func snap(ends: [End], points: [PlanePoint], toleranceMetres: Double) -> Result {
        var result = [SnappedEnd](repeating: .unsnapped(nearestPoint: nil, distanceMetres: nil), count: ends.count)
        var loose: [Int] = []
        for (e, end) in ends.enumerated() {
            var near: [(point: Int, distanceMetres: Double)] = []
            var nearest: (point: Int, distanceMetres: Double)?
            for (p, point) in points.enumerated() {
                let d = end.position.distance(to: point)
                if d <= toleranceMetres { near.append((p, d)) }
                if d < (nearest?.distanceMetres ?? .infinity) { nearest = (p, d) }
            }
            near.sort { $0.distanceMetres != $1.distanceMetres ? $0.distanceMetres < $1.distanceMetres : $0.point < $1.point }
            switch near.count {
            case 0:
                result[e] = .unsnapped(nearestPoint: nearest?.point, distanceMetres: nearest?.distanceMetres)
                loose.append(e)
            case 1:
                result[e] = .point(near[0].point, distanceMetres: near[0].distanceMetres)
            default:
                result[e] = .ambiguous(near)
            }
        }
        // Single-linkage groups of loose ends (union-find over pairs within the tolerance).
        var parent = Dictionary(uniqueKeysWithValues: loose.map { ($0, $0) })
        func root(_ x: Int) -> Int {
            var r = x
            while let p = parent[r], p != r { r = p }
            return r
        }
        for (i, a) in loose.enumerated() {
            for b in loose[(i + 1)...] where ends[a].position.distance(to: ends[b].position) <= toleranceMetres {
                let (ra, rb) = (root(a), root(b))
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for e in loose {
            let r = root(e)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(e)
        }
        var junctions: [[Int]] = []
        for r in order {
            let members = groups[r] ?? []
            guard Set(members.map { ends[$0].line }).count >= 2 else { continue }
            for e in members { result[e] = .junction(junctions.count) }
            junctions.append(members)
        }
        return Result(ends: result, junctions: junctions)
    }
}
