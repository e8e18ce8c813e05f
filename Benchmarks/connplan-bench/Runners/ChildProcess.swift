// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Runs a command to completion with a deadline, capturing its output in temporary files (no pipe
/// can fill up and stall the child). Only the child started here is ever terminated.
enum ChildProcess {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    static func run(_ arguments: [String], timeoutSeconds: Double) throws -> Result {
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("connplan-bench-\(UUID().uuidString).out")
        let errURL = dir.appendingPathComponent("connplan-bench-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: arguments[0])
        p.arguments = Array(arguments.dropFirst())
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        var timedOut = false
        while p.isRunning {
            if ContinuousClock.now > deadline {
                timedOut = true
                p.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        return Result(
            exitCode: p.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            timedOut: timedOut)
    }

    /// This executable, for running one measurement per process.
    static var selfPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
