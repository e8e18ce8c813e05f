// SPDX-License-Identifier: GPL-3.0-or-later
//
// Positions: the planner works in local metres (x east, y north). When a scenario gave its
// positions in WGS84 degrees, it keeps the origin of the projection so that exports can give
// degrees back.

import Foundation

/// A position in the scenario's local plane: metres east (`xMetres`) and north (`yMetres`).
public struct PlanePoint: Sendable, Hashable {
    public var xMetres: Double
    public var yMetres: Double
    public init(xMetres: Double, yMetres: Double) {
        self.xMetres = xMetres
        self.yMetres = yMetres
    }

    /// Straight-line distance, m.
    public func distance(to other: PlanePoint) -> Double { hypot(other.xMetres - xMetres, other.yMetres - yMetres) }
}

/// A WGS84 longitude/latitude pair, degrees.
public struct GeographicPoint: Sendable, Hashable {
    public var longitudeDegrees: Double
    public var latitudeDegrees: Double
    public init(longitudeDegrees: Double, latitudeDegrees: Double) {
        self.longitudeDegrees = longitudeDegrees
        self.latitudeDegrees = latitudeDegrees
    }
}

/// The WGS84 point at local (0, 0) when a scenario's positions were given in degrees, and the
/// projection between degrees and local metres.
///
/// Equirectangular projection on a sphere of the WGS84 mean radius R = 6 371 008.8 m (IUGG):
/// x = R·(λ − λ₀)·cos φ₀, y = R·(φ − φ₀), angles in radians. The inverse is exact (the map is
/// linear). Against distances on the WGS84 ellipsoid the sphere's single radius is off by the
/// ratio of R to the ellipsoid's radii of curvature at φ₀: at 20–45° N north–south distances come
/// out 0.06–0.44 % long and east–west ones 0.15–0.28 % short; away from φ₀ the east–west scale
/// drifts by tan φ₀·Δφ (about 0.01 % over 1 km at 30° N). Networks across ±180° are not supported.
public struct GeographicOrigin: Sendable, Hashable {
    public static let earthRadiusMetres = 6_371_008.8
    public var longitudeDegrees: Double
    public var latitudeDegrees: Double
    public init(longitudeDegrees: Double, latitudeDegrees: Double) {
        self.longitudeDegrees = longitudeDegrees
        self.latitudeDegrees = latitudeDegrees
    }

    /// The origin at the mean longitude and latitude of `points` (nil for none).
    public static func mean(of points: [GeographicPoint]) -> GeographicOrigin? {
        guard !points.isEmpty else { return nil }
        let n = Double(points.count)
        return GeographicOrigin(
            longitudeDegrees: points.map(\.longitudeDegrees).reduce(0, +) / n,
            latitudeDegrees: points.map(\.latitudeDegrees).reduce(0, +) / n)
    }

    private static let radiansPerDegree = Double.pi / 180

    /// Local metres of a WGS84 point.
    public func project(_ p: GeographicPoint) -> PlanePoint {
        let r = Self.earthRadiusMetres
        let k = Self.radiansPerDegree
        return PlanePoint(
            xMetres: r * (p.longitudeDegrees - longitudeDegrees) * k * cos(latitudeDegrees * k),
            yMetres: r * (p.latitudeDegrees - latitudeDegrees) * k)
    }

    /// The WGS84 point of local metres (the exact inverse of `project`).
    public func unproject(_ p: PlanePoint) -> GeographicPoint {
        let r = Self.earthRadiusMetres
        let k = Self.radiansPerDegree
        return GeographicPoint(
            longitudeDegrees: longitudeDegrees + p.xMetres / (r * k * cos(latitudeDegrees * k)),
            latitudeDegrees: latitudeDegrees + p.yMetres / (r * k))
    }
}
