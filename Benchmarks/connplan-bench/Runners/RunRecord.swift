// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// What one solver run on one instance reported; written as JSON by the child process.
struct RunRecord: Codable, Sendable {
    var solver: String
    /// optimal | feasible | infeasible | no_solution_within_time_limit | error | timeout | skipped
    var status: String
    /// Wall-clock seconds of the solve (model building excluded for the plain runs).
    var seconds: Double?
    /// Seconds until the first master incumbent was seen in a progress callback (nil: none seen).
    var firstIncumbentSeconds: Double?
    var relativeGap: Double?
    var nodes: Int?
    var objectiveFen: Double?
    /// VmHWM of the process that ran the solve, MiB.
    var peakMebibytes: Double?
    var message: String?
}

enum PeakMemory {
    /// Peak resident set (VmHWM in /proc/self/status), MiB; nil where /proc is unavailable.
    static func mebibytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kib = line.split(separator: " ").compactMap { Double($0) }.first
            return kib.map { $0 / 1024 }
        }
        return nil
    }
}

/// Wall-clock seconds since `start`.
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
