// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan as GeoJSON (RFC 7946) for GIS: a LineString per planned segment and a Point per used
// source and per building, with the figures an engineer checks on the map. Documented in
// docs/reference/exports.md.

import ConnplanCore
import Foundation

/// GeoJSON FeatureCollection of the plan.
///
/// Coordinates: WGS84 longitude, latitude (RFC 7946 §4) when the scenario's positions were given
/// in degrees (nodes' `lon`/`lat`, or a `crs: wgs84` GeoJSON network), with 9 decimals (0.1 mm).
/// A scenario in local metres has no place on the globe, so its coordinates stay local metres
/// (3 decimals) and the collection carries a GeoJSON-2008 `crs` member with a LOCAL_CS
/// (engineering CRS) definition: GDAL, and so QGIS, read it as local metres instead of placing
/// the compound off the coast of Africa. That member is not part of RFC 7946, which allows only
/// WGS84; the docs say so. A node without a position gives a feature with a null geometry.
///
/// Every feature has `kind` ("segment", "source" or "building"); features of one kind all have the
/// same properties in the same order. Real numbers always carry a decimal point and integers never
/// do, so GDAL types each field the same way for every plan. Same plan, same bytes.
public struct GeoJSONExport: PlanExport {
    public init() {}

    public var utilities: Set<Utility> { [.gas, .water] }

    /// WKT of the local engineering CRS written for scenarios in local metres.
    public static let localMetresWKT =
        #"LOCAL_CS["connplan local metres (x east, y north)",LOCAL_DATUM["scenario origin",0],UNIT["metre",1],AXIS["Easting",EAST],AXIS["Northing",NORTH]]"#

    public func export(scenario: Scenario, plan: Plan) throws -> String {
        let network = PlanNetwork(scenario: scenario, plan: plan)
        let origin = scenario.geographicOrigin
        let gas = scenario.utility == .gas
        func coordinate(_ p: PlanePoint) -> JSONValue {
            if let origin {
                let g = origin.unproject(p)
                return .array([.raw(fixed(g.longitudeDegrees, 9)), .raw(fixed(g.latitudeDegrees, 9))])
            }
            return .array([.raw(fixed(p.xMetres, 3)), .raw(fixed(p.yMetres, 3))])
        }
        func point(_ nodeID: String) -> JSONValue {
            guard let p = network.nodes.first(where: { $0.id == nodeID })?.position else { return .null }
            return .object([("type", .string("Point")), ("coordinates", coordinate(p))])
        }
        func real(_ x: Double?, _ decimals: Int) -> JSONValue {
            guard let x, x.isFinite else { return .null }
            return .raw(fixed(x, decimals))
        }
        func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        let owners = Dictionary(scenario.owners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let nodes = Dictionary(scenario.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        var features: [JSONValue] = []
        for pipe in network.pipes {
            let s = pipe.planned
            let owner = s.ownerID.flatMap { owners[$0] }
            let geometry: JSONValue =
                pipe.routeMetres.map { .object([("type", .string("LineString")), ("coordinates", .array($0.map(coordinate)))]) } ?? .null
            let properties: [(String, JSONValue)] = [
                ("kind", .string("segment")), ("id", .string(s.segmentID)), ("source", .string(s.sourceID)),
                ("from", .string(s.upstreamNodeID)), ("to", .string(s.downstreamNodeID)),
                ("dn", .int(s.pipe.nominalDiameter)), ("pipe", text(s.pipe.pipeID)), ("material", text(s.pipe.material)),
                ("reused_existing", .bool(s.pipe.reused)), ("inner_diameter_mm", real(s.pipe.innerDiameterMillimetres, 2)),
                ("length_m", real(s.lengthMetres, 3)), ("surface", .string(s.surface)),
                ("owner", text(s.ownerID)), ("owner_name", text(owner?.name)), ("consent", text(owner?.consent.rawValue)),
                ("households_downstream", .int(s.householdsDownstream)),
                ("flow_m3_h", real(s.designFlowCubicMetresPerHour, 4)), ("velocity_m_s", real(s.velocityMetresPerSecond, 4)),
                gas ? ("loss_pa", real(s.frictionLoss, 3)) : ("head_loss_m", real(s.frictionLoss, 4)),
                ("cost_cny", .money(s.costFen)), ("cost_fen", .int(s.costFen)),
            ]
            features.append(feature(geometry: geometry, properties: properties))
        }
        for use in plan.sources {
            guard let source = scenario.sources.first(where: { $0.id == use.sourceID }) else { continue }
            let owner = owners[source.ownerID]
            let elevation = nodes[source.nodeID]?.elevationMetres ?? 0
            var properties: [(String, JSONValue)] = [
                ("kind", .string("source")), ("id", .string(source.id)), ("name", .string(source.name)),
                ("node", .string(source.nodeID)), ("elevation_m", real(elevation, 3)),
                ("owner", .string(source.ownerID)), ("owner_name", text(owner?.name)), ("consent", text(owner?.consent.rawValue)),
                ("households", .int(use.households)), ("flow_m3_h", real(use.designFlowCubicMetresPerHour, 4)),
                ("spare_capacity_m3_h", real(use.spareCapacityCubicMetresPerHour, 4)),
            ]
            if gas {
                properties.append(("pressure_kpa", real(source.supplyPressureKilopascals, 4)))
            } else {
                properties.append(("pressure_head_m", real(source.headMetres.map { $0 - elevation }, 3)))
                properties.append(("total_head_m", real(source.headMetres, 3)))
            }
            properties += [
                ("tie_in_cost_cny", .money(use.tieInCostFen)), ("regulator_cost_cny", .money(use.regulatorCostFen)),
            ]
            features.append(feature(geometry: point(source.nodeID), properties: properties))
        }
        for b in plan.buildings {
            let building = scenario.buildings.first { $0.id == b.buildingID }
            let elevation = nodes[b.nodeID]?.elevationMetres ?? 0
            var properties: [(String, JSONValue)] = [
                ("kind", .string("building")), ("id", .string(b.buildingID)), ("node", .string(b.nodeID)),
                ("elevation_m", real(elevation, 3)), ("floors", building.map { .int($0.floors) } ?? .null),
                ("households", .int(b.households)), ("source", .string(b.sourceID)),
            ]
            if gas {
                properties += [
                    ("pressure_kpa", real(b.value, 4)), ("required_kpa", real(b.required, 4)), ("margin_kpa", real(b.margin, 4)),
                ]
            } else {
                properties += [
                    ("pressure_head_m", real(b.value, 3)), ("total_head_m", real(b.value + elevation, 3)),
                    ("required_head_m", real(b.required, 3)), ("margin_m", real(b.margin, 3)),
                ]
            }
            features.append(feature(geometry: point(b.nodeID), properties: properties))
        }

        var out = "{\"type\": \"FeatureCollection\", \"name\": " + JSONValue.quote(scenario.name)
        if origin == nil {
            out += ", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": " + JSONValue.quote(Self.localMetresWKT) + "}}"
        }
        out += ", \"connplan\": {\"export\": 1, \"utility\": \"\(scenario.utility.rawValue)\", \"coordinates\": \""
        out += origin == nil ? "local metres (x east, y north)" : "WGS84 longitude, latitude"
        out += "\", \"total_cost_cny\": \(Money.jsonNumber(plan.costs.totalFen)), \"total_cost_fen\": \(plan.costs.totalFen)}"
        out += ", \"features\": [\n"
        out += features.map { $0.compact() }.joined(separator: ",\n")
        out += "\n]}\n"
        return out
    }

    private func feature(geometry: JSONValue, properties: [(String, JSONValue)]) -> JSONValue {
        .object([("type", .string("Feature")), ("geometry", geometry), ("properties", .object(properties))])
    }
}

extension JSONValue {
    /// One-line JSON text (same number forms as `render`), for one feature per line in GeoJSON.
    func compact() -> String {
        switch self {
        case .array(let a): return "[" + a.map { $0.compact() }.joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { Self.quote($0.0) + ": " + $0.1.compact() }.joined(separator: ", ") + "}"
        default: return render()
        }
    }
}
