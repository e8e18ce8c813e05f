// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs the real `connplan` executable as a subprocess, for end-to-end tests. The binary is the one
// in the same build products directory as the running test bundle, so a test run always exercises
// the executable built with the same --scratch-path and configuration (never a stale one from
// another build directory).

import Foundation

/// What one run of the executable produced: its exit status and everything it wrote.
public struct CLIResult: Sendable {
    public var arguments: [String]
    /// The exit status; 128 + N if the process died from signal N.
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// The command, its status and (shortened) stderr, for assertion messages.
    public var summary: String {
        let err = stderrText.count > 2000 ? String(stderrText.prefix(2000)) + "…" : stderrText
        return "connplan \(arguments.joined(separator: " ")) → exit \(status)\nstderr:\n\(err)"
    }
}

/// Why the executable could not be run. Each message says how to fix it.
public enum CLIRunnerError: Error, CustomStringConvertible {
    case executableNotFound(name: String, searched: [String])
    case launchFailed(path: String, reason: String)
    case timedOut(arguments: [String], seconds: Double)

    public var description: String {
        switch self {
        case .executableNotFound(let name, let searched):
            return """
                cannot find the '\(name)' executable next to the test bundle. Searched:
                \(searched.map { "  " + $0 }.joined(separator: "\n"))
                Fix: build it into the same build directory as the tests, e.g. \
                `swift build --scratch-path <dir> --product \(name)` before `swift test --scratch-path <dir>`, \
                or set \(CLIRunner.environmentOverride) to the executable's path.
                """
        case .launchFailed(let path, let reason):
            return "cannot launch \(path): \(reason)"
        case .timedOut(let arguments, let seconds):
            let command = "connplan " + arguments.joined(separator: " ")
            return "\(command) did not finish within \(seconds) s and was terminated (a guard against hangs, not a timing assertion)"
        }
    }
}

/// Runs one executable with arguments and captures its exit status, stdout and stderr.
public struct CLIRunner: Sendable {
    /// Environment variable that, when set, names the executable to test instead of searching.
    public static let environmentOverride = "CONNPLAN_EXECUTABLE"

    /// The package root (the directory holding Package.swift), from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    public let executableURL: URL

    public init(executableURL: URL) {
        self.executableURL = executableURL
    }

    /// Finds `name` in the build products directory of the running test bundle.
    ///
    /// SwiftPM puts the test bundle (`<Package>PackageTests.xctest`: an executable on Linux, a
    /// bundle directory on macOS) and every executable product in the same directory,
    /// `<scratch>/<triple>/<configuration>/`. Starting from every place the running test process can
    /// name (the loaded `.xctest` bundles, the main bundle, the process's own path), this walks up a
    /// few levels and stops at the first directory that holds an executable file `name`. It never
    /// leaves a build directory (it stops at a directory containing `Package.swift`), so it cannot
    /// pick up a binary from some other scratch path.
    public static func locate(_ name: String = "connplan") throws -> CLIRunner {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment[environmentOverride], !override.isEmpty {
            guard fm.isExecutableFile(atPath: override) else {
                throw CLIRunnerError.executableNotFound(
                    name: name, searched: ["\(environmentOverride)=\(override) (not an executable file)"])
            }
            return CLIRunner(executableURL: URL(fileURLWithPath: override))
        }
        var seeds: [URL] = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map(\.bundleURL)
        if let exe = Bundle.main.executableURL { seeds.append(exe) }
        seeds.append(Bundle.main.bundleURL)
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            seeds.append(URL(fileURLWithPath: arg0, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).absoluteURL)
        }
        var searched: [String] = []
        for seed in seeds {
            var dir = seed.resolvingSymlinksInPath().standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent(name)
                if !searched.contains(candidate.path) { searched.append(candidate.path) }
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fm.isExecutableFile(atPath: candidate.path)
                {
                    return CLIRunner(executableURL: candidate)
                }
                if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) || dir.path == "/" { break }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw CLIRunnerError.executableNotFound(name: name, searched: searched)
    }

    /// Runs the executable and waits for it.
    ///
    /// Output goes to temporary files rather than pipes, so a large output can never deadlock the
    /// child. stdin is /dev/null. `timeoutSeconds` only guards against a hang (the child is then
    /// terminated and `CLIRunnerError.timedOut` thrown); no test asserts on durations.
    public func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeoutSeconds: Double = 300
    ) throws -> CLIResult {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("connplan-cli-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            try? out.close()
            try? err.close()
            throw CLIRunnerError.launchFailed(path: executableURL.path, reason: "\(error)")
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 10)
            try? out.close()
            try? err.close()
            throw CLIRunnerError.timedOut(arguments: arguments, seconds: timeoutSeconds)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        // Like a shell: death by signal N is status 128 + N, so it can never pass for a connplan exit code.
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CLIResult(
            arguments: arguments, status: status,
            stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }
}
