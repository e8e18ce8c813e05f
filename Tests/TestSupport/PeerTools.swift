// SPDX-License-Identifier: GPL-3.0-or-later
//
// Peer tools used as oracles for the exports: python3 with WNTR (EPANET) or pandapipes, and GDAL's
// ogrinfo. `scripts/install-deps test` installs them; a test that cannot find one skips and says
// which and how to get it.

import Foundation

public enum PeerTools {
    /// Why a tool is unavailable, as an XCTSkip message; nil when it is available.
    public static func pythonModulesMissing(_ modules: [String]) -> String? {
        let env = CLIRunner(executableURL: URL(fileURLWithPath: "/usr/bin/env"))
        let probe = modules.map { "import \($0)" }.joined(separator: "; ")
        guard let r = try? env.run(["python3", "-c", probe], timeoutSeconds: 120) else {
            return "python3 could not be run; install it and run scripts/install-deps test"
        }
        guard r.status == 0 else {
            let last = r.stderrText.split(separator: "\n").last.map(String.init) ?? ""
            return "python3 cannot import \(modules.joined(separator: ", ")) (\(last)); scripts/install-deps test installs them"
        }
        return nil
    }

    /// The path of an executable on PATH (or in /usr/bin), nil if there is none.
    public static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a Python script (given as text) with arguments; stdout, stderr and status as a CLIResult.
    public static func runPython(_ script: String, arguments: [String] = [], timeoutSeconds: Double = 600) throws -> CLIResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("connplan-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("script.py")
        try Data(script.utf8).write(to: url)
        let env = CLIRunner(executableURL: URL(fileURLWithPath: "/usr/bin/env"))
        return try env.run(["python3", url.path] + arguments, timeoutSeconds: timeoutSeconds)
    }
}
