// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// HiGHS (through python3's `highspy`) on an MPS file, one thread, in its own process.
enum HighsRun {
    static let script = #"""
    import json, math, resource, sys, time
    import highspy
    path, limit, gap = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", limit)
    h.setOptionValue("mip_rel_gap", gap)
    h.readModel(path)
    t = time.perf_counter()
    h.run()
    dt = time.perf_counter() - t
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    def fin(x):
        return x if isinstance(x, (int, float)) and math.isfinite(x) else None
    has = info.primal_solution_status == 2
    out = {"status": status, "seconds": dt, "objective": fin(info.objective_function_value) if has else None,
           "gap": fin(info.mip_gap) if has else None, "nodes": int(info.mip_node_count),
           "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
           "version": highspy.Highs().version() if hasattr(highspy.Highs(), "version") else "?"}
    print(json.dumps(out))
    """#

    struct Output: Decodable {
        var status: String
        var seconds: Double
        var objective: Double?
        var gap: Double?
        var nodes: Int?
        var peak_mib: Double?
        var version: String?
    }

    /// True if `python3 -c 'import highspy'` succeeds.
    static func available() -> Bool {
        (try? ChildProcess.run(["/usr/bin/env", "python3", "-c", "import highspy"], timeoutSeconds: 60))?.exitCode == 0
    }

    static func run(mpsPath: String, timeLimitSeconds: Double, relativeGap: Double, workDirectory: String) -> RunRecord {
        let scriptPath = (workDirectory as NSString).appendingPathComponent("highs_run.py")
        do {
            if !FileManager.default.fileExists(atPath: scriptPath) {
                try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
            }
            let r = try ChildProcess.run(
                ["/usr/bin/env", "python3", scriptPath, mpsPath, "\(timeLimitSeconds)", "\(relativeGap)"],
                timeoutSeconds: timeLimitSeconds * 2 + 30)
            if r.timedOut { return RunRecord(solver: "highs", status: "timeout", message: "killed after the harness's deadline") }
            guard r.exitCode == 0, let line = r.stdout.split(separator: "\n").last,
                let o = try? JSONDecoder().decode(Output.self, from: Data(line.utf8))
            else { return RunRecord(solver: "highs", status: "error", message: "exit \(r.exitCode): \(r.stderr.suffix(400))") }
            let status: String
            switch o.status {
            case "Optimal": status = "optimal"
            case "Infeasible": status = "infeasible"
            case "Time limit reached": status = o.objective == nil ? "no_solution_within_time_limit" : "feasible"
            default: status = o.status
            }
            return RunRecord(solver: "highs", status: status, seconds: o.seconds, relativeGap: o.gap, nodes: o.nodes,
                             objectiveFen: o.objective, peakMebibytes: o.peak_mib, message: "HiGHS \(o.version ?? "?")")
        } catch {
            return RunRecord(solver: "highs", status: "error", message: "\(error)")
        }
    }
}
