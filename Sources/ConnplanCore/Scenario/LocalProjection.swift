// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Projects WGS84 longitude/latitude (degrees) to local metres around their mean.
///
/// The projection itself (equirectangular on a sphere of the WGS84 mean radius, with its accuracy)
/// is `GeographicOrigin`; the origin is the mean longitude and latitude of the given points.
enum LocalProjection {
    static var earthRadiusMetres: Double { GeographicOrigin.earthRadiusMetres }

    /// The points in local metres and the origin used (nil when there are no points).
    static func project(_ points: [(lon: Double, lat: Double)]) -> (points: [(x: Double, y: Double)], origin: GeographicOrigin?) {
        let geographic = points.map { GeographicPoint(longitudeDegrees: $0.lon, latitudeDegrees: $0.lat) }
        guard let origin = GeographicOrigin.mean(of: geographic) else { return ([], nil) }
        return (geographic.map { g in let p = origin.project(g); return (x: p.xMetres, y: p.yMetres) }, origin)
    }
}
