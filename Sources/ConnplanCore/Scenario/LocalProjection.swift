// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Projects WGS84 longitude/latitude (degrees) to local metres around their mean.
///
/// Equirectangular projection on a sphere of the WGS84 mean radius R = 6 371 008.8 m (IUGG):
/// x = R·(λ − λ₀)·cos φ₀, y = R·(φ − φ₀), with λ₀, φ₀ the mean longitude and latitude of the
/// given points. Over a compound (a few hundred metres) the error against a true geodesic is far
/// below survey accuracy (well under 0.1 %). Points across the ±180° meridian are not supported.
enum LocalProjection {
    static let earthRadiusMetres = 6_371_008.8

    static func project(_ points: [(lon: Double, lat: Double)]) -> [(x: Double, y: Double)] {
        guard !points.isEmpty else { return [] }
        let n = Double(points.count)
        let lon0 = points.map(\.lon).reduce(0, +) / n
        let lat0 = points.map(\.lat).reduce(0, +) / n
        let radians = Double.pi / 180
        let cosLat0 = cos(lat0 * radians)
        return points.map { p in
            (x: earthRadiusMetres * (p.lon - lon0) * radians * cosLat0, y: earthRadiusMetres * (p.lat - lat0) * radians)
        }
    }
}
