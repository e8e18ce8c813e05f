// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One instance's results.
struct BenchRow {
    var spec: InstanceSpec
    var segments: Int
    var households: Int
    var ours: RunRecord?
    var plain: RunRecord?
    var highs: RunRecord?

    var logLine: String {
        func f(_ r: RunRecord?) -> String {
            guard let r else { return "-" }
            return "\(r.solver) \(r.status) \(r.seconds.map { String(format: "%.2fs", $0) } ?? "?") obj \(r.objectiveFen.map { String(format: "%.0f", $0) } ?? "-")"
                + (r.message.map { " [\($0)]" } ?? "")
        }
        return "\(spec.name): \(f(ours)) | \(f(plain)) | \(f(highs))"
    }
}

/// The Markdown results table (columns explained in docs/performance.md).
enum BenchTable {
    static func markdown(_ rows: [BenchRow], timeLimitSeconds: Double) -> String {
        var out = [
            "| instance | size | ours status | ours s | ours 1st inc s | ours gap | ours nodes | ours peak MiB | ours cost CNY | plain GLPK status | plain s | plain gap | HiGHS status | HiGHS s | HiGHS gap | plain cost CNY | HiGHS/ours |",
            "|---|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|---|--:|--:|--:|--:|",
        ]
        for r in rows {
            let size = "\(r.segments) seg, \(r.households) hh"
            let plainCost = r.highs?.objectiveFen ?? r.plain?.objectiveFen
            var ratio = "n/a"
            if let h = r.highs, let o = r.ours, o.status == "optimal", let hs = h.seconds, let os = o.seconds, os > 0 {
                ratio = h.status == "optimal" ? String(format: "%.2f", hs / os) : String(format: "> %.2f", hs / os)
            }
            out.append("| \(r.spec.name) | \(size) | \(st(r.ours)) | \(sec(r.ours?.seconds)) | \(sec(r.ours?.firstIncumbentSeconds)) | \(gap(r.ours)) | \(r.ours?.nodes.map(String.init) ?? "n/a") | \(r.ours?.peakMebibytes.map { String(format: "%.0f", $0) } ?? "n/a") | \(cny(r.ours?.objectiveFen)) | \(st(r.plain)) | \(sec(r.plain?.seconds)) | \(gap(r.plain)) | \(st(r.highs)) | \(sec(r.highs?.seconds)) | \(gap(r.highs)) | \(cny(plainCost)) | \(ratio) |")
        }
        out.append("")
        out.append("Time limit \(timeLimitSeconds) s per run. Errors and notes:")
        for r in rows {
            for rec in [r.ours, r.plain, r.highs].compactMap({ $0 }) where rec.status == "error" || rec.status == "timeout" {
                out.append("- \(r.spec.name) \(rec.solver): \(rec.message ?? "")")
            }
        }
        return out.joined(separator: "\n")
    }

    static func st(_ r: RunRecord?) -> String { r?.status ?? "skipped" }
    static func sec(_ s: Double?) -> String { s.map { String(format: "%.2f", $0) } ?? "n/a" }
    static func gap(_ r: RunRecord?) -> String {
        guard let r, let g = r.relativeGap else { return "n/a" }
        return String(format: "%.2f%%", g * 100)
    }
    static func cny(_ fen: Double?) -> String { fen.map { String(format: "%.2f", $0 / 100) } ?? "n/a" }
}
