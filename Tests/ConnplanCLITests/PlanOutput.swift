// SPDX-License-Identifier: GPL-3.0-or-later
//
// The plan JSON read back with JSONSerialization (not with connplan's own types), so these tests
// check what a consumer of the file sees. Every accessor names the key it wanted when the shape is
// wrong.

import Foundation
import TestSupport

struct JSONShapeError: Error, CustomStringConvertible {
    var description: String
}

/// `connplan plan --format json` output, parsed.
struct PlanOutput {
    let root: [String: Any]
    let text: String

    init(_ result: CLIResult) throws {
        text = result.stdoutText
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: result.stdout)
        } catch {
            throw JSONShapeError(description: "stdout is not JSON (\(error)):\n\(text.prefix(2000))\n\(result.summary)")
        }
        guard let object = any as? [String: Any] else { throw JSONShapeError(description: "top level is not an object") }
        root = object
    }

    struct Segment {
        var id, from, to, source: String
        var owner: String?
        var dn: Int
        var lengthMetres: Double
        var costFen: Int
        var householdsDownstream: Int
    }

    func has(_ key: String) -> Bool { root[key] != nil }
    func isNull(_ key: String) -> Bool { root[key] is NSNull }
    func string(_ key: String) throws -> String { try Self.string(root[key], key) }
    func int(_ key: String) throws -> Int { try Self.int(root[key], key) }
    func double(_ key: String) throws -> Double { try Self.double(root[key], key) }
    func fen(_ key: String) throws -> Int { try Self.fen(root[key], key) }
    func object(_ key: String) throws -> [String: Any] {
        guard let o = root[key] as? [String: Any] else { throw JSONShapeError(description: "'\(key)' is not an object") }
        return o
    }
    func objects(_ key: String) throws -> [[String: Any]] {
        guard let a = root[key] as? [[String: Any]] else { throw JSONShapeError(description: "'\(key)' is not an array of objects") }
        return a
    }
    func strings(_ key: String) throws -> [String] {
        guard let a = root[key] as? [String] else { throw JSONShapeError(description: "'\(key)' is not an array of strings") }
        return a
    }

    func segments() throws -> [Segment] {
        try objects("segments").map { s in
            let id = try Self.string(s["id"], "segments[].id")
            for key in ["id", "from", "to", "dn", "length_m", "cost_cny"] where s[key] == nil {
                throw JSONShapeError(description: "segment \(id) has no '\(key)'")
            }
            return Segment(
                id: id, from: try Self.string(s["from"], "\(id).from"), to: try Self.string(s["to"], "\(id).to"),
                source: try Self.string(s["source"], "\(id).source"), owner: s["owner"] as? String,
                dn: try Self.int(s["dn"], "\(id).dn"), lengthMetres: try Self.double(s["length_m"], "\(id).length_m"),
                costFen: try Self.fen(s["cost_cny"], "\(id).cost_cny"),
                householdsDownstream: try Self.int(s["households_downstream"], "\(id).households_downstream"))
        }
    }

    /// Ids of every building and the source that feeds it.
    func buildingSources() throws -> [String: String] {
        var out: [String: String] = [:]
        for b in try objects("buildings") {
            out[try Self.string(b["id"], "buildings[].id")] = try Self.string(b["source"], "buildings[].source")
        }
        return out
    }

    /// Ids of the excluded segments and sources with their reasons.
    func excluded() throws -> [String: String] {
        var out: [String: String] = [:]
        for e in try objects("excluded") {
            out[try Self.string(e["id"], "excluded[].id")] = try Self.string(e["reason"], "excluded[].reason")
        }
        return out
    }

    static func string(_ v: Any?, _ what: String) throws -> String {
        guard let s = v as? String else { throw JSONShapeError(description: "'\(what)' is not a string: \(String(describing: v))") }
        return s
    }
    static func double(_ v: Any?, _ what: String) throws -> Double {
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        if let n = v as? NSNumber { return n.doubleValue }
        throw JSONShapeError(description: "'\(what)' is not a number: \(String(describing: v))")
    }
    static func int(_ v: Any?, _ what: String) throws -> Int {
        let d = try double(v, what)
        guard d == d.rounded(), abs(d) < 1e15 else { throw JSONShapeError(description: "'\(what)' is not a whole number: \(d)") }
        return Int(d)
    }
    /// A CNY amount in fen. Amounts are printed with two decimals; the nearest double to such a
    /// decimal, times 100, rounds back to the exact fen for any amount below 2^53 fen.
    static func fen(_ v: Any?, _ what: String) throws -> Int {
        let d = try double(v, what)
        let f = (d * 100).rounded()
        guard abs(d * 100 - f) < 1e-6 else { throw JSONShapeError(description: "'\(what)' = \(d) is not a whole number of fen") }
        return Int(f)
    }
}
